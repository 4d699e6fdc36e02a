"""A level label wrapped over several rows in a narrow column (`数量` / `指标`) is one label
printed as a block of lines, and each placement model weighs the piece it places: a top
label's first line, a centred one's middle line (the upper of two), a bottom one's last
line (`placement.PLACING`, `Cluster.joins`). Before, every piece's line was weighed by
every model, so no wrapped label ever fitted exactly (the fit of a document of wrapped
labels was never trusted over wording) and the models that must fit every label exactly
(`sub_header`, `centre_apart`) were never candidates.

Positive: wrapped labels on their spans' centres fit the centre model exactly; negative:
the same label restated on consecutive rows (not pieces of one) is weighed on each line,
and pieces on lines apart from one another are not one label.
"""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.hierarchy import fit_items, joined_family, label_clusters, with_joins
from formex.normalize.indicators.placement import (INF, MODELS, Cluster, Geometry, chain_tables, fit_placement,
                                                   gap_ranges, piece_families)
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
HEADER = "一级指标\t二级指标\t三级指标\t指标值"
NAMES = [f"工作事项{c}" for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯"]
BLOCKS = [("数量指标", 4), ("质量指标", 5), ("时效指标", 3)]


def centred_wrapped(blocks: list[tuple[str, int]], wrapped: bool = True, top: bool = False) -> str:
    """Labels on their spans' upper middle rows (with `top`, their top rows), each wrapped
    over two rows (`数量` there, `指标` on the row below) or, with `wrapped` False,
    printed whole on both."""
    lines, start = [HEADER], 0
    for label, size in blocks:
        centre = start if top else start + (size - 1) // 2
        for k in range(size):
            i = start + k
            cell = ""
            if i == centre:
                cell = label[:2] if wrapped else label
            elif i == centre + 1:
                cell = label[2:] if wrapped else label
            group = "产出指标" if i == (0 if top else 5) else ""
            lines.append(f"{group}\t{cell}\t{NAMES[i]}\t≥{i + 1}(项)")
        start += size
    return "\n".join(lines)


def read(text: str):
    rows = list(iter_text_rows(text))
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    return items, fit_items(items, SCHEMA.level2_order), [i.placement.level2.label for i in indicators]


def test_wrapped_labels_on_their_centres_fit_the_centre_model_exactly():
    items, fit, found = read(centred_wrapped(BLOCKS))
    clusters = label_clusters(items)
    assert [c.joins for c in clusters] == [(False, True)] * 3     # each label's two pieces: one label
    assert fit.model == "centre_up" and fit.cost == 0.0
    # (a centred label leaves one row at a boundary to the wording: 9 fits 质量's six rows
    # 4-9 as well as 时效's three 9-11; the names here tell nothing)
    expected = [label for label, size in BLOCKS for _ in range(size)]
    assert found[:9] == expected[:9] and found[10:] == expected[10:]


def test_a_two_line_label_on_an_odd_span_prints_its_upper_line_on_the_centre_row():
    # a wrapped label's middle piece (the upper of two) sits on the centre row, as a one-line
    # label would: on an odd span the two lines are the centre row and the one below, not the
    # rows around the span's exact centre (that reading, fitted, lowered split_label seed 3-4
    # .9999 -> .9965 and made 4 of 21 exactly fitting fresh documents misfit)
    blocks = [("数量指标", 5), ("质量指标", 3), ("时效指标", 3)]   # 产出指标 on row 5: the centre of 11
    items, fit, found = read(centred_wrapped(blocks))
    assert fit.model in ("centre_up", "centre_down") and fit.cost == 0.0


def test_wrapped_labels_on_their_tops_place_every_boundary():
    items, fit, found = read(centred_wrapped(BLOCKS, top=True))
    assert fit.model in ("top", "page_top", "after_break") and fit.cost == 0.0
    assert found == [label for label, size in BLOCKS for _ in range(size)]
    assert all(i in fit.firm for i in (2, 3, 6, 7, 8, 11))    # the rows between labels: trusted


def test_each_model_weighs_the_piece_it_places():
    # rows 0-3 and 4-8: labels wrapped over rows 1-2 and 6-7 (the upper middle row and the
    # one below); under `top` the same pieces start rows 1 and 6
    lines = list(range(9))
    geo = Geometry(lines, lines, [])
    level2 = [Cluster("数量指标", 1, 2, (1.0, 2.0), group="产出指标", joins=(False, True)),
              Cluster("质量指标", 6, 7, (6.0, 7.0), group="产出指标", joins=(False, True))]
    costs = {fit.model: fit.cost for fit in fit_placement(level2, [], geo, 9)}
    assert costs.get("centre_up") == 0.0
    # the last piece is a bottom label's line: rows 0-2 and 3-7 (row 8 in no block) or
    # 0-2, 3-7 … it fits only by leaving a row without a label, so it costs more
    fits = fit_placement([Cluster("数量指标", 1, 2, (1.0, 2.0), group="产出指标", joins=(False, True)),
                          Cluster("质量指标", 7, 8, (7.0, 8.0), group="产出指标", joins=(False, True))],
                         [], geo, 9)
    assert "bottom" in [fit.model for fit in fits] and fits[0].cost == 0.0


def test_a_label_restated_on_consecutive_rows_is_weighed_on_each():
    # the same label printed whole on two rows (not a wrapped label's pieces): no joins,
    # and no model fits both lines of a block
    items, fit, _ = read(centred_wrapped(BLOCKS, wrapped=False))
    assert all(c.joins == () for c in label_clusters(items))
    assert fit.cost > 0.0
    lines = list(range(9))
    level2 = [Cluster("数量指标", 1, 2, (1.0, 2.0), group="产出指标"),
              Cluster("质量指标", 6, 7, (6.0, 7.0), group="产出指标")]
    assert all(fit.cost > 0.0 for fit in fit_placement(level2, [], Geometry(lines, lines, []), 9))


def test_pieces_join_only_on_consecutive_row_lines():
    cluster = Cluster("数量指标", 1, 4, (1.0, 2.0, 4.0, 4.5))
    # pieces on 1 and 2 are one label; 4 is two lines below 2, 4.5 a line of its own
    assert with_joins(cluster, (True, True, True, True)).joins == (False, True, False, False)
    # a whole label restated on a row (not a piece) joins nothing
    assert with_joins(cluster, (True, False, True, True)) == cluster


def test_no_joins_where_a_level_cell_is_left_unread():
    # a level cell no vocabulary reads (a piece OCR damaged past reading: `杯` under `数量指`) says the wrapped labels may not
    # show every line they print on: every line is weighed, as before
    text = centred_wrapped(BLOCKS, top=True).replace("\t\t工作事项丁", "\t质最措杯\t工作事项丁")
    items, _, _ = read(text)
    assert any(item.unrecognised for item in items)
    assert all(c.joins == () for c in label_clusters(items))


# ---------------------------------------------------------------- a wrapped label that ran out of rows
def test_a_label_past_its_rows_fits_wherever_the_model_line_falls_on_it():
    # centre-down labels (the lower middle row), wrapped over two-character lines:
    # 经济/效益/指标 on rows 1-3 of 0-3 (its middle piece on row 2), 可持/续影/响指/标 on rows
    # 8-11 of 6-12 (middle piece on 9). 社会/效益/指标 has rows 4-5 only: it cannot start a
    # line above its lower row 5, so it prints from row 4 and its 指标 spills onto a line of
    # its own. Its middle piece is not on the model's line: the label is loose, and the
    # document fits centre-down exactly, the rows between 社会 and 可持 trusted. Before, it
    # cost a line under centre-down, fitted no model exactly, and no gap was trusted
    rows = ["\t\t事项甲\t≥1", "\t经济\t事项乙\t≥2", "\t效益\t事项丙\t≥3", "\t指标\t事项丁\t≥4",
            "\t社会\t事项戊\t≥5", "\t效益\t事项己\t≥6", "\t指标\t\t", "\t\t事项庚\t≥7", "\t\t事项辛\t≥8",
            "\t可持\t事项壬\t≥9", "\t续影\t事项癸\t≥10", "\t响指\t事项子\t≥11", "\t标\t事项丑\t≥12",
            "\t\t事项寅\t≥13"]
    items, fit, found = read("\n".join([HEADER, *rows]))
    assert [c.loose for c in label_clusters(items)] == [False, True, False]
    assert fit.model == "centre_down" and fit.cost == 0.0
    assert {6, 7} <= fit.firm
    assert found == ["经济效益指标"] * 4 + ["社会效益指标"] * 2 + ["可持续影响指标"] * 7


def test_a_loose_label_costs_the_distance_to_its_nearest_line():
    # rows 0-6, a label on rows 1-3: loose, a model whose line falls on 1-3 fits (centre: 3),
    # one off it pays the lines to the nearest (top: 1, bottom: 3); with its pieces' roles
    # known, the centre model places the middle piece (2) and misses by one
    lines = list(range(7))
    geo = Geometry(lines, lines, [])

    def costs(loose: bool) -> dict[str, float]:
        cluster = Cluster("数量指标", 1, 3, (1.0, 2.0, 3.0), joins=(False, True, True), loose=loose)
        table = chain_tables([cluster], gap_ranges([cluster], 7), geo)[0]
        return {m: round(table.cost((0, 7), k), 2) for k, m in enumerate(MODELS)}
    loose, strict = costs(True), costs(False)
    assert loose["centre_up"] == 0.0 and loose["top"] == 0.99 and loose["bottom"] == 2.99
    assert strict["centre_up"] == 0.99


# ---------------------------------------------------------------- the joined runs settle the family
def top_wrapped_with_unread_piece(sizes: list[int], unread_row: int) -> str:
    """Labels two characters wide on their blocks' top rows (a level-1 label likewise on its
    group's), and one level-2 cell damaged past reading (`杯`) on `unread_row`."""
    labels = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "经济效益指标"),
              ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标")]
    lines, start, seen = [HEADER], 0, set()
    for (group, label), size in zip(labels, sizes):
        pieces = [label[k:k + 2] for k in range(0, len(label), 2)]
        heads = [] if group in seen else [group[k:k + 2] for k in range(0, len(group), 2)]
        seen.add(group)
        for k in range(size):
            cell = "杯" if start + k == unread_row else pieces[k] if k < len(pieces) else ""
            head = heads[k] if k < len(heads) else ""
            lines.append(f"{head}\t{cell}\t工作事项{start + k}\t≥{start + k + 1}(项)")
        start += size
    return "\n".join(lines)


def test_joined_runs_settle_the_family_where_a_piece_stays_unread():
    # a cell left unread weighs every line of every label (`pieces_unread`): three-line
    # labels then fit a centre (1+0+1) better than their top (0+1+2), and centre-up took
    # rows 6-7 of 质量's block into 经济效益's. Each label weighed by its joined run, the top
    # models fit exactly and every other family misfits by more than JOINED_MARGIN: the
    # fit chooses among the top models (`joined_family`)
    sizes = [4, 4, 6, 4, 5]
    items, fit, found = read(top_wrapped_with_unread_piece(sizes, 11))
    assert any(item.unrecognised for item in items)
    assert joined_family(items) == frozenset(MODELS.index(m) for m in ("top", "page_top", "after_break", "sub_header"))
    assert fit.model in ("top", "page_top", "after_break")
    labels = ["数量指标", "质量指标", "经济效益指标", "社会效益指标", "可持续影响指标"]
    assert found == [label for label, size in zip(labels, sizes) for _ in range(size)]


def test_no_family_is_settled_where_the_joined_runs_leave_it_open():
    # no cell unread: the fit weighs the joined runs itself, nothing to settle
    items, _, _ = read(top_wrapped_with_unread_piece([4, 4, 6, 4, 5], -1))
    assert joined_family(items) is None
    # a family within the margin of another (the bottom models 2 lines off the top ones: a near fit) is left open
    top = frozenset(MODELS.index(m) for m in ("top", "page_top", "after_break", "sub_header"))
    near = {"top": 0.0, "page_top": 0.0, "after_break": 0.0, "bottom": 2.0, "page_bottom": 2.0,
            "sub_header": INF, "centre_apart": INF}
    totals = [near.get(m, 3.0) for m in MODELS]
    assert piece_families(totals, 2.5) is None
    farther = [t + 0.5 if m in ("bottom", "page_bottom") else t for m, t in zip(MODELS, totals)]
    assert piece_families(farther, 2.5) == top


def test_a_damaged_label_placing_its_own_block_is_no_piece_of_the_label_above():
    # `杯柝怀栎` right below 数量指标's last piece is read as a damaged label of its own block
    # (`unread_label_rows`): the joined weighing does not run 数量指标 on into it
    from formex.normalize.indicators.hierarchy import unread_label_rows, unread_level_cells, unread_piece_lines
    text = top_wrapped_with_unread_piece([4, 4, 6, 4, 5], 2).replace("\t杯\t", "\t杯柝怀栎\t")
    items, _, _ = read(text)
    cells = unread_level_cells(items)
    assert unread_label_rows(items) == frozenset({2})
    assert list(unread_piece_lines(items, cells).values()) == ["杯柝怀栎"]
    assert unread_piece_lines(items, cells, unread_label_rows(items)) == {}
    # a one-character piece (`杯`) places no block: it stays the label's missing last piece
    items, _, _ = read(top_wrapped_with_unread_piece([4, 4, 6, 4, 5], 2))
    assert list(unread_piece_lines(items, unread_level_cells(items), unread_label_rows(items)).values()) == ["杯"]
