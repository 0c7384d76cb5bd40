"""`companion subs check|convert|shift`: what they print, what they save, their exit codes, no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import main
from companion.core.subtitles.rules import default_rules
from companion.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from companion.importers.subtitles import read_subtitles
from companion.store.database import open_store
from companion.store.subtitle_files import save_subtitle_rules

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "subtitles" / "webvtt-py"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the real sample files are not there ({SAMPLES})"
)

GOOD = "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:03.000 align:start\nHello and welcome\n\n00:00:03.500 --> 00:00:05.000\nto the <i>kitchen</i>\n"
OVERLAPPING = "1\n00:00:01,000 --> 00:00:03,000\nHello\n\n2\n00:00:02,000 --> 00:00:04,000\nthere\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.vtt"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def overlapping(tmp_path: Path) -> Path:
    path = tmp_path / "overlap.srt"
    path.write_text(OVERLAPPING, encoding="utf-8")
    return path


def test_check_a_good_file_exits_0(good, capsys):
    assert main(["subs", "check", str(good)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("good.vtt: WebVTT, UTF-8, Unix (LF) line endings; 2 cues.")
    assert out.rstrip().endswith("No problems found.")


def test_check_lists_each_finding_with_cue_number_and_time_and_exits_1_on_errors(
    overlapping, capsys
):
    assert main(["subs", "check", str(overlapping)]) == EXIT_FAILED
    out = capsys.readouterr().out
    assert "cue 1 at 00:00:01.000" in out
    assert "error    Cue 1 is still on screen when cue 2 starts: they overlap by 1 s." in out
    assert "1 error, 0 warnings (1 can be fixed safely" in out


def test_check_as_json(overlapping, capsys):
    assert main(["subs", "check", str(overlapping), "--json"]) == EXIT_FAILED
    report = json.loads(capsys.readouterr().out)
    assert report["cues"] == 2
    assert report["summary"] == {"errors": 1, "warnings": 0, "safe_fixes": 1}
    [finding] = report["findings"]
    assert finding["cue"] == 1 and finding["start"] == "00:00:01.000"
    assert finding["kind"] == "overlap" and finding["safe"] is True


@needs_samples
def test_check_uses_the_rules_chosen_in_the_app_unless_told_otherwise(
    overlapping, tmp_path, capsys
):
    db_path = tmp_path / "companion.sqlite"
    with open_store(db_path) as store:
        save_subtitle_rules(store, default_rules().with_changes(switched_off={"overlap"}))
    assert main(["subs", "check", str(overlapping), "--db", str(db_path)]) == EXIT_OK
    assert "No problems found." in capsys.readouterr().out
    argv = ["subs", "check", str(overlapping), "--db", str(db_path), "--default-rules"]
    assert main(argv) == EXIT_FAILED


def test_check_names_the_line_of_a_cue_left_out(capsys):
    assert main(["subs", "check", str(SAMPLES / "invalid_timeframe.vtt"), "--json"]) == EXIT_FAILED
    report = json.loads(capsys.readouterr().out)
    left_out = report["findings"][0]
    assert (left_out["line"], left_out["kind"], left_out["cue"]) == (6, "left_out", None)


@needs_samples
def test_check_a_real_sample_with_a_cue_ending_before_it_starts(capsys):
    assert main(["subs", "check", str(SAMPLES / "sample.sbv")]) == EXIT_FAILED
    out = capsys.readouterr().out
    assert "cue 5 at 00:00:17.484" in out
    assert "ends (00:00:16.543) before it starts (00:00:17.484)" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.vtt: is empty"),
        (bytes(range(256)) * 40, "not a text file"),
        (b"some text\nnot subtitles\n", "empty.vtt, line 1: does not look like WebVTT"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path, capsys, content, message):
    path = tmp_path / "empty.vtt"
    path.write_bytes(content)
    assert main(["subs", "check", str(path)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_missing_file(tmp_path, capsys):
    assert main(["subs", "convert", str(tmp_path / "nope.srt"), str(tmp_path / "x.vtt")]) == 1
    assert "nope.srt: cannot be read: No such file or directory." in capsys.readouterr().err


def test_convert_vtt_to_srt_and_back(good, tmp_path, capsys):
    srt = tmp_path / "good.srt"
    assert main(["subs", "convert", str(good), str(srt)]) == EXIT_OK
    assert "Saved" in capsys.readouterr().out
    assert srt.read_text(encoding="utf-8").startswith("1\n00:00:01,000 --> 00:00:03,000\nHello")
    back = tmp_path / "back.vtt"
    assert main(["subs", "convert", str(srt), str(back)]) == EXIT_OK
    times = [(cue.start_ms, cue.end_ms) for cue in read_subtitles(back).cues]
    assert times == [(1_000, 3_000), (3_500, 5_000)]


def test_convert_keeps_notes_identifiers_and_settings_vtt_to_vtt(good, tmp_path):
    copy = tmp_path / "copy.vtt"
    assert main(["subs", "convert", str(good), str(copy)]) == EXIT_OK
    assert copy.read_text(encoding="utf-8") == GOOD


@needs_samples
def test_convert_lists_what_was_left_out(tmp_path, capsys):
    out = tmp_path / "fixed.vtt"
    assert main(["subs", "convert", str(SAMPLES / "missing_timeframe.vtt"), str(out)]) == EXIT_OK
    err = capsys.readouterr().err
    assert "warning: line 6: This text has no time line" in err
    assert len(read_subtitles(out).cues) == 6


@pytest.mark.parametrize("name", ["out.txt", "out.sbv", "out"])
def test_convert_to_a_format_that_cannot_be_saved_is_a_usage_error(good, tmp_path, capsys, name):
    assert main(["subs", "convert", str(good), str(tmp_path / name)]) == EXIT_USAGE
    assert "can be saved as .vtt (WebVTT) or .srt (SubRip)" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_convert_keeping_the_old_encoding_and_line_endings(tmp_path):
    old = tmp_path / "old.srt"
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nÀ bientôt, garçon, ça coûte 5 €\r\n"
    old.write_bytes(text.encode("cp1252"))
    kept = tmp_path / "kept.srt"
    options = ["--keep-encoding", "--keep-line-endings"]
    assert main(["subs", "convert", str(old), str(kept), *options]) == EXIT_OK
    assert kept.read_bytes() == text.encode("cp1252")
    plain = tmp_path / "plain.srt"
    assert main(["subs", "convert", str(old), str(plain)]) == EXIT_OK
    assert plain.read_bytes() == text.replace("\r\n", "\n").encode("utf-8")


def test_shift_later_and_earlier(good, tmp_path):
    later = tmp_path / "later.vtt"
    assert main(["subs", "shift", str(good), "1500", "-o", str(later)]) == EXIT_OK
    assert [cue.start_ms for cue in read_subtitles(later).cues] == [2_500, 5_000]
    earlier = tmp_path / "earlier.srt"
    assert main(["subs", "shift", str(good), "-1000", "-o", str(earlier)]) == EXIT_OK
    assert [cue.start_ms for cue in read_subtitles(earlier).cues] == [0, 2_500]


def test_a_shift_before_the_start_of_the_video_is_refused(good, tmp_path, capsys):
    out = tmp_path / "out.vtt"
    assert main(["subs", "shift", str(good), "-1001", "-o", str(out)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "would move the cue at 00:00:01.000 before 0:00" in err
    assert "the most the cues can move earlier is -1000 ms. Nothing was saved." in err
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["subs"],
        ["subs", "shift", "x.vtt", "1.5", "-o", "y.vtt"],
        ["subs", "shift", "x.vtt", "100"],
        ["subs", "frobnicate"],
    ],
)
def test_wrong_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_the_installed_command_runs_headless(good):
    done = subprocess.run(
        [sys.executable, "-m", "companion", "subs", "check", str(good), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["summary"]["errors"] == 0
