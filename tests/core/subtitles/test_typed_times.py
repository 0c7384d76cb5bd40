"""Times as a creator types them into the cue table or a timing dialog."""

import pytest
from hypothesis import given

from companion.core.subtitles.cues import SubtitleError, clock, parse_clock
from tests.core.subtitles.strategies import times


@pytest.mark.parametrize(
    ("typed", "ms"),
    [
        ("00:01:02.500", 62_500),
        ("1:02.5", 62_500),
        ("00:01:02,500", 62_500),
        ("62.25", 62_250),
        ("62", 62_000),
        (" 1:00:00 ", 3_600_000),
        ("0.001", 1),
    ],
)
def test_typed_times(typed, ms):
    assert parse_clock(typed) == ms


@pytest.mark.parametrize("typed", ["", "abc", "1:75", "1:60:00", "-1", "1.2345", "1::2"])
def test_what_is_not_a_time_is_refused_with_an_example(typed):
    with pytest.raises(SubtitleError, match=r"is not a time like 00:01:02\.500"):
        parse_clock(typed)


@given(times)
def test_every_time_shown_reads_back_as_itself(ms):
    assert parse_clock(clock(ms)) == ms
