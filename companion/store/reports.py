"""Loading what an account report needs from the store and handing it to the core."""

from datetime import UTC, date, datetime, time

from companion.core.accounts import Account
from companion.core.report import AccountReport, account_report
from companion.core.settings import Settings
from companion.store.accounts import list_accounts
from companion.store.database import Store
from companion.store.posts import list_posts
from companion.store.snapshots import follower_history


def find_accounts(store: Store, handle: str | None = None) -> list[Account]:
    """All accounts, or those whose handle matches (case and a leading "@" ignored).

    "youtube:@nina" narrows to one platform, for a handle used on several.
    """
    accounts = list_accounts(store)
    if handle is None:
        return accounts
    platform, _, name = handle.rpartition(":")
    wanted = name.lstrip("@").casefold()
    return [
        a
        for a in accounts
        if a.handle.lstrip("@").casefold() == wanted
        and (not platform or str(a.platform) == platform.casefold())
    ]


def account_reports(
    store: Store,
    settings: Settings,
    today: date,
    accounts: list[Account] | None = None,
    posts_since: date | None = None,
) -> list[AccountReport]:
    """A report per account (all of them unless given), on posts from `posts_since` on."""
    since = datetime.combine(posts_since, time.min, UTC) if posts_since else None
    return [
        account_report(
            account,
            follower_history(store, account.id),
            list(reversed(list_posts(store, account.id, since))),
            settings.thresholds,
            today,
        )
        for account in (accounts if accounts is not None else list_accounts(store))
    ]
