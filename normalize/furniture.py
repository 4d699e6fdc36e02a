"""Page furniture: rows that belong to the printed page, not to the form.

A scan or PDF carries page numbers (`第 2 页 共 5 页`, `- 2 -`, a bare `2`), continuation
headers (`续表`), stamps (`（盖章）`, `…（公章）`) and sign-off lines (`填报人：王丽 |
联系电话：…`) wherever its pages break, in the middle of a table as often as at the end.
`split_page_furniture` takes them out before the rows are split into sections, so no
section reads them as a task, a budget line or an indicator; the caller keeps each as an
info issue. The vocabulary is the form schema's `page_furniture` lists and its `trailer`
section labels.

A bare or dashed number is furniture only where a page number prints, as the first or
last row of its page, and only when it is that page's number: a lone `13` under a row
of count labels stays a value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from formex.normalize.labels import Vocabulary
from formex.schemas.document import Row
from formex.schemas.forms import FormSchema
from formex.schemas.text_policy import fold_label_text

NUMBER = r"(\d{1,3})"
INLINE = re.compile(r"^([^:：]{2,8})[:：]")
CJK = re.compile(r"[\u3400-\u9fff]")
SPACES = re.compile(r"\s+")
KINDS_REMEMBERED = 10_000   # row kinds remembered per family (`row_kind`); then forgotten


@dataclass(frozen=True)
class FurniturePatterns:
    anywhere: re.Pattern | None      # page numbers that say so in words (第 2 页)
    at_edge: re.Pattern | None       # bare or dashed numbers: at a page's edge, = the page
    continued: frozenset[str]
    stamp: re.Pattern | None
    trailer: Vocabulary
    # (first cell's text, the row's only cell?) -> furniture, sign_off or None (`row_kind`)
    kinds: dict[tuple[str, bool], str | None] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Furniture:
    rows: list[Row]                  # the form's rows, furniture taken out
    furniture: list[Row]             # page numbers, continuation headers, stamps
    sign_offs: list[Row]             # 填报人 / 联系电话 / 填报日期 lines


def _alternation(templates: tuple[str, ...]) -> re.Pattern | None:
    if not templates:
        return None
    parts = [re.escape(fold_label_text(t)).replace(re.escape("{n}"), NUMBER) for t in templates]
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in sorted(parts, key=len, reverse=True)) + ")$")


@lru_cache(maxsize=None)
def furniture_patterns(schema: FormSchema) -> FurniturePatterns:
    lists = dict(schema.page_furniture)
    numbers = lists.get("page_numbers", ())
    trailer = schema.section("trailer")
    stamps = lists.get("stamps", ())
    return FurniturePatterns(
        anywhere=_alternation(tuple(t for t in numbers if CJK.search(t))),
        at_edge=_alternation(tuple(t for t in numbers if not CJK.search(t))),
        continued=frozenset(fold_label_text(t) for t in lists.get("continued", ())),
        stamp=re.compile("(?:" + "|".join(map(re.escape, stamps)) + r")[)）]?$") if stamps else None,
        trailer=Vocabulary({"trailer": trailer.labels if trailer else ()}),
    )


@lru_cache(maxsize=16384)
def compact(text: str) -> str:
    """The text folded, without spaces: `第 2 页  共 5 页` -> `第2页共5页` (remembered:
    every family's sectioning asks it of every one-cell row)."""
    return SPACES.sub("", fold_label_text(text))


def furniture_kind(row: Row, patterns: FurniturePatterns) -> str | None:
    """`page_number`, `continued` or `stamp` when the row is one wherever it stands,
    else None."""
    filled = row.filled
    if len(filled) != 1:
        return None
    text = compact(filled[0].text)
    if patterns.anywhere and patterns.anywhere.match(text):
        return "page_number"
    if text.strip("()（）") in patterns.continued:
        return "continued"
    if patterns.stamp and len(text) <= 40 and patterns.stamp.search(text):
        return "stamp"
    return None


def is_edge_page_number(row: Row, patterns: FurniturePatterns) -> bool:
    """A bare or dashed number that is its page's number (checked at a page's edge)."""
    filled = row.filled
    if len(filled) != 1 or patterns.at_edge is None:
        return False
    found = patterns.at_edge.match(compact(filled[0].text))
    return found is not None and next(int(g) for g in found.groups() if g) == row.page


def is_sign_off(row: Row, patterns: FurniturePatterns) -> bool:
    """A sign-off line: its first cell is a sign-off label with its value (`填报人：王丽`)."""
    filled = row.filled
    if not filled:
        return False
    found = INLINE.match(filled[0].text.strip())
    return found is not None and patterns.trailer.match(found.group(1)) is not None


def page_edges(rows: list[Row]) -> set[int]:
    """Positions of the first and last row of each page."""
    edges = set()
    for i, row in enumerate(rows):
        if i == 0 or rows[i - 1].page != row.page:
            edges.add(i)
        if i == len(rows) - 1 or rows[i + 1].page != row.page:
            edges.add(i)
    return edges


def row_kind(row: Row, patterns: FurniturePatterns) -> str | None:
    """`furniture` (`furniture_kind`), `sign_off` (`is_sign_off`) or None for a row with
    text: both read only its first cell and whether it is the only one, so the answer is
    remembered per text (every family's sectioning asks it of every row)."""
    filled = row.filled
    key = (filled[0].text, len(filled) == 1)
    try:
        return patterns.kinds[key]
    except KeyError:
        pass
    kind = "furniture" if furniture_kind(row, patterns) else "sign_off" if is_sign_off(row, patterns) else None
    if len(patterns.kinds) >= KINDS_REMEMBERED:
        patterns.kinds.clear()
    patterns.kinds[key] = kind
    return kind


def split_page_furniture(rows: list[Row], schema: FormSchema) -> Furniture:
    """Furniture that says what it is wherever it stands first; then, among the rows
    left, bare page numbers at a page's edge (a stamp or sign-off line printed after
    the page number does not hide it)."""
    patterns = furniture_patterns(schema)
    out = Furniture([], [], [])
    kept = []
    for row in rows:
        if not row.filled:
            continue
        kind = row_kind(row, patterns)
        if kind == "furniture":
            out.furniture.append(row)
        elif kind == "sign_off":
            out.sign_offs.append(row)
        else:
            kept.append(row)
    edges = page_edges(kept)
    for i, row in enumerate(kept):
        (out.furniture if i in edges and is_edge_page_number(row, patterns) else out.rows).append(row)
    out.furniture.sort(key=lambda r: r.index)
    return out
