"""Two rules of the placement models (`normalize/indicators/placement.py`), each with a case
it must fire on and one it must not:

* a model that reprints a label on every page's part of a span (`page_centre_*`,
  `page_bottom`) pays `PAGE_PART` for each part of a block without a label: without it
  such a model lets a block run on past a page break for free (the part after the break
  is explained by nothing), and ties with the models that pin the boundary. `page_top`
  is exempt: a span printed at its top fits it with one label;
* `centre_apart`: every label on the exact centre of its span, an even span's on a line
  of its own between its two middle rows, fitted without the prior against lines apart,
  and only where it explains every label.
"""
from __future__ import annotations

import numpy as np

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.hierarchy import fit_items
from formex.normalize.indicators.placement import (MODELS, PAGE_PART, Cluster, Geometry, fit_placement,
                                                   predicted_costs)
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
HEADER = "一级指标\t二级指标\t三级指标\t指标值"
# names that tell no category: only the labels place the boundaries
NAMES = [f"工作事项{c}" for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯"]


def block_costs(first: float, last: float, labels: list[float], page_starts: list[float]) -> dict[str, float]:
    """One block's cost per model, its labels at `labels`."""
    lines = list(range(int(last) + 1))
    geo = Geometry(lines, lines, page_starts)
    a, b = np.array([float(first)]), np.array([float(last)])
    ranks = [(np.array([0]), np.array([line])) for line in labels]
    return dict(zip(MODELS, predicted_costs(a, b, ranks, geo)[0].tolist()))


# ---------------------------------------------------------------- a page's part without its label
def test_a_per_page_model_pays_for_a_page_part_without_a_label():
    # rows 0-9, a page from row 5: one label, on the centre (2) or the bottom (4) of the
    # first part; the second part has none
    costs = block_costs(0, 9, [2.0], [5])
    assert costs["page_centre_up"] == costs["page_centre_down"] == PAGE_PART
    assert block_costs(0, 9, [4.0], [5])["page_bottom"] == PAGE_PART
    # three parts (pages from rows 4 and 8), one labelled: two parts pay
    assert block_costs(0, 11, [2.0], [4, 8])["page_centre_down"] == 2 * PAGE_PART


def test_a_block_labelled_on_every_part_or_on_one_page_pays_nothing():
    # a label on each part's centre / bottom: the layout itself
    costs = block_costs(0, 9, [2.0, 7.0], [5])
    assert costs["page_centre_up"] == costs["page_centre_down"] == 0.0
    assert block_costs(0, 9, [4.0, 9.0], [5])["page_bottom"] == 0.0
    # no page break inside the block: one part, labelled
    assert block_costs(0, 4, [2.0], [5])["page_centre_up"] == 0.0
    assert block_costs(0, 9, [4.0], [])["page_centre_up"] == 0.0
    # page_top is exempt: a span with its one label at its top fits it as it fits `top`
    costs = block_costs(0, 9, [0.0], [5])
    assert costs["page_top"] == costs["top"] == 0.0
    # models printing one label per span pay no charge for a span over a page break
    assert block_costs(0, 9, [4.0], [5])["centre_up"] == 0.0
    assert block_costs(0, 9, [2.0], [5])["span_centre_up"] == 0.0   # the part holding the centre
    assert block_costs(0, 9, [9.0], [5])["bottom"] == 0.0


def test_a_per_page_model_no_longer_runs_a_block_past_a_break_for_free():
    # 数量 on 1, 质量 on 4, 时效 on 9, a page from row 6: under page_centre_down, 质量's
    # part on the first page (3-5) holds its label on its centre whatever its block does on
    # the next page, so row 6 cost nothing in 质量; the part it would open has no label
    lines = list(range(12))
    level2 = [Cluster("数量指标", 1, 1, (1.0,), group="产出指标"),
              Cluster("质量指标", 4, 4, (4.0,), group="产出指标"),
              Cluster("时效指标", 9, 9, (9.0,), group="产出指标")]
    fits = {fit.model: fit for fit in fit_placement(level2, [], Geometry(lines, lines, [6]), 12)}
    left, right, in_left, in_right, _ = fits["page_centre_down"].level2[6]
    assert (left, right) == ("质量指标", "时效指标") and in_left > 2.0 and in_right == 0.0
    # page_centre_up would need row 6 in 质量 (时效 from 7 centres on 9) or unlabelled: it
    # no longer ties with the models that explain every row
    assert "page_centre_up" not in fits and fits["page_centre_down"].cost == 0.0


def test_page_top_does_not_read_a_label_above_rows_as_an_entry_for_a_later_page_label():
    # 数量 on 0 (its block over the break at 1: at its top, not after the break), a
    # label-only 质量 on 2 over rows 3-4, 时效 on 5, the first row of the page from 5.
    # page_top allows a label at a later part's top, so 时效 could take 3-4 (or 4) with 质量
    # read as an entry (or taking 3 alone), for free; that leaves the part before the break
    # explained by nothing while the label just above it is 质量's: it pays `PAGE_PART`
    lines = list(range(11))
    level2 = [Cluster("数量指标", 0, 0, (0.0,), group="产出指标"),
              Cluster("质量指标", 2, 2, (2.0,), group="产出指标", optional=True),
              Cluster("时效指标", 5, 5, (5.0,), group="产出指标")]
    fits = {fit.model: fit for fit in fit_placement(level2, [], Geometry(lines, lines, [1, 5]), 11)}
    assert "page_top" in fits and fits["page_top"].entries == frozenset()
    assert fits["page_top"].chain.blocks(MODELS.index("page_top"))[1] == (2, 5)


# ---------------------------------------------------------------- centre_apart
def own_line(blocks: list[tuple[str, int]], level1_row: int | None, even_on_row: set[str] = frozenset()) -> str:
    """Labels on the exact centre of their span: an odd span's on its middle row, an even
    span's on a line of its own between its middle rows (those in `even_on_row` on the
    upper middle row instead)."""
    lines, start = [HEADER], 0
    for label, size in blocks:
        for k in range(size):
            i = start + k
            if size % 2 == 0 and k == size // 2 and label not in even_on_row:
                lines.append(f"\t{label}\t\t")
            on_row = (size % 2 == 1 and k == size // 2) or (label in even_on_row and k == size // 2 - 1)
            group = "产出指标" if i == level1_row else ""
            lines.append(f"{group}\t{label if on_row else ''}\t{NAMES[i]}\t≥{i + 1}(项)")
        start += size
    return "\n".join(lines)


BLOCKS = [("数量指标", 4), ("质量指标", 5), ("时效指标", 2), ("成本指标", 2)]


def categories(text: str) -> tuple[str | None, list[str]]:
    rows = list(iter_text_rows(text))
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    return fit_items(items, SCHEMA.level2_order).model, [i.placement.level2.label for i in indicators]


def test_labels_on_their_spans_exact_centres_fit_centre_apart_and_place_every_boundary():
    model, found = categories(own_line(BLOCKS, level1_row=6))
    assert model == "centre_apart"
    assert found == [label for label, size in BLOCKS for _ in range(size)]


def test_centre_apart_is_no_candidate_where_one_label_misfits_it():
    # 时效's even span prints on its upper middle row: the centre models' layout
    model, _ = categories(own_line(BLOCKS, level1_row=6, even_on_row={"时效指标"}))
    assert model != "centre_apart"
    # at the fit: a label off the exact centre by half a line rules the model out, though
    # it would cost less than the prior `centre_up` pays for the line apart
    lines = [0, 1, 2, 3, 3.5, 4, 5, 6, 7]
    level2 = [Cluster("数量指标", 1, 1, (1.0,), group="产出指标"),
              Cluster("质量指标", 4, 4, (3.5,), optional=True, group="产出指标", apart=True),
              Cluster("时效指标", 7, 7, (6.0,), group="产出指标")]
    geo = Geometry(lines, lines, [])
    assert [fit.model for fit in fit_placement(level2, [], geo, 9)] == ["centre_apart"]
    level2[2] = Cluster("时效指标", 6, 6, (5.0,), group="产出指标")   # 时效 rows 5-7 on its top row
    assert "centre_apart" not in [fit.model for fit in fit_placement(level2, [], geo, 9)]
