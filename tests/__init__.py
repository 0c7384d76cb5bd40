"""Creator Companion's tests; the tree mirrors `companion/`."""
