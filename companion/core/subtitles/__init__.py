"""Subtitles without a UI: the cue model, timing edits and quality checks (REFERENCE.md §6)."""
