"""The damaged rest of a level label left at the head of a name after its head was cut.

A label fused whole into a name cell (`质量拍杯补贴发放准确率`, `产出时效拍受理大厅…`) is
often read by its clean head alone (`质量`, `产出时效`): the passes that cut it vouch for the
characters they know, and the label's 指标, damaged by OCR past reading (`拍杯`), stays at
the head of the name. The characters themselves prove nothing (a name may open with any
word after a bare 质量), so the evidence is the document's own printing: the head with
that rest is a text the table prints in a level cell (`产出时效拍` on rows of its own);
or each character out of place is one this table prints at the same place of a label it
reads elsewhere or of its header's column names (`成本指怀` read as 成本指标, `一级指柝`:
怀 and 柝 for 标), which is weaker and said for review. (A 标 on the next line is no
evidence: it may be another label's line.) `read_label_tails` takes the same damage for a wrapped label's last
line fused into the name below (`数量损` over `杯农机…`).

Where the document prints no such damage, the table's wrap width is the evidence
(`shaped_rest`, warned): in a table whose level-2 labels all wrap at one width, a head cut
short of it is a line's start, so the characters that fill the line are the label's
(`服务对` | `蒙…` four wide), one in four out of place at most; a head that is a label's
text whole (`产出数量`) may be the whole label and takes none out of place.

Where one character of a two-character tail standing for the whole 指标 is in place or
printed so by the table and the other is not (`成本` | `脂怀…`, the table printing 时效脂标:
OCR damaged both, the table shows one), the tail is cut last of all and warned
(`half_attested_rest`), unless the other character is one the table's other names write, a
space as read falls inside, or the two are a word names open with (`NAME_OPENINGS`, 实际).

A label wrapped onto the next line states its rest there (`rest_below`, warned): `时效脂`
fused into the name, `标` on the line below in a level column the name's line leaves
blank (no label of that line's own can go on in it), the three one character in four
out of place at most: the tail (`脂`) is the label's.

Last of all, a head that reads a form all but its 标 (`质量指`, its 指 in place) takes one
character standing for that 标 though no other label prints it so (`质量指柝公益性…`,
`unattested_biao`): the place is the evidence (a label cut just before its last character),
the guards what the names write (a character of another name, no label's, no word with the
name's next), a short cell or 标 on the line below (the 标 wrapped there), and the column's
edge (a head as wide as it ends its line: the next character is the name's). Warned. Such
a head's 标 fused into the name opening the next line is read the same (`fused_order.biao_below`).

A label's ending alone at a name's head (`指标 农技培训…` under `成本` / `控制`, `标退役军人…`
under `旷孝指`: `cut_bare_label_endings`) is the last line of a label wrapped over the lines
above, whatever its other lines read: no name opens so, and the ending names no category, so
it is cut off and the row keeps the category placed (warned). A label printed whole with its
指标 on the row or the row above leaves no such line (`时效指标` over `指标调整审批…`).
"""
from __future__ import annotations

from dataclasses import replace

from formex.normalize.indicators.cells import IndicatorRow, LevelVocabulary, level_vocabulary
from formex.normalize.indicators.fragments import label_keys
from formex.normalize.indicators.fused import ASPECT, compound_keys, fused_issue, makes_word
from formex.normalize.indicators.fused_order import (
    ORDER_REST_MIN, SEPARATORS, SPACED_HEAD_MAX, SPACES, SUFFIX, WORDINGS, bare_words, cell_forms, chain_forms,
    head_forms, in_place, is_han,
    biao_below, biao_below_issue, keeps_its_word, label_endings, level2_column_edge, line_numbers, names_category,
    opens_another_name, printed_by_labels, spaced, written_by_other_names)
from formex.normalize.labels import label_key
from formex.schemas.document import Issue, Row
from formex.schemas.forms import FormSchema
from formex.schemas.name_words import NAME_OPENINGS, SUFFIXED_WORDS

OWN = SUFFIX + WORDINGS    # a label's own characters printed shifted (可持续影响类指), not damage
ATTEST_MIN = 4      # a printed label long enough that its characters in place place the others (数量指怀)
LINE_REST_MAX = 3    # characters of a wrapped label's line past a head cut short of it (服务对 | 象满意)
SHAPE_PER_WRONG = 4  # a label's printed text whole: one character out of place in four at most (服务对蒙, not 数量拾柝)


def cut_damaged_label_tails(items: list[IndicatorRow], rows: list[Row], schema: FormSchema) -> list[Issue]:
    """For each name whose head was cut off as a label (its last `fused` record, the name
    as cut): where the head opens one of the category's forms ending in 指标 (`head_reading`)
    and the name opens with the form's rest, the head and rest a printed level text or each
    character of the rest in place or printed so in the table (`damaged_rest`; a part of
    the rest only where head and part are a printed level text), that part is cut off too
    and joins the label's text. The name left keeps `ORDER_REST_MIN`
    characters and the word its category requires, and makes no word with the rest
    (`标准…`). Said (`label_fused`); a cut vouched by other labels' damage alone is warned
    (`label_unrecognised`). A cut by the table's wrap width alone (`shaped_rest`) is not made
    where another row's name opens with the tail and the character after it: the tail is a
    word of the document's names (a head short of the column may have lost a character)."""
    issues: list[Issue] = []
    vocab = level_vocabulary(schema)
    printed = printed_level_texts(items)
    damage = printed_damage(items, vocab) | header_damage(rows, items, schema)
    column = wrap_width(items)
    edge = level2_column_edge(items, vocab)
    where = line_numbers(rows)
    for i, item in enumerate(items):
        if not item.fused or not item.name:
            continue
        fused = item.fused[-1]
        head = label_key(fused.label.cell.text)
        if not head or fused.label.cell.text != head or not item.name.startswith(fused.rest.text.strip(SEPARATORS)):
            continue      # (the name may have taken its wrapped line since)
        if spaced(fused.cell, head):
            continue      # the head ends at a space as read: what follows is the name's
        found = damaged_rest(head, item.name, fused.label.spec, vocab, printed, damage)
        if found is None:
            found = printed_line_rest(head, item.name, fused.label.spec, vocab, printed)
        if found is None:
            found = shaped_rest(head, item.name, fused.label.spec, vocab, column)
            if found is not None and opens_another_name(items, i, found[0] + found[1][:1]):
                continue      # another row opens with the tail's word (学生… under 服务对学生家长…): the name's own
        if found is None:
            found = rest_below(head, item.name, fused.label.spec, vocab, *lines_of(rows, where, fused.cell, item))
        if found is None:
            found = half_attested_rest(head, item.name, fused.label.spec, vocab, damage)
            if found is not None and (names_write(items, i, found[0], damage)
                                      or not read_together(fused.cell, head, found[0])
                                      or suffix_below(*lines_of(rows, where, fused.cell, item)[1:])):
                found = None      # a character the document's names write, a space as read within, or the
                #                   label's 指标 maybe wrapped below (经济戌本措 | 标): the name's own
        if found is None and edge != len(head):     # (a head as wide as the column: the 标 on the next line)
            found = unattested_biao(head, item.name, fused.label.spec, vocab)
            if found is not None and (written_by_other_names(items, i, found[0])
                                      or not read_together(fused.cell, head, found[0])
                                      or short_cell_below(*lines_of(rows, where, fused.cell, item)[1:])
                                      or biao_opens_next(items, i, vocab)):
                found = None      # another name's word, a space as read, or a 标 wrapped below (in a cell or
                #                   at the head of the next line's name): the name's own
        if found is None and edge == len(head) + 1:     # (the character fills the line the column cuts)
            found = unattested_next(head, item.name, fused.label.spec, vocab)
            if found is not None and (written_by_other_names(items, i, found[0])
                                      or not read_together(fused.cell, head, found[0])
                                      or opens_another_name(items, i, found[0] + found[1][:1])
                                      or before_suffix(head, fused.label.spec, vocab)
                                      and not biao_below_name(*lines_of(rows, where, fused.cell, item)[1:])):
                found = None      # another name's character or word, a space as read, or a head that may be
                #                   a word printed whole (社会敫益 | 全社会…) with no 标 wrapped below it
        if found is None:
            continue
        tail, rest, why = found
        relabel(item, fused, head + tail, rest)
        issues.append(fused_issue(fused.cell, item.row.source_ref,
                                  f"{fused.cell.text!r}: {tail!r} after the label's head {head!r} is the rest of "
                                  f"{fused.label.spec.label!r} as this table prints it; the name read as {rest!r}"))
        if why:
            issues.append(Issue("warning", "label_unrecognised",
                                f"{tail!r} cut off the name {tail + rest!r} as the damaged rest of "
                                f"{fused.label.spec.label!r} after {head!r} ({why}; the cell read "
                                f"{fused.cell.raw or fused.cell.text!r})", field="level2",
                                source_ref=fused.cell.source_ref or item.row.source_ref))
    issues += cut_biao_on_next_line(items, rows, vocab, where)
    issues += cut_bare_label_endings(items)
    return issues


def bare_ending(name: str) -> str | None:
    """The label ending (`label_endings`) `name` opens with, or None: not a 标 making a word
    with the name's next character (`标准…`, schemas/name_words.yaml), and the name left keeps
    `ORDER_REST_MIN` characters."""
    for ending in label_endings():
        rest = name[len(ending):]
        if name.startswith(ending) and len(rest) >= ORDER_REST_MIN and not makes_word(ending, rest):
            return ending
    return None


def states_whole_label(item: IndicatorRow, but: str = "") -> bool:
    """Whether the row prints a level-2 label of its own ending in its 指标, in a level cell or
    cut off its name's head (`时效指标`, `数量指标 培训…`), other than the text `but` (a head
    still at the name's head, which a reading took as the row's label and left in the name)."""
    texts = [h.cell.text for h in item.level2 if not h.copied] + [f.label.cell.text for f in item.fused]
    return any(label_key(text).endswith(SUFFIX) and label_key(text) != but for text in texts)


def cut_bare_label_endings(items: list[IndicatorRow]) -> list[Issue]:
    """A name opening with a level label's ending alone (`指标 农技培训人均成本` under `成本` /
    `控制`, `标退役军人优待金…` under `旷孝指`, `类指标…`): the last line of a label wrapped over the
    lines above, fused into this row's name, whose other lines were read elsewhere or left
    damaged. The ending names no category and no name opens so: cut off, the row keeping the
    category placed. Not where another row's name opens with the same ending and next character
    (a word of the document's names), nor where a head cut off the name before it makes a word
    with it (`服务对` | `标…`: 对标), nor where the row or the row above prints a level-2 label
    whole with its 指标 (`时效指标` over `指标调整审批…`: that label has no line left). Warned."""
    issues: list[Issue] = []
    for i, item in enumerate(items):
        ending = bare_ending(item.name or "")
        if ending is None or opens_another_name(items, i, item.name[:len(ending) + 1]) \
                or states_whole_label(item) or i and states_whole_label(items[i - 1]):
            continue      # a label printed whole with its 指标 on the row or just above: no line of it is left
        name = item.name
        rest = name[len(ending):].strip(SEPARATORS)
        fused = item.fused[-1] if item.fused else None
        if fused is not None and fused.rest.text.strip(SEPARATORS) == name:
            head = label_key(fused.label.cell.text)
            if makes_word(head[-1:] + ending[:1], ""):
                continue      # the head cut before it ends in a word with it (服务对 | 标…: 对标): the name's
            relabel(item, fused, head + ending, rest)
        else:
            item.name = rest
        issues.append(Issue("warning", "label_unrecognised",
                            f"{name!r} opens with {ending!r}, a level label's ending alone (the last line of a "
                            f"label wrapped over the lines above): cut off, the row keeping its placed category; "
                            f"the name read as {rest!r}", field="level2", source_ref=item.row.source_ref))
    return issues


def suffixed_head(name: str) -> str | None:
    """The head of `name` up to its first 指标, where that is a level-2 label's length at most
    (`SPACED_HEAD_MAX`), all Chinese characters with one at least before the 指标 (a space as
    read may follow it, none inside it: the forms it is matched against print none), and the
    name after it keeps `ORDER_REST_MIN` characters; else None."""
    at = name.find(SUFFIX)
    head = name[:at + len(SUFFIX)]
    word = head[:-len(SUFFIX)]
    if at < 1 or len(head) > SPACED_HEAD_MAX or not word or not all(is_han(ch) for ch in word):
        return None
    return head if len(label_key(name[len(head):])) >= ORDER_REST_MIN else None


def form_tail_kept(head: str, spec, vocab: LevelVocabulary) -> tuple[int, str] | None:
    """(characters in place, form): the category's form (`cell_forms`) whose last characters
    the head is with the most of the characters before its 指标 in place: half of them at least
    where the head is the whole form (`薮量指标` of 数量指标), all but one where it is shorter, a
    wrapped label's last line (`满意度指标`, `度指标` of 服务对象满意度指标; not `群众满意度指标`, a
    name's word); or None."""
    word = head[:-len(SUFFIX)]
    best = None
    for form in cell_forms(spec, vocab):
        tail = form[len(form) - len(head):]
        if len(tail) != len(head) or not tail.endswith(SUFFIX):
            continue
        kept = in_place(word, tail, 0)
        enough = 2 * kept >= len(word) if len(head) == len(form) else kept >= len(word) - 1
        if kept and enough and (best is None or kept > best[0]):
            best = (kept, form)
    return best


def placed_form_tail(head: str, spec, vocab: LevelVocabulary, beside: frozenset[str] = frozenset()
                     ) -> str | None:
    """The placed category's form the head ends (`form_tail_kept`), where no other level-2
    category keeps more of the head's characters in place, nor as many where it is the
    category of a row beside (`beside`: `贡量指标` under 数量指标 just above 质量指标's row fits
    that block's label as well, which block it opens is in doubt); or None: a head keeping
    less of the category is another word (绩效指标 of no 数量指标)."""
    own = form_tail_kept(head, spec, vocab)
    if own is None:
        return None
    for other in vocab.level2_specs.values():
        if other is not spec and other.label != spec.label:
            rival = form_tail_kept(head, other, vocab)
            if rival is not None and (rival[0] > own[0] or rival[0] == own[0] and other.label in beside):
                return None
    return own[1]


def cut_suffixed_heads(items: list[IndicatorRow], placements: list, vocab: LevelVocabulary) -> list[Issue]:
    """A name opening with a head that ends in 指标 (`suffixed_head`: `薮量指标新建…`, `满意度指标教职工…`,
    `祆令效益类指标 居民…`), left by every reading before: the row's level-2 label fused into
    its name with its word damaged past reading it as a category (or a wrapped label's last
    line), its 指标 printed whole. No name the forms print holds 指标, so the head is the
    label's where it is the end of a form of the category placed with half its other
    characters in place, no other category fitting it better (`placed_form_tail`; a tie with
    the category of a row beside leaves it, and a head a reading kept whole as two categories
    alike stays, its doubt said): cut off, the row keeping its placed category.
    Not a head whose word before 指标 is one names write there (`SUFFIXED_WORDS`: 绩效指标…),
    nor one another row's name opens with (a word of the document's names), nor where the
    row states its level-2 label whole already (but the head itself: a reading took `质最指标` as
    the row's label and left it in the name). Warned (`label_unrecognised`)."""
    issues: list[Issue] = []
    for i, (item, placement) in enumerate(zip(items, placements)):
        if placement is None or not item.name or placement.level2 is None or item.unsettled_head:
            continue      # (a head read as two categories alike is kept whole, the doubt said)
        head = suffixed_head(item.name)
        if head is None or any(head[:-len(SUFFIX)].endswith(word) for word in SUFFIXED_WORDS) \
                or opens_another_name(items, i, head) or states_whole_label(item, head):
            continue
        beside = frozenset(p.level2.label for p in (placements[i - 1] if i else None, *placements[i + 1:i + 2])
                           if p is not None and p.level2 is not None)
        form = placed_form_tail(head, placement.level2, vocab, beside)
        if form is None:
            continue
        name = item.name
        rest = name[len(head):].strip(SEPARATORS)
        fused = item.fused[-1] if item.fused else None
        if fused is not None and fused.rest.text.strip(SEPARATORS) == name:
            relabel(item, fused, label_key(fused.label.cell.text) + head, rest)
        else:
            item.name = rest
        issues.append(Issue("warning", "label_unrecognised",
                            f"{name!r} opens with {head!r}, ending in 指标 as the end of {form!r} with half its "
                            f"other characters in place: the row's label damaged past reading, cut off, the row "
                            f"keeping its placed category {placement.level2.label!r}; the name read as {rest!r}",
                            field="level2", source_ref=item.row.source_ref))
    return issues


BIAO_UNATTESTED = "a character standing for its 标 that no other label of the table prints so"


def unattested_biao(head: str, name: str, spec, vocab: LevelVocabulary) -> tuple[str, str, str] | None:
    """(tail, rest, why) for `cut_damaged_label_tails` where the head reads a form of the
    category all but its 标 (`质量指` of 质量指标, half its characters in place, its 指 in
    place) and the name opens with one Chinese character standing for that 标, damaged as no
    other label of the table shows (`质量指柝公益性岗位…`): no label's own character (a
    label's next line or word fused, not this one's 标), no word with the name's next
    (`标准`, `指定`) nor one names open with (`NAME_OPENINGS`). Tried last, warned."""
    found = standing_in(name, spec, vocab)
    if found is None or not any(form.endswith(SUFFIX) and len(form) == len(head) + 1 and head[-1] == form[-2]
                                and 2 * in_place(head, form, 0) >= len(head) for form in chain_forms(spec, vocab)):
        return None
    return *found, BIAO_UNATTESTED


def standing_in(name: str, spec, vocab: LevelVocabulary) -> tuple[str, str] | None:
    """(tail, rest): the name's first character where it may stand in for a label's damaged
    one (`unattested_biao`, `unattested_next`): Chinese, no label's own character (a label's
    next line or word fused), not the name's own (`keeps_its_word`), the name left naming
    the category. None where not."""
    tail = name[:1]
    if not tail or not is_han(tail) or tail in printed_by_labels(vocab):
        return None
    rest = name[1:].strip(SEPARATORS)
    if keeps_its_word(tail, rest) or not names_category(rest, spec):
        return None
    return tail, rest


NEXT_UNATTESTED = "a character standing for the label's next, filling the line its column cuts"


def unattested_next(head: str, name: str, spec, vocab: LevelVocabulary) -> tuple[str, str, str] | None:
    """(tail, rest, why) for `cut_damaged_label_tails` where the head cut off the name is
    one character short of the level column's edge (the caller's `level2_column_edge`: a
    wrapped label's line fills the column), its characters in place but one at most and its
    last in place (`散量`, `服务对`, `可持续影`), and the name opens with one Chinese character
    out of place where the label's next stands (`散量脂补贴发放人数` in a column three wide):
    the line is full, so the character is the label's, damaged. Not after a head that is a
    label or word whole (`数量`, `社会效益`: it may be printed so), nor where the character is a
    label's (the next label fused), makes a word with the name's next or one names open
    with; the caller refuses another name's character or word and a space as read. Warned."""
    found = standing_in(name, spec, vocab)
    if found is None or len(head) < 2 or head in label_keys(vocab) | bare_words(vocab) | compound_keys(vocab).keys():
        return None
    if not any(len(form) > len(head) and head[-1] == form[len(head) - 1] and in_place(head, form, 0) >= len(head) - 1
               and form[len(head)] != found[0]
               for form in dict.fromkeys([*chain_forms(spec, vocab), *head_forms(spec)])):
        return None
    return *found, NEXT_UNATTESTED


def before_suffix(head: str, spec, vocab: LevelVocabulary) -> bool:
    """The head is as long as one of the category's forms up to its 指标, its last character
    in place (`散量` of 数量指标, `社会敫益`): a word that may be the label printed whole,
    without 指标 (the caller has the head's other characters in place but one)."""
    return any(len(form) == len(head) + len(SUFFIX) and form.endswith(SUFFIX)
               for form in chain_forms(spec, vocab) if head[-1] == form[len(head) - 1])


def biao_below_name(below: Row | None, at: int | None) -> bool:
    """The line below prints 标 at the head of a cell left of the name's column `at` or in it
    (`数晕拍补贴…` over `标`, `标 加装电梯…`): the label's last line, so its line above is cut
    at the column's edge and the character before the name is its 指."""
    return below is not None and at is not None and any(opens_with_biao(c, at) for c in below.cells)


def opens_with_biao(cell, at: int) -> bool:
    """The cell stands left of the name's column `at` or in it and opens with 标."""
    return cell.col <= at and label_key(cell.text).startswith(SUFFIX[-1])


def read_together(cell, head: str, tail: str) -> bool:
    """The cell as read prints the tail right after the head (no space between: after a
    space as read, the tail is the name's)."""
    return (cell.raw or cell.text).strip().startswith(head + tail)


def cut_biao_on_next_line(items: list[IndicatorRow], rows: list[Row], vocab: LevelVocabulary,
                          where: dict[str, int]) -> list[Issue]:
    """A label fused into a name's head that stops short of its 标 (`数量脂 受理服务…`: a form
    of its category all but the 标), whose 标 OCR fused into the name opening the next line
    (`biao_below`): cut off that name and joined to the label above, warned."""
    issues: list[Issue] = []
    for i, item in enumerate(items):
        if not item.fused or not item.name:
            continue
        fused = item.fused[-1]
        head = label_key(fused.label.cell.text)
        found = biao_below(items, i, head, chain_forms(fused.label.spec, vocab), fused.cell, rows, where, vocab)
        if found is None:
            continue
        cell, tail, rest = found
        relabel(item, fused, head + tail, item.name)
        items[i + 1].name = rest
        issues.append(biao_below_issue(cell, items[i + 1], head, tail, rest, fused.label.spec.label))
    return issues


def damaged_rest(head: str, name: str, spec, vocab: LevelVocabulary, printed: frozenset[str],
                 damage: frozenset[tuple[str, str]]) -> tuple[str, str, str] | None:
    """(tail, rest, why: empty where the head and tail are a printed level text) for `cut_damaged_label_tails`,
    the longest tail; or None. A tail short of the form's rest is the label's only where
    the head and tail are a printed level text: a line of the label may end anywhere
    (`质暈拾` | `标`), and a 标 on the next line may be another label's."""
    best = None
    for form in head_reading(head, spec, vocab):
        for n in range(len(form) - len(head), 0, -1):
            tail = name[:n]
            if len(tail) < n or label_key(tail) != tail:
                continue
            expected = form[len(head):len(head) + n]
            seen = head + tail in printed
            if not seen and n < len(form) - len(head):
                continue      # the form's rest part on this line, part not: a wrapped label's, vouched by no print
            if not seen and not all(a == b or (b, a) in damage for a, b in zip(tail, expected)):
                continue
            if tail == expected and not seen:
                continue      # written exactly: the passes that read labels read it (or left it a word)
            rest = name[n:].strip(SEPARATORS)
            if len(label_key(rest)) < ORDER_REST_MIN or not names_category(rest, spec) \
                    or makes_word(head + tail, rest) or makes_word(tail[-1], rest):
                continue
            why = "" if seen else "its characters printed so in other labels of the table"
            if best is None or (seen, n) > (not best[2], len(best[0])):
                best = (tail, rest, why)
            break
    return best


PRINTED_LINE = "the head and that text printed as a level cell of its own on another row"


def printed_line_rest(head: str, name: str, spec, vocab: LevelVocabulary, printed: frozenset[str]
                      ) -> tuple[str, str, str] | None:
    """(tail, rest, why) for `cut_damaged_label_tails` where the head is a line of a wrapped
    label cut short of its end (`服务对` of 服务对象满意度指标, no form ending in 指标 within
    two characters: `damaged_rest` reads those) and the head with the name's first
    characters, up to `LINE_REST_MAX`, is a text the table prints as a level cell on other
    rows (`服务对蒙` in the level column of the rows above `服务对蒙军休干部满意度`): the
    line restated, damaged the same way, its piece at the name's head the label's. The
    line keeps more than half its characters in place against one of the category's forms
    longer than it; the name left keeps `ORDER_REST_MIN` characters and the word its
    category requires, and makes no word with the line or the tail's last character; the
    longest such tail wins. Warned."""
    best = None
    for n in range(1, LINE_REST_MAX + 1):
        tail = name[:n]
        if len(tail) < n or label_key(tail) != tail or head + tail not in printed:
            continue
        line = head + tail
        if not any(len(form) > len(line) and 2 * in_place(line, form, 0) >= len(line) + 1
                   for form in dict.fromkeys([*chain_forms(spec, vocab), *head_forms(spec)])):
            continue      # (a line as long as a whole form is `damaged_rest`'s)
        rest = name[n:].strip(SEPARATORS)
        if len(label_key(rest)) < ORDER_REST_MIN or not names_category(rest, spec) \
                or makes_word(line, rest) or makes_word(tail[-1], rest):
            continue
        best = (tail, rest, PRINTED_LINE)
    return best


HALF_ATTESTED = "one of its characters in place or printed so in other labels of the table, the other not"


def half_attested_rest(head: str, name: str, spec, vocab: LevelVocabulary, damage: frozenset[tuple[str, str]]
                       ) -> tuple[str, str, str] | None:
    """(tail, rest, why) for `cut_damaged_label_tails` where the tail stands for the form's
    whole 指标 (`脂怀` after 成本, `拍际` after 时效), one of its two characters in place or
    printed so at its place by the table's labels or header (`damage`), the other a Han
    character the table shows nowhere: OCR damaged both, the table shows one (脂 for 指 in
    `时效脂标`). Weaker than `damaged_rest`: tried last, warned, and not made where the
    other character is one the document's names write (`names_write`), nor where the two are a
    word names open with (`NAME_OPENINGS`: 实际)."""
    for form in head_reading(head, spec, vocab):
        if form[len(head):] != SUFFIX:
            continue
        tail = name[:len(SUFFIX)]
        if len(tail) < len(SUFFIX) or not all(is_han(ch) for ch in tail) or tail in NAME_OPENINGS \
                or sum(a == b or (b, a) in damage for a, b in zip(tail, SUFFIX)) != 1:
            continue
        rest = name[len(tail):].strip(SEPARATORS)
        if len(label_key(rest)) < ORDER_REST_MIN or not names_category(rest, spec) \
                or makes_word(head + tail, rest) or makes_word(tail[-1], rest):
            continue
        return tail, rest, HALF_ATTESTED
    return None


def names_write(items: list[IndicatorRow], i: int, tail: str, damage: frozenset[tuple[str, str]]) -> bool:
    """A half-attested tail's character the table does not show as damage
    (`half_attested_rest`) is one another row's name writes (理 of `管理者满意度`, 管 printed
    for 指 elsewhere): a character of the document's words, the tail the name's own; a
    look-alike OCR put for 指 or 标 (怀, 栎) is seldom one the names write."""
    shown = {b for _, b in damage} | set(SUFFIX)
    return any(ch not in shown and any(ch in (item.name or "") for j, item in enumerate(items) if j != i)
               for ch in tail)


def suffix_below(below: Row | None, at: int | None) -> bool:
    """The line below prints a 标 or 指标 alone in a cell left of the name's column `at` or in it: a
    label's last line, maybe the rest of the label fused above (`经济戌本措` | `标`), so the
    characters after the head may be the name's."""
    return below is not None and at is not None and any(
        c.col <= at and label_key(c.text) and SUFFIX.endswith(label_key(c.text)) for c in below.cells)


def biao_opens_next(items: list[IndicatorRow], i: int, vocab: LevelVocabulary) -> bool:
    """The next row's name opens with 标, or with a Chinese character no label prints and no
    other name writes: maybe the 标 of a label cut before it on row i, wrapped onto the next line
    (`数最指家按时…` over `栎免费健康…`: 家 is the name's)."""
    if i + 1 >= len(items) or not items[i + 1].name:
        return False
    ch = items[i + 1].name[0]
    return ch == SUFFIX[-1] or is_han(ch) and ch not in printed_by_labels(vocab) \
        and not written_by_other_names(items, i + 1, ch)


def short_cell_below(below: Row | None, at: int | None) -> bool:
    """The line below prints 标 or 指标 as a cell (in any column: an OCR line's columns
    shift), a cell of one or two characters left of the name's column `at`, or a cell there
    or left of it opening with 标 or with one or two characters before a space: maybe the
    label's 标 or 指标 wrapped below, damaged (`时效指` | `杯`, `标 学生资助…`); or the line
    is not known."""
    if below is None or at is None:
        return True
    for c in below.cells:
        key, raw = label_key(c.text), (c.raw or c.text).strip()
        if key and SUFFIX.endswith(key) or c.col < at and 0 < len(key) <= len(SUFFIX) or opens_with_biao(c, at) \
                or c.col <= at and any(ch in SPACES for ch in raw[1:len(SUFFIX) + 1]):
            return True
    return False


def shaped_rest(head: str, name: str, spec, vocab: LevelVocabulary, column: int) -> tuple[str, str, str] | None:
    """(tail, rest, why) for `cut_damaged_label_tails` where the document prints no such
    damage, in a table whose level-2 labels wrap (`column`, the one width of their first
    lines, `wrap_width`): the head and the tail are the label's line on this row, as wide as the column
    where the form is longer (服务对蒙 in a column four wide) or the form whole where it
    fits (数量指怀 in one five wide), their characters out of place `SHAPE_PER_WRONG`
    apart at least; a tail of two characters or more none of which is in place (`质量拾柝`)
    is no evidence: a name may open with any two words after a bare 质量. The width is the
    evidence the tail is the label's: a line of a wrapped label is full, and a name's first
    character after a label printed whole (`服务对象满意` | `收入…`, a label printed a word
    short) makes the text no line of it; where no label wraps, nothing tells them apart
    and the tail stays. A head that is a label's text whole (`产出数量`, `社会效益`, shorter
    than the column) may be the whole label: it takes only the form's own characters. The
    likest wins."""
    if not column:
        return None
    whole = head in label_keys(vocab) | bare_words(vocab) | compound_keys(vocab).keys()
    best = None
    for form in dict.fromkeys([*chain_forms(spec, vocab), *head_forms(spec)]):
        n = min(len(form), column)
        tail = name[:n - len(head)] if n > len(head) else ""
        if not tail or len(head) + len(tail) != n or label_key(tail) != tail:
            continue
        printed = head + tail
        kept = in_place(printed, form, 0)
        if kept == n or SHAPE_PER_WRONG * (n - kept) > n or len(tail) > 1 and not in_place(tail, form, len(head)):
            continue
        if whole and in_place(tail, form, len(head)) < len(tail):
            continue      # a head that is a label's text whole (产出数量, 社会效益) may be printed so: only the
            #               form's own characters go on it (满意度 | 指), a damaged one is the name's (产出数量新建…)
        rest = name[len(tail):].strip(SEPARATORS)
        if len(label_key(rest)) < ORDER_REST_MIN or not names_category(rest, spec) \
                or makes_word(printed, rest) or makes_word(tail[-1], rest):
            continue
        if best is None or kept / n > best[0]:
            why = f"{printed!r} read as {form[:n]!r}, " + (
                f"a line of a label wrapped {column} wide" if n < len(form) else "the label whole in its column")
            best = (kept / n, (tail, rest, why))
    return best[1] if best else None


def rest_below(head: str, name: str, spec, vocab: LevelVocabulary, line: Row | None, below: Row | None,
               at: int | None) -> tuple[str, str, str] | None:
    """(tail, rest, why) for `cut_damaged_label_tails` where the label wrapped onto the next
    line: that line prints the form's rest after head and tail written exactly (`标` of
    `时效脂` | `标`) in a cell left of the name (column `at`), in a column the name's line
    leaves blank, so no label of that line's own goes on in it (a wrapped level-1 label's
    `产出指` | `标` prints its first line there). The tail is as long as the form leaves for
    it, head, tail and rest out of place one character in `SHAPE_PER_WRONG` at most and not
    written exactly (the passes that read labels read it). The shortest tail wins."""
    if line is None or below is None or at is None:
        return None
    used = {c.col for c in line.cells if c.text.strip()}
    pieces = {key: c.col for c in below.cells if c.col < at and c.col not in used
              and (key := label_key(c.text)) and key == c.text.strip()}
    for form in head_reading(head, spec, vocab):
        for n in range(1, len(form) - len(head)):
            tail, piece = name[:n], form[len(head) + n:]
            if len(tail) < n or label_key(tail) != tail or piece not in pieces:
                continue
            kept = in_place(head + tail + piece, form, 0)
            if kept == len(form) or SHAPE_PER_WRONG * (len(form) - kept) > len(form):
                continue
            rest = name[n:].strip(SEPARATORS)
            if len(label_key(rest)) < ORDER_REST_MIN or not names_category(rest, spec) \
                    or makes_word(head + tail, rest) or makes_word(tail[-1], rest):
                continue
            return tail, rest, (f"{head + tail!r} | {piece!r} read as {form!r}, its rest {piece!r} printed on the "
                                f"line below in a level column the name's line leaves blank")
    return None


def lines_of(rows: list[Row], where: dict[str, int], cell, item: IndicatorRow
             ) -> tuple[Row | None, Row | None, int | None]:
    """(the line the name's cell prints on, the line below it, the cell's column), Nones
    where the line is not known."""
    k = where.get(cell.source_ref) if cell.source_ref else None
    if k is None:
        k = where.get(item.row.source_ref)
    if k is None or k + 1 >= len(rows):
        return None, None, None
    return rows[k], rows[k + 1], cell.col


def wrap_width(items: list[IndicatorRow]) -> int:
    """The width the level-2 labels wrap at: the length of the first line of each label
    joined from its wrapped lines (its text opening with what the cell read), where all
    are as long; 0 where none wraps or their first lines differ (a width misread is no
    evidence of where a line ends)."""
    firsts = {len(first) for item in items for h in item.level2 if not h.copied
              for first, whole in [(label_key(h.cell.raw or ""), label_key(h.cell.text))]
              if first and len(first) < len(whole) and whole.startswith(first)}
    return firsts.pop() if len(firsts) == 1 else 0


def head_reading(head: str, spec, vocab: LevelVocabulary) -> tuple[str, ...]:
    """The category's forms ending in 指标 that the head opens, as long as it and up to its
    指标 more, half its characters in place: those it reads likest, the shortest of them
    (时效脂 is 时效指标's, not 时效类指标's with a character to come)."""
    if head.endswith(SUFFIX):
        return ()
    forms = [form for form in chain_forms(spec, vocab) if form.endswith(SUFFIX)
             and len(head) < len(form) <= len(head) + len(SUFFIX) and 2 * in_place(head, form, 0) >= len(head)]
    if not forms:
        return ()
    most = max(in_place(head, form, 0) for form in forms)
    forms = [form for form in forms if in_place(head, form, 0) == most]
    shortest = min(len(form) for form in forms)
    return tuple(form for form in forms if len(form) == shortest)


def printed_level_texts(items: list[IndicatorRow]) -> frozenset[str]:
    """The level cells' texts the table prints as keys (read or not, a copy filled down
    aside)."""
    cells = [c for item in items for c in item.unrecognised] + [
        h.cell for item in items for h in (*item.level1, *item.level2) if not h.copied]
    return frozenset(key for c in cells if (key := label_key(c.raw or c.text)))


def printed_damage(items: list[IndicatorRow], vocab: LevelVocabulary, one_lost: bool = False
                   ) -> frozenset[tuple[str, str]]:
    """(the 指 or 标 of a form, the character printed for it) where a label the table reads
    (`ATTEST_MIN` characters or more, a copy filled down aside, no label written exactly)
    is as long as one of its category's forms ending in 指标, more than half the characters
    before them in place (时效拍杯 read as 时效指标): the OCR damage this document's labels
    show at their 指标. `one_lost`: only labels keeping one character of their 指标 in place
    (`满意度指怀`): a label whose 指标 is all out of place may be a word (`成本控制`)."""
    keys = label_keys(vocab) | {form for spec in vocab.level2_specs.values() for form in head_forms(spec)}
    hints = [h for item in items for h in (*item.level1, *item.level2, *(f.label for f in item.fused))
             if not h.copied]
    out = set()
    for hint in hints:
        text = label_key(hint.cell.text)
        if len(text) < ATTEST_MIN or hint.cell.text != text:
            continue
        if text in keys or text.endswith(ASPECT):
            continue      # a label written exactly (成本控制, an alias; 质量方面, its wording): no damage
        forms = [form for form in own_forms(hint.spec, vocab) if len(form) == len(text) and form.endswith(SUFFIX)
                 and 2 * in_place(text[:-len(SUFFIX)], form, 0) > len(text) - len(SUFFIX)]
        if not forms:
            continue
        form = max(forms, key=lambda f: in_place(text, f, 0))
        if one_lost and not in_place(text[-len(SUFFIX):], form, len(form) - len(SUFFIX)):
            continue
        out |= {(a, b) for a, b in zip(form[-len(SUFFIX):], text[-len(SUFFIX):]) if a != b and b not in OWN}
    return frozenset(out)


def header_damage(rows: list[Row], items: list[IndicatorRow], schema: FormSchema) -> frozenset[tuple[str, str]]:
    """(the 指 or 标 of a column's name, the character printed for it) where a cell of the
    lines above the table's first row (its header) is as long as a column name holding 指标
    (三级指标, 指标值), half its other characters in place at least (一圾指际, 拾标值). A cell
    that is some column's name exactly, of any role, is no damage (目标值 is no damaged
    指标值)."""
    if not items:
        return frozenset()
    refs = {item.row.source_ref for item in items}
    first = next((k for k, row in enumerate(rows) if row.source_ref in refs), 0)
    columns = {label_key(text) for name, aliases in schema.indicator_columns for text in (name, *aliases)}
    names = {key for key in columns if SUFFIX in key}
    out = set()
    for row in rows[:first]:
        for text in (label_key(cell.text) for cell in row.cells):
            if text in columns:
                continue      # a column's name written exactly
            for name in names:
                at = name.find(SUFFIX)
                if len(text) != len(name):
                    continue
                other = [(a, b) for k, (a, b) in enumerate(zip(name, text)) if not at <= k < at + len(SUFFIX)]
                kept = sum(a == b for a, b in other)
                if kept and 2 * kept >= len(other):
                    out |= {(a, b) for a, b in zip(SUFFIX, text[at:at + len(SUFFIX)]) if a != b and b not in OWN}
    return frozenset(out)


def own_forms(spec, vocab: LevelVocabulary) -> tuple[str, ...]:
    """A level-1 or level-2 category's forms as keys."""
    if spec.label in vocab.level2_specs and vocab.level2_specs[spec.label] is spec:
        return chain_forms(spec, vocab)
    return tuple(dict.fromkeys(label_key(text) for text in (spec.label, *spec.aliases)))


def relabel(item: IndicatorRow, fused, label: str, rest: str) -> None:
    """The row's fused record (and the label hint it put on the row) with the label's text
    longer by the tail, and the name left."""
    hint = replace(fused.label, cell=replace(fused.label.cell, text=label))
    item.level2 = [hint if h is fused.label else h for h in item.level2]
    if item.own_level2 is fused.label:
        item.own_level2 = hint
    left = fused.rest.text.strip(SEPARATORS)[len(item.name) - len(rest):]     # the cell's part, less the tail
    item.fused[-1] = replace(fused, label=hint, rest=replace(fused.rest, text=left))
    item.name = rest
