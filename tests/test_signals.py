"""Honest failure signals of the target parser.

1. A target whose context pass raised (`context_error`) is `failed`, never `ok`: the
   cell's own reading comes back with its raw text, graded by FLAG_EFFECTS. Checked by
   forcing an exception in the pass, alone and through the whole pipeline.
2. `KNOWN_FLAGS` lists every flag that can reach `target_flags`, checked three ways:
   statically (every string literal the code puts into a flags set), on every example
   of docs/targets.md and tests/test_targets.py plus every sample document, and on a
   generated corpus of mangled target strings (hypothesis).
3. FLAG_EFFECTS is well formed, and docs/targets.md's flag table says what it says.
"""
from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import formex
import formex.normalize.targets.context as context_module
from formex.normalize.indicators import target_of
from formex.normalize.indicators.rows import IndicatorRow
from formex.normalize.targets import apply_target_context, parse_target
from formex.normalize.targets.model import FLAG_EFFECTS, KNOWN_FLAGS
from formex.schemas.document import Cell, Row
from formex.schemas.target_flags import load_flag_phrases
from formex.schemas.target_lexicon import STATUSES
from tests.conftest import ROOT, SAMPLES, SEED_FILE
from tests.test_targets import ALL_EXAMPLES, KNOWN_LIMITS, TARGETS_MD, parse_example, targets_md_rows

# Where target flags are made: the parser's package, and the indicators stage, which
# marks targets whose operator and unit columns it joined (`columns_joined`).
FLAG_SOURCES = sorted([*(ROOT / "normalize" / "targets").glob("*.py"),
                       *(ROOT / "normalize" / "indicators").glob("*.py")])
BUG_FLAGS = {"parse_error", "context_error"}       # only a bug in the code sets these


# ---------------------------------------------------------------- 1. context_error -> failed
def _raise(*args, **kwargs):
    raise RuntimeError("forced failure in the context pass")


@pytest.mark.parametrize("step", ["apply_year", "apply_unit_column", "apply_indicator_name",
                                  "load_target_lexicon"])
def test_a_context_pass_that_raises_leaves_the_target_failed(monkeypatch, step):
    cell = parse_target("≥95%")
    assert cell.status == "ok"
    monkeypatch.setattr(context_module, step, _raise)
    t = apply_target_context(cell, indicator_name="群众满意度", unit_column="%", year=2026)
    assert t.status == "failed" and t.confidence == 0.0
    assert "context_error" in t.flags and list(t.flags) == sorted(set(t.flags))
    assert (t.raw, t.text) == ("≥95%", "≥95%")                    # the raw text is kept
    assert (t.kind, t.op, t.value, t.unit) == ("quantitative", "ge", 95.0, "%")   # the cell's own reading


def test_a_failed_context_pass_returns_the_cell_reading_not_a_half_changed_one(monkeypatch):
    cell = parse_target("年底前")                          # relative: the year step would resolve it
    assert cell.deadline is None and cell.status == "partial"
    monkeypatch.setattr(context_module, "apply_unit_column", _raise)   # after apply_year ran
    t = apply_target_context(cell, unit_column="%", year=2026)
    assert t.deadline is None and "year_from_context" not in t.flags
    assert t.status == "failed" and set(t.flags) == set(cell.flags) | {"context_error"}


@pytest.mark.parametrize("raw", ["无", "", None, "按时完成", "2026年12月31日前", "#REF!", "=350.00(万)"])
def test_context_error_fails_every_kind_of_target(monkeypatch, raw):
    monkeypatch.setattr(context_module, "apply_indicator_name", _raise)
    t = apply_target_context(parse_target(raw), indicator_name="安全事故次数")
    assert (t.status, t.confidence, t.raw) == ("failed", 0.0, raw)
    assert "context_error" in t.flags


def test_context_error_reaches_the_tables_as_failed_with_an_issue(monkeypatch):
    """One row's context pass raises inside the pipeline: that row alone is failed, keeps
    its raw cell, and the reviewer gets a target_unparsed issue naming context_error."""
    victim = "提高优抚补助对象收入水平"                       # line 84 of the seed: ≥95%
    real = context_module.apply_indicator_name

    def flaky(target, name, lex):
        if name == victim:
            raise ValueError("forced")
        return real(target, name, lex)

    before = formex.extract_tables(SEED_FILE)["indicators"]
    monkeypatch.setattr(context_module, "apply_indicator_name", flaky)
    tables = formex.extract_tables(SEED_FILE)
    rows = tables["indicators"]
    hit = rows[rows["level3"] == victim]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row["target_status"] == "failed" and row["target_raw"] == "$\\geq 95.00(\\%)$"
    assert "context_error" in list(row["target_flags"])
    others = rows["level3"] != victim
    assert rows.loc[others, "target_status"].tolist() == before.loc[others, "target_status"].tolist()
    issues = tables["issues"]
    mine = issues[(issues["code"] == "target_unparsed") & (issues["source_ref"] == row["source_ref"])]
    assert len(mine) == 1 and load_flag_phrases()["context_error"] in mine.iloc[0]["message"]
    assert mine.iloc[0]["severity"] == "warning"


# ---------------------------------------------------------------- 2a. KNOWN_FLAGS, statically
def _strings(node: ast.AST | None) -> set[str]:
    """String constants an expression puts into a flags collection: through set, tuple
    and list displays, `a | b`, `x if c else y`, `*xs` and set()/sorted()/tuple() calls."""
    if node is None:
        return set()
    if isinstance(node, ast.Constant):
        return {node.value} if isinstance(node.value, str) else set()
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return set().union(*map(_strings, node.elts))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.Sub)):
        return _strings(node.left) | _strings(node.right)
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    if isinstance(node, ast.Starred):
        return _strings(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in ("set", "frozenset", "sorted", "tuple", "list"):
        return set().union(set(), *map(_strings, node.args))
    return set()


def _mentions_flags(node: ast.AST) -> bool:
    return "flags" in ast.unparse(node)


def _flag_parameters(trees: list[ast.Module]) -> dict[str, list[str]]:
    """Function name -> its positional parameters, for the functions that take a `flag`
    or `flags` argument (build_target, _regrade, _with_unit ...)."""
    params = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                if {"flag", "flags"} & {*names, *(a.arg for a in node.args.kwonlyargs)}:
                    params[node.name] = names
    return params


def flag_literals(paths: list[Path]) -> dict[str, set[str]]:
    """Flag -> the files that emit it: every string literal added to a flags set, put
    in a reading's "flags", assigned or |= to a name or item holding flags, or passed as
    the `flag`/`flags` argument of a function or of dataclasses.replace."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}
    params = _flag_parameters(list(trees.values()))
    found: dict[str, set[str]] = {}
    for path, tree in trees.items():
        emitted: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name == "add" and isinstance(func, ast.Attribute) and _mentions_flags(func.value):
                    emitted |= _strings(node.args[0])
                for position, arg in enumerate(node.args):
                    if position < len(params.get(name, ())) and params[name][position] in ("flag", "flags"):
                        emitted |= _strings(arg)
                emitted |= set().union(*(_strings(k.value) for k in node.keywords if k.arg in ("flag", "flags")))
            elif isinstance(node, ast.Dict):
                emitted |= set().union(*(_strings(v) for k, v in zip(node.keys, node.values)
                                         if isinstance(k, ast.Constant) and k.value == "flags"))
            elif isinstance(node, ast.Assign) and any(map(_mentions_flags, node.targets)) \
                    or isinstance(node, ast.AugAssign) and _mentions_flags(node.target):
                emitted |= _strings(node.value)
        for flag in emitted:
            found.setdefault(flag, set()).add(path.relative_to(ROOT).as_posix())
    return found


STATIC_FLAGS = flag_literals(FLAG_SOURCES)


def test_the_static_scan_sees_every_way_flags_are_written():
    """The scan itself must find the flags written each way, or its subset test is empty."""
    assert {"latex", "approx", "trailing_text", "free_text", "date_span", "maybe_zero", "relative_change",
            "leading_text", "no_target", "parse_error", "unit_from_column", "unit_from_name", "unit_conflict",
            "zero_from_name", "context_error", "columns_joined", "multiple_targets"} <= STATIC_FLAGS.keys()
    assert len(STATIC_FLAGS) >= 40


def test_every_flag_written_in_the_code_is_known():
    unknown = {flag: sorted(files) for flag, files in STATIC_FLAGS.items() if flag not in KNOWN_FLAGS}
    assert unknown == {}, "add these to FLAG_EFFECTS (normalize/targets/model.py) and docs/targets.md"


def test_every_known_flag_is_written_somewhere():
    assert sorted(KNOWN_FLAGS - STATIC_FLAGS.keys()) == [], "FLAG_EFFECTS lists flags no code sets"


# ---------------------------------------------------------------- 2b. KNOWN_FLAGS, on parses
def _doc_rows() -> list[str]:
    return list(targets_md_rows(TARGETS_MD).values())


def example_flags() -> set[str]:
    """Flags of every example of the tests and of docs/targets.md, with the context pass."""
    flags: set[str] = set()
    for ex in [*ALL_EXAMPLES, *(p.values[0] for p in KNOWN_LIMITS)]:
        flags |= set(parse_example(ex).flags)
    for raw in _doc_rows():
        t = parse_target(raw, year=2026)
        flags |= set(t.flags) | set(apply_target_context(t, unit_column="%", year=2026).flags)
    return flags


def sample_flags() -> set[str]:
    indicators = formex.extract_tables(SAMPLES)["indicators"]
    return {flag for flags in indicators["target_flags"] for flag in flags}


def witness_flags() -> set[str]:
    """The flags no example or sample shows yet: an op said twice, a cell too long to be a
    target, and operator / value / unit written in three columns (the indicators stage)."""
    flags = set(parse_target("≥95%以下").flags) | set(parse_target("达到" * 200).flags)
    split = IndicatorRow(Row(0, (), 1, "line 1"), name="群众满意度", target=Cell("95", "95", 0),
                         unit="%", operator="≥")
    t = target_of(split, 2026)
    assert (t.op, t.value, t.unit, t.raw) == ("ge", 95.0, "%", "≥ 95 %")   # ruling L6
    return flags | set(t.flags)


def test_every_flag_on_the_examples_and_samples_is_known():
    seen = example_flags() | sample_flags() | witness_flags()
    assert seen <= KNOWN_FLAGS, seen - KNOWN_FLAGS
    # and every known flag but the two safety nets is shown by some case, so none is dead
    assert seen == KNOWN_FLAGS - BUG_FLAGS, sorted(KNOWN_FLAGS - BUG_FLAGS - seen)


SEEDS = sorted({*_doc_rows(), "≥90.00(%)", "2026年1月1日-2026年12月31日", "不低于上年度水平", "科目调整次数≤10次",
                "较上年提高5%", "1600人、200人", "≥95%(含)", "=350.00(万)", "无", "292%"})
MANGLES = ["$", "\\geq ", "&amp;", "&ge;", "（", "）", "％", "＞＝", "\u200b", "\n", " ", "O", "l", "〇", "，", "；",
           "(计划标准)", "(含)", "#N/A", "无", "约", "以上", "万", "亿", "个", "年底前", "百分之", "-", "~", "至",
           "较上年", "提高", "≧", "=<", "\\text{", "}", "1", "9", "."]


@st.composite
def mangled_targets(draw) -> str:
    """A real target string, damaged the ways OCR and markup damage cells: fragments
    inserted, characters dropped or doubled, two cells run together."""
    text = draw(st.sampled_from(SEEDS))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(0, 4))):
        kind = rng.randrange(4)
        pos = rng.randrange(len(text) + 1)
        if kind == 0:
            text = text[:pos] + rng.choice(MANGLES) + text[pos:]
        elif kind == 1 and text:
            text = text[:pos] + text[pos + 1:]
        elif kind == 2 and pos < len(text):
            text = text[:pos] + text[pos] + text[pos:]
        else:
            text = text[:pos] + rng.choice(SEEDS) + text[pos:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_targets(), st.sampled_from([None, "%", "万元", "人次", "个工作日", "(%)", "天", "元/人"]),
       st.sampled_from([None, "群众满意度", "安全事故发生次数", "资金发放金额(万元)", "覆盖人数", "补助发放率"]),
       st.sampled_from([None, 2019, 2026]))
def test_every_flag_on_mangled_targets_is_known(raw, unit_column, name, year):
    t = apply_target_context(parse_target(raw, year=year), indicator_name=name, unit_column=unit_column, year=year)
    assert set(t.flags) <= KNOWN_FLAGS, (raw, t.flags)
    assert not set(t.flags) & BUG_FLAGS, (raw, unit_column, name, t.flags)   # the safety nets never fire
    assert t.status in STATUSES and (t.status != "ok" or t.confidence > 0)


# ---------------------------------------------------------------- 3. the effects table and its doc
def test_every_flag_effect_is_well_formed():
    assert KNOWN_FLAGS == FLAG_EFFECTS.keys()
    for flag, (status, cap) in FLAG_EFFECTS.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", flag), flag
        assert status is None or status in STATUSES - {"ok", "empty"}, flag
        assert cap is None or 0.0 <= cap <= 1.0, flag
        assert status != "failed" or cap == 0.0, flag            # failed always means confidence 0
    assert FLAG_EFFECTS["context_error"] == FLAG_EFFECTS["parse_error"] == ("failed", 0.0)


def doc_flag_table(path: Path) -> dict[str, tuple[str | None, float | None]]:
    """`| `flag` | status | cap | meaning |` rows of the "Flags" section of docs/targets.md."""
    text = path.read_text(encoding="utf-8")
    section = text.split("\n## Flags", 1)[1].split("\n## ", 1)[0]
    table = {}
    for m in re.finditer(r"^\| `([a-z_]+)` \| ([a-z]+|—) \| ([0-9.]+|—) \|", section, re.M):
        status = None if m.group(2) == "—" else m.group(2)
        cap = None if m.group(3) == "—" else float(m.group(3))
        table[m.group(1)] = (status, cap)
    return table


def test_docs_flag_table_matches_flag_effects():
    assert doc_flag_table(ROOT / "docs" / "targets.md") == FLAG_EFFECTS
