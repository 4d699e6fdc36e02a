"""A spreadsheet cell's value as the sheet displays it, from its number format.

Covers what forms use: General, fixed decimals, thousands separators, percentages,
literal text around the number (`0.00"万元"`), sections for negatives and zero, and
scaling by trailing commas (`#,##0,`), escaped literals (`0!.0000"万元"`), scientific
notation (`0.00E+00`), and dates and times (`yyyy"年"m"月"d"日"`, `yyyy-mm-dd`, `h:mm`).
Numbers round half away from zero, as Excel does. Colours, conditions, locale codes,
padding (`_)`) and fills (`*`) change nothing a reader needs and are dropped. Anything
else (fractions, digits laid around text) falls back to General, marked not understood.

`format_value` also gives the value in full: a reader that only took the display would
read 10596.35 formatted `#,##0` as 10,596.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# no `[` inside a bracket: an unclosed `[` repeated would otherwise rescan to the end from each
BRACKETS = re.compile(r"\[(?:\$([^\[\]-]*)[^\[\]]*|[^\[\]]*)\]")
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
    """(is_literal, text) pieces: quoted text, `\\` and `!` escapes, and the rest."""
    pieces, i, buffer = [], 0, ""
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            pieces += [(False, buffer), (True, section[i + 1:end])]
            buffer, i = "", end + 1
        elif ch in "\\!" and i + 1 < len(section):
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
    """The section for the value, and the value it formats (a negative's own section
    shows its sign as literal text)."""
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


@dataclass(frozen=True)
class Formatted:
    """A number as the sheet shows it (`shown`), the same in full (`exact`: every digit
    of the stored value, with the format's literal text, percent and scale), and whether
    the format was understood (when not, both are General)."""

    shown: str
    exact: str
    understood: bool = True

    @property
    def lossy(self) -> bool:
        return self.shown != self.exact


def stored_decimal(value: float | int) -> Decimal:
    """The stored value as Excel keeps it: 15 significant digits.

    >>> stored_decimal(0.1 + 0.2), stored_decimal(10596.35), stored_decimal(7)
    (Decimal('0.3'), Decimal('10596.35'), Decimal('7'))
    """
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{float(value):.15g}")


def plain(number: Decimal, decimals: int, thousands: bool) -> str:
    number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format(number, f"{',' if thousands else ''}.{decimals}f")


def digits_after_point(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def general_formatted(value: float | int, understood: bool = True) -> Formatted:
    shown = general(value)
    if isinstance(value, bool) or not math.isfinite(float(value)):
        return Formatted(shown, shown, understood)
    number = stored_decimal(value)
    try:
        same = Decimal(shown) == number
    except ArithmeticError:
        same = True
    exact = shown if same else format(number.normalize(), "f")
    return Formatted(shown, exact, understood)


PLACEHOLDER = "0#?"


def merge_literal_points(pieces: list[tuple[bool, str]]) -> tuple[list[tuple[bool, str]], int]:
    """A literal point between digits (`0!.0000`, `0"."0000`) moves the decimal point:
    Excel lays the rounded integer's digits around it, which reads as the value divided
    by ten per digit after it. Returns the pieces with the point made a real one, and
    that power of ten."""
    if any("." in text for lit, text in pieces if not lit):
        return pieces, 0
    for k in range(1, len(pieces) - 1):
        (lit_a, before), (lit, point), (lit_b, after) = pieces[k - 1:k + 2]
        if lit and point == "." and not lit_a and not lit_b and before[-1:] in PLACEHOLDER \
                and before and after[:1] in PLACEHOLDER and after:
            run = re.match(r"[0#?]+", after).group(0)
            merged = (False, before + "." + after)
            return pieces[:k - 1] + [merged] + pieces[k + 2:], len(run)
    return pieces, 0


def format_value(value: float | int, fmt: str | None) -> Formatted:
    """
    >>> format_value(10596.35, "#,##0")
    Formatted(shown='10,596', exact='10,596.35', understood=True)
    >>> format_value(12345678, '0!.0000"万元"')
    Formatted(shown='1234.5678万元', exact='1234.5678万元', understood=True)
    >>> format_value(3, "# ?/?")
    Formatted(shown='3', exact='3', understood=False)
    """
    if not fmt or fmt.lower() in ("general", "@") or isinstance(value, bool):
        return general_formatted(value)
    if not math.isfinite(float(value)):
        return general_formatted(value)
    section, _ = pick_section(fmt, value)
    negative_section = value < 0 and len(split_sections(fmt)) >= 2
    number = stored_decimal(value)
    if negative_section:
        number = abs(number)
    pieces = split_literals(clean_section(section))
    code = "".join(text for lit, text in pieces if not lit)
    if not re.search(r"[0#?]", code):
        if not code.strip():       # a section of literal text only (`"-"` for zero)
            text = "".join(text for _, text in pieces)
            return Formatted(text, text)
        return general_formatted(value, understood=False)
    if "/" in code:
        return general_formatted(value, understood=False)
    pieces, shift = merge_literal_points(pieces)
    number = number.scaleb(-shift)
    if sum(bool(re.search(r"[0#?]", text)) for lit, text in pieces if not lit) > 1:
        return general_formatted(value, understood=False)  # digits laid around text
    code = "".join(text for lit, text in pieces if not lit)
    region = re.search(r"[0#?][0#?,.]*(?:[eE][+-][0#?]+)?,*", code)
    if region is None or re.search(r"[0#?]", code[region.end():]):
        return general_formatted(value, understood=False)  # digits in two places
    number_code = region.group(0)
    number *= Decimal(100) ** code.count("%")
    scientific = re.search(r"[eE]([+-])([0#?]+)", number_code)
    if scientific:
        shown, exact = scientific_text(number, number_code[:scientific.start()],
                                       scientific.group(1), len(scientific.group(2)))
    else:
        body = number_code.rstrip(",")
        integer_part = body.split(".", 1)[0]
        scale = (len(number_code) - len(body)) + (len(integer_part) - len(integer_part.rstrip(",")))
        number = number.scaleb(-3 * scale)
        decimals_part = body.split(".", 1)[1] if "." in body else ""
        decimals = len(re.findall(r"[0#?]", decimals_part))
        thousands = bool(re.search(r"[0#?],+[0#?]", integer_part))
        shown = plain(number, decimals, thousands)
        exact = plain(number, max(decimals, digits_after_point(number)), thousands)
        if decimals and "0" not in decimals_part:  # `#.##`: trailing zeros are not shown
            shown = shown.rstrip("0").rstrip(".")
            exact = exact.rstrip("0").rstrip(".") if "." in exact else exact
        elif "." in exact and len(exact.split(".")[1]) > decimals:
            exact = exact.rstrip("0")
    return Formatted(place(pieces, shown), place(pieces, exact))


def scientific_text(number: Decimal, mantissa_code: str, sign: str, exponent_digits: int) -> tuple[str, str]:
    integer_digits = max(1, len(re.findall(r"[0#?]", mantissa_code.split(".", 1)[0])))
    decimals = len(re.findall(r"[0#?]", mantissa_code.split(".", 1)[1])) if "." in mantissa_code else 0
    exponent = (number.adjusted() if number else 0) - (integer_digits - 1)
    mantissa = number.scaleb(-exponent)
    rounded, shown_exponent = mantissa.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), exponent
    if abs(rounded) >= Decimal(10) ** integer_digits:   # 9.99 -> 10.0: one more power
        shown_exponent += 1
        rounded = number.scaleb(-shown_exponent).quantize(Decimal(1).scaleb(-decimals),
                                                          rounding=ROUND_HALF_UP)

    def text(m: Decimal, places: int, power: int) -> str:
        mark = "-" if power < 0 else ("+" if sign == "+" else "")
        return f"{plain(m, places, False)}E{mark}{abs(power):0{exponent_digits}d}"

    return (text(rounded, decimals, shown_exponent),
            text(mantissa, max(decimals, digits_after_point(mantissa)), exponent))


def place(pieces: list[tuple[bool, str]], text: str) -> str:
    out, placed = [], False
    for lit, piece in pieces:
        if lit:
            out.append(piece)
            continue
        match = re.search(r"[0#?][0#?,.]*(?:[eE][+-][0#?]+)?,*", piece)
        if match and not placed:
            prefix, suffix = piece[:match.start()], piece[match.end():]
            out += [prefix.replace("%", ""), text, suffix]
            placed = True
        else:
            out.append(re.sub(r"[0#?,.]", "", piece))
    return "".join(out).strip()


def format_number(value: float | int, fmt: str | None) -> str:
    """The number as the sheet displays it: Excel rounds half away from zero.

    >>> format_number(1, "0%"), format_number(0.955, "0.0%"), format_number(234962720, "#,##0.00")
    ('100%', '95.5%', '234,962,720.00')
    >>> format_number(12.5, '0.00"万元"'), format_number(-3, "0.00;[Red]-0.00"), format_number(7, "@")
    ('12.50万元', '-3.00', '7')
    >>> format_number(3, "General"), format_number(0, '0;-0;"-"')
    ('3', '-')
    """
    return format_value(value, fmt).shown


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
