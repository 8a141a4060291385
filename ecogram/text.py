"""The one rule for text that people type: which characters a stored text may hold.

The case format's importer, the web forms and the network's own fields all ask
this module, so a file can never bring in what a form would refuse.

- A *line* (a name, a household, a region) holds no control character at all:
  no C0 or C1 control, no DEL, and no Unicode line or paragraph separator, which
  would break a name over two lines in a drawing or a spreadsheet.
- A *text* (a note, a reason, an expertise need) may also hold tabs and line breaks.
"""

from __future__ import annotations

import re

_LINE_BREAKS = "\t\n\r"
_FORBIDDEN = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)]
_FORBIDDEN += ["\u2028", "\u2029"]

_IN_LINE = re.compile("[" + re.escape("".join(_FORBIDDEN)) + "]")
_IN_TEXT = re.compile(
    "[" + re.escape("".join(c for c in _FORBIDDEN if c not in _LINE_BREAKS)) + "]"
)

#: Names for the case format's JSON Schema (`"format": ...`), checked by `is_line`/`is_text`.
LINE_FORMAT = "ecogram-line"
TEXT_FORMAT = "ecogram-text"


def is_line(value: str) -> bool:
    """True when `value` holds no control character, line break or separator."""
    return _IN_LINE.search(value) is None


def is_text(value: str) -> bool:
    """True when `value` holds no control character other than tabs and line breaks."""
    return _IN_TEXT.search(value) is None
