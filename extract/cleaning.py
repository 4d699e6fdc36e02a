"""Clean one cell of OCR text: markup out, LaTeX unwrapped, widths folded, breaks joined.

Each function takes a string and gives a string; `clean_cell` applies them in order.
The raw text is kept elsewhere (Cell.raw); this only produces Cell.text. Widths fold by
the cell-cleaning policy of formex.schemas.text_policy, which says why it keeps Chinese
punctuation; tags and LaTeX commands come from schemas/text.yaml.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from formex.schemas.text_policy import clean_plain_text, collapse_spaces, fold_cell_text, join_cjk_breaks, load_text_vocabulary

__all__ = ["clean_cell", "collapse_spaces", "fold_widths", "join_cjk_breaks", "normalize_newlines", "strip_html",
           "unwrap_latex"]


@lru_cache(maxsize=1)
def _rules() -> dict:
    vocab = load_text_vocabulary()
    tags = "|".join(vocab.block_tags)
    commands = vocab.latex_commands
    wrappers = "|".join(vocab.latex_wrappers)
    return {
        # `[^<>]`, not `[^>]`: an unclosed `<p ` would otherwise scan to the end from each
        # one (quadratic); a tag never holds a raw `<`
        "block_tag": re.compile(rf"</?(?:{tags})\b[^<>]*>", re.I),
        "any_tag": re.compile(r"</?[a-zA-Z][^<>]*>"),
        "math": re.compile(r"\$([^$]*)\$"),
        "wrapper": re.compile(rf"\\(?:{wrappers})\s*\{{([^{{}}]*)\}}"),
        "command": re.compile(r"\\(" + "|".join(sorted((re.escape(c) for c in commands), key=len, reverse=True)) + r")(?![a-zA-Z])"),
        "commands": commands,
    }


def normalize_newlines(text: str) -> str:
    r"""
    >>> normalize_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_html(text: str) -> str:
    """Block tags become line breaks, other tags go, entities are decoded (twice, for
    double-escaped text).

    >>> strip_html("<p>1. 甲；</p> <p>2. 乙</p>")
    '1. 甲；\\n \\n2. 乙'
    >>> strip_html("<b>预算情况</b> &amp;ge;90%")
    '预算情况 ≥90%'
    """
    rules = _rules()
    text = rules["block_tag"].sub("\n", text)
    text = rules["any_tag"].sub("", text)
    return html.unescape(html.unescape(text)).strip("\n")


def unwrap_latex(text: str) -> str:
    r"""Replace inline `$...$` math by the plain text it shows.

    >>> unwrap_latex(r"$\geq 95.00(\%)$")
    '≥95.00(%)'
    >>> unwrap_latex(r"$=150000.00(\text{人次})$")
    '=150000.00(人次)'
    """
    if "\\" not in text and "$" not in text:
        return text
    rules = _rules()

    def plain(math: str) -> str:
        math = rules["wrapper"].sub(r"\1", math)
        math = rules["command"].sub(lambda m: rules["commands"][m.group(1)], math)
        return math.replace("{", "").replace("}", "").replace(" ", "")

    text = rules["math"].sub(lambda m: plain(m.group(1)), text)
    if "\\" in text:  # LaTeX without dollars, e.g. `\geq 95\%`
        text = plain(text) if rules["command"].search(text) or rules["wrapper"].search(text) else text
    return text


def fold_widths(text: str) -> str:
    """Fold full-width ASCII to ASCII (keeping Chinese punctuation) and drop zero-width
    characters: the cell-cleaning policy.

    >>> fold_widths("≥９５．００（％），共\u200b１人")
    '≥95.00（%），共1人'
    """
    return fold_cell_text(text)




def clean_cell(raw: str) -> str:
    """The cleaned text of one cell.

    >>> clean_cell("<b>预算情况</b>")
    '预算情况'
    >>> clean_cell(r"$> 90.00(\\%)$")
    '>90.00(%)'
    """
    text = strip_html(raw) if "<" in raw or "&" in raw else raw
    return clean_plain_text(unwrap_latex(text))
