"""The `>>>` examples of every formex module, run under their installed names.

pytest's own --doctest-modules would import `extract/cleaning.py` as a top-level
`extract.cleaning`, a second copy beside `formex.extract.cleaning`; walking the package
imports each module once, by the name users import it by.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import formex


def iter_module_names():
    yield "formex"
    for info in pkgutil.walk_packages(formex.__path__, "formex."):
        if info.name != "formex.__main__":
            yield info.name
    for stage in ("extract", "normalize", "schemas"):
        package = importlib.import_module(f"formex.{stage}")
        yield package.__name__
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            yield info.name


MODULE_NAMES = sorted(set(iter_module_names()))


def test_every_stage_is_walked():
    assert {"formex.extract.cleaning", "formex.normalize.targets", "formex.normalize.indicators.hierarchy",
            "formex.schemas.tables"} <= set(MODULE_NAMES)


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
