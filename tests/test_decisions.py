"""The hierarchy's decisions as `formex explain` shows them: the same choice as
`place_rows`, and totals that are what they claim (checked against brute force)."""
from __future__ import annotations

import itertools
import math
import random

import pytest

from formex.evaluate import find_gold_samples
from formex.extract.readers import read_document
from formex.normalize.form import normalize_document
from formex.normalize.indicators.decisions import decide_rows, segmentation_totals
from formex.normalize.indicators.hierarchy import CLOSE, close_calls
from formex.schemas.forms import Level2Spec
from formex.normalize.indicators.hierarchy import (
    GROUP_BACK, INF, NEW_BLOCK, cheapest_path, cheapest_prefixes, segment_rows)
from formex.schemas.forms import load_all_form_schemas
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(f for d in find_gold_samples(SAMPLES) for f in d.iterdir() if f.is_file())
SCHEMAS = {schema.form_type: schema for schema in load_all_form_schemas()}


def transition(j: int, k: int, strict: bool, groups: list[str]) -> float:
    """The rules of `cheapest_prefixes`' docstring, written out for one step j -> k."""
    order = list(dict.fromkeys(groups))
    if j == k:
        return INF if strict else 0.0
    if j < k:
        return NEW_BLOCK
    if order.index(groups[j]) > order.index(groups[k]):
        return NEW_BLOCK + GROUP_BACK
    return INF   # back within a level-1 group


def brute_totals(costs, entries, groups):
    n, m = len(costs), len(groups)
    totals = [[INF] * m for _ in range(n)]
    for path in itertools.product(range(m), repeat=n):
        cost = sum(costs[i][k] for i, k in enumerate(path))
        cost += sum(transition(path[i - 1], path[i], entries[i] or entries[i - 1], groups)
                    for i in range(1, n))
        for i, k in enumerate(path):
            totals[i][k] = min(totals[i][k], cost)
    return totals


@pytest.mark.parametrize("seed", range(40))
def test_totals_are_the_cheapest_segmentation_through_each_cell(seed):
    rng = random.Random(seed)
    groups = sorted(rng.choice("AB") for _ in range(rng.randint(2, 4)))
    n = rng.randint(1, 5)
    costs = [[INF if rng.random() < 0.15 else round(rng.uniform(0, 3), 3) for _ in groups]
             for _ in range(n)]
    entries = [rng.random() < 0.25 for _ in range(n)]
    expected = brute_totals(costs, entries, groups)
    got = segmentation_totals(costs, entries, groups)
    for want_row, got_row in zip(expected, got):
        for want, value in zip(want_row, got_row):
            assert (want == INF and value == INF) or math.isclose(want, value, abs_tol=1e-9)
    best, back = cheapest_prefixes(costs, entries, groups)
    path = cheapest_path(best, back)
    optimum = min(min(row) for row in expected)
    assert (path is None) == (optimum == INF)
    if path is not None:   # the path the programme takes is an optimal one
        assert all(math.isclose(got[i][k], optimum, abs_tol=1e-9) for i, k in enumerate(path))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_decisions_agree_with_the_placed_rows(path):
    result = normalize_document(read_document(path.read_bytes(), path.name))
    categories = SCHEMAS[result.form_type].level2_order
    items = [indicator.row for indicator in result.indicators]
    decisions = decide_rows(items, categories)
    assert decisions.ordered and segment_rows(items, categories) == [d.chosen for d in decisions.rows]
    assert [categories[d.chosen].label for d in decisions.rows] == \
        [indicator.placement.level2.label for indicator in result.indicators]
    optimum = decisions.rows[0].totals[decisions.rows[0].chosen]
    for decision in decisions.rows:
        assert math.isclose(decision.totals[decision.chosen], optimum, abs_tol=1e-9)
        assert decision.extra[decision.chosen] == 0.0 and min(decision.extra) == 0.0


def test_a_stated_category_leaves_no_other_candidate():
    path = SAMPLES / "seed-shanghai-2026-unit-overall" / "000_36305e3f8ca00a2f.txt"
    result = normalize_document(read_document(path.read_bytes(), path.name))
    categories = SCHEMAS[result.form_type].level2_order
    decisions = decide_rows([indicator.row for indicator in result.indicators], categories)
    entry = next(d for d, i in zip(decisions.rows, result.indicators) if i.source_ref == "line 83")
    assert categories[entry.chosen].label == "经济效益指标"
    assert [k for k, cost in enumerate(entry.costs) if cost != INF] == [entry.chosen]
    assert entry.parts[entry.chosen] is not None and all(p is None for k, p in enumerate(entry.parts)
                                                         if k != entry.chosen)


def test_no_rows_no_decisions():
    decisions = decide_rows([], SCHEMAS["unit_overall_target"].level2_order)
    assert decisions.rows == [] and decisions.ordered


def test_sample_files_are_found():
    assert len(SAMPLE_FILES) == len(find_gold_samples(SAMPLES))   # one input file per sample


def test_explain_marks_where_a_row_went_when_a_step_after_the_costs_moved_it():
    # the chained-blocks table (tests/test_chained_blocks.py): the costs put 办结周期 in
    # 时效 by its wording, the chain of blocks moves it back to 质量. The ✓ goes on 质量,
    # where the row is in the output, with the chain's reason beside it
    from test_chained_blocks import NAMES, SCHEMA as CHAINED, place
    from formex.explain import explain_rows, row_view
    indicators, issues = place(NAMES[:7] + ["办结周期"] + NAMES[8:])
    categories = CHAINED.level2_order
    decisions = decide_rows([indicator.row for indicator in indicators], categories)
    assert categories[decisions.rows[7].chosen].label == "时效指标"
    rows = explain_rows(indicators, issues, decisions, categories)
    assert rows[7].level2 == rows[7].candidates[0].level2 == "质量指标"
    assert rows[7].moved and "together" in rows[7].moved
    assert "时效指标" in [c.level2 for c in rows[7].candidates]
    assert "moved after the costs" in str(row_view(rows[7])[-1].renderable)
    assert [row.moved for i, row in enumerate(rows) if i != 7] == [None] * 11


def test_a_row_another_category_would_cost_little_more_is_a_close_call():
    """`close_calls`: the middle row in A costs the table 0.3 more than in B (0.8 against
    0.5 for itself; one new block either way), less than `CLOSE`: a guess. The rows
    around are decided by more, as is the middle row once A costs it 2.0."""
    categories = tuple(Level2Spec(label=label, level1="G", order=k) for k, label in enumerate("AB"))
    close = close_calls([[0.0, 3.0], [0.8, 0.5], [3.0, 0.0]], [False] * 3, categories, [0, 1, 1])
    assert list(close) == [1] and close[1][0] == 0 and math.isclose(close[1][1], 0.3)
    assert CLOSE > 0.3
    assert close_calls([[0.0, 3.0], [2.0, 0.0], [3.0, 0.0]], [False] * 3, categories, [0, 1, 1]) == {}


def test_explain_decides_each_table_over_the_rows_it_placed():
    """A label on a line of its own is absorbed into its block (no indicator row), and a
    project's 中期 table is placed apart from its 年度 table: explain's costs are those
    of each table's own rows, so the ✓ is the programme's choice on every row of the
    samples (nothing after the costs moves a row there)."""
    from formex.explain import indicator_decisions
    for path in SAMPLE_FILES:
        result = normalize_document(read_document(path.read_bytes(), path.name))
        if result.form_type is None:
            continue
        categories = SCHEMAS[result.form_type].level2_order
        decisions = indicator_decisions(result.indicators, categories)
        assert len(decisions.rows) == len(result.indicators)
        placed = [categories[d.chosen].label for d in decisions.rows]
        assert placed == [i.placement.level2.label for i in result.indicators], path.name


def test_a_row_read_twice_is_decided_once():
    """A 2017 form's row with a 中期 target beside its 年度 one gives two indicators of one
    table row: the programme placed the row once, so both share its decision (decided
    over the doubled list, every doubled row paid twice and the margins were wrong)."""
    from formex.explain import indicator_decisions
    path = next(p for p in SAMPLE_FILES if p.parent.name == "legacy-2017-unit-overall-mid-term")
    result = normalize_document(read_document(path.read_bytes(), path.name))
    decisions = indicator_decisions(result.indicators, SCHEMAS[result.form_type].level2_order)
    pairs = [(i, j) for i, j in zip(result.indicators, result.indicators[1:]) if i.row is j.row]
    assert pairs and len({id(d) for d in decisions.rows}) == len({id(i.row) for i in result.indicators})


def test_explain_names_each_tables_placement_model():
    """A project form's 年度 and 中期 tables are placed apart, each by its own fitted model:
    explain names both; a one-table form names its one model as before."""
    from formex.explain import explain_file
    project = next(p for p in SAMPLE_FILES if p.parent.name == "project-target-2026-elderly-care")
    explanation = explain_file(project)
    assert [period for period, _ in explanation.tables] == ["annual", "mid_term"]
    assert explanation.placement == explanation.tables[0][1]
    seed = next(p for p in SAMPLE_FILES if p.parent.name == "seed-shanghai-2026-unit-overall")
    assert explain_file(seed).tables == ()
