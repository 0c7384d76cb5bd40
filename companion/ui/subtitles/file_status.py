"""How a subtitle file the record knows is doing, in words and a colour: the result of its last check."""

from datetime import datetime

from companion.core.subtitles.checks import Severity
from companion.store.subtitle_files import SubtitleFile
from companion.ui.pages.base import count_phrase


def check_text(file: SubtitleFile) -> str:
    """ "2 warnings · checked 20 Nov" (the year shown for other years) or "not checked yet"."""
    summary = file.last_check
    if summary is None or file.last_checked is None:
        return "not checked yet"
    if not summary.errors and not summary.warnings:
        found = "no problems"
    else:
        parts = []
        if summary.errors:
            parts.append(count_phrase(summary.errors, "error"))
        if summary.warnings:
            parts.append(count_phrase(summary.warnings, "warning"))
        found = ", ".join(parts)
    return f"{found} · checked {_day(file.last_checked)}"


def worst_severity(file: SubtitleFile) -> Severity | None:
    """The worst kind of finding the last check had; None when clean or not checked."""
    summary = file.last_check
    if summary is None:
        return None
    if summary.errors:
        return Severity.ERROR
    return Severity.WARNING if summary.warnings else None


def _day(moment: datetime) -> str:
    # The year only when it is not this one: the line has to fit a narrow list.
    local = moment.astimezone()
    if local.year == datetime.now().astimezone().year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"
