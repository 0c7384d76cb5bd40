"""The subtitle editor: the cue table, its undo commands, checks, preview and recovery of unsaved edits."""
