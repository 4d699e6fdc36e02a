"""A level label wrapped down its narrow column, some of its lines fused into names.

A level-2 label printed over several lines in a column two or three characters wide
(`服务` / `对象` / `满意` / `度指` / `标`) is read line by line: each line is a short cell of
its own, or, where OCR ran it into the name printed beside it, the head of that name
(`满意教职工满意度`). The passes before read a few shapes of it (the first line in the level
cell and the rest fused below, `read_continued_pieces`; the first line fused and the rest
in cells, `cut_heads_wrapped_below`; the last line fused, `read_label_tails`; a middle
line between two cells, `cut_heads_wrapped_between`), each from one line's neighbours. A
label that needs the whole run to be told (`数量` / `类指` / `标促进…`: 类指 | 标 alone ends
any category's 类指标), or whose fused lines are several (`社会` / `效益年末…` / `性指` /
`标创业…`), is read by none of them.

`cut_heads_in_wrapped_labels` reads the run whole, after placing: a row placed in a
category whose name opens with a piece that, with one piece of each line above and below
(a short cell of its own, or the head of the name on that line), spells one of the
category's forms from its first character to its last. The other lines are the evidence:
a name opening with a word of the label (`服务…`, `可持续…`) stays whole where the lines
around it print no such run, where its own line prints that line of the label in the cell
beside it, or where the run's cells join a cell just outside it into a label of their own
(the level-1 column's `产出` | `指标`). A run no cell of which is printed apart (names'
heads only) is the weakest evidence: it must spell the label exactly over three lines or
fewer, and its cuts are warned. A run of two lines, the head damaged, is read only where
the head fills the width all the table's wrapped level-2 labels wrap at and the other line
is a cell of its own (`贸量` | `指标` among `数量` | `指标`, `时效` | `指标`), one character in four
out of place at most; warned too.
"""
from __future__ import annotations

from functools import lru_cache

from formex.normalize.indicators.cells import IndicatorRow, LevelVocabulary, looks_like_value
from formex.normalize.indicators.damaged_tails import SHAPE_PER_WRONG, wrap_width
from formex.normalize.indicators.fragments import is_piece, worded_keys
from formex.normalize.indicators.fused import fused_issue
from formex.normalize.indicators.fused_order import (
    BELOW_CUTOFF, PIECE_MAX, PIECES_MAX, SEPARATORS, SPACES, SUFFIX, chain_forms, cut_head, in_place, line_numbers,
    name_cell, name_left, opening_cell, reads_label)
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Issue

CHAIN_LINES_MIN = 2      # the head's line and one more
FUSED_LINES_MAX = 3      # a run of names' heads alone this long is written exactly (no cell printing any of it)


def cut_heads_in_wrapped_labels(items: list[IndicatorRow], placements: list, rows: list, vocab: LevelVocabulary
                                ) -> list[Issue]:
    """Cut the head off a placed row's name where it is one line of its category's label
    wrapped down the level column over `CHAIN_LINES_MIN` lines or more, the other lines
    short cells or heads of the names beside them (`label_chain_read`). Only rows stating no
    level-2 label of their own but that label's pieces (joined on the row's line), whose
    name no pass cut yet; the name left keeps `ORDER_REST_MIN` characters and the word its
    category requires. Said (`label_fused`); a run of names' heads alone is warned too
    (`label_unrecognised`): no cell prints the label apart."""
    issues: list[Issue] = []
    where = line_numbers(rows)
    column = wrap_width(items)
    for item, placement in zip(items, placements):
        if placement is None or not item.name or item.positional or item.fused or item.unsettled_head:
            continue
        spec = placement.level2
        if any(not h.copied and (h.spec is not spec or not is_label_piece(h.cell.raw or h.cell.text))
               for h in item.level2):
            continue      # a label of its own, or another's: only the pieces of this one (joined on its line)
        k = where.get(item.row.source_ref)
        if k is None:
            continue
        read = label_chain_read(item.name, rows, k, spec, vocab, column)
        if read is None:
            continue
        head, lines, score, printed, damaged = read
        rest = item.name[len(head):].strip(SEPARATORS)
        cell = opening_cell(item, head)
        if cell is None or not name_left(head, rest, spec) or not head_boundary_fits(item, head):
            continue
        cut_head(item, cell, head, rest, spec, LabelMatch(spec.label, "".join(lines), score))
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{head + rest!r} opens with {head!r}, a line of a level label wrapped down its "
                                  f"column ({' | '.join(lines)!r}, the other lines printed above and below it): "
                                  f"read as {spec.label!r}, the category placed (similarity {score:.0f}); the name "
                                  f"read as {rest!r}"))
        if not printed:
            issues.append(Issue("warning", "label_unrecognised",
                                f"{head!r} cut off the name {head + rest!r} as a line of the label "
                                f"{spec.label!r} wrapped over the names' heads {' | '.join(lines)!r}, no line of it "
                                f"printed in a cell of its own", field="level2",
                                source_ref=cell.source_ref or item.row.source_ref))
        elif damaged:
            issues.append(Issue("warning", "label_unrecognised",
                                f"{head!r} cut off the name {head + rest!r} as the damaged first line of the "
                                f"label {spec.label!r} wrapped {len(head)} wide over two lines "
                                f"({' | '.join(lines)!r}), its rest the level cell below", field="level2",
                                source_ref=cell.source_ref or item.row.source_ref))
    return issues


def is_label_piece(text: str) -> bool:
    """A level cell as read that is a wrapped label's line (a bare word, 成本, may be one),
    no label ending in 指标 printed whole."""
    key = label_key(text)
    return 0 < len(key) <= PIECE_MAX and not key.endswith(SUFFIX) or 0 < len(key) <= len(SUFFIX)


def head_boundary_fits(item: IndicatorRow, head: str) -> bool:
    """The cell as read puts no boundary (a space) inside the head's reach elsewhere."""
    found = name_cell(item)
    if found is None:
        return False
    bounds = [b for b in found[1] if b <= PIECE_MAX]
    return not bounds or bounds[0] == len(head)


@lru_cache(maxsize=None)
def wrapped_forms(spec, vocab: LevelVocabulary) -> tuple[str, ...]:
    """The forms a wrapped label's lines spell: `chain_forms`, and the worded forms of the
    category's keys (`可持续性影响指标`, `worded_keys`), each ending in 指标."""
    keys = {label_key(text) for text in (spec.label, *spec.aliases)}
    worded = [form for form, key in worded_keys(vocab).items() if key in keys and form.endswith(SUFFIX)]
    return tuple(dict.fromkeys(form for form in (*chain_forms(spec, vocab), *worded) if form.endswith(SUFFIX)))


def line_pieces(row) -> tuple[list[tuple[str, int]], str, int | None]:
    """A line's candidates for a wrapped label's line: its short cells written as keys
    (with their columns), and the text of its first longer cell (a name a line may be
    fused into) and that cell's column."""
    cells, name, at = [], "", None
    for c in row.cells:
        text = c.text.strip()
        if not text:
            continue
        raw = (c.raw or "").strip()
        if not is_piece(text) and is_piece(raw) and label_key(raw) == raw:
            text = raw     # a piece the joined label was put on (fragments.py): the line prints the piece
        if is_piece(text) and label_key(text) == text:
            cells.append((text, c.col))
        elif not name and not looks_like_value(text):    # (a row number is no name)
            name, at = text, c.col
    return cells, name, at


def piece_on(row, part: str, vocab: LevelVocabulary) -> tuple[str, int | None] | None:
    """(the piece, its cell's column; None for a name's head) the line prints for `part`
    of a label: a short cell as wide, or the head of its first longer cell (up to a space there, if any),
    half its characters in place at least (a cell of one character may be damaged: the
    whole run's likeness decides); the likest, a cell before a head. A cell reading as a
    label with its 指标 (`效益指标`) is printed whole, no wrapped line."""
    cells, name, _ = line_pieces(row)
    n = len(part)
    found = None
    for text, col in cells:
        if len(text) == n and (2 * in_place(text, part, 0) >= n or n == 1) \
                and not (len(text) > len(SUFFIX) and text.endswith(SUFFIX) and reads_label(text, vocab)):   # (柝)
            if found is None or in_place(text, part, 0) > in_place(found[0], part, 0):
                found = (text, col)
    if found is not None:
        return found
    if not name or prints_level2_whole(row, vocab):
        return None       # (the line's level-2 column holds a label whole: its name's head is the name's)
    head = name[:n]
    gap = next((k for k, ch in enumerate(name[:PIECE_MAX + 1]) if ch in SPACES), None)
    if len(head) < n or label_key(head) != head or gap is not None and gap != n \
            or 2 * in_place(head, part, 0) < n:
        return None
    return head, None


def prints_level2_whole(row, vocab: LevelVocabulary) -> bool:
    """Whether a cell of the line reads as a level-2 label with its 指标 whole (`质量指标`
    beside `质量抽检合格率`): that line prints its label, so no line of a label wrapped
    down the column is fused into its name."""
    whole = level2_whole_forms(vocab)
    return any(label_key(c.text) in whole for c in row.cells)


@lru_cache(maxsize=None)
def level2_whole_forms(vocab: LevelVocabulary) -> frozenset[str]:
    """Every level-2 category's `wrapped_forms` (each ending in 指标)."""
    return frozenset(form for spec in vocab.level2_specs.values() for form in wrapped_forms(spec, vocab))


def label_chain_read(name: str, rows: list, k: int, spec, vocab: LevelVocabulary, column: int = 0
                     ) -> tuple[str, list[str], float, bool, bool] | None:
    """(head, the lines, similarity, whether a line is a cell of its own, whether the head
    is a damaged line read by `shaped_line`) where `name`, on
    line k, opens with one line of one of the category's `wrapped_forms` and lines k-1,
    k-2 … above and k+1 … below print the others, one each, all as wide as the column but
    the last (no wider): at least `CHAIN_LINES_MIN` lines, `BELOW_CUTOFF` of the characters
    in place and no other category's form as long nearer (as near: 散量性 | 指标 is a label
    of 数量 or 质量 alike, the placement names it), the head in place (`head_in_place`;
    written exactly in a run of two lines, or `shaped_line` in a table wrapping its level-2
    labels `column` wide).
    Not where the name's line or the lines around the run say otherwise (`printed_apart`),
    nor where no line but names' heads prints any of it and the run, three lines or fewer,
    is written with a character out of place (a name may open so)."""
    best = None
    for form in wrapped_forms(spec, vocab):
        if not set(name[:PIECE_MAX]) & set(form):
            continue      # no head can be in place (`head_in_place` wants a character of it): skip the search
        for n in range(1, min(PIECE_MAX, len(form) - 1) + 1):
            head = name[:n]
            if len(head) < n or label_key(head) != head:
                break
            for width in range(n, PIECE_MAX + 1):
                for p in range(width, len(form), width) if width != n else range(0, len(form), width):
                    if p + n > len(form) or n < width and p + n != len(form) or not head_in_place(head, form, p):
                        continue      # (a head narrower than the column is its last line)
                    read = chain_around(rows, k, form, p, n, width, vocab)
                    if read is None:
                        continue
                    above, below = read
                    lines = [piece for piece, _ in above] + [head] + [piece for piece, _ in below]
                    joined = "".join(lines)
                    damaged = len(lines) == 2 and in_place(head, form, p) < n
                    if len(lines) < CHAIN_LINES_MIN or damaged and not shaped_line(head, form, p, below, column):
                        continue      # (two lines: the other one alone vouches for no damaged head, 产出情 | 量指标)
                    own = in_place(joined, form, 0)
                    if own < BELOW_CUTOFF * len(form) or any(
                            in_place(joined, other, 0) > own for spec2 in vocab.level2_specs.values()
                            if spec2 is not spec for other in wrapped_forms(spec2, vocab) if len(other) == len(form)):
                        continue      # (as near another's form: a label still, 散量性 | 指标; the placement's)
                    first, last = k - len(above) - 1, k + len(below) + 1
                    outside = [[text for text, _ in line_pieces(rows[j])[0]] if 0 <= j < len(rows) else []
                               for j in (first, last)]
                    if not printed_apart(rows[k], form[p:p + width], above, below, outside, vocab) \
                            or spells_label_without(above, below, vocab):
                        continue
                    printed = [piece for piece, col in (*above, *below) if col is not None]
                    if not printed and len(lines) <= FUSED_LINES_MAX and own < len(form):
                        continue      # names' heads alone, one out of place: a name may open so
                    score = own / len(form)
                    if best is None or score > best[2]:
                        best = (head, lines, score, bool(printed), damaged)
    return (best[0], best[1], round(100.0 * best[2], 1), best[3], best[4]) if best else None


def shaped_line(head: str, form: str, p: int, below: list, column: int) -> bool:
    """A damaged head that is the first line of a label wrapped over two: the table's
    level-2 labels all wrap `column` wide (`wrap_width`) and the head fills that width, the
    second line is a cell printed in the level column (no name's head), and head and line
    together are out of place one character in `SHAPE_PER_WRONG` at most (`贸量` | `指标`
    in a table printing `数量` | `指标`; a name's own `产出情况…` over `量指标` in a table
    wrapping no label stays)."""
    if p or not column or len(head) != column or len(below) != 1 or below[0][1] is None:
        return False
    joined = head + below[0][0]
    return len(joined) == len(form) and SHAPE_PER_WRONG * (len(form) - in_place(joined, form, 0)) <= len(form)


def printed_apart(row, part: str, above: list, below: list, outside: list[list[str]], vocab: LevelVocabulary
                  ) -> bool:
    """Whether the name's line leaves the head to the run: it prints no cell left of the
    name reading as this line of the label (the head is then the name's own words), nor one
    just left of it as wide keeping a character of the line in place (`股务蹒` beside
    `服务对象满意度`: the line printed apart, damaged), and
    none of its short cells, nor of the lines just outside the run (`outside`: the line
    above it, the line below), joins the run's cells into a label of their own (`产出` |
    `质量…` | `指标`: the level-1 label's lines), as the run's cells alone may not. Lines
    read down: the line above goes before the run's cells, the line below after them (`时效`
    under `贸量…` | `指标` is the next label's first line, no 时效指标 with the 指标 above it)."""
    cells, _, at = line_pieces(row)
    if any(2 * in_place(text, part, 0) >= len(text) and (at is None or col == at - 1) for text, col in cells):
        return False
    if at is not None and any(col == at - 1 and len(text) == len(part) and in_place(text, part, 0)
                              for text, col in cells):
        return False      # the level cell beside the name prints the line, as wide, damaged (股务蹒 of 服务满)
    before = "".join(piece for piece, col in above if col is not None)
    after = "".join(piece for piece, col in below if col is not None)
    if len(before) + len(after) and len([1 for _, col in (*above, *below) if col is not None]) > 1 \
            and reads_label(before + after, vocab):
        return False
    if not before and not after:
        return True
    over, under = outside
    return not any(reads_label(text + before + after, vocab) for text in (*(text for text, _ in cells), *over)) \
        and not any(reads_label(before + after + text, vocab) for text in (*(text for text, _ in cells), *under))


def spells_label_without(above: list, below: list, vocab: LevelVocabulary) -> bool:
    """The run's other lines, the head at one end of it, spell a label of their own as
    nearly as a run must (`杜会` | `效益` | `指标` under `受益农户户数`: 社会效益指标 whole, the
    name's 受益 no line of 效益社会效益指标)."""
    if above and below:
        return False
    rest = "".join(piece for piece, _ in (*above, *below))
    return any(len(form) == len(rest) and in_place(rest, form, 0) >= BELOW_CUTOFF * len(form)
               for spec in vocab.level2_specs.values() for form in wrapped_forms(spec, vocab))


def head_in_place(head: str, form: str, p: int) -> bool:
    """Half a head of one or two characters in place (a damaged 续影), more than half of a
    longer one (`提升社会` is no 效益社会's line)."""
    k = in_place(head, form, p)
    return 2 * k >= len(head) if len(head) <= 2 else 2 * k > len(head)


def chain_around(rows: list, k: int, form: str, p: int, n: int, width: int, vocab: LevelVocabulary):
    """The lines of `form` printed above line k (from its start to `p`) and below it (after
    `p + n`), `width` wide but the last: ([(piece, its cell's column or None for a name's
    head)] above, the same below), or None where a line does not print its part."""
    above, at, j = [], p, k - 1
    while at > 0:
        if j < 0 or len(above) >= PIECES_MAX:
            return None
        found = piece_on(rows[j], form[at - width:at], vocab)
        if found is None:
            return None
        above.insert(0, found)
        at -= width
        j -= 1
    below, at, j = [], p + n, k + 1
    while at < len(form):
        if j >= len(rows) or len(below) >= PIECES_MAX:
            return None
        found = piece_on(rows[j], form[at:at + width], vocab)
        if found is None:
            return None
        below.append(found)
        at += width
        j += 1
    return above, below
