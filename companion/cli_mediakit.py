"""`companion mediakit -o kit.pdf`: the media kit from the command line, the same file the window exports.

The saved profile and the Media Kit page's last choices are used; --theme, --sections,
--accounts and --paper override them for this run only (nothing is saved).
"""

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from companion.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

NO_ACCOUNTS = "No accounts yet: add one on the Audience page, or import your numbers, first."


def add_mediakit_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from companion.cli import _common_options

    mediakit = commands.add_parser(
        "mediakit",
        parents=[_common_options()],
        help="write the media kit PDF (the Media Kit page's profile and last choices)",
    )
    mediakit.add_argument(
        "-o", "--output", metavar="FILE", type=Path, required=True, help="where to save the PDF"
    )
    mediakit.add_argument("--theme", metavar="NAME", help="fresh, editorial or midnight")
    mediakit.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated, e.g. profile,key_figures,platforms,audience,partners",
    )
    mediakit.add_argument(
        "--accounts",
        metavar="LIST",
        help="comma-separated handles, or PLATFORM:HANDLE (default: the page's choice)",
    )
    mediakit.add_argument("--paper", choices=("a4", "letter"), help="paper size")
    mediakit.set_defaults(handler=run_mediakit)


def run_mediakit(args: argparse.Namespace) -> int:
    from companion.core.mediakit_profile import InvalidKit, Paper, parse_sections, theme_by_id
    from companion.exporters.mediakit_pdf import ExportFailed, export_media_kit
    from companion.store.database import open_store
    from companion.store.location import resolve_database_path
    from companion.store.mediakit import chosen_accounts, load_choices, load_media_kit
    from companion.store.reports import find_accounts

    db_path = resolve_database_path(args.db)
    if not db_path.exists():
        return _fail(f"There is no database at {db_path}.", EXIT_FAILED)
    if not args.output.parent.is_dir():
        return _fail(f"{args.output}: the folder {args.output.parent} does not exist.", EXIT_FAILED)
    with open_store(db_path, exclusive=False) as store:
        choices = load_choices(store)
        try:
            if args.theme:
                choices = replace(choices, theme=theme_by_id(args.theme).id)
            if args.sections is not None:
                choices = replace(choices, sections=parse_sections(args.sections))
        except InvalidKit as error:
            return _fail(str(error), EXIT_USAGE)
        if args.paper:
            choices = replace(choices, paper=Paper(args.paper))
        if args.accounts:
            wanted = [name.strip() for name in args.accounts.split(",") if name.strip()]
            ids: list[int] = []
            for name in wanted:
                found = find_accounts(store, name)
                if not found:
                    known = ", ".join(a.shown_handle for a in find_accounts(store)) or "none yet"
                    return _fail(
                        f"No account with the handle {name!r}. Accounts: {known}.", EXIT_FAILED
                    )
                ids += [a.id for a in found if a.id not in ids]
            choices = replace(choices, accounts=tuple(ids))
        if not chosen_accounts(store, choices):
            return _fail(NO_ACCOUNTS, EXIT_FAILED)
        kit = load_media_kit(store, choices, date.today())
    try:
        pages = export_media_kit(kit, theme_by_id(choices.theme), choices.paper, args.output)
    except ExportFailed as error:
        return _fail(str(error), EXIT_FAILED)
    print(
        f"Saved {args.output}: the media kit of {kit.name or 'your accounts'}, "
        f"{pages} page{'s' if pages != 1 else ''}, figures as of {kit.as_of:%d %b %Y}."
    )
    return EXIT_OK


def _fail(message: str, code: int) -> int:
    print(f"companion: {message}", file=sys.stderr)
    return code
