"""bench/layout_errors.py: its counts agree with the layout table's, every placement has a
family, and its small readings say what they are named for. The survey itself is a bench
command; here only two documents are read."""
from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT


def _load(name: str):
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


errors = _load("layout_errors")
sim = _load("layout_sim")
table = _load("layout_table")


def test_every_printed_placement_and_fitted_model_has_a_family():
    from formex.normalize.indicators.placement import MODELS
    placements = {p for policy in sim.POLICIES for p in policy.placements}
    assert placements | set(MODELS) <= set(errors.FAMILY)


def test_a_documents_counts_agree_with_the_layout_tables():
    policy = sim.POLICY_BY_NAME["eleventh_mixed"]
    structures = sim.load_structures()
    docs = []
    for k in (7, 26):    # seed 1501 #7 has level errors of several kinds, #26 none
        structure = structures[k % len(structures)]
        doc = errors.document_errors(structure, policy, 1501 * 1000 + k)
        text, gold = sim.render_document(structure, policy, 1501 * 1000 + k)
        report, _ = table.score_document("x", text, gold)
        counts = table.metric_counts(report, *table.METRICS["levels"])
        assert doc.errors == counts.fp + counts.fn
        level_mismatches = [m for m in report.mismatches if m.table == "indicators"
                            and m.column in table.METRICS["levels"][1]]
        assert sum(doc.fields.values()) == len(level_mismatches)
        assert doc.drawn in policy.placements
        assert doc.fitted in errors.FAMILY
        docs.append(doc)
    assert docs[0].errors > 0 and docs[1].errors == 0


def test_mismatch_kinds_and_label_heads():
    assert errors.mismatch_kind("质量指标", None) == "lost"
    assert errors.mismatch_kind(None, "质量指标") == "gained"
    assert errors.mismatch_kind("质量指标", "时效指标") == "wrong"
    assert errors.label_left_at_head("优抚资金发放准确率", "馈重优抚资金发放准确率")
    assert not errors.label_left_at_head("优抚资金发放准确率", "优抚资金发放准确率")
    assert not errors.label_left_at_head("家庭医生签约可持续服务人数", "庭医生签约可持续服务人数")


def test_other_family_leaves_out_every_row_and_unfitted_documents():
    def doc(drawn, fitted):
        return errors.DocumentErrors(fields=errors.Counter(), errors=0, heads=0, drawn=drawn, fitted=fitted)
    assert errors.other_family(doc("page_bottom", "centre_down"))
    assert not errors.other_family(doc("page_bottom", "bottom"))
    assert not errors.other_family(doc("after_break", "page_top"))
    assert not errors.other_family(doc("every_row", "top"))
    assert not errors.other_family(doc("top", None))
