"""The case exchange format `ecogram-case/1`: read a JSON document into a
transient case, and write a case back out in canonical form.

Reading happens in two passes. The JSON Schema shipped in `ecogram/schema/`
checks shapes and vocabularies (`errors` turns its complaints into one line);
`builder` then checks what a schema cannot (real dates, unique ids, references)
while it builds the model objects. Either pass stops at the first problem and
names its field path, because a person fixing a file by hand wants one clear
line, not a wall of errors.

Export (`writing`) always writes every key, so a canonical file comes back
byte-equal and any valid file comes back equal once the schema's defaults are
filled.
"""

from __future__ import annotations

from ecogram.caseformat.errors import CaseFormatError, field_path
from ecogram.caseformat.reading import MAX_FILE_BYTES, load_file, loads, parse_document
from ecogram.caseformat.spec import FORMAT, SCHEMA_FILE, schema
from ecogram.caseformat.writing import dump_case, dumps

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "SCHEMA_FILE",
    "CaseFormatError",
    "dump_case",
    "dumps",
    "field_path",
    "load_file",
    "loads",
    "parse_document",
    "schema",
]
