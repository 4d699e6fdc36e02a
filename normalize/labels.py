"""Match label text against a vocabulary, tolerant of OCR damage.

Labels are compared by a *key*: folded by the label-key policy of
formex.schemas.text_policy (NFKC, so every width compares equal), with spaces,
punctuation, enumerators (`1、`, `(1)`, `一、`) and parenthesised remarks removed. Keys are
compared exactly first, then by containment (for long labels that embed the alias), then
by rapidfuzz's normalized Indel ratio, which forgives one wrong character in a
four-character label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from formex.schemas.text_policy import fold_label_text, load_text_vocabulary

FUZZY_CUTOFF = 74.0  # one character wrong in four (单立名称 ~ 单位名称) scores 75
FUZZY_MIN_LEN = 4    # shorter aliases must match exactly
MEMO_LIMIT = 10_000  # texts remembered per vocabulary (labels repeat across a batch); then forgotten
SHORT_LABEL = 12     # key length of a cell that can be a label on its own (`short_match`)
PAREN = re.compile(r"[\(（\[【][^\)）\]】]{0,20}[\)）\]】]")
NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The comparable core of a label.

    >>> label_key("1、资金来源: (1) 财政拨款")
    '资金来源财政拨款'
    >>> label_key("部门整体预算总额(元)")
    '部门整体预算总额'
    >>> label_key("主要内容（重点工作计划）")
    '主要内容'
    """
    text = fold_label_text(text or "")
    text = PAREN.sub("", text.strip())
    text = _enumerator().sub("", text.lstrip())
    return NOISE.sub("", text)


@lru_cache(maxsize=1)
def _enumerator() -> re.Pattern:
    """`1、`, `12.`, `三、`, `十二)` at the start of a label (folded already: `．）` are `.)`)."""
    ordinals = load_text_vocabulary().numerals.ordinals
    return re.compile(rf"^(?:\d{{1,2}}|[{ordinals}]{{1,3}})[、.)]")


@dataclass(frozen=True)
class LabelMatch:
    name: str      # the vocabulary entry the label belongs to
    alias: str     # the alias it matched
    score: float   # 100 for an exact key match

    @property
    def exact(self) -> bool:
        return self.score >= 100


class Vocabulary:
    """Aliases grouped by name, with precomputed keys. Build once per schema.

    Answers are remembered per text (labels and cell texts repeat across a batch), and a
    fuzzy comparison looks only at aliases of about the text's length, listed per length
    once, in vocabulary order (which settles ties)."""

    def __init__(self, entries: dict[str, tuple[str, ...]] | list[tuple[str, tuple[str, ...]]]):
        items = entries.items() if isinstance(entries, dict) else entries
        self._by_key: dict[str, tuple[str, str]] = {}
        for name, aliases in items:
            for alias in (name, *aliases) if _is_label(name) else aliases:
                self._by_key.setdefault(label_key(alias), (name, alias))
        self._keys = [k for k in self._by_key if k]
        self._embeddable = [k for k in self._keys if len(k) >= 2]
        self._near: dict[int, list[str]] = {}
        self._memo: dict[tuple[str, bool, float], LabelMatch | None] = {}
        self._short: dict[str, LabelMatch | None] = {}

    def match(self, text: str, *, contains: bool = False, cutoff: float = FUZZY_CUTOFF) -> LabelMatch | None:
        """The best entry for `text`, or None. With `contains`, a label that embeds an
        alias (`1、资金来源: (1) 财政拨款` embeds 财政拨款) matches it."""
        memo_key = (text, contains, cutoff)
        try:
            return self._memo[memo_key]
        except KeyError:
            pass
        found = self._match(text, contains, cutoff)
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[memo_key] = found
        return found

    def short_match(self, text: str) -> LabelMatch | None:
        """`match(text)` for a cell short enough to be a label (a key of at most
        SHORT_LABEL characters), else None: what sectioning asks of every cell of every
        row for each family, answered from one memo per text."""
        try:
            return self._short[text]
        except KeyError:
            pass
        found = self.match(text) if len(label_key(text)) <= SHORT_LABEL else None
        if len(self._short) >= MEMO_LIMIT:
            self._short.clear()
        self._short[text] = found
        return found

    def near(self, length: int) -> list[str]:
        """Aliases a key of `length` may fuzzily match: at least FUZZY_MIN_LEN long, and
        at most one character longer or shorter."""
        found = self._near.get(length)
        if found is None:
            found = self._near[length] = [k for k in self._keys
                                          if len(k) >= FUZZY_MIN_LEN and abs(len(k) - length) <= 1]
        return found

    def _match(self, text: str, contains: bool, cutoff: float) -> LabelMatch | None:
        key = label_key(text)
        if not key:
            return None
        if key in self._by_key:
            return LabelMatch(*self._by_key[key], 100.0)
        if contains:
            embedded = [k for k in self._embeddable if len(k) <= len(key) and k in key]
            if embedded:
                best = max(embedded, key=len)
                return LabelMatch(*self._by_key[best], 99.0)
        # OCR damage swaps, drops or adds a character: compare with aliases of about the
        # same length only, so 职工满意度 never fuzzily "matches" the short alias 满意度
        near = self.near(len(key))
        found = process.extractOne(key, near, scorer=fuzz.ratio, score_cutoff=cutoff) if near else None
        if found is None:
            return None
        return LabelMatch(*self._by_key[found[0]], round(found[1], 1))


    def aliases_of(self, name: str) -> list[str]:
        """The entry's aliases as label keys (what `match` compares)."""
        return [k for k, (entry, _) in self._by_key.items() if entry == name and k]

    def match_embedded(self, text: str, slack: int = 3) -> LabelMatch | None:
        """The entry whose alias is written inside the label with a few characters more
        (`数量性指标` ⊃ 数量指标, `生态环境效益指标` ⊃ 生态效益指标, `产出类` ⊃ 产出): the
        longest such alias, None when two entries tie; its score is the share of the
        label the alias covers."""
        key = label_key(text)
        found = [k for k in self._keys if 2 <= len(k) < len(key) <= len(k) + slack and _within(k, key)]
        if not found:
            return None
        longest = max(map(len, found))
        names = {self._by_key[k][0] for k in found if len(k) == longest}
        if len(names) > 1:
            return None
        best = next(k for k in found if len(k) == longest)
        return LabelMatch(*self._by_key[best], round(100.0 * len(best) / len(key), 1))   # its share

    def tied_matches(self, text: str, cutoff: float) -> list[LabelMatch]:
        """Every entry that scores best at a loose `cutoff`, one match each: `盾量措标` is
        as near 数量指标 as 质量指标 (two of four characters each)."""
        key = label_key(text)
        near = [k for k in self._keys if len(k) >= FUZZY_MIN_LEN and abs(len(k) - len(key)) <= 1]
        found = process.extract(key, near, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None) if key else []
        best = found[0][1] if found else None
        out: dict[str, LabelMatch] = {}
        for k, score, _ in found:
            if score >= best and self._by_key[k][0] not in out:
                out[self._by_key[k][0]] = LabelMatch(*self._by_key[k], round(score, 1))
        return list(out.values())

    def match_unique(self, text: str, cutoff: float) -> LabelMatch | None:
        """The best entry at a loose `cutoff`, but only when no other entry scores as
        well: `严山指标` is as near 产出指标 as 投入指标, so it is neither."""
        key = label_key(text)
        if not key:
            return None
        if key in self._by_key:
            return LabelMatch(*self._by_key[key], 100.0)
        near = [k for k in self._keys if len(k) >= FUZZY_MIN_LEN and abs(len(k) - len(key)) <= 1]
        found = process.extract(key, near, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        if not found:
            return None
        best = found[0][1]
        names = {self._by_key[k][0] for k, score, _ in found if score >= best}
        if len(names) > 1:
            return None
        return LabelMatch(*self._by_key[found[0][0]], round(best, 1))


def _within(alias: str, key: str) -> bool:
    """The alias's characters appear in the key, in order."""
    chars = iter(key)
    return all(ch in chars for ch in alias)


def _is_label(name: str) -> bool:
    """Vocabulary names that are Chinese labels themselves count as their own alias."""
    return not name.isascii()
