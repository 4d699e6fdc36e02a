"""A label-only row read as a group named by the tail of another group's label (管理指标,
the last pieces of 投入管理指标 wrapped down the level-1 column), below a category of that
longer group: where one category of that group is left unprinted there, the tail stood where
that category's own pieces were lost."""
from __future__ import annotations

from formex.normalize.indicators.cells import IndicatorRow, LabelHint, LevelVocabulary
from formex.normalize.labels import LabelMatch, label_key
from formex.schemas.document import Issue
from formex.schemas.forms import FormSchema, Level2Spec


def group_named_tail(spec: Level2Spec, group: str) -> bool:
    """`spec` is the one category of a group named as itself (管理指标 of 管理指标) whose
    label is the proper tail of `group`'s label (投入管理指标): its wrapped last pieces."""
    own, longer = label_key(spec.label), label_key(group)
    return spec.label == spec.level1 and len(longer) > len(own) and longer.endswith(own)


def stated_labels(items: list[IndicatorRow]) -> list[list[str]]:
    """The level-2 labels each row prints itself (not filled down)."""
    return [[h.spec.label for h in item.level2 if not h.copied] for item in items]


def tail_row_spec(items: list[IndicatorRow], i: int, stated: list[list[str]],
                  vocab: LevelVocabulary) -> tuple[Level2Spec, str, str] | None:
    """Row `i`'s lone label, where it is a group-named tail (`group_named_tail`) of the
    group of the nearest label above: (its spec, that group, that label)."""
    item = items[i]
    hint = item.own_level2
    if hint is None or hint.copied or item.name is not None or item.target is not None \
            or item.unrecognised or len(stated[i]) != 1:
        return None
    above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
    if above is None:
        return None
    group = vocab.level2_specs[above].level1
    return (hint.spec, group, above) if group_named_tail(hint.spec, group) else None


def categories_left_between(group: str, above: str | None, below: str | None, printed: set[str],
                            schema: FormSchema) -> list[Level2Spec]:
    """The categories of `group` after `above` and before `below` (the group's start and
    end where they are of another group, or None) in the canonical order that the table
    prints nowhere."""
    order = [spec for spec in schema.level2_order if spec.level1 == group]
    names = [spec.label for spec in order]
    low = names.index(above) if above in names else -1
    high = names.index(below) if below in names else len(names)
    return [spec for spec in order[low + 1:high] if spec.label not in printed]


def read_group_tail_rows(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                         by_order: bool = True) -> list[Issue]:
    """Each label-only row read as a group named by the tail of the group above's label
    (`tail_row_spec`), below one of that group's categories:
    - where the canonical order leaves one category of that group unprinted before the next
      label, the row is it, its own pieces lost and the tail taken for them (`预算 | 执行 |
      管埋` beside `管理 | 指标`): evidence for its own block only (`IndicatorRow.by_order`), and
      only with `by_order`;
    - elsewhere the row stays as read. Where none is left, the row may still be a category's
      own label-only row whose label was misread (a row of the gold, dropped it is a row lost);
      telling the two apart is left.
    An info issue says so."""
    stated = stated_labels(items)
    printed = {name for labels in stated for name in labels}
    issues: list[Issue] = []
    for i, item in enumerate(items):
        found = tail_row_spec(items, i, stated, vocab)
        if found is None:
            continue
        spec, group, above = found
        below = next((labels[0] for labels in stated[i + 1:] if labels), None)
        left = categories_left_between(group, above, below, printed, schema)
        if len(left) != 1 or not by_order:
            continue
        new, hint = left[0], item.own_level2
        item.replace_level2(hint, LabelHint(2, new, hint.cell, LabelMatch(new.label, new.label, hint.match.score),
                                            line=hint.line))
        item.by_order = new.label
        stated[i] = [new.label]
        printed.add(new.label)
        issues.append(Issue("info", "label_read_by_order",
                            f"{hint.cell.text!r} reads {spec.label!r}, the tail of {group!r}'s label; "
                            f"between {above!r} and {below!r} the order leaves {new.label!r} alone unprinted: "
                            f"read as {new.label!r}", field="level2",
                            source_ref=hint.cell.source_ref or item.row.source_ref))
    return issues
