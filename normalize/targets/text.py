"""Clean a target cell before parsing: markup, LaTeX, full-width forms, OCR look-alikes.

`clean_target_text` is the first stage of the target parser and the source of the
`target_text` column. Every repair it makes is reported as a flag (docs/targets.md, noise
catalogue). The steps run in this order, each one a small function below:

1. `unescape_html`        &ge; &#8805; &amp;ge; (double escaped) -> ≥
2. `fold_width`           the number-reading policy (formex.schemas.text_policy): NFKC
                          (＞＝９５％ -> >=95%), then 〜 ∶ which NFKC keeps
3. `drop_invisible`       zero-width, control characters, lone surrogates
4. `collapse_whitespace`  line breaks and spaces go; a space inside a number goes too
                          (9 5 -> 95, 1 000 -> 1000); other spaces between digits stay
5. `unwrap_latex`         $...$, \\text{人次}, \\geq, \\%
6. `fold_op_variants`     >= => <= =< ≥= -> ≥ ≤
7. `fix_digit_lookalikes` 95.OO -> 95.00 (only inside a run holding a real digit)
8. `drop_thousands_sep`   1,000 -> 1000
9. `strip_wrapping`       ≥95%| -> ≥95%, (≥95%) -> ≥95%
10. `close_paren`         ≥95.00(% -> ≥95.00(%)

The result is stable: cleaning a cleaned text changes nothing (a property test checks it).

>>> clean_target_text("$\\\\geq 95.00(\\\\%)$")
CleanedText(text='≥95.00(%)', flags=('latex',))
>>> clean_target_text("＞＝９５％")
CleanedText(text='≥95%', flags=('fullwidth', 'op_variant'))
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from formex.normalize.targets.numerals import alternation
from formex.schemas.target_lexicon import TargetLexicon, load_target_lexicon
from formex.schemas.text_policy import fold_number_text, load_text_vocabulary

MAX_PASSES = 4


class CleanedText(NamedTuple):
    text: str
    flags: tuple[str, ...]


class _CleanPatterns(NamedTuple):
    needs_work: re.Pattern
    invisible: re.Pattern
    latex_wrapper: re.Pattern
    latex_command: re.Pattern
    latex_commands: dict
    op_variant: re.Pattern
    op_variants: dict
    lookalike_char: re.Pattern
    lookalike_run: re.Pattern
    lookalike_table: dict
    stray_marks: str
    wrapping_pairs: dict


_PERCENT = ("%", "‰")
_FULLWIDTH = re.compile("[\u3000\uff01-\uff5e\uffe0-\uffe6]")
_WHITESPACE = re.compile(r"\s+")
_MATH_SPAN = re.compile(r"\$[^$]*\$")
_COMMAND_SPACE = re.compile(r"\\[A-Za-z]+\s+")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
_DIGIT_COMMA = re.compile(r"\d,\d")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?: \d{3})+(?![\d.])")     # 1 000 000
_SPLIT_DIGIT = re.compile(r"(?<![\d.])(\d) (?=\d(?!\d))")                  # 9 5: one digit split off


@lru_cache(maxsize=4)
def clean_patterns(lexicon: TargetLexicon | None = None) -> _CleanPatterns:
    lex = lexicon or load_target_lexicon()
    shared = load_text_vocabulary()          # zero-width, LaTeX, look-alikes: schemas/text.yaml
    invisible = "".join(re.escape(ch) for ch in shared.zero_width)
    wrappers = alternation(shared.latex_wrappers)
    commands = sorted(shared.latex_commands, key=lambda c: (-len(c), c))
    letters = [c for c in commands if c.isalpha()]
    others = "".join(re.escape(c) for c in commands if not c.isalpha())
    lookalikes = "".join(re.escape(ch) for ch in shared.digit_lookalikes)
    invisible_class = (f"\\x00-\\x08\\x0e-\\x1b\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069"
                       f"\\ud800-\\udfff{invisible}")
    folds = "".join(re.escape(ch) for ch in shared.after_nfkc)
    return _CleanPatterns(
        # any character or sequence that some step below would change
        needs_work=re.compile(f"[&\\\\$\\s{invisible_class}{folds}{lookalikes}\\u3000\\uff01-\\uff5e]|\\d,\\d|"
                              f"{alternation(lex.symbol_variants)}"),
        invisible=re.compile(f"[{invisible_class}]"),
        latex_wrapper=re.compile(f"\\\\(?:{wrappers})\\{{([^{{}}]*)\\}}"),
        latex_command=re.compile(f"\\\\(?:({'|'.join(letters)})(?![A-Za-z])|([{others}]))"),
        latex_commands=dict(shared.latex_commands),
        op_variant=re.compile(alternation(lex.symbol_variants)),
        op_variants=dict(lex.symbol_variants),
        lookalike_char=re.compile(f"[{lookalikes}]"),
        # maximal runs only: `lookalike_spans` picks the digit-bearing part in one pass (the
        # single regex `(?<![A-Za-z])[0-9.L]*[0-9][0-9.L]*(?![A-Za-z])` it replaces
        # backtracks over every start of a long run without a digit: quadratic)
        lookalike_run=re.compile(f"[0-9.{lookalikes}]+"),
        lookalike_table=str.maketrans(dict(shared.digit_lookalikes)),
        stray_marks="".join(lex.stray_marks),
        wrapping_pairs=dict(lex.wrapping_pairs),
    )


def unescape_html(text: str, flags: set[str]) -> str:
    """Undo HTML escaping, as often as it was applied.

    >>> unescape_html("&amp;ge;90%", set())
    '≥90%'
    """
    if "&" not in text:
        return text
    for _ in range(MAX_PASSES):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        flags.add("html_entity")
        text = unescaped
    return text


def fold_width(text: str, flags: set[str]) -> str:
    """The number-reading policy: NFKC (full-width digits, ％, （）, ；), then the marks NFKC
    keeps (〜 -> ~); flagged when full-width forms were folded.

    >>> fold_width("=100.00（%）", set())
    '=100.00(%)'
    """
    if text.isascii():
        return text
    if _FULLWIDTH.search(text):
        flags.add("fullwidth")
    return fold_number_text(text)


def drop_invisible(text: str, pat: _CleanPatterns) -> str:
    r"""Remove zero-width and control characters (tabs and line breaks stay: they are whitespace).

    >>> drop_invisible("9\u200b5%\x00", clean_patterns())
    '95%'
    """
    return pat.invisible.sub("", text)


def collapse_whitespace(text: str, flags: set[str]) -> str:
    """Remove whitespace, keeping one space between two digits unless it sits inside one
    number: thousands groups (`1 000`, like `1,000`) or a single digit split off (`9 5`).

    Whitespace that LaTeX ignores (inside $...$ or after a command) is not flagged.

    >>> collapse_whitespace("≥ 100.00 ( 件 )", set())
    '≥100.00(件)'
    >>> collapse_whitespace("9 5%", set()), collapse_whitespace("1 000人", set()), collapse_whitespace("95 10", set())
    ('95%', '1000人', '95 10')
    """
    text = text.strip()
    if not _WHITESPACE.search(text):
        return text
    outside_math = _COMMAND_SPACE.sub("", _MATH_SPAN.sub("", text))
    if _WHITESPACE.search(outside_math.strip()):
        flags.add("whitespace")
    text = _WHITESPACE.sub(_space_or_nothing, text)
    if " " not in text:
        return text
    joined = _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", ""), text)
    if joined != text:
        flags.add("thousands_sep")
    return _SPLIT_DIGIT.sub(r"\1", joined)


def _space_or_nothing(m: re.Match) -> str:
    s, start, end = m.string, m.start(), m.end()
    return " " if 0 < start and end < len(s) and s[start - 1].isdigit() and s[end].isdigit() else ""


def unwrap_latex(text: str, flags: set[str], pat: _CleanPatterns) -> str:
    r"""Strip inline LaTeX: `$`, `\text{..}` wrappers, `\geq`-style commands, `\%`.

    >>> unwrap_latex(r"$=150000.00(\text{人次})$", set(), clean_patterns())
    '=150000.00(人次)'
    """
    if "\\" not in text and "$" not in text:
        return text
    before = text
    for _ in range(2):                              # \text{\mathrm{..}} nests at most twice in practice
        text = pat.latex_wrapper.sub(r"\1", text)
    text = text.replace("$", "")
    text = pat.latex_command.sub(lambda m: pat.latex_commands[m.group(1) or m.group(2)], text)
    if text != before:
        flags.add("latex")
        text = text.replace("{", "").replace("}", "")
    return text


def fold_op_variants(text: str, flags: set[str], pat: _CleanPatterns) -> str:
    """`>=`, `=>`, `≧` ... -> `≥`; `<=`, `=<`, `≦` ... -> `≤`.

    >>> fold_op_variants("=<5%", set(), clean_patterns())
    '≤5%'
    """
    folded = pat.op_variant.sub(lambda m: pat.op_variants[m.group()], text)
    if folded != text:
        flags.add("op_variant")
    return folded


def fix_digit_lookalikes(text: str, flags: set[str], pat: _CleanPatterns) -> str:
    """O/o/〇 -> 0 and l/I -> 1, only inside a run that holds a real digit. A final `l`
    after a digit is the unit L (≥5l), unless a percent sign follows (9l% -> 91%).

    >>> pat = clean_patterns()
    >>> fix_digit_lookalikes("95.OO%", set(), pat), fix_digit_lookalikes("ISO9001", set(), pat)
    ('95.00%', 'ISO9001')
    >>> fix_digit_lookalikes("≥5l", set(), pat), fix_digit_lookalikes("≥9l%", set(), pat)
    ('≥5l', '≥91%')
    """
    if not pat.lookalike_char.search(text):
        return text
    parts, done = [], 0
    for start, end in lookalike_spans(text, pat):
        parts += [text[done:start], _fix_run(text, start, end, pat)]
        done = end
    fixed = "".join(parts) + text[done:]
    if fixed != text:
        flags.add("digit_lookalike")
    return fixed


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def lookalike_spans(text: str, pat: _CleanPatterns):
    """The spans a run of digits, dots and look-alikes may be repaired in: the leftmost
    start not right after an ASCII letter from which a digit follows, to the farthest end
    not right before one. Linear: each maximal run is walked twice.

    >>> list(lookalike_spans("ISO9001 95.OO% a〇〇〇", clean_patterns()))
    [(4, 7), (8, 13)]
    """
    for run in pat.lookalike_run.finditer(text):
        a, b = run.span()
        if b == len(text) or not _is_ascii_letter(text[b]):
            end = b
        else:   # the farthest end inside the run that a letter does not follow
            end = next((e for e in range(b - 1, a, -1) if not _is_ascii_letter(text[e])), None)
            if end is None:
                continue
        next_digit, digit_at = None, [None] * (b - a)
        for i in range(b - 1, a - 1, -1):
            if "0" <= text[i] <= "9":
                next_digit = i
            digit_at[i - a] = next_digit
        for start in range(a, end):
            if start > 0 and _is_ascii_letter(text[start - 1]):
                continue
            digit = digit_at[start - a]
            if digit is not None and digit < end:
                yield start, end
            break   # a later start has no nearer digit


def _fix_run(text: str, start: int, end: int, pat: _CleanPatterns) -> str:
    run = text[start:end]
    if len(run) > 1 and run[-1] == "l" and run[-2].isdigit() and text[end:end + 1] not in _PERCENT:
        return run[:-1].translate(pat.lookalike_table) + "l"
    return run.translate(pat.lookalike_table)


def drop_thousands_sep(text: str, flags: set[str]) -> str:
    """1,000,000 -> 1000000 (groups of exactly three digits only).

    >>> drop_thousands_sep("≥1,000人", set()), drop_thousands_sep("≥95%,≤100%", set())
    ('≥1000人', '≥95%,≤100%')
    """
    if "," not in text or not _DIGIT_COMMA.search(text):      # the quick scan first: prose has commas
        return text
    fixed = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)
    if fixed != text:
        flags.add("thousands_sep")
    return fixed


def strip_wrapping(text: str, flags: set[str], pat: _CleanPatterns) -> str:
    """Drop stray table rules at either end (`≥95%|`) and a pair wrapping the whole cell
    (`(≥95%)`, `“≥95%”`), as long as the pair really encloses all of it.

    >>> pat = clean_patterns()
    >>> strip_wrapping("|≥95%|", set(), pat), strip_wrapping("(≥95%)", set(), pat), strip_wrapping("(1)(2)", set(), pat)
    ('≥95%', '≥95%', '(1)(2)')
    """
    stripped = text.strip(pat.stray_marks)
    if stripped != text:
        flags.add("stray_mark")
        text = stripped
    while len(text) > 2 and pat.wrapping_pairs.get(text[0]) == text[-1] and _encloses(text):
        flags.add("wrapped")
        text = text[1:-1]
    return text


def _encloses(text: str) -> bool:
    """True when the opening character's pair closes only at the very end."""
    opener, closer = text[0], text[-1]
    if opener == closer:
        return opener not in text[1:-1]
    depth = 0
    for ch in text[1:-1]:
        depth += (ch == opener) - (ch == closer)
        if depth < 0:
            return False
    return depth == 0


def close_paren(text: str, flags: set[str]) -> str:
    """Close a single parenthesis left open at the end of the cell.

    >>> close_paren("≥95.00(%", set())
    '≥95.00(%)'
    """
    if "(" in text and text.count("(") == text.count(")") + 1 and text.rfind("(") > text.rfind(")"):
        flags.add("unbalanced_paren")
        return text + ")"
    return text


def _clean_once(text: str, flags: set[str], pat: _CleanPatterns) -> str:
    text = unescape_html(text, flags)
    text = fold_width(text, flags)
    text = drop_invisible(text, pat)
    text = collapse_whitespace(text, flags)
    text = unwrap_latex(text, flags, pat)
    text = fold_op_variants(text, flags, pat)
    text = fix_digit_lookalikes(text, flags, pat)
    text = drop_thousands_sep(text, flags)
    text = strip_wrapping(text, flags, pat)
    return close_paren(text, flags)


def clean_target_text(raw: str, lexicon: TargetLexicon | None = None) -> CleanedText:
    """The cleaned text of a target cell and the repairs made, as sorted flags.

    >>> clean_target_text("> =95%")
    CleanedText(text='≥95%', flags=('op_variant', 'whitespace'))
    """
    pat = clean_patterns(lexicon)
    flags: set[str] = set()
    text = raw
    for _ in range(MAX_PASSES):                      # to a fixed point: one step can expose work
        if is_clean(text, pat):                      # for another (`&l$t;` -> `&lt;` -> `<`)
            break
        again = _clean_once(text, flags, pat)
        if again == text:
            break
        text = again
    return CleanedText(close_paren(text, flags), tuple(sorted(flags)))


def is_clean(text: str, pat: _CleanPatterns) -> bool:
    """True when no cleaning step would change `text` (the common case, checked in one scan)."""
    if text and (text[0] in pat.wrapping_pairs or text[0] in pat.stray_marks or text[-1] in pat.stray_marks):
        return False
    return not pat.needs_work.search(text) and (text.isascii() or unicodedata.is_normalized("NFKC", text))
