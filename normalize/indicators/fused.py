"""A level label fused into the indicator-name cell, split off again.

Some OCR engines read a level-2 label and the name beside it as one cell when the line
between them is faint: `数量指标培训人次` or `数量指标 培训人次`. Read as a name, the row
loses its label (the block's evidence where the label printed) and its name is wrong.

A name cell is split when its head is a whole level-2 label in its full form, and
something follows it:

- the head ends in 指标 (`数量指标`, `社会效益指标`, `数量性指标`: the label's suffix);
  or it is a label of four characters or more written out exactly before a space or
  separator (`数量指标 培训人次`, `资产管理：…`), or an alias and 类 (`社会效益类…`,
  never `质量指标各类…`); the longest such head wins;
- the head reads as a level-2 label under the level-label rules (`classify_label`), at
  a stricter similarity than a label alone in its cell (`FUSED_CUTOFF`): a four-character
  label must be exact, since a name's own head (`绩效指标完成率`) is one character off
  a label (时效指标) as often as a damaged label is; longer labels (经济效益指标) forgive
  one character;
- a bare keyword is never a head (`质量合格率`, `满意度调查覆盖率`, `数量统计准确率`
  start with a category's word, not its label); a level-1 label is one only before a
  level-2 head (`产出指标数量指标培训人次`), never alone (`产出指标…` names no category);
- the whole cell is no label itself, and the rest is not empty.

A label whose 指 OCR damaged (`社会效益拍标…`, `时效损标…`) is read as well, but only where
nothing else is damaged (`damaged_suffix_head`): the head is as long as a level-2 label
(or alias) ending in 指标, its keyword written exactly (社会效益, 时效), its 标 in place
and its 指 read as another character that makes no word with 标 (质量达标…, 质量目标…,
质量对标… open with the name's own words); a name of two characters or more follows. A
damaged 标 is not read so (`数量指` and the name: `数量指发放…` is a label wrapped before its
标, not a damaged one), nor a head one character off in its keyword (`绩效指标完成率` ~
时效指标): neither is evidence of a fused label, and neither is cut.

A head read without its 指标 (`可持续影响类`, `社会效益类`) takes along a 指标 after it damaged in
one character (`可持续影响类措标 …`, `社会效益类指杯 …`; not `指导…`, `目标…`), the name left
keeping two characters; a cell of its own whose last two characters are all that is left
after such a head (`社会效益类拍际`, the 指标 damaged past reading, no space before it), the
row's name in a cell right of it, is the label whole (`label_fused` says so).

Three wordings are read by their shape as well, each written so no name opens with it:

- a group's word and one of its categories' words, exactly (`产出数量绿色食品认证面积`,
  `产出时效指标 …`: the level-2 column of forms that repeat the group), a 指标 after it
  taken along (`产出质量损标…`; `指` and another character is left to the order, as it may
  open the name: `指补贴…`), the name left four characters or more (`compound_head`);
- a long label printed a word short (`服务满意度指标` of 服务对象满意度指标): six characters
  or more ending in 指标, within one category's label up to two longer, at `FUSED_CUTOFF`
  (`shortened_label`); `经济指标` (two categories) and a group's label are not;
- a category's word of four characters or more and 方面 for 指标 (`社会效益方面…`), one
  character of the word damaged at most (`袿会效益方面`), of one category only (`aspect_head`).

The label becomes the row's level-2 evidence, as if printed in the level column; the
rest is the name. The cell's raw text is kept on both parts, and the row records the
split (`label_fused` info issue).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from formex.normalize.indicators.cells import (
    LABEL_CUTOFF, LABEL_ENDINGS, LABEL_MAX_KEY, LABEL_SUFFIX, LabelHint, LevelVocabulary, classify_label)
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Cell, Issue
from formex.schemas.name_words import CATEGORY_WORD_OPENINGS, WORDS_AFTER, WORDS_WITH_BIAO

FUSED_CUTOFF = 80.0          # one wrong character in six (经济效蓝指标) scores 83; in four, 75
FUSED_SUFFIXES = LABEL_ENDINGS   # a label's own suffix: a full label, not a keyword
SEPARATOR = re.compile(r"[\s:：、/|｜]+")
HEAD_MAX = LABEL_MAX_KEY      # a head longer than any label is no label
SEPARATED_MIN = 4             # a head before a separator or 类: a label (资产管理), not a keyword (数量, 满意度)


@dataclass(frozen=True)
class FusedLabel:
    cell: Cell          # the cell as read (label and name together)
    label: LabelHint    # the level-2 label split off its head
    rest: Cell          # the name that follows it
    level1: LabelHint | None = None   # a level-1 label fused before it (产出指标数量指标…)


def fused_issue(cell: Cell, fallback_ref: str | None, message: str) -> Issue:
    """The `label_fused` info issue for a label cut off the name in `cell`: on the level-2
    field, at the cell (or the row's `fallback_ref` where the cell has none)."""
    return Issue("info", "label_fused", message, field="level2", source_ref=cell.source_ref or fallback_ref)


def heads(text: str) -> list[tuple[str, str]]:
    """(head, rest) candidates, longest head first (`社会效益类指标…` is read to its 指标,
    not to 类): cut after each 指标 or 类 and at each separator, within the first
    `HEAD_MAX` characters."""
    out = []
    for k in range(2, min(len(text), HEAD_MAX + 2)):
        head, rest = text[:k], SEPARATOR.sub("", text[k:], count=1) if SEPARATOR.match(text[k:]) else text[k:]
        if (head.endswith(FUSED_SUFFIXES) or SEPARATOR.match(text[k]) and not SEPARATOR.match(text[k - 1])) \
                and rest.strip():
            out.append((head, rest.strip()))
    return out[::-1]


def full_label(head: str, hint: LabelHint) -> bool:
    """The head reads as the label in full: exactly, with one character off a long label
    (`FUSED_CUTOFF`), or with extra words around all of the alias's characters
    (`数量性指标`, `产出数量指标`); a head ending in 类 only as an alias and 类 (社会效益类,
    not 质量指标各类 of `质量指标各类救助补贴发放准确率`)."""
    key, alias = label_key(head), label_key(hint.match.alias)
    if not key.endswith(FUSED_SUFFIXES[0]):
        return key.endswith(FUSED_SUFFIXES[1:]) and key[:-1] == alias or hint.match.exact
    if hint.match.score >= FUSED_CUTOFF:
        return True
    chars = iter(key)
    return len(alias) < len(key) and all(ch in chars for ch in alias)


def with_ending(head: str, rest: str) -> tuple[str, str]:
    """A head read without its 指标 (`可持续影响类`, `社会效益类`, `社会效益`) and a name opening
    with that 指标 damaged in one character (`措标`, `指杯`: 指 before another character making
    no word with it, or 标 after one making none: 指导…, 目标… are the name's own): the
    ending taken along, where the name left keeps `DAMAGED_REST_MIN` characters."""
    if label_key(head).endswith(LABEL_SUFFIX):
        return head, rest
    pair = rest[:2]
    if len(pair) != 2 or not (pair[0] == LABEL_SUFFIX[0] and pair[1] not in WORDS_AFTER[LABEL_SUFFIX[0]]
                              or pair[1] == LABEL_SUFFIX[1] and pair[0] not in WORDS_WITH_BIAO):
        return head, rest
    left = rest[2:]
    left = (SEPARATOR.sub("", left, count=1) if SEPARATOR.match(left) else left).strip()
    if len(label_key(left)) < DAMAGED_REST_MIN:
        return head, rest
    return head + pair, left


def split_fused_label(cell: Cell, vocab: LevelVocabulary, *, level1: bool = True) -> FusedLabel | None:
    """The level-2 label fused into the head of a name cell and the name after it, or
    None (see the module doc for the rules). A level-1 label fused before the level-2
    one (`产出指标数量指标培训人次`) is split off too, where `level1` allows; a level-1
    label alone before the name is not: it would leave the row's category unsaid.

    A cell that reads as a label as a whole is left to the label rules."""
    if not splits(cell.text, vocab, level1):
        return None
    return fused_label_of(cell, vocab, level1)


@lru_cache(maxsize=65536)
def splits(text: str, vocab: LevelVocabulary, level1: bool) -> bool:
    """Whether `split_fused_label` finds a label in a cell of this text: it reads the cell's
    text only, and most cells (names) hold none, so the answer is kept per text and the
    cells are built only where one is found."""
    return fused_label_of(Cell(text=text, raw=text, col=0), vocab, level1) is not None


def fused_label_of(cell: Cell, vocab: LevelVocabulary, level1: bool) -> FusedLabel | None:
    """`split_fused_label` for a cell."""
    text = cell.text.strip()
    if not text or classify_label(cell, vocab) is not None:
        return None
    for head, rest in heads(text):
        key = label_key(head)
        if not key or len(key) > HEAD_MAX or not label_key(rest):
            continue
        hint = classify_label(replace(cell, text=head), vocab, cutoff=LABEL_CUTOFF)
        if hint is None or hint.level != 2:
            hint = shortened_label(replace(cell, text=head), vocab) or hint
        if hint is None or len(key) < SEPARATED_MIN or not full_label(head, hint):
            continue      # a label written out in full (资产管理：…, 社会效益类), no keyword (数量 …, 数量类)
        if hint.level == 2:
            head, rest = with_ending(head, rest)
            return FusedLabel(cell, replace(hint, cell=replace(cell, text=head)), replace(cell, text=rest))
        inner = split_fused_label(replace(cell, text=rest), vocab, level1=False) if level1 else None
        if inner is not None:
            return replace(inner, cell=cell, level1=hint)
    return (damaged_suffix_head(cell, vocab) or compound_head(cell, vocab) or aspect_head(cell, vocab)) \
        if level1 else None


DAMAGED_REST_MIN = 2     # the name after a damaged head keeps two characters at least
# WORDS_WITH_BIAO: the characters before 标 in words a name opens with (质量达标率, 评标…);
# WORDS_AFTER: the characters after a lone 标 or 指 making a word (标准, 指导, 指定): a name's
# own words, not a damaged 指标 (schemas/name_words.yaml)


def makes_word(head: str, rest: str) -> bool:
    """The head is a lone 标 or 指 and makes a word with the rest's first character
    (`标` | `准化…`), or ends in a word of 指 or 标 read as a damaged 指标 (`指定` | `医疗…`,
    `评标` | `专家…`): the name's own words either way."""
    if len(head) == 1:
        return rest[:1] in WORDS_AFTER.get(head, ())
    pair = head[-2:]
    return pair != LABEL_SUFFIX and (pair[0] == LABEL_SUFFIX[0] and pair[1] in WORDS_AFTER[LABEL_SUFFIX[0]]
                                     or pair[1] == LABEL_SUFFIX[1] and pair[0] in WORDS_WITH_BIAO)


@lru_cache(maxsize=None)
def suffixed_keys(vocab: LevelVocabulary) -> dict[int, frozenset[str]]:
    """The level-2 label and alias keys ending in 指标, by length."""
    out: dict[int, set[str]] = {}
    for spec in vocab.level2_specs.values():
        for text in (spec.label, *spec.aliases):
            key = label_key(text)
            if key.endswith(LABEL_SUFFIX) and len(key) > len(LABEL_SUFFIX):
                out.setdefault(len(key), set()).add(key)
    return {n: frozenset(keys) for n, keys in out.items()}


def repaired_suffix(head: str) -> str | None:
    """The head with its damaged 指 read back (`时效损标` -> 时效指标), or None where its
    last two characters are 指标 already, do not end in 标, or make a word (达标, 目标)."""
    zhi, biao = head[-2:] if len(head) >= 2 else ("", "")
    if zhi != "指" and biao == "标" and zhi not in WORDS_WITH_BIAO:
        return head[:-2] + LABEL_SUFFIX
    return None


def damaged_suffix_head(cell: Cell, vocab: LevelVocabulary) -> FusedLabel | None:
    """A level-2 label whose 指 OCR damaged, fused into the head of a name cell
    (`社会效益拍标全社会…`, `时效损标 退役军人…`), split off, or None (see the module doc).
    The hint is the label read from the head as printed, its damage in its score."""
    found = damaged_suffix_split(cell.text.strip(), vocab)
    if found is None:
        return None
    head, repaired, rest = found
    hint = classify_label(replace(cell, text=repaired), vocab)
    if hint is None or hint.level != 2 or not hint.match.exact:
        return None
    hint = replace(hint, cell=replace(cell, text=head),
                   match=replace(hint.match, score=fuzz.ratio(head, repaired)))
    return FusedLabel(cell, hint, replace(cell, text=rest))


@lru_cache(maxsize=65536)
def damaged_suffix_split(text: str, vocab: LevelVocabulary) -> tuple[str, str, str] | None:
    """(the head as read, the label key it reads as, the name after it) for
    `damaged_suffix_head`, or None."""
    lengths = suffixed_keys(vocab)
    if "标" not in text[:max(lengths, default=0)]:
        return None
    for n, keys in sorted(lengths.items(), reverse=True):
        head = text[:n]
        rest = text[n:]
        rest = SEPARATOR.sub("", rest, count=1) if SEPARATOR.match(rest) else rest
        if len(head) != n or label_key(head) != head or len(label_key(rest)) < DAMAGED_REST_MIN:
            continue
        repaired = repaired_suffix(head)
        if repaired is not None and repaired in keys:
            return head, repaired, rest.strip()
    return None


# --- a level-1 word and a level-2 word printed as one label (`产出数量`, `效益社会效益`)

BARE_ENDINGS = ("类" + LABEL_SUFFIX, LABEL_SUFFIX, "目标", "类")   # what a label's bare word is printed with
COMPOUND_REST_MIN = 4     # the name after a compound head (完成率, 达标率 alone name nothing)


def bare_word(text: str) -> str:
    """A label's key without its ending (`产出类指标` -> 产出, `数量指标` -> 数量), or ''
    where nothing is left but the ending."""
    key = label_key(text)
    for ending in BARE_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            return key[:-len(ending)]
    return key


@lru_cache(maxsize=None)
def compound_keys(vocab: LevelVocabulary) -> dict[str, str]:
    """{`产出数量`: 数量指标, ...}: each level-1 group's bare words before each of its
    categories' bare words, without and with 指标: the wording of forms whose level-2
    column repeats the group (产出数量, 产出时效指标)."""
    out: dict[str, str] = {}
    for spec in vocab.level2_specs.values():
        group = vocab.level1_specs.get(spec.level1)
        if group is None:
            continue
        heads = {bare_word(t) for t in (group.label, *group.aliases)} - {""}
        words = {bare_word(t) for t in (spec.label, *spec.aliases)} - {""}
        for head in heads:
            for word in words:
                if word != head and not word.startswith(head):
                    out.setdefault(head + word, spec.label)
                    out.setdefault(head + word + LABEL_SUFFIX, spec.label)
    return out


def compound_label(cell: Cell, vocab: LevelVocabulary) -> LabelHint | None:
    """A level cell printing exactly a group's word and one of its categories' words
    (`产出成本`, `产出时效指标`: `compound_keys`), read as that category: no alias lists
    these wordings, and read fuzzily the category's own word is as near several labels
    (成本 of 经济成本, 社会成本 …), so a row holding nothing else (a category listed
    without indicators) was read as no row at all."""
    label = compound_keys(vocab).get(label_key(cell.text))
    if label is None:
        return None
    return LabelHint(2, vocab.level2_specs[label], cell, LabelMatch(label, label_key(cell.text), 100.0))


def compound_head(cell: Cell, vocab: LevelVocabulary) -> FusedLabel | None:
    """A level-1 group's word and one of its categories' words written exactly at a name's
    head (`产出数量绿色食品认证面积`, `产出时效 补贴…`), split off: two labels in a row
    open no name. The longest such head wins; the name left keeps `COMPOUND_REST_MIN`
    characters (`产出质量达标率` stays whole), and the cut splits no word names open with
    (`产出成本核算…`: `cuts_opening`)."""
    found = compound_split(cell.text.strip(), vocab)
    if found is None:
        return None
    head, label, rest = found
    spec = vocab.level2_specs[label]
    hint = LabelHint(2, spec, replace(cell, text=head), LabelMatch(label, head, 100.0))
    return FusedLabel(cell, hint, replace(cell, text=rest))


@lru_cache(maxsize=65536)
def compound_split(text: str, vocab: LevelVocabulary) -> tuple[str, str, str] | None:
    """(head, category, name) for `compound_head`, or None."""
    keys = compound_keys(vocab)
    for n in range(min(len(text) - 1, HEAD_MAX), 3, -1):
        label = keys.get(text[:n])
        if label is None:
            continue
        head = text[:n]
        if not head.endswith(LABEL_SUFFIX):
            ending = suffix_after(text[n:])
            if ending.endswith(LABEL_SUFFIX[0]) or ending[-1:] not in ("", LABEL_SUFFIX[1]):
                return None    # 指 and a character: a damaged 标 or the name's own (指补贴…): left to the order
            head += ending
        rest = text[len(head):]
        rest = (SEPARATOR.sub("", rest, count=1) if SEPARATOR.match(rest) else rest).strip()
        if len(label_key(rest)) >= COMPOUND_REST_MIN and not cuts_opening(text, len(head)):
            return head, label, rest
        return None
    return None


def cuts_opening(text: str, n: int) -> bool:
    """Whether a cut after the first n characters falls inside a word names open with
    (`CATEGORY_WORD_OPENINGS`) printed across it: `产出成本` | `核算…` splits 成本核算, the name's own
    word after the group's label line (产出 of a wrapped 产出时效)."""
    return any(0 <= text.find(word, max(0, n - len(word) + 1)) < n < text.find(word, max(0, n - len(word) + 1))
               + len(word) for word in CATEGORY_WORD_OPENINGS)


LABEL_WORDINGS = "类性"     # 时效类指标, 数量性指标


def suffix_after(text: str) -> str:
    """The label's ending after its keyword, however damaged: a wording (类, 性) and a
    指标 with one of its characters in place (损标, 指栎), or 指 alone; or 方面."""
    if text.startswith(ASPECT):
        return ASPECT
    k = 1 if text[:1] and text[0] in LABEL_WORDINGS else 0
    pair = text[k:k + 2]
    if len(pair) == 2 and (pair[0] == LABEL_SUFFIX[0] or pair[1] == LABEL_SUFFIX[1] and pair[0] not in WORDS_WITH_BIAO):
        return text[:k + 2]
    if pair[:1] == LABEL_SUFFIX[0]:
        return text[:k + 1]
    return text[:k]     # a wording alone (数量性 水稻…)


# --- a long label printed a word short (服务满意度指标 of 服务对象满意度指标)

SHORTENED_MIN = 6     # the head keeps six characters (a word dropped, not a keyword left: 经济指标)
SHORTENED_BY = 2      # ... of a label at most two longer


@lru_cache(maxsize=None)
def suffixed_labels(vocab: LevelVocabulary) -> dict[str, str]:
    """{key: category} for the level-2 labels and aliases ending in 指标."""
    out: dict[str, str] = {}
    for spec in vocab.level2_specs.values():
        for text in (spec.label, *spec.aliases):
            key = label_key(text)
            if key.endswith(LABEL_SUFFIX) and len(key) > len(LABEL_SUFFIX):
                out.setdefault(key, spec.label)
    return out


def within(short: str, key: str) -> bool:
    """Every character of `short` in `key`, in order."""
    chars = iter(key)
    return all(ch in chars for ch in short)


def shortened_label(cell: Cell, vocab: LevelVocabulary) -> LabelHint | None:
    """The level-2 label the cell prints a word short: its key ends in 指标, is
    `SHORTENED_MIN` characters or more, and lies within one category's label (or alias)
    up to `SHORTENED_BY` characters longer, at `FUSED_CUTOFF` (`服务满意度指标`); None where
    two categories hold it. A level-1 label read in it (满意度指标) names less."""
    key = label_key(cell.text)
    found = shortened_match(key, vocab) if len(key) >= SHORTENED_MIN and key.endswith(LABEL_SUFFIX) else None
    if found is None:
        return None
    label, alias, score = found
    return LabelHint(2, vocab.level2_specs[label], cell, LabelMatch(label, alias, score))


@lru_cache(maxsize=16384)
def shortened_match(key: str, vocab: LevelVocabulary) -> tuple[str, str, float] | None:
    """(category, its key, score) for `shortened_label`, or None."""
    found = {}
    for full, label in suffixed_labels(vocab).items():
        if 0 < len(full) - len(key) <= SHORTENED_BY and within(key, full):
            score = round(fuzz.ratio(key, full), 1)
            if score >= FUSED_CUTOFF and score > found.get(label, ("", 0.0))[1]:
                found[label] = (full, score)
    if len(found) != 1:
        return None
    (label, (full, score)), = found.items()
    return label, full, score


# --- a label worded with 方面 for 指标 (社会效益方面), fused at a name's head

ASPECT = "方面"
ASPECT_WORD_MIN = 4     # 社会效益方面, 经济成本方面: a long word, one character may be damaged


@lru_cache(maxsize=None)
def aspect_words(vocab: LevelVocabulary) -> dict[str, str]:
    """{bare word: category} for the level-2 words of `ASPECT_WORD_MIN` characters or more."""
    out: dict[str, str] = {}
    for spec in vocab.level2_specs.values():
        for text in (spec.label, *spec.aliases):
            word = bare_word(text)
            if len(word) >= ASPECT_WORD_MIN:
                out.setdefault(word, spec.label)
    return out


def aspect_head(cell: Cell, vocab: LevelVocabulary) -> FusedLabel | None:
    """A category's word and 方面 at a name's head (`社会效益方面义务教育入学率`,
    `袿会效益方面 …`), split off: the word of four characters or more, one of them
    damaged at most and of one category only; 方面 opens no name after it."""
    found = aspect_split(cell.text.strip(), vocab)
    if found is None:
        return None
    head, label, alias, score, rest = found
    hint = LabelHint(2, vocab.level2_specs[label], replace(cell, text=head), LabelMatch(label, alias, score))
    return FusedLabel(cell, hint, replace(cell, text=rest))


@lru_cache(maxsize=65536)
def aspect_split(text: str, vocab: LevelVocabulary) -> tuple[str, str, str, float, str] | None:
    """(head, category, word, score, name) for `aspect_head`, or None."""
    at = text.find(ASPECT, ASPECT_WORD_MIN, HEAD_MAX)
    if at < 0:
        return None
    word, rest = text[:at], text[at + len(ASPECT):]
    rest = (SEPARATOR.sub("", rest, count=1) if SEPARATOR.match(rest) else rest).strip()
    if label_key(word) != word or len(label_key(rest)) < DAMAGED_REST_MIN:
        return None
    found = {label: alias for alias, label in aspect_words(vocab).items()
             if len(alias) == len(word) and sum(a == b for a, b in zip(word, alias)) >= len(word) - 1}
    if len(found) != 1:
        return None
    (label, alias), = found.items()
    return word + ASPECT, label, alias, round(fuzz.ratio(word, alias), 1), rest
