"""The headless command line: backup, restore, backups, and its messages and exit codes."""

import json
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from companion.cli import EXIT_DATABASE_UNUSABLE, EXIT_FAILED, EXIT_OK, main
from companion.store.backup import list_backups, take_backup
from companion.store.database import open_store
from tests.store.helpers import add_account, handles


@pytest.fixture
def database(db_path):
    open_store(db_path).close()
    add_account(db_path, "mine")
    return db_path


def test_backup_writes_to_the_backups_folder(database, capsys):
    assert main(["backup", "--db", str(database)]) == EXIT_OK
    [made] = list_backups(database)
    assert str(made.path) in capsys.readouterr().out
    assert handles(made.path) == ["mine"]


def test_backup_to_a_chosen_file(database, tmp_path):
    target = tmp_path / "elsewhere" / "copy.sqlite"
    assert main(["backup", "-o", str(target), "--db", str(database)]) == EXIT_OK
    assert handles(target) == ["mine"]


def test_the_database_comes_from_the_environment(database, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(database))
    assert main(["backup"]) == EXIT_OK
    assert len(list_backups(database)) == 1


def test_db_given_before_the_command_works_too(database):
    assert main(["--db", str(database), "backup"]) == EXIT_OK


def test_backup_of_a_missing_database_fails_clearly(tmp_path, capsys):
    missing = tmp_path / "nothing.sqlite"
    assert main(["backup", "--db", str(missing)]) == EXIT_FAILED
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()


def test_restore_brings_a_backup_back_and_keeps_the_current(database, capsys):
    with open_store(database) as store:
        saved = take_backup(store)
    add_account(database, "later")

    assert main(["restore", str(saved), "--db", str(database)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "kept as" in out
    assert handles(database) == ["mine"]
    assert any(b.reason == "before-restore" for b in list_backups(database))


def test_restore_of_a_bad_file_changes_nothing(database, tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    assert main(["restore", str(bad), "--db", str(database)]) == EXIT_FAILED
    assert "bad.sqlite" in capsys.readouterr().err
    assert handles(database) == ["mine"]


def test_restore_while_the_app_is_open_is_refused(database, capsys):
    with open_store(database) as store:
        saved = take_backup(store)
        assert main(["restore", str(saved), "--db", str(database)]) == EXIT_DATABASE_UNUSABLE
    assert "another running" in capsys.readouterr().err


def test_a_damaged_database_exits_3_with_a_message(db_path, capsys):
    db_path.write_bytes(b"\x89PNG junk" * 50)
    assert main(["backup", "--db", str(db_path)]) == EXIT_DATABASE_UNUSABLE
    assert db_path.name in capsys.readouterr().err


def test_a_database_from_a_newer_version_exits_3(database, capsys):
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    conn.close()
    assert main(["backup", "--db", str(database)]) == EXIT_DATABASE_UNUSABLE
    assert "newer version" in capsys.readouterr().err


def test_backups_lists_what_is_kept(database, capsys):
    main(["backup", "--db", str(database)])
    capsys.readouterr()
    assert main(["backups", "--db", str(database)]) == EXIT_OK
    assert "manual" in capsys.readouterr().out


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--scale", "zero"])
    assert exited.value.code == 2


def test_no_traceback_reaches_the_terminal(db_path):
    db_path.write_bytes(b"junk" * 100)
    done = subprocess.run(
        [sys.executable, "-m", "companion", "backup", "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == EXIT_DATABASE_UNUSABLE
    assert "Traceback" not in done.stderr
    assert "not a database file" in done.stderr


@pytest.fixture
def demo_database(db_path):
    from companion.demo import generate_demo

    with open_store(db_path) as store:
        generate_demo(store, today=date.today())
    return db_path


def test_stats_prints_each_account(demo_database, capsys):
    assert main(["stats", "--db", str(demo_database)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Instagram @nina.eats.abroad" in out
    assert "TikTok" in out and "YouTube" in out
    assert "benchmark" in out


def test_stats_json_for_one_account(demo_database, capsys):
    command = ["stats", "--account", "youtube:@NinaEatsAbroad", "--json"]
    assert main([*command, "--db", str(demo_database)]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    [account] = document["accounts"]
    assert account["platform"] == "youtube"
    assert account["tier"] == "nano"
    assert 7_000 < account["followers"] < 9_000
    assert account["engagement"]["benchmark"]["source"].startswith("VERB")


def test_a_handle_used_on_two_platforms_gives_both(demo_database, capsys):
    assert main(["stats", "--account", "NinaEatsAbroad", "--json", "--db", str(demo_database)]) == 0
    platforms = [a["platform"] for a in json.loads(capsys.readouterr().out)["accounts"]]
    assert sorted(platforms) == ["tiktok", "youtube"]


def test_stats_for_an_unknown_account_names_the_known_ones(demo_database, capsys):
    assert main(["stats", "--account", "nobody", "--db", str(demo_database)]) == EXIT_FAILED
    assert "@nina.eats.abroad" in capsys.readouterr().err


def test_stats_on_an_empty_database(database, capsys):
    conn = sqlite3.connect(database)
    conn.execute("DELETE FROM snapshot")
    conn.commit()
    conn.close()
    assert main(["stats", "--json", "--db", str(database)]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["accounts"][0]["followers"] is None
