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
  no row of the table: its block has lost its label, and the head is where it went;
- the category lies in the canonical order between the labels stated above and below
  the row (in the row's own level-1 group where it states one; else in a group the table
  states), and where the order leaves the gap open (no label above, or none below),
  the row states its group or the gap holds that one category;
- the head reads as that category, and as no other the gap holds as well:
  - at a boundary the cell gives (a space in the raw cell, `服务对象 补贴…`, or another
    cell joined into the name, `可持续` | `教育教学…`): half its characters at least
    in place in one of the category's labels or aliases (a piece of a wrapped label:
    `吋效`, `损标`, `满竟度指`; a single character only 指 or 标);
  - else: a head as long as one of the category's labels or aliases (or two longer, a
    worded-up label: `救量类指标`), half its characters in place, that ends as a
    label does (指 before its last character or 标 last: `质最措标`), or an alias of
    four characters or more written exactly (`社会效益`), its 指标 (however damaged)
    taken along (`社会郊益损标`, `报务对象满意度类指栎`);
- the name left keeps `ORDER_REST_MIN` characters (`完成率`, `达标率` alone name nothing)
  and the word the category requires, where it requires one (`服务对象满意度调查覆盖率`:
  its only 满意 is in the head, so the head is the name's own).

The head becomes the row's level-2 label (`label_fused`, info, with the similarity);
the name keeps the rest. A head that reads as two categories of the gap alike is left
in the name.
"""
from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from formex.normalize.indicators.cells import IndicatorRow, LabelHint, LevelVocabulary, join_lines
from formex.normalize.indicators.fragments import label_keys, label_prefixes
from formex.normalize.indicators.fused import HEAD_MAX, FusedLabel
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Cell, Issue
from formex.schemas.forms import FormSchema

ORDER_CUTOFF = 50.0        # half the label's characters in place (质最措标 ~ 质量指标)
ORDER_REST_MIN = 4         # the name after the head (完成率, 达标率 alone name nothing)
HEAD_SLACK = 2             # a head up to two characters longer than the label (数量类指标)
ALIAS_MIN = 4              # an alias written exactly, without 指标 (社会效益, not 成本 or 质量)
PIECE_MAX = 5              # a wrapped label's line, at a boundary
SINGLE_PIECES = frozenset("指标")   # the one-character pieces a label's last line may be
SEPARATORS = " :：、/|｜\t"
WORDINGS = "类性"            # 时效类指标, 数量性指标
SUFFIX = "指标"
# words ending in 标 a name opens with after a keyword (质量达标率, 质量目标): not a damaged 指标
WORDS_WITH_BIAO = frozenset("目达商坐招投中夺超路航浮锦竞对定贴")


def read_fused_by_order(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema
                        ) -> list[Issue]:
    """Split the damaged labels fused into the heads of names (see the module doc) and
    return an issue for each."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    stated_all = {label for labels in stated for label in labels}
    groups_all = {h.spec.label for item in items for h in item.level1 if not h.copied}
    issues = []
    for i, item in enumerate(items):
        if not item.name or item.positional or stated[i] or item.fused:
            continue
        above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
        below = next((labels[0] for labels in stated[i + 1:] if labels), None)
        low = order[above] if above else -1
        high = order[below] if below else len(order)
        groups = {h.spec.label for h in item.level1 if not h.copied}
        allowed = groups or groups_all
        gap = [name for name, k in order.items() if low < k < high and name not in stated_all
               and (not allowed or vocab.level2_specs[name].level1 in allowed)]
        if not gap or (above is None or below is None) and not groups and len(gap) > 1:
            continue
        found = fused_head(item, gap, vocab)
        if found is None:
            continue
        name, head, rest, score, cell = found
        split_head(item, cell, head, rest, vocab.level2_specs[name], LabelMatch(name, name, score))
        issues.append(Issue("info", "label_fused",
                            f"{cell.text!r} opens with {head!r}, read as the level label {name!r} "
                            f"(similarity {score:.0f}): the "
                            "category the labels around the row leave, stated by no other row; the name "
                            f"read as {rest!r}", field="level2",
                            source_ref=cell.source_ref or item.row.source_ref))
    return issues


def split_head(item: IndicatorRow, cell: Cell, head: str, rest: str, spec, match: LabelMatch) -> None:
    """The head of the row's name (in `cell`) read as its level-2 label, the rest as its name."""
    hint = LabelHint(2, spec, replace(cell, text=head), match, line=item.lines[0])
    item.level2.append(hint)
    item.fused.append(FusedLabel(cell, hint, replace(cell, text=rest)))
    item.name = rest


RESTATED_MIN = 3     # a label's text restated: 时效拍 of 时效拍|标, not 数量 or 时效


def read_restated_heads(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[Issue]:
    """A level-2 label printed on every row of its block (or once a page) as OCR read it,
    fused into the name of one of those rows (`质量指杯烈士纪念设施…` between rows whose
    level cell reads `质量指杯`): the name opens with the very text of a level-2 cell on
    another row of the table, read there as a label. The text is `RESTATED_MIN` characters
    or more, the name left `ORDER_REST_MIN`, and the name does not read on into a label
    (`服务对` | `象满意度…`: 服务对象满意度 is a name's head too); the row states no level-2
    label of its own. The nearest such cell gives the category; `label_fused` says so."""
    keys, prefixes = label_keys(vocab), label_prefixes(vocab)
    printed = [(j, hint) for j, item in enumerate(items) for hint in item.level2
               if not hint.copied and not hint.moved and len(label_key(hint.cell.text)) >= RESTATED_MIN]
    issues = []
    if not printed:
        return issues
    for i, item in enumerate(items):
        if not item.name or item.positional or item.fused or any(not h.copied for h in item.level2):
            continue
        for j, hint in sorted(printed, key=lambda p: (abs(p[0] - i), p[0])):
            text = hint.cell.text.strip()
            if j == i or not item.name.startswith(text):
                continue
            rest = item.name[len(text):].strip(SEPARATORS)
            if len(label_key(rest)) < ORDER_REST_MIN or label_key(text + rest[:1]) in keys | prefixes \
                    or not names_category(rest, hint.spec):
                continue
            found = name_cell(item)
            if found is None or not found[0].text.strip().startswith(text):
                continue
            cell = found[0]
            split_head(item, cell, text, rest, hint.spec, hint.match)
            issues.append(Issue("info", "label_fused",
                                f"{cell.text!r} opens with {text!r}, the level label printed so on another row "
                                f"(read as {hint.spec.label!r}): read as the row's label and the name {rest!r}",
                                field="level2", source_ref=cell.source_ref or item.row.source_ref))
            break
    return issues


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
    for k, ch in enumerate(raw[:HEAD_MAX + 1]):
        if ch in SEPARATORS and k and raw[k - 1] not in SEPARATORS:
            head = "".join(raw[:k].split())
            if text.startswith(head):
                cuts.append(len(head))
            break
    if len(run) > 1 and len(text) <= HEAD_MAX:
        cuts.append(len(text))
    return cell, sorted(set(cuts))


def keys_of(names: list[str], vocab: LevelVocabulary) -> list[tuple[str, str]]:
    """(category, label key) for every label and alias of the categories."""
    out = []
    for name in names:
        for key in dict.fromkeys([label_key(name), *vocab.level2.aliases_of(name)]):
            if key:
                out.append((name, key))
    return out


def fused_head(item: IndicatorRow, gap: list[str], vocab: LevelVocabulary
               ) -> tuple[str, str, str, float, Cell] | None:
    """(category, head, rest of the name, score, the name's cell) or None."""
    found = name_cell(item)
    if found is None:
        return None
    cell, cuts = found
    name = item.name
    keys = keys_of(gap, vocab)
    best: dict[str, tuple[float, int, str, str]] = {}   # category -> (score, head length, head, rest)

    def offer(label: str, score: float, head: str, rest: str) -> None:
        if score < ORDER_CUTOFF or len(label_key(rest)) < ORDER_REST_MIN or label_key(head) != head \
                or not names_category(rest, vocab.level2_specs[label]):
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
                    if head != key or len(key) < ALIAS_MIN:
                        continue
                    head = head + suffix_after(name[n:])
                elif not ends_as_label(head):
                    continue
                offer(label, score, head, name[len(head):])
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: kv[1][:2], reverse=True)
    if len(ranked) > 1 and ranked[1][1][0] >= ranked[0][1][0]:
        return None     # as near two categories the gap holds
    label, (score, _, head, rest) = ranked[0]
    return label, head, rest, score, cell


def names_category(rest: str, spec) -> bool:
    """The name left holds a word the category requires (满意 for 服务对象满意度指标), where
    it requires one: `服务对象满意度调查覆盖率` keeps its head, the only 满意 in it."""
    return not spec.requires or any(word in rest for word in spec.requires)


def ends_as_label(head: str) -> bool:
    """指 before the last character or 标 last (质最措标, 质量指杯), 标 not after a character
    it makes a name's word with (质量达标)."""
    return len(head) >= 3 and (head[-2] == SUFFIX[0] or head[-1] == SUFFIX[1] and head[-2] not in WORDS_WITH_BIAO)


def suffix_after(text: str) -> str:
    """The label's ending after its keyword, however damaged: a wording (类, 性) and a
    指标 with one of its characters in place (损标, 指栎), or 指 alone."""
    k = 1 if text[:1] and text[0] in WORDINGS else 0
    pair = text[k:k + 2]
    if len(pair) == 2 and (pair[0] == SUFFIX[0] or pair[1] == SUFFIX[1] and pair[0] not in WORDS_WITH_BIAO):
        return text[:k + 2]
    if pair[:1] == SUFFIX[0]:
        return text[:k + 1]
    return ""
