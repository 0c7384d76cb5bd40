"""The exit codes of the `companion` command and the window: 0 done, 1 failed, 2 usage, 3 unusable database."""

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_DATABASE_UNUSABLE = 3
