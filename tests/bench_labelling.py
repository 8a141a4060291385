"""`make bench`'s rows for the labelling alone: every text of the ecogram placed, at 40, 300
and 3,000 persons, as the read model does it once per case version.

They have no bars of their own: labelling is part of the 300-person graph.json built
afresh (under 50 ms) and of the 3,000-person page in Chromium (under a second), whose
rows hold the bars; these show how much of each it takes. Each run starts with an empty
width cache, as a worker that has not yet seen the case does, and without the garbage
collector, as `ecogram.readmodel` builds a view.
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
SIZES = (40, 300, 3000)


def bench_labelling() -> list[Row]:
    rows = []
    for size in SIZES:
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
        rows.append(Row(f"labelling {size:,} persons, widths measured afresh (ms)", samples, None))
    return rows
