"""The creator's posts: list, add, edit, delete (and put back, for undo), and import many."""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from companion.core.posts import Post, PostKind
from companion.store.database import Store
from companion.store.upsert import UpsertCounts, batches, upsert_rows

POST_FIELDS = (
    "account_id",
    "platform_post_id",
    "published_at",
    "kind",
    "caption",
    "url",
    "likes",
    "comments",
    "shares",
    "saves",
    "views",
    "reach",
    "impressions",
    "source",
)


def post_row(post: Post) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(post, name) for name in POST_FIELDS}
    # Stored in UTC so that text order is time order (queries compare the text).
    published = post.published_at
    row["published_at"] = (
        (published if published.tzinfo else published.replace(tzinfo=UTC))
        .astimezone(UTC)
        .isoformat()
    )
    row["kind"] = str(post.kind)
    if post.id is not None:
        row["id"] = post.id
    return row


def post_from_row(row: dict[str, Any]) -> Post:
    values = {name: row[name] for name in POST_FIELDS}
    values["published_at"] = datetime.fromisoformat(row["published_at"])
    values["kind"] = _kind(row["kind"])
    return Post(id=row["id"], **values)


def list_posts(
    store: Store, account_id: int | None = None, since: datetime | None = None
) -> list[Post]:
    """Posts newest first, of one account or all, published from `since` on if given."""
    conditions, params = ["published_at >= ?"], [since.isoformat() if since else ""]
    if account_id is not None:
        conditions.append("account_id = ?")
        params.append(account_id)
    rows = store.query(
        f"SELECT id, {', '.join(POST_FIELDS)} FROM post WHERE {' AND '.join(conditions)} "
        "ORDER BY published_at DESC, id DESC",
        params,
    )
    return [post_from_row(row) for row in rows]


def get_post(store: Store, post_id: int) -> Post | None:
    rows = store.query(f"SELECT id, {', '.join(POST_FIELDS)} FROM post WHERE id = ?", (post_id,))
    return post_from_row(rows[0]) if rows else None


def add_post(store: Store, post: Post) -> Post:
    """Insert a post; returns it with its id."""
    with store.transaction():
        new_id = store.db["post"].insert(post_row(post)).last_pk
    return Post(**{**_fields(post), "id": new_id})


def update_post(store: Store, post: Post) -> Post:
    """Replace a post's fields with these; returns the post as it was (for undo)."""
    if post.id is None:
        raise ValueError("update_post needs a post with an id")
    previous = get_post(store, post.id)
    if previous is None:
        raise LookupError(f"post {post.id} no longer exists")
    row = post_row(post)
    assignments = ", ".join(f"[{name}] = ?" for name in POST_FIELDS)
    with store.transaction():
        store.conn.execute(
            f"UPDATE post SET {assignments} WHERE id = ?",
            [row[name] for name in POST_FIELDS] + [post.id],
        )
    return previous


def delete_posts(store: Store, post_ids: Sequence[int]) -> list[Post]:
    """Delete posts; returns them as they were, so undo can put them back with `restore_posts`."""
    removed = [post for post_id in post_ids if (post := get_post(store, post_id)) is not None]
    with store.transaction():
        store.conn.executemany("DELETE FROM post WHERE id = ?", [(p.id,) for p in removed])
    return removed


def restore_posts(store: Store, posts: Iterable[Post]) -> None:
    """Put deleted posts back with their own ids."""
    with store.transaction():
        store.db["post"].insert_all((post_row(p) for p in posts), pk="id")


def import_posts(store: Store, posts: Iterable[Post]) -> UpsertCounts:
    """Merge imported posts, matched on the platform's post id, else on the time published.

    The caller holds the transaction.
    """
    counts = UpsertCounts()
    rows = ({k: v for k, v in post_row(p).items() if v is not None and k != "id"} for p in posts)
    for batch in batches(rows):
        with_id = [row for row in batch if row.get("platform_post_id")]
        without_id = [row for row in batch if not row.get("platform_post_id")]
        counts.add(upsert_rows(store, "post", ("account_id", "platform_post_id"), with_id))
        counts.add(upsert_rows(store, "post", ("account_id", "published_at"), without_id))
    return counts


def _fields(post: Post) -> dict[str, Any]:
    return {name: getattr(post, name) for name in (*POST_FIELDS, "id")}


def _kind(value: str) -> PostKind:
    try:
        return PostKind(value)
    except ValueError:
        return PostKind.POST
