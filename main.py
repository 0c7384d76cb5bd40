"""`python main.py` opens Creator Companion (or runs a sub-command: see `--help`)."""

import sys

from companion.cli import main

if __name__ == "__main__":
    sys.exit(main())
