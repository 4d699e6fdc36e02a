"""Level-2 labels OCR damaged as near categories of two level-1 groups, read in the group
the table states.

A look-alike or two can leave a label as near a category of one group as of another
(`生态环境効益指标`: two edits from 生态效益指标, the word 环境 put in counting as one, and from
生态环境成本指标 alike; `社会戍益指标` from 社会效益指标 and 社会成本指标). The vocabulary's
first reading is then a guess, and a wrong group takes the rows of the label's block with
it. The table says which group: the row's own level-1 label where it prints one (or a
merged one covers it), else the level-1 labels printed legibly around it (or, where those
leave it open, the labels read fuzzily each near one group's categories alone), or the
label's own characters: one that keeps a character of one group's word (益 of 效益) and
none of its reading's group's word (成本) is of the group it keeps the word of. A label
between the level-1 labels printed above and below it belongs to a group between theirs
in the canonical order, and to one the table prints at all (a merged label prints once,
somewhere in its span). Where the word put in makes the label nearer one category
(`生忞环境效益指标`), it is that one (`worded_nearer`)."""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from formex.normalize.indicators.cells import (GENERIC_CHARS, LABEL_MAX_KEY, LABEL_SUFFIX, IndicatorRow, LabelHint,
                                               LevelVocabulary, label_word)
from formex.normalize.indicators.fragments import PUT_IN_FROM, PUT_IN_MAX
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Issue
from formex.schemas.forms import FormSchema

DAMAGED_MIN_KEY = 4   # a damaged level-2 cell shorter than a label's shortest is a piece


def read_by_stated_group(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                         issues: list[Issue]) -> list[Issue]:
    """Each level-2 label read fuzzily whose nearest categories (fewest edits from any of
    their aliases) lie in two or more level-1 groups, its reading among them, is read in
    the one group the table leaves it: the row's own (its level-1 labels, merged ones
    included) where it states one, else the one group the table states legibly (a
    level-1 label read, or a level-2 label read exactly) that the canonical order allows
    between the level-1 labels printed above and below it, and between the groups of the
    exact level-2 labels above and below it (where those leave it open, also of the labels
    read fuzzily that are near their own group's categories alone, `one_group_labels`).
    Only where exactly one nearest category lies
    in that group; an info issue `label_read_by_stated_group` says so. Exact labels,
    labels copied down a merged cell and labels moved are never reread. A level-2 cell
    too damaged to read whose nearest categories lie in two groups is read so too. The
    issues with each such cell's `label_unrecognised` warning replaced by the info row.
    (A label readable as a level-1 group too, 成本指标, states no group.)"""
    group_order = {spec.label: k for k, spec in enumerate(schema.levels)}
    printed = sorted((h.line, h.spec.label) for item in items for h in item.level1 if not h.copied)
    exact = sorted((h.line, h.spec.level1) for item in items for h in item.level2
                   if not h.copied and h.match.exact and not h.moved and h.level1_reading is None)
    stated = {group for _, group in printed} | {group for _, group in exact}
    # labels read fuzzily whose nearest categories all lie in their reading's group: they
    # state that group too, where the legible labels leave a tie open (`one_group_labels`)
    sure = one_group_labels(items, vocab)
    found: list[Issue] = []
    read: set[tuple[str, str | None]] = set()
    for item in items:
        own = {h.spec.label for h in item.level1}
        for hint in list(item.level2):
            if hint.copied or hint.match.exact or hint.moved:
                continue
            near = nearest_categories(hint.cell.text, vocab)
            if contradicts_own_group(item, hint, near, vocab):
                found.append(unread_in_other_group(item, hint))
                continue
            worded = worded_nearer(hint, near, own, vocab)
            if worded is not None:
                item.replace_level2(hint, LabelHint(2, vocab.level2_specs[worded], hint.cell,
                                                    LabelMatch(worded, worded, hint.match.score),
                                                    hint.copied, line=hint.line))
                found.append(put_in_issue(hint, worded, item.row.source_ref))
                continue
            kept = kept_word_reading(hint, own, vocab)
            if kept is not None:
                item.replace_level2(hint, LabelHint(2, vocab.level2_specs[kept], hint.cell,
                                                    LabelMatch(kept, kept, hint.match.score),
                                                    hint.copied, line=hint.line))
                found.append(kept_word_issue(hint, kept, vocab, item.row.source_ref))
                continue
            if hint.spec.label not in near:
                continue
            name = read_in_group(near, own, stated, printed, exact, hint.line, vocab, group_order)
            fuzzy = False
            if name is None and not own and sure:
                around = sorted(exact + [(at, group) for at, group in sure if at != hint.line])
                name = read_in_group(near, own, stated | {group for _, group in around}, printed, around,
                                     hint.line, vocab, group_order)
                fuzzy = name is not None
            if name is None or name == hint.spec.label:
                continue
            match = LabelMatch(name, name, hint.match.score)
            item.replace_level2(hint, LabelHint(2, vocab.level2_specs[name], hint.cell, match,
                                                hint.copied, line=hint.line))
            found.append(issue(hint.cell.text, near, name, vocab, own,
                               hint.cell.source_ref or item.row.source_ref, fuzzy))
        first = item.damaged[0] if item.damaged else None   # the cell `damaged_offset` places
        for cell in list(item.damaged):
            if len(label_key(cell.text)) < DAMAGED_MIN_KEY:
                continue
            near = nearest_categories(cell.text, vocab)
            name = read_in_group(near, own, stated, printed, exact, item.lines[0], vocab, group_order)
            if name is None:
                continue
            # on the line it prints on: a wrapped name's later line, where the label fell there
            at = item.lines[0] + (item.damaged_offset if cell is first else 0)
            hint = LabelHint(2, vocab.level2_specs[name], cell, LabelMatch(name, name, 0.0), line=at)
            item.level2.append(hint)
            if cell in item.unrecognised:   # (a label line's cell given to the row below is not)
                item.unrecognised.remove(cell)
            item.damaged.remove(cell)
            if item.name is None:
                item.own_level2 = hint
            read.add((cell.text, cell.source_ref or item.row.source_ref))
            found.append(issue(cell.text, near, name, vocab, own, cell.source_ref or item.row.source_ref))
    kept = [i for i in issues if not (i.code == "label_unrecognised" and any(
        i.message.startswith(repr(text)) and i.source_ref == ref for text, ref in read))]
    return kept + found


def contradicts_own_group(item: IndicatorRow, hint: LabelHint, near: list[str], vocab: LevelVocabulary) -> bool:
    """A level-2 label read fuzzily on a row whose level-1 label, printed on the row and
    read exactly, names another group, where no category as near the text lies in that
    group (`敖最类指标` beside `产出指标`: two edits from 管理类指标, three from 数量指标).
    The exact group outweighs the guess; a label the group's text itself reads as
    (成本指标 beside 成本指标) is no contradiction."""
    own = {h.spec.label for h in item.level1 if h.match.exact and not (h.copied or h.carried or h.moved)}
    if item.name is None or not own or hint.spec.level1 in own or hint.spec.label in own or not near:
        return False   # (a label alone on its row is left to the readings that place it)
    return not any(vocab.level2_specs[name].level1 in own for name in near)


def unread_in_other_group(item: IndicatorRow, hint: LabelHint) -> Issue:
    """The hint taken off the row as a damaged level-2 cell (the hierarchy places the row by
    its group, its wording and the labels around it), with a warning that says so."""
    item.level2.remove(hint)
    if item.own_level2 is hint:
        item.own_level2 = None
    item.unrecognised.append(hint.cell)
    item.damaged.append(hint.cell)
    group = next(h.spec.label for h in item.level1 if h.match.exact)
    return Issue("warning", "label_unrecognised",
                 f"{hint.cell.text!r}: level label read as {hint.spec.label!r}, of another group than the "
                 f"row's {group!r}, and as near no category of that group; left unread",
                 field="level2", source_ref=hint.cell.source_ref or item.row.source_ref)


def worded_nearer(hint: LabelHint, near: list[str], own: set[str], vocab: LevelVocabulary) -> str | None:
    """The one category of another group than the fuzzy reading's that the label is
    fewer edits from once a word put in it counts as one (`nearest_categories`), where
    without that count the reading is among the nearest: the word put in is what the
    fuzzy ratio read as the other group's characters (`主态环境效益指栎`, 生态效益指标 with
    环境 put in and two look-alikes, reads nearer 生态环境成本指标 by ratio). Not out of
    the row's own group (`own`, its level-1 labels) where it states one. None else."""
    if len(near) != 1 or near[0] == hint.spec.label:
        return None
    name = near[0]
    group = vocab.level2_specs[name].level1
    if group == hint.spec.level1 or (own and group not in own):
        return None
    plain = _nearest(label_key(hint.cell.text), vocab, False)
    return name if hint.spec.label in plain else None


def group_word(group: str, vocab: LevelVocabulary) -> str:
    """The word a level-1 group's label prints before 指标 (成本, 效益, 满意度)."""
    return label_word(vocab.level1_specs[group].label)


def prints_group_word(name: str, vocab: LevelVocabulary) -> bool:
    """The category's label prints its group's word (社会成本指标, 生态效益指标; not 时效指标)."""
    group = vocab.level2_specs[name].level1
    return group in vocab.level1_specs and group_word(group, vocab) in label_key(name)


@lru_cache(maxsize=4096)
def kept_word_group(key: str, name: str, vocab: LevelVocabulary) -> str | None:
    """The one other level-1 group whose word the damaged label `key`, read as category
    `name`, keeps a character of, where `name` prints its own group's word (社会成本指标)
    and `key` keeps none of that word's characters: `生忞环境敫益` keeps 益 of 效益 and
    nothing of 成本. Only characters no label or alias of `name`'s group prints count (效
    is 时效指标's too, but 时效 is no 成本 category), and only groups some of whose
    categories print their word. None where no group or several are kept so."""
    if not prints_group_word(name, vocab):
        return None
    group = vocab.level2_specs[name].level1
    if set(key) & set(group_word(group, vocab)):
        return None
    printed = {ch for spec in vocab.level1_specs[group].level2 for alias in vocab.level2.aliases_of(spec.label)
               for ch in alias}
    kept = [other for other, spec in vocab.level1_specs.items() if other != group
            and any(prints_group_word(c.label, vocab) for c in spec.level2)
            and (set(key) & set(group_word(other, vocab))) - printed - GENERIC_CHARS]
    return kept[0] if len(kept) == 1 else None


def against_kept_word(key: str, name: str, vocab: LevelVocabulary) -> bool:
    """Reading the damaged label `key` as category `name`, which it shares a character of
    its own with (not only 指, 标, 类), goes against the group word it keeps
    (`kept_word_group`): `社会效益指` as 社会成本指标."""
    return kept_word_group(key, name, vocab) is not None and any(
        (set(key) & set(alias)) - GENERIC_CHARS for alias in vocab.level2.aliases_of(name))


def kept_word_reading(hint: LabelHint, own: set[str], vocab: LevelVocabulary) -> str | None:
    """A level-2 label read fuzzily as a category printing its group's word, which keeps
    none of that word but a character of another group's (`kept_word_group`): the OCR
    damaged the word it printed, and what is left of it names the group. Of that group's
    categories printing its word, the one fewest edits from the label (over their
    aliases) that shares a character of its own with it beyond the word and 指标
    (`生忞环境敫益` → 生态效益指标, by 生), when exactly one, or the group's one such
    category (满意度's 服务对象满意度指标); only a reading the label shares a character of
    its own with (`against_kept_word`); not out of the row's own group where it states one.
    None else."""
    key = label_key(hint.cell.text)
    group = kept_word_group(key, hint.spec.label, vocab) if against_kept_word(key, hint.spec.label, vocab) else None
    if group is None or (own and group not in own):
        return None
    word = set(group_word(group, vocab))
    worded = [spec.label for spec in vocab.level1_specs[group].level2 if prints_group_word(spec.label, vocab)]
    if len(worded) == 1:
        return worded[0]   # (满意度: its one category printing the word)
    scored = sorted((min(Levenshtein.distance(key, alias) for alias in vocab.level2.aliases_of(name)), name)
                    for name in worded if any((set(key) & set(alias)) - word - GENERIC_CHARS
                                              for alias in vocab.level2.aliases_of(name)))
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def kept_word_issue(hint: LabelHint, name: str, vocab: LevelVocabulary, ref) -> Issue:
    group = vocab.level2_specs[name].level1
    return Issue("info", "label_read_by_stated_group",
                 f"{hint.cell.text!r}: level label read as {hint.spec.label!r} keeps nothing of "
                 f"{group_word(hint.spec.level1, vocab)!r} and a character of {group_word(group, vocab)!r}; "
                 f"read as {name!r}, in {group!r}, the group its own characters state",
                 field="level2", source_ref=hint.cell.source_ref or ref)


def put_in_issue(hint: LabelHint, name: str, ref) -> Issue:
    return Issue("info", "label_read_with_word_put_in",
                 f"{hint.cell.text!r}: level label read as {hint.spec.label!r} is fewer edits from {name!r} "
                 f"with a word of up to {PUT_IN_MAX} characters put in it (生态环境效益指标); read as {name!r}",
                 field="level2", source_ref=hint.cell.source_ref or ref)


def read_in_group(near: list[str], own: set[str], stated: set[str], printed: list[tuple[float, str]],
                  level2_groups: list[tuple[float, str]], line: float, vocab: LevelVocabulary,
                  group_order: dict[str, int]) -> str | None:
    """The one category of `near` in the one group the row or the table leaves, or None.
    `printed`: (line, group) of the level-1 labels read; `level2_groups`: of the level-2
    labels that say their group (the exact ones, or damaged ones near only their own
    group's categories)."""
    groups = {vocab.level2_specs[name].level1 for name in near}
    if len(groups) < 2:
        return None
    if own:
        allowed = groups & own
    else:
        allowed = (groups & stated & between(printed, line, group_order)
                   & between([(at, g) for at, g in level2_groups if at != line], line, group_order))
    if len(allowed) != 1:
        return None
    group = allowed.pop()
    fits = [name for name in near if vocab.level2_specs[name].level1 == group]
    return fits[0] if len(fits) == 1 else None


def one_group_labels(items: list[IndicatorRow], vocab: LevelVocabulary) -> list[tuple[float, str]]:
    """(line, group) of each level-2 label read fuzzily whose nearest categories
    (`nearest_categories`) include its reading and lie in its group alone (`社会郊益方`:
    社会效益指标 only; `可持续景响`): damaged, it still says its group, as an exact label
    does. Not a label readable as a level-1 group too (成本指标), copied or moved."""
    out = []
    for item in items:
        for h in item.level2:
            if h.copied or h.match.exact or h.moved or h.level1_reading is not None:
                continue
            near = nearest_categories(h.cell.text, vocab)
            if h.spec.label in near and {vocab.level2_specs[name].level1 for name in near} == {h.spec.level1}:
                out.append((h.line, h.spec.level1))
    return sorted(out)


def issue(text: str, near: list[str], name: str, vocab: LevelVocabulary, own: set[str], ref,
          fuzzy: bool = False) -> Issue:
    group = vocab.level2_specs[name].level1
    why = "the row's own group" if own else "the one group the labels printed around it leave" + (
        " (labels read fuzzily, each near its own group's categories alone)" if fuzzy else "")
    return Issue("info", "label_read_by_stated_group",
                 f"{text!r}: level label as near {' and '.join(sorted(near))}; read as {name!r}, in "
                 f"{group!r}, {why}", field="level2", source_ref=ref)


def between(printed: list[tuple[float, str]], line: float, group_order: dict[str, int]) -> set[str]:
    """The groups the canonical order allows on `line`: from the group of the last level-1
    label printed above it (or on it) to that of the first printed below, both included;
    every group where those two come out of order."""
    above = [group for at, group in printed if at <= line]
    below = [group for at, group in printed if at > line]
    low = group_order.get(above[-1], -1) if above else -1
    high = group_order.get(below[0], len(group_order)) if below else len(group_order)
    if low > high:
        return set(group_order)
    return {group for group, k in group_order.items() if low <= k <= high}


def nearest_categories(text: str, vocab: LevelVocabulary) -> list[str]:
    """The level-2 categories fewest edits (insertions, deletions, substitutions) from
    the text, over all their aliases; a word of `PUT_IN_MAX` characters put in the label
    after its first two counts as one edit (`put_in_distance`: 生态环境效益 is 生态效益
    worded up, one edit, as near as 生态环境成本)."""
    return list(_nearest(label_key(text), vocab))


def put_in_distance(key: str, alias: str) -> int:
    """Edits from `key` to `alias`, where a run of `PUT_IN_MAX` characters after the key's
    first `PUT_IN_FROM` and before its last, taken out, counts as one edit: forms word a
    label up with a word of their own inside it (生态环境效益指标, 成本控制指标), which plain
    edits count twice, as much as two look-alikes. Only where the rest is the label but for
    one look-alike, its 指标 aside (the document's damaged 指标 is no evidence of the
    category): a run standing where the label's own word stands is no word put in
    (`社会郊益方面`, 社会效益 worded with 方面, is not 社会成本 with 郊益 put in)."""
    best = Levenshtein.distance(key, alias)
    if len(key) > LABEL_MAX_KEY:
        return best    # no label: a long cell is not searched for a word put in
    for at in range(PUT_IN_FROM, len(key) - PUT_IN_MAX):
        rest = key[:at] + key[at + PUT_IN_MAX:]
        if Levenshtein.distance(without_suffix(rest, alias), alias.removesuffix(LABEL_SUFFIX)) <= 1:
            best = min(best, 1 + Levenshtein.distance(rest, alias))
    return best


def without_suffix(key: str, alias: str) -> str:
    """The key without the characters standing where the alias prints its 指标 ending."""
    if not alias.endswith(LABEL_SUFFIX) or len(key) < len(alias):
        return key
    return key[:len(key) - len(LABEL_SUFFIX)]


@lru_cache(maxsize=16384)
def _nearest(key: str, vocab: LevelVocabulary, put_in: bool = True) -> tuple[str, ...]:
    if not key:
        return ()
    distance = put_in_distance if put_in else Levenshtein.distance
    best: dict[str, int] = {}
    for name in vocab.level2_specs:
        aliases = vocab.level2.aliases_of(name)
        if aliases:
            best[name] = min(distance(key, alias) for alias in aliases)
    if not best:
        return ()
    low = min(best.values())
    if low > len(key) // 2:
        return ()    # nothing near: half the label would be edits
    return tuple(name for name, d in best.items() if d == low)
