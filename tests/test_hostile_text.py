"""No text, however mangled, makes a stage raise: the normalizers are called directly
(not through the batch runner's safety net) on text built from form fragments."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formex.extract.errors import ExtractError
from formex.extract.readers import read_document
from formex.normalize.form import normalize_document
from tests.conftest import SEED_FILE

FRAGMENTS = [
    "单位整体支出绩效目标申报表", "(2026年度)", "单位名称", "单立名称", "年度重点任务", "任务名称",
    "主要内容", "<b>预算情况</b>", "预箅情况", "部门整体预算总额(元)", "1、资金来源: (1) 财政拨款",
    "(2) 其他资金", "年末在职人数", "内设机构数", "<b>绩效指标</b>", "一级目标", "二级目标", "三级目标",
    "指标目标值", "产出指标", "数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "经济效益指标",
    "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标", "服务对象满意度指标", "投入管理指标",
    "预算编审管理", "发放及时率", "合格率", "满意度", "=100.00(%)", "百分百", "无", "无100",
    r"$\geq 95.00(\%)$", "234,962,720.00", "0.00", "13", "1", "", " ", "<p>1. 职责；</p>", "&ge;",
    "\u200b", "２０２６", "#REF!", "—",
]
lines = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=6).map("\t".join)
documents = st.lists(lines, min_size=0, max_size=40).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fragments_never_raise(text):
    result = normalize_document(read_document(text.encode("utf-8"), "fuzz.txt"))
    assert result.status in ("ok", "partial", "failed")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_seed_with_lines_dropped_or_swapped_never_raises(data):
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    drop = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=15))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    if len(kept) > 2:
        i = data.draw(st.integers(0, len(kept) - 2))
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    result = normalize_document(read_document("\n".join(kept).encode("utf-8"), "seed.txt"))
    assert result.status in ("ok", "partial", "failed")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data):
    try:
        document = read_document(data, "bytes.txt")
    except ExtractError:   # bytes that start like a PDF or an image: a `failed` row with its reason
        return
    result = normalize_document(document)
    assert result.status in ("ok", "partial", "failed")
