"""HTML from document text: every string a document holds goes through `esc`, which
shows control characters and bidirectional overrides as escapes (`formex.terminal`) and
escapes what HTML would read as markup.

>>> esc('<script>alert("x")</script>&'), esc(None), esc("a\\u202eb")
('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;', '', 'a\\\\u202eb')
>>> element("td", "≥95%", cls="t", title="a'b")
'<td class="t" title="a&#x27;b">≥95%</td>'
"""
from __future__ import annotations

import html
import re
from typing import Any

from formex.terminal import safe_text


def esc(value: Any, *, lines: bool = False) -> str:
    return html.escape(safe_text(value, lines=lines), quote=True)


def element(name: str, text: Any = "", *, raw: str | None = None, **attributes: Any) -> str:
    """`<name attributes>text</name>`; `text` is escaped, `raw` is HTML this module built.
    `cls` is the class; an attribute None is left out; `data_x` becomes `data-x`."""
    parts = [name]
    for key, value in attributes.items():
        if value is None:
            continue
        key = "class" if key == "cls" else key.replace("_", "-")
        parts.append(f'{key}="{esc(value)}"')
    inner = raw if raw is not None else esc(text)
    return f"<{' '.join(parts)}>{inner}</{name}>"


def slug(text: str) -> str:
    """An id for a reference (`line 84` -> `line-84`); not unique by itself.

    >>> slug("Sheet1!D22"), slug("page 3 row 12")
    ('sheet1-d22', 'page-3-row-12')
    """
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-") or "x"


def asset(name: str) -> str:
    """A stylesheet or script shipped beside this module, to inline."""
    from importlib.resources import files

    return files("formex.report_html").joinpath(name).read_text(encoding="utf-8")


def page_html(title: str, heading: str, body: str, *, home: str | None = None, script: bool = False) -> str:
    """A whole page: inline CSS (and script), nothing loaded from anywhere."""
    back = f'<div><a href="{esc(home)}">← batch report</a></div>' if home else ""
    js = f"<script>{asset('report.js')}</script>" if script else ""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            # no request may leave the file: the policy forbids any fetch the page did not inline
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{esc(title)}</title><style>{asset('report.css')}</style></head>"
            f"<body><header class=\"top\">{back}<h1>{heading}</h1></header><main>{body}</main>{js}</body></html>\n")
