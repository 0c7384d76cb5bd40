"""An account report as plain text, for `companion stats` in a terminal."""

from datetime import date

from companion.core.accounts import AccountStanding
from companion.core.content import SlotResult
from companion.core.growth import Change
from companion.core.report import AccountReport, EngagementSummary

NOT_KNOWN = "—"


def format_report(report: AccountReport) -> str:
    account = report.account
    lines = [f"{account.platform.label} {account.shown_handle}"]
    if report.standing is None:
        lines.append("  No daily numbers yet: add today's followers to see growth and tier.")
        return "\n".join(lines)
    lines.append("  " + _standing(report.standing))
    lines.append("  Growth: " + _growth(report))
    if report.projected_next_tier and report.standing.next_tier:
        lines.append(
            f"  Projected to reach {report.standing.next_tier.label} on "
            f"{_day(report.projected_next_tier)} at the 90-day pace."
        )
    lines.append("  " + _engagement(report.engagement))
    if report.best_weekdays:
        lines.append("  Best days to post: " + _slots(report.best_weekdays[:3]))
    if report.best_hours:
        lines.append("  Best hours to post: " + _slots(report.best_hours[:3]))
    if report.top_posts:
        lines.append(f"  Top posts of the last {report.engagement.window_days} days:")
        for item in report.top_posts:
            caption = (item.post.caption or "(no caption)").splitlines()[0][:60]
            lines.append(
                f"    {percent(item.by_followers):>7}  {_day(item.post.published_at.date())}  "
                f"{item.post.kind.label:<12} {caption}"
            )
    return "\n".join(lines)


def percent(value: float | None, digits: int = 1) -> str:
    return NOT_KNOWN if value is None else f"{value * 100:.{digits}f} %"


def signed(value: int) -> str:
    return f"{value:+,}"


def _standing(standing: AccountStanding) -> str:
    text = f"{standing.followers:,} followers on {_day(standing.as_of)} — {standing.tier.label}"
    if standing.next_tier and standing.followers_to_next:
        text += f", {standing.followers_to_next:,} to {standing.next_tier.label}"
    return text


def _growth(report: AccountReport) -> str:
    parts = []
    for days, label in ((1, "day"), (7, "7 days"), (30, "30 days"), (90, "90 days")):
        parts.append(f"{label} {_change(report.changes.get(days))}")
    return "; ".join(parts)


def _change(change: Change | None) -> str:
    if change is None:
        return NOT_KNOWN
    text = signed(change.absolute)
    if change.percent is not None:
        text += f" ({change.percent:+.1f} %)"
    if change.missing_days:
        text += f", {change.missing_days} day{'s' if change.missing_days > 1 else ''} missing"
    return text


def _engagement(engagement: EngagementSummary) -> str:
    period = engagement.by_followers
    head = f"Engagement, last {engagement.window_days} days"
    if period.mean is None:
        return (
            f"{head}: {NOT_KNOWN} ({period.posts_counted} posts with a rate; "
            f"at least {period.min_posts} needed)"
        )
    text = (
        f"{head} ({period.posts_counted} posts): mean {percent(period.mean)}, "
        f"median {percent(period.median)} of followers"
    )
    if engagement.benchmark is not None:
        bench = engagement.benchmark.benchmark
        side = "above" if engagement.above_benchmark else "below"
        text += f"\n    {side} the {percent(bench.engagement_rate)} benchmark ({bench.source})"
        if not engagement.benchmark.same_platform:
            text += "\n    (an Instagram figure: the sources publish none for this platform)"
    return text


def _slots(slots: list[SlotResult]) -> str:
    return ", ".join(f"{s.slot} ({percent(s.median_rate)}, {s.posts} posts)" for s in slots)


def _day(day: date) -> str:
    return f"{day:%d %b %Y}"
