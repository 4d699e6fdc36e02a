"""Schema files load, validate, and fail loudly (file and key named) when malformed."""
from __future__ import annotations

import pytest
import yaml

from formex.schemas.errors import SchemaError
from formex.schemas.forms import FORMS_DIR, load_all_form_schemas, parse_form_schema

SEED_SCHEMA = yaml.safe_load((FORMS_DIR / "unit_overall_target.yaml").read_text(encoding="utf-8"))


def test_every_shipped_schema_loads():
    schemas = load_all_form_schemas()
    assert [s.form_type for s in schemas] == ["dept_overall_self_evaluation", "project_self_evaluation",
                                             "project_target", "unit_overall_target"]
    unit = next(s for s in schemas if s.form_type == "unit_overall_target")
    order = [c.label for c in unit.level2_order]
    assert order[:7] == ["预算编审管理", "预算执行管理", "预算绩效管理", "资产管理", "预算透明度",
                         "内部控制管理", "预算信息化"]
    assert order.index("数量指标") < order.index("质量指标") < order.index("时效指标") \
        < order.index("经济效益指标") < order.index("可持续影响指标") < order.index("服务对象满意度指标")


@pytest.mark.parametrize("damage, key", [
    (lambda d: d.update(surprise=1), "<top>"),
    (lambda d: d["fields"]["unit_name"].update(kind="table"), "fields.unit_name.kind"),
    (lambda d: d["fields"].update(unit_motto={"labels": ["单位口号"]}), "fields.unit_motto"),
    (lambda d: d["indicators"]["columns"].update(colour=["颜色"]), "indicators.columns"),
    (lambda d: d["fields"]["unit_name"].update(labels=[]), "fields.unit_name.labels"),
    (lambda d: d["sections"].update(appendix={"labels": ["附件"]}), "sections.appendix"),
    (lambda d: d["budget"]["amounts"].update(budget_misc=["杂项"]), "budget.amounts"),
    (lambda d: d["indicators"].update(levels="no_such_file"), "indicators.levels"),
])
def test_malformed_schema_names_the_key(damage, key):
    data = yaml.safe_load(yaml.safe_dump(SEED_SCHEMA, allow_unicode=True))
    damage(data)
    with pytest.raises(SchemaError) as caught:
        parse_form_schema(data, "schemas/forms/broken.yaml")
    assert caught.value.key == key and "schemas/forms/broken.yaml" in str(caught.value)


def test_no_alias_belongs_to_two_level_categories():
    from formex.normalize.labels import label_key

    schema = load_all_form_schemas()[0]
    seen: dict[str, str] = {}
    for category in schema.level2_order:
        for alias in (category.label, *category.aliases):
            key = label_key(alias)
            assert seen.setdefault(key, category.label) == category.label or key == "管理指标", alias


def test_a_schema_hashes_once_and_travels_without_its_hash():
    """A schema keys many memos: its hash is computed once (the dataclass's own value),
    and a pickle leaves it out (a str's hash differs between processes)."""
    import dataclasses
    import pickle

    schema = load_all_form_schemas()[0]
    fields = tuple(getattr(schema, f.name) for f in dataclasses.fields(schema))
    assert hash(schema) == hash(fields) and schema.__dict__["_hash"] == hash(fields)
    back = pickle.loads(pickle.dumps(schema))
    assert "_hash" not in back.__dict__ and back == schema and hash(back) == hash(schema)
    level2 = schema.levels[0].level2[0]
    assert hash(level2) == hash(tuple(getattr(level2, f.name) for f in dataclasses.fields(level2)))


@pytest.mark.parametrize("usual, key", [
    (["true", None], "level1[0].level2[0].usual"),     # quoted: a string, not a flag
    ([True, True], "level1[0].level2"),                # two usual categories in one group
])
def test_a_malformed_usual_flag_names_the_key(tmp_path, usual, key):
    from formex.schemas.forms import load_levels

    level2 = [{"label": label} | ({"usual": flag} if flag is not None else {})
              for label, flag in zip(["经济效益指标", "社会效益指标"], usual)]
    (tmp_path / "broken_levels.yaml").write_text(
        yaml.safe_dump({"level1": [{"label": "效益指标", "level2": level2}]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_levels("broken_levels", tmp_path)
    assert caught.value.key == key


def test_generic_label_characters_are_the_level_files_data(tmp_path):
    # what every label may print (指标, 类) is vocabulary: read from the level file, inherited
    # through `extends`, single characters only
    from formex.schemas.forms import load_level_generic

    assert load_level_generic("indicator_levels") == frozenset("指标类")
    group = {"label": "效益指标", "level2": [{"label": "社会效益指标"}]}
    (tmp_path / "base_levels.yaml").write_text(
        yaml.safe_dump({"generic": ["指", "标"], "level1": [group]}, allow_unicode=True), encoding="utf-8")
    (tmp_path / "own_levels.yaml").write_text(yaml.safe_dump(
        {"extends": "base_levels", "level1": [{"label": "管理指标", "level2": [{"label": "内部管理"}]}]},
        allow_unicode=True), encoding="utf-8")
    assert load_level_generic("own_levels", tmp_path) == frozenset("指标")
    (tmp_path / "wide_levels.yaml").write_text(
        yaml.safe_dump({"generic": ["指标"], "level1": [group]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_level_generic("wide_levels", tmp_path)
    assert caught.value.key == "generic"


def test_label_suffix_is_the_level_files_data(tmp_path):
    # the ending labels are printed with (指标) is vocabulary too, read once by the indicator
    # readers (`cells.LABEL_SUFFIX`): inherited through `extends`, one ending of two characters
    from formex.normalize.indicators.cells import LABEL_SUFFIX
    from formex.schemas.forms import load_level_suffix

    assert load_level_suffix("indicator_levels") == LABEL_SUFFIX == "指标"
    group = {"label": "效益指标", "level2": [{"label": "社会效益指标"}]}
    (tmp_path / "base_levels.yaml").write_text(
        yaml.safe_dump({"suffix": "指标", "level1": [group]}, allow_unicode=True), encoding="utf-8")
    (tmp_path / "own_levels.yaml").write_text(yaml.safe_dump(
        {"extends": "base_levels", "level1": [{"label": "管理指标", "level2": [{"label": "内部管理"}]}]},
        allow_unicode=True), encoding="utf-8")
    assert load_level_suffix("own_levels", tmp_path) == "指标"
    (tmp_path / "short_levels.yaml").write_text(
        yaml.safe_dump({"suffix": "标", "level1": [group]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_level_suffix("short_levels", tmp_path)
    assert caught.value.key == "suffix"
