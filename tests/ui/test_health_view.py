"""The audience-health widgets: the score and its parts, the follower jumps, and working it out off the GUI thread."""

import random
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette

from companion.core.follower_jumps import FollowerJump, MatchedBy
from companion.core.quality import Component, Judgement, QualityReport
from companion.core.settings import Settings
from companion.store.database import Store, open_store
from companion.store.quality import load_creator_health
from companion.ui.chart_view import chart_theme
from companion.ui.context import AppContext
from companion.ui.health_view import (
    HealthView,
    badge_text,
    effect_text,
    health_loader,
    jump_verdict,
    jumps_caption,
    ordered_jumps,
    summary_text,
)
from companion.ui.theme import Appearance, install_theme
from tests.store.test_accounts import NEWEST_DAY, add_account

LOADER_WAIT_MS = 20_000
HISTORY_DAYS = 200
SPIKE_DAYS_AGO = 40
SPIKE = NEWEST_DAY - timedelta(days=SPIKE_DAYS_AGO)


def add_bought_spike(store: Store, handle: str = "mayaeats") -> int:
    """An Instagram account of ≈20,000 whose followers jump by 2,500 on SPIKE while its reach
    and its posts' engagements stay as they were; returns its id."""
    account_id = add_account(store, "instagram", handle)
    rng = random.Random(7)
    first = NEWEST_DAY - timedelta(days=HISTORY_DAYS - 1)
    followers, snapshots = 20_000, []
    for index in range(HISTORY_DAYS):
        day = first + timedelta(days=index)
        followers += round(rng.gauss(20, 6)) + (2_500 if day == SPIKE else 0)
        reach = round(3_000 * rng.lognormvariate(0, 0.15))
        snapshots.append(
            {
                "account_id": account_id,
                "date": day.isoformat(),
                "followers": followers,
                "reach": reach,
            }
        )
    posts = [
        {
            "account_id": account_id,
            "published_at": datetime.combine(first + timedelta(days=d), time(18), UTC).isoformat(),
            "kind": "post",
            "likes": 800 + rng.randrange(60),
            "comments": 40,
            "reach": 5_000,
        }
        for d in range(0, HISTORY_DAYS, 3)
    ]
    with store.transaction():
        store.db["snapshot"].insert_all(snapshots)
        store.db["post"].insert_all(posts)
    return account_id


@pytest.fixture
def spiked(store: Store) -> QualityReport:
    add_bought_spike(store)
    (report,) = load_creator_health(store, Settings(), NEWEST_DAY)
    return report


def jump(matched_by: MatchedBy | None, **changes) -> FollowerJump:
    values = dict(
        day=SPIKE,
        followers=22_500,
        change=2_520,
        usual=20.0,
        spread=6.0,
        reach=3_100,
        usual_reach=3_000.0,
        engagements=830,
        usual_engagements=820.0,
        matched_by=matched_by,
    )
    values.update(changes)
    return FollowerJump(**values)


# --- what it says ---------------------------------------------------------------------------------


def test_a_judged_part_shows_its_points_and_one_left_out_says_so():
    judged = Judgement(Component.REACH, 0.3, "30 %", "20 %", "Keep going", "", 0.9, 13.5, 15.0)
    assert effect_text(judged) == "+14 of 15"
    left_out = Judgement(Component.REACH, None, "No reach known", "20 %", "Import reach")
    assert effect_text(left_out) == "Left out"


@pytest.mark.parametrize(
    ("the_jump", "verdict"),
    [
        (jump(None), "Not matched by reach or engagement"),
        (jump(MatchedBy.REACH, reach=12_000), "Matched: reach × 4.0"),
        (jump(MatchedBy.ENGAGEMENT, engagements=16_400), "Matched: a post's engagements × 20.0"),
        (
            jump(MatchedBy.ELSEWHERE, matched_elsewhere="TikTok @maya"),
            "Matched: came with TikTok @maya's jump",
        ),
    ],
)
def test_each_jump_says_what_matched_it(the_jump: FollowerJump, verdict: str):
    assert jump_verdict(the_jump) == verdict


def test_unmatched_jumps_come_first_then_newest_first():
    older = jump(MatchedBy.REACH, day=SPIKE - timedelta(days=30))
    newer = jump(MatchedBy.REACH, day=SPIKE + timedelta(days=3))
    flagged = jump(None, day=SPIKE - timedelta(days=60))
    assert ordered_jumps([older, flagged, newer]) == [flagged, newer, older]


def test_the_texts_of_a_bought_spike(spiked: QualityReport):
    assert badge_text(spiked) == f"Audience health {spiked.score:.0f} · {spiked.band}"
    summary = summary_text(spiked)
    assert "from 5 of 6 parts" in summary
    assert "Left out, and not counted against you: Audience in target countries." in summary
    assert "1 day with a follower jump nothing explains." in summary
    assert jumps_caption(spiked).startswith("1 day gained far more than usual; 1 not matched")


# --- the view ---------------------------------------------------------------------------------------


def make_view(qtbot) -> HealthView:
    view = HealthView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    return view


def test_the_view_lists_every_part_and_the_flagged_day_with_its_numbers(qtbot, spiked):
    view = make_view(qtbot)
    view.show_report(spiked)
    assert view.score_label.text() == f"{spiked.score:.0f}"
    assert view.band_label.text() == spiked.band
    assert [row[0] for row in view.part_rows] == [c.label for c in Component]
    engagement = view.part_rows[0]
    assert engagement[2] == "Micro benchmark 4 %" and engagement[3].startswith("+")
    (flagged,) = view.jump_rows
    assert flagged[0] == "11 Oct 2026"
    assert flagged[1].startswith("+2,5")
    assert flagged[-1] == "Not matched by reach or engagement"
    assert len(view.flagged_labels) == len(flagged)
    loss = chart_theme(view.palette()).loss
    assert loss in view.flagged_labels[0].styleSheet()


def test_a_message_replaces_the_score(qtbot, spiked):
    view = make_view(qtbot)
    view.show_report(spiked)
    view.show_message("Audience health could not be worked out (disk full).")
    assert view.score_label.text() == "—"
    assert view.part_rows == [] and view.jump_rows == []
    assert view.summary_label.text().endswith("(disk full).")


def test_flagged_days_take_the_dark_themes_loss_colour(qtbot, qapp, spiked):
    view = make_view(qtbot)
    view.show_report(spiked)
    light = view.flagged_labels[0].styleSheet()
    install_theme(qapp).set_appearance(Appearance.DARK)
    qtbot.waitUntil(lambda: view.flagged_labels[0].styleSheet() != light)
    dark_loss = chart_theme(view.palette()).loss
    assert view.palette().color(QPalette.ColorRole.Base).lightness() < 128
    assert dark_loss in view.flagged_labels[0].styleSheet()


# --- working it out -------------------------------------------------------------------------------


def test_the_scores_are_worked_out_on_a_worker_once_per_state_of_the_record(qtbot, db_path: Path):
    store = open_store(db_path)
    try:
        account_id = add_bought_spike(store)
        context = AppContext(store)
        loader = health_loader(context)
        assert health_loader(context) is loader  # one per context, shared by the pages
        with qtbot.waitSignal(loader.loaded, timeout=LOADER_WAIT_MS) as loaded:
            loader.request(store, context.settings, NEWEST_DAY)
            assert loader.busy  # the GUI thread is free while it works
        assert loaded.args[0][account_id].flagged_days[0].day == SPIKE
        first = loader.reports
        loader.request(store, context.settings, NEWEST_DAY)
        assert not loader.busy and loader.reports is first  # nothing changed: not again
        with store.transaction():
            store.conn.execute("DELETE FROM snapshot WHERE date = ?", (SPIKE.isoformat(),))
        with qtbot.waitSignal(loader.loaded, timeout=LOADER_WAIT_MS):
            loader.request(store, context.settings, NEWEST_DAY)
        assert loader.reports[account_id].flagged_days == ()  # a gap is not a jump
    finally:
        store.close()


def test_a_newer_request_wins_over_one_under_way(qtbot, db_path: Path):
    store = open_store(db_path)
    try:
        add_bought_spike(store)
        context = AppContext(store)
        loader = health_loader(context)
        results: list[dict] = []
        loader.loaded.connect(results.append)
        loader.request(store, Settings(), NEWEST_DAY)
        loader.request(store, Settings(target_countries=("US",)), NEWEST_DAY)
        qtbot.waitUntil(lambda: not loader.busy, timeout=LOADER_WAIT_MS)
        qtbot.wait(50)
        assert len(results) == 1
        (report,) = results[0].values()
        countries = next(j for j in report.components if j.component is Component.TARGET_COUNTRIES)
        assert countries.value_text == "No country breakdown for this account yet."
    finally:
        store.close()


def test_a_failure_on_the_worker_is_said_and_leaves_no_score(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
):
    from companion.store.errors import DatabaseCorrupt
    from companion.ui import health_view

    def broken(path, settings, today):
        yield
        raise DatabaseCorrupt("companion.sqlite is damaged and cannot be read.", path)

    monkeypatch.setattr(health_view, "creator_health_steps", broken)
    context = AppContext(store)
    loader = health_loader(context)
    messages: list[str] = []
    loader.failed.connect(messages.append)
    loader.request(store, Settings(), NEWEST_DAY)
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADER_WAIT_MS)
    assert messages == [
        "Audience health could not be worked out (companion.sqlite is damaged and cannot be read.)."
    ]
    assert loader.reports == {} and not loader.busy


def test_with_too_little_known_the_view_says_how_much_is_missing(qtbot, store: Store):
    account_id = add_account(store, "instagram", "mayaeats")
    followers = [{"account_id": account_id, "date": str(NEWEST_DAY - timedelta(days=d)), "followers": 9_000 - d} for d in range(120)]  # fmt: skip
    with store.transaction():
        store.db["snapshot"].insert_all(followers)
    (report,) = load_creator_health(store, Settings(), NEWEST_DAY)
    view = make_view(qtbot)
    view.show_report(report)
    assert view.score_label.text() == "—"
    assert view.summary_label.text().startswith(
        "Too little is known for a score yet: the parts that can be judged carry 35 of its "
        "100 points, and 40 are needed."
    )
    assert badge_text(report) == "Audience health: not enough numbers yet"
    effects = [row[3] for row in view.part_rows]
    assert effects.count("Left out") == 4 and effects.count("No score yet") == 2
