"""networkx node-link JSON out of a case.

`nx.node_link_data` with networkx's own default key names; the edge list's
is written out (`edges="edges"`), so `nx.node_link_graph(data)` reads the file
back with its defaults (networkx 3.6 and later; older releases defaulted to
`links`). The graph is `opengraph.case_graph`: a tie's direction is the edge's own
`source` -> `target`, so no edge attribute collides with those key names (as
`build_graph`'s `source`/`target` attributes would). Unlike GraphML and GEXF,
JSON has lists, so `support` and `roles` stay lists here.

`ecogram export --format json` stays the case format (ecogram-case/1), as
the command line has always had it; this one is `--format nodelink`.
"""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx

from ecogram.models import Case
from exports.opengraph import case_graph

EDGES_KEY = "edges"


def nodelink_data(case: Case, at: dt.date | None) -> dict[str, object]:
    data: dict[str, object] = nx.node_link_data(
        case_graph(case, at, join_lists=False), edges=EDGES_KEY
    )
    return data


def nodelink_json(case: Case, at: dt.date | None) -> str:
    return json.dumps(nodelink_data(case, at), ensure_ascii=False, indent=2) + "\n"
