r"""The three ways formex folds text before reading it, and why there are three.

OCR gives the same character in several forms (`９５％` and `95%`, `（` and `(`, `9\u200b5`
and `95`). How much of that to fold depends on what the result is for, so each reader
names the policy it follows instead of folding by a rule of its own:

=================  ==================  =================================================
policy             function            what the result is for
=================  ==================  =================================================
cell cleaning      `fold_cell_text`    `Cell.text`: kept, shown and written to the dataset
label keys         `fold_label_text`   `label_key`: compared with aliases, then dropped
number reading     `fold_number_text`  `parse_amount`, `clean_target_text`: digits, signs
                                       and operators read as values
=================  ==================  =================================================

Why they differ:

* **Cell cleaning** folds only what is the same character in another width: full-width
  ASCII (`９５．００％` -> `95.00%`) and the ideographic space, and it drops zero-width
  characters. It keeps the Chinese punctuation of `fullwidth.keep_in_cells`, which is how
  Chinese prose is written, and it does not apply NFKC, which would also turn `①` into `1`,
  `㎡` into `m2`, `…` into `...` and compatibility ideographs into others: changes a
  reader of the table would see as damage to the text.
* **Label keys** fold everything (NFKC), because a key is never shown: every spelling of a
  label should compare equal, and punctuation is stripped from the key afterwards anyway.
* **Number reading** folds like label keys (a value needs `（％）` as `(%)` and `㎡` as
  `m2`), and also maps the marks NFKC keeps but a number means otherwise (`〜` is the range
  `~`). Letters read for digits (`95.OO`) are repaired by the target parser only, inside a
  run that holds a real digit, and reported as a flag; budget amounts are not repaired,
  since a guessed digit would enter the budget totals without a trace.

The vocabulary the policies and their readers share (zero-width characters, full-width
exceptions, LaTeX commands, Chinese numerals, amount and count suffixes) is
`schemas/text.yaml`, loaded here once as `TextVocabulary`.

>>> text = "（１２３）\u200b〜５０㎡"
>>> fold_cell_text(text), fold_label_text(text), fold_number_text(text)
('（123）〜50㎡', '(123)〜50m2', '(123)~50m2')
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Literal, Mapping, NamedTuple, get_args

import yaml

from formex.schemas.errors import SchemaError

TEXT_YAML = Path(__file__).with_name("text.yaml")
FULLWIDTH_ASCII = range(0xFF01, 0xFF5F)     # ！ .. ～: each sits 0xFEE0 above its ASCII form
FULLWIDTH_OFFSET = 0xFEE0
IDEOGRAPHIC_SPACE = 0x3000

TextPolicy = Literal["cell_cleaning", "label_keys", "number_reading"]
TEXT_POLICIES = frozenset(get_args(TextPolicy))
TOP_LEVEL_KEYS = frozenset({"version", "zero_width", "controls", "fullwidth", "digit_lookalikes", "block_tags", "latex",
                            "chinese_numerals", "amount_units", "count_units"})
NUMERAL_KEYS = frozenset({"digits", "count_digits", "financial_digits", "small_units", "financial_small_units",
                          "big_units", "decimal_point", "digit_lookalikes"})


@dataclass(frozen=True, eq=False)
class ChineseNumerals:
    """How Chinese numerals are written, by the role each character may play."""
    digits: Mapping[str, int]                  # 〇 零 一 … 九
    count_digits: Mapping[str, int]            # 两: quantities only
    financial_digits: Mapping[str, int]        # 壹 … 玖
    small_units: Mapping[str, int]             # 十 百 千 -> power of ten
    financial_small_units: Mapping[str, int]   # 拾 佰 仟
    big_units: Mapping[str, int]               # 万 亿: scale everything before them
    decimal_point: str
    digit_lookalikes: Mapping[str, str]        # ○ -> 〇, in years

    @cached_property
    def value_digits(self) -> Mapping[str, int]:
        """Every digit a quantity may be written with (两万, 壹佰)."""
        return MappingProxyType({**self.digits, **self.count_digits, **self.financial_digits})

    @cached_property
    def value_small_units(self) -> Mapping[str, int]:
        return MappingProxyType({**self.small_units, **self.financial_small_units})

    @cached_property
    def ordinals(self) -> str:
        """一 … 十: the numerals of enumerators (`三、`), months and days, in value order.

        >>> load_text_vocabulary().numerals.ordinals
        '一二三四五六七八九十'
        """
        ones = sorted((v, ch) for ch, v in self.digits.items() if v > 0)
        tens = [ch for ch, power in self.small_units.items() if power == 1]
        return "".join(ch for _, ch in ones) + "".join(tens)

    @cached_property
    def year_digits(self) -> Mapping[str, int]:
        """Positional digits of a year written in Chinese (二〇二六, and 二○二六 as OCR reads it)."""
        lookalikes = {ch: self.digits[like] for ch, like in self.digit_lookalikes.items()}
        return MappingProxyType({**self.digits, **lookalikes})

    def spellings(self, digit: int, table: Mapping[str, int]) -> str:
        """The characters of `table` that write `digit`, as a regex class body.

        >>> load_text_vocabulary().numerals.spellings(0, load_text_vocabulary().numerals.year_digits)
        '〇零○'
        """
        return "".join(re.escape(ch) for ch, value in table.items() if value == digit)


@dataclass(frozen=True, eq=False)
class TextVocabulary:
    zero_width: tuple[str, ...]
    controls: tuple[str, ...]                  # C0/C1 control characters, dropped like zero_width
    keep_in_cells: str
    after_nfkc: Mapping[str, str]
    digit_lookalikes: Mapping[str, str]
    block_tags: tuple[str, ...]
    latex_commands: Mapping[str, str]
    latex_wrappers: tuple[str, ...]
    numerals: ChineseNumerals
    amount_units: Mapping[str, int]            # 万元 -> 4
    count_units: tuple[str, ...]


def fold_cell_text(text: str) -> str:
    r"""Cell cleaning: full-width ASCII to ASCII except Chinese punctuation, the ideographic
    space to a space, zero-width characters dropped; nothing else changes.

    >>> fold_cell_text("≥９５．００（％），共\u200b１人\u3000①")
    '≥95.00（%），共1人 ①'
    """
    return text.translate(_tables().cell_fold)


# where OCR broke a line of Chinese text: a space between two CJK characters (punctuation
# and full-width forms count)
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e\u201c-\u201d\u2018-\u2019"
CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}])")
MARKUP = re.compile(r"[<&$\\]")     # what HTML, entities or LaTeX need: cleaned by extract alone


def join_cjk_breaks(text: str) -> str:
    """Remove the spaces OCR leaves where a line of Chinese text wrapped.

    >>> join_cjk_breaks("服务体系 建设, 依托 镇居")
    '服务体系建设, 依托镇居'
    """
    return CJK_GAP.sub("", text)


def collapse_spaces(text: str) -> str:
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_plain_text(text: str) -> str:
    """The cleaning of a cell's text once its markup is gone (`extract.cleaning.clean_cell`
    strips HTML and LaTeX first): widths folded, OCR's line-break gaps joined, spaces
    collapsed. For a cell with no markup it is the whole cleaning, so the indicator code
    can tell a cell as read from one it rewrote.

    >>> clean_plain_text("吋效 资金　下达率")
    '吋效资金下达率'
    """
    return collapse_spaces(join_cjk_breaks(fold_cell_text(text)))


def fold_label_text(text: str) -> str:
    """Label keys: zero-width characters dropped, then NFKC, which folds every width.

    >>> fold_label_text("主要内容（重点工作）"), fold_label_text("ｐｍ２．５")
    ('主要内容(重点工作)', 'pm2.5')
    """
    if text.isascii():
        return text
    tables = _tables()
    if tables.zero_width.search(text):
        text = tables.zero_width.sub("", text)
    return unicodedata.normalize("NFKC", text)


def fold_number_text(text: str) -> str:
    r"""Number reading: as label keys, then the marks NFKC keeps mapped (〜 -> ~, ∶ -> :).

    >>> fold_number_text("９\u200b５％〜１００％"), fold_number_text("1∶2")
    ('95%~100%', '1:2')
    """
    if text.isascii():
        return text
    tables = _tables()
    if tables.zero_width.search(text):
        text = tables.zero_width.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(tables.after_nfkc_table) if tables.after_nfkc.search(text) else text


POLICIES: Mapping[TextPolicy, Callable[[str], str]] = MappingProxyType({
    "cell_cleaning": fold_cell_text,
    "label_keys": fold_label_text,
    "number_reading": fold_number_text,
})


class _Tables(NamedTuple):
    cell_fold: dict[int, str | None]
    zero_width: re.Pattern
    after_nfkc: re.Pattern
    after_nfkc_table: dict[int, str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    vocab = load_text_vocabulary()
    cell_fold: dict[int, str | None] = {cp: chr(cp - FULLWIDTH_OFFSET) for cp in FULLWIDTH_ASCII
                                        if chr(cp) not in vocab.keep_in_cells}
    cell_fold[IDEOGRAPHIC_SPACE] = " "
    dropped = vocab.zero_width + vocab.controls
    cell_fold.update({ord(ch): None for ch in dropped})
    return _Tables(cell_fold,
                   re.compile(f"[{''.join(map(re.escape, dropped))}]"),
                   re.compile(f"[{''.join(map(re.escape, vocab.after_nfkc))}]"),
                   str.maketrans(dict(vocab.after_nfkc)))


# ---------------------------------------------------------------- loading schemas/text.yaml
class _Reader:
    """Typed access to the YAML tree; every failure names the file and the dotted key."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, key: str, problem: str) -> SchemaError:
        return SchemaError(self.path, key, problem)

    def mapping(self, node: Any, key: str, required: frozenset[str] = frozenset()) -> dict:
        if not isinstance(node, dict) or not all(isinstance(k, str) for k in node):
            raise self.fail(key, "expected a mapping with string keys")
        if required and set(node) != required:
            raise self.fail(key, f"expected exactly the keys {', '.join(sorted(required))}; "
                                 f"got {', '.join(sorted(node))}")
        return node

    def words(self, node: Any, key: str, *, single: bool = False) -> tuple[str, ...]:
        if not isinstance(node, list) or not all(isinstance(w, str) and w for w in node):
            raise self.fail(key, "expected a list of non-empty strings")
        if single and any(len(w) != 1 for w in node):
            raise self.fail(key, "expected single characters")
        return tuple(node)

    def powers(self, node: Any, key: str, low: int = 0, high: int = 16) -> Mapping[str, int]:
        node = self.mapping(node, key)
        for word, value in node.items():
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise self.fail(f"{key}.{word}", f"expected an integer from {low} to {high}, got {value!r}")
        return MappingProxyType(dict(node))

    def chars(self, node: Any, key: str, allowed: str | None = None) -> Mapping[str, str]:
        """{single character: replacement}, the replacement one of `allowed` when given."""
        node = self.mapping(node, key)
        for ch, to in node.items():
            bad_target = allowed is not None and (len(to) != 1 or to not in allowed)
            if len(ch) != 1 or not isinstance(to, str) or bad_target:
                raise self.fail(f"{key}.{ch}", f"expected one character mapped to "
                                               f"{'one of ' + allowed if allowed else 'a string'}, got {to!r}")
        return MappingProxyType(dict(node))


def _numerals(r: _Reader, node: Any) -> ChineseNumerals:
    node = r.mapping(node, "chinese_numerals", NUMERAL_KEYS)
    tables = {key: r.powers(node[key], f"chinese_numerals.{key}", high=9 if "digits" in key else 16)
              for key in NUMERAL_KEYS - {"decimal_point", "digit_lookalikes"}}
    seen: dict[str, str] = {}
    for key, table in sorted(tables.items()):
        for ch in table:
            if len(ch) != 1 or ch in seen:
                raise r.fail(f"chinese_numerals.{key}.{ch}", "expected a single character listed once"
                             + (f" (also in {seen[ch]})" if ch in seen else ""))
            seen[ch] = key
    point = node["decimal_point"]
    if not isinstance(point, str) or len(point) != 1 or point in seen:
        raise r.fail("chinese_numerals.decimal_point", f"expected one character, no digit or unit; got {point!r}")
    lookalikes = r.chars(node["digit_lookalikes"], "chinese_numerals.digit_lookalikes", "".join(tables["digits"]))
    return ChineseNumerals(decimal_point=point, digit_lookalikes=lookalikes, **tables)


def control_characters(r: _Reader, node: Any) -> tuple[str, ...]:
    """The characters of the `controls` ranges; each must be a control (Cc) other than the
    tab, line feed and carriage return that separate cells and lines."""
    if not isinstance(node, list) or not all(isinstance(pair, list) and len(pair) == 2
                                             and all(isinstance(n, int) for n in pair) for pair in node):
        raise r.fail("controls", "expected a list of [first, last] code points")
    chars = tuple(chr(cp) for first, last in node for cp in range(first, last + 1))
    wrong = [ch for ch in chars if unicodedata.category(ch) != "Cc" or ch in "\t\n\r"]
    if wrong:
        raise r.fail("controls", f"{wrong[:3]!r} are not control characters formex may drop")
    return chars


def text_vocabulary_from_dict(data: Any, path: str | Path = "<dict>") -> TextVocabulary:
    """Validate a parsed text.yaml tree."""
    r = _Reader(str(path))
    data = r.mapping(data, "<top>", TOP_LEVEL_KEYS)
    zero_width = r.words(data["zero_width"], "zero_width", single=True)
    visible = [ch for ch in zero_width if unicodedata.category(ch) != "Cf"]
    if visible:
        raise r.fail("zero_width", f"{visible!r} are not invisible format characters (category Cf)")
    controls = control_characters(r, data["controls"])
    widths = r.mapping(data["fullwidth"], "fullwidth", frozenset({"keep_in_cells", "after_nfkc"}))
    keep = widths["keep_in_cells"]
    if not isinstance(keep, str) or not all(ord(ch) in FULLWIDTH_ASCII for ch in keep):
        raise r.fail("fullwidth.keep_in_cells", "expected a string of full-width ASCII forms (U+FF01-U+FF5E)")
    after_nfkc = r.chars(widths["after_nfkc"], "fullwidth.after_nfkc")
    folded = [ch for ch in after_nfkc if not unicodedata.is_normalized("NFKC", ch)]
    if folded:
        raise r.fail("fullwidth.after_nfkc", f"NFKC already folds {folded!r}; the entry would never apply")
    latex = r.mapping(data["latex"], "latex", frozenset({"commands", "wrappers"}))
    commands = r.mapping(latex["commands"], "latex.commands")
    if not all(isinstance(v, str) for v in commands.values()):
        raise r.fail("latex.commands", "expected command: text (quote an empty text as \"\")")
    units = r.powers(data["amount_units"], "amount_units")
    return TextVocabulary(
        zero_width=zero_width,
        controls=controls,
        keep_in_cells=keep,
        after_nfkc=after_nfkc,
        digit_lookalikes=r.chars(data["digit_lookalikes"], "digit_lookalikes", "0123456789"),
        block_tags=r.words(data["block_tags"], "block_tags"),
        latex_commands=MappingProxyType(dict(commands)),
        latex_wrappers=r.words(latex["wrappers"], "latex.wrappers"),
        numerals=_numerals(r, data["chinese_numerals"]),
        amount_units=units,
        count_units=r.words(data["count_units"], "count_units"),
    )


_DEFAULT: list[TextVocabulary] = []     # the default vocabulary, once loaded (read on hot paths)


def load_text_vocabulary(path: str | Path | None = None) -> TextVocabulary:
    """The vocabulary from `path` (default: schemas/text.yaml), validated; cached per path."""
    if path is None:
        if not _DEFAULT:
            _DEFAULT.append(_load_cached(str(TEXT_YAML)))
        return _DEFAULT[0]
    return _load_cached(str(path))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> TextVocabulary:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SchemaError(path, "<file>", f"not valid YAML: {exc}") from None
    return text_vocabulary_from_dict(data, path)
