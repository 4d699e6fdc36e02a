"""One namespace: the stage folders install as formex.extract / .normalize / .schemas.

A user's `extract.py` or another project's `schemas` package in the working directory
must not break formex, and formex must not put top-level stage names on the path.
"""
from __future__ import annotations

import subprocess
import sys
import types

from typer.testing import CliRunner

import formex
from formex.cli import app
from tests.conftest import SEED_FILE

SHADOWS = ("extract.py", "normalize.py", "schemas.py")


def test_stages_are_subpackages_of_formex():
    import formex.extract.readers
    import formex.normalize.targets
    import formex.schemas.tables

    for module in (formex.extract.readers, formex.normalize.targets, formex.schemas.tables):
        assert isinstance(module, types.ModuleType)
        assert module.__name__.startswith("formex.")
    assert callable(formex.extract_tables) and callable(formex.read)


def test_version_everywhere():
    assert formex.__version__ and formex.__version__ != "0+unknown"
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"formex {formex.__version__}"


def test_python_dash_m_formex(tmp_path):
    result = subprocess.run([sys.executable, "-m", "formex", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "extract" in result.stdout and "show" in result.stdout


def test_local_files_named_like_stages_do_not_shadow_formex(tmp_path):
    for name in SHADOWS:
        (tmp_path / name).write_text("raise SystemExit('a local file was imported')\n", encoding="utf-8")
    script = ("import importlib.util, formex\n"
              f"tables = formex.extract_tables({str(SEED_FILE)!r})\n"
              "print(len(tables['indicators']))\n"
              "print(importlib.util.find_spec('extract').origin)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, origin = result.stdout.split()
    assert count == "83"
    assert origin == str(tmp_path / "extract.py")  # the user's file, not ours


def test_no_top_level_stage_packages_are_installed(tmp_path):
    """From a neutral directory, only `formex` resolves: the install adds no `extract`,
    `normalize` or `schemas` of its own for other projects to collide with."""
    script = ("import importlib.util\n"
              "print([importlib.util.find_spec(n) is None for n in ('extract', 'normalize', 'schemas')])\n"
              "print(importlib.util.find_spec('formex.normalize.targets') is not None)\n")
    result = subprocess.run([sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[True, True, True]", "True"]


def test_extract_help_names_the_formats_read_today():
    from formex.cli import READ_SUFFIXES, REFUSED_SUFFIXES
    from formex.extract.readers import READERS

    assert set(READ_SUFFIXES) | set(REFUSED_SUFFIXES) == set(READERS)
    assert ".txt" in READ_SUFFIXES and ".xls" in REFUSED_SUFFIXES
    result = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    read_part, _, refused_part = result.output.partition("Recorded as failed")
    assert all(suffix in read_part for suffix in READ_SUFFIXES)
    assert all(suffix in refused_part for suffix in REFUSED_SUFFIXES)


def test_no_module_defines_a_name_twice():
    # a second `def` of a name silently replaces the first for every caller in the module
    # (a merge once shadowed rows.prints_labels_apart, changing its classification-time use)
    import ast
    from collections import Counter
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    twice = []
    for stage in ("extract", "normalize", "schemas"):
        for path in sorted((root / stage).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            defined = Counter(node.name for node in tree.body
                              if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
            twice += [f"{path.relative_to(root)}:{name}" for name, count in defined.items() if count > 1]
    assert twice == []
