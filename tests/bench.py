"""`make bench`: every speed bar of the read-model work, measured; exit 1 on any miss.

Timing never runs inside the unit tests (a loaded CI machine would make them
flaky); tests/web/test_read_model.py asserts what is stable (the query counts).
This script prints the machine's load average first: on a busy machine the times
and some ratios miss, so a miss means something only on a quiet one.

`python -m tests.bench page cli` runs only the sections named.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

from tests.benchrows import Row

SECTIONS = ("labelling", "page", "queries", "worker", "browser", "cli", "report")


def section(name: str) -> Callable[[], list[Row]]:
    """The section's function, imported when it runs: each needs its own heavy set-up."""
    if name == "labelling":
        from tests.bench_labelling import bench_labelling

        return bench_labelling
    if name == "report":
        from tests.bench_report import bench_report

        return bench_report
    if name == "browser":
        from tests.bench_browser import bench_browser

        return bench_browser
    if name == "cli":
        from tests.bench_cli import bench_cli

        return bench_cli
    from tests import bench_web

    found: Callable[[], list[Row]] = getattr(bench_web, f"bench_{name}")
    return found


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in SECTIONS]
    if unknown:
        print(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    one, five, fifteen = os.getloadavg()
    cores = os.cpu_count() or 1
    print(f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {cores} cores", flush=True)
    # One access line per request would bury the table; the page and its floor both lose it.
    logging.disable(logging.INFO)
    rows = []
    for name in argv or SECTIONS:
        rows += section(name)()
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    print(f"{'measure':<68} {'median':>9} {'min':>9} {'max':>9} {'n':>4} {'bar':>8}")
    for row in rows:
        print(
            f"{row.name:<68} {row.value:>9.2f} {min(row.samples):>9.2f} {max(row.samples):>9.2f}"
            f" {len(row.samples):>4} {row.verdict}"
        )
        if row.detail:
            print(f"    {row.detail}")
    return 0 if all(row.met for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
