"""The layout simulator (bench/layout_sim.py): deterministic, and each placement puts a
merged cell's text where its definition says. The big table is a bench command
(`python bench/layout_table.py`); here only a handful of documents are generated."""
from __future__ import annotations

import pytest

from tests.conftest import load_bench_module

sim = load_bench_module("layout_sim")


def config(placement: str, round_up: bool = True):
    return sim.Config(placement=placement, round_up=round_up, drop_leading=False, repeat_header=False,
                      page_len=10, first_break=5, wrap_width=None, target_line="first", remark=False,
                      multirow=False, totals=False, legacy=False)


@pytest.mark.parametrize("placement, expected", [
    ("top", [2]),
    ("bottom", [11]),
    ("centre", [7]),             # lines 2..11: an even span, the lower of the middle rows (6, 7)
    ("own_line", [6.5]),         # its own line between the two middle rows
    ("page_centre", [3, 8]),     # parts 2..4 and 5..11 (a break before line 5)
    ("span_centre", [8]),        # the whole span's centre (6 or 7) lies in the part 5..11
    ("after_break", [5]),
    ("page_bottom", [4, 11]),    # the last row of each page's part
    ("sub_header", [1.5]),       # a line of its own just above the span's first row
])
def test_label_positions(placement, expected):
    assert sim.label_positions((2, 11), [5], config(placement, round_up=False)) == expected


@pytest.mark.parametrize("placement, expected", [
    # 经济效益指标 in a column 4 characters wide, printed at the centre row 7 of 2..11
    ("centre", [(7.0, "经济效益"), (8.0, "指标")]),
    ("bottom", [(10.0, "经济效益"), (11.0, "指标")]),
    ("top", [(2.0, "经济效益"), (3.0, "指标")]),
    ("own_line", [(6.5, "经济效益"), (6.6, "指标")]),
])
def test_a_label_in_a_narrow_column_wraps_down_its_rows(placement, expected):
    narrow = sim.replace(config(placement, round_up=False), split_width=4)
    positions = sim.label_positions((2, 11), [], narrow)
    assert sim.label_lines("经济效益指标", positions, (2, 11), [], narrow) == expected


def test_a_wrapped_label_past_its_rows_continues_on_lines_of_its_own():
    narrow = sim.replace(config("top"), split_width=3)
    assert sim.label_lines("服务对象满意度指标", [4.0], (4, 4), [], narrow) == \
        [(4.0, "服务对"), (4.1, "象满意"), (4.2, "度指标")]


def test_a_sub_header_label_prints_after_the_page_break_its_block_starts():
    items = sim.load_structures()[0].items
    starts = [k for k in range(1, len(items))          # blocks with a merged label (not entries)
              if items[k].level1 != items[k - 1].level1
              or (items[k].level2 != items[k - 1].level2 and not items[k].is_entry)]
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    for k in starts:
        page = sim.replace(config("sub_header"), first_break=k, page_len=100, repeat_header=True)
        lines, _ = sim.render_table(items, page, sim.POLICY_BY_NAME["sub_header"], sim.random.Random(0), header)
        at = next(i for i, line in enumerate(lines) if line.kind == "break")
        labels = {items[k].level1, items[k].level2} - ({items[k].level2} if items[k].is_entry else set())
        assert lines[at + 1].cells == header and lines[at + 2].body is None, k
        assert labels & set(lines[at + 2].cells), k
        assert sum(line.kind == "break" for line in lines) == 1


def test_after_break_without_a_break_is_the_top_row():
    assert sim.label_positions((2, 4), [5], config("after_break")) == [2]


def test_the_corpus_is_deterministic_and_every_policy_renders():
    structures = sim.load_structures()
    assert len(structures) >= 10
    for policy in sim.POLICIES:
        first = list(sim.iter_corpus(policy, 2, seed=3, structures=structures))
        again = list(sim.iter_corpus(policy, 2, seed=3, structures=structures))
        assert [t for _, t, _ in first] == [t for _, t, _ in again]
        for _, text, gold in first:
            assert "\n\n\n" not in text
            form = gold["forms"][0]
            assert gold["indicators"] and (form.get("unit_name") or form["project_name"]) in text


def test_held_out_policies_are_named_policies():
    assert set(sim.HELD_OUT) < set(sim.POLICY_BY_NAME)


table = load_bench_module("layout_table")


# tuned policies known to fall short here, each with its reason: strict, so the mark must
# go once the gap closes
SHORT_OF_THE_BAR: dict[str, str] = {}


@pytest.mark.parametrize("policy", [
    pytest.param(p.name, marks=pytest.mark.xfail(strict=True, reason=SHORT_OF_THE_BAR[p.name]))
    if p.name in SHORT_OF_THE_BAR else p.name
    for p in sim.POLICIES if p.name not in sim.HELD_OUT])
def test_a_few_simulated_documents_per_tuned_policy_read_well(policy):
    """A small corpus only (the big table is `python bench/layout_table.py`): each tuned
    policy's documents are read with levels and targets nearly right, none failed."""
    result = table.run_policy(sim.POLICY_BY_NAME[policy], 3, 7, sim.load_structures())
    assert result["scores"]["levels"] >= 0.97 and result["scores"]["targets"] >= 0.98
    assert result["not_ok"] == 0


def test_every_form_family_is_rendered_and_read_back():
    """The simulator prints each family's samples (project declarations with their 中期
    table, self-evaluations with actual values, weights and scores) and reads them back."""
    structures = sim.load_structures()
    families = {s.family for s in structures}
    assert {"unit_overall_target", "project_target", "project_self_evaluation",
            "dept_overall_self_evaluation"} <= families
    for family in sorted(families - {"unit_overall_target"}):
        chosen = [s for s in structures if s.family == family]
        result = table.run_policy(sim.POLICY_BY_NAME["top"], len(chosen), 5, chosen)
        assert result["not_ok"] == 0 and set(result["families"]) == {family}
        assert result["scores"]["levels"] >= 0.97 and result["scores"]["targets"] >= 0.98
        assert result["scores"]["evaluation"] >= 0.98 and result["scores"]["header"] >= 0.98


def test_every_row_repeats_a_merged_cell_on_each_row_of_its_span():
    # rows start at body lines 2, 4, 5 (the first row's name wraps over two lines)
    assert sim.label_positions((2, 5), [], config("every_row"), rows=[2, 4, 5]) == [2, 4, 5]


def test_a_fused_label_joins_the_name_cell_beside_it_and_leaves_its_own_cell_empty():
    cells = {0.0: ["产出指标", "数量指标", "培训人次", "≥10人"], 0.5: ["", "质量指标", "", ""]}
    sim.fuse_labels(cells, {0}, sim.random.Random(0), share=1.0)
    assert cells[0.0][1] == "" and cells[0.0][2] in ("数量指标培训人次", "数量指标 培训人次")
    assert cells[0.5] == ["", "质量指标", "", ""]      # no name beside it: nothing to fuse into


@pytest.mark.parametrize("argv", [["--seed", "10", "--mismatches", "1"],
                                  ["--seed", "3", "19", "--write", "unused"]])
def test_unread_seeds_list_no_mismatches_and_write_no_documents(argv, capsys):
    with pytest.raises(SystemExit):
        table.main(["--policy", "top", "--n", "1", *argv])
    assert "never read" in capsys.readouterr().err
