"""Errors of the extract stage. Bad documents do not raise; these are for callers'
mistakes (a path that does not exist, a format nobody reads yet)."""
from __future__ import annotations


class ExtractError(Exception):
    """Base of every extract-stage error."""


class UnsupportedFormat(ExtractError):
    def __init__(self, path: str, suffix: str, known: list[str], what: str | None = None):
        self.path, self.suffix, self.known = path, suffix, known
        if what:
            super().__init__(f"{path}: no reader for {what}")
        else:
            super().__init__(f"{path}: no reader for {suffix or 'files without a suffix'!r} yet; "
                             f"readable: {', '.join(known)}")
