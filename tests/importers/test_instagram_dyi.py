"""Instagram's "Download your information" JSON: the followers list as a lower-bound curve, and
audience insights."""

import json
from datetime import UTC, date, datetime

import pytest

from companion.core.accounts import Snapshot
from companion.core.audience import Dimension
from companion.importers import instagram_dyi
from companion.importers.detect import identify
from companion.importers.errors import ImportFailed
from companion.importers.exports import ExportFile
from companion.importers.records import AccountBreakdown, FollowerFloor
from tests.importers.platform_samples import (
    COLLECTED,
    EXPORTS,
    needs_samples,
    read_all,
    recognised,
    records,
    source,
    unusable,
)

pytestmark = needs_samples
GOODNESS = COLLECTED / "instagram" / "GoodnessFx__Recall"
INSIGHTS = GOODNESS / "logged_information" / "past_instagram_insights"


def follower(name: str, moment: datetime) -> dict:
    return {
        "title": "",
        "media_list_data": [],
        "string_list_data": [
            {
                "href": f"https://www.instagram.com/{name}",
                "value": name,
                "timestamp": int(moment.timestamp()),
            }
        ],
    }


def test_the_followers_list_gives_a_lower_bound_curve_counting_a_repeat_once():
    export = recognised(EXPORTS / "instagram" / "followers_1.json")
    assert "lower bound" in export.kind
    assert "lower bound" in export.caveat
    [floor] = records(read_all(export))
    assert isinstance(floor, FollowerFloor)
    # 9 entries, one of them the previous entry repeated: 8 followers, all on 8 Dec 2023.
    assert (floor.date, floor.followers) == (date(2023, 12, 8), 8)


def test_the_curve_adds_up_day_by_day(tmp_path):
    path = tmp_path / "followers_1.json"
    entries = [
        follower("c", datetime(2025, 3, 3, 9, tzinfo=UTC)),
        follower("a", datetime(2025, 3, 1, 9, tzinfo=UTC)),
        follower("b", datetime(2025, 3, 1, 22, tzinfo=UTC)),
        follower("d", datetime(2025, 3, 3, 10, tzinfo=UTC)),
    ]
    path.write_text(json.dumps(entries, indent=2))
    floors = records(read_all(recognised(path)))
    assert [(f.date.day, f.followers) for f in floors] == [(1, 2), (3, 4)]


def test_a_large_list_is_scanned_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(instagram_dyi, "CHUNK_CHARS", 100)
    path = tmp_path / "followers_2.json"
    entries = [follower(f"user_{n}", datetime(2025, 1, 1 + n % 20, tzinfo=UTC)) for n in range(200)]
    path.write_text(json.dumps(entries, indent=4))
    floors = records(read_all(recognised(path)))
    assert floors[-1].followers == 200
    assert len(floors) == 20


@pytest.mark.parametrize(
    "path",
    [
        EXPORTS / "instagram" / "followers_1-single-object.json",
        COLLECTED
        / "instagram/corsali__userdata-extractor/PSEUDONYMIZED/test/data/json/instagram/followers_and_following/followers.json",
        GOODNESS / "PSEUDONYMIZED/connections/followers_and_following/followers_1.json",
    ],
)
def test_older_and_newer_list_shapes(path):
    floors = records(read_all(recognised(path)))
    assert floors and all(isinstance(f, FollowerFloor) for f in floors)
    assert [f.followers for f in floors] == sorted(f.followers for f in floors)


def test_a_cut_off_list_is_refused(tmp_path):
    path = tmp_path / "followers_1.json"
    path.write_text((EXPORTS / "instagram" / "followers_1.json").read_text()[:-40])
    with pytest.raises(ImportFailed, match="cut off"):
        read_all(recognised(path))


def test_a_list_without_follow_times_is_refused(tmp_path):
    path = tmp_path / "followers_1.json"
    path.write_text('[{"title": "", "string_list_data": []}]')
    with pytest.raises(ImportFailed, match="no followers"):
        read_all(recognised(path))


def test_audience_insights_give_followers_and_four_breakdowns():
    export = recognised(INSIGHTS / "audience_insights.json", date(2026, 5, 8))
    results = records(read_all(export))
    [snapshot] = [r for r in results if isinstance(r, Snapshot)]
    assert (snapshot.date, snapshot.followers) == (date(2026, 5, 6), 196)
    breakdowns = {
        r.breakdown.dimension: r.breakdown for r in results if isinstance(r, AccountBreakdown)
    }
    assert set(breakdowns) == {Dimension.COUNTRY, Dimension.CITY, Dimension.AGE, Dimension.GENDER}
    countries = {s.bucket: s.share for s in breakdowns[Dimension.COUNTRY].shares}
    assert countries["NG"] == pytest.approx(0.601)
    assert countries["US"] == pytest.approx(0.061)
    genders = {s.bucket: s.share for s in breakdowns[Dimension.GENDER].shares}
    assert genders == {"male": pytest.approx(0.64), "female": pytest.approx(0.36)}
    assert {s.bucket for s in breakdowns[Dimension.AGE].shares} >= {"18-24", "65+"}


def test_insights_that_are_not_json_are_refused_with_the_line(tmp_path):
    path = tmp_path / "audience_insights.json"
    path.write_text('{"organic_insights_audience": [\n  {"string_map_data": {,}}\n')
    with pytest.raises(ImportFailed, match="not valid JSON") as error:
        read_all(recognised(path))
    assert error.value.line == 2


@pytest.mark.parametrize(
    "path",
    [
        INSIGHTS / "profiles_reached.json",
        INSIGHTS / "content_interactions.json",
        GOODNESS / "PSEUDONYMIZED/connections/followers_and_following/following.json",
    ],
)
def test_period_totals_and_the_following_list_are_left_out(path):
    found = unusable(path)
    assert "nothing the app keeps" in found.reason
    assert not found.refused


def test_the_html_flavour_asks_for_json():
    path = (
        COLLECTED
        / "instagram/kashik09__insta/PSEUDONYMIZED/connections/followers_and_following/followers_1.html"
    )
    found = identify(source(path))
    assert not isinstance(found, ExportFile)
    assert found.refused and "JSON" in found.reason


def test_other_json_is_not_taken_for_instagram(tmp_path):
    path = tmp_path / "followers_1.json"
    path.write_text('{"name": "not instagram"}')
    assert not isinstance(identify(source(path)), ExportFile)
