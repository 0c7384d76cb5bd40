"""The first start on an empty database: the welcome dialog, the demo, and never asking twice."""

import json

import pytest

from companion.store.database import open_store
from companion.store.onboarding import DEMO_OFFERED_KEY, demo_offered, mark_demo_offered
from companion.store.records import has_records, record_counts
from companion.ui.welcome import WelcomeDialog
from tests.ui.conftest import make_database


def test_the_demo_is_offered_on_an_empty_database_and_loads(make_window, db_path, qtbot):
    pytest.importorskip("companion.demo")
    window = make_window()
    assert window.offer_demo_if_new()
    dialog = window.welcome_dialog
    assert isinstance(dialog, WelcomeDialog)
    assert dialog.isVisible()
    assert dialog.demo_button.text() == "Explore with demo data"
    assert dialog.own_data_button.text() == "Start with my own data"
    window.show_page("posts")
    with qtbot.waitSignal(window.context.data_changed):
        dialog.demo_button.click()
    store = window.context.store
    assert has_records(store)
    assert demo_offered(store)
    assert window.welcome_dialog is None
    assert "Demo data added" in window.statusBar().currentMessage()
    posts = record_counts(store).posts
    assert window.page("posts").count_label.text() == f"{posts:,} posts"
    window.close()
    assert not make_window().offer_demo_if_new()


def test_start_with_my_own_data_is_not_asked_again(make_window, db_path):
    window = make_window()
    assert window.offer_demo_if_new()
    window.welcome_dialog.own_data_button.click()
    store = window.context.store
    assert demo_offered(store)
    assert not has_records(store)
    window.close()
    again = make_window()
    assert not again.offer_demo_if_new()
    assert again.welcome_dialog is None


def test_closing_the_dialog_counts_as_my_own_data(make_window):
    window = make_window()
    window.offer_demo_if_new()
    window.welcome_dialog.reject()
    assert demo_offered(window.context.store)
    assert not has_records(window.context.store)


def test_closing_the_window_before_answering_asks_next_time(make_window, db_path):
    window = make_window()
    window.offer_demo_if_new()
    window.close()
    with open_store(db_path) as store:
        assert not demo_offered(store)


def test_not_offered_when_the_database_holds_records(make_window, db_path):
    make_database(db_path, "maya")
    assert not make_window().offer_demo_if_new()


def test_not_offered_read_only(make_window, db_path):
    make_database(db_path)
    window = make_window(read_only=True)
    assert not window.offer_demo_if_new()
    assert window.welcome_dialog is None


def test_onboarding_is_remembered_in_the_database(db_path):
    with open_store(db_path) as store:
        assert not demo_offered(store)
        mark_demo_offered(store)
        assert demo_offered(store)
        mark_demo_offered(store)
        value = store.conn.execute(
            "SELECT value FROM setting WHERE key = ?", (DEMO_OFFERED_KEY,)
        ).fetchone()[0]
        assert json.loads(value) is True


def test_an_unreadable_onboarding_value_counts_as_not_offered(db_path):
    with open_store(db_path) as store:
        with store.transaction():
            store.db["setting"].upsert({"key": DEMO_OFFERED_KEY, "value": "{junk"}, pk="key")
        assert not demo_offered(store)
