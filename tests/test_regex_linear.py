"""Every regular expression applied to a document's text costs time linear in it.

One case per family of patterns, through the function that applies it, with a 100 KB
adversarial string shaped to make a backtracking engine retry from every position (the
shapes `bench/regex_audit.py` found, and the ones that were quadratic or exponential
before: an unclosed `<p ` repeated, `[` repeated in a number format, a run of `〇` with no
digit, comments before no HTML tag). Bounded loosely (2 s, where each takes milliseconds
now and took minutes to hours before), in this process's CPU time rather than wall time
so that other work on a loaded machine does not fail them. Then the
audit itself, over every pattern formex holds.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from formex.extract.cleaning import clean_cell
from formex.extract.markdown_doc import comment_text
from formex.extract.number_format import format_number
from formex.extract.readers import read_document
from formex.extract.sniff import sniff_format
from formex.normalize.amounts import parse_amount, parse_count
from formex.normalize.form import normalize_document
from formex.normalize.header import split_duties
from formex.normalize.labels import label_key
from formex.normalize.targets import parse_target

SIZE = 100_000
BOUND = 2.0


def long(unit: str, tail: str = "") -> str:
    return unit * (SIZE // len(unit)) + tail


CASES = {
    "html block tag unclosed": (clean_cell, long("<p ")),
    "html any tag unclosed": (clean_cell, long("<a ")),
    "html entity-like": (clean_cell, long("&#")),
    "latex math unclosed": (clean_cell, long("$\\geq")),
    "latex wrapper unclosed": (clean_cell, long("\\text{")),
    "cjk gap": (clean_cell, "中" + long(" ", "x")),
    "target lookalike run without digit": (parse_target, long("〇")),
    "target lookalike run after a letter": (parse_target, "a1" + long("O", "b")),
    "target thousands": (parse_target, long("1,000", ",0")),
    "target spaced thousands": (parse_target, long("1 000", " 0")),
    "target comparators": (parse_target, long("≥<")),
    "target numbers and units": (parse_target, long("95%万元")),
    "target deadlines": (parse_target, long("2026年12月")),
    "target chinese numerals": (parse_target, long("十百千")),
    "target parentheses": (parse_target, long("(", "%")),
    "amount grouped": (parse_amount, long("1,000", ".")),
    "count": (parse_count, long("1", "人人")),
    "label key": (label_key, long("（")),
    "duties": (split_duties, long("1、")),
    "number format brackets": (lambda fmt: format_number(1.5, fmt), long("[")),
    "number format digits": (lambda fmt: format_number(1.5, fmt), long("0,", "e")),
    "html sniff comments": (lambda text: sniff_format(text.encode()), long("<!--a-->")),
    "markdown comment unclosed": (comment_text, long("<!-- ")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_long_adversarial_string_costs_linear_time(name):
    function, text = CASES[name]
    started = time.process_time()
    function(text)
    assert time.process_time() - started < BOUND, name


@pytest.mark.parametrize("line", [long("<p "), long("第 "), long("〇"), "单位名称\t" + long("\u2003", "x"),
                                  long("2026 "), long("[page"), long("{1}-")])
def test_a_document_of_one_long_hostile_line_is_read_and_normalized_in_linear_time(line):
    started = time.process_time()
    for suffix in ("txt", "md"):
        normalize_document(read_document(line.encode("utf-8"), f"hostile.{suffix}"))
    assert time.process_time() - started < 2 * BOUND


def test_the_audit_finds_no_pattern_that_grows_faster_than_its_input():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from regex_audit import audit

    assert list(audit(pairs=False)) == []   # pairs of characters too: `python bench/regex_audit.py`
