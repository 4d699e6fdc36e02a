"""Words a name may open with that hold 指 or 标 (`schemas/name_words.yaml`), so that a
reading of a damaged 指标 never cuts them off a name."""
from __future__ import annotations

from pathlib import Path

import yaml

NAME_WORDS_YAML = Path(__file__).with_name("name_words.yaml")


def load_name_words(path: Path = NAME_WORDS_YAML) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """(the characters before 标 in the words ending in it, {指 or 标: the characters after
    it in the words opening with it}), checked: every word two characters, ending or
    opening as its list says."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    words = yaml.safe_load(path.read_text(encoding="utf-8")).get("openings", [])
    if any(len(word) != 2 for word in words):
        raise ValueError(f"{path}: openings holds two-character words")
    return frozenset(words)


NAME_OPENINGS = load_name_openings()


def load_category_openings(path: Path = NAME_WORDS_YAML) -> tuple[str, ...]:
    """The words a name may open with that begin with a category's bare word
    (`category_openings`: 质量监督, 成本核算), checked: every word longer than two characters."""
    words = yaml.safe_load(path.read_text(encoding="utf-8")).get("category_openings", [])
    if any(len(word) <= 2 for word in words):
        raise ValueError(f"{path}: category_openings holds words longer than two characters")
    return tuple(words)


CATEGORY_WORD_OPENINGS = load_category_openings()
