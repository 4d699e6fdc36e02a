"""A spreadsheet cell's value as the sheet displays it, from its number format.

Covers what forms use: General, fixed decimals, thousands separators, percentages,
literal text around the number (`0.00"万元"`), sections for negatives and zero, and
dates and times (`yyyy"年"m"月"d"日"`, `yyyy-mm-dd`, `h:mm`). Colours, conditions,
locale codes, padding (`_)`) and fills (`*`) change nothing a reader needs and are
dropped. Anything else falls back to General.
"""
from __future__ import annotations

import datetime as dt
import re

BRACKETS = re.compile(r"\[(?:\$([^\]-]*)[^\]]*|[^\]]*)\]")
DATE_TOKENS = re.compile(r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\.0+", re.I)
MONTHS = ("January February March April May June July August September October November "
          "December").split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def general(value: float | int) -> str:
    """Excel's General format: integers as integers, at most 10 significant digits.

    >>> general(13), general(13.0), general(0.1 + 0.2), general(234962720.0)
    ('13', '13', '0.3', '234962720')
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    return text if "e" not in text else f"{value:.6E}".replace("E+0", "E+").replace("E-0", "E-")


def split_literals(section: str) -> list[tuple[bool, str]]:
    """(is_literal, text) pieces: quoted text, backslash escapes, and the rest."""
    pieces, i, buffer = [], 0, ""
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            pieces += [(False, buffer), (True, section[i + 1:end])]
            buffer, i = "", end + 1
        elif ch == "\\" and i + 1 < len(section):
            pieces += [(False, buffer), (True, section[i + 1])]
            buffer, i = "", i + 2
        elif ch in "_*" and i + 1 < len(section):
            i += 2      # padding to a character's width, or a fill: nothing to read
        else:
            buffer += ch
            i += 1
    pieces.append((False, buffer))
    return [(lit, text) for lit, text in pieces if text]


def clean_section(section: str) -> str:
    """Drop colours and conditions; keep a currency symbol (`[$¥-804]` -> ¥)."""
    return BRACKETS.sub(lambda m: m.group(1) or "", section)


def pick_section(fmt: str, value: float) -> tuple[str, float]:
    sections = split_sections(fmt)
    if value < 0 and len(sections) >= 2:
        return sections[1], abs(value)
    if value == 0 and len(sections) >= 3:
        return sections[2], value
    return sections[0], value


def split_sections(fmt: str) -> list[str]:
    out, buffer, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(buffer)
            buffer = ""
        else:
            buffer += ch
    out.append(buffer)
    return out


def format_number(value: float | int, fmt: str | None) -> str:
    """
    >>> format_number(1, "0%"), format_number(0.955, "0.0%"), format_number(234962720, "#,##0.00")
    ('100%', '95.5%', '234,962,720.00')
    >>> format_number(12.5, '0.00"万元"'), format_number(-3, "0.00;[Red]-0.00"), format_number(7, "@")
    ('12.50万元', '-3.00', '7')
    >>> format_number(3, "General"), format_number(0, '0;-0;"-"')
    ('3', '-')
    """
    if not fmt or fmt.lower() in ("general", "@") or isinstance(value, bool):
        return general(value)
    section, number = pick_section(fmt, value)
    pieces = split_literals(clean_section(section))
    code = "".join(text for lit, text in pieces if not lit)
    if not re.search(r"[0#?]", code):
        if not code.strip():       # a section of literal text only (`"-"` for zero)
            return "".join(text for _, text in pieces)
        return general(value)
    if re.search(r"[eE][+-]|/", code):
        return general(value)
    number *= 100 ** code.count("%")
    decimals_part = code.split(".", 1)[1] if "." in code else ""
    decimals = len(re.findall(r"[0#?]", decimals_part))
    thousands = bool(re.search(r"[0#?],[0#?]", code))
    text = f"{number:,.{decimals}f}" if thousands else f"{number:.{decimals}f}"
    if decimals and "0" not in decimals_part:  # `#.##`: trailing zeros are not shown
        text = text.rstrip("0").rstrip(".")
    out, placed = [], False
    for lit, piece in pieces:
        if lit:
            out.append(piece)
            continue
        match = re.search(r"[0#?][0#?,.]*", piece)
        if match and not placed:
            prefix, suffix = piece[:match.start()], piece[match.end():]
            out += [prefix.replace("%", ""), text, suffix]
            placed = True
        else:
            out.append(re.sub(r"[0#?,.]", "", piece))
    return "".join(out).strip()


def format_date(value: dt.datetime | dt.date | dt.time, fmt: str | None) -> str:
    """
    >>> format_date(dt.datetime(2023, 12, 31), 'yyyy"年"m"月"d"日"'), format_date(dt.datetime(2023, 1, 5), "mm-dd-yy")
    ('2023年12月31日', '2023-01-05')
    >>> format_date(dt.datetime(2023, 1, 5, 9, 30), "yyyy/m/d h:mm")
    '2023/1/5 9:30'
    """
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1900, 1, 1), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    section = clean_section(split_sections(fmt or "")[0]) if fmt else ""
    if not section or section.lower() in ("mm-dd-yy", "general", "m/d/yy", "d-mmm-yy"):
        return value.strftime("%Y-%m-%d") if not (value.hour or value.minute) else \
            value.strftime("%Y-%m-%d %H:%M")
    out = []
    pieces = split_literals(section)
    flat: list[tuple[bool, str]] = []
    for lit, text in pieces:
        if lit:
            flat.append((True, text))
            continue
        last = 0
        for m in DATE_TOKENS.finditer(text):
            if m.start() > last:
                flat.append((True, text[last:m.start()]))
            flat.append((False, m.group(0)))
            last = m.end()
        if last < len(text):
            flat.append((True, text[last:]))
    for k, (lit, tok) in enumerate(flat):
        if lit:
            out.append(tok)
            continue
        low = tok.lower()
        neighbours = [t.lower() for l, t in flat[max(0, k - 2):k + 3] if not l and t is not tok]
        minute = low in ("m", "mm") and any(n.startswith(("h", "s")) for n in neighbours)
        out.append(date_token(value, low, minute))
    return "".join(out)


def date_token(value: dt.datetime, token: str, minute: bool) -> str:
    if token == "yyyy":
        return f"{value.year:04d}"
    if token == "yy":
        return f"{value.year % 100:02d}"
    if token in ("m", "mm"):
        number = value.minute if minute else value.month
        return f"{number:02d}" if token == "mm" else str(number)
    if token == "mmm":
        return MONTHS[value.month - 1][:3]
    if token in ("mmmm", "mmmmm"):
        return MONTHS[value.month - 1]
    if token == "d":
        return str(value.day)
    if token == "dd":
        return f"{value.day:02d}"
    if token == "ddd":
        return DAYS[value.weekday()][:3]
    if token == "dddd":
        return DAYS[value.weekday()]
    if token in ("h", "hh"):
        return f"{value.hour:02d}" if token == "hh" else str(value.hour)
    if token in ("s", "ss"):
        return f"{value.second:02d}" if token == "ss" else str(value.second)
    if token in ("am/pm", "a/p"):
        return "AM" if value.hour < 12 else "PM"
    return ""
