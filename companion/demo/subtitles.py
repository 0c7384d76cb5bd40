"""The demo's subtitle file: the recipe reel's cues (`resources/demo/subtitle.json`) as WebVTT."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from companion.demo.data import demo_data
from companion.store.database import Store

SUBTITLE_FOLDER = "demo-files"
SUBTITLE_FILENAME = "pasteis-de-nata-reel.en.vtt"

Cue = tuple[int, int, str]
"""Start and end in milliseconds, and the text."""


@dataclass(frozen=True)
class SubtitledReel:
    """The Instagram reel the demo's subtitle file belongs to."""

    video_title: str
    post_caption: str
    note: str
    """The WebVTT NOTE block at the top of the file."""
    cues: tuple[Cue, ...]


@cache
def subtitled_reel() -> SubtitledReel:
    """The reel and its cues as `resources/demo/subtitle.json` has them."""
    data = demo_data("subtitle.json")
    return SubtitledReel(
        video_title=data["video_title"],
        post_caption=data["post_caption"],
        note=data["note"],
        cues=tuple((start, end, text) for start, end, text in data["cues"]),
    )


def _timestamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def subtitle_text() -> str:
    """The demo's WebVTT file, as text."""
    reel = subtitled_reel()
    blocks = ["WEBVTT", reel.note]
    for number, (start, end, text) in enumerate(reel.cues, start=1):
        blocks.append(f"{number}\n{_timestamp(start)} --> {_timestamp(end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def subtitle_path(store: Store) -> Path:
    """Where the demo's subtitle file goes: a folder next to the database file."""
    return Path(store.path).absolute().parent / SUBTITLE_FOLDER / SUBTITLE_FILENAME


def write_subtitle_file(path: Path) -> None:
    """Write the demo's WebVTT file to `path`, making its folder if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(subtitle_text(), encoding="utf-8", newline="\n")
