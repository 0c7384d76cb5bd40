"""The record's subtitle files: remembered once by path, their last check kept, linked to posts and unlinked."""

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from companion.core.subtitles.checks import CheckSummary
from companion.core.subtitles.rules import default_rules
from companion.demo import generate_demo, subtitle_path
from companion.store.account_removal import remove_account, restore_account
from companion.store.database import open_store
from companion.store.errors import DatabaseReadOnly, StoreError
from companion.store.subtitle_files import (
    add_subtitle_file,
    files_by_post,
    find_subtitle_file,
    forget_subtitle_file,
    get_subtitle_file,
    link_to_post,
    list_subtitle_files,
    load_subtitle_rules,
    record_check,
    save_subtitle_rules,
)


@pytest.fixture
def store(db_path):
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(db_path):
    opened = open_store(db_path)
    generate_demo(opened, today=date(2026, 11, 20))
    yield opened
    opened.close()


def test_the_demo_file_is_listed_linked_and_not_yet_checked(demo_store):
    [file] = list_subtitle_files(demo_store)
    assert file.path == subtitle_path(demo_store)
    assert file.video_title == "Pastéis de nata at home (recipe reel)"
    assert file.post_id is not None
    assert (file.last_checked, file.last_check) == (None, None)
    assert files_by_post(demo_store) == {file.post_id: [file]}


def test_a_file_is_remembered_once_by_its_absolute_path(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = add_subtitle_file(store, Path("reel.vtt"), "My reel", "en")
    again = add_subtitle_file(store, tmp_path / "reel.vtt")
    assert again == first
    assert first.path == tmp_path / "reel.vtt"
    assert find_subtitle_file(store, Path("reel.vtt")) == first
    assert [file.name for file in list_subtitle_files(store)] == ["reel.vtt"]


def test_the_last_check_is_kept_with_its_time(store, tmp_path):
    file = add_subtitle_file(store, tmp_path / "a.srt")
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    record_check(store, file.id, CheckSummary(1, 3, 2), when)
    kept = get_subtitle_file(store, file.id)
    assert kept.last_check == CheckSummary(1, 3, 2)
    assert kept.last_checked == when


def test_a_check_result_written_by_hand_that_cannot_be_read_shows_as_none(store, tmp_path):
    file = add_subtitle_file(store, tmp_path / "a.srt")
    with store.transaction():
        store.conn.execute(
            "UPDATE subtitle_file SET last_check_summary = 'fine' WHERE id = ?", (file.id,)
        )
    assert get_subtitle_file(store, file.id).last_check is None


def test_link_and_unlink_return_the_link_before(demo_store, tmp_path):
    post_id = demo_store.conn.execute("SELECT min(id) FROM post").fetchone()[0]
    file = add_subtitle_file(demo_store, tmp_path / "b.vtt")
    assert link_to_post(demo_store, file.id, post_id) is None
    assert files_by_post(demo_store)[post_id] == [get_subtitle_file(demo_store, file.id)]
    assert link_to_post(demo_store, file.id, None) == post_id
    assert post_id not in files_by_post(demo_store)


def test_linking_a_file_no_longer_in_the_record_says_so(store):
    with pytest.raises(StoreError, match="no longer in the record"):
        link_to_post(store, 999, None)


def test_linking_to_a_post_that_does_not_exist_writes_nothing(demo_store, tmp_path):
    file = add_subtitle_file(demo_store, tmp_path / "c.vtt")
    with pytest.raises(sqlite3.IntegrityError):
        link_to_post(demo_store, file.id, 10_000_000)
    assert get_subtitle_file(demo_store, file.id).post_id is None


def test_removing_the_posts_account_unlinks_and_undo_links_again(demo_store):
    [file] = list_subtitle_files(demo_store)
    account_id = demo_store.conn.execute(
        "SELECT account_id FROM post WHERE id = ?", (file.post_id,)
    ).fetchone()[0]
    removed = remove_account(demo_store, account_id)
    assert get_subtitle_file(demo_store, file.id).post_id is None
    restore_account(demo_store, removed)
    assert get_subtitle_file(demo_store, file.id).post_id == file.post_id


def test_forgetting_a_file_leaves_it_on_disk(store, tmp_path):
    path = tmp_path / "d.vtt"
    path.write_text("WEBVTT\n", encoding="utf-8")
    file = add_subtitle_file(store, path)
    forget_subtitle_file(store, file.id)
    assert list_subtitle_files(store) == [] and path.exists()


def test_a_read_only_database_is_not_written(db_path, tmp_path):
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as store, pytest.raises(DatabaseReadOnly):
        add_subtitle_file(store, tmp_path / "e.vtt")


def test_the_creators_subtitle_rules_are_kept_and_other_settings_left_alone(store):
    from companion.store.settings import load_settings, save_settings

    assert load_subtitle_rules(store) == default_rules()
    settings = load_settings(store)
    chosen = default_rules().with_changes(max_lines=3, switched_off=frozenset({"empty"}))
    save_subtitle_rules(store, chosen)
    save_settings(store, settings)
    assert load_subtitle_rules(store) == chosen
    assert load_settings(store) == settings


def test_subtitle_rules_edited_by_hand_into_junk_give_the_defaults(store):
    with store.transaction():
        store.conn.execute("INSERT INTO setting (key, value) VALUES ('subtitle_rules', '{oops')")
    assert load_subtitle_rules(store) == default_rules()
