"""Tests for companion/importers."""
