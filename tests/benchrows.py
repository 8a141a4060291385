"""What `make bench` prints: one row per bar, with every sample it took.

A row holds its samples, not only a summary, so the table shows the median, the
minimum, the maximum and the count of each measure. A ratio is measured
interleaved: each sample times the work and its floor back to back, so a burst of
load on a shared machine weighs on both sides of the same sample.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """A measure, its samples and its bar; the median must not exceed the bar.

    A row without a bar only shows where a bar's time goes (a part of a measured whole).
    """

    name: str
    samples: list[float]
    bar: float | None
    #: what the row measured besides its samples (the floor's own times, per-size counts)
    detail: str = ""

    @property
    def value(self) -> float:
        return statistics.median(self.samples)

    @property
    def met(self) -> bool:
        return self.bar is None or self.value <= self.bar

    @property
    def verdict(self) -> str:
        if self.bar is None:
            return f"{'part':>8}"
        return f"{self.bar:>8.2f} {'met' if self.met else 'MISSED'}"


def timed(work: Callable[[], object], runs: int = 15) -> list[float]:
    """Milliseconds per run of `work`, after one run to warm caches and imports."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def interleaved(
    work: Callable[[], object], floor: Callable[[], object], runs: int = 30
) -> tuple[list[float], list[float], list[float]]:
    """Ratios work/floor, one per pair of back-to-back runs; and both sides' milliseconds."""
    work()
    floor()
    ratios, works, floors = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        middle = time.perf_counter()
        floor()
        end = time.perf_counter()
        works.append((middle - start) * 1000)
        floors.append((end - middle) * 1000)
        ratios.append((middle - start) / (end - middle))
    return ratios, works, floors


def summary(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.2f}, {min(samples):.2f}-{max(samples):.2f}"
