"""Row numbers (序号): a cell that holds one, and a run of them that counts up. Shared
by the 序号 column's removal (sequence.py) and the column roles read by content
(columns.py), which must never take row numbers for targets or points."""
from __future__ import annotations

import re

SEQUENCE_MIN = 3            # numbered rows before a first column counts as a sequence by content
SEQUENCE_MIN_SHARE = 0.8    # of the steps between numbered rows that are +1
_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.、．)）]?\s*$")


def row_number(text: str) -> int | None:
    """The row number a cell holds (`7`, `7.`, `7、`), else None."""
    found = _NUMBER.match(text or "")
    return int(found.group(1)) if found else None


def is_sequence(numbers: list[int]) -> bool:
    """True when the numbers count up one by one (a few OCR slips allowed)."""
    if len(numbers) < SEQUENCE_MIN:
        return False
    steps = [b - a for a, b in zip(numbers, numbers[1:])]
    return sum(step == 1 for step in steps) >= SEQUENCE_MIN_SHARE * len(steps)


