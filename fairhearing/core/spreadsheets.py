"""Values written into files people open in a spreadsheet (CSV and Excel exports, report tables).

A cell beginning with =, +, -, @, a tab or a carriage return is run as a formula by Excel and its
kind ("CSV injection"), so free text a member of the public typed could run on a council
officer's machine. Such strings are made inert with a leading single quote; numbers, dates and
other values are left alone, so -3 stays a number.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value, with a string a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
