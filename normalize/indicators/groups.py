"""Level-2 labels OCR damaged as near categories of two level-1 groups, read in the group
the table states.

A look-alike or two can leave a label as near a category of one group as of another
(`生忞环境效益指标`: three edits from 生态效益指标 and from 生态环境成本指标 alike; `社会戍益指标`
from 社会效益指标 and 社会成本指标). The vocabulary's first reading is then a guess, and a
wrong group takes the rows of the label's block with it. The table says which group: the
row's own level-1 label where it prints one (or a merged one covers it), else the level-1
labels printed legibly around it. A label between the level-1 labels printed above and
below it belongs to a group between theirs in the canonical order, and to one the table
prints at all (a merged label prints once, somewhere in its span)."""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from formex.normalize.indicators.cells import IndicatorRow, LabelHint, LevelVocabulary
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Issue
from formex.schemas.forms import FormSchema


def read_by_stated_group(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema
                         ) -> list[Issue]:
    """Each level-2 label read fuzzily whose nearest categories (fewest edits from any of
    their aliases) lie in two or more level-1 groups, its reading among them, is read in
    the one group the table leaves it: the row's own (its level-1 labels, merged ones
    included) where it states one, else the group the table prints legibly between the
    level-1 labels printed above and below it in the canonical order. Only where exactly
    one nearest category lies in that group; an info issue `label_read_by_stated_group`
    says so. Exact labels, labels copied down a merged cell and labels moved are never
    reread."""
    group_order = {spec.label: k for k, spec in enumerate(schema.levels)}
    printed = sorted((h.line, h.spec.label) for item in items for h in item.level1 if not h.copied)
    stated = {group for _, group in printed}
    issues = []
    for item in items:
        for hint in list(item.level2):
            if hint.copied or hint.match.exact or hint.moved:
                continue
            near = nearest_categories(hint.cell.text, vocab)
            if hint.spec.label not in near:
                continue
            groups = {vocab.level2_specs[name].level1 for name in near}
            if len(groups) < 2:
                continue
            own = {h.spec.label for h in item.level1}
            if own:
                allowed = groups & own
            else:
                allowed = groups & stated & between(printed, hint.line, group_order)
            if len(allowed) != 1:
                continue
            group = allowed.pop()
            fits = [name for name in near if vocab.level2_specs[name].level1 == group]
            if len(fits) != 1 or fits[0] == hint.spec.label:
                continue
            name = fits[0]
            match = LabelMatch(name, name, hint.match.score)
            item.replace_level2(hint, LabelHint(2, vocab.level2_specs[name], hint.cell, match,
                                                hint.copied, line=hint.line))
            why = "the row's own group" if own else "the group the level-1 labels printed around it leave"
            issues.append(Issue("info", "label_read_by_stated_group",
                                f"level label {hint.cell.text!r} is as near {' and '.join(sorted(near))}; "
                                f"read as {name!r}, in {group!r}, {why}", field="level2",
                                source_ref=hint.cell.source_ref or item.row.source_ref))
    return issues


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
    the text, over all their aliases."""
    return list(_nearest(label_key(text), vocab))


@lru_cache(maxsize=16384)
def _nearest(key: str, vocab: LevelVocabulary) -> tuple[str, ...]:
    if not key:
        return ()
    best: dict[str, int] = {}
    for name in vocab.level2_specs:
        aliases = vocab.level2.aliases_of(name)
        if aliases:
            best[name] = min(Levenshtein.distance(key, alias) for alias in aliases)
    if not best:
        return ()
    low = min(best.values())
    if low > len(key) // 2:
        return ()    # nothing near: half the label would be edits
    return tuple(name for name, d in best.items() if d == low)
