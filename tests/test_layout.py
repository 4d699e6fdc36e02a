"""The stages import one way: schemas <- extract, schemas <- normalize, all <- formex.
extract and normalize never import each other; they meet in formex.schemas.document.
Every import uses the installed `formex.` names, never a top-level stage folder."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

STAGES = ("extract", "normalize", "schemas")
ALLOWED = {
    "schemas": {"schemas"},
    "extract": {"schemas", "extract"},
    "normalize": {"schemas", "normalize"},
    "formex": {"schemas", "extract", "normalize", "formex"},
}


def module_stage(module: str) -> str | None:
    """The stage a dotted module name belongs to (`formex.normalize.labels` -> normalize)."""
    parts = module.split(".")
    if parts[0] in STAGES:
        return f"top-level {parts[0]}"  # never allowed: it would shadow or collide
    if parts[0] != "formex":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else "formex"


def imported_stages(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
            if node.module == "formex":  # `from formex import normalize` names a stage
                modules += [f"formex.{alias.name}" for alias in node.names]
    return {stage for stage in map(module_stage, modules) if stage}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_run_one_way(package):
    for file in (ROOT / package).rglob("*.py"):
        assert imported_stages(file) <= ALLOWED[package], file


@pytest.mark.parametrize("folder", ["tests", "bench"])
def test_tests_and_bench_use_the_formex_names(folder):
    for file in (ROOT / folder).rglob("*.py"):
        assert not any(s.startswith("top-level") for s in imported_stages(file)), file


def test_no_catch_all_modules():
    names = {p.stem for package in (*ALLOWED, "bench", "tests") for p in (ROOT / package).rglob("*.py")}
    assert not names & {"utils", "helpers", "misc", "common"}
