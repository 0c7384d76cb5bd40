"""Tests for companion/ui."""
