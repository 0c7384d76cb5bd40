"""Tests for companion/core."""
