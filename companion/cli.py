"""The `companion` command: the window by default, and the headless sub-commands.

Exit codes: 0 done; 1 the command failed (the message says why); 2 wrong usage;
3 the database cannot be used (damaged, from a newer version, read-only, in use).
"""

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from companion import APP_NAME, __version__
from companion.cli_import import add_import_command
from companion.cli_mediakit import add_mediakit_command
from companion.exit_codes import EXIT_DATABASE_UNUSABLE, EXIT_FAILED, EXIT_OK, EXIT_USAGE
from companion.store.errors import DatabaseUnusable, StoreError
from companion.store.location import DATABASE_ENV, demo_database_path, resolve_database_path

if TYPE_CHECKING:
    from companion.core.subtitles.cues import Document
    from companion.core.subtitles.rules import Rules

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_window(args)
        return handler(args)
    except DatabaseUnusable as error:
        _fail(error.message)
        return EXIT_DATABASE_UNUSABLE
    except StoreError as error:
        _fail(error.message)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def _open_window(args: argparse.Namespace) -> int:
    from companion.ui.app import run_app

    if args.demo:
        db_path = Path(args.db).expanduser().absolute() if args.db else demo_database_path()
        _ensure_demo(db_path)
        return run_app(db_path, read_only=args.read_only)
    explicit = args.db or os.environ.get(DATABASE_ENV)
    return run_app(resolve_database_path(args.db) if explicit else None, read_only=args.read_only)


def _ensure_demo(db_path: Path) -> None:
    from companion.demo import generate_demo
    from companion.store.database import open_store
    from companion.store.records import has_records

    with open_store(db_path) as store:
        if not has_records(store):
            generate_demo(store)


def _fail(message: str) -> None:
    print(f"companion: {message}", file=sys.stderr)


def _common_options() -> argparse.ArgumentParser:
    """--db and --verbose, accepted before or after the command.

    A fresh parser each time: argparse shares option objects with the parsers built
    from it, and the top level's defaults must not leak into the commands'.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the database file (default: ${DATABASE_ENV}, else the user data folder)",
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log details"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description=f"{APP_NAME}: with no command, opens the window.",
        parents=[_common_options()],
    )
    parser.set_defaults(db=None, verbose=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo creator's database (made on first use) instead of your own",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="open the window without changing the database"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", parents=[_common_options()], help="fill a new, empty database with the demo creator"
    )
    demo.add_argument(
        "--scale",
        type=_positive_int,
        default=1,
        metavar="N",
        help="N times the posts (and, from 2, six accounts and longer history) for benchmarks",
    )
    demo.set_defaults(handler=_demo)

    backup = commands.add_parser(
        "backup", parents=[_common_options()], help="back the database up now"
    )
    backup.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write the backup here instead"
    )
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser(
        "restore",
        parents=[_common_options()],
        help="replace the database with a backup (checked first)",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    restore.set_defaults(handler=_restore)

    stats = commands.add_parser(
        "stats",
        parents=[_common_options()],
        help="growth, tier and engagement per account, as the Dashboard shows them",
    )
    stats.add_argument(
        "--account", metavar="HANDLE", help="only this account: its handle, or PLATFORM:HANDLE"
    )
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")
    stats.set_defaults(handler=_stats)

    backups = commands.add_parser(
        "backups", parents=[_common_options()], help="list the backups kept"
    )
    backups.set_defaults(handler=_list_backups)
    _add_subs_commands(commands)
    add_mediakit_command(commands)
    add_import_command(commands)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _demo(args: argparse.Namespace) -> int:
    from companion.demo import generate_demo
    from companion.store.database import open_store
    from companion.store.records import has_records

    db_path = resolve_database_path(args.db)
    with open_store(db_path) as store:
        if has_records(store):
            _fail(
                f"{db_path} already holds data; the demo goes into a new or empty database. "
                "Choose another path with --db."
            )
            return EXIT_FAILED
        summary = generate_demo(store, scale=args.scale)
    print(f"Demo data written to {db_path}: {summary.describe()}.")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from companion.store.backup import take_backup
    from companion.store.database import open_store

    db_path = resolve_database_path(args.db)
    if not db_path.exists():
        _fail(f"There is no database at {db_path} to back up.")
        return EXIT_FAILED
    with open_store(db_path, exclusive=False) as store:
        path = take_backup(store, reason="manual", target=args.output)
    print(f"Backed up to {path}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from companion.store.backup import restore_backup
    from companion.store.database import instance_lock, open_store

    db_path = resolve_database_path(args.db)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with instance_lock(db_path):
        kept = restore_backup(db_path, args.file)
    # Opening brings an older backup up to the current schema (with a backup first).
    open_store(db_path).close()
    print(f"Restored {args.file} into {db_path}.")
    if kept is not None:
        print(f"The database it replaced is kept as {kept}")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from companion.core.report import report_as_dict
    from companion.exporters.text_report import format_report
    from companion.store.database import open_store
    from companion.store.reports import account_reports, find_accounts
    from companion.store.settings import load_settings

    db_path = resolve_database_path(args.db)
    if not db_path.exists():
        _fail(f"There is no database at {db_path}.")
        return EXIT_FAILED
    today = date.today()
    with open_store(db_path, exclusive=False) as store:
        accounts = find_accounts(store, args.account)
        if args.account and not accounts:
            known = ", ".join(a.shown_handle for a in find_accounts(store)) or "none yet"
            _fail(f"No account with the handle {args.account!r}. Accounts: {known}.")
            return EXIT_FAILED
        reports = account_reports(store, load_settings(store), today, accounts)
    if args.json:
        document = {"as_of": today.isoformat(), "accounts": [report_as_dict(r) for r in reports]}
        print(json.dumps(document, indent=2, ensure_ascii=False))
    elif not reports:
        print("No accounts yet: add one on the Audience page, or import your numbers.")
    else:
        print("\n\n".join(format_report(r) for r in reports))
    return EXIT_OK


def _list_backups(args: argparse.Namespace) -> int:
    from companion.store.backup import backup_folder, list_backups

    db_path = resolve_database_path(args.db)
    backups = list_backups(db_path)
    if not backups:
        print(f"No backups yet in {backup_folder(db_path)}")
    for backup in backups:
        print(f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {backup.reason:<16}  {backup.path}")
    return EXIT_OK


def _add_subs_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    subs = commands.add_parser(
        "subs",
        parents=[_common_options()],
        help="check, convert and re-time subtitle files (.vtt, .srt, .sbv)",
    )
    actions = subs.add_subparsers(
        title="subtitle commands", metavar="ACTION", dest="subs_action", required=True
    )
    check = _subs_action(
        actions,
        "check",
        _subs_check,
        "list the problems in a subtitle file; exit status 1 when there are errors",
    )
    check.add_argument("file", metavar="FILE", type=Path)
    check.add_argument("--json", action="store_true", help="print JSON instead of text")
    check.add_argument(
        "--default-rules",
        action="store_true",
        help="check against the default rules, not the ones chosen in the app "
        "(Subtitles ▸ Checks ▸ Settings, kept in the database)",
    )

    convert = _subs_action(
        actions,
        "convert",
        _subs_convert,
        "save subtitles in the format OUT's name asks for (.vtt or .srt); "
        "cues that cannot be read are left out and listed",
    )
    convert.add_argument("input", metavar="IN", type=Path)
    convert.add_argument("output", metavar="OUT", type=Path)
    _add_save_options(convert)

    shift = _subs_action(
        actions,
        "shift",
        _subs_shift,
        "show every cue MS milliseconds later (negative: earlier); a shift that would "
        "move a cue before 0:00 is refused",
    )
    shift.add_argument("file", metavar="FILE", type=Path)
    shift.add_argument("ms", metavar="MS", type=int, help="milliseconds, e.g. 1500 or -250")
    shift.add_argument(
        "-o", "--output", metavar="OUT", type=Path, required=True, help="where to save"
    )
    _add_save_options(shift)


def _subs_action(
    actions: "argparse._SubParsersAction[argparse.ArgumentParser]",
    name: str,
    run: Handler,
    help: str,
) -> argparse.ArgumentParser:
    action = actions.add_parser(name, parents=[_common_options()], help=help)
    action.set_defaults(handler=_subtitle_command(run))
    return action


def _add_save_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep-encoding", action="store_true", help="save in the file's own encoding, not UTF-8"
    )
    parser.add_argument(
        "--keep-line-endings",
        action="store_true",
        help="keep the file's line endings (e.g. Windows CRLF), not LF",
    )


def _subtitle_command(run: Handler) -> Handler:
    """A file that cannot be read or written ends the command with its message, exit 1."""

    def handler(args: argparse.Namespace) -> int:
        from companion.core.subtitles.cues import SubtitleError
        from companion.importers.errors import ImportFailed

        try:
            return run(args)
        except (ImportFailed, SubtitleError) as error:
            _fail(str(error))
            return EXIT_FAILED

    return handler


def _subs_check(args: argparse.Namespace) -> int:
    import json

    from companion.core.subtitles.checks import check_document, report_as_dict, summarize
    from companion.exporters.subtitles import check_report
    from companion.importers.subtitles import read_subtitles

    document = read_subtitles(args.file)
    findings = check_document(document, _subtitle_rules(args))
    if args.json:
        report = {"file": str(args.file), **report_as_dict(document, findings)}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(check_report(document, findings, args.file.name))
    return EXIT_FAILED if summarize(findings).errors else EXIT_OK


def _subtitle_rules(args: argparse.Namespace) -> "Rules":
    """The rules chosen in the app, from the database if there is one; else the defaults."""
    from companion.core.subtitles.rules import default_rules
    from companion.store.database import open_store
    from companion.store.subtitle_files import load_subtitle_rules

    db_path = resolve_database_path(args.db)
    if args.default_rules or not db_path.is_file():
        return default_rules()
    with open_store(db_path, read_only=True, exclusive=False) as store:
        return load_subtitle_rules(store)


def _subs_convert(args: argparse.Namespace) -> int:
    from companion.importers.subtitles import read_subtitles

    if not _can_save_as(args.output):
        return EXIT_USAGE
    return _save_subtitles(read_subtitles(args.input), args)


def _subs_shift(args: argparse.Namespace) -> int:
    from companion.core.subtitles.cues import clock
    from companion.core.subtitles.timing import earliest_shift, shift
    from companion.importers.subtitles import read_subtitles

    if not _can_save_as(args.output):
        return EXIT_USAGE
    document = read_subtitles(args.file)
    earliest = earliest_shift(document.cues)
    if document.cues and args.ms < earliest:
        first = min(document.cues, key=lambda cue: min(cue.start_ms, cue.end_ms))
        _fail(
            f"Shifting by {args.ms} ms would move the cue at {clock(first.start_ms)} before "
            f"0:00; the most the cues can move earlier is {earliest} ms. Nothing was saved."
        )
        return EXIT_FAILED
    return _save_subtitles(document.with_cues(shift(document.cues, args.ms)), args)


def _can_save_as(path: Path) -> bool:
    from companion.core.subtitles.cues import SubtitleError
    from companion.exporters.subtitles import save_format

    try:
        save_format(path)
    except SubtitleError as error:
        _fail(str(error))
        return False
    return True


def _save_subtitles(document: "Document", args: argparse.Namespace) -> int:
    from companion.exporters.subtitles import save_format, write_subtitles

    for problem in document.problems:
        where = f"line {problem.line}: " if problem.line else ""
        print(f"companion: warning: {where}{problem.message}", file=sys.stderr)
    write_subtitles(
        document,
        args.output,
        keep_encoding=args.keep_encoding,
        keep_line_endings=args.keep_line_endings,
    )
    encoding = document.source.encoding_name if args.keep_encoding else "UTF-8"
    label = save_format(args.output).label
    print(f"Saved {args.output}: {len(document.cues):,} cues as {label}, {encoding}.")
    return EXIT_OK
