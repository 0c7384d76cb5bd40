"""The Posts table model and its filter: cell text, raw sort values, sorting with unknowns, filters."""

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt

from companion.core.accounts import Account
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.ui.post_model import (
    POST_ID_ROLE,
    SORT_ROLE,
    UNKNOWN,
    PostColumn,
    PostFilter,
    PostTableModel,
    RowMaker,
    count_text,
    first_line,
    published_text,
    rate_text,
    sorted_rows,
)

FIRST_DAY = date(2026, 3, 1)
INSTAGRAM = Account(1, Platform.INSTAGRAM, "nina.eats")
TIKTOK = Account(2, Platform.TIKTOK, "ninaeats")
ASCENDING = Qt.SortOrder.AscendingOrder
DESCENDING = Qt.SortOrder.DescendingOrder
NUMERIC_COLUMNS = [column for column in PostColumn if column.numeric]


def follower_days(followers: int, days: int = 60) -> list[tuple[date, int]]:
    return [(FIRST_DAY + timedelta(days=i), followers) for i in range(days)]


MAKER = RowMaker({1: INSTAGRAM, 2: TIKTOK}, {1: follower_days(2_000), 2: follower_days(10_000)})


def post(post_id: int, **fields: object) -> Post:
    values: dict[str, object] = {
        "account_id": 1,
        "published_at": datetime(2026, 3, 10, 18, 30, tzinfo=UTC) + timedelta(hours=post_id),
        "kind": PostKind.POST,
        "id": post_id,
    }
    values.update(fields)
    return Post(**values)  # type: ignore[arg-type]


def make_filter(qtbot, posts: list[Post]) -> PostFilter:
    model = PostTableModel()
    proxy = PostFilter(model)
    model.show_rows(MAKER.rows(posts))
    return proxy


def column_values(proxy: PostFilter, column: PostColumn, role: int = SORT_ROLE) -> list[object]:
    return [proxy.data(proxy.index(row, column), role) for row in range(proxy.rowCount())]


def cell(proxy: PostFilter, row: int, column: PostColumn, role: int = Qt.ItemDataRole.DisplayRole):
    return proxy.data(proxy.index(row, column), role)


# --- how cells read -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "text"),
    [(0.0423, "4.2 %"), (None, UNKNOWN), (0.0, "0.0 %"), (0.0001, "< 0.1 %"), (2.564, "256.4 %")],
)
def test_a_rate_reads_as_a_percentage_and_unknown_as_a_dash(rate, text):
    assert rate_text(rate) == text


def test_counts_have_thousands_separators_and_unknown_is_a_dash():
    assert count_text(1_234_567) == "1,234,567"
    assert count_text(0) == "0"
    assert count_text(None) == UNKNOWN


def test_a_time_without_a_zone_is_taken_as_utc(qtbot):
    proxy = make_filter(qtbot, [post(1, published_at=datetime(2026, 1, 2)), post(2)])
    proxy.sort(PostColumn.PUBLISHED, ASCENDING)
    assert proxy.post_ids() == [1, 2]
    assert cell(proxy, 0, PostColumn.PUBLISHED, SORT_ROLE) is not None


def test_the_caption_column_shows_the_first_line_that_has_text():
    assert first_line("\n  Pastéis de nata at home \nrecipe below") == "Pastéis de nata at home"
    assert first_line(None) == ""


def test_published_is_shown_in_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    time.tzset()
    try:
        assert published_text(datetime(2026, 7, 1, 17, 5, tzinfo=UTC)) == "1 Jul 2026, 18:05"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_model_shows_formatted_values_and_keeps_raw_ones_for_sorting(qtbot):
    proxy = make_filter(
        qtbot,
        [post(1, caption="Tinned fish picnic\n#ad", likes=1_200, comments=40, reach=5_000)],
    )
    assert cell(proxy, 0, PostColumn.ACCOUNT) == "Instagram @nina.eats"
    assert cell(proxy, 0, PostColumn.KIND) == "Post"
    assert cell(proxy, 0, PostColumn.CAPTION) == "Tinned fish picnic"
    assert cell(proxy, 0, PostColumn.LIKES) == "1,200"
    assert cell(proxy, 0, PostColumn.SAVES) == UNKNOWN
    # 1,240 engagements: of 2,000 followers, of 5,000 reached; views unknown.
    assert cell(proxy, 0, PostColumn.ER_FOLLOWERS) == "62.0 %"
    assert cell(proxy, 0, PostColumn.ER_REACH) == "24.8 %"
    assert cell(proxy, 0, PostColumn.ER_VIEWS) == UNKNOWN
    assert cell(proxy, 0, PostColumn.LIKES, SORT_ROLE) == 1_200
    assert cell(proxy, 0, PostColumn.ER_REACH, SORT_ROLE) == pytest.approx(0.248)
    assert cell(proxy, 0, PostColumn.ER_VIEWS, SORT_ROLE) is None
    assert cell(proxy, 0, PostColumn.SAVES, SORT_ROLE) is None
    assert cell(proxy, 0, PostColumn.CAPTION, SORT_ROLE) == "tinned fish picnic\n#ad"
    assert cell(proxy, 0, PostColumn.LIKES, POST_ID_ROLE) == 1


def test_numbers_are_right_aligned_and_text_left_aligned(qtbot):
    proxy = make_filter(qtbot, [post(1, likes=3)])
    alignment = Qt.ItemDataRole.TextAlignmentRole
    right, left = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft
    for column in PostColumn:
        expected = right if column.numeric else left
        assert Qt.AlignmentFlag(cell(proxy, 0, column, alignment)) & expected
        header = proxy.headerData(column, Qt.Orientation.Horizontal, alignment)
        assert Qt.AlignmentFlag(header) & expected


def test_unknown_numbers_are_drawn_muted_and_known_ones_in_the_text_colour(qtbot):
    proxy = make_filter(qtbot, [post(1, likes=3)])
    assert cell(proxy, 0, PostColumn.LIKES, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(proxy, 0, PostColumn.SAVES, Qt.ItemDataRole.ForegroundRole) is not None


def test_an_er_cell_explains_its_sum_or_what_is_missing(qtbot):
    early = datetime(2025, 1, 5, 12, tzinfo=UTC)
    proxy = make_filter(qtbot, [post(1, likes=90, comments=10), post(2, published_at=early)])
    tooltip = Qt.ItemDataRole.ToolTipRole
    rows = {cell(proxy, row, PostColumn.LIKES, POST_ID_ROLE): row for row in range(2)}
    assert cell(proxy, rows[1], PostColumn.ER_FOLLOWERS, tooltip) == (
        "100 engagements (likes, comments) ÷ 2,000 followers"
    )
    assert "reach is not recorded" in cell(proxy, rows[1], PostColumn.ER_REACH, tooltip)
    assert "No likes, comments" in cell(proxy, rows[2], PostColumn.ER_FOLLOWERS, tooltip)


def test_a_post_before_the_first_follower_count_has_no_er_by_followers(qtbot):
    early = datetime(2025, 1, 5, 12, tzinfo=UTC)
    proxy = make_filter(qtbot, [post(1, published_at=early, likes=50)])
    assert cell(proxy, 0, PostColumn.ER_FOLLOWERS) == UNKNOWN
    assert "No follower count from around 5 Jan 2025" in cell(
        proxy, 0, PostColumn.ER_FOLLOWERS, Qt.ItemDataRole.ToolTipRole
    )


# --- sorting --------------------------------------------------------------------------------


def test_sorting_by_er_puts_unknown_rates_last_in_both_directions(qtbot):
    likes = {1: 100, 2: None, 3: 300, 4: None, 5: 200}
    proxy = make_filter(qtbot, [post(i, likes=n) for i, n in likes.items()])
    proxy.sort(PostColumn.ER_FOLLOWERS, DESCENDING)
    assert proxy.post_ids() == [3, 5, 1, 4, 2]
    proxy.sort(PostColumn.ER_FOLLOWERS, ASCENDING)
    assert proxy.post_ids() == [1, 5, 3, 4, 2]


def test_numbers_sort_as_numbers_not_as_text(qtbot):
    proxy = make_filter(qtbot, [post(1, views=900), post(2, views=10_000), post(3, views=85)])
    proxy.sort(PostColumn.VIEWS, ASCENDING)
    assert column_values(proxy, PostColumn.VIEWS) == [85, 900, 10_000]


def test_text_columns_sort_by_what_they_show(qtbot):
    posts = [
        post(1, account_id=2, kind=PostKind.VIDEO, caption="banana bread"),
        post(2, account_id=1, kind=PostKind.CAROUSEL, caption="Apple pie"),
    ]
    proxy = make_filter(qtbot, posts)
    proxy.sort(PostColumn.CAPTION, ASCENDING)
    assert proxy.post_ids() == [2, 1]
    proxy.sort(PostColumn.ACCOUNT, DESCENDING)
    assert column_values(proxy, PostColumn.ACCOUNT, Qt.ItemDataRole.DisplayRole) == [
        "TikTok @ninaeats",
        "Instagram @nina.eats",
    ]
    proxy.sort(PostColumn.PUBLISHED, DESCENDING)
    assert proxy.post_ids() == [2, 1]


def test_the_selection_follows_its_post_when_the_order_changes(qtbot):
    model = PostTableModel()
    proxy = PostFilter(model)
    model.show_rows(MAKER.rows([post(i, likes=10 * i) for i in range(1, 6)]))
    selection = QItemSelectionModel(proxy)
    proxy.sort(PostColumn.LIKES, ASCENDING)
    selection.select(
        proxy.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    proxy.sort(PostColumn.LIKES, DESCENDING)
    chosen = [proxy.data(index, POST_ID_ROLE) for index in selection.selectedRows()]
    assert chosen == [2]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    column=st.sampled_from(NUMERIC_COLUMNS),
    values=st.lists(st.none() | st.integers(0, 5_000_000), max_size=40),
    descending=st.booleans(),
)
def test_sorting_any_numeric_column_matches_python_sorted_with_unknowns_last(
    qtbot, column, values, descending
):
    """Counts go straight into a column; rates come from likes over fixed bases, so the
    property covers every numeric column with the values it really holds."""
    field = _field_for(column)
    proxy = make_filter(qtbot, [_post_with(i + 1, field, value) for i, value in enumerate(values)])
    raw = column_values(proxy, column)
    proxy.sort(column, DESCENDING if descending else ASCENDING)
    known = sorted((v for v in raw if v is not None), reverse=descending)
    assert column_values(proxy, column) == known + [None] * (len(raw) - len(known))


def _field_for(column: PostColumn) -> str:
    if column.is_rate:
        return "likes"
    return column.name.lower()


def _post_with(post_id: int, field: str, value: int | None) -> Post:
    bases = {"reach": 1_000, "views": 2_000} if field == "likes" else {}
    return post(post_id, **{field: value, **bases})


def test_sorted_rows_keeps_the_order_of_ties():
    rows = MAKER.rows([post(1, likes=5), post(2, likes=5), post(3, likes=None), post(4, likes=5)])
    for order in (ASCENDING, DESCENDING):
        assert [r.post_id for r in sorted_rows(rows, PostColumn.LIKES, order)] == [1, 2, 4, 3]


# --- filtering ------------------------------------------------------------------------------


def test_the_search_finds_text_in_captions_whatever_its_case(qtbot):
    captions = {1: "Pastéis de nata in LISBON", 2: "Porto by night", 3: None, 4: "lisbon picnic"}
    proxy = make_filter(qtbot, [post(i, caption=c) for i, c in captions.items()])
    proxy.set_search("  Lisbon ")
    assert sorted(proxy.post_ids()) == [1, 4]
    proxy.set_search("PASTÉIS")
    assert proxy.post_ids() == [1]
    proxy.set_search("")
    assert proxy.rowCount() == 4


def test_account_and_kind_filters_combine_with_the_search(qtbot):
    posts = [
        post(1, account_id=1, kind=PostKind.REEL, caption="nata"),
        post(2, account_id=2, kind=PostKind.REEL, caption="nata"),
        post(3, account_id=1, kind=PostKind.POST, caption="nata"),
        post(4, account_id=1, kind=PostKind.REEL, caption="sardines"),
    ]
    proxy = make_filter(qtbot, posts)
    proxy.set_account(1)
    assert sorted(proxy.post_ids()) == [1, 3, 4]
    proxy.set_kind(PostKind.REEL)
    assert sorted(proxy.post_ids()) == [1, 4]
    proxy.set_search("nata")
    assert proxy.post_ids() == [1]
    assert proxy.filtering
    proxy.set_account(None)
    assert sorted(proxy.post_ids()) == [1, 2]


def test_a_filter_stays_right_after_sorting_adding_editing_and_removing(qtbot):
    model = PostTableModel()
    proxy = PostFilter(model)
    model.show_rows(MAKER.rows([post(1, caption="nata", likes=1), post(2, caption="bread")]))
    proxy.set_search("nata")
    proxy.sort(PostColumn.LIKES, DESCENDING)
    assert proxy.post_ids() == [1]
    model.put_rows(MAKER.rows([post(3, caption="more nata", likes=9)]))
    assert proxy.post_ids() == [3, 1]
    model.put_rows(MAKER.rows([post(1, caption="croissant", likes=1)]))
    assert proxy.post_ids() == [3]
    model.put_rows(MAKER.rows([post(2, caption="nata bread", likes=5)]))
    assert proxy.post_ids() == [3, 2]
    model.drop_posts([3])
    assert proxy.post_ids() == [2]
    assert model.total == 2


def test_an_edited_post_moves_to_its_place_in_the_order(qtbot):
    model = PostTableModel()
    proxy = PostFilter(model)
    model.show_rows(MAKER.rows([post(i, likes=10 * i) for i in range(1, 4)]))
    proxy.sort(PostColumn.ER_FOLLOWERS, DESCENDING)
    assert proxy.post_ids() == [3, 2, 1]
    model.put_rows(MAKER.rows([post(1, likes=1_000)]))
    assert proxy.post_ids() == [1, 3, 2]
    assert cell(proxy, 0, PostColumn.ER_FOLLOWERS) == "50.0 %"


def test_removing_posts_that_are_not_neighbours(qtbot):
    model = PostTableModel()
    proxy = PostFilter(model)
    model.show_rows(MAKER.rows([post(i) for i in range(1, 8)]))
    model.drop_posts([2, 3, 5, 7, 99])
    assert sorted(proxy.post_ids()) == [1, 4, 6]
    assert model.position_of(5) is None


def test_a_selected_post_stays_selected_while_the_search_keeps_it(qtbot):
    model = PostTableModel()
    proxy = PostFilter(model)
    model.show_rows(MAKER.rows([post(1, caption="nata"), post(2, caption="bread")]))
    selected = QPersistentModelIndex(model.index(model.position_of(1), 0))
    proxy.set_search("nat")
    assert selected.isValid() and model.row_at(selected.row()).post_id == 1
    proxy.set_search("bread")
    assert not selected.isValid()
    assert proxy.post_ids() == [2]
