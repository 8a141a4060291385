"""`make bench`: the speed bars of DESIGN ("Performance"), measured as times and ratios.

Timing never runs inside the unit tests (a loaded CI machine would make them
flaky); this script prints the numbers and exits 1 when a bar is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from ecogram.checks import check_case
from ecogram.graph import build_graph, layout
from tests.factories import d, make_network_case

TODAY = d("2026-11-23")


def median_ms(work: Callable[[], object], runs: int = 15) -> float:
    work()  # warm caches and imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_core() -> list[tuple[str, float, float]]:
    rows = []
    for size, bar in ((300, 100.0), (3000, 1000.0)):
        case = make_network_case(size)

        def build_and_lay_out(case: object = case) -> None:
            build_graph(case, TODAY)  # type: ignore[arg-type]
            layout(case)  # type: ignore[arg-type]

        rows.append(
            (f"{size}-person graph built and laid out (ms)", median_ms(build_and_lay_out), bar)
        )
        rows.append(
            (
                f"{size}-person case checked, all rules (ms)",
                median_ms(lambda c=case: check_case(c, TODAY)),
                bar,
            )
        )
    return rows


def main() -> int:
    rows = bench_core()
    failed = False
    print(f"{'measure':<52} {'value':>10} {'bar':>10}")
    for name, value, bar in rows:
        ok = value <= bar
        failed |= not ok
        print(f"{name:<52} {value:>10.1f} {bar:>10.1f} {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
