"""The word lists of `schemas/name_words.yaml`: words a name may open with that hold 指 or
标 (a reading of a damaged 指标 never cuts them off a name), and words that open with a
name's head or a category's bare word (a head cut or a wrap decided there keeps them)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

NAME_WORDS_YAML = Path(__file__).with_name("name_words.yaml")


@lru_cache(maxsize=None)
def read_name_words(path: Path = NAME_WORDS_YAML) -> dict:
    """The file's lists by key, parsed once per path: every loader below reads the one file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_name_words(path: Path = NAME_WORDS_YAML) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """(the characters before 标 in the words ending in it, {指 or 标: the characters after
    it in the words opening with it}), checked: every word two characters, ending or
    opening as its list says."""
    data = read_name_words(path)
    with_biao = data["with_biao"]
    if any(len(word) != 2 or word[1] != "标" for word in with_biao):
        raise ValueError(f"{path}: with_biao holds two-character words ending in 标")
    after = {}
    for head, words in data["after"].items():
        if any(len(word) != 2 or word[0] != head for word in words):
            raise ValueError(f"{path}: after.{head} holds two-character words opening with {head}")
        after[head] = frozenset(word[1] for word in words)
    return frozenset(word[0] for word in with_biao), after


WORDS_WITH_BIAO, WORDS_AFTER = load_name_words()


def load_name_openings(path: Path = NAME_WORDS_YAML) -> frozenset[str]:
    """The two-character words a name may open with that no half-vouched damaged 指标 is
    read as (`openings`), checked: every word two characters."""
    words = read_name_words(path).get("openings", [])
    if any(len(word) != 2 for word in words):
        raise ValueError(f"{path}: openings holds two-character words")
    return frozenset(words)


NAME_OPENINGS = load_name_openings()


def load_word_list(key: str, shortest: int, path: Path = NAME_WORDS_YAML) -> tuple[str, ...]:
    """One list of the file (`head_runs`: words opening with a name's head word and running
    past it, 满意度调查; `category_openings`: words a name may open with that begin with a
    category's bare word, 质量监督; `label_line_openings`: words a name may open with that begin
    with a wrapped label's first line, 社会保险; `wording_openings`: words a name may open with that begin
    with a label's wording, 性别; `suffixed_words`: words a name writes before 指标, 绩效; `particle_openings`:
    characters no name opens with, 的), checked: every word at least `shortest` characters."""
    words = read_name_words(path).get(key, [])
    if any(len(word) < shortest for word in words):
        raise ValueError(f"{path}: {key} holds words of {shortest} characters or more")
    return tuple(words)


HEAD_RUNS = load_word_list("head_runs", 2)
CATEGORY_WORD_OPENINGS = load_word_list("category_openings", 3)
LABEL_LINE_OPENINGS = load_word_list("label_line_openings", 3)
WORDING_OPENINGS = load_word_list("wording_openings", 2)
SUFFIXED_WORDS = load_word_list("suffixed_words", 2)
PARTICLE_OPENINGS = load_word_list("particle_openings", 1)
