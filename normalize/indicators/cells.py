"""The 绩效指标 table's cells as the hierarchy reads them: the row record (`IndicatorRow`),
its level-label hints, and the tests that say what a cell is: a level label (fuzzy
against the level vocabulary, looser under a level column), a target (the target parser
reads it as one), or text."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from formex.normalize.labels import LabelMatch, Vocabulary, label_key
from formex.normalize.targets import parse_target
from formex.schemas.document import Cell, Row
from formex.schemas.forms import (
    DEFAULT_LEVEL_FILE, FormSchema, Level1Spec, Level2Spec, load_level_generic, load_level_suffix)

LABEL_CUTOFF = 74.0   # one wrong character in a 4-character label (数量指抔) still matches
COLUMN_CUTOFF = 50.0  # in a level column (known from the header), two of four (严出损标)
LABEL_SUFFIX = load_level_suffix(DEFAULT_LEVEL_FILE)   # 指标, the ending labels are printed with
LABEL_ENDINGS = (LABEL_SUFFIX, "类")
LABEL_MAX_KEY = 12
OTHER = "other"        # a header column the contract has no place for (备注, 分值 …)


@dataclass(frozen=True)
class LabelHint:
    level: int                       # 1 or 2
    spec: Level1Spec | Level2Spec
    cell: Cell
    match: LabelMatch
    copied: bool = False             # filled down from a merged cell above
    level1_reading: tuple[Level1Spec, LabelMatch] | None = None  # the text read as a level-1 label
    carried: bool = False            # a label alone on the line above, carried to this row
    line: float = 0                  # the table body line it prints on (x.5: a line of its own)
    moved: bool = False              # printed on a row where it cannot apply; moved here
    overflows: bool = False          # a wrapped label whose last pieces print on lines of their
                                     # own below this row: its merged cell has no row after it here

@dataclass
class IndicatorRow:
    row: Row
    level1: list[LabelHint] = field(default_factory=list)
    level2: list[LabelHint] = field(default_factory=list)
    own_level2: LabelHint | None = None   # a label the row states as its own category
    name: str | None = None
    note: str | None = None    # text that is neither a name nor a target (a policy note, 备注)
    note_from_name: bool = False   # the note is the name column's text (`rows.is_note`), not a 备注 cell
    target: Cell | None = None
    unit: str | None = None
    operator: str | None = None
    target_mid: Cell | None = None   # a 中期 target in its own column beside the 年度 one
    actual: Cell | None = None       # self-evaluations: 实际完成值
    weight: str | None = None        # 分值 / 权重
    score: str | None = None         # 得分
    deviation: str | None = None     # 偏差原因分析及改进措施
    positional: bool = False   # cells placed by known column positions (spans known)
    unrecognised: list[Cell] = field(default_factory=list)  # level cells no vocabulary knows
    cut_short: list[Cell] = field(default_factory=list)  # ... of them, a label's clean first pieces (`mark_cut_short`)
    damaged: list[Cell] = field(default_factory=list)       # ... of them, under a level-2 column
    damaged_offset: float = 0  # the line of the first of them, counted from the row's first line (-0.5: a line of its own above)
    unplaced: list[Cell] = field(default_factory=list)      # cells of columns with no place
    lines: tuple[int, int] = (0, 0)  # first and last table body line of the row (wraps included)
    last_line: str | None = None     # the name's last printed line, where it wraps over several
    pages: tuple[int, int] = (1, 1)  # the pages of those lines
    displaced: list[LabelHint] = field(default_factory=list)  # labels moved away from this row
    fused: list = field(default_factory=list)   # fused.FusedLabel: name cells that opened with a label
    unsettled_head: str | None = None   # a head read as two categories alike, kept in the name (said)
    halves: tuple[IndicatorRow, IndicatorRow] | None = field(default=None, repr=False, compare=False)
    # the level-1 labels a line of nothing but labels printed, kept where they are carried to
    # the next row and the line is set aside (`rows.insert_label_lines`)
    set_aside_level1: tuple[LabelHint, ...] = ()
    # the category a damaged bare word of its own was read as by the order alone (`散量` between
    # 数量 and 时效), or a label by its printed length, a line kept as a row by the 指标 printed
    # above, a bare word with a word put in (`rows.mark_own_block_readings`): evidence for its
    # own block only (`rows_to_indicators`)
    by_order: str | None = None
    # the two lines a join made this row of, where each may be a whole name: the placed
    # rows decide (`hierarchy.split_at_boundaries`)

    def replace_level2(self, old: LabelHint, new: LabelHint) -> None:
        """`new` in place of the level-2 hint `old`, as the row's own category too where
        `old` was."""
        self.level2[self.level2.index(old)] = new
        if self.own_level2 is old:
            self.own_level2 = new

    @property
    def is_level2_entry(self) -> bool:
        """A level-2 category listed without indicators (`经济效益指标 无`)."""
        return self.own_level2 is not None and self.name is None

    @property
    def is_label_only(self) -> bool:
        """Nothing but level-2 labels: no name, target or note. Either a merged label printed
        on a line of its own (then it belongs to the rows of its block) or a category
        listed without indicators and without a placeholder; the hierarchy decides."""
        return (self.own_level2 is not None and self.name is None and self.target is None
                and self.note is None and not self.positional
                and all(damaged_label_left_of(cell, self.own_level2) or wrapped_piece_beside(cell, self.own_level2)
                        for cell in self.unplaced))


def damaged_label_left_of(cell: Cell, label: LabelHint) -> bool:
    """A cell no column takes, left of a level-2 label on its line, that ends as a label
    does, damaged or not (`声山指标`, `成本措标`, `蒲意席类`): its level-1 label, where a damaged
    header left the level-1 column unknown, not a cell of a row of its own."""
    key = label_key(cell.text)
    ending = LABEL_ENDINGS[0]
    return cell.col < label.cell.col and (key.endswith(LABEL_ENDINGS) or len(key) >= len(ending) + 1 and (
        key[-2] == ending[0] or key[-1] == ending[1]))


def label_word(label: str) -> str:
    """A level label's word without its ending (效益指标: 效益; a group's word)."""
    return label_key(label).removesuffix(LABEL_SUFFIX)


def wrapped_piece_beside(cell: Cell, label: LabelHint) -> bool:
    """A cell no column takes, left of a line of a wrapped level-2 label (the joined label
    restated on a line that prints one of its pieces), no wider than that piece and read as
    a piece of the label's own level-1 group wrapped as wide (`group_piece`): the level-1
    label wrapped alike in its narrow column, its piece damaged past reading (`漏意` | `服务`
    over `渡类` | `对象`: 满意 / 度类 of 满意度类指标), not a cell of a row of its own. (Each such
    line read as a row, the label's lines were consecutive entries of one category, which no
    order of blocks allows.)"""
    piece = label_key(label.cell.raw)
    key = label_key(cell.text)
    return (cell.col < label.cell.col and 0 < len(piece) < len(label_key(label.cell.text))
            and piece in label_key(label.cell.text) and 0 < len(key) <= len(piece)
            and group_piece(key, getattr(label.spec, "level1", ""), len(piece)))


def group_piece(key: str, group: str, width: int) -> bool:
    """Whether a short key is a piece of the level-1 label `group` wrapped `width` wide, as
    its column prints it, damaged: one of the pieces of the label's forms (the label, it
    worded up with 类 before its ending, it without the ending) holding at least half of the
    key's characters in place (`漏意`, `渡类`: 满意 / 度类 of 满意度类指标 two wide). A name's
    fragment beside the label, or another group's piece, holds none where the group prints
    them (`渡类` is no piece of 产出类指标: 产出 / 类指 / 标)."""
    if not group or width <= 0:
        return False
    stem = group[:-len(LABEL_SUFFIX)] if group.endswith(LABEL_SUFFIX) else group
    forms = {group, stem, stem + LABEL_ENDINGS[1] + LABEL_SUFFIX}
    need = len(key) - len(key) // 2
    return any(sum(a == b for a, b in zip(key, form[start:start + width])) >= need
               for form in forms for start in range(0, len(form), width))


@dataclass(frozen=True, eq=False)   # hashed by identity: one per schema (level_vocabulary)
class LevelVocabulary:
    level1: Vocabulary
    level2: Vocabulary
    level1_specs: dict[str, Level1Spec]
    level2_specs: dict[str, Level2Spec]
    columns: Vocabulary
    note_openers: tuple[str, ...] = ()
    name_heads: tuple[str, ...] = ()
    name_openers: tuple[str, ...] = ()
    column_roles: frozenset[str] = frozenset()   # the roles the family's table may have
    wordings: tuple[str, ...] = ()   # characters a label is worded up with (类: 可持续影响类指标)

@lru_cache(maxsize=None)
def level_vocabulary(schema: FormSchema) -> LevelVocabulary:
    l1 = {spec.label: spec for spec in schema.levels}
    l2 = {spec.label: spec for spec in schema.level2_order}
    return LevelVocabulary(
        level1=Vocabulary([(s.label, (s.label, *s.aliases)) for s in schema.levels]),
        level2=Vocabulary([(s.label, (s.label, *s.aliases)) for s in schema.level2_order]),
        level1_specs=l1, level2_specs=l2,
        columns=Vocabulary(list(schema.indicator_columns)),
        note_openers=schema.note_openers,
        name_heads=schema.name_heads,
        name_openers=schema.name_openers,
        column_roles=frozenset(name for name, _ in schema.indicator_columns),
        wordings=schema.level_wordings,
    )

def classify_label(cell: Cell, vocab: LevelVocabulary, level: int | None = None,
                   cutoff: float = LABEL_CUTOFF) -> LabelHint | None:
    """A level-1 or level-2 label, or None; the better match wins, and the cell's column
    decides when it is known (`level`). A label that is both (成本指标: a level-2 category
    under 产出 in older forms, a level-1 group in newer ones) is read as level 2 and
    remembers its level-1 reading, which `settle_dual_labels` may pick instead."""
    if len(label_key(cell.text)) > LABEL_MAX_KEY:
        return None
    one, two = level_matches(cell.text, vocab, level, cutoff)
    if level is not None and one is None and two is None and cutoff >= LABEL_CUTOFF:
        # a label in the other level's column; not at a loose cutoff, which only the
        # column justifies (成本拍杯 under 二级指标 is no level-1 成本指标)
        return classify_label(cell, vocab, cutoff=cutoff)
    if two and one and two.score == one.score:
        nearer = nearer_in_place(cell.text, one, two)
        if nearer is one:
            return LabelHint(1, vocab.level1_specs[one.name], cell, one)
        if nearer is two:
            return LabelHint(2, vocab.level2_specs[two.name], cell, two)
        return LabelHint(2, vocab.level2_specs[two.name], cell, two,
                         level1_reading=(vocab.level1_specs[one.name], one))
    if one and two is None and level != 1 and cutoff >= LABEL_CUTOFF and one.score < LABEL_CUTOFF:
        # read as a group only by holding its label (产出成木指标 ⊃ 产出…指标): a category of
        # the group printed with the group's word, its own word damaged, where one is nearest
        group = vocab.level1_specs[one.name]
        worded = worded_categories(cell.text, group)
        if len(worded) == 1:
            spec, match = worded[0]
            return LabelHint(2, spec, cell, match, level1_reading=(group, one))
    if one and (two is None or one.score > two.score):
        return LabelHint(1, vocab.level1_specs[one.name], cell, one)
    if two:
        return LabelHint(2, vocab.level2_specs[two.name], cell, two)
    return None

def nearer_in_place(text: str, one: LabelMatch, two: LabelMatch) -> LabelMatch | None:
    """Of two fuzzy readings as near by the vocabulary's ratio (`效盖指标`: three of four
    characters from 效益指标 and from 时效指标 alike), the one the text spells with fewer
    edits counting a changed character as one: OCR puts a look-alike in a character's
    place (盖 for 益), it does not shift the label's characters along (效 from second to
    first). None where either is exact (成本指标 is both levels' label) or they are as near."""
    if one.exact or two.exact:
        return None
    key = label_key(text)
    first, second = (Levenshtein.distance(key, label_key(m.alias)) for m in (one, two))
    return one if first < second else two if second < first else None


@lru_cache(maxsize=16384)
def level_matches(text: str, vocab: LevelVocabulary, level: int | None, cutoff: float
                  ) -> tuple[LabelMatch | None, LabelMatch | None]:
    """The text's level-1 and level-2 readings (None where `level` rules one out); a fuzzy
    reading only where the text shares with it more than `GENERIC_CHARS` (`shares_own_characters`)."""
    def match(vocabulary: Vocabulary):
        if cutoff >= LABEL_CUTOFF:
            found = vocabulary.match(text, cutoff=cutoff)
            if (found is None or not found.exact) and (level is not None or looks_like_label(text)) \
                    and not looks_like_target(text):
                # a label printed with more words (数量性指标, 生态环境效益指标) than the vocabulary's
                embedded = vocabulary.match_embedded(text)
                if embedded is not None and (found is None or embedded.score >= found.score):
                    found = embedded
        else:
            found = vocabulary.match_unique(text, cutoff)   # loose: only an unambiguous reading
        return found if found is None or found.exact or shares_own_characters(text, found.alias) else None
    return (match(vocab.level1) if level != 2 else None, match(vocab.level2) if level != 1 else None)


GENERIC_CHARS = load_level_generic(DEFAULT_LEVEL_FILE)   # every label may print them: no evidence of which


def shares_own_characters(text: str, alias: str) -> bool:
    """The text prints a character of the label beyond `GENERIC_CHARS`: a reading that
    rests on 类指标 alone (`贸暈类指标` as 管理类指标) names no category, since every
    label prints them; such a cell is damaged, for the hierarchy to place by order."""
    return bool((set(label_key(text)) & set(label_key(alias))) - GENERIC_CHARS)


WORDED_DAMAGE_MAX = 2   # characters of a category's own word a group-worded label may have lost


def worded_categories(text: str, group: Level1Spec) -> list[tuple[Level2Spec, LabelMatch]]:
    """The group's categories nearest a cell printed as one of them written with the
    group's word (`产出成本指标`: 产出 before 成本指标; `社会效益指标`, whose label holds
    效益), its own word damaged: at the cell's length, the group's characters and 指标
    where the category prints them, at most `WORDED_DAMAGE_MAX` characters of the
    category's own word unlike it. Several where they are as near (`杜含效益指标`: 经济,
    社会 and 生态 alike), none where the cell is no such form (`项目产出指标`: the
    group's characters stand elsewhere)."""
    key = label_key(text)
    word = label_word(group.label)
    fixed = set(label_key(group.label)) | GENERIC_CHARS   # printed alike by every category
    best: dict[str, tuple[int, Level2Spec, str]] = {}
    for spec in group.level2:
        for alias in (spec.label, *spec.aliases):
            own = label_key(alias)
            for form in (own, word + own):
                if len(form) != len(key) or word not in form:
                    continue
                unlike = [p for p, (a, b) in enumerate(zip(key, form)) if a != b]
                if not unlike or len(unlike) > WORDED_DAMAGE_MAX or any(form[p] in fixed for p in unlike):
                    continue
                alike = len(key) - len(unlike)
                if alike > best.get(spec.label, (-1,))[0]:
                    best[spec.label] = (alike, spec, form)
    if not best:
        return []
    top = max(alike for alike, _, _ in best.values())
    return [(spec, LabelMatch(spec.label, form, round(100.0 * alike / len(key), 1)))
            for alike, spec, form in best.values() if alike == top]


def categories_kept_in_place(text: str, candidates: list[Level2Spec], vocab: LevelVocabulary) -> list[Level2Spec]:
    """Of the `candidates` (the categories the canonical order leaves for a damaged label),
    those whose own characters the cell keeps where one of their forms prints them: a
    character of the category's label or alias, beyond `GENERIC_CHARS` and those of the
    other candidates' forms (which tell none of them apart), at its place in that form or
    in the form printed after its group's word (`经济孝盆方面`: 经济 of 经济效益 at its
    place, 效益 every 效益 category's; `产出数重`: 数 after 产出). OCR puts a look-alike in
    a character's place; it does not move the others along."""
    key = label_key(text)
    kept = []
    for spec in candidates:
        others = {ch for other in candidates if other is not spec
                  for alias in vocab.level2.aliases_of(other.label) for ch in alias}
        word = label_word(vocab.level1_specs[spec.level1].label) \
            if spec.level1 in vocab.level1_specs else ""
        if any(key[p] == form[p] and form[p] not in GENERIC_CHARS and form[p] not in others
               for alias in vocab.level2.aliases_of(spec.label)
               for start, form in ((0, alias), (len(word), word + alias))
               for p in range(start, min(len(form), len(key)))):
            kept.append(spec)
    return kept


PREFIX_MIN = 2   # characters of a label a level cell must print to be read by them


def read_by_prefix(cell: Cell, vocab: LevelVocabulary, level: int, others: list[Cell],
                   group: str | None = None) -> LabelHint | None:
    """A level cell printing only the first characters of a label (`服务对象` of
    服务对象满意度指标, `可持续` of 可持续影响指标): the one category of the column's level
    whose label or alias opens with them (within the row's stated level-1 `group`, where
    it states one: `社会` beside 效益指标 is 社会效益指标, alone it is as much 社会成本指标).
    At least `PREFIX_MIN` characters, no value, and no cell right of it opening with them
    (a name's head, not a label: `服务对象` | `服务对象可持续满意度`); its score the share of
    the label it prints."""
    key = label_key(cell.text)
    if len(key) < PREFIX_MIN or looks_like_value(cell.text):
        return None
    if any(c is not cell and c.col > cell.col and label_key(c.text).startswith(key) for c in others):
        return None
    specs = vocab.level1_specs if level == 1 else vocab.level2_specs
    in_group = vocab.level1_specs[group].level2 if level == 2 and group in vocab.level1_specs else None
    found: dict[str, str] = {}
    for name, spec in specs.items():
        if in_group is not None and spec not in in_group:
            continue
        for alias in (spec.label, *spec.aliases):
            alias_key = label_key(alias)
            if len(alias_key) > len(key) and alias_key.startswith(key) \
                    and len(alias_key) < len(found.get(name, alias_key + "_")):
                found[name] = alias_key
    if len(found) != 1:
        return None
    name, alias = next(iter(found.items()))
    return LabelHint(level, specs[name], cell, LabelMatch(name, alias, round(100.0 * len(key) / len(alias), 1)))


def is_prefix_reading(hint: LabelHint) -> bool:
    """The hint was read by the first characters of its label (`read_by_prefix`)."""
    key, alias = label_key(hint.cell.text), label_key(hint.match.alias)
    return len(key) < len(alias) and alias.startswith(key) and hint.match.score == round(100.0 * len(key) / len(alias), 1)


def settle_dual_labels(item: IndicatorRow) -> None:
    """A label readable as both levels is level 1 when the row has another level-2 label.
    Where every level-2 label of the row is such a label (`管理指标 | 管理指标`: a group
    whose one category bears its name), the last is the row's level 2 and those left of
    it are level 1: a row states its level-1 group left of its category. So is a lone
    such label with a level cell no vocabulary reads right of it."""
    dual = [h for h in item.level2 if h.level1_reading is not None]
    if dual and len(item.level2) > len(dual):
        to_level1 = dual
    elif len(dual) == 1 and any(cell.col > dual[0].cell.col for cell in item.unrecognised):
        # a level cell no vocabulary reads right of it (成本控制指标 | 经济戍夲指标): that
        # cell is the row's level 2, so this one is its level-1 group
        to_level1 = dual
    elif len(dual) >= 2 and all(h.level1_reading[0].label == dual[-1].spec.level1 for h in dual[:-1]):
        to_level1 = dual[:-1]
    else:
        return
    for hint in to_level1:
        item.level2.remove(hint)
        spec, match = hint.level1_reading
        item.level1.append(LabelHint(1, spec, hint.cell, match, hint.copied, line=hint.line))

def named_dual_group(hint: LabelHint, vocab: LevelVocabulary) -> str | None:
    """The level-1 group a label names where another group has a category bearing that
    group's name (成本指标: the 2021 template's group, a category of 产出 in older forms),
    read either way; None for any other label."""
    label = hint.spec.label
    if hint.level == 2 and hint.level1_reading is not None:
        label = hint.level1_reading[0].label
    dual = vocab.level2_specs.get(label)
    if label not in vocab.level1_specs or dual is None or dual.level1 == label:
        return None
    return label


def read_category_of_named_group(item: IndicatorRow, vocab: LevelVocabulary, named: bool) -> None:
    """A row whose two level cells both name such a group (`named_dual_group`) is one of
    that group's categories: an older form prints the group its category belongs to (产出) left
    of it, never the category's own name twice. The left cell is the group; the right one, a
    category of the group damaged past reading as a whole (`绖剤成本指标`, `成本`), is
    read among the group's categories only (`nearest_in_group`), not as the category of
    another group its remaining word names. On a line of labels alone (not `named`) only
    where the right cell holds more than the group's name (a category worded with it): a
    shorter one may be the wrapped rest of the labels above (`标 | 本指标`)."""
    hints = sorted((h for h in (*item.level1, *item.level2) if not h.copied), key=lambda h: h.cell.col)
    if len(hints) != 2:
        return
    left = hints[0]
    name = named_dual_group(left, vocab)
    if name is None:
        return
    right = hints[1].cell
    if right.col <= left.cell.col or named_dual_group(hints[1], vocab) != name:
        return
    if not named and len(label_key(right.text)) <= len(label_key(name)):
        return
    (item.level2 if hints[1] in item.level2 else item.level1).remove(hints[1])
    group = vocab.level1_specs[name]
    if left in item.level2:
        item.level2.remove(left)
        match = left.level1_reading[1] if left.level1_reading is not None else left.match
        item.level1.append(LabelHint(1, group, left.cell, match, line=left.line))
    spec, match = nearest_in_group(right.text, group)
    item.level2.append(LabelHint(2, spec, right, match, line=hints[1].line))


def nearest_in_group(text: str, group: Level1Spec) -> tuple[Level2Spec, LabelMatch]:
    """The group's category whose label or alias `text` reads nearest; of several as near,
    the first in the group's order (a guess: the text tells none of them)."""
    key = label_key(text)
    scores = [max(fuzz.ratio(key, label_key(alias)) for alias in (spec.label, *spec.aliases))
              for spec in group.level2]
    k = scores.index(max(scores))
    spec = group.level2[k]
    return spec, LabelMatch(spec.label, spec.label, round(scores[k], 1))


def read_group_left_of_category(item: IndicatorRow, vocab: LevelVocabulary) -> None:
    """Of two level-2 labels on a line, the left one stands where the level-1 group
    prints: where its text also reads as the group of the right one's category (exactly,
    fuzzily, or written with more words: `产出成本指标 | 经济成本指标`, whose 成本指标
    group the left text holds, though 产出指标 too), it is that group."""
    if len(item.level2) < 2 or item.level1:
        return
    right = item.level2[-1]
    group = vocab.level1_specs.get(right.spec.level1)
    if group is None:
        return
    for hint in item.level2[:-1]:
        if hint.copied or hint.cell.col >= right.cell.col:
            continue
        match = reads_as(hint.cell.text, group)
        if match is not None:
            item.level2.remove(hint)
            item.level1.append(LabelHint(1, group, hint.cell, match, hint.copied, line=hint.line))


def reads_as(text: str, group: Level1Spec, slack: int = 3) -> LabelMatch | None:
    """`text` as the group's label: an alias at `LABEL_CUTOFF`, or one written inside it
    with a few characters more."""
    key = label_key(text)
    for alias in (group.label, *group.aliases):
        alias_key = label_key(alias)
        if not alias_key:
            continue
        score = fuzz.ratio(key, alias_key)
        if score >= LABEL_CUTOFF:
            return LabelMatch(group.label, alias, round(score, 1))
        chars = iter(key)
        if 2 <= len(alias_key) < len(key) <= len(alias_key) + slack and all(ch in chars for ch in alias_key):
            return LabelMatch(group.label, alias, round(100.0 * len(alias_key) / len(key), 1))
    return None


def read_within_stated_group(item: IndicatorRow, vocab: LevelVocabulary) -> None:
    """A damaged level-2 label on a line that states its level-1 group is read among that
    group's categories: one merged cell's text and another's on one line belong to spans
    that share the line, so the category is in the group. `生态环境敫盖指标` beside
    效益指标 is 生态效益指标 (57), not the nearer 生态环境成本指标 (75) of the 成本 group.
    Only a fuzzy reading moves, and only to a category of the group that reads at the
    level column's looseness (`COLUMN_CUTOFF`) and better than the group's others.
    The weaker reading yields, though: where the group's own cell was read fuzzily and
    less well than the category (`产出成木指标` 67 as 产出指标 beside `经济成木指标` 83 as
    经济成本指标), that cell is read as the category's group instead when it reads so at
    `COLUMN_CUTOFF` (`group_of_stronger_category`); where it does not, neither moves the
    other (`产出成`, 产出成本's cut first line, 57 as 产出指标, beside `经侪成本指标`, 83 as
    经济成本指标): labels outrank a guess, and the hierarchy weighs both as read."""
    groups = {h.spec.label for h in item.level1 if not h.copied}
    if len(groups) != 1:
        return
    if group_of_stronger_category(item, vocab):
        return
    group = vocab.level1_specs[next(iter(groups))]
    ones = [h for h in item.level1 if not h.copied]
    for hint in list(item.level2):
        if hint.match.exact or hint.copied or hint.spec.level1 == group.label:
            continue
        if all(not one.match.exact and one.match.score < hint.match.score for one in ones):
            continue   # the group read less well than the category: neither settles the other
        read = best_in_group(hint.cell.text, group)
        if read is not None:
            spec, match = read
            item.replace_level2(hint, LabelHint(2, spec, hint.cell, match, hint.copied))


def group_of_stronger_category(item: IndicatorRow, vocab: LevelVocabulary) -> bool:
    """The row's one level-1 cell, read fuzzily, reread as the group of the row's one
    level-2 label of another group read better than it, when the cell reads as that group
    at `COLUMN_CUTOFF` (its label or an alias, as `best_in_group` scores); True when it was."""
    ones = [h for h in item.level1 if not h.copied]
    twos = [h for h in item.level2 if not h.copied]
    if len(ones) != 1 or len(twos) != 1:
        return False
    one, two = ones[0], twos[0]
    group = vocab.level1_specs.get(two.spec.level1)
    if one.match.exact or group is None or group.label == one.spec.label or one.match.score >= two.match.score:
        return False
    score = max(fuzz.ratio(key, label_key(alias)) for key in group_word_keys(one)
                for alias in (group.label, *group.aliases))
    if score < COLUMN_CUTOFF:
        return False
    item.level1[item.level1.index(one)] = LabelHint(1, group, one.cell, LabelMatch(group.label, group.label,
                                                    round(score, 1)), one.copied, line=one.line)
    return True


def group_word_keys(hint: LabelHint) -> list[str]:
    """The level-1 cell's key, and where its reading rests on the group's word written
    inside it with more characters (`产出成朩` read as 产出指标 by 产出 alone) the key without it:
    the 成本 group printed with 产出's word before it (产出成本指标, how an older form names
    the cost block) reads as its group by what follows the word (成朩: 成本)."""
    key = label_key(hint.cell.text)
    alias = label_key(hint.match.alias)
    for word in (alias, alias.removesuffix(LABEL_SUFFIX)):
        if len(word) >= 2 and word != key and word in key:
            rest = key.replace(word, "", 1)
            return [key, rest] if len(rest) >= 2 else [key]
    return [key]


def best_in_group(text: str, group: Level1Spec) -> tuple[Level2Spec, LabelMatch] | None:
    """The group's one category whose label or alias `text` reads best at
    `COLUMN_CUTOFF`, or None (none does, or two tie)."""
    key = label_key(text)
    scored = sorted(((max(fuzz.ratio(key, label_key(alias)) for alias in (spec.label, *spec.aliases)), k)
                     for k, spec in enumerate(group.level2)), reverse=True)
    if not scored or scored[0][0] < COLUMN_CUTOFF or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
        return None
    spec = group.level2[scored[0][1]]
    return spec, LabelMatch(spec.label, spec.label, round(scored[0][0], 1))


def join_lines(text: str) -> str:
    r"""An indicator name wrapped inside its cell, on one line again.

    >>> join_lines("公益性岗位补贴\n发放准确率"), join_lines("Wi-Fi\ncoverage")
    ('公益性岗位补贴发放准确率', 'Wi-Fi coverage')
    """
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        out += part if (out[-1:] > "\u2e80" and part[:1] > "\u2e80") else " " + part
    return out

@lru_cache(maxsize=16384)
def looks_like_target(text: str) -> bool:
    """True when the target parser reads the text as a target value, not as prose."""
    parsed = parse_target(text)
    if parsed.kind in ("quantitative", "deadline"):
        return not {"leading_text", "free_text"} & set(parsed.flags)
    if parsed.kind == "none":
        return True
    if parsed.kind == "unknown":      # seen for what it is (无100: a damaged target), not prose
        return parsed.status != "failed"
    return parsed.kind == "qualitative" and parsed.qual != "other"

@lru_cache(maxsize=16384)
def looks_like_value(text: str) -> bool:
    """A cell that can only be a target: a number, a date, a placeholder (a phrase such
    as 及时率 or 及时残疾人服务… may as well be a name or the end of one)."""
    return looks_like_target(text) and parse_target(text).kind != "qualitative"

def looks_like_label(text: str) -> bool:
    """Short text ending in 指标 (or 类) : a category label, not a name."""
    key = label_key(text)
    return key.endswith(LABEL_ENDINGS) and len(key) <= LABEL_MAX_KEY
