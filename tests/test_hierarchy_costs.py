"""The hierarchy's fast dynamic programme agrees, to the bit, with the tuple-based form
it replaced."""
from __future__ import annotations

import random


from formex.extract.readers import read_document
from formex.normalize.detect import detect_family
from formex.normalize.indicators import hierarchy
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_all_form_schemas
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*/*.txt"))


def indicator_items(path):
    doc = read_document(path.read_bytes(), path.name)
    detection = detect_family(doc, load_all_form_schemas())
    schema, sections = detection.schema, detection.sections
    items, _ = rows_to_indicator_rows(sections.parts.get("indicators", []), schema, doc.spans_known)
    return items, schema.level2_order


def reference_prefixes(costs, entries, groups):
    """`cheapest_prefixes` as it was written before its inner loops lost their tuples."""
    inf, new_block, group_back = hierarchy.INF, hierarchy.NEW_BLOCK, hierarchy.GROUP_BACK
    n, m = len(costs), len(groups)
    group_end = [next((j for j in range(k, m) if groups[j] != groups[k]), m) for k in range(m)]
    best, back = [costs[0][:]], [[-1] * m]
    for i in range(1, n):
        strict = entries[i] or entries[i - 1]
        previous = best[i - 1]
        later = [(inf, -1)] * (m + 1)
        for j in range(m - 1, -1, -1):
            later[j] = min((previous[j], j), later[j + 1])
        row_best, row_back = [inf] * m, [-1] * m
        running, running_arg = inf, -1
        for k in range(m):
            stay = previous[k] if not strict else inf
            enter, enter_arg = (stay, k) if stay <= running else (running, running_arg)
            back_cost, back_arg = later[group_end[k]]
            if back_cost + new_block + group_back < enter:
                enter, enter_arg = back_cost + new_block + group_back, back_arg
            if enter < inf and costs[i][k] < inf:
                row_best[k], row_back[k] = enter + costs[i][k], enter_arg
            if previous[k] + new_block < running:
                running, running_arg = previous[k] + new_block, k
        best.append(row_best)
        back.append(row_back)
    return best, back


def test_the_dynamic_programme_matches_its_reference_on_samples_and_random_tables():
    cases = []
    for path in SAMPLE_FILES:
        items, categories = indicator_items(path)
        table = hierarchy.cost_table(items, categories)
        cases.append(([[hierarchy.cost_of(p) for p in row] for row in table],
                      [item.is_level2_entry for item in items], [c.level1 for c in categories]))
    rng = random.Random(7)
    for _ in range(300):   # ties, impossible cells and level-2 entries, which real tables rarely have together
        n, groups = rng.randint(1, 12), sorted(rng.choice("ABC") for _ in range(rng.randint(1, 7)))
        costs = [[rng.choice([0.0, 0.5, 1.0, 1.5, hierarchy.INF, rng.random()]) for _ in groups] for _ in range(n)]
        cases.append((costs, [rng.random() < 0.2 for _ in range(n)], groups))
    for costs, entries, groups in cases:
        assert hierarchy.cheapest_prefixes(costs, entries, groups) == reference_prefixes(costs, entries, groups)
