"""Spreadsheet number formats against what Excel shows, and the full value a reader keeps."""
from __future__ import annotations

import pytest

from formex.extract.number_format import format_number, format_value

SHOWN = [  # value, format, Excel's display
    (2.5, "0", "3"),
    (-2.5, "0", "-3"),
    (0.5, "0", "1"),
    (12345.125, "#,##0.00", "12,345.13"),
    (0.0125, "0.0%", "1.3%"),
    (1.005, "0.00", "1.01"),
    (12345678, "#,##0,", "12,346"),
    (1234567, '0.0,,"M"', "1.2M"),
    (12345678, '0!.0000"万元"', "1234.5678万元"),
    (12345678, '0\\.0000"万元"', "1234.5678万元"),
    (12345, "0.00E+00", "1.23E+04"),
    (0.00012345, "0.00E+00", "1.23E-04"),
    (99999, "0.0E+0", "1.0E+5"),
    (10596.35, "#,##0", "10,596"),
    (-3, "0.00;[Red]-0.00", "-3.00"),
    (0, '0;-0;"-"', "-"),
    (1.5, "#.##", "1.5"),
]


@pytest.mark.parametrize("value, fmt, shown", SHOWN)
def test_format_number_as_excel_shows_it(value, fmt, shown):
    assert format_number(value, fmt) == shown
    assert "!" not in format_value(value, fmt).exact


EXACT = [  # value, format, the full value in the format's form
    (10596.35, "#,##0", "10,596.35"),
    (-10596.35, "#,##0", "-10,596.35"),
    (0.0125, "0.0%", "1.25%"),
    (12345678, "#,##0,", "12,345.678"),
    (12345678.9, '0!.0000"万元"', "1234.56789万元"),
    (12345678, '0!.0000"万元"', "1234.5678万元"),
    (12345, "0.00E+00", "1.2345E+04"),
    (1234567890.12, "General", "1234567890.12"),
    (234962720, "#,##0.00", "234,962,720.00"),
    (0.1 + 0.2, "General", "0.3"),
]


@pytest.mark.parametrize("value, fmt, exact", EXACT)
def test_the_full_value_keeps_every_digit(value, fmt, exact):
    found = format_value(value, fmt)
    assert found.exact == exact
    assert found.lossy == (found.exact != found.shown)


@pytest.mark.parametrize("fmt", ["# ?/?", "000\\-0000", '"x"0"y"0'])
def test_formats_not_understood_fall_back_to_general(fmt):
    found = format_value(12345678, fmt)
    assert (found.shown, found.understood) == ("12345678", False)
