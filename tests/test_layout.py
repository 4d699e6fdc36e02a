"""The stages import one way: schemas <- extract, schemas <- normalize, all <- formex.
extract and normalize never import each other; they meet in schemas.document."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

ALLOWED = {
    "schemas": {"schemas"},
    "extract": {"schemas", "extract"},
    "normalize": {"schemas", "normalize"},
    "formex": {"schemas", "extract", "normalize", "formex"},
}


def imported_packages(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_run_one_way(package):
    for file in (ROOT / package).rglob("*.py"):
        assert imported_packages(file) <= ALLOWED[package], file


def test_no_catch_all_modules():
    names = {p.stem for p in ROOT.glob("*/*.py")}
    assert not names & {"utils", "helpers", "misc", "common"}
