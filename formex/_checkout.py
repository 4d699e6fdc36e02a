"""Find formex.extract, formex.normalize and formex.schemas when formex runs from a checkout.

The user fixed the top-level folders `extract/`, `normalize/` and `schemas/`; the wheel
installs them as subpackages of `formex` (pyproject's package-dir). When the repository
root is on sys.path (`python -m pytest`, a script in the clone), Python finds `formex/`
there first, and `formex/` itself has no `extract/` inside. This finder maps exactly the
three dotted names to their folders beside it, so the local tree and an installed copy
resolve the same names, and no top-level `extract`/`normalize`/`schemas` is ever imported.
"""
from __future__ import annotations

import importlib.machinery
import sys
from pathlib import Path

STAGE_FOLDERS = ("extract", "normalize", "schemas")


class CheckoutStageFinder:
    """Resolves `formex.<stage>` to `<root>/<stage>/` for the three stage folders."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def find_spec(self, fullname, path=None, target=None):
        package, _, stage = fullname.partition(".")
        if package != "formex" or stage not in STAGE_FOLDERS:
            return None
        return importlib.machinery.PathFinder.find_spec(fullname, [str(self.root)], target)


def install_if_checkout(package_dir: Path) -> None:
    """Install the finder when `package_dir` (formex/) sits in a checkout, not a wheel."""
    root = package_dir.parent
    in_checkout = (not (package_dir / "extract").is_dir()
                   and all((root / stage / "__init__.py").is_file() for stage in STAGE_FOLDERS))
    if in_checkout and not any(isinstance(f, CheckoutStageFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, CheckoutStageFinder(root))
