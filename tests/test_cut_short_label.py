"""A level label wrapped in a narrow column that ran out of rows prints only its first
pieces (`服务` / `对象` / `满意` of 服务对象满意度指标): each is clean but none reads as a
label, so each stays unread. They hide none of the label's lines, so they do not switch
joined label pieces off for the whole document (`rows.mark_cut_short`,
`hierarchy.pieces_unread`); a damaged piece among them still does."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators.hierarchy import label_clusters, pieces_unread
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def items_of(pieces: tuple[str, str, str]):
    lines = ["二级指标\t三级指标\t指标值",
             "数量\t公益性岗位开发数量\t≥120(个)",
             "指标\t职业技能培训人次\t≥3000(人次)",
             "质量\t社会保险补贴发放准确率\t≥95(%)",
             "指标\t就业见习补贴发放准确率\t≥95(%)",
             f"{pieces[0]}\t群众满意度\t≥75(%)",
             f"{pieces[1]}\t享受创业担保贷款对象满意度\t≥95(%)",
             f"{pieces[2]}\t公共服务满意度\t≥95(%)"]
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(lines))), SCHEMA, False, None)
    assert [item.name for item in items][4:] == ["群众满意度", "享受创业担保贷款对象满意度", "公共服务满意度"]
    return items


def test_a_label_cut_short_keeps_the_joins():
    items = items_of(("服务", "对象", "满意"))
    assert [[c.text for c in item.cut_short] for item in items[4:]] == [["服务"], ["对象"], ["满意"]]
    assert not pieces_unread(items)
    cluster = next(c for c in label_clusters(items) if c.category == "质量指标")
    assert cluster.joins == (False, True)


def test_a_damaged_piece_among_them_is_unread():
    items = items_of(("服务", "对豪", "满意"))
    assert not any(item.cut_short for item in items) and pieces_unread(items)
