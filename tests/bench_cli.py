"""`make bench`'s command-line rows: start-up against bare Python and `check` against the
import floor of its own dependencies, each pair run back to back in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ecogram.caseformat.writing import dump_case
from tests.benchrows import Row, interleaved, summary
from tests.factories import make_network_case

ECOGRAM = str(Path(sys.executable).with_name("ecogram"))
#: The floor the bar was set against: the graph, the schema and the ORM, which `check`
#: imported then. It reads a file into plain objects now (`ecogram.casetree`), without the ORM.
FLOOR = "import networkx, jsonschema, sqlalchemy.orm"


def run(*command: str, expect: tuple[int, ...] = (0,)) -> None:
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode not in expect:
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}: {done.stderr[-300:]!r}")


def bench_cli() -> list[Row]:
    _, helps, bares = interleaved(
        lambda: run(ECOGRAM, "--help"), lambda: run(sys.executable, "-c", "pass"), runs=15
    )
    with tempfile.TemporaryDirectory() as folder:
        case_file = Path(folder) / "forty.json"
        case_file.write_text(json.dumps(dump_case(make_network_case(40, ref="forty"))), "utf-8")
        # Exit 1 is a case with an error finding: the check ran to its end all the same.
        ratios, checks, floors = interleaved(
            lambda: run(ECOGRAM, "check", str(case_file), expect=(0, 1)),
            lambda: run(sys.executable, "-c", FLOOR),
            runs=15,
        )
    return [
        Row(
            "`ecogram --help` (ms)",
            helps,
            150.0,
            f"`python -c pass` ms {summary(bares)}",
        ),
        Row(
            "`ecogram check`, 40 persons / its import floor, interleaved (ratio)",
            ratios,
            1.3,
            f"check ms {summary(checks)}; `python -c '{FLOOR}'` ms {summary(floors)}",
        ),
    ]
