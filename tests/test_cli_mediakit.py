"""`companion mediakit`: the kit from the command line, its options, messages and exit codes."""

import io
from datetime import date
from pathlib import Path

import pypdf
import pytest

from companion.cli import main
from companion.core.mediakit_profile import KitChoices, KitSection, Paper, theme_by_id
from companion.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from companion.exporters.mediakit_pdf import export_media_kit
from companion.store.database import open_store
from companion.store.mediakit import load_choices, load_media_kit, save_choices
from tests.exporters.mediakit_data import demo_database, pdf_text


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("cli-kit"))


def run(demo_path: Path, output: Path, *options: str) -> int:
    return main(["mediakit", "--db", str(demo_path), "-o", str(output), *options])


def test_writes_the_kit_and_says_where(demo_path, tmp_path, capsys):
    output = tmp_path / "kit.pdf"
    assert run(demo_path, output) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Saved {output}" in out and "2 pages" in out
    assert len(pypdf.PdfReader(output).pages) == 2


def test_the_file_is_the_one_the_saved_choices_make(demo_path, tmp_path):
    output = tmp_path / "kit.pdf"
    assert run(demo_path, output) == EXIT_OK
    with open_store(demo_path, exclusive=False) as store:
        choices = load_choices(store)
        kit = load_media_kit(store, choices, date.today())
    expected = io.BytesIO()
    export_media_kit(kit, theme_by_id(choices.theme), choices.paper, expected)
    assert output.read_bytes() == expected.getvalue()


def test_options_override_the_saved_choices_without_saving(demo_path, tmp_path):
    output = tmp_path / "kit.pdf"
    options = ("--theme", "midnight", "--sections", "profile,platforms", "--paper", "letter")
    assert run(demo_path, output, *options, "--accounts", "tiktok:ninaeatsabroad") == EXIT_OK
    reader = pypdf.PdfReader(output)
    assert len(reader.pages) == 1
    assert round(reader.pages[0].mediabox.width) == 612
    text = pdf_text(output)
    assert "TikTok" in text and "@nina.eats.abroad" not in text
    assert "Top countries" not in text
    with open_store(demo_path, exclusive=False) as store:
        assert load_choices(store) == KitChoices()


def test_the_page_choices_are_used_by_default(tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    path = demo_database(folder)
    with open_store(path) as store:
        save_choices(store, KitChoices(sections=(KitSection.PROFILE,), paper=Paper.LETTER))
    output = tmp_path / "kit.pdf"
    assert run(path, output) == EXIT_OK
    assert "Platforms" not in pdf_text(output)
    assert round(pypdf.PdfReader(output).pages[0].mediabox.width) == 612


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--theme", "neon"), "Theme: there is no theme 'neon'"),
        (("--sections", "profile,fees"), "unknown section 'fees'"),
    ],
)
def test_unknown_names_are_usage_errors(demo_path, tmp_path, capsys, options, message):
    output = tmp_path / "kit.pdf"
    assert run(demo_path, output, *options) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_an_unknown_account_fails_and_lists_the_known_ones(demo_path, tmp_path, capsys):
    assert run(demo_path, tmp_path / "kit.pdf", "--accounts", "bob") == EXIT_FAILED
    assert "No account with the handle 'bob'" in capsys.readouterr().err


def test_a_missing_folder_fails_with_its_name(demo_path, tmp_path, capsys):
    output = tmp_path / "nowhere" / "kit.pdf"
    assert run(demo_path, output) == EXIT_FAILED
    assert str(tmp_path / "nowhere") in capsys.readouterr().err


def test_a_record_without_accounts_says_so(db_path, tmp_path, capsys):
    open_store(db_path).close()
    assert run(db_path, tmp_path / "kit.pdf") == EXIT_FAILED
    assert "No accounts yet" in capsys.readouterr().err
    assert not (tmp_path / "kit.pdf").exists()


def test_a_missing_database_fails(tmp_path, capsys):
    assert run(tmp_path / "none.sqlite", tmp_path / "kit.pdf") == EXIT_FAILED
    assert "There is no database" in capsys.readouterr().err
