"""Undo commands for posts: adding, editing and deleting are each one entry on the undo stack."""

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from companion.core.posts import Post
from companion.store.posts import add_post, delete_posts, restore_posts, update_post
from companion.ui.context import AppContext
from companion.ui.post_model import as_utc
from companion.ui.snapshot_commands import RecordEdit

SHORT_CAPTION_CHARS = 32


class PostChanges(QObject):
    """Which posts an edit wrote or removed: narrower than `AppContext.data_changed`.

    A table of posts follows these without reading every post again. One per context
    (see `post_changes`).
    """

    saved = Signal(list)
    """Carries the `Post`s added, edited or put back, as they are now stored."""

    removed = Signal(list)
    """Carries the ids of the posts deleted."""


def post_changes(context: AppContext) -> PostChanges:
    """The context's PostChanges, made on first use and living as long as the context."""
    changes = context.findChild(PostChanges)
    return changes if changes is not None else PostChanges(context)


def post_name(post: Post) -> str:
    """How an undo entry names a post: its caption's start, else its date."""
    caption = " ".join((post.caption or "").split())
    if not caption:
        day = as_utc(post.published_at).astimezone()
        return f"the post of {day.day} {day:%b %Y}"
    if len(caption) > SHORT_CAPTION_CHARS:
        caption = caption[: SHORT_CAPTION_CHARS - 1].rstrip() + "…"
    return f"“{caption}”"


class AddPost(RecordEdit):
    def __init__(self, context: AppContext, post: Post) -> None:
        super().__init__(context, f"Add {post_name(post)}")
        self.post = post

    def apply(self) -> None:
        if self.post.id is None:
            self.post = add_post(self.context.store, self.post)
        else:  # a redo: the same post under the same id, which later entries refer to
            restore_posts(self.context.store, [self.post])
        post_changes(self.context).saved.emit([self.post])

    def revert(self) -> None:
        removed = delete_posts(self.context.store, [self.post.id] if self.post.id else [])
        post_changes(self.context).removed.emit([post.id for post in removed])


class EditPost(RecordEdit):
    """Replace a post's fields, e.g. its numbers as they grow; undo puts back what was stored."""

    def __init__(self, context: AppContext, edited: Post) -> None:
        super().__init__(context, f"Edit {post_name(edited)}")
        self.edited = edited
        self.before: Post | None = None

    def apply(self) -> None:
        self.before = update_post(self.context.store, self.edited)
        post_changes(self.context).saved.emit([self.edited])

    def revert(self) -> None:
        if self.before is not None:
            update_post(self.context.store, self.before)
            post_changes(self.context).saved.emit([self.before])


class DeletePosts(RecordEdit):
    """Delete posts; undo puts them back with their own ids."""

    def __init__(self, context: AppContext, posts: Sequence[Post]) -> None:
        text = (
            f"Delete {post_name(posts[0])}" if len(posts) == 1 else f"Delete {len(posts):,} posts"
        )
        super().__init__(context, text)
        self.post_ids = [post.id for post in posts if post.id is not None]
        self.deleted: list[Post] = []

    def apply(self) -> None:
        self.deleted = delete_posts(self.context.store, self.post_ids)
        post_changes(self.context).removed.emit([post.id for post in self.deleted])

    def revert(self) -> None:
        restore_posts(self.context.store, self.deleted)
        post_changes(self.context).saved.emit(list(self.deleted))
