"""`companion import PATH [--account HANDLE] [--dry-run] [--yes]`: what it says, asks and writes."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import EXIT_FAILED, EXIT_OK, main
from companion.exit_codes import EXIT_USAGE
from companion.store.accounts import list_accounts
from companion.store.database import open_store

EXPORTS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "exports"
HAILEY = EXPORTS / "collected" / "tiktok" / "htupycollabs-spec__Analytics"
TABLE_A = EXPORTS / "youtube" / "studio-table-per-video-a.csv"

pytestmark = pytest.mark.skipif(not EXPORTS.exists(), reason="shared samples are not here")


def counts(db_path: Path) -> dict[str, int]:
    if not db_path.exists():
        return {}
    with open_store(db_path, exclusive=False) as store:
        return {
            table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("account", "snapshot", "post", "audience")
        }


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def terminal(monkeypatch):
    """A terminal that answers the question with what the test puts in `answers`."""
    answers: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: answers.pop(0))
    return answers


def test_yes_imports_a_folder_into_the_account_it_names(db_path, capsys, no_terminal):
    assert main(["import", str(HAILEY), "--db", str(db_path), "--yes"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "TikTok Studio, daily followers, 2025-" in out
    assert "→ TikTok @haileytupy2.0 (a new account)" in out
    assert "skipped: " in out and "Viewers.csv" in out
    assert "Imported: " in out and " new, " in out
    with open_store(db_path, exclusive=False) as store:
        [account] = list_accounts(store)
    assert account.handle == "haileytupy2.0"
    assert counts(db_path)["snapshot"] > 300


def test_without_a_terminal_or_yes_nothing_is_written(db_path, capsys, no_terminal):
    assert main(["import", str(HAILEY), "--db", str(db_path)]) == EXIT_FAILED
    captured = capsys.readouterr()
    assert "Found 8 file(s) to import" in captured.out
    assert "nothing was written" in captured.err and "--yes" in captured.err
    assert counts(db_path) == {"account": 0, "snapshot": 0, "post": 0, "audience": 0}


def test_a_terminal_is_asked_and_no_writes_nothing(db_path, capsys, terminal):
    terminal.append("n")
    assert (
        main(["import", str(TABLE_A), "--db", str(db_path), "--account", "studio"]) == EXIT_FAILED
    )
    assert "Nothing was imported." in capsys.readouterr().out
    assert counts(db_path)["post"] == 0
    terminal.append("y")
    assert main(["import", str(TABLE_A), "--db", str(db_path), "--account", "studio"]) == EXIT_OK
    assert counts(db_path)["post"] == 24


def test_dry_run_says_what_would_change_and_writes_nothing(db_path, capsys, no_terminal):
    args = ["import", str(TABLE_A), "--db", str(db_path), "--account", "youtube:studio"]
    assert main([*args, "--dry-run"]) == EXIT_OK
    assert "Would import: 24 new, 0 updated, 0 unchanged, 0 rejected." in capsys.readouterr().out
    assert counts(db_path)["post"] == 0


def test_importing_again_changes_nothing(db_path, capsys, no_terminal):
    args = ["import", str(TABLE_A), "--db", str(db_path), "--account", "studio", "--yes"]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK
    assert "Imported: 0 new, 0 updated, 24 unchanged, 0 rejected." in capsys.readouterr().out


def test_a_file_without_an_account_needs_one(db_path, capsys, no_terminal):
    assert main(["import", str(TABLE_A), "--db", str(db_path), "--yes"]) == EXIT_FAILED
    assert "--account HANDLE" in capsys.readouterr().err
    assert counts(db_path)["account"] == 0


@pytest.mark.parametrize(
    ("data", "says"),
    [(b"", "is empty"), (b"\x00\x01\x02\xff" * 4000, "not a text file")],
)
def test_a_refused_file_exits_non_zero_naming_it(
    db_path, tmp_path, capsys, data, says, no_terminal
):
    path = tmp_path / "Table data.csv"
    path.write_bytes(data)
    assert main(["import", str(path), "--db", str(db_path), "--yes"]) == EXIT_FAILED
    captured = capsys.readouterr()
    assert "refused: Table data.csv: " in captured.out and says in captured.out
    assert "nothing was imported: the file(s) above were refused." in captured.err


def test_a_file_with_nothing_kept_exits_non_zero(db_path, capsys, no_terminal):
    totals = EXPORTS / "youtube" / "studio-totals-daily-b.csv"
    assert main(["import", str(totals), "--db", str(db_path), "--yes"]) == EXIT_FAILED
    assert "daily New viewers" in capsys.readouterr().out


def test_a_missing_path_is_a_usage_error(db_path, tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.zip"), "--db", str(db_path)]) == EXIT_USAGE
    assert "does not exist" in capsys.readouterr().err


def test_a_rejected_row_is_listed_with_its_line(db_path, tmp_path, capsys, no_terminal):
    path = tmp_path / "Table data.csv"
    text = TABLE_A.read_text(encoding="utf-8").replace(",58005,", ",lots,", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path), "--account", "s", "--yes"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "23 new, 0 updated, 0 unchanged, 1 rejected." in out
    assert "Line 3: Views: expected a whole number" in out


def test_the_installed_command_without_a_terminal(db_path):
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from companion.cli import main; sys.exit(main())",
            *("import", str(TABLE_A), "--account", "studio", "--db", str(db_path)),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_FAILED
    assert "no terminal" in done.stderr
    assert counts(db_path)["post"] == 0


def test_a_workbook_on_its_own_is_imported(db_path, capsys, no_terminal):
    """An .xlsx is a ZIP inside: it must be read as the file it is, not unpacked."""
    workbook = EXPORTS / "collected" / "tiktok" / "BossZY27__tiktok-analytics" / "Overview.xlsx"
    args = ["import", str(workbook), "--db", str(db_path), "--account", "boss", "--dry-run"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out
    assert "TikTok Studio, daily overview, " in out and "7 rows" in out
    assert counts(db_path)["account"] == 0
