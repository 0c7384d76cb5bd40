"""Where a cue appears on the frame: its WebVTT settings read as players read them, and its box placed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.subtitles.layout import SAFE_MARGIN, Align, parse_settings, place

LINE = 0.07


def test_no_settings_put_the_cue_centred_at_the_bottom():
    box = place(parse_settings(""), 2, LINE)
    assert box.side == "center"
    assert box.top + box.height == pytest.approx(1 - SAFE_MARGIN)
    assert box.left == pytest.approx(SAFE_MARGIN) and box.width == pytest.approx(
        1 - 2 * SAFE_MARGIN
    )


def test_line_zero_puts_the_cue_at_the_top_and_negative_lines_count_from_the_bottom():
    assert place(parse_settings("line:0"), 1, LINE).top == pytest.approx(SAFE_MARGIN)
    assert place(parse_settings("line:1"), 1, LINE).top == pytest.approx(SAFE_MARGIN + LINE)
    bottom = place(parse_settings("line:-1"), 2, LINE)
    assert bottom.top + bottom.height == pytest.approx(1 - SAFE_MARGIN)


def test_a_line_percentage_places_the_box_there_by_its_line_alignment():
    inner = 1 - 2 * SAFE_MARGIN
    top = place(parse_settings("line:50%"), 1, LINE)
    assert top.top == pytest.approx(SAFE_MARGIN + 0.5 * inner)
    centred = place(parse_settings("line:50%,center"), 2, LINE)
    assert centred.top + centred.height / 2 == pytest.approx(SAFE_MARGIN + 0.5 * inner)


def test_align_start_with_position_puts_a_narrow_box_at_the_left():
    settings = parse_settings("align:start position:10% size:40%")
    assert settings.align is Align.START
    box = place(settings, 1, LINE)
    inner = 1 - 2 * SAFE_MARGIN
    assert box.side == "left"
    assert box.left == pytest.approx(SAFE_MARGIN + 0.1 * inner)
    assert box.width == pytest.approx(0.4 * inner)


def test_netflix_files_older_syntax_is_understood():
    """From the real netflix_chicas_del_cable.vtt sample."""
    settings = parse_settings("position:50.00%,middle  align:middle size:80.00%  line:84.67%")
    assert settings.ignored == ()
    assert (settings.align, settings.position_align) == (Align.CENTER, "center")
    box = place(settings, 2, LINE)
    assert box.left + box.width / 2 == pytest.approx(0.5)
    assert box.width == pytest.approx(0.8 * (1 - 2 * SAFE_MARGIN))


@pytest.mark.parametrize(
    "setting", ["align:wrong", "size:120%", "position:abc", "line:1.5", "vertical:rl", "nonsense"]
)
def test_settings_players_ignore_are_listed_and_change_nothing(setting):
    settings = parse_settings(setting)
    assert settings.ignored == (setting,)
    assert place(settings, 1, LINE) == place(parse_settings(""), 1, LINE)


@given(
    st.sampled_from(["", "line:0", "line:-1", "line:99%", "line:3", "line:-30", "line:0%,end"]),
    st.sampled_from(["", "position:0%", "position:100%", "position:95%,line-left"]),
    st.sampled_from(["", "size:10%", "size:100%"]),
    st.sampled_from(list(Align)),
    st.integers(1, 6),
)
def test_every_box_stays_inside_the_frame(line, position, size, align, lines):
    box = place(parse_settings(f"{line} {position} {size} align:{align}"), lines, LINE)
    assert box.left >= 0 and box.left + box.width <= 1 + 1e-9
    assert box.top >= 0 and box.top + box.height <= 1 + 1e-9
