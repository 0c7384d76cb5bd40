"""Hypothesis strategies for cues: times, lines of text, WebVTT identifiers, settings and notes."""

from hypothesis import strategies as st

from companion.core.subtitles.cues import Cue

HOUR_MS = 3_600_000

times = st.integers(min_value=0, max_value=100 * HOUR_MS)

# Any printable text a line can hold once written: not blank, no "-->" (it would start a cue).
text_lines = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=50
).filter(lambda line: line.strip() and "-->" not in line)

cue_texts = st.lists(text_lines, min_size=0, max_size=3).map("\n".join)

identifiers = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20
).filter(lambda name: name.strip() and "-->" not in name)

settings = st.lists(
    st.sampled_from(
        ["align:start", "align:center", "position:10%", "line:0", "line:84.67%", "size:80%"]
    )
    | st.from_regex(r"[a-z]{1,8}:[a-z0-9%,.]{1,8}", fullmatch=True),
    max_size=3,
).map(" ".join)

notes = st.lists(
    st.lists(text_lines, min_size=1, max_size=2).map(lambda lines: "NOTE " + "\n".join(lines)),
    max_size=2,
).map(tuple)


@st.composite
def timed_cues(
    draw: st.DrawFn,
    max_size: int = 20,
    text: st.SearchStrategy[str] = cue_texts,
    within: st.SearchStrategy[int] = times,
) -> tuple[Cue, ...]:
    """Cues with any times (an end may come before its start), in any order."""
    count = draw(st.integers(0, max_size))
    return tuple(Cue(draw(within), draw(within), draw(text)) for _ in range(count))


@st.composite
def vtt_cues(draw: st.DrawFn, max_size: int = 15) -> tuple[Cue, ...]:
    """Cues with everything a WebVTT cue can carry; the first one has no notes, as a NOTE
    before the first cue belongs to the file's header part."""
    count = draw(st.integers(0, max_size))
    return tuple(
        Cue(
            draw(times),
            draw(times),
            draw(cue_texts),
            draw(identifiers | st.just("")),
            draw(settings),
            draw(notes) if index else (),
        )
        for index in range(count)
    )
