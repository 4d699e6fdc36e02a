"""A merged level-2 cell lies inside its level-1 group's, and every placement model prints a
group's label within the group's span, so no level-2 block holds another group's level-1
label (`placement.foreign_labels`). Where most level-2 labels are lost, a lone label fits a
centre model exactly by a block that runs far past it; without this, that block ran
through the next group's label, fitted exactly, and its rows were trusted over their
wording.

Positive: a lone label's centred block through another group's label no longer fits
exactly, and its rows are not trusted. Negative: the group's own label inside, a label on a
line of its own at the block's edge (a sub-header of the next group), a damaged level-1
label, a level-2 label of no known group, and one whose group the document never reads
at level 1 (a damaged piece read as another vocabulary's label, or a group whose label OCR
lost) cost nothing. A label settled as its row's group keeps its line (not line 0).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from formex.normalize.indicators.cells import IndicatorRow, classify_label, level_vocabulary, settle_dual_labels

from formex.normalize.indicators.placement import (
    CROSS, MODELS, UNREAD, Chain, Cluster, Geometry, fit_placement, foreign_labels, group_label_lines)
from formex.schemas.document import Cell, Row
from tests.test_hierarchy import SCHEMA

LINES = list(range(10))
GEO = Geometry(LINES, LINES, [])
# rows 0-4 产出 (its level-1 label on row 2), rows 5-9 效益 (its label on row 6); of the
# level-2 labels only 时效 (row 4) and 社会效益 (row 9) were read
LEVEL1 = [Cluster("产出指标", 2, 2, (2.0,)), Cluster("效益指标", 6, 6, (6.0,))]
LEVEL2 = [Cluster("时效指标", 4, 4, (4.0,), group="产出指标"),
          Cluster("社会效益指标", 9, 9, (9.0,), group="效益指标")]


def test_a_lone_label_no_longer_fits_exactly_through_another_groups_label():
    alone = Chain(LEVEL2, GEO, 10)
    bounded = Chain(LEVEL2, GEO, 10, foreign=group_label_lines(LEVEL1))
    up = MODELS.index("centre_up")
    # alone, 时效 on the centre of rows 0-8 fits exactly (rows 5-8 are 效益's)
    assert alone.total(up) == 0.0 and alone.blocks(up)[0] == (0, 9)
    assert bounded.total(up) > 0.0 and not bounded.exact(up)[0]
    # the labels printed on their blocks' bottoms still fit exactly: nothing crosses
    bottom = MODELS.index("bottom")
    assert bounded.total(bottom) == 0.0 and bounded.blocks(bottom) == [(0, 5), (5, 10)]


def test_rows_past_another_groups_label_are_not_trusted():
    fits = fit_placement(LEVEL2, LEVEL1, GEO, 10)
    assert fits and all(not fit.firm for fit in fits)
    for fit in fits:
        left, right, in_left, in_right, _ = fit.level2[6]
        assert (left, right) == ("时效指标", "社会效益指标")
        assert in_left <= 0.5 and in_right <= 0.5       # weak: the wording decides


# the level-2 blocks' own group's level-1 label, read (on a row inside the blocks tried)
OWN = Cluster("产出指标", 2, 2, (2.0,))


def block_costs(level2: list[Cluster], level1: list[Cluster], a: float, b: float) -> float:
    owner = np.zeros(1, dtype=int)
    return float(foreign_labels(level2[:1], owner, np.array([a]), np.array([b]), group_label_lines(level1))[0])


def test_the_groups_own_label_inside_costs_nothing():
    level1 = [Cluster("产出指标", 6, 6, (6.0,))]
    assert block_costs(LEVEL2, level1, 0.0, 8.0) == 0.0
    assert block_costs(LEVEL2, LEVEL1, 0.0, 8.0) == CROSS     # 效益's, on row 6


def test_a_line_of_its_own_at_the_blocks_edge_costs_nothing():
    # 效益's label a sub-header above its first row 5: outside rows 0-4, inside rows 0-5
    level1 = [OWN, Cluster("效益指标", 5, 5, (4.5,))]
    assert block_costs(LEVEL2, level1, 0.0, 4.0) == 0.0
    assert block_costs(LEVEL2, level1, 0.0, 5.0) == CROSS
    # on a row: the block's own last row is inside
    on_row = [OWN, Cluster("效益指标", 5, 5, (5.0,))]
    assert block_costs(LEVEL2, on_row, 0.0, 4.0) == 0.0
    assert block_costs(LEVEL2, on_row, 0.0, 5.0) == CROSS


def test_a_damaged_label_or_a_block_of_no_known_group_costs_nothing():
    damaged = [Cluster(UNREAD + "6", 6, 6, (6.0,))]
    assert block_costs(LEVEL2, damaged, 0.0, 8.0) == 0.0
    ungrouped = [Cluster("时效指标", 4, 4, (4.0,))]
    assert block_costs(ungrouped, LEVEL1, 0.0, 8.0) == 0.0
    unread_level2 = [Cluster(UNREAD + "4", 4, 4, (4.0,), group="产出指标", damaged=True)]
    assert block_costs(unread_level2, LEVEL1, 0.0, 8.0) == 0.0


def test_a_label_line_away_from_its_rows_is_not_counted():
    # a hint whose line was never set (0) on a cluster of row 4: not 成本's label on row 0
    level1 = [Cluster("成本指标", 4, 4, (0.0,)), Cluster("效益指标", 6, 6, (5.5,))]
    assert group_label_lines(level1) == [(5.5, "效益指标")]


def test_a_label_read_at_both_levels_is_not_another_groups():
    # 成本指标: a level-2 category of 产出 in one vocabulary, a level-1 group in another
    level2 = [Cluster("成本指标", 5, 5, (5.0,), group="产出指标")]
    level1 = [Cluster("成本指标", 4, 4, (4.0,))]
    assert block_costs(level2, level1, 3.0, 6.0) == 0.0
    assert block_costs(level2, [OWN, Cluster("效益指标", 4, 4, (4.0,))], 3.0, 6.0) == CROSS


def test_a_block_of_a_group_never_read_at_level_1_costs_nothing():
    # a damaged piece (`响指标`) read as a label of a group the document never prints at
    # level 1 (管理指标): where its group's rows lie is not known, so no label bounds it
    misread = [Cluster("管理指标", 5, 5, (5.0,), group="管理指标")]
    assert block_costs(misread, LEVEL1, 3.0, 8.0) == 0.0
    # the same block of a group read at level 1 pays for 效益's label on row 6
    assert block_costs(LEVEL2, LEVEL1, 3.0, 8.0) == CROSS
    # a level-2 group whose level-1 label OCR lost: 成本指标 is not among the labels read
    lost = [Cluster("经济成本指标", 4, 4, (4.0,), group="成本指标")]
    assert block_costs(lost, LEVEL1, 2.0, 5.0) == 0.0


def dual_row(*texts: str, line: float) -> IndicatorRow:
    vocab = level_vocabulary(SCHEMA)
    cells = [Cell(t, t, c) for c, t in enumerate(texts)]
    hints = [replace(classify_label(cell, vocab), line=line) for cell in cells]
    return IndicatorRow(Row(0, tuple(cells), 1, "line 0"), level2=hints)


def test_a_label_read_as_its_group_keeps_the_line_it_prints_on():
    # 成本指标 | 经济成本指标 read after the lines are set (read_dual_group_heads): the group's
    # label prints on the row's line, not on line 0 (which bounded level-2 blocks far off)
    item = dual_row("成本指标", "经济成本指标", line=7.0)
    settle_dual_labels(item)
    assert [(h.spec.label, h.line) for h in item.level1] == [("成本指标", 7.0)]
    assert [(h.spec.label, h.line) for h in item.level2] == [("经济成本指标", 7.0)]


def test_a_lone_dual_label_stays_level_2_on_its_line():
    item = dual_row("成本指标", line=7.0)
    settle_dual_labels(item)
    assert item.level1 == [] and [(h.spec.label, h.line) for h in item.level2] == [("成本指标", 7.0)]
