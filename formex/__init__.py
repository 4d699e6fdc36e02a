"""formex: scanned and OCR'd government forms to clean, typed tables."""
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from formex._checkout import install_if_checkout

install_if_checkout(Path(__file__).resolve().parent)

try:
    __version__ = version("formex")
except PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0+unknown"

from formex.api import extract_tables, read, renormalize  # noqa: E402  (after the checkout finder)

__all__ = ["__version__", "extract_tables", "read", "renormalize"]
