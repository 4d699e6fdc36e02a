"""A level-2 label fused into a name's head, too damaged to read alone, read by the
labels around its row.

fused.py splits a label off a name cell's head where the head reads as a label by
itself: written out in full, or with only its 指 damaged. A head damaged further
(`贡量指标农田水利…`, `旪敫指标城乡…`, `社会郊益损标全市…`), a short or unlisted wording
(`服务对象 补贴对象满意度`, `戌本控制指标 单位管网造价`) or one line of a label wrapped
in a narrow column (`吋效 资金…` over `损标 资金…`, `可持续` | `教育教学…`) is no label
by its shape: names open with words like these (`绩效指标完成率`, `主要指标达标率`).
The evidence is the document's:

- the row states no level-2 label, and the category the head would name is stated by
  no row of the table, nor as a group's label (成本指标 over 经济成本指标: the 2021
  template's level 1, no category of 产出 there): its block has lost its label, and the
  head is where it went;
- the category lies in the canonical order between the labels stated above and below
  the row (in the row's own level-1 group where it states one; else in a group the table
  states), and where the order leaves the gap open (no label above, or none below),
  the row states its group or the gap holds that one category (or, of the gap's, only the
  categories requiring a word the name left holds are read: `服务对象满意` | `居民就医满意度`
  in the table's last block);
- the head reads as that category, and as no other the gap holds as well:
  - at a boundary the cell gives (a space in the raw cell, `服务对象 补贴…`, or another
    cell joined into the name, `可持续` | `教育教学…`): half its characters at least
    in place in one of the category's labels or aliases (a piece of a wrapped label:
    `吋效`, `损标`, `满竟度指`; a single character only 指 or 标);
  - else: a head as long as one of the category's labels or aliases (or two longer, a
    worded-up label: `救量类指标`), half its characters in place, that ends as a
    label does (指 before its last character or 标 last: `质最措标`; or 方面, 指标's other
    wording, after a word of four characters: `经济効盆方面`), or an alias of
    four characters or more written exactly (`社会效益`) or with one character between its
    first and last damaged into no label's character (`社仑效益`; `社会成效` is a word, `社会效困难…`
    a label's first line and the name), its 指标 (however damaged)
    taken along (`社会郊益损标`, `报务对象满意度类指栎`), or the first six characters or
    more of a longer alias (`服务对象满意` and the name; its one last character damaged
    taken along where a 指标 follows it: `服务对象满意庹损标`, `damaged_end`), or three where the category
    requires a word and the name left holds it (`服务对` | `签约居民满意度`: a narrow column's
    first line; `服务对象满意度调查覆盖率` never diverges from the alias); a shorter alias (`数量`) only where
    the gap holds that one category, the table prints its labels as bare words in a level
    cell (`数量`, `产出质量`: `prints_bare_words`) and the name left holds no other
    category's strong word without one of this one's (`成本|核算…及时率` is a name), and no
    other name of the table opens with it and the name's next character (`成本核算…` twice
    is the table's wording, a label fuses once); in a
    table printing full labels, only in a gap closed by labels above and below, before a
    name holding one of the category's strong words past its first character
    (`质量补贴发放准确率` between 数量指标 and 时效指标; `质量达标情况统计` is one phrase);
    or the group's word and the category's (`产出数量`), one character damaged at most
    (`产击成本`);
- the name left keeps `ORDER_REST_MIN` characters (`完成率`, `达标率` alone name nothing)
  and the word the category requires, where it requires one (`服务对象满意度调查覆盖率`:
  its only 满意 is in the head, so the head is the name's own).

The head becomes the row's level-2 label (`label_fused`, info, with the similarity);
the name keeps the rest. A head that reads as two categories of the gap alike is left
in the name, with a `label_unrecognised` warning naming them (`经济 人均…` between
时效指标 and 社会效益指标: 经济成本 or 经济效益), unless the name left holds the keywords of
one of them only (`杜佘效益指标创业带动就业人数`: 就业 is 社会效益's, not 经济效益's).

Two readings come first, each with evidence of its own (and the same guards on the name
left):

- a label wrapped in its narrow level column whose next lines OCR fused into the heads
  of the names below (`可持续影` in the level cell, `响指标校园安全…` below): the level
  cell and the heads, each as wide as the first line, join into the label the level
  cell was read as (`read_continued_pieces`);
- a label printed on every row of its block, as OCR read it, fused into one of those
  names (`质量指杯烈士…` between rows whose level cell reads `质量指杯`): the very text
  of a level cell on another row (`read_restated_heads`), read as a label there or the
  first line of one category's label only (`服务对象满`, cut by a narrow column).

A label before a space as read, in the canonical order between the labels stated above and
below (its own block's too), is cut off whether or not the table states its category
elsewhere (`separated_label`): a level-2 label with one look-alike, or a category's bare
word of two characters (`质量 补贴发放准确率`; one character off one category's word only:
`质重 高血压…`) before a name holding one of the category's keywords.

A label wrapped in its narrow level column whose first line OCR fused into the head of the
name on its row (`产出质退役士兵…`) and whose next line is read as the level-2 label of the row
on the next line (`量指标`, alone read as 数量指标) is read first (`read_wrapped_heads`): the
head and that text join into one category's form exactly (`产出质量指标`); both rows take it.
Where the next row states no level-2 label, its level-1 label printed on it in a column where
the table prints level-2 labels (`level2_columns`) may be that rest, read alone as its group's
(`社会` | `效益指标`, `经济效` | `益指标`): the join is then one of that group's categories in one of
its own forms (no wording printed a word short), the head does not read on into a label
(`reads_on`: `经济` | `成本…`), and the row's own level-1 cells do not print the same text (a
group's label restated row after row is its own). The row below takes the category in place
of the group where the group holds more than that one; 满意度指标 names its one already.

A label wrapped in its narrow level column whose first line OCR fused into the head of the
name on its row and whose rest prints below as short cells, each a line of its own (`社会效` |
`惠及居民…` over `益拍际`), is read before placing too (`wrapped_below_label`): the head and the
pieces join into a form of one category of the gap, three in five of their characters in
place (`GAP_BELOW_CUTOFF`: the gap bounds the categories), nearer it than any other's, as
`cut_heads_wrapped_below` reads them after placing; the pieces tell the category,
so the row's block takes it rather than the one the wording would fill it into.

A level cell of two characters no vocabulary reads (`社会`, `成未`: a wrapped label's first
line), printed on the rows above and below a row whose level cells are empty, or on the two
rows next to one opening or ending such a block, is cut off that row's name where it opens
with it (`cut_short_level_cells`): read as nothing, as on the other rows. A category's bare
word read as the level-2 label in those rows' own level cells (`数量` | `数量` below a row
`数量城乡居民…` opening the block) counts as printed so too. Several such names in a row (a
run, `数量特困…` | `数量岗位…`) are cut so where the rows just around the run print it, or the
run opens or ends the block and two rows on its other side print it (a label printed once,
anywhere in its block, says nothing of the names around it); a run cut by a word the rows
read as their level-2 label takes that label (cut as nothing, the run lost the word its
placement read it by). Between two rows printing it (one may be a row it was cut off), a name holding another
category's word and none of this one's is cut all the same.

A row whose one level cell reads as both levels (`成本指标`: 产出's category and the group of
经济成本指标…; `管理指标`) and whose name opens with a head that reads, by the rules above, as
one of that group's categories (`经挤戌本指标单个…`, `菅哩指标预算执行率`) has the head cut off
as its category and the cell read as its group (`read_dual_group_heads`).

A wrapped label's last line may be 方面 for 指标 (`经济効益` over `方面 失业人员…`).

After the rows are placed, a row placed in a block no row of which states its label (its
category inferred from the order and the words) has a head that reads as that category cut
off its name (`cut_inferred_heads`): the placement, not the gap, names the category. On
the line where the fitted model prints that block's lost label (`Placement.label_line`:
every model explaining the labels as well agrees, the block has two rows or more and lies
between labelled blocks or at the table's edge), a bare word written exactly (`数量` |
`就业见习…`) is read as that label too, and no level cell as narrow is needed. A long label
(six characters or more) at the head needs no level cell as wide either: one of the
category's aliases written exactly (`服务对象满意度` | `受益群众满意度`), or a head ending as a
label does and as like one of its forms as `LONG_CUTOFF`, printed whole or a word short
(`服各对象满意度指际`, `服务满急庶指标`: `long_inferred_head`). A first line as wide as the
level-2 column where its labels wrap (`level2_column_width`), damaged inside and at its end
(`服夯对豪` in a column four wide), is cut whole, not short of its last character. The one
row of a block stating no label, in a table stating labels, prints the block's label on its
line under every model: there a category's bare word damaged (`质暈`, `救量`), some of it in
place, printed nowhere else in the document and no word names open with, is cut off too,
warned (`lone_block_row`, `damaged_bare_word`); so is, in the last pass, a category's word or
its label's first line of two characters written exactly (`成本`, `服务`), words names open
with, where the line below prints a piece of label text at or left of the name (`控制`, `对象`:
the label wrapped down its level column; `lone_word_over_piece`), warned too.

After the rows are placed too, a label wrapped in its narrow level column whose first line
OCR fused into the head of the name on its row (`时效补贴按月发放及时率`) and whose rest
prints below as short cells of their own, the first on their lines (`指标`; `益类指` / `标`),
is cut off where the head and that rest join into a form of the category the row is placed
in, of no other as well (`cut_heads_wrapped_below`): the rest below is the evidence a head
written exactly (`时效`, a word names open with) lacks alone. A short cell on the name's
line that joins the same rest into a label (`产出` | `指标`) takes it instead. A group's word
and its category's below join so too (`产出高血压…` over `质量`: 产出质量). Where each line of
the label is fused into the name on its line (`时效损就业见习…` over `标低保就业…`), both rows
placed in the category, the two heads join so and are cut off both
(`cut_heads_wrapped_into_next_name`); where the first line was cut off already by the
category placed, the next name's head is cut off so too. A middle line of a label wrapped over three lines or
more fused into the name on its line (`服务` / `对象门诊患者满意度` / `满意` in a column two
wide) is cut off where the short cells above and below it join it into a run of the placed
category's form (`cut_heads_wrapped_between`); not where those cells make a label by
themselves (`产出` | `质量监督…` | `指标`).

A head the order reads as long as the label, its last character out of place
(`时效指教育经费…`: 教 for 标), is a wrapped label's first line and the name's first
character where the label's rest prints as the first cell of the next line (`杯`, `标`,
`标 全社会…`) and joins the shorter head into the category's form at least as well
(`wrapped_rest`): `时效指` is cut off, the name keeps `教育经费…`. So too, with no piece
below, where the head is one character wider than the level-2 column's edge, the width
at which two labels at least print cut short (`level2_column_edge`: `数量指` | `标`,
`可持续影`), and its last character out of place: a level cell never runs past its
column, so `质量指` is cut off and the name keeps `收入工程…` (`cut_to_level_column`, in
the readings by the order, by the group the level cell names and by the category placed);
among labels printed whole (`质量指杯` beside `经济成本指标`) the head is cut whole.

Last, text before a space at the head of a name cell that no reading took (`栎 医疗废物…`,
`贸重 退役军人…`, `服务对 签约居民满意度`) is cut off as the level column's, the row kept in
the category placed, with a `label_unrecognised` warning (`cut_spaced_heads`); a word the
readings judged (a vocabulary word written exactly, a word ending in 指标, another row's
level cell) stays.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from formex.normalize.indicators.cells import (
    GENERIC_CHARS, LABEL_CUTOFF, LABEL_SUFFIX as SUFFIX, IndicatorRow, LabelHint, LevelVocabulary, categories_kept_in_place,
    classify_label, join_lines, settle_dual_labels)
from formex.normalize.indicators.fragments import is_han, is_piece, label_keys, label_prefixes, worded_label
from formex.normalize.indicators.fused import (
    ASPECT, FUSED_CUTOFF, HEAD_MAX, SEPARATED_MIN, FusedLabel, bare_word, compound_keys, fused_issue, makes_word,
    suffix_after)
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Cell, Issue
from formex.schemas.forms import DEFAULT_LEVEL_FILE, FormSchema, load_level_wordings
from formex.schemas.name_words import CATEGORY_WORD_OPENINGS, NAME_OPENINGS, WORDS_WITH_BIAO
from formex.schemas.text_policy import MARKUP, clean_plain_text

ORDER_CUTOFF = 50.0        # half the label's characters in place (质最措标 ~ 质量指标)
ORDER_REST_MIN = 4         # the name after the head (完成率, 达标率 alone name nothing)
HEAD_SLACK = 2             # a head up to two characters longer than the label (数量类指标)
ALIAS_MIN = 4              # an alias written exactly, without 指标 (社会效益, not 成本 or 质量)
ALIAS_DAMAGE_SHARE = 0.4   # ... or damaged in one character of four, two of five, its first in place (可持缕彩响)
SHORT_ALIAS_MIN = 2        # ... or a shorter one (数量), where the gap holds that category alone and
                           # the table prints its labels so (prints_bare_words)
TRUNCATED_MIN = 6          # ... or its first six characters or more (服务对象满意)
REQUIRED_PIECE_MIN = 3     # ... or three (服务对), of a category requiring a word the name left holds (满意)
PIECE_MAX = 5              # a wrapped label's line, at a boundary
SINGLE_PIECES = frozenset(SUFFIX)   # the one-character pieces a label's last line may be
SEPARATORS = " :：、/|｜\t"
SPACES = " \u3000"          # a cell boundary kept in the text as read
WORDINGS = "".join(load_level_wordings(DEFAULT_LEVEL_FILE))   # 类, 性 (the level file's `wordings`): 时效类指标, 数量性指标


def read_fused_by_order(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                        rows: list | None = None, damage: frozenset[tuple[str, str]] = frozenset(),
                        by_order: bool = True) -> list[Issue]:
    """Split the damaged labels fused into the heads of names (see the module doc) and
    return an issue for each. `rows`, the table's lines as read: a head whose last
    character is the name's, the label's rest wrapped onto the next line (`wrapped_rest`).
    `by_order`: a category's damaged bare word is read by the order (`damaged_short_head`)."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    next_lines = lines_below(rows or [])
    where = line_numbers(rows or [])
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    stated_all = {label for labels in stated for label in labels}
    stated_groups = {h.spec.label for item in items for h in item.level1 if not h.copied}
    table_groups = stated_groups | {vocab.level2_specs[label].level1 for label in stated_all}
    # a category whose label the table states as another group's (成本指标 over 经济成本指标:
    # the 2021 template's level 1) is no category of 产出 there: already placed, not fused
    placed_as_group = stated_all | {label for label in stated_groups & vocab.level2_specs.keys()
                                    if vocab.level2_specs[label].level1 != label}
    issues = []
    spans: dict[tuple[int, int], list[str]] = {}
    aboves, belows = neighbours(stated)
    bare = prints_bare_words(items, vocab)
    edge = level2_column_edge(items, vocab)
    for i, item in enumerate(items):
        if not item.name or item.positional or stated[i] or item.fused:
            continue
        above, below = aboves[i], belows[i]
        low = order[above] if above else -1
        high = order[below] if below else len(order)
        found = name_cell(item) if may_be_cut(item) else None
        direct = separated_label(item, found, vocab, low, high, order) if found else None
        if direct is not None:
            hint, cell, rest = direct
            split_head(item, cell, hint.cell.text, rest, hint.spec, hint.match)
            issues += follow_pieces(items, i, hint.cell.text, hint.spec, vocab)
            issues.append(fused_issue(cell, item.row.source_ref,
                                      f"{cell.text!r} opens with {hint.cell.text!r}, read as the level label "
                                      f"{hint.spec.label!r} (similarity {hint.match.score:.0f}) where the cell as "
                                      f"read cuts it off, in the canonical order there; the name read as {rest!r}"))
            continue
        if (low, high) not in spans:
            spans[(low, high)] = [name for name, k in order.items() if low < k < high and name not in placed_as_group]
        between = spans[(low, high)]
        if not between:
            continue
        groups = {h.spec.label for h in item.level1 if not h.copied}
        allowed = groups or table_groups
        gap = [name for name in between if vocab.level2_specs[name].level1 in allowed]
        if not gap and not groups:
            gap = between     # a group the table states nowhere (its level-1 cell unread too)
        if not gap:
            continue
        # the pieces below tell the category themselves: read in an open gap too
        wrapped = wrapped_below_label(item, gap, rows or [], where.get(item.row.source_ref), vocab)
        if wrapped is not None:
            spec, cell, head, rest, pieces, score = wrapped
            issues.append(read_head(item, cell, head, rest, spec, LabelMatch(spec.label, head + "".join(pieces), score),
                                    f"{cell.text!r} opens with {head!r}, the first line of a level label wrapped "
                                    f"in its column, its rest {' | '.join(pieces)!r} on the line(s) below: read "
                                    f"as {spec.label!r} (similarity {score:.0f}), in the canonical order there; "
                                    f"the name read as {rest!r}"))
            continue
        if (above is None or below is None) and not groups and len(gap) > 1:
            # a gap open at the table's top or end, of several categories, in no stated group:
            # only a category requiring a word the name left holds (服务对象满意 | 居民就医满意度)
            required = [name for name in gap if vocab.level2_specs[name].requires]
            if not required:
                # of a group the table states nowhere (its label unread too), only a head
                # printing that word and 指标 (`朋务满意度指标`): a piece of it (服务对) is
                # the name's own words as often
                wider = tuple(name for name in between if vocab.level2_specs[name].requires)
                printed = {label for label, _, _ in required_word_heads(item.name, wider, vocab)}
                between = required = sorted(printed) if len(printed) == 1 else []
            gap = required
            if not gap:
                continue
        found = found or name_cell(item)
        if found is None:
            continue
        try:
            read = fused_head(item, found, gap, vocab, bare, above is not None and below is not None,
                              other_names(items, i), damage, by_order)
        except Unsettled as doubt:
            item.unsettled_head = doubt.head     # kept whole: no later reading cuts it either
            issues.append(Issue("warning", "label_unrecognised",
                                f"{doubt.cell.text!r} opens with {doubt.head!r}, a level label fused into the "
                                f"name as near {' as '.join(doubt.names)}; the name is kept whole",
                                field="level2", source_ref=doubt.cell.source_ref or item.row.source_ref))
            continue
        if not groups and len(between) > len(gap):
            read = read_in_unstated_group(item, found, between, gap, vocab, read)
        if read is None:
            continue
        name, head, rest, score, cell = read
        if len(head) < ALIAS_MIN and opens_another_name(items, i, item.name[:len(head) + 1]):
            continue      # a short word opening two names alike (成本核算…): the table's wording
        if by_order and damaged_short_head(item.name, name, vocab, other_names(items, i), damage) == read[:4]:
            # a bare word with one character of two in place, read by the order alone: warned
            split_head(item, cell, head, rest, vocab.level2_specs[name], LabelMatch(name, name, score))
            item.by_order = name
            issues += follow_pieces(items, i, head, vocab.level2_specs[name], vocab)   # its 指标 below
            issues.append(Issue("warning", "label_unrecognised",
                                f"{cell.text!r} opens with {head!r}, a category's bare word with one character "
                                f"of two in place, read as the level label {name!r}: the one category the labels "
                                f"around the row leave; the name read as {rest!r}",
                                field="level2", source_ref=cell.source_ref or item.row.source_ref))
            continue
        opened = label_opened_below(items, i, head, name, above, groups, vocab)
        if opened is not None:
            # the head is the first line of the label read below it, printed again on this row
            # (`经济` | `经济 农户…` over `效溢` | `指标`): that label, not the gap's 经济成本指标
            issues.append(read_head(item, cell, head, rest, opened.spec,
                                    LabelMatch(opened.spec.label, opened.spec.label, score),
                                    f"{cell.text!r} opens with {head!r}, the first line of the level label "
                                    f"{opened.cell.text!r} read below it as {opened.spec.label!r}, printed again "
                                    f"on this row (the order's gap read it as {name!r}): read as "
                                    f"{opened.spec.label!r}; the name read as {rest!r}"))
            continue
        below = next_lines.get(item.row.source_ref)
        spaced = len(head) in found[1]      # the head ends where the cell as read does: its boundary
        shorter = wrapped_rest(head, rest, vocab.level2_specs[name], vocab, below, item) \
            if below and not spaced else None
        if shorter is not None:
            head, rest, piece = shorter
        narrower = cut_to_level_column(head, rest, edge, vocab.level2_specs[name], vocab) if shorter is None and not spaced else None
        if narrower is not None:
            head, rest = narrower
        split_head(item, cell, head, rest, vocab.level2_specs[name], LabelMatch(name, name, score))
        issues += follow_pieces(items, i, head, vocab.level2_specs[name], vocab)
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{cell.text!r} opens with {head!r}, read as the level label {name!r} "
                                  f"(similarity {score:.0f}): the "
                                  "category the labels around the row leave, stated by no other row; "
                                  + (f"its rest {piece!r} wrapped onto the next line; " if shorter else "")
                                  + (f"its rest wrapped out of the level column, which cuts its labels at "
                                     f"{len(head)} characters; " if narrower else "")
                                  + f"the name read as {rest!r}"))
    return issues


OPENED_BELOW_MIN = 2   # a label's first line printed again above it (经济, 社会); one character opens too many


def label_opened_below(items: list[IndicatorRow], i: int, head: str, name: str, above: str | None,
                       groups: set[str], vocab: LevelVocabulary) -> LabelHint | None:
    """The level-2 label first stated below row i whose text opens with the head cut off
    row i's name (`经济`, `社会效`), a piece shorter than it, where `read_fused_by_order`
    read the head as another category (`name`) of the gap between the labels around: a
    table printing a label's first line on every row of its block, the label wrapped in
    full on one of them (`经济 地产…` | `经济 农户…` over `效溢` | `指标`), or a wrapped
    label's first line printed a row early. The gap leaves the label below out (its bound),
    so the head read alone lands in the category before it (经济成本指标 before
    经济效益指标). Only where every row between opens its name with the head too, the
    label above (its category's label or aliases) does not open with it (both bounds
    would), and the row's own level-1 group, where it states one, is the label's. None else."""
    first = label_key(head)
    if len(first) < OPENED_BELOW_MIN:
        return None
    j = next((k for k in range(i + 1, len(items)) if any(not h.copied for h in items[k].level2)), None)
    if j is None or not all((items[k].name or "").startswith(head) for k in range(i + 1, j)):
        return None
    hint = next(h for h in items[j].level2 if not h.copied)
    key = label_key(hint.cell.text)
    if hint.spec.label == name or not key.startswith(first) or len(key) <= len(first) \
            or (groups and hint.spec.level1 not in groups):
        return None
    if above is not None and any(label_key(alias).startswith(first) for alias in vocab.level2.aliases_of(above)):
        return None
    return hint


def read_in_unstated_group(item: IndicatorRow, found: tuple[Cell, list[int]], between: list[str], gap: list[str],
                           vocab: LevelVocabulary, read: tuple[str, str, str, float, Cell] | None
                           ) -> tuple[str, str, str, float, Cell] | None:
    """The head's reading among every category the order leaves (`between`), where it
    names one of a group the table states nowhere (its level-1 label lost, unread or
    fused too: `经济成本指际` under a lost 成本指标) as a label on its own would read,
    at `LABEL_CUTOFF`, and nearer than `read`, the reading in the stated groups' `gap`
    (成本指标 under 产出, 60): the head's own words outweigh the groups the table
    happens to state. Below `LABEL_CUTOFF` too where the one category's name is the other's
    with a word before it (`holds_its_name`: `泾济成夲指标`, 66.7 against 60), or where the
    head keeps in place a character only the one category prints (`keeps_only_its_own`:
    `经济成朩指柝`, 成 of 经济成本指标). Else `read`."""
    try:
        wide = fused_head(item, found, between, vocab)
    except Unsettled:
        return read
    if wide is None or wide[0] in gap or (read is not None and wide[3] <= read[3]):
        return read
    if wide[3] < LABEL_CUTOFF and not (read is not None and (
            holds_its_name(wide[0], read[0]) or keeps_only_its_own(wide[1], wide[0], read[0], vocab))):
        return read
    if label_key(wide[1]) in bare_words(vocab):
        return read       # 社会成本分担机制…: a category's word without 指标 is a name's own words
    return wide


def holds_its_name(longer: str, shorter: str) -> bool:
    """The category `longer` is `shorter`'s name with a word before it (经济成本指标 and
    产出's 成本指标): a head nearer the longer prints some of that word (`泾济成夲指标`), so
    read below `LABEL_CUTOFF` the longer is still the head's label, not the shorter worded up."""
    return longer != shorter and label_key(longer).endswith(label_key(shorter))


def keeps_only_its_own(head: str, wide: str, narrow: str, vocab: LevelVocabulary) -> bool:
    """Whether the head keeps in place a character of the category `wide`'s own that
    `narrow` prints nowhere, and none of `narrow`'s own (`categories_kept_in_place`:
    `经济咸本指怀` keeps 本 of 经济成本指标, not 经济效益指标; 经济 both print)."""
    specs = [vocab.level2_specs[wide], vocab.level2_specs[narrow]]
    return categories_kept_in_place(head, specs, vocab) == specs[:1]


GAP_BELOW_CUTOFF = 0.6   # ... read by the gap before placing: three in five (社会效 | 益拍际, 4 of 6); half lets a
                         # name's own words read as a label's first line (公共就业 | …)


def wrapped_below_label(item: IndicatorRow, gap: list[str], rows: list, k: int | None, vocab: LevelVocabulary):
    """(category, the name's cell, head, rest, pieces, similarity) where the name opens with
    the first line of a label wrapped in its narrow column whose rest prints below as short
    cells of their own (`社会效` | `惠及居民…` over `益拍际`), joined into a form of one
    category of the gap at `GAP_BELOW_CUTOFF` and nearer it than any other's
    (`head_wrapped_below`, as `cut_heads_wrapped_below` reads it after placing); None
    where none does. The pieces below, not the order, tell the category: before placing,
    so the row's block takes it."""
    if k is None:
        return None
    below = pieces_below(rows, k, vocab)
    # each piece a line of its own: a line with more cells is a row, its first cell its own level
    # cell's (`产岂` | `数量 新建…` over `指柝` | `指标新建…`: the level-1 label's rest)
    below = below[:next((n for n, row in enumerate(rows[k + 1:k + 1 + len(below)])
                         if sum(1 for c in row.cells if c.text.strip()) > 1), len(below))]
    if not below:
        return None
    for label in gap:
        spec = vocab.level2_specs[label]
        found = wrapped_below_read(item, rows[k], below, spec, vocab, GAP_BELOW_CUTOFF)
        if found is not None and not found[2].startswith("".join(found[3])):
            return (spec, *found)     # (not where the pieces were put into the name already: 数量指栎 补贴…)
    return None


def opens_another_name(items: list[IndicatorRow], i: int, opening: str) -> bool:
    """Another row's name opens with `opening` (a head and the name's next character)."""
    return any(j != i and item.name and item.name.startswith(opening) for j, item in enumerate(items))


def lines_below(rows: list) -> dict[str, object]:
    """{a line's source_ref: the line after it}, of the table's lines as read."""
    out: dict[str, object] = {}
    for row, after in zip(rows, rows[1:]):
        out.setdefault(row.source_ref, after)
    return out


def line_numbers(rows: list) -> dict[str, int]:
    """{a line's source_ref: its index (the first, where a ref repeats)}, of the table's lines as read."""
    out: dict[str, int] = {}
    for k, row in enumerate(rows):
        out.setdefault(row.source_ref, k)
    return out


def wrapped_rest(head: str, rest: str, spec, vocab: LevelVocabulary, below, item: IndicatorRow
                 ) -> tuple[str, str, str] | None:
    """(head, rest, piece) where a head read as `spec`'s label with its last character out of
    place (`时效指教育…`, `产出质传染病…`: read as 时效指标, 产出质量) is rather a wrapped label's
    first line (`时效指`, `产出质`) and the name's first character, the label's rest printed
    as the first cell of the next line (`杯`, `标`, `量`, a piece of one character):
    the head without that character and the piece join into one of the category's forms
    (`chain_forms`, or a bare group-and-category word: 产出质量) with more characters in
    place than the head read (`社令效盆指` | `标`), or as many, one off the form at most,
    where the piece has a cell beside it or a space after it (a level cell of the next row,
    `标 全社会…`, not a name's last line: `率` alone after `…及时` stays the name's). A
    head whose last character is in place stays (`时效指标`; `质量指杯`'s 杯 is no name's:
    it is read only where a piece is below), as does a first line of one of the category's
    forms written exactly (`产出质量指` | `标`) or a head ending at the cell's boundary (a
    space: the reading's caller skips it)."""
    first = next((c for c in below.cells if c.text.strip()), None)
    if first is None:
        return None
    raw = (first.raw or first.text).strip()
    spaced = next((k for k, ch in enumerate(raw) if ch in SPACES), None)
    beside = len([c for c in below.cells if c.text.strip()]) > 1 or spaced is not None
    text = raw[:spaced] if spaced is not None else first.text.strip()     # (标 全社会…: the next name's)
    if not is_piece(text) or label_key(text) != text:
        return None
    piece = label_key(text)
    if len(piece) != 1 or len(head) < 3 or head[-1] in WORDINGS:
        return None       # (社会效盖性 | 指标 below: 性 words the label up, 指标 its rest)
    shorter = head[:-1]
    joined = shorter + piece
    if any(form.startswith(head) for form in chain_forms(spec, vocab)):
        return None       # the head a form's first line written exactly (产出质量指 | 标): the label's
    forms = [form for form in (*chain_forms(spec, vocab), *compound_words(spec, vocab)) if len(form) == len(joined)]
    if not forms or any(in_place(head, form, 0) == len(head) for form in forms if len(form) == len(head)):
        return None       # the head is a form written out: nothing of the name in it
    now = max((in_place(head, form, 0) for form in (*chain_forms(spec, vocab), *compound_words(spec, vocab))
               if len(form) == len(head)), default=0)
    then = max(in_place(joined, form, 0) for form in forms)
    if then < now or then == now and (then < len(joined) - 1 or not beside):
        return None
    if head[-1] == form_char(forms, len(shorter)):
        return None       # the character is the label's own, in place
    return shorter, head[-1] + rest, piece


EDGE_LINES = 2   # labels cut short at one width: a column's edge (one may be a label printed a word short)


def level2_column_edge(items: list[IndicatorRow], vocab: LevelVocabulary) -> int:
    """The width at which the level-2 column cuts its labels: the greatest width at which
    `EDGE_LINES` level-2 cells print a line cut short (each line of a wrapped label its
    own: `cut_line`, `经济成` | `本指标`, `可持续影`, `生态效益指`); 0 where none does: labels
    printed whole (`质量指栎`, `经济成本指标`) show only how long the table's labels are, not
    where its column ends. A label joined from pieces on lines of their own keeps no text
    as read, and says nothing; nor does a line that is no piece of the label read from it
    (longer, or less than half its characters in place): a level cell and the name beside
    it read as one (`服务对签约居民满意度`, `社会效益提升…`)."""
    widths: dict[int, int] = {}
    for item in items:
        for hint in item.level2:
            text = label_key(hint.cell.text)
            for key in map(label_key, as_read(hint.cell).splitlines()):
                if not hint.copied and key and len(key) <= len(text) and 2 * in_place(key, text, 0) >= len(key) \
                        and cut_line(key, hint, vocab):
                    widths[len(key)] = widths.get(len(key), 0) + 1
    return max((width for width, n in widths.items() if n >= EDGE_LINES), default=0)


def cut_line(key: str, hint: LabelHint, vocab: LevelVocabulary) -> bool:
    """Whether a level-2 cell's line is a label cut short: shorter than the label the cell
    reads, or as long as none of the category's wordings (`可持续影`)."""
    spec = hint.spec
    whole = {*chain_forms(spec, vocab), *compound_words(spec, vocab), *map(label_key, (spec.label, *spec.aliases))}
    return len(key) < len(label_key(hint.cell.text)) or all(len(form) != len(key) for form in whole)


def spaced_at(cuts, head: str) -> bool:
    """Whether the cell as read ends the head at a boundary of its own (a space): the
    cell says where the label ends."""
    return len(head) in cuts


def cut_to_level_column(head: str, rest: str, edge: int, spec, vocab: LevelVocabulary
                        ) -> tuple[str, str] | None:
    """(head, rest) where a head one character wider than the level-2 column's `edge`
    (`level2_column_edge`: `时效指` | `标`, `散量性指`) ends in a character none of the
    category's forms prints there (`质量指收`, `散量性指残`, `产出数新`: read as a damaged 标
    or 量): a level cell never runs past its column, so the head is the label's line
    (`质量指`, `产出数`), wrapped or cut short, and the character the name's (`收入工程…`).
    A column that shows no edge says nothing (`质量指杯` whole among labels printed whole).
    """
    if len(head) < 3 or edge != len(head) - 1:
        return None
    forms = (*chain_forms(spec, vocab), *compound_words(spec, vocab))
    if any(len(form) > edge and form[edge] == head[-1] for form in forms):
        return None       # the label's own character in place (质量指标)
    return head[:-1], head[-1] + rest


@lru_cache(maxsize=None)
def compound_words(spec, vocab: LevelVocabulary) -> tuple[str, ...]:
    """The category's group-and-category words without 指标 (产出质量)."""
    return tuple(key for key, label in compound_keys(vocab).items() if label == spec.label and not key.endswith(SUFFIX))


def form_char(forms: list[str], at: int) -> str | None:
    """The character the forms print at `at`, where they agree."""
    chars = {form[at] for form in forms if len(form) > at}
    return chars.pop() if len(chars) == 1 else None


def read_wrapped_heads(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A label wrapped in its narrow level column whose first line OCR fused into the head
    of the name on its row (`产出质退役士兵…`), its next line read as the level-2 label of the
    row on the next line (`量指标`, alone read as 数量指标; in its level cell or cut off its
    name): the head, as wide as that line or up to `PIECE_MAX`, and that label's text join
    into one category's form exactly (`产出质量指标`), of no other category. The head is cut
    off the name (the name left keeps `ORDER_REST_MIN` and makes no word with it), the row
    takes the category, and the row below's label is read as it too; `label_fused`."""
    issues: list[Issue] = []
    level2_only = level2_columns(items)
    for i in range(len(items) - 1):
        item, below = items[i], items[i + 1]
        if not item.name or item.positional or item.fused or any(not h.copied for h in item.level2) \
                or item.lines[0] != item.lines[1] or below.lines[0] != item.lines[1] + 1:
            continue
        stated = [h for h in below.level2 if not h.copied and not h.moved] or group_piece(below, level2_only)
        if len(stated) != 1:
            continue
        hint = stated[0]
        piece = label_key(hint.cell.text)
        if not piece or len(piece) > PIECE_MAX or hint.level == 1 and restated_group(item, hint):
            continue
        found = None
        # a group's reading may be a wrapped label's lines joined (`效益` | `指标`): its first line
        # sets the column's width, no wider than the head
        for width in range(len(piece) if hint.level == 2 else OPENED_BELOW_MIN, PIECE_MAX + 1):
            head = item.name[:width]
            if len(head) < width or label_key(head) != head:
                break
            if hint.level == 1 and reads_on(item.name, width, vocab):
                continue      # 经济成本… over 效益指标: the head goes on past 经济 as a label
            reads = {spec.label for spec in vocab.level2_specs.values()
                     if hint.level == 2 and head + piece in chain_forms(spec, vocab)
                     or hint.level == 1 and spec.level1 == hint.spec.label and head + piece in label_forms(spec)}
            if reads:
                found = (head, reads.pop()) if len(reads) == 1 else None
                break
        if found is None:
            continue
        head, label = found
        rest = item.name[len(head):].strip(SEPARATORS)
        cell = opening_cell(item, head) if len(label_key(rest)) >= ORDER_REST_MIN and not makes_word(head, rest) \
            else None
        if cell is None:
            continue
        spec = vocab.level2_specs[label]
        match = LabelMatch(label, head + piece, 100.0)
        split_head(item, cell, head, rest, spec, match)
        if hint.level == 1:
            # the rest of the level-2 label, read alone as its group's (`效益指标`): the row's
            # level-2 label instead, where the group holds more categories than this one
            # (满意度指标 names its one category already: its reading stays)
            if len(hint.spec.level2) > 1:
                below.level1.remove(hint)
                below.level2.append(LabelHint(2, spec, hint.cell, match, line=hint.line))
        elif hint.spec is not spec:
            new = replace(hint, spec=spec, match=match)
            below.replace_level2(hint, new)
            below.fused = [replace(f, label=new) if f.label is hint else f for f in below.fused]
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{cell.text!r} opens with {head!r}, the first line of a level label wrapped "
                                  f"in its column, its next line {hint.cell.text!r} on the row below"
                                  + (f" (read alone as the group {hint.spec.label!r})" if hint.level == 1 else "")
                                  + f": read as {label!r} for both rows; the name read as {rest!r}"))
    return issues


def reads_on(name: str, width: int, vocab: LevelVocabulary) -> bool:
    """The name's first `width` characters read on into a label: with the next character
    they open a label or alias (`服务` | `对象…`, `经济` | `成本…`), or the characters after
    them keep half of some category's form past them in place (`社会` | `効益拾标…`: the
    label fused whole, its rest damaged)."""
    head, rest = name[:width], name[width:]
    if label_key(head + rest[:1]) in label_keys(vocab) | label_prefixes(vocab):
        return True
    return any(2 * in_place(rest, form[width:], 0) >= len(form) - width
               for spec in vocab.level2_specs.values() for form in chain_forms(spec, vocab)
               if form.startswith(head) and len(form) > width)


def restated_group(item: IndicatorRow, hint: LabelHint) -> bool:
    """The row prints the same level-1 text as `hint` (a group's label restated row after
    row, `效益指标` on each): the group's own, no piece of a label wrapped over both rows."""
    return any(label_key(h.cell.text) == label_key(hint.cell.text) for h in item.level1 if not h.copied)


def group_piece(item: IndicatorRow, level2_only: frozenset[int]) -> list[LabelHint]:
    """The row's level-1 label printed on it (not filled down, carried or moved) in a column
    where the table prints level-2 labels only (`level2_columns`), where the row states no
    level-2 one: the rest of a level-2 label wrapped in its narrow column may read alone as
    the group's (`效益指标` of 社会 | 效益指标, `益指标` of 经济效 | 益指标), the label's first
    line fused into the name on the row above (`read_wrapped_heads`). In the level-1
    column it is the group's own."""
    if any(not h.copied for h in item.level2):
        return []
    return [h for h in item.level1 if not h.copied and not h.carried and not h.moved and h.cell.col in level2_only]


def level2_columns(items: list[IndicatorRow]) -> frozenset[int]:
    """The columns some row prints a level-2 label in (as read, not filled down) and no row
    a level-1 label in, but for cells read as a group's where a level-2 label is wanted
    (`group_piece`'s own: at most one a column)."""
    level2 = Counter(h.cell.col for item in items for h in item.level2 if not h.copied and not h.moved)
    level1 = Counter(h.cell.col for item in items for h in item.level1 if not h.copied and not h.moved)
    return frozenset(col for col in level2 if level1[col] <= 1)


def read_dual_group_heads(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A row whose one stated level cell reads as a label of both levels (`成本指标`: a
    category under 产出 in older forms, the group of 经济成本指标… in newer ones; `管理指标`:
    a group whose one category bears its name), its name opening with a label of one of
    that group's categories (`经挤戌本指标单个…`, `菅哩指标预算执行率`): the group prints
    in its column and the category, fused into the name, in the next; the level cell was the
    group's. The head is read as `read_fused_by_order` reads one, the group's categories for
    the gap (a label half in place ending as a label does, an alias of four characters or
    more written exactly, of one category only); the name left keeps `ORDER_REST_MIN`. The
    head becomes the row's level-2 label and the level cell its group (`settle_dual_labels`),
    or, where the category is the one the cell was read as (管理指标), the cell stays as
    read; `label_fused` says so."""
    issues: list[Issue] = []
    edge = level2_column_edge(items, vocab)
    for item in items:
        if not item.name or item.positional or item.fused:
            continue
        stated = [h for h in item.level2 if not h.copied and not h.moved]
        if len(stated) != 1 or stated[0].level1_reading is None \
                or any(not h.copied for h in item.level1):
            continue
        group = stated[0].level1_reading[0].label
        gap = tuple(name for name, spec in vocab.level2_specs.items() if spec.level1 == group)
        found = name_cell(item)
        if not gap or found is None:
            continue
        cell, cuts = found
        read = best_head(item.name, tuple(cuts), gap, vocab, False, False)
        if read is None or isinstance(read[0], tuple):
            continue
        name, head, rest, score = read
        if len(label_key(head)) < SEPARATED_MIN:
            continue      # a piece (经济) names no category where the level cell states one
        narrower = cut_to_level_column(head, rest, edge, vocab.level2_specs[name], vocab)
        if narrower is not None and not spaced_at(cuts, head):
            head, rest = narrower
        if vocab.level2_specs[name] is stated[0].spec:
            # the group's one category bearing its name (管理指标): the cell stays the row's
            # category, as read; the name loses the head
            item.fused.append(FusedLabel(cell, replace(stated[0], cell=replace(cell, text=head)),
                                         replace(cell, text=rest)))
            item.name = rest
        else:
            split_head(item, cell, head, rest, vocab.level2_specs[name], LabelMatch(name, name, score))
            settle_dual_labels(item)
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{cell.text!r} opens with {head!r}, read as the level label {name!r} "
                                  f"(similarity {score:.0f}), a category of the group the row's level cell "
                                  f"{stated[0].cell.text!r} names: that cell read as the group; the name read "
                                  f"as {rest!r}"))
    return issues


def follow_pieces(items: list[IndicatorRow], k: int, head: str, spec, vocab: LevelVocabulary) -> list[Issue]:
    """Row k's name lost its head (`社会郊` | `辖区…`) read as the first line of `spec`'s
    label, wrapped in a narrow column: its next lines fused into the heads of the names
    below (`益指际重点人群…`) are cut off them too, where they join the head into one of the
    category's forms as `read_continued_pieces` reads a level cell's (`continued_chain`).
    Only a head shorter than every form of the category, on one line, half its characters
    in place in one of them: a piece, not a label written out."""
    first = label_key(head)
    forms = label_forms(spec)
    if not first or len(first) > PIECE_MAX or items[k].lines[0] != items[k].lines[1] \
            or any(len(form) <= len(first) for form in forms) \
            or not any(2 * in_place(first, form, 0) >= len(first) for form in forms):
        return []
    found = continued_chain(items, k, first, [spec], vocab)
    if found is None:
        return []
    _, score, cuts = found
    match = LabelMatch(spec.label, spec.label, score)
    issues = []
    for j, (cell, piece, rest) in cuts.items():
        split_head(items[j], cell, piece, rest, spec, match)
        issues.append(fused_issue(cell, items[j].row.source_ref,
                                  f"{cell.text!r} opens with {piece!r}, the next line of the level label "
                                  f"{head!r} cut off the name above (read as {spec.label!r}): the name read "
                                  f"as {rest!r}"))
    return issues


def prints_bare_words(items: list[IndicatorRow], vocab: LevelVocabulary) -> bool:
    """The table prints a level-2 label as its category's bare word (`数量`, `产出质量`: no
    指标) in a level cell: then a short bare word at a name's head may be its label too
    (`数量补贴发放人数`), where the order leaves that one category; in a table printing
    `数量指标`, `质量标准执行率` opens with the name's own words."""
    return any(not hint.copied and not hint.moved and label_key(hint.cell.text) in bare_words(vocab)
               for item in items for hint in item.level2)


@lru_cache(maxsize=None)
def bare_words(vocab: LevelVocabulary) -> frozenset[str]:
    """The categories' words without an ending (数量), and with their group's before them
    (产出数量)."""
    words = {bare_word(text) for spec in vocab.level2_specs.values() for text in (spec.label, *spec.aliases)}
    return frozenset(w for w in words | {k for k in compound_keys(vocab) if not k.endswith(SUFFIX)}
                     if w and not w.endswith(SUFFIX))


@lru_cache(maxsize=None)
def own_words(spec, vocab: LevelVocabulary) -> frozenset[str]:
    """The category's bare words (`bare_words`: 管理, 数量, 产出数量) alone."""
    words = {bare_word(text) for text in (spec.label, *spec.aliases)} | set(compound_words(spec, vocab))
    return frozenset(w for w in words if w and not w.endswith(SUFFIX))


def split_head(item: IndicatorRow, cell: Cell, head: str, rest: str, spec, match: LabelMatch) -> None:
    """The head of the row's name (in `cell`) read as its level-2 label, the rest as its name."""
    item.level2.append(cut_head(item, cell, head, rest, spec, match))


def read_head(item: IndicatorRow, cell: Cell, head: str, rest: str, spec, match: LabelMatch, message: str) -> Issue:
    """`split_head`, and the `label_fused` issue that says why (`message`)."""
    split_head(item, cell, head, rest, spec, match)
    return fused_issue(cell, item.row.source_ref, message)


def cut_head(item: IndicatorRow, cell: Cell, head: str, rest: str, spec, match: LabelMatch) -> LabelHint:
    """The head of the row's name (in `cell`) cut off as a label of `spec`, the rest left as
    its name; the label's hint is returned (after placing, the row's category is already
    chosen, so only the fused record keeps it)."""
    hint = LabelHint(2, spec, replace(cell, text=head), match, line=item.lines[0])
    item.fused.append(FusedLabel(cell, hint, replace(cell, text=rest)))
    item.name = rest
    return hint


RESTATED_MIN = 3     # a label's text restated: 时效拍 of 时效拍|标, not 数量 or 时效 ...
RESTATED_CUT_MIN = 2  # ... but where a space in the cell as read follows it (`数量 发放…`)


def read_restated_heads(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A level-2 label printed on every row of its block (or once a page) as OCR read it,
    fused into the name of one of those rows (`质量指杯烈士纪念设施…` between rows whose
    level cell reads `质量指杯`): the name opens with the very text of a level-2 cell on
    another row of the table, read there as a label. The text is `RESTATED_MIN` characters
    or more (two, where a space in the cell as read follows it: `数量 发放…` between rows
    reading `数量`, or where the row's level cells are empty in a block printing the label on
    every row: `every_row`, or ending or opening such a block: `block_end`; a row above cut
    so counts as printing it), the name left `ORDER_REST_MIN`, and the name does not read on into a label
    (`服务对` | `象满意度…`: 服务对象满意度 is a name's head too); the row states no level-2
    label of its own. The nearest such cell gives the category; `label_fused` says so. A
    level cell rewritten from a wrapped label's piece (`可持续` read as 可持续影响指标) is
    looked up as printed too, for the names next to its row only, or next to names opening
    so (`可持续` | `建立健全长效管理机制` on the rows just above)."""
    keys, prefixes = label_keys(vocab), label_prefixes(vocab)
    printed = [(j, hint) for j, item in enumerate(items) for hint in item.level2
               if not hint.copied and not hint.moved and len(label_key(hint.cell.text)) >= RESTATED_CUT_MIN]
    printed += [(j, hint) for j, item in enumerate(items) for cell in item.unrecognised
                for hint in [first_line_of_label(cell, item, vocab)] if hint is not None]
    # a level cell fragments.py rewrote from its piece (`可持续` read as 可持续影响指标): the
    # piece as printed is what the names beside it open with
    pieces = [(j, replace(hint, cell=replace(hint.cell, text=hint.cell.raw.strip())))
              for j, hint in printed if hint.cell.raw and label_key(hint.cell.raw) != label_key(hint.cell.text)
              and len(label_key(hint.cell.raw)) >= RESTATED_MIN]
    printed += pieces
    names = [item.name or "" for item in items]
    piece_ids = {id(hint) for _, hint in pieces}
    issues = []
    if not printed:
        return issues
    texts: dict[str, dict[str, list[tuple[int, LabelHint]]]] = {}   # first character -> text -> cells
    for j, hint in printed:
        text = hint.cell.text.strip()
        texts.setdefault(text[:1], {}).setdefault(text, []).append((j, hint))
    cut: dict[str, set[int]] = {}     # text -> the rows above whose name it was cut off
    for i, item in enumerate(items):
        if not item.name or item.positional or item.fused or any(not h.copied for h in item.level2):
            continue
        opening = [entry for text, entries in texts.get(item.name[:1], {}).items()
                   if item.name.startswith(text) for entry in entries]
        for j, hint in sorted(opening, key=lambda p: (abs(p[0] - i), p[0])):
            text = hint.cell.text.strip()
            if j == i:
                continue
            if id(hint) in piece_ids and not all(names[k].startswith(text) for k in range(min(i, j) + 1, max(i, j))):
                continue      # a rewritten piece: only for the names next to its row, in a run
            rest = item.name[len(text):].strip(SEPARATORS)
            if len(label_key(rest)) < ORDER_REST_MIN or label_key(text + rest[:1]) in keys | prefixes \
                    or not names_category(rest, hint.spec):
                continue
            found = name_cell(item)
            if found is None or not found[0].text.strip().startswith(text):
                continue
            cell, cuts = found
            if len(label_key(text)) < RESTATED_MIN and len(text) not in cuts:
                rows = {k for k, _ in texts[text[:1]][text]} | cut.get(text, set())
                if not every_row(i, rows, items) and not (block_end(i, rows, item, items)
                                                         and names_own_word(rest, hint.spec)):
                    continue      # a short label (数量) only where the cell as read cuts it off, or on every row
            split_head(item, cell, text, rest, hint.spec, hint.match)
            cut.setdefault(text, set()).add(i)     # printed on this row too, as the rows below see it
            issues.append(fused_issue(cell, item.row.source_ref,
                                      f"{cell.text!r} opens with {text!r}, the level label printed so on another row "
                                      f"(read as {hint.spec.label!r}): read as the row's label and the name {rest!r}"))
            break
    return issues


def every_row(i: int, rows: set[int], items: list[IndicatorRow], across_pages: bool = False) -> bool:
    """Row i, its level cells empty, lies in a block printing its label on every row: the
    rows above and below both print it (`数量` | `数量…` | `数量`: fused into the one name
    between whose level cell is empty; a label printed on every other row is not so). The
    two rows print on one page: a block running over a page break prints its label once a
    page's part (at its centre, its bottom), so the last row of one page and a row of the
    next print it around a row of their own (`质量` | `质量抽检合格率` on the new page | `质量`).
    `across_pages` where the text is no word a name opens with (a damaged `贸量`:
    `damaged_word`; a category's or a group's word, `质量`, `效益`, keeps the rule)."""
    return not unread_own_cells(i, items) and {i - 1, i + 1} <= rows \
        and (across_pages or items[i - 1].pages[1] == items[i + 1].pages[0])


def damaged_word(text: str, vocab: LevelVocabulary) -> bool:
    """A short level cell (`cut_short_level_cells`) reads as a category's or a group's word
    damaged (`贸量`: 量 in place of 质量's, 数量's), no such word itself: a label no name opens
    with, so `every_row`'s one-page rule leaves it. A real word (`安全`, `环境`: a label no
    category reads, a wrapped one's first line) keeps the rule as `质量` does."""
    short = {w for w in bare_words(vocab) | group_words(vocab) if len(w) == len(text)}
    return text not in short and any(in_place(text, w, 0) for w in short)


def unread_own_cells(i: int, items: list[IndicatorRow]) -> bool:
    """Whether row i holds a level cell no vocabulary reads that may be its own label: one
    under a level-2 column, or any the rows next to it do not print letter for letter (read
    there or not). A damaged level-1 label the table prints on every row (`严山` on each
    row) is the group's, restated, and leaves the row's level-2 cell empty all the same. A
    wrapped label's last line (`ending_line`: `标`, `脂标`) is no label of the row's own."""
    item = items[i]
    if any(not ending_line(cell.text) for cell in item.damaged):
        return True
    around = {cell.text for k in (i - 1, i + 1) if 0 <= k < len(items)
              for cell in (*items[k].unrecognised, *(h.cell for h in items[k].level1 if not h.copied))}
    return any(cell.text not in around and not ending_line(cell.text) for cell in item.unrecognised)


def ending_line(text: str) -> bool:
    """An unread level cell shaped as a wrapped label's last line (`标`, `脂标`, `类指标`: as
    long as a label's ending, one to three characters, and ending in its 标): no label of the
    row's own, the lower line of the one printed on every row whose first line went into the
    name. (The shape alone is tested: `时效标` passes it too.)"""
    text = label_key(text)
    return any(len(text) == len(end) and text[-1] == end[-1] for end in label_endings())


BLOCK_END_RUN = 2     # the rows printing a short label next to the block's last (or first) row


def block_end(i: int, rows: set[int], item: IndicatorRow, items: list[IndicatorRow],
              restating: bool = False) -> bool:
    """Row i, its level cells empty, ends (or opens) a block printing its label on every
    row: the `BLOCK_END_RUN` rows above it print it (`数量` | `数量` | `数量…`), and the row
    below states a level-2 label of its own (the next block's: `质量指标`) or there is none;
    or the same the other way up. A label printed once over a spanned block is never on two
    rows in a row. Where the table restates its level-2 labels row after row (`restating`:
    `restates_labels`), one row beside printing it is enough, whatever the other side: the
    row's empty cell lost the label its neighbour prints (a block of two or three)."""
    if unread_own_cells(i, items):
        return False
    need = 1 if restating else BLOCK_END_RUN
    for step in (-1, 1):
        run = {i + step * k for k in range(1, need + 1)}
        other = i - step
        if run <= rows and (restating or not 0 <= other < len(items)
                            or any(not h.copied for h in items[other].level2)):
            return True
    return False


def names_own_word(rest: str, spec) -> bool:
    """The name left holds one of the category's own keywords (合格 for 质量指标, 费用 for
    成本指标): `数量统计准确率考核` after a block of `数量` rows holds none of 数量's words,
    so 数量 is the name's own."""
    return any(word in rest for word in (*spec.strong, *spec.weak))


def first_line_of_label(cell: Cell, item: IndicatorRow, vocab: LevelVocabulary) -> LabelHint | None:
    """A level cell no vocabulary reads that is the first line of one category's label
    (`服务对象满` printed on every row of its block, cut by its narrow column), as that
    category's hint; None where it is shorter than `RESTATED_MIN` or opens two
    categories' labels."""
    key = label_key(cell.text)
    label = opened_category(key, vocab) if len(key) >= RESTATED_MIN else None
    if label is None:
        return None
    return LabelHint(2, vocab.level2_specs[label], cell, LabelMatch(label, key, 100.0 * len(key) / len(label_key(label))),
                     line=item.lines[0])


@lru_cache(maxsize=4096)
def opened_category(key: str, vocab: LevelVocabulary) -> str | None:
    """The one category whose label or an alias opens with `key` and goes on, or None."""
    found = {name for name, full in keys_of(tuple(vocab.level2_specs), vocab)
             if len(full) > len(key) and full.startswith(key)}
    return found.pop() if len(found) == 1 else None


def cut_run_heads(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A label printed on every row of its block, fused into several names in a row: the
    head one of them was split off at (by any reading) is cut off the names next to it that
    open with the very same text (`贡量指标农田…`, `贡量指标灌溉…`), `RESTATED_MIN`
    characters or more, where the name left keeps `ORDER_REST_MIN` and the category's
    word, does not read on into a label and the row states no other category (a row stating
    the same one keeps its label; one stating none takes it). The run stops at the first
    name that does not open so. `label_fused` says so for each."""
    issues: list[Issue] = []
    keys = label_keys(vocab) | label_prefixes(vocab)
    for i, item in enumerate(items):
        if not item.fused:
            continue
        fused = item.fused[-1]
        head, spec = fused.label.cell.text.strip(), fused.label.spec
        if len(label_key(head)) < RESTATED_MIN:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(items):
                other = items[j]
                if other.fused or not other.name or other.positional or other.unrecognised \
                        or not other.name.startswith(head):
                    break
                own = [h for h in other.level2 if not h.copied]
                rest = other.name[len(head):].strip(SEPARATORS)
                if any(h.spec is not spec for h in own) or len(label_key(rest)) < ORDER_REST_MIN \
                        or label_key(head + rest[:1]) in keys or not names_category(rest, spec):
                    break
                cell = opening_cell(other, head)
                if cell is None:
                    break
                if own:
                    other.fused.append(FusedLabel(cell, replace(own[-1], cell=replace(cell, text=head)),
                                                  replace(cell, text=rest)))
                    other.name = rest
                else:
                    split_head(other, cell, head, rest, spec, fused.label.match)
                issues.append(fused_issue(cell, other.row.source_ref,
                                          f"{cell.text!r} opens with {head!r}, the level label cut off the name "
                                          f"next to it (read as {spec.label!r}): a label printed on every row; "
                                          f"the name read as {rest!r}"))
                j += step
    return issues


REPEATED_ROWS = 2     # a level cell's text on two other rows at least: the table prints it on every row


def cut_repeated_level_cells(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A level cell no vocabulary reads, printed on every row of its block (`散重指` on
    rows above and below), fused into the name of one of those rows (`散重指 受理服务…`):
    the name opens with the very text of a level cell on `REPEATED_ROWS` other rows or
    more (a name opening with it before a space as read prints it too), `RESTATED_MIN`
    characters or more, and the name left keeps `ORDER_REST_MIN` and
    does not read on into a label. The head is cut off the name, read as nothing (as on
    the other rows, the row's placement reads its category); `label_fused` says so. A row
    stating a level-2 label of its own (read in another level column: the group's cell of an
    every-row layout) is cut too where the name above or below opens with the same text.
    A row whose text a vocabulary reads as a level-2 label (`管理拾柝` read as 管理指标 on
    one row, unread on another) prints it too, and a row whose unread cells are all wrapped
    labels' last lines (`标` under the `散暈指` fused into its name: `ending_line`) may be cut."""
    rows: dict[str, set[int]] = {}
    for j, item in enumerate(items):
        for cell in item.unrecognised:
            text = cell.text.strip()
            if len(label_key(text)) >= RESTATED_MIN:
                rows.setdefault(text, set()).add(j)
    # the same text read as a level-2 label on another row (`管理拾柝` read as 管理指标 there) is
    # printed there all the same: the table prints it on every row, one reading it, one not
    for j, item in enumerate(items):
        for hint in item.level2:
            text = as_printed(hint.cell)
            if text in rows and not hint.copied and not hint.moved:
                rows[text].add(j)
    # a name cell opening with the text before a space as read (`袿仑效益方 城镇…`) prints it too:
    # the label printed on every row, OCR running it into the name beside it
    for j, item in enumerate(items):
        found = name_cell(item) if item.name and not item.fused else None
        for text in rows if found else ():
            if item.name.startswith(text) and spaced(found[0], text):
                rows[text].add(j)
    texts = {text: js for text, js in rows.items() if len(js) >= REPEATED_ROWS}
    issues: list[Issue] = cut_short_level_cells(items, vocab)
    if not texts:
        return issues
    keys, prefixes = label_keys(vocab), label_prefixes(vocab)
    names = [item.name for item in items]
    for i, item in enumerate(items):
        if not item.name or item.positional or item.fused \
                or any(not ending_line(cell.text) for cell in item.unrecognised):
            continue
        stated = any(not h.copied for h in item.level2)
        for text, js in texts.items():
            if not item.name.startswith(text) or len(js - {i}) < REPEATED_ROWS:
                continue
            if stated and not in_run(names, i, text):
                continue      # a row stating its label: only where the names next to it open so too
            rest = item.name[len(text):].strip(SEPARATORS)
            if len(label_key(rest)) < ORDER_REST_MIN or label_key(text + rest[:1]) in keys | prefixes:
                continue
            issue = cut_printed_head(item, text, rest, "the level cell printed so on other rows")
            if issue is None:
                continue
            issues.append(issue)
            break
    return issues


def cut_short_level_cells(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A level cell of `RESTATED_CUT_MIN` characters no vocabulary reads (`社会`, `成未`: a
    wrapped label's first line) printed on every row of its block, fused into the name of
    a row whose level cells are empty: the rows above and below print it (`every_row`), or
    the row ends or opens such a block (`block_end`; a row the same text was cut off, or read
    off as a label, counts as printing it). The name left keeps `ORDER_REST_MIN` and does not
    read on into a label; the row states no level-2 label. A category's bare word read as the
    level-2 label of a row in its own level cell (`数量`, not `数量指标`) counts as printed
    there, as does a label wrapped in its narrow column whose first line is that word
    (`时效` over `指标`, read as 时效指标: `printed_words`). The text is cut off, read as nothing, as on the other rows (their placement
    reads the category); `label_fused`. A group's bare word read as a level-1 label (`产出`,
    in any level column) counts as printed on the rows that print it in more level cells
    than the row does (`group_prints`): a table printing `产出` in both level columns of
    every row, one row `产出` once and its name `产出…`. Where the table restates its level-2
    labels row after row (`restates_labels`), one row beside printing the text is enough
    (`block_end`, `run_printed`): a block of two or three, its other rows fused (`成本` |
    `成本药品…` | `成本水电…`). A wrapped label's first line read as a row's level-2 label
    (`社会`, of 社会效益指标) is printed there too. A group's word printed as a row's only
    level cell (`printing_alone`: `产出` | `产出` | `产出…`) counts as printed there for a row
    printing it nowhere; a run of names opening with a damaged word (`damaged_word`: `散量`)
    after the rows printing it needs no edge past it (`run_printed`)."""
    rows: dict[str, set[int]] = {}
    stated: dict[str, LabelHint] = {}     # a bare word read as a level-2 label: its hint
    words = bare_words(vocab)
    groups = group_prints(items, vocab)
    for j, item in enumerate(items):
        cells = [*item.unrecognised, *(f.label.cell for f in item.fused)]
        # a category's bare word read as the row's level-2 label in its own cell (`数量` on
        # every row of its block): printed so on the rows, fused into the one between
        read = [(word, h) for h in item.level2 if not h.copied and not h.moved
                for word in printed_words(h) if word in words]
        for word, h in read:
            stated.setdefault(word, h)
        # a wrapped label's first line read on the row (`社会` over `效益指标`): printed there as the
        # rows around print it, whichever label it opens
        lines = [word for h in item.level2 if not h.copied and not h.moved for word in printed_words(h)]
        for text in [cell.text.strip() for cell in cells] + lines:
            if len(text) == RESTATED_CUT_MIN and label_key(text) == text:
                rows.setdefault(text, set()).add(j)
    issues: list[Issue] = []
    if not rows and not groups:
        return issues
    keys = label_keys(vocab) | label_prefixes(vocab)
    restating = restates_labels(items, set(rows) | set(groups) | words | group_words(vocab),
                                {j for per in groups.values() for j, n in per.items() if n >= GROUP_PRINTS_MIN})
    # each row's candidacy once (a run's rows are walked from each of them); a cut row's again
    candidates: dict[int, bool] = {}

    def candidate(j: int) -> bool:
        if j not in candidates:
            candidates[j] = short_cut_candidate(j, items)
        return candidates[j]
    # twice: a row opening a block is judged by the rows below it, cut (a run) after it
    for i, item in [*enumerate(items), *enumerate(items)]:
        if not candidate(i):
            continue
        text = item.name[:RESTATED_CUT_MIN]
        printing = rows.get(text, set()) | printing_more(groups.get(text, {}), i) \
            | printing_alone(groups.get(text, {}), i, items)
        if not printing:
            continue
        if opens_other_group(i, printing, items):
            continue
        between = every_row(i, printing, items, across_pages=damaged_word(text, vocab))
        single = between or block_end(i, printing, item, items, restating)
        if not single and not run_printed(fused_run(i, text, items, candidate), printing, items, restating,
                                          damaged_word(text, vocab)):
            continue
        rest = item.name[len(text):].strip(SEPARATORS)
        # another category's word in the name left tells a name's own word from a label printed
        # above it only; between two rows printing it, the row lost it as its neighbours show
        if len(label_key(rest)) < ORDER_REST_MIN or label_key(text + rest[:1]) in keys \
                or not between and other_strong_word(text, rest, vocab):
            continue
        if not single and text in stated:
            # a run of names lost the word their placement read them by: it is their label, as on the rows
            # printing it (cut as nothing, a run at a block's edge is placed by the block beside it)
            issue = cut_stated_head(item, text, rest, stated[text])
        else:
            issue = cut_printed_head(item, text, rest, "the level cell printed so on the rows of its block")
        if issue is None:
            continue
        rows.setdefault(text, set()).add(i)
        if text in groups:
            groups[text][i] = groups[text].get(i, 0) + 1
        for j in (i - 1, i, i + 1):
            candidates.pop(j, None)
        issues.append(issue)
    return issues


def opens_other_group(i: int, printing: set[int], items: list[IndicatorRow]) -> bool:
    """Row i prints a level-1 label of its own (no copy) that no row printing the text next
    to it reads (`cut_short_level_cells`): it opens another group, and the level-2 cell of
    the rows above (`时效`) is no label of its (效益指标 | | 时效性群众评价)."""
    own = {h.spec.label for h in items[i].level1 if not h.copied}
    beside = [j for j in (i - 1, i + 1) if j in printing]
    return bool(own and beside) and all(not own & {h.spec.label for h in items[j].level1} for j in beside)


def group_prints(items: list[IndicatorRow], vocab: LevelVocabulary) -> dict[str, dict[int, int]]:
    """{a group's bare word (`产出`): {row: how many of its level cells print it, read as a
    level-1 label}} (`cut_short_level_cells`): a table printing the group's word in each
    level column of every row (a level-2 label wrapped so its first line is the group's)."""
    words = group_words(vocab)
    counts: dict[str, dict[int, int]] = {}
    for j, item in enumerate(items):
        for hint in item.level1:
            if hint.copied or hint.carried:
                continue
            for word in printed_words(hint) & words:
                per = counts.setdefault(word, {})
                per[j] = per.get(j, 0) + 1
    return counts


@lru_cache(maxsize=None)
def group_words(vocab: LevelVocabulary) -> frozenset[str]:
    """The level-1 groups' words without an ending (产出, 效益), `RESTATED_CUT_MIN` long."""
    return frozenset(w for spec in vocab.level1_specs.values() for w in map(bare_word, (spec.label, *spec.aliases))
                     if len(w) == RESTATED_CUT_MIN and label_key(w) == w)


GROUP_PRINTS_MIN = 2   # a group's word in both level columns of a row: its level-2 label's first line too


def printing_more(counts: dict[int, int], i: int) -> set[int]:
    """The rows printing a group's word in more level cells than row i (`group_prints`), in
    both its level columns: the one row printing it less lost it, fused into its name; a
    row printing it as often as its neighbours keeps its name's own word, as does a row
    between two printing it once (a level-1 cell printed per level-2 block: `效益` | `效益…`
    | `效益` opening the next block)."""
    own = counts.get(i, 0)
    return {j for j, n in counts.items() if n > own and n >= GROUP_PRINTS_MIN}


def printing_alone(counts: dict[int, int], i: int, items: list[IndicatorRow]) -> set[int]:
    """The rows printing a group's word (`group_prints`) as their only level cell (no
    level-2 label of their own, no cell unread), where row i prints it in none: the table
    prints the word on every row of the block (`产出` | `产出` | `产出…`, the block's label
    printed once apart), and the row printing nothing lost it into its name. A row printing
    it as often as those around keeps its name's word (`printing_more`), and a level-1 cell
    printed once per level-2 block sits on a row stating that block's label (`效益` |
    `社会效益指标`)."""
    if counts.get(i, 0):
        return set()
    return {j for j in counts if not items[j].unrecognised
            and not any(not h.copied for h in items[j].level2)}


def printed_words(hint: LabelHint) -> set[str]:
    """A level-2 cell as read and as printed on the row's own line: a label wrapped in its
    narrow column (`时效` over `指标`, joined and read as 时效指标) prints its bare word
    there, as the rows above it print `时效` alone."""
    return {hint.cell.text.strip(), (hint.cell.raw or "").strip()} - {""}


def short_cut_candidate(i: int, items: list[IndicatorRow]) -> bool:
    """Row i may have a short level cell cut off its name (`cut_short_level_cells`): a name,
    no level cell of its own, read or unread, and nothing fused or positional."""
    item = items[i]
    return bool(item.name) and not item.positional and not item.fused and not unread_own_cells(i, items) \
        and not any(not h.copied for h in item.level2)


def fused_run(i: int, text: str, items: list[IndicatorRow], candidate) -> range:
    """The rows next to row i, one after another, whose names open with `text` and whose
    level cells are empty (`candidate`: `short_cut_candidate`, kept), row i among them: a label
    printed on every row fused into several names in a row (`数量` | `数量特困…` | `数量岗位…` | `数量`)."""
    def opens(j: int) -> bool:
        return 0 <= j < len(items) and (items[j].name or "").startswith(text) and candidate(j)
    low, high = i, i
    while opens(low - 1):
        low -= 1
    while opens(high + 1):
        high += 1
    return range(low, high + 1)


def run_printed(run: range, rows: set[int], items: list[IndicatorRow], restating: bool = False,
                damaged: bool = False) -> bool:
    """A run of two names or more (`fused_run`) lies in a block printing its label on every
    row: the rows just above and below the run print it, or the run ends (or opens) the
    block, the row past it stating a level-2 label of its own or none, and the
    `BLOCK_END_RUN` rows on the other side print it (a label printed once over a spanned
    block is never on two rows in a row); in a table restating its labels (`restating`,
    as `block_end`), the one row on either side printing it. A single row is `every_row`'s
    or `block_end`'s. A damaged word (`damaged`: `散量`, no word a name opens with) needs
    no edge past the run: the next block's names do not open with it."""
    if len(run) < 2:
        return False
    above, below = run.start - 1, run.stop
    if above in rows and below in rows or restating and (above in rows or below in rows):
        return True
    for inside, outside, step in ((below, above, 1), (above, below, -1)):
        printing = 0
        while inside + step * printing in rows:
            printing += 1
        edge = damaged or not 0 <= outside < len(items) or any(not h.copied for h in items[outside].level2)
        if edge and printing >= BLOCK_END_RUN:
            return True
    return False


def restates_labels(items: list[IndicatorRow], openings: set[str], group_printing: set[int]) -> bool:
    """The table prints its level-2 labels on every row of their blocks: two named rows in a
    row, each on one page and the same, print the same level-2 cell, letter for letter, at
    least as often as a named row's level cells are empty and its name opens with none of
    the short texts the table prints nor a category's or group's word (`openings`: a row
    that lost no label into its name, as the rows under a label printed once over its
    block are; a row printing its group's word in both level cells, `group_prints`, prints
    its level-2 cell). One block restated
    (a 满意度 block of two rows each printing 服务对象满意度指标) makes no table restating
    whose other blocks span theirs. A label printed once over its block (at its top, centre,
    bottom) never is, nor once a page's part (a row running over the break prints one on
    each page), nor a wrapped one's lines (on lines of their own, no name); a table
    restating its level-1 labels only may still span its level-2 ones. The table prints
    every block's so, its short blocks too."""
    def printed(item: IndicatorRow) -> set[tuple[str, str]]:
        if not item.name:
            return set()
        # as printed (a wrapped label's lines, read as one label, differ), read as one category
        # (a last line `标` closes any)
        read = {(as_printed(h.cell), h.spec.label) for h in item.level2
                if not (h.copied or h.carried or h.moved) and as_printed(h.cell)}
        # a level-2 cell no vocabulary reads (`产出数`, a wrapped label's first line) printed so
        # on the next row too is as much a label restated as one read
        unread = {(text, None) for text in (as_read(cell).strip() for cell in item.damaged) if text}
        return read | unread

    def page(item: IndicatorRow) -> int | None:
        return item.pages[0] if item.pages[0] == item.pages[1] else None
    restated = sum(1 for j in range(len(items) - 1) if page(items[j]) is not None
                   and page(items[j]) == page(items[j + 1]) and printed(items[j]) & printed(items[j + 1]))
    spanned = sum(1 for j, item in enumerate(items) if item.name and j not in group_printing
                  and short_cut_candidate(j, items)
                  and not item.name.startswith(tuple(openings)))
    return restated > 0 and restated >= spanned


def as_printed(cell: Cell) -> str:
    """A level cell's text as printed on its line: a wrapped label's piece as read (`社会`
    of 社会效益指标), a label fused into a name's head without the name (`社会效益指标` of
    `社会效益指标 农村…`: its neighbour printing the label alone prints the same)."""
    raw = as_read(cell).strip()
    return cell.text.strip() if len(raw) > len(cell.text.strip()) else raw


def as_read(cell: Cell) -> str:
    """The cell's text as OCR read it (its lines kept), where a reading replaced it."""
    return cell.raw if cell.raw is not None else cell.text


def cut_printed_head(item: IndicatorRow, text: str, rest: str, printed: str) -> Issue | None:
    """Cut `text`, a level cell printed on other rows, off the row's name, leaving `rest`,
    where the name's own cell opens with it; the `label_fused` issue saying where it was
    printed, or None (the name was joined from cells that do not open so)."""
    cell = opening_cell(item, text)
    if cell is None:
        return None
    item.name = rest
    return fused_issue(cell, item.row.source_ref,
                       f"{cell.text!r} opens with {text!r}, {printed}: "
                       f"read as the row's level cell and the name {rest!r}")


def cut_stated_head(item: IndicatorRow, text: str, rest: str, hint: LabelHint) -> Issue | None:
    """Cut `text`, a bare word other rows print as their level-2 label (`hint`), off the
    row's name as its level-2 label, leaving `rest`; the `label_fused` issue, or None (the
    name was joined from cells that do not open so)."""
    cell = opening_cell(item, text)
    if cell is None:
        return None
    split_head(item, cell, text, rest, hint.spec, hint.match)
    return fused_issue(cell, item.row.source_ref,
                       f"{cell.text!r} opens with {text!r}, the level label printed so on the rows of its block "
                       f"(read as {hint.spec.label!r}): read as the row's label and the name {rest!r}")


def other_strong_word(text: str, rest: str, vocab: LevelVocabulary) -> bool:
    """`text` is a category's bare word and the name after it holds a strong word of another
    category and none of this one's (数量|统计准确率考核: 准确 is 质量's): the name's own word."""
    word = short_word(text, vocab)
    if word is None or word[2] < 100.0:
        return False
    spec = vocab.level2_specs[word[0]]
    return not any(w in rest for w in spec.strong) and any(
        w in rest for other in vocab.level2_specs.values() if other is not spec for w in other.strong)


def in_run(names: list[str | None], i: int, text: str) -> bool:
    """The name of the row above or below row i (as read, before any cut) opens with `text`
    too: a level cell's text fused into several names in a row."""
    return any(0 <= j < len(names) and (names[j] or "").startswith(text) for j in (i - 1, i + 1))


def may_be_cut(item: IndicatorRow) -> bool:
    """Whether the name's cell may hold a boundary (`name_cell`): a cell read otherwise
    than its text says (a space, a piece put before it), or a name of several cells."""
    texts = [c.text.strip() for c in item.row.cells if c.text.strip()]
    return item.name not in texts or any(c.raw is not None and c.raw.strip() != c.text.strip()
                                         for c in item.row.cells if c.text.strip())


def neighbours(stated: list[list[str]]) -> tuple[list[str | None], list[str | None]]:
    """Per row, the last label stated above it and the first stated below it."""
    aboves, belows, last = [], [None] * len(stated), None
    for labels in stated:
        aboves.append(last)
        last = labels[-1] if labels else last
    last = None
    for i in range(len(stated) - 1, -1, -1):
        belows[i] = last
        last = stated[i][0] if stated[i] else last
    return aboves, belows


def separated_label(item: IndicatorRow, found: tuple[Cell, list[int]], vocab: LevelVocabulary, low: int,
                    high: int, order: dict[str, int]) -> tuple[LabelHint, Cell, str] | None:
    """A level-2 label with one look-alike (`FUSED_CUTOFF`: 经济成本指杯) before the first
    boundary of the name's cell (a space as read, or one fragments.py put there), in the
    canonical order between the labels above and below (its own block's too): (its hint,
    the name's cell, the name left), or None. `found` is the name's cell and boundaries."""
    if not found[1]:
        return None
    cell, cuts = found
    n = cuts[0]
    head, rest = item.name[:n], item.name[n:].strip(SEPARATORS)
    if len(label_key(rest)) < ORDER_REST_MIN:
        return None
    if len(label_key(head)) == SHORT_WORD and head == label_key(head) and spaced(cell, head):
        word = short_word(head, vocab)
        if word is None:
            return None
        label, alias, score = word
        spec = vocab.level2_specs[label]
        if not low <= order[label] <= high or not names_own_word(rest, spec) or not names_category(rest, spec):
            return None
        return LabelHint(2, spec, replace(cell, text=head), LabelMatch(label, alias, score),
                         line=item.lines[0]), cell, rest
    if len(label_key(head)) < SEPARATED_MIN:
        return None
    hint = classify_label(replace(cell, text=head), vocab)
    if hint is None or hint.level != 2 or hint.match.score < FUSED_CUTOFF \
            or not low <= order[hint.spec.label] <= high or not names_category(rest, hint.spec):
        return None
    return LabelHint(2, hint.spec, replace(cell, text=head), hint.match, line=item.lines[0]), cell, rest


SHORT_WORD = 2     # a category's bare word (数量, 时效) before a space as read


def spaced(cell: Cell, head: str) -> bool:
    """The cell as read puts a space right after `head` (`质量 补贴发放准确率`), not another
    separator or a piece joined in."""
    raw = (cell.raw or cell.text).strip()
    return raw.startswith(head) and raw[len(head):len(head) + 1].isspace()


@lru_cache(maxsize=4096)
def short_word(head: str, vocab: LevelVocabulary) -> tuple[str, str, float] | None:
    """(category, word, score) for a two-character head that is one category's bare word
    (`数量`, `时效`) written exactly, or one character off one category's only (`质重`: 质量;
    `散量` is as near 数量 as 质量); None otherwise."""
    words = [(label, key) for label, spec in vocab.level2_specs.items()
             for key in dict.fromkeys([label_key(spec.label), *vocab.level2.aliases_of(label)])
             if len(key) == SHORT_WORD]
    exact = {label for label, key in words if key == head}
    if exact:
        return (exact.pop(), head, 100.0) if len(exact) == 1 else None
    near = {(label, key) for label, key in words if in_place(head, key, 0) == SHORT_WORD - 1}
    if len({label for label, _ in near}) != 1:
        return None
    label, key = sorted(near)[0]
    return label, key, 50.0


class Unsettled(Exception):
    """A head read as two categories of the gap alike."""

    def __init__(self, head: str, names: list[str], cell: Cell):
        super().__init__(head)
        self.head, self.names, self.cell = head, names, cell


@lru_cache(maxsize=16384)
def cleaned(raw: str) -> str | None:
    """The text extract made of `raw`; None for a cell with markup (HTML, LaTeX), whose
    cleaning is extract's alone: its text then stands for what was read."""
    return None if MARKUP.search(raw) else clean_plain_text(raw)


def name_cell(item: IndicatorRow) -> tuple[Cell, list[int]] | None:
    """The cell the name opens with, and the boundaries in the name within its first
    `HEAD_MAX` characters: a space in the cell as read, the end of a cell joined into the
    name with the next."""
    name = item.name or ""
    texts = [(c, join_lines(c.text).strip()) for c in item.row.cells if c.text.strip()]
    run, size = None, 0     # the longest run of cells the name opens with (a wrap may follow)
    for start in range(len(texts)):
        joined, k = "", start
        while k < len(texts) and name.startswith(joined + texts[k][1]):
            joined += texts[k][1]
            k += 1
        if k > start and len(joined) > size:
            run, size = [c for c, _ in texts[start:k]], len(joined)
    if run is None:
        return None
    cell = run[0]
    text = cell.text.strip()
    cuts = []
    raw = (cell.raw or text).strip()
    read = cleaned(raw)
    source = raw if read == text else text    # a cell rewritten since reading, or with markup: its text
    for k, ch in enumerate(source[:HEAD_MAX + 1]):
        if ch in SEPARATORS and k and source[k - 1] not in SEPARATORS:
            head = "".join(source[:k].split())
            if text.startswith(head):
                cuts.append(len(head))
            break
    if read and read != text and text.endswith(read) and 0 < len(text) - len(read) <= HEAD_MAX:
        cuts.append(len(text) - len(read))     # a piece put before the name (fragments.py)
    if len(run) > 1 and len(text) <= HEAD_MAX:
        cuts.append(len(text))
    return cell, sorted(set(cuts))


def opening_cell(item: IndicatorRow, head: str) -> Cell | None:
    """The cell the row's name opens with (`name_cell`), where its text opens with `head`;
    None where the name was joined from cells that do not open so."""
    found = name_cell(item)
    if found is None or not found[0].text.strip().startswith(head):
        return None
    return found[0]


@lru_cache(maxsize=4096)
def keys_of(names: tuple[str, ...], vocab: LevelVocabulary) -> tuple[tuple[str, str], ...]:
    """(category, label key) for every label and alias of the categories, and each one
    ending in 指标 worded up by 类 or 性 before it (时效类指标: `吋效类损标` is nearer it)."""
    out = []
    for name in names:
        for key in dict.fromkeys([label_key(name), *vocab.level2.aliases_of(name)]):
            if key:
                out.append((name, key))
            if key.endswith(SUFFIX) and len(key) > len(SUFFIX):
                out += [(name, key[:-len(SUFFIX)] + w + SUFFIX) for w in WORDINGS]
                if len(key) - len(SUFFIX) >= ALIAS_MIN:
                    # 方面 for 指标 (`label_forms`): `经济効盆方面` is nearer 经济效益方面 than any 指标 form
                    out.append((name, key[:-len(SUFFIX)] + ASPECT))
    return tuple(out)


def fused_head(item: IndicatorRow, found: tuple[Cell, list[int]], gap: list[str], vocab: LevelVocabulary,
               bare: bool = False, closed: bool = False, others: tuple[str, ...] = (),
               damage: frozenset[tuple[str, str]] = frozenset(), by_order: bool = True
               ) -> tuple[str, str, str, float, Cell] | None:
    """(category, head, rest of the name, score, the name's cell) or None; `Unsettled`
    where the head reads as two categories alike. `found` is the name's cell and
    boundaries (`name_cell`). `closed`: the row lies between two stated labels; then a
    short alias (`质量`) is read where the gap holds that one category even in a table
    printing `数量指标`, if the name left holds one of its strong keywords, not at its
    very start (`质量` | `补贴发放准确率` between 数量指标 and 时效指标; `义务教育巩固率`
    holds none; `质量达标情况统计` is one phrase). In a table printing bare words, a gap of
    several categories reads a bare word too where one category only reads it so and the
    name left holds a strong word of it (`bare_word_in_gap`)."""
    cell, cuts = found
    # a level cell of the row's own that the name opens with (服务对象 | 服务对象可持续…):
    # the label printed in its column, the name's words its own; no short piece is read
    echoed = any(item.name.startswith(label_key(c.text)) for c in item.unrecognised if label_key(c.text))
    single = len(gap) == 1
    read = best_head(item.name, tuple(cuts), tuple(gap), vocab, bare and single, not echoed)
    if read is None and closed and single and not bare:
        # a short alias read by the closed gap alone: the name left holds a strong word of it
        read = best_head(item.name, tuple(cuts), tuple(gap), vocab, True, not echoed)
        # ... not right after the head, where the two read as one phrase (质量|达标情况统计)
        if read is not None and not isinstance(read[0], tuple) \
                and not any(word in read[2][1:] for word in vocab.level2_specs[read[0]].strong):
            return None
    if read is None and closed and bare and not single:
        read = bare_word_in_gap(item.name, tuple(cuts), gap, vocab, not echoed)
    if read is None and closed and not echoed and by_order:
        read = damaged_short_head_in_gap(item.name, gap, vocab, others, damage, tuple(cuts))
    if read is None:
        return None
    if isinstance(read[0], tuple):
        if read[1] in label_endings():
            return None      # a label's ending alone names no category (`damaged_tails.cut_bare_label_endings`)
        raise Unsettled(read[1], list(read[0]), cell)
    label, head, rest, score = read
    return label, head, rest, score, cell


def other_names(items: list[IndicatorRow], i: int) -> tuple[str, ...]:
    """The names of the rows other than row i, as read."""
    return tuple(item.name for j, item in enumerate(items) if j != i and item.name)


def damaged_short_head(name: str, label: str, vocab: LevelVocabulary, others: tuple[str, ...],
                       damage: frozenset[tuple[str, str]] = frozenset()) -> tuple[str, str, str, float] | None:
    """(category, head, rest, score) where the name opens with the category's bare word
    (`时效`) with one character in place and the other none of any label's (`时孝`, `质重`:
    OCR's look-alike), the gap between the labels read around the row leaving that one
    category: one character of two is weak alone, the order is the rest of the evidence.
    Not where the head is a word (`NAME_OPENINGS`, a category's keyword, or printed inside
    another name: `时间` of 完成时间), nor where the name left is too short to be one or
    goes on with the label (a wording, 指 or 标 soon after: `质晕类措…`, `戊本控制指柝…`; or a
    character the document prints for 指 or 标 elsewhere, `damage`: `时孝脂…` under `二吸脂标`)."""
    head, rest = name[:SHORT_WORD], name[SHORT_WORD:].strip(SEPARATORS)
    if len(label_key(rest)) < ORDER_REST_MIN or label_key(head) != head or makes_word(head, rest) \
            or head in NAME_OPENINGS or any(head in other for other in others) or head in rest \
            or rest[0] in WORDINGS or set(rest[:ORDER_REST_MIN]) & GENERIC_CHARS \
            or any((end, rest[0]) in damage for end in SUFFIX) \
            or any(head in word for spec in vocab.level2_specs.values() for word in (*spec.strong, *spec.weak)):
        return None     # (a category's keyword is a word: 长效 of 长效机制, no damaged 时效)
    chars = label_chars(vocab)
    spec = vocab.level2_specs[label]
    for key in map(label_key, (spec.label, *spec.aliases)):
        if len(key) != SHORT_WORD or head == key or in_place(head, key, 0) != SHORT_WORD - 1:
            continue
        kept, lost = [(a, b) for a, b in zip(head, key) if a == b], [a for a, b in zip(head, key) if a != b]
        if kept[0][0] not in GENERIC_CHARS and not set(lost) & chars:
            return label, head, rest, round(fuzz.ratio(head, key), 1)
    return None


def damaged_short_head_in_gap(name: str, gap: list[str], vocab: LevelVocabulary, others: tuple[str, ...],
                              damage: frozenset[tuple[str, str]] = frozenset(), cuts: tuple[int, ...] = ()
                              ) -> tuple[str, str, str, float] | None:
    """`damaged_short_head` where the labels around leave one category or several: read
    where exactly one of them keeps the head's character in place (`时孝` between 数量 and
    成本: of 质量 and 时效 only 时效 prints 时 first); a character two of them share in
    place (`散量`: 数量, 质量) leaves the head unread. The row is marked for the guard.
    Where the cell shows a boundary (`cuts`, a space: `戊本控 药品…`), of a gap of several
    the head must end at one: a longer head before it is another label's text (成本控制)."""
    if len(gap) > 1 and cuts and SHORT_WORD not in cuts:
        return None
    found = [read for read in (damaged_short_head(name, label, vocab, others, damage) for label in gap) if read]
    return found[0] if len(found) == 1 else None


def bare_word_in_gap(name: str, cuts: tuple[int, ...], gap: list[str], vocab: LevelVocabulary, pieces: bool):
    """A category's bare word at the name's head (`时效` | `工程完工及时率`) in a table
    printing its labels so, where the labels around leave several categories: read where
    exactly one of them reads so and the name left holds a strong word of it, not at its
    very start (as `fused_head` reads a closed gap of one)."""
    found = []
    for label in gap:
        read = best_head(name, cuts, (label,), vocab, True, pieces)
        if read is not None and not isinstance(read[0], tuple) \
                and any(word in read[2][1:] for word in vocab.level2_specs[label].strong):
            found.append(read)
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=16384)
def best_head(name: str, cuts: tuple[int, ...], gap: tuple[str, ...], vocab: LevelVocabulary, short: bool = False,
              pieces: bool = True):
    """(category, head, rest, score), or ((the tied categories), head), or None: the
    reading of `fused_head`, by the name's text, boundaries and the gap alone."""
    keys = keys_of(gap, vocab)
    best: dict[str, tuple[float, int, str, str]] = {}   # category -> (score, head length, head, rest)

    def offer(label: str, score: float, head: str, rest: str) -> None:
        if score < ORDER_CUTOFF or len(label_key(rest)) < ORDER_REST_MIN or label_key(head) != head \
                or not names_category(rest, vocab.level2_specs[label]) or makes_word(head, rest):
            return
        candidate = (score, len(head), head, rest)
        if label not in best or candidate[:2] > best[label][:2]:
            best[label] = candidate

    for n in cuts:
        head, rest = name[:n], name[n:].strip(SEPARATORS)
        if len(head) == 1 and head not in SINGLE_PIECES:
            continue
        for label, key in keys:
            if len(head) <= PIECE_MAX and len(head) < len(key):
                score = fuzz.partial_ratio(head, key)
            else:
                score = fuzz.ratio(head, key)
            offer(label, score, head, rest)
    if not best:
        for label, key in keys:
            for n in range(len(key), len(key) + HEAD_SLACK + 1):
                if n < 2 or n >= len(name):
                    continue
                head = name[:n]
                score = fuzz.ratio(head, key)
                if not key.endswith(SUFFIX):
                    # a long alias written exactly, or with one character before its last damaged
                    # (社仑效益, 轻济效益; two of five between its first and last: 可持缕彩响)
                    # into none of the labels' characters: 社会成效 is a word of the name's own,
                    # its 效 another category's; 社会效|困难… a label's first line before the
                    # name's first character; 社会效应 a word, its last in place or not
                    damaged = len(key) >= ALIAS_MIN and n == len(key) and not short and head[-1] == key[-1] \
                        and 0 < len(key) - in_place(head, key, 0) <= damaged_alias_max(head, key) \
                        and not any(a != b and a in label_chars(vocab) for a, b in zip(head, key))
                    if head != key and not damaged or len(key) < (SHORT_ALIAS_MIN if short else ALIAS_MIN) \
                            or len(key) < ALIAS_MIN and names_another(name[n:], label, vocab):
                        continue
                    head = head + suffix_after(name[n:])
                elif not ends_as_label(head):
                    continue
                offer(label, score, head, name[len(head):])
            if not key.endswith(SUFFIX) and len(key) > TRUNCATED_MIN:
                # a long alias cut short (服务对象满意 of 服务对象满意度); where the category
                # requires a word, as short as its first line in a narrow column (服务对 of
                # 服务对象满意度) before a name holding that word (offer: names_category)
                shortest = REQUIRED_PIECE_MIN if pieces and vocab.level2_specs[label].requires else TRUNCATED_MIN
                n = truncated_at(name, key)
                if shortest <= n < len(key):
                    # scored as the exact head: the 指标 after the damaged end adds evidence
                    head = damaged_end(name, key, n) or name[:n]
                    offer(label, fuzz.ratio(name[:n], key), head, name[len(head):])
    if not best:
        for label, key, head in required_word_heads(name, gap, vocab):
            offer(label, fuzz.ratio(head, key), head, name[len(head):])
    if not best:
        for key, label in compounds_of(gap, vocab):
            # a group's word and the category's (产出数量), one character damaged at most
            # (产击成本, 产出成朩): two label words in a row open no name
            head = name[:len(key)]
            if len(head) == len(key) and in_place(head, key, 0) >= len(key) - 1:
                head += suffix_after(name[len(key):]) if not key.endswith(SUFFIX) else ""
                offer(label, fuzz.ratio(head, key), head, name[len(head):])
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: kv[1][:2], reverse=True)
    if len(ranked) > 1 and ranked[1][1][0] >= ranked[0][1][0]:
        tied = [(label, found) for label, found in ranked if found[0] >= ranked[0][1][0]]
        # the name left holding the keywords of one of them only (社会效益: 就业, 帮扶;
        # 时效: 及时) settles it: the name's words are its category's
        worded = [(label, found) for label, found in tied if names_own_word(found[3], vocab.level2_specs[label])]
        if len(worded) != 1:
            # as near two categories the gap holds: left in the name, the doubt said
            return tuple(label for label, _ in tied), ranked[0][1][2]
        ranked = worded
    label, (score, _, head, rest) = ranked[0]
    return label, head, rest, score


@lru_cache(maxsize=None)
def label_chars(vocab: LevelVocabulary) -> frozenset[str]:
    """Every character of a level-2 label or alias."""
    return frozenset("".join(label_key(text) for spec in vocab.level2_specs.values()
                             for text in (spec.label, *spec.aliases)))


TRUNCATED_SKIPS = 2    # damaged characters read over, each before one in place (服夯对象满竟度: 5 of 7)


def truncated_at(name: str, key: str) -> int:
    """Where the name leaves the alias `key` it opens with: the length of their common
    head, read on over a damaged character where the alias goes on after it, twice at most
    (`服务对豪满` | `家长…` of 服务对象满意度: 5, not 3, which would leave `豪满` on the name;
    `服夯对象满竟度` | `居民…`: 7, not 5)."""
    n = 0
    while n < min(len(name), len(key)) and name[n] == key[n]:
        n += 1
    for _ in range(TRUNCATED_SKIPS):
        if not (0 < n < len(key) - 1 and n + 1 < len(name) and name[n + 1] == key[n + 1]):
            break
        n += 1
        while n < min(len(name), len(key)) and name[n] == key[n]:
            n += 1
    return n


DAMAGED_END_MAX = 1    # the alias's characters past its exact head, read as damaged (庹 for 度)


def damaged_end(name: str, key: str, n: int) -> str | None:
    """The head of an alias cut short at `n` taken on over its damaged last character(s)
    where a 指标 (however damaged: `suffix_after`) follows them: `服务对象满意庹损标` |
    `公共就业…` reads as 服务对象满意度指标 whole, where the exact head `服务对象满意` alone
    would leave `庹损标` on the name. The 指标 is the evidence; without it (`服务对象满恴`
    | `质量监督…`) the characters stay the name's."""
    if len(key) - n > DAMAGED_END_MAX or len(name) <= len(key):
        return None
    suffix = suffix_after(name[len(key):])
    if SUFFIX[0] not in suffix and SUFFIX[1] not in suffix:
        return None
    return name[:len(key)] + suffix


@lru_cache(maxsize=4096)
def compounds_of(names: tuple[str, ...], vocab: LevelVocabulary) -> tuple[tuple[str, str], ...]:
    """(compound key, category) for the categories' group-and-category wordings
    (`compound_keys`: 产出数量), longest first."""
    wanted = set(names)
    found = [(key, label) for key, label in compound_keys(vocab).items() if label in wanted]
    return tuple(sorted(found, key=lambda kv: -len(kv[0])))


def names_another(rest: str, label: str, vocab: LevelVocabulary) -> bool:
    """The name after a short head (成本|核算…发放及时率) holds a strong word of another
    category and none of this one's: the head is the name's own word (成本核算), not the
    category's label lost from its block."""
    spec = vocab.level2_specs[label]
    if any(word in rest for word in (*spec.strong, *spec.weak)):
        return False
    return any(word in rest for other in vocab.level2_specs.values() if other is not spec for word in other.strong)


def required_word_heads(name: str, gap: tuple[str, ...], vocab: LevelVocabulary) -> list[tuple[str, str, str]]:
    """(category, form, head): the name opens with a form of a category requiring a word
    (服务对象满意度指标, or printed a word short: 服务满意度指标) as long as it, the word and
    all after it in place, the characters before it damaged (`朋务满意度指标`,
    `股务对蒙满意度指标`): the word only that category prints, with 指标 after it, is the
    label's own; the name left must hold the word again (`offer`: `names_category`). So too
    an alias without 指标 written whole (服务对象满意度), where the name after it holds the word
    again: no one name holds it twice."""
    out = []
    for label in gap:
        spec = vocab.level2_specs[label]
        for key in dict.fromkeys(map(label_key, (spec.label, *spec.aliases, *spec.shortened))):
            at = min((key.find(word) for word in spec.requires if word in key), default=-1)
            head = name[:len(key)]
            if key.endswith(SUFFIX) and at > 0 and len(name) > len(key) and head[at:] == key[at:] \
                    and not set(head[:at]) & set(SEPARATORS):
                out.append((label, key, head))
            elif not key.endswith(SUFFIX) and at > 0 and head == key and names_category(name[len(key):], spec):
                # the alias without 指标 written whole (服务对象满意度), a name holding the word again
                # after it (受益群众满意度): no one name holds the word twice
                out.append((label, key, head))
    return out


def names_category(rest: str, spec) -> bool:
    """The name left holds a word the category requires (满意 for 服务对象满意度指标), where
    it requires one: `服务对象满意度调查覆盖率` keeps its head, the only 满意 in it."""
    return not spec.requires or any(word in rest for word in spec.requires)


def ends_as_label(head: str) -> bool:
    """指 before the last character or 标 last (质最措标, 质量指杯), 标 not after a character
    it makes a name's word with (质量达标); or 方面 after a word of four characters or more
    (经济効盆方面: the other wording of 指标)."""
    return len(head) >= 3 and (head[-2] == SUFFIX[0] or head[-1] == SUFFIX[1] and head[-2] not in WORDS_WITH_BIAO
                               or len(head) - len(ASPECT) >= ALIAS_MIN and head.endswith(ASPECT))


# --- the next lines of a label wrapped in its narrow column, fused into the names below it

PIECES_MAX = 5             # 服务对象满意度指标 in a column 2 wide takes 5 lines
CONTINUED_CUTOFF = 0.5     # of the characters in place, where the first piece was read as the label
UNREAD_CUTOFF = 0.74       # ... where it was not (LABEL_CUTOFF: one in four)


@lru_cache(maxsize=None)
def label_forms(spec) -> tuple[str, ...]:
    """A category's label and aliases ending in 指标 as keys, and each worded up by 类 or
    性 before its 指标 (社会效益类指标)."""
    out = []
    for text in (spec.label, *spec.aliases):
        key = label_key(text)
        if key.endswith(SUFFIX) and len(key) > len(SUFFIX):
            out += [key] + [key[:-len(SUFFIX)] + w + SUFFIX for w in WORDINGS]
            if len(key) - len(SUFFIX) >= ALIAS_MIN:
                out.append(key[:-len(SUFFIX)] + ASPECT)    # 社会效益方面: the other wording
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=None)
def chain_forms(spec, vocab: LevelVocabulary) -> tuple[str, ...]:
    """The forms a wrapped label's lines join into: the category's `label_forms`, its
    group's word before its own with 指标 (产出时效指标: 产出时效 | 指标 in a column four
    wide, the forms whose level-2 column repeats the group), and its wordings printed a
    word short (`shortened`: 服务满 | 意度指 | 标), which a whole run of lines in place
    vouches for as a single cell does not."""
    compounds = [key for key, label in compound_keys(vocab).items()
                 if label == spec.label and key.endswith(SUFFIX)]
    shortened = [key for key in map(label_key, spec.shortened) if key.endswith(SUFFIX)]
    return tuple(dict.fromkeys([*label_forms(spec), *compounds, *shortened]))


@lru_cache(maxsize=None)
def cell_forms(spec, vocab: LevelVocabulary) -> tuple[str, ...]:
    """The `chain_forms` a text in one cell may be read as with characters out of place:
    not the `shortened` wordings, which only a whole run of lines in place vouches for
    (`群众满意度指标` is a name's word, half of it in place of 服务满意度指标)."""
    shortened = {label_key(text) for text in spec.shortened}
    return tuple(form for form in chain_forms(spec, vocab) if form not in shortened)


def damaged_alias_max(head: str, key: str) -> int:
    """How many of a long alias's characters a head may print damaged: one, or a share of
    a longer one (`ALIAS_DAMAGE_SHARE`: two of five) where its first is in place too."""
    return max(1, int(len(key) * ALIAS_DAMAGE_SHARE)) if head[:1] == key[:1] else 1


def in_place(text: str, form: str, start: int) -> int:
    """How many of `text`'s characters match `form` from `start`, position by position."""
    return sum(a == b for a, b in zip(text, form[start:start + len(text)]))


def level_piece(item: IndicatorRow) -> tuple[LabelHint | None, Cell] | None:
    """The row's level-2 cell short enough to be a wrapped label's first line: (its hint,
    or None where no category reads it, the cell)."""
    stated = [h for h in item.level2 if not h.copied and not h.moved]
    if stated:
        hint = stated[-1]
        return (hint, hint.cell) if 0 < len(label_key(hint.cell.text)) <= PIECE_MAX else None
    short = [c for c in item.unrecognised if 0 < len(label_key(c.text)) <= PIECE_MAX]
    return (None, short[-1]) if short else None


def read_continued_pieces(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema
                          ) -> tuple[list[Issue], dict[tuple[str, str | None], str]]:
    """A label wrapped in its narrow level column whose next lines OCR fused into the heads
    of the names below (`服夯对象` in the level cell, then `满竟度指 困难群众…`, `标 退役军人…`;
    `敖量指` over `标农机作业…`): the level cell's text and the names' heads, each as wide
    as the first (the last no wider), join into the category's label (or it worded up,
    `社会效益` | `类指标…`) with half their characters in place and the heads' own at
    least half; three in four, of one category only, where no category read the level
    cell (of the categories the labels above and below leave in the canonical order, in
    the row's group where it states one; half, where they leave one). A head making a
    word with what follows (`标准…`, `指导…`) is the name's. A chain may end short of the
    form where the label's rows run out (`cut_short`: `服务` | `对象…`, then the next block).
    The rows
    below take the category and keep the rest of their names (`ORDER_REST_MIN`); the
    level cell is read as the label where it was not. Returns the issues, and the cells
    read so (for their `label_unrecognised` warnings)."""
    issues: list[Issue] = []
    read: dict[tuple[str, str | None], str] = {}
    order = {spec.label: n for n, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    aboves, belows = neighbours(stated)
    for k, item in enumerate(items):
        if k + 1 >= len(items) or not may_continue(items[k + 1], item):
            continue
        piece = level_piece(item)
        if piece is None or item.lines[0] != item.lines[1]:
            continue
        hint, cell = piece
        first = label_key(cell.text)
        if hint is not None:
            candidates = [hint.spec]
        else:
            above, below = aboves[k], belows[k]
            low = order[above] if above else -1
            high = order[below] if below else len(order)
            groups = {h.spec.label for h in item.level1 if not h.copied}
            candidates = [spec for spec in schema.level2_order if low < order[spec.label] < high
                          and (not groups or spec.level1 in groups)
                          and any(len(form) > len(first) for form in label_forms(spec))]
        found = continued_chain(items, k, first, candidates, vocab)
        if found is None:
            continue
        spec, score, cuts = found
        match = LabelMatch(spec.label, spec.label, score)
        if hint is None:
            new = LabelHint(2, spec, cell, match, line=item.lines[0])
            item.level2.append(new)
            item.unrecognised.remove(cell)
            if cell in item.damaged:
                item.damaged.remove(cell)
            if item.name is None:
                item.own_level2 = new
            read[(cell.text, cell.source_ref or item.row.source_ref)] = spec.label
        heads = []
        for j, (name_cell_, head, rest) in cuts.items():
            split_head(items[j], name_cell_, head, rest, spec, match)
            heads.append(f"{name_cell_.text!r}")
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"level label wrapped in its column ({cell.text!r}), its next lines fused into the "
                                  f"names below ({', '.join(heads)}): read as {spec.label!r}, the rows' label"))
    return issues, read


def read_label_tails(items: list[IndicatorRow], vocab: LevelVocabulary,
                     damage: frozenset[tuple[str, str]] = frozenset(), rows: list | None = None) -> list[Issue]:
    """A label wrapped in its narrow level column whose last line OCR fused into the name on
    the next line (`服务对象` | `满意度指` over `标职工满意度`; `径济效益` over `指标 失业人员…`):
    the row above reads a level-2 label from a cell whose text as read is a piece of it
    (`满意度指`: half its characters in place), one of the category's forms ends with that
    piece and a tail no wider than it, and the name opens with that tail exactly. The tail is
    cut off the name and the row takes the category, where it states no other. A piece no
    category read (or read as a group's label) is read so too, where it is three in four in
    place in one category's form and nearer it than any other's; the tail is cut off alone
    (the row's placement reads its category). A group-and-category word is such a form too
    (`产出数` | `量集体…`: 产出数量), where the tail is less than the category's word. The name
    left keeps `ORDER_REST_MIN` and makes no word with the tail (`标准…`, `指导…`). A tail
    opens the name damaged where each character out of place is one the document prints so
    in its other labels (`damage`, damaged_tails.py: `数量损` over `杯农机…` where 成本指杯 is
    read elsewhere); such a cut is warned."""
    issues: list[Issue] = []
    where = line_numbers(rows) if rows else {}
    for i in range(1, len(items)):
        item, above = items[i], items[i - 1]
        if not item.name or item.positional or item.fused or item.lines[0] != above.lines[1] + 1:
            continue
        unattested = False
        pieces = ()      # (the cells an unattested 标 may end: the line right above the name's)
        stated = [h for h in above.level2 if not h.copied and not h.moved]
        own = [h for h in item.level2 if not h.copied]
        if stated:
            hint = stated[-1]
            if any(h.spec is not hint.spec for h in own):
                continue
            piece = label_key(hint.cell.raw or hint.cell.text)
            found = label_tail(item.name, piece, hint.spec, vocab, damage)
            found = found and found[:2]
            if found is None and not own and not item.unrecognised and rows:
                # the label's last line read: the stated cell, or an unread piece of it on a line below
                last = above.unrecognised[-1:]
                piece = label_key(last[0].raw or last[0].text) if last else piece
                found = unattested_suffix_tail(item.name, piece, all_suffixed_forms(vocab) if last
                                               else chain_forms(hint.spec, vocab), vocab)
                unattested, pieces = found is not None, (*last, hint.cell)[:1]
        else:
            # a piece no category read (or read as a group: 满意度指), of one category's form only
            hint = None
            # the last cell no category read, and the last group's cell (产出数 | 产岂指标: either may
            # be the label's line), each category's best
            groups = [h.cell for h in above.level1 if not h.copied and not h.carried]
            best: dict[str, tuple[float, tuple[str, str]]] = {}
            for cell in (*above.unrecognised[-1:], *groups[-1:]):
                for spec in vocab.level2_specs.values():
                    tail = label_tail(item.name, label_key(cell.raw or cell.text), spec, vocab, damage)
                    if tail and tail[2] > best.get(spec.label, (0.0,))[0]:
                        best[spec.label] = (tail[2], tail[:2])
            reads = sorted(((score, label, tail) for label, (score, tail) in best.items()), reverse=True)
            found = reads[0][2] if reads and (len(reads) == 1 or reads[1][0] < reads[0][0]) \
                and reads[0][0] >= UNREAD_CUTOFF else None
            if found is None and not own and not item.unrecognised and rows:
                # a damaged 标 no other label prints so: cut alone, whichever label the piece ends
                cells = (*above.unrecognised[-1:], *groups[-1:])[:1]
                piece = label_key(cells[0].raw or cells[0].text) if cells else ""
                found = unattested_suffix_tail(item.name, piece, all_suffixed_forms(vocab), vocab)
                unattested, pieces = found is not None, cells
        if found is None:
            continue
        tail, rest = found
        cell = opening_cell(item, tail)
        if cell is None or unattested and (written_by_other_names(items, i, tail)
                                          or not as_read(cell).strip().startswith(tail)
                                          or not next_line_opens(cell, pieces[0], rows, where)):
            continue
        if unattested:
            issues.append(Issue("warning", "label_unrecognised",
                                f"{tail!r} cut off the name {item.name!r} as the damaged 标 of the level label "
                                f"wrapped above it ({piece!r} ending before its 标), on the line where the label's next line "
                                f"stands: no other label of the table prints it so",
                                field="level2", source_ref=cell.source_ref or item.row.source_ref))
        elif not any(form.endswith(tail) for spec in vocab.level2_specs.values() for form in chain_forms(spec, vocab)):
            issues.append(Issue("warning", "label_unrecognised",
                                f"{tail!r} cut off the name {item.name!r} as the damaged last line of a level label "
                                f"wrapped above it (its characters printed so in other labels of the table)",
                                field="level2", source_ref=cell.source_ref or item.row.source_ref))
        if hint is None:
            item.name = rest
            issues.append(fused_issue(cell, item.row.source_ref,
                                      f"{cell.text!r} opens with {tail!r}, the last line of a level label wrapped "
                                      f"above it; the name read as {rest!r}"))
            continue
        if own:
            item.fused.append(FusedLabel(cell, replace(own[-1], cell=replace(cell, text=tail)),
                                         replace(cell, text=rest)))
            item.name = rest
        else:
            split_head(item, cell, tail, rest, hint.spec, hint.match)
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{cell.text!r} opens with {tail!r}, the last line of the level label wrapped "
                                  f"above it ({hint.cell.raw or hint.cell.text!r}, read as {hint.spec.label!r}); "
                                  f"the name read as {rest!r}"))
    return issues


UNATTESTED_TAIL = 1    # the tail's length: a damaged 标 alone, the last line of a label cut just
#                        before it (数量指 | 柝…)


LABEL_OPENING = 3   # a name's first characters read against each label's: half in place is a label fused


def opens_like_label(name: str, vocab: LevelVocabulary) -> bool:
    """The name's first `LABEL_OPENING` characters keep half a label form's first ones in place
    (`旪效指低保…`: a label restated or fused, its first character no 标 of the label above)."""
    head = name[:LABEL_OPENING]
    return len(head) == LABEL_OPENING and any(2 * in_place(head, form, 0) >= LABEL_OPENING
                                              for form in all_suffixed_forms(vocab))


def next_line_opens(cell: Cell, piece: Cell, rows: list, where: dict[str, int]) -> bool:
    """The name `cell` stands on the line right after the label's `piece`, and opens that
    line: no cell before it (a label's 标 printed in its level column is the label's line, and
    the name's head its own)."""
    k, above = line_of(cell, rows, where), line_of(piece, rows, where)
    if k is None or above is None or k != above + 1:
        return False
    return not any(c.col < cell.col and c.text.strip() for c in rows[k].cells)


def line_of(cell: Cell, rows: list, where: dict[str, int]) -> int | None:
    """The index of the line printing `cell`: by its source_ref, else (no ref, or one no line
    has: `damaged_tails.lines_of` falls back so too) the first line holding it."""
    k = where.get(cell.source_ref) if cell.source_ref else None
    return k if k is not None else next((k for k, row in enumerate(rows) if cell in row.cells), None)


@lru_cache(maxsize=None)
def all_suffixed_forms(vocab: LevelVocabulary) -> tuple[str, ...]:
    """Every level-2 category's `chain_forms` and every group's label and aliases ending in 指标."""
    groups = [label_key(t) for spec in vocab.level1_specs.values() for t in (spec.label, *spec.aliases)]
    return tuple(dict.fromkeys([*(f for spec in vocab.level2_specs.values() for f in chain_forms(spec, vocab)),
                                *(g for g in groups if g.endswith(SUFFIX) and len(g) > len(SUFFIX))]))


def unattested_suffix_tail(name: str, piece: str, forms: tuple[str, ...], vocab: LevelVocabulary
                           ) -> tuple[str, str] | None:
    """(tail, rest) for `read_label_tails` where the name opens with a character standing
    where the label read above it, cut just before its 标 (`散量指` | `柝健康教育…`), prints
    its last line: the form's 标, damaged as no other label of the table shows it (the
    caller tries `label_tail`, the table's own damage, first). The piece ends in place
    right before the 标 and keeps half its characters in place; the character is a Chinese
    one, not a label's own (指标类性) nor any a label form prints (`数量指` | `数量指烈士…`:
    the next label fused), the name's first characters no label's (`opens_like_label`),
    and it is not the name's own (`keeps_its_word`)."""
    if not piece or len(piece) > PIECE_MAX or not name or not is_han(name[0]) \
            or name[0] in OWN_CHARS or name[0] in printed_by_labels(vocab):
        return None      # (数量指 | 数量指烈士…: the next label fused, not the 标 of this one)
    for form in forms:
        n = len(form) - UNATTESTED_TAIL
        start = n - len(piece)
        if not form.endswith(SUFFIX) or start < 0:
            continue
        if piece[-1] != form[n - 1] or 2 * in_place(piece, form, start) < len(piece):
            continue
        tail, rest = name[:UNATTESTED_TAIL], name[UNATTESTED_TAIL:].strip(SEPARATORS)
        if keeps_its_word(tail, rest) or opens_like_label(name, vocab):
            return None
        return tail, rest
    return None


def keeps_its_word(tail: str, rest: str) -> bool:
    """The character `tail` is the name's own, not a label's cut 标: the name left (`rest`)
    too short to be one (`ORDER_REST_MIN`), or the two a word (`标准`, `指定`) or one names
    open with (`NAME_OPENINGS`)."""
    return len(label_key(rest)) < ORDER_REST_MIN or makes_word(tail, rest) or tail + rest[:1] in NAME_OPENINGS


@lru_cache(maxsize=None)
def printed_by_labels(vocab: LevelVocabulary) -> frozenset[str]:
    """Every character a level label prints: the level-2 labels and aliases (`label_chars`)
    and every form ending in 指标 (`all_suffixed_forms`: group-worded, 方面, 性). A name opening
    with one is a label's next line or word fused, not a damaged 标 (`unattested_suffix_tail`,
    `biao_below`, `damaged_tails.unattested_biao`)."""
    return label_chars(vocab) | label_text_of(all_suffixed_forms(vocab))


@lru_cache(maxsize=None)
def label_text_of(forms: tuple[str, ...]) -> frozenset[str]:
    """The characters `forms` print."""
    return frozenset("".join(forms))


def label_endings() -> tuple[str, ...]:
    """A level label's endings a wrapped label's last line prints alone, longest first: its
    指标 worded up (类指标, 性指标), its 指标, its 标 (`fused_head`,
    `damaged_tails.cut_bare_label_endings`)."""
    return (*(w + SUFFIX for w in WORDINGS), SUFFIX, SUFFIX[-1])


OWN_CHARS = SUFFIX + WORDINGS    # a label's own characters: a name opening with one is no damaged 标 (shifted)


def label_tail(name: str, piece: str, spec, vocab: LevelVocabulary, damage: frozenset[tuple[str, str]] = frozenset()
               ) -> tuple[str, str, float] | None:
    """(tail as the name prints it, rest, the share of the piece's characters in place) for
    `read_label_tails`: the name opens with the end of one of the category's forms after
    `piece`, a line no wider than it, each character in place or damaged as the document
    damages its labels' (`damage`); or None. A line as wide as the piece with more of
    a form to come (`middle_line`) is read where the last line found is its start."""
    if not piece or len(piece) > PIECE_MAX:
        return None
    last = last_line(name, piece, spec, vocab, damage)
    middle = last and middle_line(name, piece, spec, vocab, damage)
    if middle and len(middle[0]) > len(last[0]) and middle[0].startswith(last[0]):
        return middle     # the last line of an alias (服务对象满意度) short of the full line the name opens with
    return last


def last_line(name: str, piece: str, spec, vocab: LevelVocabulary, damage: frozenset[tuple[str, str]]
              ) -> tuple[str, str, float] | None:
    """`label_tail`'s reading of the name's head as the last line of a form after `piece`."""
    bare = compound_words(spec, vocab)     # 产出数 | 量 of 产出数量; not 产出 | 时效, a category's word whole
    for form in (*chain_forms(spec, vocab), *bare):
        for t in range(1, len(piece) + 1):
            start = len(form) - t - len(piece)
            if start < 0:
                break
            tail = form[len(form) - t:]
            if len(name) < t or not all(a == b or (b, a) in damage for a, b in zip(name, tail)) \
                    or 2 * in_place(piece, form, start) < len(piece) or form in bare and tail in own_words(spec, vocab):
                continue
            tail = name[:t]
            rest = name[t:].strip(SEPARATORS)
            if len(label_key(rest)) >= ORDER_REST_MIN and not makes_word(tail, rest) \
                    and not (len(tail) == 2 and makes_word(tail[-1], rest)):
                return tail, rest, in_place(piece, form, start) / len(piece)
    return None


def middle_line(name: str, piece: str, spec, vocab: LevelVocabulary, damage: frozenset[tuple[str, str]]
                ) -> tuple[str, str, float] | None:
    """(line, rest, the share of the piece's characters in place) for `label_tail` where the
    name opens with the next line of one of the category's forms after `piece`, as wide as
    the piece (the column's width: a line short of it is a label's last) with more of the
    form to come (`服务对象` | `满意度指退役军人…` | `标`: not the alias 服务对象满意度's last
    line `满意度`, its 指 left on the name); each character in place or damaged as the
    document damages its labels'; or None."""
    width = len(piece)
    for form in chain_forms(spec, vocab):
        for start in range(0, len(form) - 2 * width):
            line = form[start + width:start + 2 * width]
            if len(name) < width or 2 * in_place(piece, form, start) < width \
                    or not all(a == b or (b, a) in damage for a, b in zip(name, line)):
                continue
            rest = name[width:].strip(SEPARATORS)
            if len(label_key(rest)) >= ORDER_REST_MIN and not makes_word(name[:width], rest) \
                    and not makes_word(name[width - 1], rest):
                return name[:width], rest, in_place(piece, form, start) / width
    return None


def continued_chain(items: list[IndicatorRow], k: int, first: str, candidates, vocab: LevelVocabulary):
    """(category, score, {row: (name cell, head, rest)}) for `read_continued_pieces`, or None."""
    width = len(first)
    best = None
    tied = False
    for spec in candidates:
        for form in chain_forms(spec, vocab):
            if len(form) <= width:
                continue
            found = heads_for(items, k, first, form, width)
            if found is None:
                continue
            score, cuts = found
            cutoff = CONTINUED_CUTOFF if len(candidates) == 1 else UNREAD_CUTOFF   # (one: read, or the order's)
            if score < cutoff:
                continue
            if best is None or score > best[1]:
                best, tied = (spec, score, cuts), False
            elif score == best[1] and spec is not best[0]:
                tied = True
    if best is None or tied:
        return None
    spec, score, cuts = best
    return spec, round(score * 100, 1), cuts


def may_continue(item: IndicatorRow, above: IndicatorRow) -> bool:
    """The row can hold the next line of a label wrapped from the row above: on the next
    line, named, no level cell of its own, not split already."""
    return item.lines[0] == above.lines[1] + 1 and bool(item.name) and not item.positional \
        and not item.fused and not item.unrecognised and all(h.copied for h in item.level2)


LOST_TAIL = SUFFIX[1:]      # a label's last line of its 标 alone, dropped as a line of its own (社会效|益性指|标)


def heads_for(items: list[IndicatorRow], k: int, first: str, form: str, width: int):
    """(the share of characters in place, the cuts) where the names below row k open with
    the rest of `form` after `first`, a column `width` wide; or None. A last line of the
    form's 标 alone (`LOST_TAIL`) may be missing below the last head, where that head is
    written exactly: the rows' own level cells print it, or the reading dropped it as a line
    holding nothing else (`可持续` | `影响力评估…` is the name's own: 影响指 is one off)."""
    at, j, cuts, heads = len(first), k + 1, {}, ""
    while at < len(form):
        found = next_head(items, j, form, at, width) if len(cuts) < PIECES_MAX - 1 else None
        if found is None:
            last = cuts[j - 1][1] if cuts else ""
            if last and form[at:] == LOST_TAIL and in_place(last, form, at - len(last)) == len(last):
                break     # the last head written exactly (益性指 of 社会效|益性指|标)
            if cut_short(items, j, form, at, width, first, heads):
                break     # the label's rows ran out before its lines (服务 | 对象, then the next block)
            found = short_last_head(items, j, form, at, width, first, heads)
            if found is None:
                return None
            cuts[j] = found       # 度 of 服条对 | 象满意 | 度, the label printed without its 指标
            heads += found[1]
            break
        cuts[j] = found
        heads += found[1]
        at += len(found[1])
        j += 1
    joined = first + heads
    return in_place(joined, form, 0) / len(joined), cuts


def cut_short(items: list[IndicatorRow], j: int, form: str, at: int, width: int, first: str, heads: str) -> bool:
    """A wrapped label whose rows ran out before its lines (`服务` | `对象门诊…`, then a row
    of the next block): the chain ends where row j can hold no next line (it states a
    level cell, or the table ends), and its heads are written exactly, each a full line of
    the column, two characters at least in all; the level cell's line with them three in
    four in place, half its own (成本 | 成本核算… is no 产出|成本 of 产出成本指标)."""
    if len(heads) < 2 or j < len(items) and may_continue(items[j], items[j - 1]):
        return False
    joined = first + heads
    return in_place(heads, form, at - len(heads)) == len(heads) and len(heads) % width == 0 \
        and 2 * in_place(first, form, 0) >= len(first) and in_place(joined, form, 0) >= UNREAD_CUTOFF * len(joined)


def short_last_head(items: list[IndicatorRow], j: int, form: str, at: int, width: int, first: str, heads: str):
    """(name cell, head, rest) where row j's name opens with exactly the rest of `form`
    before its 指标, narrower than the column, the heads above written exactly and no row
    after j able to hold a line (`cut_short`); or None."""
    n = len(form) - len(SUFFIX) - at
    if not heads or not 0 < n < width or not form.endswith(SUFFIX) \
            or in_place(heads, form, at - len(heads)) != len(heads):
        return None
    found = next_head(items, j, form, at, width, n)
    if found is None or found[1] != form[at:at + n]:
        return None
    return found if cut_short(items, j + 1, form, at + n, 1, first, heads + found[1]) else None


def next_head(items: list[IndicatorRow], j: int, form: str, at: int, width: int, n: int | None = None):
    """(name cell, head, rest) where row j's name opens with the next line of `form` from
    `at` (`n` characters wide where given), or None."""
    if j >= len(items):
        return None
    item = items[j]
    if not may_continue(item, items[j - 1]):
        return None
    n = n or min(width, len(form) - at)
    if 2 * in_place(item.name[:n], form, at) < n:
        return None      # the head keeps half the label's characters there at least
    found = name_cell(item)
    if found is None:
        return None
    cell, boundaries = found
    if boundaries and boundaries[0] <= width and boundaries[0] != n:
        return None      # the cell as read cuts the head elsewhere
    head, rest = item.name[:n], item.name[n:].strip(SEPARATORS)
    if label_key(head) != head or len(label_key(rest)) < ORDER_REST_MIN \
            or makes_word(head, rest) or not cell.text.strip().startswith(head):
        return None
    return cell, head, rest


# --- a head read as the category the placement gave a row of a block that states no label

WHOLE_DAMAGED_MIN = 4     # a whole label fused with damage: 数量指标 and longer (its 指标 and a word)
INFERRED_HEAD_MIN = 2      # a head of two characters at least (a lone 标 or 益 is a wrapped line's, not read here)


def cut_inferred_heads(items: list[IndicatorRow], placements: list, vocab: LevelVocabulary,
                       printed: tuple[str, ...] = (), damage: frozenset[tuple[str, str]] = frozenset(),
                       group_lines: bool = False, rows: list | None = None) -> list[Issue]:
    """A level-2 label fused into the head of a name, in a block no row of which states its
    label (`inferred` placement: the label went somewhere, and the head is where), read by
    the category the placement gave the row from the other rows, the order and the words
    (`数暈补贴发放人数`, `可恃继影耕地…`, `社含效居民…` placed under 数量指标, 可持续影响指标,
    社会效益指标). The head reads as that category's label, an alias or a first line of it
    (wrapped in a narrow column): half its characters in place at least; of the heads that
    do, the one with the most in place, the shortest of those. The name's agreement with the
    label ends at the cut (`服务对象满意度` in its own block is a name; a head of three
    characters or more ends in place: not `服务环|境对象满意度`), and the name left keeps
    `ORDER_REST_MIN` characters and the word the category requires (满意). A first line or
    a bare word (no 指标) is read so only where a level cell of the table is as wide (the
    column's lines). A head with a character out of place is no text another name of the
    table prints, nor, with the name's next character, the document's other lines (`社区` of
    `社区登记失业率`, `数字化` of `数字化扫描页数`: words, not a damaged 社会 or 数量; a damaged
    label may be printed again), nor another category's word (`质量监督…` under 数量指标);
    two characters written exactly (`数量`, `服务`), or a word written exactly and two more
    characters (`质量补贴…`), are words names open with and stay. A head the order pass kept
    whole as two categories alike stays (said there), as does a name whose row prints the
    label's first line in its own level cell, unread (`服务对象` | `服务对象可持续满意度`). A word written
    exactly as a whole form is the lost label too on the fitted model's label line, or on
    the row printing its group's label in its own level-1 cell (`prints_group_label`):
    `产出指标` | `成本单位管网造价`. That reading is the last (`group_lines`: a pass of its own
    after the other readings of fused heads), a head no other reading took: a label wrapped
    below (`成本控` over `制指标`) or damaged whole (`成本拾柝`) is longer than its word.
    Where the cell as read has a space in the head's reach, the head ends there. A long label
    needs no column as wide (`long_inferred_head`). Each cut is said (`label_fused`). `damage`:
    (a form's character, the character printed for it) the document's read labels and header
    show (`damaged_tails.printed_damage`, `header_damage`), for `whole_damaged_head`.
    A block of one row stating no label, in a table stating labels, has its label on that
    row's line under every model (`lone_block_row`): there a category's bare word damaged
    (`质暈`, `救量`: as long as the word, some but not all of it in place) is its label too
    with no level cell as wide, where the document prints that text nowhere else and it is
    no word names open with (`NAME_OPENINGS`: 时间, 数据); warned (`label_unrecognised`). There
    too a category's word or its label's first line written exactly (`成本`, `服务` of
    服务对象满意度) is cut off where the line below prints a piece of label text at or left of
    the name's column, no label of its own and none of the name (`对象`, `控制`: the label's
    rest wrapped down its level column; `lone_word_over_piece`, `rows` the table's lines as
    read), warned so. A block of two rows or more that no row states and no model's label line
    marks (`unmarked_block`) gives a name opening with its category's whole bare word written
    exactly the same cut (`lone_bare_word`), warned (`label_unrecognised`). Where no reading
    above takes a head, the category placed printed with its group's word and damaged
    (`彦出数重…`: `group_worded_head`) is cut off too, warned; so also in a block stating its
    label on another row (`filled`), the one reading such a row is given: the form repeats its
    group in the level-2 column, and a name does not open with a group's word and a category's."""
    issues: list[Issue] = []
    names = [item.name or "" for item in items]
    # the lines and the level cells rows read as their own labels: for the last pass's
    # `lone_word_over_piece` only, the one call given `rows`
    where = line_numbers(rows) if rows else {}
    labelled = {(other.row.source_ref, h.cell.col) for other in items for h in (*other.level1, *other.level2)
                if not h.copied} if rows else set()
    states = any(not h.copied for item in items for h in item.level2)
    widths = level_cell_widths(items)
    column = level2_column_width(items)
    edge = level2_column_edge(items, vocab)
    for i, (item, placement) in enumerate(zip(items, placements)):
        # a row of a block stating its label on another row: only its label printed with the group's word
        only_worded = placement is not None and placement.source == "filled" and not placement.label_line \
            and not group_lines
        if placement is None or placement.source != "inferred" and not placement.label_line and not only_worded \
                or not item.name or item.positional or item.fused or item.unsettled_head:
            continue      # (a head read as two categories alike is kept whole, as said)
        if any(opens_form(label_key(c.text), placement.level2) for c in item.unrecognised):
            continue      # the label's first line in the row's own level cell, unread: the name opens with its own words
        found = name_cell(item)
        if found is None:
            continue
        cell, boundaries = found
        text = cell.text.strip()
        others = tuple(other for j, other in enumerate(names) if j != i)
        bounds = tuple(b for b in boundaries if b <= HEAD_MAX)
        line = placement.label_line     # (a page part's, `part_label_line_rows`: a labelled block's)
        group_line = group_lines and placement.source == "inferred" and prints_group_label(item)
        alone = placement.source == "inferred" and states and lone_block_row(i, placements)
        read = inferred_head(item.name, placement.level2, bounds, line or group_line, column) \
            if (group_line or not group_lines) and not only_worded else None
        whole = read is not None and read[0] == read[3] and not read[3].endswith(SUFFIX)
        over = None     # (the last pass: a longer head any other reading took is gone first)
        bare = None     # (the last pass: the category's whole bare word alone on its block's one row)
        spread = None   # (the last pass: ... on one row of a longer block no model says the label's line of)
        if group_lines and not (group_line and whole):
            over, bare, spread = lone_block_reads(i, items, placements, cell, bounds, names, alone,
                                                  placement.source == "inferred" and states, rows, where, vocab,
                                                  labelled)
            read = over[:4] if over else read
            read = bare if bare else read
            read = spread if spread else read
        if group_lines and over is None and bare is None and spread is None and not (group_line and whole):
            continue      # the group's line: the category's bare word written whole alone (the rest read before)
        lone = read is not None and not group_lines and alone and damaged_bare_word(read, printed) \
            or over is not None or bare is not None or spread is not None
        if placement.source != "inferred" and (read is None or read[0] != read[3]) and not only_worded:
            continue      # a labelled block's page part: only its category's word written whole is its label
        damaged_sole = False    # (a damaged bare word, the one head of its block reading so: its lost label)
        if read is not None and read_is_word(read, widths, line, group_line, lone):
            damaged_sole = not group_lines and placement.source == "inferred" \
                and only_damaged_head_of_block(i, read, items, placements, printed, vocab)
            read = read if damaged_sole else None
        damaged = None
        worded = None   # (the category's label printed with its group's word, damaged: `group_worded_head`)
        if read is None and not group_lines and (placement.source == "inferred" or only_worded):
            worded = group_worded_head(item.name, placement.level2, vocab, bounds, widths)
            read = worded
        if only_worded and worded is None:
            continue
        if read is None:
            damaged = damaged_whole_read(item.name, placement.level2, vocab, bounds, damage, widths)
            read = damaged and damaged[:4]
        read = scored_read(read, item.name, placement.level2, vocab, bounds)
        if read is None:
            continue
        head, rest, in_place_, form, score = read
        narrower = cut_to_level_column(head, rest, edge, placement.level2, vocab)
        if narrower is not None and not spaced_at(boundaries, head):
            head, rest = narrower
        if worded is not None:    # the label printed on every row of its block: its names open with it alike
            block = block_rows(i, placements)
            others = tuple(other for j, other in enumerate(names) if j != i and not (j in block and other.startswith(head)))
        if printed_elsewhere(head, in_place_, item.name, others, vocab, printed):
            continue
        if not text.startswith(head) and not item.name.startswith(head):
            continue
        cut_head(item, cell, head, rest, placement.level2, LabelMatch(placement.level2.label, form, score))
        issues.extend(inferred_cut_issues(i, item, cell, placement, placements, head, rest, in_place_, form,
                                          group_line, only_worded, over, bare, spread, lone or damaged_sole, worded,
                                          damaged))
    return issues


def only_damaged_head_of_block(i: int, read, items: list[IndicatorRow], placements: list,
                               printed: tuple[str, ...], vocab: LevelVocabulary) -> bool:
    """Row i's head reads as its category's bare word damaged (`damaged_bare_word`: some of it
    in place, printed nowhere else, no word names open with), its block states no label (every
    row `inferred`) and lies between two other blocks (`between_other_blocks`), the head is
    no category's keyword opening the name (`names_a_category`: 长效 of 长效机制…), and
    no other row of the block opens with such a head: the block's lost label went into this
    name, the one row it can be, wherever the model would have put it."""
    block = block_rows(i, placements)
    if not damaged_bare_word(read, printed) or any(placements[j].source != "inferred" for j in block) \
            or not between_other_blocks(block, placements) or names_a_category(read[0], items[i].name, vocab):
        return False
    spec = placements[i].level2
    for j in block:
        other = items[j].name
        if j == i or not other:
            continue
        found = inferred_head(other, spec, (), label_line=True)
        if found is not None and damaged_bare_word(found, printed):
            return False
    return True


def names_a_category(head: str, name: str, vocab: LevelVocabulary) -> bool:
    """Whether the name opens with a keyword of some category that starts with the head (长效 of
    长效机制…, a word of 可持续影响): the name's own word, however near a label's it reads."""
    return any(word.startswith(head) and name.startswith(word)
               for spec in vocab.level2_specs.values() for word in (*spec.strong, *spec.weak))


def between_other_blocks(block: list[int], placements: list) -> bool:
    """Placed rows lie above and below the block, in other blocks: its lost label was printed
    between them, in this block (at a table's open end it may lie beyond, on a page not read)."""
    above = next((p for p in reversed(placements[:block[0]]) if p is not None), None)
    below = next((p for p in placements[block[-1] + 1:] if p is not None), None)
    return above is not None and below is not None


def lone_block_reads(i: int, items: list[IndicatorRow], placements: list, cell, bounds: tuple, names: list[str],
                     alone: bool, inferred_stating: bool, rows: list | None, where: dict, vocab: LevelVocabulary,
                     labelled: set) -> tuple:
    """The last pass's readings of row i's head by its block's place, (over, bare, spread), each
    None where not read: on its block's one row (`alone`), the category's word or first line over
    a piece of label text below (`lone_word_over_piece`), else, where the next block states its
    label or the table fuses its labels into names (`fuses_labels`), the whole bare word
    (`lone_bare_word`); on a row of a longer block, placed, in a table
    stating labels (`inferred_stating`), that no model marks (`unmarked_block`), the whole bare word."""
    over = bare = spread = None
    if alone:
        over = lone_word_over_piece(items[i], cell, placements[i].level2, bounds, rows, where, vocab, labelled)
        bare = None if over or not (next_states_label(items, i) or fuses_labels(items, i)) \
            else lone_bare_word(items[i].name, placements[i].level2, bounds, names, i)
    elif inferred_stating and unmarked_block(i, placements):
        spread = lone_bare_word(items[i].name, placements[i].level2, bounds, names, i)
    return over, bare, spread


def read_is_word(read: tuple, widths, line, group_line: bool, lone: bool) -> bool:
    """A head read as a first line of a label (or a bare word), no level cell of the table as
    wide, not on the label's line nor read alone: a word, the name's own."""
    return (len(read[0]) < len(read[3]) or not read[3].endswith((SUFFIX, ASPECT))) \
        and len(read[0]) not in widths and not line and not (group_line and read[0] == read[3]) and not lone


def damaged_whole_read(name: str, level2, vocab: LevelVocabulary, bounds: tuple,
                       damage: frozenset[tuple[str, str]], widths):
    """`whole_damaged_head`'s reading of the name's head, None where a level cell of the table
    is as wide as the head less its last character."""
    damaged = whole_damaged_head(name, level2, vocab, bounds, damage)
    if damaged and len(damaged[0]) - 1 in widths and (damaged[3][-1], damaged[0][-1]) not in damage:
        damaged = None    # a level cell as wide as the head less its last character: a wrapped
        #                   label's first line (数量指) may end there, the name's character after it
        #                   (not where that character is the document's damage of the label's own)
    return damaged


def scored_read(read, name: str, level2, vocab: LevelVocabulary, bounds: tuple):
    """(head, rest, in place, form, score) of a reading, the score its characters in place of the
    longer of head and form; with no reading, a long label's (`long_inferred_head`), or None."""
    if read is not None:
        head, rest, in_place_, form = read
        return head, rest, in_place_, form, round(100.0 * in_place_ / max(len(head), len(form)), 1)
    return long_inferred_head(name, level2, vocab, bounds)


def printed_elsewhere(head: str, in_place_: int, name: str, others: tuple, vocab: LevelVocabulary,
                      printed: tuple[str, ...]) -> bool:
    """A head with a character out of place that another name prints, that is another category's
    word, or that the document's lines print with the name's next character more than once."""
    # a word the table prints elsewhere (the document, with the name's next character), or
    # another category's: the name's own
    return in_place_ < len(head) and (any(head in other for other in others) or head in bare_words(vocab)
                                      or sum(line.count(name[:len(head) + 1]) for line in printed) > 1)


def inferred_cut_issues(i: int, item: IndicatorRow, cell, placement, placements: list, head: str, rest: str,
                        in_place_: int, form: str, group_line: bool, only_worded: bool, over, bare, spread,
                        lone: bool, worded, damaged) -> list[Issue]:
    """The cut said (`label_fused`), and, where the reading was by the block's place or by some
    characters alone, warned for review (`label_unrecognised`)."""
    issues = [fused_issue(cell, item.row.source_ref,
                          f"{head + rest!r} opens with {head!r}, read as {placement.level2.label!r}: "
                          + ("the category placed from the rows around it, its block stating no label; "
                             + ("the row prints its group's label; " if group_line and not placement.label_line else "")
                             if placement.source == "inferred" else
                             "its block's label stated on another row, printed on this one with its group's "
                             "word; " if only_worded else
                             "its block's label printed on another page part, this part's on this line; ")
                          + f"the name read as {rest!r}")]
    if over is not None:    # read by its block's place and the piece below: said for review
        issues.append(Issue("warning", "label_unrecognised",
                            f"{head!r} cut off the name {head + rest!r} as {form!r}'s first line: its block's one "
                            f"row, the block stating no label, the line below printing {over[4]!r} at or left "
                            f"of the name", field="level2", source_ref=cell.source_ref or item.row.source_ref))
    elif bare is not None:    # read by its block's place alone: said for review
        issues.append(Issue("warning", "label_unrecognised",
                            f"{head!r} cut off the name {head + rest!r} as {form!r}'s bare word written whole: "
                            f"its block's one row, the block stating no label, no other name of the table "
                            f"opening with it", field="level2", source_ref=cell.source_ref or item.row.source_ref))
    elif spread is not None:    # read by its block's lost label and the word alone: said for review
        issues.append(Issue("warning", "label_unrecognised",
                            f"{head!r} cut off the name {head + rest!r} as {form!r}'s bare word written whole: "
                            f"its block of {len(block_rows(i, placements))} rows states no label and no line "
                            f"of it is where a model prints one, no other name of the table opening with it",
                            field="level2", source_ref=cell.source_ref or item.row.source_ref))
    elif lone:    # read by its block's place and some of its characters: said for review
        rows = len(block_rows(i, placements))
        issues.append(Issue("warning", "label_unrecognised",
                            f"{head!r} cut off the name {head + rest!r} as a damaged {form!r}: "
                            + ("its block's one row" if rows == 1 else
                               f"the one row of its block of {rows} opening with such a head")
                            + ", the block stating no label", field="level2",
                            source_ref=cell.source_ref or item.row.source_ref))
    if worded is not None and in_place_ < len(head):     # read by its characters in place: said for review
        issues.append(Issue("warning", "label_unrecognised",
                            f"{head!r} cut off the name {head + rest!r} as {form!r}, the category placed printed "
                            f"with its group's word ({in_place_} of {len(head)} characters in place): "
                            + ("its block's label stated on another row" if only_worded else
                               "its block stating no label"), field="level2", source_ref=cell.source_ref or item.row.source_ref))
    if damaged is not None:     # read by its characters in place alone: said for review
        issues.append(Issue("warning", "label_unrecognised",
                            f"{head!r} cut off the name {head + rest!r} as a damaged {form!r} "
                            f"({damaged[4]!r} out of place)", field="level2",
                            source_ref=cell.source_ref or item.row.source_ref))
    return issues


def lone_block_row(i: int, placements: list) -> bool:
    """Row i is the one row of its block: the nearest placed rows above and below lie in other
    blocks (or none does). Every model prints such a block's label on that row's line."""
    spec = placements[i].level2
    above = next((p for p in reversed(placements[:i]) if p is not None), None)
    below = next((p for p in placements[i + 1:] if p is not None), None)
    return all(p is None or p.level2 is not spec for p in (above, below))


def block_rows(i: int, placements: list) -> list[int]:
    """The placed rows of row i's block: row i and the rows around it placed in its category
    up to the first placed in another (rows absorbed as label lines, None, are passed over)."""
    spec = placements[i].level2
    out = [i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(placements) and (placements[j] is None or placements[j].level2 is spec):
            if placements[j] is not None:
                out.append(j)
            j += step
    return sorted(out)


def unmarked_block(i: int, placements: list) -> bool:
    """Row i's block has two rows or more, none of them stating its label (all `inferred`) nor
    printing on a line the fitted model puts the label on (`label_line`: the block not bound by
    labels, or no model tells): the label was lost and the placement says nothing of where.
    A row whose name opens with the category's whole bare word written exactly is where it
    went (`lone_bare_word`'s guards: no word names open with, no other name of the table
    opening with it); a block whose label line is known reads its word there only."""
    rows = block_rows(i, placements)
    return len(rows) > 1 and all(placements[j].source == "inferred" and not placements[j].label_line for j in rows)


def lone_word_over_piece(item: IndicatorRow, cell: Cell, spec, bounds: tuple[int, ...], rows: list | None,
                         where: dict[str, int], vocab: LevelVocabulary, labelled: set[tuple[str, int]] = frozenset()
                         ) -> tuple[str, str, int, str, str] | None:
    """(head, rest, characters in place, form, piece) for `cut_inferred_heads` on its block's one
    row (`lone_block_row`): the name opens with the category's word or its label's first line
    written exactly (`成本` | `人均月补贴标准`, `服务` | `家长满意度`: words names open with as
    often) and the line below prints a piece of label text (`piece_below_name`): the label's
    rest wrapped down its level column, its first line fused into the name (an unlisted
    wording, `成本` / `控制` / `指标`, or a piece shifted out of its column, `服务` / `对象`).
    None where not."""
    k = where.get(item.row.source_ref)
    if rows is None or k is None:
        return None
    piece = piece_below_name(rows, k, cell, item.name or "", vocab, labelled)
    if piece is None:
        return None
    read = inferred_head(item.name or "", spec, bounds, label_line=True, first_line=True)
    if read is None or len(read[0]) != INFERRED_HEAD_MIN or read[0] != read[3][:len(read[0])]:
        return None     # (longer heads written exactly are read by the level column's width)
    return (*read, piece)


FUSING_ROWS = 2   # rows of the table whose label was read off their name's head: a table fusing labels


def fuses_labels(items: list[IndicatorRow], i: int) -> bool:
    """Other rows of row i's table had a level-2 label cut off their name's head, `FUSING_ROWS` or
    more: the table prints its labels fused into names, and a lone block's lost label is where
    the others went."""
    return sum(1 for j, item in enumerate(items) if j != i and item.fused) >= FUSING_ROWS


def next_states_label(items: list[IndicatorRow], i: int) -> bool:
    """Row i has a row above and the row after it states a level-2 label of its own (not filled
    down): row i's block is closed below by a label printed and its category read between two
    blocks (an open gap's, or the table's first row's, is a guess)."""
    return 0 < i < len(items) - 1 and any(not h.copied for h in items[i + 1].level2)


def lone_bare_word(name: str, spec, bounds: tuple[int, ...], names: list[str], i: int
                   ) -> tuple[str, str, int, str] | None:
    """(head, rest, characters in place, form) for `cut_inferred_heads` on its block's one row
    (`lone_block_row`) or in a block no label marks (`unmarked_block`), no piece of the label below (`lone_word_over_piece` reads those): the
    name opens with a whole bare word of the placed category written exactly (`质量` |
    `义务教育巩固率` placed under 质量指标, `社会效益` | `受益人口`). Its block states no label and
    every model prints that label on this row's line: the word is where it went. Not a word
    the name makes with what follows (`CATEGORY_WORD_OPENINGS`: 质量监督, 成本核算; or opens,
    a wrap cutting it: `成本控` | `制指标`, the unlisted wording 成本控制指标), nor where
    another name of the table opens with the same word (the table's names use it as a word).
    None where not."""
    read = inferred_head(name, spec, bounds, label_line=True)
    if read is None or read[0] != read[3] or read[0].endswith(SUFFIX):
        return None
    head = read[0]
    if any(word.startswith(name[:len(head) + 1]) for word in CATEGORY_WORD_OPENINGS if word.startswith(head)) \
            or any(other.startswith(head) for j, other in enumerate(names) if j != i):
        return None
    return read


def piece_below_name(rows: list, k: int, cell: Cell, name: str, vocab: LevelVocabulary,
                     labelled: set[tuple[str, int]] = frozenset()) -> str | None:
    """The first cell on the line after line k, at or left of the name's column (`cell`), that
    is a short piece (`is_piece`) of label characters only (`label_text_chars`), no label of its
    own, none its row read as its label (`labelled`: (line, column); `成本控制` of the next row)
    and no text of the name (a wrapped name's end is joined into it) unless left of the name's
    column on a line printing all its cells (`对象` under `服务补贴对象满意度`): a wrapped label's
    rest in a level column. None where that line has none."""
    if k + 1 >= len(rows):
        return None
    chars = label_text_chars(vocab)
    # a line printing all its cells (none dropped before its first) keeps each in its column:
    # a piece left of the name's column there is no wrap of the name, whatever words they share
    placed = len(rows[k + 1].cells) >= len(rows[k].cells)
    for other in rows[k + 1].cells:
        text = other.text.strip()
        if not text or other.col > cell.col or (rows[k + 1].source_ref, other.col) in labelled:
            continue
        key = label_key(text)
        if is_piece(text) and key == text and set(key) <= chars and (key not in name or placed and other.col < cell.col) \
                and not reads_label(key, vocab):
            return key
    return None


@lru_cache(maxsize=None)
def label_text_chars(vocab: LevelVocabulary) -> frozenset[str]:
    """Every character of a label or alias of either level, and the wordings (类, 性)."""
    specs = (*vocab.level1_specs.values(), *vocab.level2_specs.values())
    return frozenset("".join(label_key(text) for spec in specs for text in (spec.label, *spec.aliases))) \
        | frozenset(WORDINGS)


def damaged_bare_word(read, printed: tuple[str, ...]) -> bool:
    """The head `inferred_head` read is a bare word of the category (no 指标) as long as the
    word, some of its characters in place and not all, printed nowhere else in the document
    (`printed`, its cells: a damaged label seldom recurs, a word does) and no word names open
    with (`NAME_OPENINGS`)."""
    head, _, k, form = read
    return not form.endswith(SUFFIX) and len(head) == len(form) and 0 < k < len(head) \
        and head not in NAME_OPENINGS and sum(text.count(head) for text in printed) <= 1


def prints_group_label(item: IndicatorRow) -> bool:
    """The row prints its group's label in its own level-1 cell (not filled down, not carried
    from a line above): the line a form prints its group's first block's label on too. Where
    that block states no label, the category's word the name opens with written whole
    (`数量` | `免费健康体检人次` beside `产出`) is where it went (`inferred_head`, as on the
    fitted model's label line)."""
    return any(not (h.copied or h.carried) for h in item.level1)


def whole_damaged_head(name: str, spec, vocab: LevelVocabulary, boundaries: tuple[int, ...],
                       damage: frozenset[tuple[str, str]] = frozenset()) -> tuple[str, str, int, str, str] | None:
    """(head, rest, characters in place, form, characters out of place) for
    `cut_inferred_heads` where `inferred_head` reads none: a form of the placed category
    ending in 指标 (数量指标, 社会效益指标) fused whole into the name's head with OCR damage
    inside (`数量指怀…`, `社会郊益指标…`): the head as long as the form, its first character
    in place, more than half of the label's word before 指标 in place and 指 or 标 in place,
    no other category's form as many (the block's own label, not another's), its tail making
    no word of the name's (`数量指数…`: schemas/name_words.yaml). A word and 指标 alike in
    shape only (`主要指标…`, `质控指标…`: a word's half) or a word and two characters off
    (`时效损杯` as 时效补贴, `质量类型…`, `质量性能…`: no 指标 in place) is no evidence and stays
    whole, unless the word is written exactly and a character of its 指标 is one the table
    prints for that character elsewhere (`damage`: `数量拾柝` where the header reads
    `三级指柝`): its damage is the table's. Only in a block stating no label: where another row states it, a head so cut short
    (`时效指` + 就业…) is a wrapped label's first line, and its last character the name's. The
    form likest wins; the cut is warned (`cut_inferred_heads`)."""
    best = None
    for form in label_forms(spec):
        if len(form) < WHOLE_DAMAGED_MIN:
            continue
        for n, head, rest in head_candidates(name, range(len(form), len(form) + 1), boundaries, spec):
            k = in_place(head, form, 0)
            word = n - len(SUFFIX)
            if head[0] != form[0] or 2 * in_place(head[:word], form, 0) <= word or k == n \
                    or not (in_place(head[word:], form, word)
                            or head[:word] == form[:word] and attested(head[word:], form[word:], damage)) \
                    or makes_word(head, rest) or any(
                    in_place(head, other, 0) >= k for spec2 in vocab.level2_specs.values() if spec2 is not spec
                    for other in label_forms(spec2) if len(other) == n):
                continue
            if best is None or k > best[2]:
                lost = "".join(a for a, b in zip(head, form) if a != b)
                best = (head, rest, k, form, lost)
    return best


def attested(text: str, form: str, damage: frozenset[tuple[str, str]]) -> bool:
    """One of `text`'s characters out of place at least is one the document prints for
    `form`'s there (`damage`: 柝 for 标)."""
    return len(text) == len(form) and any((b, a) in damage for a, b in zip(text, form) if a != b)


@lru_cache(maxsize=None)
def head_forms(spec) -> tuple[str, ...]:
    """The category's `label_forms` and its aliases without 指标 (数量, 社会效益) as keys."""
    bare = [label_key(text) for text in (spec.label, *spec.aliases) if not label_key(text).endswith(SUFFIX)]
    return tuple(dict.fromkeys([*label_forms(spec), *(key for key in bare if key)]))


def head_candidates(name: str, lengths: range, boundaries: tuple[int, ...], spec):
    """(length, head, rest) for each head length that is all label text (up to the first
    that is not), at the cut `boundaries` fixes if any, that leaves the category a name."""
    for n in lengths:
        head = name[:n]
        if len(head) < n or label_key(head) != head:
            return
        if boundaries and n != boundaries[0]:
            continue
        rest = name[n:].strip(SEPARATORS)
        if name_left(head, rest, spec):
            yield n, head, rest


def inferred_head(name: str, spec, boundaries: tuple[int, ...], label_line: bool = False, column: int = 0,
                  first_line: bool = False) -> tuple[str, str, int, str] | None:
    """(head, rest, characters in place, form) for `cut_inferred_heads`, or None: the head
    with the most characters in place, the shortest of those (a 指标 damaged past reading,
    `时效损杯…`, stays in the name: `数量累计…`, `成本单位…` open with words as often).
    `label_line`: the row prints where the fitted model puts its block's lost label; a
    bare word written exactly as a whole form (`数量` | `社区事务…`) is that label there;
    `first_line` (with `label_line`): so is a form's first line of two characters (`服务`)."""
    best = None
    for form in head_forms(spec):
        for n, head, rest in head_candidates(name, range(INFERRED_HEAD_MIN, min(len(form), HEAD_MAX) + 1),
                                             boundaries, spec):
            k = in_place(head, form, 0)
            if 2 * k < n or k < 1:
                continue
            if n < len(form) and (name[n:n + 1] == form[n] or n > INFERRED_HEAD_MIN and head[-1] != form[n - 1]
                                  and (n != column or head[:-1] == form[:n - 1])):
                continue      # the name goes on with the label's words (服务对象满意度), or a line cut off it past
                #               them; not a first line as wide as the level column, damaged inside and at its end
                #               (服夯对豪: a head written exactly but its last character opens the name as often)
            if k == n == INFERRED_HEAD_MIN and not (label_line and (n == len(form) or first_line)) \
                    or 2 * k == n > INFERRED_HEAD_MIN and head[:k] == form[:k] and not ends_as_label(head):
                continue      # a word written exactly, alone or before other words: names open so (质量补贴…)
            key = (k, n < len(form) and n == column, -n, n == len(form))   # a whole alias over a first line
            #     as long; a first line as wide as the column over a shorter one as much in place
            if best is None or key > best[0]:
                best = (key, (head, rest, k, form))
    return best[1] if best else None


@lru_cache(maxsize=None)
def group_worded_forms(spec, vocab: LevelVocabulary) -> tuple[tuple[str, int], ...]:
    """(form, the group word's length) for each of the category's group-and-category words,
    bare and with 指标 (产出数量, 产出数量指标: `compound_keys`, the level-2 column of forms
    that repeat the group)."""
    group = vocab.level1_specs.get(spec.level1)
    if group is None:
        return ()
    heads = {bare_word(t) for t in (group.label, *group.aliases)} - {""}
    forms = set(compound_words(spec, vocab)) | {key for key in chain_forms(spec, vocab) if key not in label_forms(spec)}
    return tuple(sorted(((form, len(head)) for form in forms for head in heads if form.startswith(head)
                         and len(form) > len(head)), key=lambda pair: (-len(pair[0]), pair[0])))


def group_worded_head(name: str, spec, vocab: LevelVocabulary, boundaries: tuple[int, ...], widths: frozenset[int]
                      ) -> tuple[str, str, int, str] | None:
    """(head, rest, characters in place, form) for `cut_inferred_heads` where `inferred_head`
    reads none: the category's label printed with its group's word before it (产出数量,
    产出数量指标: forms whose level-2 column repeats the group), OCR-damaged past the one
    character `compound_head` and the order forgive, fused into the name's head
    (`彦出数重档案…`, `产山贡量补贴…`) or its first line wrapped in the level column
    (`彦出数` | `量指柝` below). The group's word keeps half its characters in place
    and so does the category's part after it (one character at least: `产出戊朩` shows
    no category), so the head reads as the block's own label printed so, not a name's
    word: the group's word alone (`产出`) is not read here. A head shorter than the whole
    form is a line of a label wrapped in its column: only as wide as a level cell the table
    prints (`widths`), its last character in place and the name not going on with the
    form's next one. Of the heads that read, the one with most characters in place, the
    shorter of those (`彦出数` | `完成…` in a column three wide). Warned where cut."""
    best = None
    for form, g in group_worded_forms(spec, vocab):
        for n, head, rest in head_candidates(name, range(g + 1, min(len(form), HEAD_MAX) + 1), boundaries, spec):
            k_group, k_word = in_place(head[:g], form, 0), in_place(head[g:], form, g)
            if 2 * k_group < g or 2 * k_word < n - g or k_word < 1:
                continue
            if n < len(form) and (n not in widths or head[-1] != form[n - 1] or name[n:n + 1] == form[n]):
                continue      # a first line: as wide as the column, ending in place, the name its own after it
            key = (k_group + k_word, -n)
            if best is None or key > best[0]:
                best = (key, (head, rest, k_group + k_word, form))
    return best[1] if best else None


def cut_group_word_heads(items: list[IndicatorRow], placements: list, rows: list, vocab: LevelVocabulary
                         ) -> list[Issue]:
    """A label printed with its group's word (产出数量, 产出成本指标: forms whose level-2 column
    repeats the group), wrapped in a column two wide: its first line, the group's word itself,
    fused by OCR into the head of the name on its row (`产出高血压患者…`), the category's word
    on the next line (`数量`, `数重`: a level cell, or the head of the name below, `数量免费…`).
    After placing: a name opening with the placed category's group's word written exactly,
    where a cell of the table's next line opens with that category's word, half its characters
    in place (`group_word_below`), the name left keeping `ORDER_REST_MIN` characters and the
    word its category requires; not a group's word that is a category's too (成本: 成本核算…
    opens names), nor where the cell as read ends the head elsewhere (a space). The word alone
    is no evidence (产出 opens names too); the next line's category word is. Cut off and warned
    (`label_unrecognised`)."""
    issues: list[Issue] = []
    where = line_numbers(rows)
    for item, placement in zip(items, placements):
        if placement is None or not item.name or item.positional or item.unsettled_head:
            continue
        k = where.get(item.row.source_ref)
        found = name_cell(item)
        if k is None or k + 1 >= len(rows) or found is None:
            continue
        cell, boundaries = found
        for form, g in group_worded_forms(placement.level2, vocab):
            head = form[:g]
            rest = item.name[g:].strip(SEPARATORS)
            if not item.name.startswith(head) or not cell.text.strip().startswith(head) \
                    or not name_left(head, rest, placement.level2) or head in bare_words(vocab) \
                    or any(item.name.startswith(word) for word in CATEGORY_WORD_OPENINGS) \
                    or any(b != g for b in boundaries[:1]):
                continue      # a category's word too (成本核算…: names open with it); or the cell ends the
                #               head elsewhere (`产出旷効指 学生…`: the spaced head is read whole)
            below = group_word_below(rows[k + 1], form, g, placement.level2, vocab)
            if below is None:
                continue
            cut_head(item, cell, head, rest, placement.level2, LabelMatch(placement.level2.label, head + below, 100.0))
            issues.append(Issue("warning", "label_unrecognised",
                                f"{head!r} cut off the name {head + rest!r} as the first line of {form!r} wrapped "
                                f"in its column, the next line printing {below!r}: read as "
                                f"{placement.level2.label!r}, the category placed; the name read as {rest!r}",
                                field="level2", source_ref=cell.source_ref or item.row.source_ref))
            break
    return issues


def group_word_below(row, form: str, g: int, spec, vocab: LevelVocabulary) -> str | None:
    """The opening of the first cell on `row` (the line below a name) that reads as the category's
    word of a group-worded `form` (its characters after the group's `g`, without 指标): as long
    as that word, half its characters in place (`数重` of 产出数量), and a larger share than of
    any other category's word (`质量指标` opens with 质量, not a damaged 数量), no label of its
    own (`数量指标` below is its own block's); None where no cell does."""
    word = form[g:]
    word = word[:-len(SUFFIX)] if word.endswith(SUFFIX) else word
    others = [w for other in vocab.level2_specs.values() if other is not spec for w in head_forms(other)
              if not w.endswith(SUFFIX)]
    for c in row.cells:
        key = label_key(c.text)
        if len(key) >= SEPARATED_MIN and reads_label(key, vocab):
            continue      # (质量指标 below: a label of its own, no wrapped label's rest: the name's 产出 stays)
        k = in_place(key[:len(word)], word, 0)
        if len(key) >= len(word) and 2 * k >= len(word) \
                and all(in_place(key[:len(w)], w, 0) * len(word) < k * len(w) for w in others):
            return key[:len(word)]
    return None


LONG_HEAD_MIN = 6       # a long label's head (服务对象满意度指标 printed whole or a word short, 社会效益类指标)
LONG_CUTOFF = 60.0      # its likeness to the category's form: two look-alikes in nine (服各对象满意度指际, 78),
                        # or a word dropped and a look-alike (服务满急庶指标 of 服务对象满意度指标, 62)


def long_inferred_head(name: str, spec, vocab: LevelVocabulary, boundaries: tuple[int, ...]
                       ) -> tuple[str, str, int, str, float] | None:
    """(head, rest, characters in place, form, similarity) for `cut_inferred_heads` where
    `inferred_head` reads none: a long label at the name's head, damaged or printed a word
    short, that no column width need vouch for (no name opens with six characters or more
    so like a label). A head of `LONG_HEAD_MIN` characters or more that is one of the
    category's aliases written exactly (`服务对象满意度` | `受益群众满意度`), or that opens as
    one of its forms that long (its first character in place), ends as a label does
    (指 before its last character or 标 last) and is as like that form as `LONG_CUTOFF`, and
    likelier than any other category's (`服各对象满意度指际`, `服务漏意度指标`, `服条满意度指怀`).
    The likest wins."""
    best = None
    for n, head, rest in head_candidates(name, range(LONG_HEAD_MIN, HEAD_MAX + 1), boundaries, spec):
        if head in head_forms(spec):
            score, form = 100.0, head
        elif ends_as_label(head):
            score, form = long_likeness(head, spec)
            if score < LONG_CUTOFF or any(long_likeness(head, other)[0] >= score
                                          for other in vocab.level2_specs.values() if other is not spec):
                continue
        else:
            continue
        if best is None or score > best[4]:
            best = (head, rest, in_place(head, form, 0), form, round(score, 1))
    return best


def long_likeness(head: str, spec) -> tuple[float, str]:
    """The head's likeness to the category's forms of `LONG_HEAD_MIN` characters or more
    that it opens as (its first character in place: `主要经济指标` is no 经济效益指标), the
    best, and that form; 0 where none."""
    return max(((fuzz.ratio(head, form), form) for form in label_forms(spec)
                if len(form) >= LONG_HEAD_MIN and head[0] == form[0]), default=(0.0, ""))


def level2_column_width(items: list[IndicatorRow]) -> int:
    """The width of the level-2 column where its labels wrap: the longest first line of a
    level-2 label joined from its wrapped lines (its text opening with what the cell read:
    `经济成本` of 经济成本指标); 0 where none wraps."""
    firsts = [len(first) for item in items for h in item.level2 if not h.copied
              for first, whole in [(label_key(h.cell.raw or ""), label_key(h.cell.text))]
              if first and len(first) < len(whole) and whole.startswith(first)]
    return max(firsts, default=0)


def level_cell_widths(items: list[IndicatorRow]) -> frozenset[int]:
    """The widths of the level cells the table prints (as read, each line of a wrapped label
    its own): the lines a label wrapped in its column may have."""
    cells = [c for item in items for c in item.unrecognised] + [
        h.cell for item in items for h in (*item.level1, *item.level2) if not h.copied]
    return frozenset(len(label_key(line)) for c in cells for line in (c.raw or c.text).splitlines() if line.strip())


def opens_form(key: str, spec) -> bool:
    """The key reads as the first line of one of the category's forms, half its characters
    in place."""
    return bool(key) and any(2 * in_place(key, form, 0) >= len(key) for form in head_forms(spec))


def name_left(head: str, rest: str, spec) -> bool:
    """The name left after a head keeps `ORDER_REST_MIN` characters and the word its
    category requires, and makes no word with the head's last character."""
    return len(label_key(rest)) >= ORDER_REST_MIN and names_category(rest, spec) and not makes_word(head[-1], rest)


BELOW_CUTOFF = 0.74    # the joined label's characters in place (LABEL_CUTOFF: one in four look-alikes)


def cut_heads_wrapped_below(items: list[IndicatorRow], placements: list, rows: list, vocab: LevelVocabulary
                            ) -> list[Issue]:
    """A level-2 label wrapped in its narrow level column, its first line fused by OCR into
    the head of the name on its row (`时效补贴按月发放及时率`, the row's level-2 cell blank),
    its rest printed on the next line(s) as short cells of their own (`指标`; `益类指` / `标`).
    After placing: the head (a piece of one to `PIECE_MAX` characters) and the first short
    cell of each of the next one or two lines, each as wide as the head but the last (no
    wider), join into a form of the category the row is placed in (`chain_forms`: 时效指标,
    社会效益类指标), at least `BELOW_CUTOFF` of the characters in place and more than in
    any other category's form as long. The pieces below are the evidence: a name opening
    with the same words and no label rest below stays whole. Not where another short cell
    on the name's line joins the same pieces into a label (`产出` | `指标`: the level-1
    label's rest), nor where the row states a level-2 label of its own; the name left keeps
    `ORDER_REST_MIN` characters and the word its category requires. A row stating as its
    label only what the pieces below print (`产出` fused over `时效`, the row read as 时效) states
    none of its own (`stated_by_pieces`). Each cut is said (`label_fused`)."""
    issues: list[Issue] = []
    where = line_numbers(rows)
    for item, placement in zip(items, placements):
        if placement is None or not item.name or item.positional or item.fused or item.unsettled_head:
            continue
        k = where.get(item.row.source_ref)
        if k is None:
            continue
        below = pieces_below(rows, k, vocab)    # looked at first: most rows have a name below
        if not below:
            continue
        found = wrapped_below_read(item, rows[k], below, placement.level2, vocab)
        if found is None:
            continue
        cell, head, rest, pieces, score = found
        if not all(h.copied or stated_by_pieces(h, rows[k + 1:k + 1 + len(pieces)], pieces) for h in item.level2) \
                or rest.startswith("".join(pieces)):
            continue      # the row states a level-2 label of its own; or the pieces were joined into the
            #               name's head already (`时效指怀 低保…`): the whole label is cut there
        cut_head(item, cell, head, rest, placement.level2,
                 LabelMatch(placement.level2.label, head + "".join(pieces), score))
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{head + rest!r} opens with {head!r}, the first line of a level label wrapped "
                                  f"in its column, its rest {' | '.join(pieces)!r} on the line(s) below: read as "
                                  f"{placement.level2.label!r}, the category placed (similarity {score:.0f}); "
                                  f"the name read as {rest!r}"))
    return issues


def stated_by_pieces(hint: LabelHint, lines: list, pieces: list[str]) -> bool:
    """The row's level-2 label was read from the pieces on the `lines` below its name's line
    alone (`产出` fused over `时效`, read as the row's 时效): a cell of theirs (as read, the same
    column) printing those pieces; the label's rest, not a label of the row's own."""
    raw = label_key(hint.cell.raw or hint.cell.text)
    return raw in ("".join(pieces), pieces[0]) and any(
        c.col == hint.cell.col and label_key(c.raw or c.text) == raw for line in lines for c in line.cells)


def pieces_below(rows: list, k: int, vocab: LevelVocabulary) -> list[str]:
    """The first cells of the one or two lines after line k that may be a wrapped label's
    rest: short pieces (`is_piece`) written as keys, none a label of its own (效益指标)."""
    below = []
    for row in rows[k + 1:k + 3]:
        first = next((c for c in row.cells if c.text.strip()), None)
        if first is None or not is_piece(first.text) or label_key(first.text) != first.text.strip() \
                or len(label_key(first.text)) >= SEPARATED_MIN and reads_label(label_key(first.text), vocab):
            break     # (效益指标 below: a label of its own, not a wrapped one's rest)
        below.append(label_key(first.text))
    return below


def wrapped_below_read(item: IndicatorRow, row, below: list[str], spec, vocab: LevelVocabulary,
                       cutoff: float = BELOW_CUTOFF) -> tuple[Cell, str, str, list[str], float] | None:
    """(the name's cell, head, rest, pieces, similarity) where the name on `row` opens with
    the first line of the category's label whose rest prints `below` (`head_wrapped_below`),
    the name left keeping `ORDER_REST_MIN` characters and the word the category requires;
    None where not, or where another short cell on the name's line left of it joins the
    pieces into a label (`产出` | `指标`: the level-1 label's rest)."""
    found = name_cell(item)
    if found is None:
        return None
    cell = found[0]
    text = cell.text.strip()
    read = head_wrapped_below(item.name, below, spec, vocab, cutoff)
    if read is None:
        return None
    head, pieces, score = read
    rest = item.name[len(head):].strip(SEPARATORS)
    if not text.startswith(head) or not name_left(head, rest, spec):
        return None
    if any(c.text.strip() and is_piece(c.text) and not text.startswith(c.text.strip())
           and reads_label(label_key(c.text) + "".join(pieces), vocab) for c in row.cells):
        return None
    return cell, head, rest, pieces, score


def head_wrapped_below(name: str, below: list[str], spec, vocab: LevelVocabulary, cutoff: float = BELOW_CUTOFF
                       ) -> tuple[str, list[str], float] | None:
    """(head, pieces below, similarity) for `cut_heads_wrapped_below`, or None."""
    best = None
    for n in range(1, PIECE_MAX + 1):
        head = name[:n]
        if len(head) < n or label_key(head) != head:
            break
        for m in range(1, len(below) + 1):
            pieces = below[:m]
            if any(len(p) != n for p in pieces[:-1]) or len(pieces[-1]) > n:
                break
            joined = head + "".join(pieces)
            own = form_score(joined, spec, vocab)
            if own < cutoff:
                continue
            if any(form_score(joined, other, vocab) >= own for other in vocab.level2_specs.values()
                   if other is not spec):
                continue
            tail = "".join(pieces)
            if 2 * max((in_place(tail, form, n) for form in (*chain_forms(spec, vocab), *label_forms(spec),
                                                              *compound_words(spec, vocab))
                        if len(form) == len(joined)),
                       default=0) < len(tail):
                continue      # the pieces below carry the label's own characters: half of them in place at least
            if best is None or own >= best[2]:
                best = (head, pieces, own)     # as near: the longer head (质量类 | 指标, not 质量 | 类…)
    return (best[0], best[1], round(100.0 * best[2], 1)) if best else None


def cut_heads_wrapped_into_next_name(items: list[IndicatorRow], placements: list, vocab: LevelVocabulary
                                     ) -> list[Issue]:
    """A level-2 label wrapped in its narrow level column, each of its lines fused by OCR into
    the head of the name on its line (`时效损就业见习…` over `标低保就业…`; `社会效优抚对象…`
    over `益指标可持续…`). After placing, as `cut_heads_wrapped_below` reads a rest printed in
    cells of its own: the two rows on consecutive lines placed in one category, their level
    cells empty, where the head of the first (one to `PIECE_MAX` characters) and the head of
    the second (no wider) join into a form of that category (`head_wrapped_below`: at least
    `BELOW_CUTOFF` of the characters in place, more than in any other category's form as long,
    the second head's half at least). Both names left keep `ORDER_REST_MIN` characters and the
    word their category requires, and make no word with the head (`标准…`, `指导…`); both heads
    are cut off (`label_fused`). Where `cut_inferred_heads` cut the first line off already
    (`时效损` as wide as the column), it is that name's head, and the second is cut off alone;
    where a pass cut the second off already as the category's (`产出就业…` over `数量公益…`,
    `数量` read as 数量指标), it is that name's head, and the first is cut off alone."""
    issues: list[Issue] = []
    for i in range(len(items) - 1):
        item, below, placement = items[i], items[i + 1], placements[i]
        # a first line cut off this name already (`cut_inferred_heads`): its next line is still to read
        done = item.fused[0].label.cell.text if len(item.fused) == 1 and item.fused[0].label.cell.text \
            and len(label_key(item.fused[0].label.cell.text)) <= PIECE_MAX else None
        if placement is None or placements[i + 1] is None or placements[i + 1].level2 is not placement.level2 \
                or not item.name or item.positional or item.fused and done is None or item.unsettled_head \
                or item.unrecognised or any(not h.copied for h in item.level2) or item.lines[0] != item.lines[1]:
            continue
        spec = placement.level2
        # the next line cut off the name below already (`数量` read as its label): that name's head
        cut = None if done else cut_piece(below, item, spec)
        if cut is None and not may_continue(below, item):
            continue
        name = (done or "") + item.name
        best = None
        for m in range(1, PIECE_MAX + 1):
            tail = label_key(cut.label.cell.text) if cut else below.name[:m]
            if len(tail) < m or label_key(tail) != tail:
                break
            read = head_wrapped_below(name, [tail], spec, vocab)
            if read is not None and (best is None or read[2] > best[2]):
                best = read
            if cut:
                break
        if best is None or done and best[0] != done:
            continue
        head, (tail,), score = best
        rest = name[len(head):].strip(SEPARATORS)
        rest_below = below.name if cut else below.name[len(tail):].strip(SEPARATORS)
        if not name_left(head, rest, spec) or not name_left(tail, rest_below, spec):
            continue
        cell = item.fused[0].cell if done else opening_cell(item, head)
        cell_below = cut.cell if cut else opening_cell(below, tail)
        if cell is None or cell_below is None:
            continue
        match = LabelMatch(spec.label, head + tail, score)
        pairs = ((item, cell, head, rest), (below, cell_below, tail, rest_below))
        for row, at, piece, left in pairs[1:] if done else pairs[:1] if cut else pairs:
            cut_head(row, at, piece, left, spec, match)
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{cell.text!r} and {cell_below.text!r} below it open with {head!r} and {tail!r}: "
                                  f"the lines of a level label wrapped in its column, read as {spec.label!r}, the "
                                  f"category placed (similarity {score:.0f}); the names read as {rest!r} and "
                                  f"{rest_below!r}"))
    return issues


def cut_piece(item: IndicatorRow, above: IndicatorRow, spec):
    """The row's one fused record where a pass cut a piece of `spec`'s label no wider than
    `PIECE_MAX` off its name (`数量` of `数量公益…`), the row otherwise able to hold the next
    line of a label wrapped from the row above (`may_continue`); or None."""
    if len(item.fused) != 1 or item.fused[0].label.spec is not spec \
            or not 0 < len(label_key(item.fused[0].label.cell.text)) <= PIECE_MAX:
        return None
    fused = item.fused[0]
    if item.lines[0] != above.lines[1] + 1 or not item.name or item.positional or item.unrecognised \
            or any(not h.copied and h is not fused.label for h in item.level2):
        return None
    return fused


def cut_heads_wrapped_between(items: list[IndicatorRow], placements: list, rows: list, vocab: LevelVocabulary
                              ) -> list[Issue]:
    """A level-2 label wrapped in its narrow level column over three lines or more, a middle
    line fused by OCR into the head of the name on its line (`服务` / `对象门诊患者满意度` /
    `满意`: 服务对象满意度指标 in a column two wide), the lines above and below it printed as
    short cells of their own. After placing: a row placed in a category, its level-2 cell
    empty, whose name opens with a head (two to `PIECE_MAX` characters) where a short cell as
    wide on the line above, the head and a short cell no wider on the line below join into a
    run of one of the category's forms (`chain_forms`) after its first line (the line above
    written exactly, the head and the line below half in place each, at least `BELOW_CUTOFF` of
    the run's characters in place). A name opening with a word of the category (`对象…`, `质量监督…`) stays whole
    where the lines around it print no such run, or where the lines above and below join into
    a label by themselves (`产出` | `指标`: the level-1 label's, 产出质量指标 no reading). The name left keeps `ORDER_REST_MIN`
    characters and the word its category requires; the cut is said (`label_fused`)."""
    issues: list[Issue] = []
    where = line_numbers(rows)
    for item, placement in zip(items, placements):
        if placement is None or not item.name or item.positional or item.fused or item.unsettled_head \
                or item.unrecognised or any(not h.copied for h in item.level2):
            continue
        k = where.get(item.row.source_ref)
        if k is None or k == 0 or k + 1 >= len(rows):
            continue
        above, below = short_cells(rows[k - 1]), short_cells(rows[k + 1])
        if not above or not below:
            continue
        spec = placement.level2
        read = head_wrapped_between(item.name, above, below, spec, vocab)
        if read is None:
            continue
        head, before, after, score = read
        rest = item.name[len(head):].strip(SEPARATORS)
        cell = opening_cell(item, head)
        if cell is None or not name_left(head, rest, spec):
            continue
        cut_head(item, cell, head, rest, spec, LabelMatch(spec.label, before + head + after, score))
        issues.append(fused_issue(cell, item.row.source_ref,
                                  f"{head + rest!r} opens with {head!r}, a middle line of a level label wrapped in "
                                  f"its column between {before!r} above and {after!r} below: read as "
                                  f"{spec.label!r}, the category placed (similarity {score:.0f}); the name read "
                                  f"as {rest!r}"))
    return issues


def short_cells(row) -> list[str]:
    """The keys of a line's short cells written as keys (a wrapped label's lines)."""
    return [label_key(c.text) for c in row.cells
            if c.text.strip() and is_piece(c.text) and label_key(c.text) == c.text.strip()]


def head_wrapped_between(name: str, above: list[str], below: list[str], spec, vocab: LevelVocabulary
                         ) -> tuple[str, str, str, float] | None:
    """(head, line above, line below, similarity) for `cut_heads_wrapped_between`, or None."""
    best = None
    for n in range(2, PIECE_MAX + 1):
        head = name[:n]
        if len(head) < n or label_key(head) != head:
            break
        for form in chain_forms(spec, vocab):
            for p in range(n, len(form) - n):
                if 2 * in_place(head, form, p) < n:
                    continue
                for before in above:
                    if len(before) != n or in_place(before, form, p - n) != n:
                        continue
                    for after in below:
                        if len(after) > n or p + n + len(after) > len(form) \
                                or 2 * in_place(after, form, p + n) < len(after) or reads_label(before + after, vocab):
                            continue      # (产出 | 质量监督… | 指标: the level-1 label's lines, 产出指标)
                        joined = before + head + after
                        score = in_place(joined, form, p - n) / len(joined)
                        if score >= BELOW_CUTOFF and (best is None or score > best[3]):
                            best = (head, before, after, score)
    return (best[0], best[1], best[2], round(100.0 * best[3], 1)) if best else None


@lru_cache(maxsize=1 << 16)   # short heads of names repeat across a batch
def form_score(joined: str, spec, vocab: LevelVocabulary) -> float:
    """The share of `joined`'s characters in place in the category's form as long, the best:
    its `label_forms`, or written exactly a form with its group's word (`chain_forms`:
    产出时效指标, or the bare group-and-category word: 产出质量; with look-alikes, `提升社会` |
    `效益指标` is no 效益社会效益指标)."""
    if joined in chain_forms(spec, vocab) or joined in compound_words(spec, vocab):
        return 1.0
    return max((in_place(joined, form, 0) / len(form) for form in label_forms(spec)
                if len(form) == len(joined)), default=0.0)


def reads_label(key: str, vocab: LevelVocabulary) -> bool:
    """`key` a level label of either level, exactly or worded up (`worded_label`)."""
    return worded_label(key, vocab)


# --- a spaced head joined with the level-2 piece wrapped onto the label line below

def read_spaced_heads_over_pieces(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A level-2 label wrapped in its narrow column whose first line OCR read into the name's
    cell before a space (`经剂成 人均基本…`) and whose rest prints on the line below, a line
    of level cells only (`标 | 本指标`: the level-1 label's rest beside it). The rest alone
    reads fuzzily as a shorter label (本指标 as 产出's 成本指标, which takes the row's group
    with it); joined to the head it reads at `LABEL_CUTOFF` as another, longer label
    (经剂成本指标: 经济成本指标). The head is cut off the name, the joined label is the
    row's category, and the rest is taken off the line below; a `label_rejoined` info issue
    says so. Only a head of `PIECE_MAX` Chinese characters at most, a rest that is a piece
    (no label written exactly) and the line's only fuzzy level-2 reading."""
    issues: list[Issue] = []
    spent: list[IndicatorRow] = []
    for item, below in zip(items, items[1:]):
        if not item.name or item.positional or item.fused or below.name is not None or below.target is not None \
                or below.note is not None or any(below is other for other in spent):
            continue
        pieces = [h for h in below.level2 if not (h.copied or h.match.exact or h.moved)]
        if len(pieces) != 1 or len(label_key(pieces[0].cell.text)) > PIECE_MAX:
            continue
        piece = pieces[0]
        head = head_before_space(item)
        if head is None:
            continue
        rest = item.name[len(head):].strip()
        if len(label_key(rest)) < ORDER_REST_MIN:
            continue
        joined = head + label_key(piece.cell.text)
        read = classify_label(replace(piece.cell, text=joined), vocab, level=2)
        if read is None or read.level != 2 or read.match.score < LABEL_CUTOFF or read.spec.label == piece.spec.label \
                or len(label_key(read.match.alias)) <= len(label_key(piece.match.alias)):
            continue      # (the rest alone reads as a shorter label: the head is what it lacks)
        cell = name_cell(item)[0]
        below.level2.remove(piece)
        if below.own_level2 is piece:
            below.own_level2 = None
        kept = [h for h in item.level2 if h.match.exact or h.copied]
        # a label on the row naming the joined category's group (成本指 | 标 over 经济成本指标:
        # the 2021 template's group, read as 产出's 成本指标) is the row's level 1
        group = [h for h in kept if h.spec.label == read.spec.level1 and h.spec.label in vocab.level1_specs]
        item.level1 += [LabelHint(1, vocab.level1_specs[h.spec.label], h.cell, h.match, h.copied, line=h.line)
                        for h in group]
        item.level2 = [h for h in kept if h not in group] + [
            LabelHint(2, read.spec, replace(piece.cell, text=joined), read.match, line=item.lines[0])]
        item.own_level2 = item.level2[-1]
        item.name = rest
        if not below.unrecognised and not below.damaged and all(
                label_key(h.cell.raw) != label_key(h.cell.text) for h in below.level2 + below.level1):
            spent.append(below)   # the line held the label's pieces only (标 of 成本指 | 标): read
            item.lines = (item.lines[0], max(item.lines[-1], below.lines[-1]))
        issues.append(Issue("info", "label_rejoined",
                            f"{cell.text!r} opens with {head!r} before a space, the first line of a level label "
                            f"wrapped in its column, its rest {piece.cell.text!r} on the line below (alone read "
                            f"as {piece.spec.label!r}): joined as {joined!r}, read as {read.spec.label!r} "
                            f"(similarity {read.match.score:.0f}); the name read as {rest!r}",
                            field="level2", source_ref=cell.source_ref or item.row.source_ref))
    items[:] = [item for item in items if not any(item is other for other in spent)]
    return issues


def head_before_space(item: IndicatorRow, limit: int = PIECE_MAX) -> str | None:
    """The Chinese characters before a space at the head of the name's cell as read, up to
    `limit` of them (by default a wrapped label's line), or None."""
    found = name_cell(item)
    if found is None:
        return None
    cell = found[0]
    text = cell.text.strip()
    raw = (cell.raw or text).strip()
    source = raw if cleaned(raw) == text else text
    at = next((k for k, ch in enumerate(source[:limit + 1]) if ch in SPACES), None)
    if not at:
        return None
    head = source[:at]
    if not all(is_han(ch) for ch in head) or not item.name.startswith(head) or not text.startswith(head):
        return None
    return head


# --- text of the level column before a space at a name cell's head, read as no label

SPACED_HEAD_MAX = 9       # the longest level-2 label (服务对象满意度指标)


def biao_below(items: list[IndicatorRow], i: int, head: str, forms: tuple[str, ...], cell: Cell, rows: list,
               where: dict[str, int], vocab: LevelVocabulary) -> tuple[Cell, str, str] | None:
    """(the name cell below, tail, rest) where `head`, a label's text cut off the head of row i's
    name `cell`, stops short of its 标 (a form of `forms` all but the 标, half in place:
    `数量脂 受理服务…`, `戊朩指 走访慰问…`; the cell as read that head and the name, nothing
    between) and OCR fused that 标 into the name opening the next line (`标和谐贡献奖…`, or a look-alike no label prints: `柝…`): the label wrapped in
    its column, its last line on the next line. That line prints no cell before the name (a
    标 in a level column there is the label's line itself, the name's head its own); the row
    below states no label and its name is no label's (no head cut); the character is 标 or a
    Chinese one no label prints, makes no word with the name's next (`标准`) nor one names or
    another row's name open with; the name left keeps `ORDER_REST_MIN`. None otherwise."""
    if i + 1 >= len(items) or not head or head.endswith(SUFFIX[-1]) or not rows:
        return None
    name = items[i].name or ""
    if "".join(as_read(cell).split()) != head + "".join(name.split()):
        return None      # the cell goes on past the head with more than the name
    after = as_read(cell).strip()[len(head):len(head) + 1]
    spaced = after != "" and after in SPACES     # ("" is in every string)
    if not spaced and name and is_han(name[0]) and name[0] not in printed_by_labels(vocab) \
            and not written_by_other_names(items, i, name[0]):
        return None      # the name above may open with the head's own 标, damaged (`馈量指怀义务…`)
    below = items[i + 1]
    if not below.name or below.fused or below.positional or below.unrecognised \
            or any(not h.copied for h in below.level2):
        return None
    if not any(form.endswith(SUFFIX) and len(form) == len(head) + 1 and 2 * in_place(head, form, 0) >= len(head)
               and (head[-1] == form[-2] or head[:-1] == form[:len(head) - 1] and head[-1] not in OWN_CHARS)
               for form in forms):
        return None      # (its 指 in place, or all before it: `质量指柝` is no 质量类指 short of its 标)
    found = name_cell(below)
    if found is None:
        return None
    opening = found[0]
    k, at = line_of(cell, rows, where), line_of(opening, rows, where)
    if k is None or at != k + 1 or any(c.col < opening.col and c.text.strip() for c in rows[at].cells):
        return None
    tail, rest = below.name[:1], below.name[1:].strip(SEPARATORS)
    stand_in = tail != SUFFIX[-1]      # a look-alike put for 标, not 标 itself
    if not as_read(opening).strip().startswith(tail) or keeps_its_word(tail, rest) or stand_in and (
            not is_han(tail) or tail in printed_by_labels(vocab)
            or opens_like_label(below.name, vocab) or written_by_other_names(items, i + 1, tail)):
        return None
    return opening, tail, rest


def written_by_other_names(items: list[IndicatorRow], i: int, ch: str) -> bool:
    """Another row's name writes `ch`: a character of the document's words, not a look-alike OCR
    put for a label's 标 (柝, 怀, 栎 are seldom ones the names write)."""
    return any(j != i and ch in (item.name or "") for j, item in enumerate(items))


def biao_below_issue(cell: Cell, below: IndicatorRow, head: str, tail: str, rest: str, label: str) -> Issue:
    """The warning for a cut `biao_below` reads."""
    return Issue("warning", "label_unrecognised",
                 f"{tail!r} cut off the name {tail + rest!r} as the 标 of the label {head!r} fused into the name "
                 f"above it, wrapped onto this line (read as {label!r}); the name read as {rest!r}",
                 field="level2", source_ref=cell.source_ref or below.row.source_ref)


def cut_spaced_heads(items: list[IndicatorRow], placements: list, vocab: LevelVocabulary,
                     rows: list | None = None) -> list[Issue]:
    """Text before a space at the head of a name cell as read (`栎 医疗废物…`, `贸重 退役军人…`,
    `服务对 签约居民满意度`, `产出 退役军人…`): a piece of a level label (a wrapped line, a
    damaged bare word, a level-1 word) printed in the level column and read into the name's
    cell with the space between them; the name is what follows. After every reading of
    labels (a head read as a label is cut off as one before): a head left that no reading
    took is cut off the name as text of the level column, its category as placed, with a
    `label_unrecognised` warning. Only a head of Chinese characters (no digit, letter or
    mark: `2023年 …`, `（一） …` are a name's), up to `SPACED_HEAD_MAX` of them, before a
    name of `ORDER_REST_MIN` characters at least opening with one. Not a head the readings
    before judged and kept as the name's: a category's word written exactly (`数量 培训…`
    out of the order; not the placed category's own: `管理 资金使用合规性`), a word ending in
    指标 (`绩效指标 完成情况…`; but the placed category's label damaged, `suffixed_level_text`,
    is cut: `产出旷孝指标 民政服务…`), the text of a level cell another row prints, of `RESTATED_MIN` characters or more (`散重指 受理…`: the restated
    labels' reading; a shorter piece, `怀 慢性病…`, is no reading's). A head a reading kept
    whole as two categories alike (`散量 补贴…`: 数量 or 质量) is cut off too: the row keeps
    the category placed and the doubt said there."""
    issues: list[Issue] = []
    words = bare_words(vocab)
    where = line_numbers(rows) if rows else {}
    for i, (item, placement) in enumerate(zip(items, placements)):
        if placement is None or not item.name or item.positional:
            continue
        head = head_before_space(item, SPACED_HEAD_MAX)
        if head is None:
            continue
        rest = item.name[len(head):].strip()
        if len(label_key(rest)) < ORDER_REST_MIN or not is_han(rest[0]):
            continue
        cell = name_cell(item)[0]
        text = cell.text.strip()
        if head in words and head not in own_words(placement.level2, vocab) \
                or head.endswith(SUFFIX) and not suffixed_level_text(head, placement.level2, vocab) \
                or len(head) >= RESTATED_MIN and any(
                head == label_key(c.text) for j, other in enumerate(items) if j != i
                for c in (*other.unrecognised, *(h.cell for h in (*other.level1, *other.level2) if not h.copied))):
            continue      # a word the readings judged (and kept in the name), or a level cell's text they read
        #                   (the placed category's own word, 管理 | 资金使用合规性 under 管理指标, is its label's)
        item.name = rest
        issues.append(Issue("warning", "label_unrecognised",
                            f"{text!r} opens with {head!r} before a space: text of the level column read into "
                            f"the name's cell, read as no label (the row placed under "
                            f"{placement.level2.label!r} by the rows around it); cut off, the name read as "
                            f"{rest!r}", field="level3", source_ref=cell.source_ref or item.row.source_ref))
        below = biao_below(items, i, label_key(head), all_suffixed_forms(vocab), cell, rows or [], where, vocab)
        if below is not None:      # (the head's 标 fused into the name opening the next line)
            opening, tail, rest = below
            items[i + 1].name = rest
            issues.append(biao_below_issue(opening, items[i + 1], label_key(head), tail, rest,
                                           placement.level2.label))
    return issues


SPACED_SUFFIXED_MIN = 5   # a word and 指标 a name may open with is four characters (绩效指标, 考核指标)


def suffixed_level_text(head: str, spec, vocab: LevelVocabulary) -> bool:
    """A head ending in 指标 before a space that is the placed category's label damaged, not
    a name's word: longer than a name's words with 指标 (`SPACED_SUFFIXED_MIN`), as long as one
    of the category's forms a cell may be read as (`cell_forms`) and half the characters
    before its 指标 in place at least (`产出旷孝指标` of 产出时效指标; not `年度绩效指标`, nor
    `群众满意度指标` of the wording printed a word short, 服务满意度指标)."""
    if len(head) < SPACED_SUFFIXED_MIN:
        return False
    word = head[:-len(SUFFIX)]
    return any(len(form) == len(head) and form.endswith(SUFFIX) and 2 * in_place(word, form, 0) >= len(word)
               for form in cell_forms(spec, vocab))


def cut_heads_restated_beside(items: list[IndicatorRow], placements: list, vocab: LevelVocabulary
                              ) -> list[Issue]:
    """A level-2 label's first line printed on each row of its block (restated), fused by OCR
    into each name's head, cut off one row by a reading of its wrapped rest (`数量新建…` over
    `指标`) but not off the row beside it, whose next line holds the next row, not the rest
    (`数量长效机制义务教育…` above it). After the other readings of fused heads: a row placed
    in the same category as the row on the line next to it (above or below), stating no
    level-2 label of its own, whose name opens with the very text cut off that row as the
    category's label (two to `PIECE_MAX` characters), takes the same cut: the cut row is the
    evidence that the text is the label's line in this block. Not where the name goes on
    with the label past the head (`服务` | `对象满意度`: a name written with the category's
    words) nor opening with a word of its own (`CATEGORY_WORD_OPENINGS`: 质量监督…), and the
    name left keeps `ORDER_REST_MIN` characters and the word its category requires
    (`name_left`). Repeated along the block (a run of restating rows). Each cut is
    said (`label_fused`)."""
    issues: list[Issue] = []
    changed = True
    while changed:
        changed = False
        for i, (item, placement) in enumerate(zip(items, placements)):
            if placement is None or not item.name or item.positional or item.fused or item.unsettled_head \
                    or item.unrecognised or any(not h.copied for h in item.level2):
                continue
            spec = placement.level2
            for j, head in ((j, head) for j in (i - 1, i + 1)
                            for head in restated_cut_head(items, placements, i, j, spec)):
                if not item.name.startswith(head) or opens_category_word(head, item.name):
                    continue
                rest = item.name[len(head):].strip(SEPARATORS)
                cell = opening_cell(item, head)
                if cell is None or not name_left(head, rest, spec) or goes_on_with_label(head, rest, spec, vocab):
                    continue
                # (row j's text is the head cut off its name where it has one, else its level cell's line)
                printed = "cut off the name" if items[j].fused else "printed in the level cell"
                name = item.name
                cut_head(item, cell, head, rest, spec, LabelMatch(spec.label, head, 0.0))
                issues.append(fused_issue(cell, item.row.source_ref,
                                          f"{name!r} opens with {head!r}, the text {printed} on the line "
                                          f"{'above' if j < i else 'below'} as a line of its level label "
                                          f"{spec.label!r}, the category placed on both rows: the label restated, "
                                          f"cut off likewise; the name read as {rest!r}"))
                changed = True
                break
    return issues


def restated_cut_head(items: list[IndicatorRow], placements: list, i: int, j: int, spec) -> tuple[str, ...]:
    """The texts row j prints as a line of its label of `spec`: at its name's head, cut off
    there (its one fused record, as printed: `printed_head`), or in its level cell as the
    first line of its label, read joined with the rest below (`数量` of `数量` | `指标`; a bare
    word read whole there is that row's label alone, and a name opening with it its own);
    each two to `PIECE_MAX` characters written as a key, row j placed in `spec` as row i is
    and on the line next to row i's; none where not."""
    if not 0 <= j < len(items) or placements[j] is None or placements[j].level2 is not spec:
        return ()
    other = items[j]
    near = other.lines[0] == items[i].lines[1] + 1 if j > i else items[i].lines[0] == other.lines[1] + 1
    if not near:
        return ()
    texts = [cut_head_as_printed(other, spec)] + ([] if other.fused else first_lines_read_joined(other, spec))
    return tuple(dict.fromkeys(t for t in texts if t and 2 <= len(t) <= PIECE_MAX and label_key(t) == t))


def cut_head_as_printed(item: IndicatorRow, spec) -> str | None:
    """The text cut off the row's name as `spec`'s label, as printed there (its one fused
    record: `printed_head`); None where not."""
    if len(item.fused) == 1 and item.fused[0].label.spec is spec:
        return printed_head(item.fused[0])
    return None


def first_lines_read_joined(item: IndicatorRow, spec) -> list[str]:
    """The first lines of `spec`'s label the row prints in its level cells, each read joined
    with its rest below (`数量` of `数量` | `指标`: the raw text a piece), as keys."""
    return [label_key(h.cell.raw) for h in item.level2 if not h.copied and h.spec is spec and h.cell.raw
            and label_key(h.cell.raw) != label_key(h.cell.text)]


def opens_category_word(head: str, name: str) -> bool:
    """The name opens with a word of its own that begins with the head (`CATEGORY_WORD_OPENINGS`:
    质量监督…, 成本核算…)."""
    return any(word.startswith(head) and name.startswith(word) for word in CATEGORY_WORD_OPENINGS)


def goes_on_with_label(head: str, rest: str, spec, vocab: LevelVocabulary) -> bool:
    """The name goes on past the head with the next character of a form of the category
    opening with the head (`服务` | `对象满意度` under 服务对象满意度指标): its own words."""
    return any(form.startswith(head) and len(form) > len(head) and rest[:1] == form[len(head)]
               for form in (*chain_forms(spec, vocab), *label_forms(spec), *compound_words(spec, vocab)))


def printed_head(fused) -> str | None:
    """The text a fused record cut off its name as printed there (the cell as OCR read it,
    before the name left: `数量` of `数量新建…`, its label read 数量指标 with the rest below);
    None where the cell as read does not end with the name left."""
    text, rest = (fused.cell.raw or fused.cell.text).strip(), fused.rest.text.strip()
    if not rest or not text.endswith(rest) or len(text) == len(rest):
        return None
    return text[:len(text) - len(rest)].strip(SEPARATORS)


def cut_heads_over_next_level_piece(items: list[IndicatorRow], placements: list, vocab: LevelVocabulary
                                    ) -> list[Issue]:
    """A level-2 label wrapped in its narrow level column, its first line fused by OCR into
    the head of the name on its row (`服务群众满意度`), its next line printed in the level cell
    of the next row (`对象` | `享受创业担保贷款…`, read as no label there: the row's own label
    is not stated), where `cut_heads_wrapped_below` reads only a line's first cell and the
    wrapped readings a piece as wide as the head. After the other readings of fused heads:
    two rows on consecutive lines placed in one category, the first stating no level-2 label
    and no level cell of its own, whose name opens with a head (two to `PIECE_MAX`
    characters) that, with a piece the second row prints in its level column (no wider: its
    unread level cell, the text cut off its name, its level cell's printed first line;
    `next_row_pieces`), opens one of the category's forms (`chain_forms`): both written
    exactly in place, and in no other category's form so. Not a name going on with the form past the head, nor opening with a
    word of its own (`CATEGORY_WORD_OPENINGS`); the name left keeps `ORDER_REST_MIN`
    characters and the word its category requires. Said (`label_fused`) and warned
    (`label_unrecognised`): the label's later lines are not read."""
    issues: list[Issue] = []
    for i in range(len(items) - 1):
        item, below, placement = items[i], items[i + 1], placements[i]
        if placement is None or placements[i + 1] is None or placements[i + 1].level2 is not placement.level2 \
                or not item.name or item.positional or item.fused or item.unsettled_head or item.unrecognised \
                or any(not h.copied for h in item.level2) or below.lines[0] != item.lines[1] + 1:
            continue
        spec = placement.level2
        for piece in next_row_pieces(below, spec):
            head = opening_over_piece(item.name, piece, spec, vocab)
            if head is None:
                continue
            rest = item.name[len(head):].strip(SEPARATORS)
            cell = opening_cell(item, head)
            if cell is None or not name_left(head, rest, spec) or goes_on_with_label(head, rest, spec, vocab) \
                    or opens_category_word(head, item.name):
                continue
            name = item.name
            cut_head(item, cell, head, rest, spec, LabelMatch(spec.label, head + piece, 100.0))
            issues.append(fused_issue(cell, item.row.source_ref,
                                      f"{name!r} opens with {head!r}, the first line of a level label wrapped "
                                      f"in its column, its next line {piece!r} printed in the row below's level "
                                      f"column: read as {spec.label!r}, the category placed; the name read as "
                                      f"{rest!r}"))
            issues.append(Issue("warning", "label_unrecognised",
                                f"{head!r} cut off the name {name!r} as the first line of the label "
                                f"{spec.label!r}, by the piece {piece!r} in the next row's level column alone",
                                field="level2", source_ref=cell.source_ref or item.row.source_ref))
            break
    return issues


def opening_over_piece(name: str, piece: str, spec, vocab: LevelVocabulary) -> str | None:
    """The head of `name` (two to `PIECE_MAX` characters, no narrower than `piece`) that with
    `piece` opens a form of the category written exactly, and no other category's; None."""
    if not piece or len(piece) > PIECE_MAX:
        return None
    for n in range(max(2, len(piece)), PIECE_MAX + 1):
        head = name[:n]
        if len(head) < n or label_key(head) != head:
            return None
        joined = head + piece
        if any(form.startswith(joined) and len(form) > len(joined) for form in chain_forms(spec, vocab)) \
                and not any(form.startswith(joined) for other in vocab.level2_specs.values() if other is not spec
                            for form in chain_forms(other, vocab)):
            return head
    return None


def next_row_pieces(below: IndicatorRow, spec) -> tuple[str, ...]:
    """The texts the row below prints in its level column that may be a wrapped label's next
    line: its unread level cells, the text cut off its name as `spec`'s (`printed_head`), and
    the printed line of a level cell of its read as `spec` joined with more (`效益` of 效益 |
    指标), each written as a key."""
    texts = [label_key(c.text) for c in below.unrecognised] + [cut_head_as_printed(below, spec)] \
        + first_lines_read_joined(below, spec)
    return tuple(dict.fromkeys(t for t in texts if t and label_key(t) == t))
