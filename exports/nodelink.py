"""networkx node-link JSON out of a case.

`nx.node_link_data` with the edge list named explicitly (`edges="links"`,
the long-standing key name, which also silences networkx's FutureWarning
about the default changing). The graph is `opengraph.case_graph`: a tie's
direction is the edge's own `source` -> `target`, so no edge attribute
collides with those key names (as `build_graph`'s `source`/`target`
attributes would). Unlike GraphML and GEXF, JSON has lists, so `support` and
`roles` stay lists here.

`ecogram export --format json` stays the case format (ecogram-case/1), as
Contract 1 has it; this one is `--format nodelink`.
"""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx

from ecogram.models import Case
from exports.opengraph import case_graph

EDGES_KEY = "links"


def nodelink_data(case: Case, at: dt.date | None) -> dict[str, object]:
    data: dict[str, object] = nx.node_link_data(
        case_graph(case, at, join_lists=False), edges=EDGES_KEY
    )
    return data


def nodelink_json(case: Case, at: dt.date | None) -> str:
    return json.dumps(nodelink_data(case, at), ensure_ascii=False, indent=2) + "\n"
