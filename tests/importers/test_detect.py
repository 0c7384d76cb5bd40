"""Finding exports in files, folders and ZIPs; hostile ZIPs; which account each file goes to."""

import zipfile
from pathlib import Path

import pytest

from companion.core.accounts import Account
from companion.core.platforms import Platform
from companion.importers import detect
from companion.importers.detect import is_platform_export, propose_targets, scan
from tests.importers.platform_samples import COLLECTED, EXPORTS, TODAY, needs_samples

pytestmark = needs_samples
HAILEY = COLLECTED / "tiktok" / "htupycollabs-spec__Analytics"
TABLE_A = EXPORTS / "youtube" / "studio-table-per-video-a.csv"


def zipped(tmp_path: Path, members: dict[str, bytes], name: str = "export.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_a_folder_is_searched_and_every_file_described():
    with scan([HAILEY], TODAY) as found:
        described = {f.export.source.name: f.describe() for f in found.found}
        left_out = {u.source.name: u for u in found.unusable}
    assert set(described) == {
        "Content.csv",
        "Content 2.csv",
        "Content 3.csv",
        "Content 4.csv",
        "FollowerGender.csv",
        "FollowerHistory.csv",
        "FollowerTopTerritories.csv",
        "Overview.csv",
    }
    assert described["FollowerHistory.csv"].startswith("TikTok Studio, daily followers, ")
    assert "340 rows" in described["FollowerHistory.csv"]
    assert set(left_out) == {"FollowerActivity.csv", "Viewers.csv"}
    assert not any(u.refused for u in left_out.values())


def test_a_zip_is_unpacked_privately_and_cleaned_up(tmp_path):
    path = zipped(
        tmp_path,
        {
            "Analytics/Followers_maya/FollowerHistory.csv": (
                HAILEY / "Followers_haileytupy2.0" / "FollowerHistory.csv"
            ).read_bytes(),
            "Analytics/README.md": b"not an export",
        },
    )
    found = scan([path], TODAY)
    [item] = found.found
    assert item.export.handle == "maya"  # from the folder inside the ZIP
    assert item.export.source.shown == "export.zip ▸ Analytics/Followers_maya/FollowerHistory.csv"
    unpacked = item.export.source.path
    assert unpacked.exists()
    found.close()
    assert not unpacked.exists()


def test_member_names_cannot_escape_the_private_folder(tmp_path):
    outside = tmp_path / "escaped.csv"
    data = TABLE_A.read_bytes()
    path = zipped(tmp_path / "", {"../escaped.csv": data, "/abs/Table data.csv": data})
    with scan([path], TODAY) as found:
        assert len(found.found) == 2
        for item in found.found:
            assert tmp_path not in item.export.source.path.parents
    assert not outside.exists()


def test_a_zip_bomb_is_skipped_without_unpacking_it(tmp_path, monkeypatch):
    monkeypatch.setattr(detect, "RATIO_FLOOR_BYTES", 1024)
    path = zipped(tmp_path, {"Table data.csv": b"Content,Views\n" + b"0" * 5_000_000})
    with scan([path], TODAY) as found:
        [bomb] = found.unusable
    assert bomb.refused
    assert "ZIP bomb" in bomb.reason


def test_a_member_larger_than_allowed_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(detect, "MAX_MEMBER_BYTES", 100)
    path = zipped(tmp_path, {"Table data.csv": TABLE_A.read_bytes()})
    with scan([path], TODAY) as found:
        assert not found.found
        assert "more than the 100 allowed" in found.unusable[0].reason


def test_a_zip_with_nothing_usable_says_so(tmp_path):
    path = zipped(tmp_path, {"notes.txt": b"hello", "photo.jpg": b"\xff\xd8\xff"})
    with scan([path], TODAY) as found:
        assert not found.found
        assert [u.source.name for u in found.unusable] == ["notes.txt"]


def test_a_damaged_zip_is_refused(tmp_path):
    path = zipped(tmp_path, {"Table data.csv": TABLE_A.read_bytes()})
    path.write_bytes(path.read_bytes()[:200])
    with scan([path], TODAY) as found:
        assert not found.found
        assert found.refused


def test_a_missing_path_is_refused(tmp_path):
    with scan([tmp_path / "nowhere.csv"], TODAY) as found:
        assert found.refused[0].reason == "no such file or folder."


def test_which_paths_the_platform_import_takes(tmp_path):
    generic = tmp_path / "numbers.csv"
    generic.write_text("Date,Followers\n2025-01-01,100\n")
    assert is_platform_export(TABLE_A)
    assert is_platform_export(EXPORTS / "youtube" / "studio-totals-daily-b.csv")
    assert is_platform_export(HAILEY)
    assert not is_platform_export(generic)
    assert not is_platform_export(tmp_path / "missing.csv")
    cut_zip = tmp_path / "export.zip"
    cut_zip.write_bytes(b"PK\x03\x04 cut off")
    assert is_platform_export(cut_zip)  # the platform import says why it cannot be read
    cut_workbook = tmp_path / "Overview.xlsx"
    cut_workbook.write_bytes(b"PK\x03\x04 cut off")
    assert is_platform_export(cut_workbook)  # no other import reads a workbook


def test_accounts_proposed_from_handles_files_and_choices():
    with scan([HAILEY / "Content.csv", HAILEY / "Overview.csv", TABLE_A], TODAY) as found:
        exports = [f.export for f in found.found]
    maya = Account(7, Platform.TIKTOK, "@HaileyTupy2.0")
    nina = Account(8, Platform.YOUTUBE, "nina")
    targets = propose_targets(exports, [maya, nina])
    assert [t.account for t in targets] == [maya, maya, nina]  # the overview names no account
    new = propose_targets(exports, [])
    assert new[0].is_new and new[0].handle == "haileytupy2.0"
    assert new[1] == new[0]
    assert new[2].problem and "--account" in new[2].problem
    chosen = propose_targets(exports, [], "youtube:studio")
    assert chosen[2].handle == "studio" and chosen[2].is_new
    assert chosen[0].problem and "not a TikTok account" in chosen[0].problem


@pytest.mark.parametrize("name", ["Table data.csv", "followers_1.json", "Overview.xlsx"])
def test_junk_under_any_supported_name_is_refused_not_a_traceback(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 50)
    with scan([path], TODAY) as found:
        assert not found.found
        [refused] = found.refused
        assert refused.source.name == name


def test_a_workbook_is_one_file_to_read_not_a_zip_to_open():
    workbook = COLLECTED / "tiktok" / "BossZY27__tiktok-analytics" / "Overview.xlsx"
    with scan([workbook], TODAY) as found:
        [item] = found.found
        assert not found.unusable
    assert item.export.source.path == workbook
    assert item.describe().startswith("TikTok Studio, daily overview, 2026-04-12 – 2026-04-18")
    assert is_platform_export(workbook)


def test_a_linkedin_workbook_is_refused_by_name():
    linkedin = COLLECTED / "linkedin" / "Ho1yShif__linkedin-wrapped" / "site" / "public"
    with scan([linkedin / "demo-data" / "linkedin-demo.xlsx"], TODAY) as found:
        [refused] = found.refused
    assert "LinkedIn analytics workbook" in refused.reason


RESAVED = COLLECTED / "meta_business_suite" / "vsbperoto__vintage-analytics-dashboard"


@pytest.mark.parametrize(
    "name", ["INSTAGRAM_RAW.csv", "Oct-31-2025_Dec-30-2025_1664278361210560.csv"]
)
def test_a_file_a_spreadsheet_wrapped_line_by_line_is_refused_saying_so(name):
    with scan([RESAVED / "resaved_by_user" / name], TODAY) as found:
        [refused] = found.refused
    assert "looks re-saved by a spreadsheet" in refused.reason


def test_a_file_naming_no_account_goes_with_its_export_not_another_account():
    """The overview of Hailey's export goes with her content files, even when the creator has
    one other TikTok account it could have gone to."""
    with scan([HAILEY / "Content.csv", HAILEY / "Overview.csv"], TODAY) as found:
        exports = [f.export for f in found.found]
    other = Account(3, Platform.TIKTOK, "nina")
    content, overview = propose_targets(exports, [other])
    assert content.is_new and content.handle == "haileytupy2.0"
    assert overview == content
    [alone] = propose_targets(exports[1:], [other])
    assert alone.account == other
