"""Finding platform exports in what the creator dropped: a file, a folder, or an export ZIP.

Every file is identified by its content (header, JSON keys, sheet), not only by its name,
and described as the import will read it ("YouTube Studio, per-video table, 2020-04-29 –
2024-01-08, 12 rows"). Files that cannot be imported are listed with the reason.

ZIPs are unpacked into a private temporary folder, member by member, and never trusted:
a member's own path is not used on disk (so "../" names cannot escape), only the file
kinds the importers read are unpacked, and a member that claims or turns out to unpack
beyond `MAX_MEMBER_BYTES`, or far beyond its compressed size (a ZIP bomb), is skipped.
"""

import tempfile
import zipfile
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

from companion.core.accounts import Account, handle_key
from companion.core.platforms import Platform
from companion.importers import (
    instagram_dyi,
    meta_business,
    tiktok_studio,
    x_analytics,
    youtube_studio,
)
from companion.importers.csv_table import read_layout
from companion.importers.errors import ImportFailed
from companion.importers.exports import (
    ExportFile,
    Source,
    Survey,
    Table,
    Unusable,
    csv_table,
    describe,
    survey,
)

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
SUFFIXES = TEXT_SUFFIXES | {".json", ".xlsx", ".html"}
MAX_MEMBER_BYTES = 1024**3
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_RATIO = 200
"""A member may unpack to at most this many times its packed size (text packs ~10×)."""
RATIO_FLOOR_BYTES = 16 * 1024**2
"""Below this unpacked size the ratio is not checked: small files of repeated text pack well."""
MAX_MEMBERS = 20_000
CHUNK = 1024 * 1024
LINKEDIN_SHEETS = frozenset({"discovery", "engagement", "followers"})
_CSV_FORMATS = (tiktok_studio, x_analytics, meta_business, youtube_studio)
KNOWN = "YouTube Studio, TikTok Studio, Instagram, X (Twitter) or Meta Business Suite"


@dataclass(frozen=True)
class Found:
    """A file that will be imported, and what reading it found."""

    export: ExportFile
    survey: Survey

    def describe(self) -> str:
        text = describe(self.export, self.survey)
        return text + (f". {self.export.caveat}" if self.export.caveat else "")


@dataclass
class Scan:
    """What was found in the paths given. Close it (or use `with`) to remove unpacked ZIPs."""

    found: list[Found] = field(default_factory=list)
    unusable: list[Unusable] = field(default_factory=list)
    _folders: list[tempfile.TemporaryDirectory] = field(default_factory=list)

    @property
    def refused(self) -> list[Unusable]:
        return [u for u in self.unusable if u.refused]

    @property
    def rows_expected(self) -> int:
        return sum(f.survey.rows for f in self.found)

    def close(self) -> None:
        for folder in self._folders:
            folder.cleanup()
        self._folders.clear()

    def __enter__(self) -> "Scan":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def scan(paths: Iterable[Path], today: date) -> Scan:
    """Find and describe every supported file in `paths` (files, folders, ZIPs)."""
    steps = scan_steps(paths, today)
    while True:
        try:
            next(steps)
        except StopIteration as end:
            return end.value


def scan_steps(paths: Iterable[Path], today: date) -> Generator[str, None, Scan]:
    """`scan` as a worker's job: yields the name of each file as it is looked at. Closing it
    part-way removes what it unpacked."""
    result = Scan()
    finished = False
    try:
        for path in paths:
            inside = path.is_dir() or _is_archive(path)
            for source in _sources(path, result):
                yield source.shown
                _look_at(source, today, result, inside=inside)
        finished = True
        return result
    finally:
        if not finished:
            result.close()


def identify(source: Source) -> ExportFile | Unusable:
    """What one file is; an Unusable saying why when no importer reads it."""
    suffix = source.path.suffix.lower()
    try:
        if suffix == ".json":
            found = instagram_dyi.identify(source)
        elif suffix == ".xlsx":
            found = tiktok_studio.identify_workbook(source) or _other_workbook(source)
        elif suffix == ".html":
            found = instagram_dyi.identify_html(source)
        elif suffix in TEXT_SUFFIXES:
            table = csv_table(read_layout(source.path))
            found = next(
                (f for m in _CSV_FORMATS if (f := m.identify(source, table)) is not None), None
            ) or _resaved(source, table)
        else:
            found = None
    except ImportFailed as error:
        return Unusable(source, where(error), refused=True)
    if found is None:
        return Unusable(source, f"not an export the app knows ({KNOWN}).", True, known=False)
    return found


def _other_workbook(source: Source) -> Unusable | None:
    """A workbook the app recognises but does not import, said as such."""
    from companion.importers.workbook import sheet_names

    if {name.casefold() for name in sheet_names(source.path)} >= LINKEDIN_SHEETS:
        return Unusable(
            source,
            "a LinkedIn analytics workbook: the app does not import LinkedIn exports yet. "
            "Add the numbers on the Audience page instead.",
            refused=True,
        )
    return None


def _resaved(source: Source, table: Table) -> Unusable | None:
    """Each line one quoted cell holding the whole row: what a spreadsheet sometimes makes of an
    export it re-saved. The original file is still the one to import."""
    if len(table.header) == 1 and table.header[0].count(",") >= 2:
        return Unusable(
            source,
            "every line is one quoted cell holding the whole row: the file looks re-saved by a "
            "spreadsheet. Import the file exactly as the platform gave it (download it again).",
            refused=True,
        )
    return None


def is_platform_export(path: Path) -> bool:
    """Whether the platform import should take this path (a folder, a ZIP, or a file one of the
    platform importers recognises); else the generic CSV import is the one to offer."""
    if path.is_dir() or path.suffix.lower() == ".zip" or _is_archive(path):
        return True
    if not path.is_file():
        return False
    if path.suffix.lower() in SUFFIXES - TEXT_SUFFIXES:
        return True  # only the platform import reads these: it says why when it cannot
    source = Source(path, path.name, _modified(path))
    found = identify(source)
    return isinstance(found, ExportFile) or not found.refused


@dataclass(frozen=True)
class Target:
    """The account a file goes to: an existing one, or one to add (`account` None, `handle` set);
    `problem` when neither can be decided."""

    platform: Platform
    handle: str | None
    account: Account | None = None
    problem: str | None = None

    @property
    def is_new(self) -> bool:
        return self.account is None and self.problem is None

    def describe(self) -> str:
        if self.account is not None:
            return self.account.platform_and_handle
        if self.problem is not None:
            return self.problem
        shown = Account(0, self.platform, self.handle or "").platform_and_handle
        return f"{shown} (a new account)"


def propose_target(
    export: ExportFile, accounts: Sequence[Account], wanted: str | None = None
) -> Target:
    """Where a file would go: the account `wanted` names ("maya", "@maya" or "tiktok:maya"),
    else the one the file names, else the only account on its platform."""
    platform = export.platform
    handle = export.handle
    if wanted:
        prefix, _, name = wanted.rpartition(":")
        if prefix and prefix.casefold() != str(platform):
            return Target(
                platform,
                None,
                problem=f"{wanted} is not a {platform.label} account, and this is a "
                f"{platform.label} file.",
            )
        handle = name.strip()
    account = match_account(accounts, platform, handle)
    if account is not None:
        return Target(platform, account.handle, account)
    if handle:
        return Target(platform, handle.lstrip("@") if platform is not Platform.FACEBOOK else handle)
    return Target(
        platform,
        None,
        problem=f"the file does not name the {platform.label} account and you have "
        f"{'several' if any(a.platform is platform for a in accounts) else 'none'}: "
        "choose one (--account HANDLE).",
    )


def propose_targets(
    exports: Sequence[ExportFile], accounts: Sequence[Account], wanted: str | None = None
) -> list[Target]:
    """`propose_target` for each file; a file that names no account goes where the files of its
    platform that do name one go, when they all name the same one: an export's overview
    belongs with its content and followers files, not with some other account."""
    targets = [propose_target(e, accounts, wanted) for e in exports]
    if wanted:
        return targets
    for index, target in enumerate(targets):
        if exports[index].handle:
            continue
        named = {
            handle_key(t.handle or ""): t
            for t, export in zip(targets, exports, strict=True)
            if t.platform is target.platform and t.problem is None and export.handle
        }
        if len(named) == 1:
            targets[index] = next(iter(named.values()))
    return targets


def match_account(
    accounts: Sequence[Account], platform: Platform, handle: str | None
) -> Account | None:
    """The account a file goes to: the one with its handle; without a handle, the only account
    on its platform."""
    same_platform = [a for a in accounts if a.platform is platform]
    if handle:
        return next((a for a in same_platform if handle_key(a.handle) == handle_key(handle)), None)
    return same_platform[0] if len(same_platform) == 1 else None


def where(error: ImportFailed) -> str:
    """An importer's message with its line, for a file already named: "line 12: …"."""
    return f"line {error.line}: {error.message}" if error.line else error.message


def _look_at(source: Source, today: date, result: Scan, *, inside: bool) -> None:
    """`inside`: the file came out of a folder or ZIP, where files that are no export (a
    README, a manifest) are skipped rather than refused."""
    found = identify(source)
    if isinstance(found, Unusable):
        skipped = inside and not found.known
        result.unusable.append(Unusable(source, found.reason, found.refused and not skipped))
        return
    try:
        surveyed = survey(found, today)
    except ImportFailed as error:
        result.unusable.append(Unusable(source, where(error), refused=True))
        return
    if surveyed.rows == 0:
        result.unusable.append(
            Unusable(source, f"{found.product} {found.kind} with no rows of data.", refused=True)
        )
        return
    result.found.append(Found(found, surveyed))


def _sources(path: Path, result: Scan) -> Iterator[Source]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                shown = str(child.relative_to(path.parent))
                yield Source(child, shown, _modified(child), child.parent.name)
            elif _is_archive(child):
                yield from _zip_sources(child, result)
    elif _is_archive(path):
        yield from _zip_sources(path, result)
    elif path.is_file() and path.suffix.lower() == ".zip":
        result.unusable.append(
            Unusable(
                _source(path), "is not a readable ZIP (it may be cut off); download it again.", True
            )
        )
    elif path.is_file():
        yield Source(path, path.name, _modified(path), path.parent.name)
    else:
        result.unusable.append(
            Unusable(Source(path, path.name, date.today()), "no such file or folder.", True)
        )


def _is_archive(path: Path) -> bool:
    """An export ZIP to look inside. A workbook (.xlsx) is a ZIP too, but it is one file to read,
    and so is a CSV that happens to start like a ZIP."""
    return path.is_file() and path.suffix.lower() not in SUFFIXES and zipfile.is_zipfile(path)


def _zip_sources(path: Path, result: Scan) -> Iterator[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        result.unusable.append(Unusable(_source(path), f"not a readable ZIP ({error}).", True))
        return
    folder = tempfile.TemporaryDirectory(prefix="companion-import-")
    result._folders.append(folder)
    unpacked = 0
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            result.unusable.append(
                Unusable(_source(path), f"holds {len(members):,} files; too many to look at.", True)
            )
            return
        for index, member in enumerate(members):
            inner = PurePosixPath(member.filename.replace("\\", "/"))
            if inner.suffix.lower() not in SUFFIXES or inner.name.startswith("."):
                continue
            shown = f"{path.name} ▸ {member.filename}"
            target = Path(folder.name) / f"{index}{inner.suffix.lower()}"
            problem = _unpack(archive, member, target, MAX_TOTAL_BYTES - unpacked)
            made_on = _zip_date(member)
            source = Source(target, shown, made_on, inner.parent.name)
            if problem:
                result.unusable.append(Unusable(source, problem, refused=True))
                continue
            unpacked += target.stat().st_size
            yield _named(source, inner.name)


def _named(source: Source, name: str) -> Source:
    """Keep the member's own file name (some formats are told by it) in a private folder."""
    own = source.path.with_name(f"{source.path.stem}-{_safe(name)}")
    own.mkdir()
    final = own / _safe(name)
    source.path.rename(final)
    return Source(final, source.shown, source.made_on, source.folder)


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, room: int) -> str:
    limit = min(MAX_MEMBER_BYTES, room)
    if member.file_size > limit:
        return f"unpacks to {member.file_size:,} bytes, more than the {limit:,} allowed."
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        return f"unpacks to {ratio:,.0f} times its packed size; skipped as a possible ZIP bomb."
    written = 0
    try:
        with archive.open(member) as packed, target.open("wb") as out:
            while chunk := packed.read(CHUNK):
                written += len(chunk)
                if written > member.file_size or written > limit:
                    return "unpacks to more than its header says; skipped as damaged or hostile."
                out.write(chunk)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as error:
        return f"cannot be unpacked ({error})."
    return ""


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " ._-()" else "_" for c in name).strip(" .")
    return cleaned[:120] or "file"


def _source(path: Path) -> Source:
    return Source(path, path.name, _modified(path))


def _modified(path: Path) -> date:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
    except OSError:
        return date.today()


def _zip_date(member: zipfile.ZipInfo) -> date:
    try:
        return date(*member.date_time[:3])
    except ValueError:
        return date.today()
