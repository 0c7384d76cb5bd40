"""Tests for companion/store."""
