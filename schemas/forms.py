"""Load and validate form schema files (`schemas/forms/*.yaml`).

A form schema is the vocabulary of one form family: title aliases, header field labels,
section titles, budget line labels, indicator column aliases and the level-1/level-2
categories. Loading validates every key so that a typo in a YAML file fails at once,
naming the file and the key, instead of silently matching nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from formex.schemas.errors import SchemaError
from formex.schemas.tables import FORMS
from formex.schemas.text_policy import load_text_vocabulary

SCHEMA_DIR = Path(__file__).parent
FORMS_DIR = SCHEMA_DIR / "forms"

FIELD_KINDS = frozenset({"text", "list", "money", "number"})
FORM_KEYS = frozenset({"form_type", "title", "fields", "sections", "budget", "indicators", "page_furniture"})
FURNITURE_KEYS = frozenset({"page_numbers", "continued", "stamps"})
# `indicators_mid_term`: a second indicator table, of the 中期目标 (project declarations)
SECTION_NAMES = frozenset({"tasks", "budget", "indicators", "indicators_mid_term", "trailer"})
TASK_COLUMNS = frozenset({"name", "content", "amount", "expected_outcome"})
# target_mid: a 中期 target beside the 年度 one; actual, weight, score, deviation: the
# self-evaluation columns (实际完成值, 分值, 得分, 偏差原因分析及改进措施); sequence: a 序号
# column, set aside before the others are read (normalize/indicators/sequence.py)
INDICATOR_COLUMNS = frozenset({"level1", "level2", "level3", "target", "target_mid", "unit", "operator",
                               "note", "actual", "weight", "score", "deviation",
                               "sequence"})
BUDGET_AMOUNTS = frozenset({"budget_total", "budget_fiscal", "budget_other", "budget_basic",
                            "budget_project", "budget_executed"})
# forms columns every document gets from the pipeline, not from a header field
FORMS_OWN_COLUMNS = frozenset({"doc_id", "year", "form_type", "title", "budget_scale"})


def _hash_once(self) -> int:
    """The frozen dataclass's own hash (of its fields' tuple), computed once: a schema is
    a key of many per-schema memos, and hashing its nested tuples again on every lookup
    cost more than the lookup saved. Kept out of pickles (`_state_without_hash`): a str's
    hash differs between processes."""
    try:
        return self.__dict__["_hash"]
    except KeyError:
        value = hash(tuple(getattr(self, f.name) for f in fields(self)))
        object.__setattr__(self, "_hash", value)
        return value


def _state_without_hash(self) -> dict:
    return {k: v for k, v in self.__dict__.items() if k != "_hash"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    labels: tuple[str, ...]
    required: bool = False
    kind: str = "text"
    after_tables: bool = False    # may print below the indicator table (自评等级)


@dataclass(frozen=True)
class SectionSpec:
    name: str
    labels: tuple[str, ...]
    required: bool = False
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    totals: tuple[str, ...] = ()          # a row named so sums the rows above (合计)
    optional_rows: tuple[str, ...] = ()   # a row named with one of these is a slot to fill (可选填)
    subheadings: tuple[str, ...] = ()     # words of a header's second row (合计, 其中 …)


@dataclass(frozen=True)
class Level2Spec:
    label: str
    level1: str
    order: int
    aliases: tuple[str, ...] = ()
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()     # target types (unit classes, `deadline`) that point here
    usual: bool = False               # the group's category a block takes where nothing tells them apart
    shortened: tuple[str, ...] = ()   # wordings printed a word short, read only as a wrapped label's whole run

    __hash__ = _hash_once
    __getstate__ = _state_without_hash


@dataclass(frozen=True)
class Level1Spec:
    label: str
    aliases: tuple[str, ...]
    level2: tuple[Level2Spec, ...]

    __hash__ = _hash_once
    __getstate__ = _state_without_hash


GRID_TARGETS = BUDGET_AMOUNTS | {"execution_rate", "weight", "score"}   # weight, score: the line's points


@dataclass(frozen=True)
class BudgetGrid:
    """A budget of money lines (rows) by kinds of figure (columns); `cells` says which
    (line, column) cell goes into which forms column (or the points of the total score)."""

    rows: tuple[tuple[str, tuple[str, ...]], ...]
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    cells: tuple[tuple[str, tuple[str, str]], ...]

    @staticmethod
    def money(into: str) -> bool:
        return into in BUDGET_AMOUNTS


@dataclass(frozen=True)
class FormSchema:
    form_type: str
    title_aliases: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    sections: tuple[SectionSpec, ...]
    budget_amounts: tuple[tuple[str, tuple[str, ...]], ...]
    budget_counts: tuple[tuple[str, tuple[str, ...]], ...]
    unit_words: tuple[tuple[str, int], ...]
    indicator_columns: tuple[tuple[str, tuple[str, ...]], ...]
    levels: tuple[Level1Spec, ...]
    page_furniture: tuple[tuple[str, tuple[str, ...]], ...] = ()   # page numbers, 续表, stamps
    note_openers: tuple[str, ...] = ()   # words that open a note in the name column (根据 …)
    other_families: tuple[str, ...] = ()  # titles of forms this schema must not read (项目支出…)
    name_heads: tuple[str, ...] = ()     # words a whole indicator name ends with (…率, …人数)
    name_openers: tuple[str, ...] = ()   # verbs an indicator name opens with (提升…, 促进…)
    indicator_totals: tuple[str, ...] = ()  # a row of the indicator table named so states totals (合计)
    budget_grid: BudgetGrid | None = None   # a budget laid out as lines by figures (self-evaluations)
    level_wordings: tuple[str, ...] = ()   # characters a label is worded up with (可持续影响类指标)
    path: str = ""                       # the file it was loaded from, for messages

    __hash__ = _hash_once
    __getstate__ = _state_without_hash

    def section(self, name: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.name == name), None)

    @property
    def level2_order(self) -> tuple[Level2Spec, ...]:
        """Every level-2 category in canonical order across level-1 groups."""
        return tuple(l2 for l1 in self.levels for l2 in l1.level2)


def _strings(path: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise SchemaError(path, key, "expected a non-empty list of non-empty strings")
    return tuple(value)


def _mapping(path: str, key: str, value: Any) -> dict:
    if not isinstance(value, dict):
        raise SchemaError(path, key, "expected a mapping")
    return value


def _check_keys(path: str, key: str, value: dict, allowed: frozenset[str]) -> None:
    unknown = set(value) - allowed
    if unknown:
        raise SchemaError(path, key, f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")


def _columns(path: str, key: str, value: Any, allowed: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = _mapping(path, key, value or {})
    _check_keys(path, key, value, allowed)
    return tuple((name, _strings(path, f"{key}.{name}", aliases)) for name, aliases in value.items())


def _field(path: str, name: str, value: Any) -> FieldSpec:
    if name not in FORMS.names or name in FORMS_OWN_COLUMNS:
        columns = sorted(set(FORMS.names) - FORMS_OWN_COLUMNS)
        raise SchemaError(path, f"fields.{name}", f"a field is a column of the forms table; known: {columns}")
    value = _mapping(path, f"fields.{name}", value)
    _check_keys(path, f"fields.{name}", value, frozenset({"labels", "required", "kind", "after_tables"}))
    kind = value.get("kind", "text")
    if kind not in FIELD_KINDS:
        raise SchemaError(path, f"fields.{name}.kind", f"{kind!r} is not one of {sorted(FIELD_KINDS)}")
    return FieldSpec(name, _strings(path, f"fields.{name}.labels", value.get("labels")),
                     bool(value.get("required", False)), kind, bool(value.get("after_tables", False)))


def _section(path: str, name: str, value: Any) -> SectionSpec:
    key = f"sections.{name}"
    if name not in SECTION_NAMES:
        raise SchemaError(path, key, f"unknown section; allowed: {sorted(SECTION_NAMES)}")
    value = _mapping(path, key, value)
    _check_keys(path, key, value, frozenset({"labels", "required", "columns", "totals",
                                             "optional_rows", "subheadings"}))
    columns = _columns(path, f"{key}.columns", value.get("columns"), TASK_COLUMNS)
    lists = {name: _strings(path, f"{key}.{name}", value[name]) if value.get(name) else ()
             for name in ("totals", "optional_rows", "subheadings")}
    return SectionSpec(name, _strings(path, f"{key}.labels", value.get("labels")),
                       bool(value.get("required", False)), columns, **lists)


def _grid(path: str, value: Any) -> BudgetGrid:
    value = _mapping(path, "budget.grid", value)
    _check_keys(path, "budget.grid", value, frozenset({"rows", "columns", "cells"}))
    names = {}
    for part in ("rows", "columns"):
        entries = _mapping(path, f"budget.grid.{part}", value.get(part))
        names[part] = tuple((name, _strings(path, f"budget.grid.{part}.{name}", aliases))
                            for name, aliases in entries.items())
    cells = _mapping(path, "budget.grid.cells", value.get("cells"))
    _check_keys(path, "budget.grid.cells", cells, GRID_TARGETS)
    out = []
    for into, where in cells.items():
        line, _, column = str(where).partition(".")
        if line not in dict(names["rows"]) or column not in dict(names["columns"]):
            raise SchemaError(path, f"budget.grid.cells.{into}", f"{where!r} is not <row>.<column> of the grid")
        out.append((into, (line, column)))
    return BudgetGrid(names["rows"], names["columns"], tuple(out))


def _level2(path: str, key: str, value: Any, level1: str, order: int) -> Level2Spec:
    value = _mapping(path, key, value)
    _check_keys(path, key, value, frozenset({"label", "aliases", "keywords", "requires", "targets", "usual",
                                             "shortened"}))
    keywords = _mapping(path, f"{key}.keywords", value.get("keywords") or {})
    _check_keys(path, f"{key}.keywords", keywords, frozenset({"strong", "weak"}))
    if not isinstance(value.get("usual", False), bool):
        # (a quoted "true" would read as false, silently)
        raise SchemaError(path, f"{key}.usual", "expected true or false")
    return Level2Spec(
        label=_strings(path, f"{key}.label", value.get("label"))[0],
        level1=level1,
        order=order,
        aliases=_strings(path, f"{key}.aliases", value.get("aliases") or []) if value.get("aliases") else (),
        strong=_strings(path, f"{key}.keywords.strong", keywords["strong"]) if keywords.get("strong") else (),
        weak=_strings(path, f"{key}.keywords.weak", keywords["weak"]) if keywords.get("weak") else (),
        requires=_strings(path, f"{key}.requires", value["requires"]) if value.get("requires") else (),
        targets=_strings(path, f"{key}.targets", value["targets"]) if value.get("targets") else (),
        usual=value.get("usual") is True,
        shortened=_strings(path, f"{key}.shortened", value["shortened"]) if value.get("shortened") else (),
    )


def level_file(name: str, folder: Path = SCHEMA_DIR) -> Path | None:
    """`<name>.yaml` beside the form file, else among the shipped schemas."""
    for where in (folder, SCHEMA_DIR):
        if (where / f"{name}.yaml").is_file():
            return where / f"{name}.yaml"
    return None


@lru_cache(maxsize=None)
def load_levels(name: str, folder: Path = SCHEMA_DIR) -> tuple[Level1Spec, ...]:
    """Load a level vocabulary file `<name>.yaml`, validated. A file that `extends` another
    adds its level-1 groups after that file's (a family with a group of its own, such as
    the 管理类指标 of self-evaluations, keeps the shared order for the rest)."""
    file = level_file(name, folder)
    if file is None:
        raise SchemaError(f"{name}.yaml", "levels", "no such level file")
    path = file.name if file.parent != SCHEMA_DIR else str(file.relative_to(SCHEMA_DIR.parent))
    data = _mapping(path, "<top>", yaml.safe_load(file.read_text(encoding="utf-8")))
    _check_keys(path, "<top>", data, frozenset({"level1", "extends", "wordings", "generic", "suffix"}))
    base = load_levels(data["extends"], file.parent) if data.get("extends") else ()
    groups = data.get("level1")
    if not isinstance(groups, list) or not groups:
        raise SchemaError(path, "level1", "expected a non-empty list of level-1 groups")
    levels, order = list(base), sum(len(group.level2) for group in base)
    known = {group.label for group in base}
    for i, group in enumerate(groups):
        key = f"level1[{i}]"
        group = _mapping(path, key, group)
        _check_keys(path, key, group, frozenset({"label", "aliases", "level2"}))
        label = _strings(path, f"{key}.label", group.get("label"))[0]
        if label in known:
            raise SchemaError(path, f"{key}.label", f"{label} is already a level-1 group of {data['extends']}")
        children = []
        for j, child in enumerate(group.get("level2") or []):
            children.append(_level2(path, f"{key}.level2[{j}]", child, label, order))
            order += 1
        if not children:
            raise SchemaError(path, f"{key}.level2", "a level-1 group needs at least one level-2 category")
        if sum(child.usual for child in children) > 1:
            # `hierarchy.usual_category_moves` takes a group's one usual category
            raise SchemaError(path, f"{key}.level2", "at most one level-2 category of a group is usual")
        aliases = _strings(path, f"{key}.aliases", group["aliases"]) if group.get("aliases") else ()
        levels.append(Level1Spec(label, aliases, tuple(children)))
    return tuple(levels)


DEFAULT_LEVEL_FILE = "indicator_levels"   # the shared vocabulary a form file names unless it names its own


def level_strings(name: str, key: str, folder: Path = SCHEMA_DIR) -> tuple[str, tuple[str, ...]]:
    """(the file's path, its list of strings under `key`), else those of the file it
    `extends`, else (the file's path, ())."""
    file = level_file(name, folder)
    if file is None:
        raise SchemaError(f"{name}.yaml", "levels", "no such level file")
    path = file.name if file.parent != SCHEMA_DIR else str(file.relative_to(SCHEMA_DIR.parent))
    data = _mapping(path, "<top>", yaml.safe_load(file.read_text(encoding="utf-8")))
    if key not in data:
        return level_strings(data["extends"], key, file.parent) if data.get("extends") else (path, ())
    return path, _strings(path, key, data[key])


def level_characters(name: str, key: str, folder: Path = SCHEMA_DIR) -> tuple[str, ...]:
    """A level file's list of single characters under `key` (`level_strings`), checked."""
    path, chars = level_strings(name, key, folder)
    if not all(len(c) == 1 for c in chars):
        raise SchemaError(path, key, "expected single characters")
    return chars


@lru_cache(maxsize=None)
def load_level_generic(name: str, folder: Path = SCHEMA_DIR) -> frozenset[str]:
    """The level file's `generic` characters: what every label may print (指, 标, 类), so a
    damaged cell of only these names no category."""
    return frozenset(level_characters(name, "generic", folder))


@lru_cache(maxsize=None)
def load_level_wordings(name: str, folder: Path = SCHEMA_DIR) -> tuple[str, ...]:
    """The level file's `wordings`: single characters a form words a label up with beyond the
    vocabulary's (类 in 可持续影响类指标, 性 in 可持续性影响指标)."""
    return level_characters(name, "wordings", folder)


@lru_cache(maxsize=None)
def load_level_suffix(name: str, folder: Path = SCHEMA_DIR) -> str:
    """The level file's `suffix`: the one ending its labels are printed with (指标 of 数量指标)."""
    path, found = level_strings(name, "suffix", folder)
    if len(found) != 1 or len(found[0]) < 2:
        raise SchemaError(path, "suffix", "expected one ending of two characters or more")
    return found[0]


def parse_form_schema(data: Any, path: str, folder: Path = FORMS_DIR) -> FormSchema:
    data = _mapping(path, "<top>", data)
    _check_keys(path, "<top>", data, FORM_KEYS)
    form_type = data.get("form_type")
    if not isinstance(form_type, str) or not form_type.isidentifier():
        raise SchemaError(path, "form_type", "expected a snake_case name")
    title = _mapping(path, "title", data.get("title"))
    _check_keys(path, "title", title, frozenset({"aliases", "other_families"}))
    fields = _mapping(path, "fields", data.get("fields"))
    sections = _mapping(path, "sections", data.get("sections") or {})
    budget = _mapping(path, "budget", data.get("budget") or {})
    _check_keys(path, "budget", budget, frozenset({"amounts", "counts", "unit_words", "grid"}))
    indicators = _mapping(path, "indicators", data.get("indicators") or {})
    _check_keys(path, "indicators", indicators,
                frozenset({"columns", "levels", "note_openers", "name_heads", "name_openers", "totals"}))
    base_units = {unit: 0 for unit, power in load_text_vocabulary().amount_units.items() if power == 0}   # 元
    unit_words = _mapping(path, "budget.unit_words", budget.get("unit_words") or base_units)
    if not all(isinstance(v, int) for v in unit_words.values()):
        raise SchemaError(path, "budget.unit_words", "expected word: power-of-ten integers")
    levels_name = indicators.get("levels", DEFAULT_LEVEL_FILE)
    if not isinstance(levels_name, str) or level_file(levels_name, folder) is None:
        raise SchemaError(path, "indicators.levels", f"no level file {levels_name}.yaml beside the form "
                          "or in schemas/")
    return FormSchema(
        form_type=form_type,
        title_aliases=_strings(path, "title.aliases", title.get("aliases")),
        fields=tuple(_field(path, name, spec) for name, spec in fields.items()),
        sections=tuple(_section(path, name, spec) for name, spec in sections.items()),
        budget_amounts=_columns(path, "budget.amounts", budget.get("amounts"), BUDGET_AMOUNTS),
        budget_counts=_columns(path, "budget.counts", budget.get("counts"),
                               frozenset({"staff_count", "internal_departments"})),
        unit_words=tuple(unit_words.items()),
        indicator_columns=_columns(path, "indicators.columns", indicators.get("columns"), INDICATOR_COLUMNS),
        levels=load_levels(levels_name, folder if level_file(levels_name, folder).parent == folder
                           else SCHEMA_DIR),
        level_wordings=load_level_wordings(levels_name, folder if level_file(levels_name, folder).parent == folder
                                           else SCHEMA_DIR),
        page_furniture=_columns(path, "page_furniture", data.get("page_furniture"), FURNITURE_KEYS),
        note_openers=_strings(path, "indicators.note_openers", indicators["note_openers"])
        if indicators.get("note_openers") else (),
        name_heads=_strings(path, "indicators.name_heads", indicators["name_heads"])
        if indicators.get("name_heads") else (),
        name_openers=_strings(path, "indicators.name_openers", indicators["name_openers"])
        if indicators.get("name_openers") else (),
        other_families=_strings(path, "title.other_families", title["other_families"])
        if title.get("other_families") else (),
        indicator_totals=_strings(path, "indicators.totals", indicators["totals"])
        if indicators.get("totals") else (),
        budget_grid=_grid(path, budget["grid"]) if budget.get("grid") else None,
        path=path,
    )


@lru_cache(maxsize=None)
def load_form_file(file: Path) -> FormSchema:
    path = str(file.relative_to(SCHEMA_DIR.parent)) if file.is_relative_to(SCHEMA_DIR) else str(file)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SchemaError(path, "<top>", f"cannot read the file: {error}") from None
    return parse_form_schema(data, path, file.parent)


def load_form_schema(form_type: str) -> FormSchema:
    file = FORMS_DIR / f"{form_type}.yaml"
    if not file.is_file():
        known = sorted(p.stem for p in FORMS_DIR.glob("*.yaml"))
        raise SchemaError(str(file), "form_type", f"unknown form type; known: {known}")
    return load_form_file(file)


def is_level_file(file: Path) -> bool:
    """A level vocabulary (`level1:` groups) kept beside the form files that use it."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False   # then loading it as a form file names the problem
    return isinstance(data, dict) and "level1" in data and "form_type" not in data


@lru_cache(maxsize=None)
def load_all_form_schemas(extra: tuple[str, ...] = ()) -> tuple[FormSchema, ...]:
    """Every form family shipped, then those of the `extra` folders (`formex extract
    --schemas DIR`): a family there with a shipped family's `form_type` replaces it.
    In form_type order (the order detection reports them)."""
    families = {schema.form_type: schema for schema in
                (load_form_file(p) for p in sorted(FORMS_DIR.glob("*.yaml")))}
    for folder in extra:
        files = [p for p in sorted(Path(folder).glob("*.yaml")) if not is_level_file(p)]
        if not files:
            raise SchemaError(str(folder), "<folder>", "no form family (*.yaml) in the folder")
        for file in files:
            schema = load_form_file(file.resolve())
            families[schema.form_type] = schema
    return tuple(families[name] for name in sorted(families))
