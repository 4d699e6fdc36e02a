"""A level-2 label read whole from its first pieces (`质量`) whose last piece, its 指标,
is damaged past reading on the line below (`脂怀`) loses no label: the damaged tail is
the label's last line, joined to it, and the document's wrapped labels keep their joins
(`hierarchy.pieces_unread` no longer switches them off for the whole document)."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators.hierarchy import label_clusters, label_tails, pieces_unread
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def items_of(tail: str, elsewhere: str = "", head: str = "质量", above: str = ""):
    lines = ["二级指标\t三级指标\t指标值",
             "产出\t公益性岗位开发数量\t≥120(个)",
             "数量\t职业技能培训人次\t≥3000(人次)",
             f"{above}\t就业见习岗位募集数\t≥600(个)",
             f"{head}\t社会保险补贴发放准确率\t≥95(%)",
             f"{tail}\t就业见习补贴发放准确率\t≥95(%)",
             "\t公益性岗位补贴发放准确率\t≥95(%)",
             "时效\t低保就业补贴发放及时率\t≥95(%)",
             f"{elsewhere}\t社会保险补贴审核办结时限\t≤15(天)"]
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(lines))), SCHEMA, False, None)
    assert [item.name for item in items][3:5] == ["社会保险补贴发放准确率", "就业见习补贴发放准确率"]
    return items


def test_a_labels_damaged_tail_is_its_last_line_and_keeps_the_joins():
    items = items_of("脂怀")
    assert [c.text for c in items[4].unrecognised] == ["脂怀"]
    assert label_tails(items) == {4: "质量指标"} and not pieces_unread(items)
    cluster = next(c for c in label_clusters(items) if c.category == "质量指标")
    assert (cluster.first, cluster.last, cluster.lines) == (3, 4, (3.0, 4.0))
    assert cluster.joins == (False, True)


def test_a_tail_too_long_for_the_label_is_unread():
    # 质量 + three characters spell no 质量指标: the cell may be a lost label's piece
    items = items_of("脂怀类")
    assert label_tails(items) == {} and pieces_unread(items)


def test_another_unread_cell_keeps_a_tail_showing_no_suffix_off_the_labels_lines():
    # 脂怀 prints neither 指 nor 标 in place: beside another unread cell it may be anything
    items = items_of("脂怀", elsewhere="犭")
    assert pieces_unread(items)
    cluster = next(c for c in label_clusters(items) if c.category == "质量指标")
    assert cluster.lines == (3.0,)


def test_another_unread_cell_leaves_the_tailed_labels_own_joins():
    # 犭 elsewhere switches joined pieces off for the document (`pieces_unread`), but the
    # label whose tail was read is whole: 质量 and 指怀 spell it, its lines join, so a bottom
    # model weighs 指怀's line alone and the block ends on the tail's row
    items = items_of("指怀", elsewhere="犭")
    assert pieces_unread(items)
    clusters = label_clusters(items)
    cluster = next(c for c in clusters if c.category == "质量指标")
    assert (cluster.last, cluster.lines, cluster.joins) == (4, (3.0, 4.0), (False, True))
    assert all(not c.joins for c in clusters if c.category != "质量指标")


def test_a_tail_under_a_head_read_through_one_look_alike():
    # 贡量指 is 质量指 with one look-alike: read as 质量指标, its 标 on the line below is its tail
    items = items_of("标", head="贡量指")
    assert [h.spec.label for h in items[3].level2] == ["质量指标"]
    assert label_tails(items) == {4: "质量指标"}
    # a two-character head is too short to tell a look-alike from another word
    assert label_tails(items_of("指标", head="贡量")) == {}


def test_no_tail_where_an_unread_piece_above_may_open_the_label():
    # 产山 (a damaged 产出) over 质量 / 指怀 may open a longer label, 产出质量指标: the
    # pieces read do not say where the label begins, so 指怀 is no tail
    assert 4 not in label_tails(items_of("指怀", above="声屮"))
    # a damaged ending above (here the 数量's 指标) opens nothing
    assert label_tails(items_of("指怀", above="指杯")) == {2: "数量指标", 4: "质量指标"}


def test_a_tail_below_a_category_listed_without_indicators_is_not_its_line():
    # 经济效益 | 无 is its own row (an entry): 方面 on the next row's second line is a piece
    # of that row's fused head (社含效盖 … 方面), not the entry's tail. Joined, the entry's
    # block (its one row) ended before its own last line and the chain walk broke
    lines = ["二级指标\t三级指标\t指标值",
             "数量\t公益性岗位开发数量\t≥120(个)",
             "\t职业技能培训人次\t≥3000(人次)",
             "经济效益\t\t无",
             "\t社含效盖家庭医生签约服务覆\t≥40(%)",
             "方面\t盖率\t",
             "\t就业见习补贴发放准确率\t≥95(%)",
             "满意度\t服务对象满意度\t≥95(%)"]
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(lines))), SCHEMA, False, None)
    assert items[2].is_level2_entry and label_tails(items) == {3: "经济效益指标"}
    entry = next(c for c in label_clusters(items) if c.entry)
    assert (entry.first, entry.last, entry.lines) == (2, 2, (2.0,))
