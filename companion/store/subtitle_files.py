"""The subtitle files the record knows: where each is, which video and post it belongs to, and its last check.

Also the creator's subtitle rules (limits and checks switched off), kept in the setting table.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.core.subtitles.checks import CheckSummary
from companion.core.subtitles.rules import Rules, default_rules, rules_as_dict, rules_from_dict
from companion.store.database import Store
from companion.store.errors import StoreError

RULES_KEY = "subtitle_rules"
_FIELDS = "id, path, video_title, language, post_id, last_checked, last_check_summary"


@dataclass(frozen=True, slots=True)
class SubtitleFile:
    """A subtitle file on disk, as the record knows it; `last_check` is None until it is checked."""

    id: int
    path: Path
    video_title: str | None = None
    language: str | None = None
    post_id: int | None = None
    last_checked: datetime | None = None
    last_check: CheckSummary | None = None

    @property
    def name(self) -> str:
        return self.path.name


def list_subtitle_files(store: Store) -> list[SubtitleFile]:
    """Every known file, by name."""
    rows = store.query(f"SELECT {_FIELDS} FROM subtitle_file ORDER BY path")
    return sorted((_file(row) for row in rows), key=lambda file: file.name.casefold())


def get_subtitle_file(store: Store, file_id: int) -> SubtitleFile | None:
    rows = store.query(f"SELECT {_FIELDS} FROM subtitle_file WHERE id = ?", (file_id,))
    return _file(rows[0]) if rows else None


def find_subtitle_file(store: Store, path: Path) -> SubtitleFile | None:
    rows = store.query(
        f"SELECT {_FIELDS} FROM subtitle_file WHERE path = ?", (str(_absolute(path)),)
    )
    return _file(rows[0]) if rows else None


def add_subtitle_file(
    store: Store, path: Path, video_title: str | None = None, language: str | None = None
) -> SubtitleFile:
    """Remember a file (by its absolute path); a file already known is returned as it is."""
    known = find_subtitle_file(store, path)
    if known is not None:
        return known
    row = {"path": str(_absolute(path)), "video_title": video_title, "language": language}
    with store.transaction():
        file_id = store.db["subtitle_file"].insert(row).last_pk
    return SubtitleFile(file_id, _absolute(path), video_title, language)


def record_check(
    store: Store, file_id: int, summary: CheckSummary, when: datetime | None = None
) -> None:
    """Keep the result of the file's latest check, and when it ran."""
    when = (when or datetime.now(UTC)).astimezone(UTC)
    data = {"errors": summary.errors, "warnings": summary.warnings, "safe": summary.safe_fixes}
    with store.transaction():
        store.conn.execute(
            "UPDATE subtitle_file SET last_checked = ?, last_check_summary = ? WHERE id = ?",
            (when.isoformat(timespec="seconds"), json.dumps(data), file_id),
        )


def link_to_post(store: Store, file_id: int, post_id: int | None) -> int | None:
    """Link the file to a post (None: unlink it); returns the post it was linked to (for undo)."""
    rows = store.query("SELECT post_id FROM subtitle_file WHERE id = ?", (file_id,))
    if not rows:
        raise StoreError("That subtitle file is no longer in the record.", store.path)
    with store.transaction():
        store.conn.execute("UPDATE subtitle_file SET post_id = ? WHERE id = ?", (post_id, file_id))
    return rows[0]["post_id"]


def forget_subtitle_file(store: Store, file_id: int) -> None:
    """Take a file off the list; the file on disk is left alone."""
    with store.transaction():
        store.conn.execute("DELETE FROM subtitle_file WHERE id = ?", (file_id,))


def files_by_post(store: Store) -> dict[int, list[SubtitleFile]]:
    """The files linked to each post that has one, by post id."""
    rows = store.query(
        f"SELECT {_FIELDS} FROM subtitle_file WHERE post_id IS NOT NULL ORDER BY path"
    )
    linked: dict[int, list[SubtitleFile]] = {}
    for row in rows:
        linked.setdefault(row["post_id"], []).append(_file(row))
    return linked


def load_subtitle_rules(store: Store) -> Rules:
    """The rules the creator chose; the defaults until they change one."""
    rows = store.query("SELECT value FROM setting WHERE key = ?", (RULES_KEY,))
    if not rows:
        return default_rules()
    try:
        return rules_from_dict(json.loads(rows[0]["value"]))
    except json.JSONDecodeError:
        return default_rules()


def save_subtitle_rules(store: Store, rules: Rules) -> None:
    with store.transaction():
        store.db["setting"].upsert(
            {"key": RULES_KEY, "value": json.dumps(rules_as_dict(rules))}, pk="key"
        )


def _file(row: dict[str, Any]) -> SubtitleFile:
    return SubtitleFile(
        id=row["id"],
        path=Path(row["path"]),
        video_title=row["video_title"],
        language=row["language"],
        post_id=row["post_id"],
        last_checked=_moment(row["last_checked"]),
        last_check=_summary(row["last_check_summary"]),
    )


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _summary(text: str | None) -> CheckSummary | None:
    """The stored result; None for none, or for one written by hand that cannot be read."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return CheckSummary(int(data["errors"]), int(data["warnings"]), int(data["safe"]))
    except (ValueError, TypeError, KeyError):
        return None


def _absolute(path: Path) -> Path:
    return Path(path).expanduser().absolute()
