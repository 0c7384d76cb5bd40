"""Performance benchmarks: `python tests/benchmarks/run.py [NAME ...]`."""
