"""Adding, renaming and removing accounts; a removed account comes back whole, links included."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.core.accounts import Account
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.store.account_removal import (
    AccountContents,
    account_contents,
    remove_account,
    restore_account,
)
from companion.store.accounts import (
    DuplicateAccount,
    add_account,
    get_account,
    latest_snapshots,
    list_accounts,
    update_account,
)
from companion.store.database import Store, open_store
from companion.store.errors import StoreError
from companion.store.posts import add_post
from tests.store.test_accounts import NEWEST_DAY, add_daily_followers

TABLES = ("account", "snapshot", "post", "audience", "subtitle_file")


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


def everything(store: Store) -> dict[str, list[tuple]]:
    return {
        table: store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in TABLES
    }


def creator_with_history(store: Store) -> tuple[Account, Account]:
    """Nina on Instagram (a week of numbers, two posts, audience, a subtitle file on a post)
    and on TikTok (two days)."""
    instagram = add_account(store, Platform.INSTAGRAM, "nina.eats", "Nina Ferreira")
    tiktok = add_account(store, Platform.TIKTOK, "@nina.eats")
    add_daily_followers(store, instagram.id, [100 + i for i in range(7)], NEWEST_DAY)
    add_daily_followers(store, tiktok.id, [500, 510], NEWEST_DAY)
    moment = datetime(2026, 11, 19, 18, tzinfo=UTC)
    reel = add_post(store, Post(instagram.id, moment, PostKind.REEL, likes=12))
    add_post(store, Post(instagram.id, moment.replace(day=20), PostKind.POST, likes=3))
    add_post(store, Post(tiktok.id, moment, PostKind.REEL, likes=40))
    with store.transaction():
        store.db["audience"].insert(
            {
                "account_id": instagram.id,
                "date": "2026-11-01",
                "dimension": "country",
                "bucket": "PT",
                "share": 0.4,
            }
        )
        store.db["subtitle_file"].insert({"path": "/videos/nata.vtt", "post_id": reel.id})
    return instagram, tiktok


def test_an_added_account_is_listed_with_its_new_id(store: Store):
    account = add_account(store, Platform.YOUTUBE, "  NinaEatsAbroad ", "Nina")
    assert account == Account(account.id, Platform.YOUTUBE, "NinaEatsAbroad", "Nina")
    assert list_accounts(store) == [account]
    assert store.query("SELECT created FROM account")[0]["created"]


def test_an_empty_name_is_kept_as_none(store: Store):
    assert add_account(store, Platform.X, "nina", "  ").display_name is None


def test_the_same_platform_and_handle_twice_is_refused_with_a_message(store: Store):
    add_account(store, Platform.INSTAGRAM, "nina.eats")
    with pytest.raises(DuplicateAccount, match=r"Instagram nina\.eats is already one of your"):
        add_account(store, Platform.INSTAGRAM, "nina.eats")
    assert len(list_accounts(store)) == 1


def test_several_accounts_on_one_platform_are_allowed(store: Store):
    add_account(store, Platform.INSTAGRAM, "nina.eats")
    add_account(store, Platform.INSTAGRAM, "nina.travels")
    assert [a.handle for a in list_accounts(store)] == ["nina.eats", "nina.travels"]


def test_updating_returns_the_account_as_it_was(store: Store):
    account = add_account(store, Platform.INSTAGRAM, "nina.eats", "Nina")
    renamed = Account(account.id, Platform.THREADS, "nina.eats.abroad", "Nina F.")
    assert update_account(store, renamed) == account
    assert get_account(store, account.id) == renamed


def test_renaming_onto_another_account_is_refused_and_changes_nothing(store: Store):
    first = add_account(store, Platform.INSTAGRAM, "nina.eats")
    second = add_account(store, Platform.INSTAGRAM, "nina.travels")
    with pytest.raises(DuplicateAccount):
        update_account(store, Account(second.id, Platform.INSTAGRAM, "nina.eats"))
    assert list_accounts(store) == [first, second]


def test_updating_an_account_that_is_gone_says_so(store: Store):
    with pytest.raises(StoreError, match="no longer in the record"):
        update_account(store, Account(99, Platform.X, "gone"))


def test_contents_count_what_goes_with_an_account(store: Store):
    instagram, tiktok = creator_with_history(store)
    assert account_contents(store, instagram.id) == AccountContents(snapshots=7, posts=2)
    assert account_contents(store, tiktok.id) == AccountContents(snapshots=2, posts=1)


def test_removing_an_account_takes_its_record_and_leaves_the_others(store: Store):
    instagram, tiktok = creator_with_history(store)
    removed = remove_account(store, instagram.id)
    assert removed.id == instagram.id
    assert (len(removed.snapshots), len(removed.posts), len(removed.audience)) == (7, 2, 1)
    assert [(table, post_id) for table, _, post_id in removed.post_links] == [
        ("subtitle_file", removed.posts[0]["id"])
    ]
    assert list_accounts(store) == [tiktok]
    assert set(latest_snapshots(store)) == {tiktok.id}
    assert store.conn.execute("SELECT count(*) FROM post").fetchone()[0] == 1
    assert store.conn.execute("SELECT post_id FROM subtitle_file").fetchone()[0] is None


def test_restoring_puts_back_every_row_as_it_was(store: Store):
    instagram, _ = creator_with_history(store)
    before = everything(store)
    removed = remove_account(store, instagram.id)
    assert restore_account(store, removed) == instagram
    assert everything(store) == before


def test_removing_an_account_that_is_gone_says_so(store: Store):
    with pytest.raises(StoreError, match="no longer in the record"):
        remove_account(store, 42)
