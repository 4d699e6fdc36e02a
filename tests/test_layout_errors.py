"""bench/layout_errors.py: its counts agree with the layout table's, each placement's family
is the one the reader's models are grouped by, and a field's kind follows the score's row
pairing. The survey itself is a bench command; here only two documents are read."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import load_bench_module

errors = load_bench_module("layout_errors")
sim = load_bench_module("layout_sim")
table = load_bench_module("layout_table")


def test_each_placement_has_the_family_the_readers_models_are_grouped_by():
    from formex.normalize.indicators import placement
    groups = {"first": placement._FIRST, "middle": placement._MIDDLE, "last": placement._LAST}
    assert {model: family for family, models in groups.items() for model in models} == \
        {model: errors.FAMILY[model] for model in placement.MODELS}
    printed = {p for policy in sim.POLICIES for p in policy.placements} - {errors.EVERY_ROW}
    assert printed <= set(errors.FAMILY)


def test_a_documents_counts_agree_with_the_layout_tables(monkeypatch):
    drawn = []

    def recorded(policy, rng):
        config = original(policy, rng)
        drawn.append(config.placement)
        return config

    original = sim.draw_config
    monkeypatch.setattr(sim, "draw_config", recorded)    # what render_document draws
    policy = sim.POLICY_BY_NAME["eleventh_mixed"]
    structures = sim.load_structures()
    for k in (2, 7):    # seed 1501: level errors in both when this was written
        structure = structures[k % len(structures)]
        doc = errors.document_errors(structure, policy, 1501 * 1000 + k)
        assert doc.drawn == drawn[-1]
        text, gold = sim.render_document(structure, policy, 1501 * 1000 + k)
        report, _ = table.score_document("x", text, gold)
        counts = table.metric_counts(report, *table.METRICS["levels"])
        assert doc.errors == counts.fp + counts.fn
        level_mismatches = [m for m in report.mismatches if m.table == "indicators"
                            and m.column in table.METRICS["levels"][1]]
        assert sum(doc.fields.values()) == len(level_mismatches)
        assert doc.fitted in errors.FAMILY


def test_a_fields_kind_follows_the_scores_row_pairing():
    gold = [{"level3": "培训人次", "note": None}, {"level3": "验收合格率", "note": "行业标准"},
            {"level3": "完成及时率", "note": None}]
    read = [{"level3": "培训人次", "note": "计划标准"}, {"level3": "完成及时率", "note": None},
            {"level3": "率", "note": None}]
    pairs = errors.aligned_rows(gold, read)
    assert [errors.row_kind(pair) for pair in pairs] == ["wrong", "lost", "wrong", "gained"]
    # a field empty on one side of a paired row is a wrong value, not a row lost
    assert errors.row_kind(pairs[0]) == "wrong"


def test_label_heads():
    assert errors.label_left_at_head("优抚资金发放准确率", "馈重优抚资金发放准确率")
    assert not errors.label_left_at_head("优抚资金发放准确率", "优抚资金发放准确率")
    assert not errors.label_left_at_head("家庭医生签约可持续服务人数", "庭医生签约可持续服务人数")


def test_other_family_leaves_out_every_row_and_unfitted_documents():
    def doc(drawn, fitted):
        return errors.DocumentErrors(fields=Counter(), errors=0, heads=0, drawn=drawn, fitted=fitted)
    assert errors.other_family(doc("page_bottom", "centre_down"))
    assert not errors.other_family(doc("page_bottom", "bottom"))
    assert not errors.other_family(doc("after_break", "page_top"))
    assert not errors.other_family(doc("every_row", "top"))
    assert not errors.other_family(doc("top", None))


@pytest.mark.parametrize("argv", [["--policy", "twelfth_mixed"], ["--seed", "12"], ["--seeds", "0"]])
def test_held_out_draws_and_empty_draws_are_refused(argv):
    with pytest.raises(SystemExit):
        errors.main(argv)
