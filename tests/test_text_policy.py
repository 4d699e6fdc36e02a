"""The three text policies and the one vocabulary they share (schemas/text.yaml).

Three parts: a table of characters showing where the policies differ (add a row when a
character surprises you, saying why it folds the way it does); properties that hold for
any text; and sync tests keeping every reader and every other vocabulary in step with
text.yaml.
"""
from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from formex.extract.cleaning import clean_cell
from formex.normalize.amounts import amount_unit_power, parse_amount, parse_count
from formex.normalize.labels import Vocabulary, label_key
from formex.normalize.targets import parse_target
from formex.normalize.targets.deadlines import parse_deadline
from formex.normalize.targets.numerals import parse_chinese_numeral
from formex.normalize.targets.text import clean_target_text
from formex.normalize.tasks import rows_to_tasks
from formex.schemas.document import Cell, Row
from formex.schemas.errors import SchemaError
from formex.schemas.forms import load_all_form_schemas
from formex.schemas.target_lexicon import TARGETS_YAML, load_target_lexicon
from formex.schemas.text_policy import (POLICIES, TEXT_POLICIES, TEXT_YAML, fold_cell_text, fold_label_text,
                                        fold_number_text, load_text_vocabulary, text_vocabulary_from_dict)
from tests.conftest import ROOT

VOCAB = load_text_vocabulary()
CN = VOCAB.numerals
LEX = load_target_lexicon()


# ---------------------------------------------------------------- where the policies differ
@dataclass(frozen=True)
class Fold:
    text: str
    cell: str       # fold_cell_text
    label: str      # fold_label_text
    number: str     # fold_number_text
    why: str


FOLDS = [
    Fold("９５．００％", "95.00%", "95.00%", "95.00%", "full-width ASCII is the same character everywhere"),
    Fold("（％）", "（%）", "(%)", "(%)", "（） is Chinese prose punctuation: kept in cells, folded to compare or read"),
    Fold("，：；？！", "，：；？！", ",:;?!", ",:;?!", "the rest of keep_in_cells"),
    Fold("共\u3000１人", "共 1人", "共 1人", "共 1人", "the ideographic space is a space"),
    Fold("9\u200b5\u200e%\u00ad", "95%", "95%", "95%", "zero-width characters and direction marks are invisible"),
    Fold("50㎡", "50㎡", "50m2", "50m2", "NFKC spells ㎡ out; a cell keeps the sign as written"),
    Fold("①项", "①项", "1项", "1项", "a circled number stays in a cell (it is an enumerator there)"),
    Fold("等…", "等…", "等...", "等...", "the ellipsis is one character in Chinese text"),
    Fold("90%〜95%", "90%〜95%", "90%〜95%", "90%~95%", "NFKC keeps the wave dash; only a number reads it as a range"),
    Fold("1∶2", "1∶2", "1∶2", "1:2", "the ratio colon, likewise"),
    Fold("≥95%", "≥95%", "≥95%", "≥95%", "operators are not width forms: no policy touches them"),
]


@pytest.mark.parametrize("fold", FOLDS, ids=[f.why for f in FOLDS])
def test_each_policy_folds_as_the_table_says(fold):
    assert (fold_cell_text(fold.text), fold_label_text(fold.text), fold_number_text(fold.text)) == (
        fold.cell, fold.label, fold.number)


def test_the_table_shows_each_pair_of_policies_differing():
    pairs = {("cell", "label"), ("cell", "number"), ("label", "number")}
    shown = {(a, b) for f in FOLDS for a, b in pairs if getattr(f, a) != getattr(f, b)}
    assert shown == pairs


def test_every_policy_is_named_once():
    assert POLICIES.keys() == TEXT_POLICIES


def test_the_readers_fold_by_their_policy():
    """（ is kept by cell cleaning and folded by label keys and number reading, end to end."""
    assert clean_cell("主要内容（重点工作计划）") == "主要内容（重点工作计划）"
    assert label_key("主要内容（重点工作计划）") == label_key("主要内容(重点工作计划)") == "主要内容"
    assert parse_amount("１２３．４５万元") == Decimal("123.45")
    assert clean_target_text("≥９５％").text == "≥95%"


OCR_TEXT = st.text(st.sampled_from(sorted({*"９５．％（）()，,：；？！〜~∶:…㎡①\u3000 95年人", *VOCAB.zero_width})), max_size=12)


@settings(max_examples=300, deadline=None)
@given(OCR_TEXT)
def test_each_policy_is_stable(text):
    for fold in POLICIES.values():
        assert fold(fold(text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(OCR_TEXT)
def test_cell_cleaning_folds_a_subset_of_what_the_others_fold(text):
    """So a label or number reads the same from Cell.text as from the raw cell."""
    assert fold_label_text(fold_cell_text(text)) == fold_label_text(text)
    assert fold_number_text(fold_cell_text(text)) == fold_number_text(text)
    assert fold_number_text(text) == fold_label_text(text).translate(str.maketrans(dict(VOCAB.after_nfkc)))


# ---------------------------------------------------------------- every reader uses text.yaml
@pytest.mark.parametrize("ch", VOCAB.zero_width, ids=lambda ch: f"U+{ord(ch):04X}")
def test_every_reader_drops_every_zero_width_character(ch):
    for fold in POLICIES.values():
        assert fold(f"9{ch}5") == "95"
    assert clean_cell(f"9{ch}5%") == clean_target_text(f"9{ch}5%").text == "95%"
    assert label_key(f"资金{ch}来源") == "资金来源"
    assert parse_amount(f"9{ch}5") == Decimal(95)


@pytest.mark.parametrize("command, shown", sorted(VOCAB.latex_commands.items()))
def test_cells_and_targets_unwrap_every_latex_command_alike(command, shown):
    assert clean_cell(f"$\\{command} 5$") == clean_target_text(f"$\\{command} 5$").text == f"{shown}5"


@pytest.mark.parametrize("wrapper", VOCAB.latex_wrappers)
def test_cells_and_targets_unwrap_every_latex_wrapper_alike(wrapper):
    raw = f"$=5(\\{wrapper}{{人次}})$"
    assert clean_cell(raw) == clean_target_text(raw).text == "=5(人次)"


@pytest.mark.parametrize("letter, digit", sorted(VOCAB.digit_lookalikes.items()))
def test_targets_repair_every_digit_lookalike_and_amounts_do_not(letter, digit):
    t = parse_target(f"≥9{letter}%")
    assert (t.value, "digit_lookalike" in t.flags) == (float(f"9{digit}"), True)
    assert parse_amount(f"9{letter}") is None          # a guessed digit would reach the budget totals


@pytest.mark.parametrize("ch, value", sorted(CN.value_digits.items()))
def test_every_chinese_digit_reads_as_its_value(ch, value):
    assert parse_chinese_numeral(ch) == value
    assert parse_chinese_numeral(f"{ch}万") == value * 10_000


@pytest.mark.parametrize("ch, power", sorted({**CN.value_small_units, **CN.big_units}.items()))
def test_every_chinese_unit_reads_as_its_power(ch, power):
    assert parse_chinese_numeral(f"三{ch}") == 3 * 10 ** power


@pytest.mark.parametrize("value, ch", list(enumerate(CN.ordinals, start=1)))
def test_ordinals_number_enumerators_and_months(value, ch):
    assert label_key(f"{ch}、资金来源") == "资金来源"
    assert parse_deadline(f"2026年{ch}月底前").deadline.month == value


@pytest.mark.parametrize("ch", sorted(CN.year_digits))
def test_every_year_digit_reads_in_a_chinese_year(ch):
    year = f"二〇二{ch}年底前"
    assert parse_deadline(year).deadline.year == 2020 + CN.year_digits[ch]


def test_only_everyday_digits_write_ordinals_and_years():
    """两 counts (两万) and 贰 guards a cheque; neither numbers a month or a year."""
    for ch in [*CN.count_digits, *CN.financial_digits]:
        assert ch not in CN.ordinals and ch not in CN.year_digits


def test_a_lookalike_that_is_a_chinese_digit_means_that_digit():
    """〇 is both: in an Arabic run (2〇26) and in a Chinese numeral it is 0."""
    both = set(VOCAB.digit_lookalikes) & set(CN.value_digits)
    assert both and all(int(VOCAB.digit_lookalikes[ch]) == CN.value_digits[ch] for ch in both)


@pytest.mark.parametrize("unit, power", sorted(VOCAB.amount_units.items()))
def test_every_amount_unit_is_stripped_and_scales(unit, power):
    assert parse_amount(f"12.50{unit}") == Decimal("12.50")
    assert amount_unit_power(f"12.50{unit}") == power


@pytest.mark.parametrize("unit", VOCAB.count_units)
def test_every_count_unit_is_stripped(unit):
    assert parse_count(f"13{unit}") == 13


def test_task_amounts_take_the_power_of_their_unit():
    columns = Vocabulary([("name", ("任务名称",)), ("content", ("主要内容",)), ("amount", ("拟投入资金",))])

    def row(i, *texts):
        return Row(i, tuple(Cell(t, t, c) for c, t in enumerate(texts)), 1, f"line {i}")

    rows = [row(1, "任务名称", "主要内容", "拟投入资金(万元)"), row(2, "甲", "做甲", "12.5"),
            row(3, "乙", "做乙", "1.2亿元"), row(4, "丙", "做丙", "300元")]
    tasks, _ = rows_to_tasks(rows, columns)
    assert [t.amount for t in tasks] == [Decimal("125000.00"), Decimal("120000000.00"), Decimal("300.00")]


# ---------------------------------------------------------------- other vocabularies stay in step
def _yaml(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_targets_yaml_repeats_nothing_text_yaml_holds():
    shared = set(_yaml(TEXT_YAML)) - {"version"}
    assert not shared & set(_yaml(TARGETS_YAML))
    moved = {"zero_width", "fold_chars", "latex", "digit_lookalikes", "chinese_numerals"}    # before text.yaml
    assert not moved & set(_yaml(TARGETS_YAML))


def _numeral_power(word: str) -> int:
    units = {**CN.value_small_units, **CN.big_units}
    return sum(units[ch] for ch in word)


@pytest.mark.parametrize("word, power", sorted(LEX.scale_words.items()))
def test_scale_words_agree_with_the_chinese_numerals(word, power):
    assert _numeral_power(word) == power


@pytest.mark.parametrize("unit, power", sorted(VOCAB.amount_units.items()))
def test_amount_units_are_a_scale_word_and_a_currency_unit_of_targets_yaml(unit, power):
    scale = next((w for w in sorted(LEX.scale_words, key=len, reverse=True) if unit.startswith(w)), "")
    currency = LEX.units[unit[len(scale):]]
    assert (currency.unit_class, LEX.scale_words.get(scale, 0)) == ("currency", power)
    t = parse_target(f"≥3{unit}")
    assert (t.unit, t.scale) == (currency.canonical, power)


@pytest.mark.parametrize("unit", VOCAB.count_units)
def test_count_units_are_count_units_of_targets_yaml(unit):
    assert LEX.units[unit].unit_class == "count"


def test_form_unit_words_are_amount_units():
    for schema in load_all_form_schemas():
        for word, power in schema.unit_words:
            assert VOCAB.amount_units.get(word) == power, (schema.form_type, word)


def _code_strings(path):
    """String constants of a module, its docstrings left out (examples may write numerals)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


@pytest.mark.parametrize("package", ["extract", "normalize", "formex", "schemas"])
def test_no_chinese_numerals_or_unit_suffixes_in_code(package):
    """Numerals and amount units are text.yaml's: a literal would be a second, drifting copy."""
    numerals = set(CN.value_digits) | set(CN.value_small_units) | set(CN.big_units) | set(CN.digit_lookalikes)
    units = re.compile("|".join(sorted(VOCAB.amount_units, key=len, reverse=True)))
    found = [(str(path.relative_to(ROOT)), line, text)
             for path in sorted((ROOT / package).rglob("*.py"))
             for line, text in _code_strings(path)
             if set(text) & numerals or units.fullmatch(text)]
    assert found == []


# ---------------------------------------------------------------- the YAML is validated
@pytest.mark.parametrize("edit, key", [
    (lambda d: d.update(colour=1), "<top>"),
    (lambda d: d["zero_width"].append("x"), "zero_width"),
    (lambda d: d["fullwidth"].update(keep_in_cells="，,"), "fullwidth.keep_in_cells"),
    (lambda d: d["fullwidth"]["after_nfkc"].update({"～": "~"}), "fullwidth.after_nfkc"),
    (lambda d: d["digit_lookalikes"].update(B="8x"), "digit_lookalikes.B"),
    (lambda d: d["chinese_numerals"]["financial_digits"].update({"一": 1}), "chinese_numerals"),
    (lambda d: d["chinese_numerals"]["digits"].update({"十": 10}), "chinese_numerals.digits.十"),
    (lambda d: d["chinese_numerals"]["digit_lookalikes"].update({"O": "0"}), "chinese_numerals.digit_lookalikes.O"),
    (lambda d: d["amount_units"].update({"千元": "3"}), "amount_units.千元"),
    (lambda d: d["latex"]["commands"].update({"neq": None}), "latex.commands"),
])
def test_malformed_text_yaml_names_the_key(edit, key):
    data = copy.deepcopy(_yaml(TEXT_YAML))
    edit(data)
    with pytest.raises(SchemaError) as caught:
        text_vocabulary_from_dict(data, "text.yaml")
    assert caught.value.key.startswith(key) and "text.yaml" in str(caught.value)


def test_vocabulary_is_loaded_once():
    assert load_text_vocabulary() is load_text_vocabulary()
