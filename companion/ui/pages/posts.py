"""The Posts page: every post and how it did (an empty state until that feature lands)."""

from companion.store.records import RecordCounts
from companion.ui.pages.base import PlannedPage, count_phrase


class PostsPage(PlannedPage):
    title = "Posts"
    icon_name = "posts"
    heading = "Every post, and how it did"
    promise = (
        "All your posts in one list: likes, comments, shares, saves and reach, the engagement "
        "rate of each, and the ones worth showing a brand."
    )

    def describe_record(self, counts: RecordCounts) -> str:
        if not counts.posts:
            return ""
        return (
            f"Your record holds {count_phrase(counts.posts, 'post')} "
            f"across {count_phrase(counts.accounts, 'account')}."
        )
