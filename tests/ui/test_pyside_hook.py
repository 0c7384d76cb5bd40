"""PySide's check of every imported module gives its own answers, only cheaper."""

import _sqlite3
import sys
from types import ModuleType

import companion.core.tiers
import companion.ui.app
from companion.ui.pyside_hook import FEATURE_MODULE, bytes_check, make_import_hook_cheap


def test_importing_the_ui_package_replaces_pysides_check():
    check = sys.modules[FEATURE_MODULE]._mod_uses_pyside
    assert getattr(check, "searches_bytes", False)
    assert make_import_hook_cheap()  # a second call keeps the one check
    assert sys.modules[FEATURE_MODULE]._mod_uses_pyside is check


def test_a_source_module_is_answered_from_its_bytes_without_pysides_check():
    asked = []
    check = bytes_check(lambda module: asked.append(module) or False)

    assert check(companion.ui.app) is True
    assert check(companion.core.tiers) is False
    assert asked == []


def test_modules_without_a_source_file_get_pysides_own_answer(tmp_path):
    asked = []
    check = bytes_check(lambda module: asked.append(module.__name__) or True)
    gone = ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    built_in = ModuleType("built_in")

    assert check(_sqlite3) is True  # an extension module
    assert check(built_in) is True
    assert check(gone) is True
    assert asked == ["_sqlite3", "built_in", "gone"]
