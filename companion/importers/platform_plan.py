"""One platform import from start to end, without the store: which accounts to add, every file
run into its account, and the summary the creator reads afterwards.

The command line (`cli_import`) and the window (`ui.platform_import`) both run an import
through `store.imports.import_with_accounts` with `run_plan` as its run.
"""

from collections.abc import Callable, Generator, Sequence
from datetime import date

from companion.core.accounts import Account, handle_key
from companion.core.platforms import Platform
from companion.importers.detect import Scan, Target
from companion.importers.exports import run_exports
from companion.importers.generic_csv import ImportProgress, MergeCounts, RowTally

LISTED_REJECTIONS = 10


def accounts_to_add(targets: Sequence[Target]) -> list[tuple[Platform, str]]:
    """The (platform, handle) of each account the targets need added, once each."""
    wanted: list[tuple[Platform, str]] = []
    for target in targets:
        key = (target.platform, target.handle or "")
        if target.is_new and key not in wanted:
            wanted.append(key)
    return wanted


def run_plan(
    found: Scan,
    targets: Sequence[Target],
    added: Sequence[Account],
    write: Callable[[list], object],
    today: date,
) -> Generator[ImportProgress, None, RowTally]:
    """Every file found, into its target (the accounts just added included)."""

    def account_id(target: Target) -> int:
        if target.account is not None:
            return target.account.id
        return next(
            a.id
            for a in added
            if a.platform is target.platform
            and handle_key(a.handle) == handle_key(target.handle or "")
        )

    files = [(f.export, account_id(t)) for f, t in zip(found.found, targets, strict=True)]
    return run_exports(files, write, today, found.rows_expected)


def summary(tally: RowTally, counts: MergeCounts) -> str:
    """ "12 new, 3 updated, 40 unchanged, 2 rejected." and why rows were left out."""
    merged_out = getattr(counts, "rejected", 0)
    rejected = tally.rejected_total + merged_out
    text = (
        f"{counts.new:,} new, {counts.updated:,} updated, {counts.unchanged:,} unchanged, "
        f"{rejected:,} rejected."
    )
    if merged_out:
        text += (
            f" {merged_out:,} day(s) of reach, impressions or profile views were left out: the "
            "record has no follower count for those days (import the followers file too)."
        )
    return text


def rejection_lines(tally: RowTally, limit: int = LISTED_REJECTIONS) -> list[str]:
    """The first rejected rows, each with its line, field and reason."""
    lines = [message.describe() for message in tally.rejected[:limit]]
    if tally.rejected_total > limit:
        lines.append(f"… and {tally.rejected_total - limit:,} more rejected rows.")
    return lines
