"""A contract column's value as text (a CSV cell), as JSON (the overrides file) and as
the Python value its rows hold, converted by the column's Arrow type.

>>> parse_column_text("forms", "budget_total", "1,200.5")
'1200.50'
>>> json_to_value("forms", "budget_total", "1200.50")
Decimal('1200.50')
>>> parse_column_text("indicators", "target_deadline", "2026-12-31"), parse_column_text("forms", "staff_count", "")
('2026-12-31', None)
>>> value_to_text(95.0), value_to_text(None)
('95', '')
"""
from __future__ import annotations

import datetime
import math
from decimal import Decimal, InvalidOperation

import pyarrow as pa

from formex.schemas.tables import TABLE_SCHEMAS


def column_type(table: str, column: str) -> pa.DataType:
    return TABLE_SCHEMAS[table].field(column).type


def parse_column_text(table: str, column: str, text: str) -> object:
    """A cell's text as the column's JSON value; "" is null. Raises ValueError saying
    what the column expects."""
    text = text.strip()
    if text == "":
        return None
    typ = column_type(table, column)
    try:
        if pa.types.is_string(typ):
            return text
        if pa.types.is_floating(typ):
            value = float(text.replace(",", ""))
            if not math.isfinite(value):
                raise ValueError
            return value
        if pa.types.is_integer(typ):
            return int(text.replace(",", ""))
        if pa.types.is_decimal(typ):
            amount = Decimal(text.replace(",", "")).quantize(Decimal(1).scaleb(-typ.scale))
            if len(amount.as_tuple().digits) > typ.precision:
                raise ValueError
            return str(amount)
        if pa.types.is_date(typ):
            return datetime.date.fromisoformat(text).isoformat()
    except (ValueError, InvalidOperation):
        raise ValueError(f"{column} expects {type_words(typ)}, not {text!r}") from None
    raise ValueError(f"{column} cannot be corrected by text")


def type_words(typ: pa.DataType) -> str:
    if pa.types.is_floating(typ):
        return "a number"
    if pa.types.is_integer(typ):
        return "a whole number"
    if pa.types.is_decimal(typ):
        return "an amount in 元 (two decimals at most)"
    if pa.types.is_date(typ):
        return "a date (YYYY-MM-DD)"
    return "text"


def json_to_value(table: str, column: str, value: object) -> object:
    """A JSON value (from the overrides file) as the Python value of the column's rows."""
    if value is None:
        return None
    typ = column_type(table, column)
    if pa.types.is_decimal(typ):
        return Decimal(str(value))
    if pa.types.is_date(typ):
        return datetime.date.fromisoformat(str(value))
    if pa.types.is_floating(typ):
        return float(value)
    if pa.types.is_integer(typ):
        return int(value)
    return str(value)


def value_to_text(value: object) -> str:
    """A row's value as a CSV cell: "" for null, 95 for 95.0, dates in ISO form."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
