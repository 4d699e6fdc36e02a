"""formex: scanned and OCR'd government forms to clean, typed tables."""
from formex.api import extract, read

__all__ = ["extract", "read"]
