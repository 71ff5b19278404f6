"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP "CSV injection").

Residents' words reach staff exports; Excel and LibreOffice run a cell that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return as a formula. Such text cells get a leading apostrophe, which
spreadsheets read as "this is text"; numbers and empty cells are left as they are.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
