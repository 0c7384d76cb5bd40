"""`companion import PATH [--account HANDLE] [--dry-run] [--yes]`: a platform's export files, a
folder or an export ZIP, detected, shown, confirmed and merged into the record.

Before anything is written the command prints what it found and which account each file
goes to. With a terminal it asks; `--yes` accepts what was detected (adding accounts that
do not exist yet); with neither, nothing is written and the exit status is 1. `--dry-run`
reads everything and says what would change. A refused file (damaged, or a single file no
importer knows) makes the exit status 1 too, while the others are imported; files in a
folder or ZIP that are not exports, or hold nothing the app keeps, are listed as skipped.
"""

import argparse
import contextlib
import gc
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from companion.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from companion.importers.detect import Scan, Target
    from companion.importers.generic_csv import RowTally
    from companion.store.database import Store
    from companion.store.upsert import UpsertCounts


def add_import_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from companion.cli import _common_options

    command = commands.add_parser(
        "import",
        parents=[_common_options()],
        help="import a platform's export: a file, a folder or an export ZIP",
        description="Import YouTube Studio, TikTok Studio, Instagram, X or Meta Business Suite "
        "exports. Shows what was found and asks before writing.",
    )
    command.add_argument("path", metavar="PATH", type=Path, help="a file, a folder or a ZIP")
    command.add_argument(
        "--account",
        metavar="HANDLE",
        help="the account to import into: its handle, or PLATFORM:HANDLE",
    )
    command.add_argument(
        "--dry-run", action="store_true", help="read everything and say what would change"
    )
    command.add_argument(
        "--yes",
        action="store_true",
        help="accept what was detected without asking (adding accounts that do not exist)",
    )
    command.set_defaults(handler=run_import_command)


def run_import_command(args: argparse.Namespace) -> int:
    from companion.importers.detect import scan
    from companion.importers.errors import ImportFailed
    from companion.store.database import open_store
    from companion.store.location import resolve_database_path

    if not args.path.exists():
        _fail(f"{args.path} does not exist.")
        return EXIT_USAGE
    today = date.today()
    with scan([args.path], today) as found:
        _print_found(found)
        if not found.found:
            _fail(
                "nothing was imported: the file(s) above were refused."
                if found.refused
                else "nothing to import: no file there holds numbers the app keeps."
            )
            return EXIT_FAILED
        db_path = resolve_database_path(args.db)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with open_store(db_path) as store:
            try:
                return _import(store, found, args, today)
            except ImportFailed as error:
                _fail(f"{error.describe()} Nothing was written.")
                return EXIT_FAILED


def _import(store: "Store", found: "Scan", args: argparse.Namespace, today: date) -> int:
    from companion.importers.detect import propose_targets
    from companion.importers.platform_plan import summary
    from companion.store.accounts import list_accounts

    accounts = list_accounts(store)
    targets = propose_targets([f.export for f in found.found], accounts, args.account)
    _print_targets(found, targets)
    problems = [t.problem for t in targets if t.problem]
    if problems:
        _fail("nothing was written: " + problems[0])
        return EXIT_FAILED
    if args.dry_run:
        tally, counts = run_import(store, found, targets, today, check_only=True)
        print(f"Dry run, nothing written. Would import: {summary(tally, counts)}")
        _print_rejections(tally)
        return EXIT_FAILED if found.refused else EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            _fail(
                "nothing was written: there is no terminal to confirm on. "
                "Run again with --yes to accept what was detected."
            )
            return EXIT_FAILED
        if not _confirm("Import these files into these accounts? [y/N] "):
            print("Nothing was imported.")
            return EXIT_FAILED
    tally, counts = run_import(store, found, targets, today, check_only=False)
    print(f"Imported: {summary(tally, counts)}")
    _print_rejections(tally)
    return EXIT_FAILED if found.refused else EXIT_OK


def run_import(
    store: "Store", found: "Scan", targets: Sequence["Target"], today: date, *, check_only: bool
) -> tuple["RowTally", "UpsertCounts"]:
    """Import what was found into the targets, in one transaction, as `companion import` does."""
    from companion.importers.platform_plan import accounts_to_add, run_plan
    from companion.store.imports import import_with_accounts, run_steps

    steps = import_with_accounts(
        store,
        accounts_to_add(targets),
        lambda added, write: run_plan(found, targets, added, write, today),
        check_only=check_only,
    )
    with _cycle_collector_paused():
        tally, counts, _added = run_steps(steps)
    return tally, counts


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """An import makes millions of short-lived objects without cycles, which reference counting
    frees; the cycle collector would only walk them again and again (≈10 % of a large import).
    The window does the same: there the collector runs on the GUI thread only, never during a
    worker's import."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _print_rejections(tally: "RowTally") -> None:
    from companion.importers.platform_plan import rejection_lines

    for line in rejection_lines(tally):
        print(f"  {line}")


def _print_found(found: "Scan") -> None:
    if found.found:
        print(f"Found {len(found.found)} file(s) to import:")
    for number, item in enumerate(found.found, start=1):
        print(f"  {number}. {item.export.source.shown}\n     {item.describe()}")
    if found.unusable:
        print("Not imported:")
    for unusable in found.unusable:
        mark = "refused" if unusable.refused else "skipped"
        print(f"  {mark}: {unusable.describe()}")


def _print_targets(found: "Scan", targets: Sequence["Target"]) -> None:
    print("Goes to:")
    for number, (_item, target) in enumerate(zip(found.found, targets, strict=True), start=1):
        print(f"  {number}. → {target.describe()}")


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _fail(message: str) -> None:
    print(f"companion: {message}", file=sys.stderr)
