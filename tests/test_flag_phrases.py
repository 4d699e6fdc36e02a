"""Target flags in words: every flag has a phrase (`schemas/target_flags.yaml`), and the
issue messages people read use the phrases, never the flag names."""
from __future__ import annotations

import pytest

import formex
from formex.normalize.targets.model import FLAG_EFFECTS, KNOWN_FLAGS, describe_flags
from formex.schemas.errors import SchemaError
from formex.schemas.target_flags import load_flag_phrases
from tests.conftest import SAMPLES, SEED


def test_every_known_flag_has_a_phrase_and_no_other_is_listed():
    assert set(load_flag_phrases()) == KNOWN_FLAGS


def test_phrases_are_distinct_words_not_flag_names():
    phrases = load_flag_phrases()
    assert len(set(phrases.values())) == len(phrases)
    for flag, phrase in phrases.items():
        assert "_" not in phrase, flag
        assert phrase == phrase.strip() and not phrase.endswith(".")


def test_the_flags_that_set_the_status_come_first():
    described = describe_flags(("no_unit", "latex", "scale_only_unit"))
    assert described == "a scale word (万, 亿) without a unit; LaTeX markup removed; no unit"
    assert FLAG_EFFECTS["scale_only_unit"][0] == "partial"


@pytest.mark.parametrize("damage, key", [
    ("version: 1\nphrases: [latex]\n", "phrases"),
    ("version: 1\nphrases: {latex: ''}\n", "phrases.latex"),
    ("phrases: {latex: LaTeX}\n", "(top level)"),
])
def test_a_malformed_phrase_file_names_the_key(tmp_path, damage, key):
    path = tmp_path / "target_flags.yaml"
    path.write_text(damage, encoding="utf-8")
    with pytest.raises(SchemaError) as error:
        load_flag_phrases(path)
    assert error.value.key == key


def test_target_issue_messages_use_phrases():
    issues = formex.extract_tables(SEED)["issues"].set_index("source_ref")
    assert issues.loc["line 40", "message"] == (
        "target '=350.00(万)' of '各类社会保障补贴计划发放数' is incomplete: "
        "a scale word (万, 亿) without a unit")
    assert issues.loc["line 106", "message"].endswith(   # ruling L12: nothing typed
        "is ambiguous: stray characters before the number")


def test_no_issue_message_of_any_sample_names_a_flag():
    messages = formex.extract_tables(SAMPLES)["issues"]["message"]
    assert len(messages) > 10
    for message in messages:
        assert not [flag for flag in KNOWN_FLAGS if "_" in flag and flag in message], message
