"""`make bench`'s rows for the labelling alone: every text of the ecogram placed, at 40, 300
and 3,000 persons, as the read model does it once per case version.

Its bars are the shares of the page's bars that labelling may take: of the 50 ms for a
300-person graph.json, 10; of the second in which a 3,000-person page is to be usable,
150. Each run starts with an empty width cache, as a worker that has not yet seen the
case does, and without the garbage collector, as `ecogram.readmodel` builds a view.
"""

from __future__ import annotations

import datetime as dt
import gc

import networkx as nx

from ecogram.graph import build_graph
from ecogram.labelling import labelled_layout
from ecogram.textwidth import _ems
from tests.benchrows import Row, timed
from tests.factories import make_network_case
from tests.forty import forty_case

DAY = dt.date(2026, 2, 1)
BARS = {40: 10.0, 300: 10.0, 3000: 150.0}


def bench_labelling() -> list[Row]:
    rows = []
    for size, bar in BARS.items():
        graph = build_graph(forty_case() if size == 40 else make_network_case(size), DAY)

        def label(graph: nx.Graph = graph) -> None:
            _ems.cache_clear()  # the widths' cache: a worker that has not seen the case
            labelled_layout(graph, "nl")

        gc.collect()
        gc.disable()
        try:
            samples = timed(label, runs=15 if size < 3000 else 7)
        finally:
            gc.enable()
        rows.append(Row(f"labelling {size:,} persons, widths measured afresh (ms)", samples, bar))
    return rows
