"""The case as one networkx graph for the open formats (GraphML, GEXF, node-link JSON).

One attribute table serves every format, so a researcher sees the same names
and types whichever file they open. Nodes are keyed by the person's ref, and a
tie is a directed edge from its `from` person to its `to` person; the energy
flow (`forward`, `back`) is read along that direction.

Why not `ecogram.graph.build_graph` as it is: that graph is undirected (for
the analytics) and keeps a tie's direction in the edge attributes `source`
and `target`, which collide with the key names `nx.node_link_data` writes for
the edge ends. Here the direction is the edge itself, so nothing collides.
The person attributes still come from `build_graph`, so the flags mean
exactly what they mean on the ecogram page.

GraphML and GEXF have no list type, so the lists `support` and `roles` are
joined with ";" (no vocabulary value holds a ";"); node-link JSON keeps them
as JSON lists. Dates are ISO `YYYY-MM-DD` strings: GraphML has no date type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from ecogram.graph import build_graph
from ecogram.models import Case
from ecogram.vocabulary import Flow, Support, TieQuality

LIST_SEPARATOR = ";"
# XML 1.0 cannot carry every code point a name may hold (lone surrogates, U+FFFE...).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

AttrType = Literal["string", "int", "boolean"]


@dataclass(frozen=True)
class Attribute:
    name: str
    type: AttrType
    #: Derived attributes describe the case as of the graph's `at` date (they
    #: come from periods the file does not carry) and are ignored on import.
    derived: bool = False
    optional: bool = False  #: may be missing (GraphML import) or absent (case dates)
    is_list: bool = False  #: joined with LIST_SEPARATOR in GraphML and GEXF


GRAPH_ATTRIBUTES = (
    Attribute("case", "string"),
    Attribute("child", "string", derived=True),
    Attribute("opened", "string"),
    Attribute("birth_date", "string", optional=True),
    Attribute("expected_date", "string", optional=True),
    Attribute("at", "string", derived=True, optional=True),
)
NODE_ATTRIBUTES = (
    Attribute("name", "string"),
    Attribute("kind", "string"),
    Attribute("sector", "string"),
    Attribute("ring", "int"),
    Attribute("household", "string", optional=True),
    Attribute("candidate", "string", optional=True),
    Attribute("is_child", "boolean", derived=True),
    Attribute("is_parent", "boolean", derived=True),
    Attribute("is_anchor", "boolean", derived=True),
    # Not derived: the trusted person has no period, so the flag is the whole truth.
    Attribute("is_trusted", "boolean", optional=True),
    Attribute("roles", "string", derived=True, is_list=True),
)
EDGE_ATTRIBUTES = (
    Attribute("quality", "string"),
    Attribute("flow", "string", optional=True),
    Attribute("support", "string", optional=True, is_list=True),
    Attribute("bond", "string", derived=True),
)


def xml_safe(text: str) -> str:
    """`text` with what XML cannot hold replaced by U+FFFD: a hostile name never breaks a file."""
    return _NOT_XML.sub("\ufffd", text)


def _listed(values: list[str], join_lists: bool) -> str | list[str]:
    return LIST_SEPARATOR.join(values) if join_lists else list(values)


def case_graph(case: Case, at: dt.date | None, *, join_lists: bool = True) -> nx.DiGraph:
    """Persons as nodes (in case order) and ties as directed edges (in case order).

    `at` is the day the derived flags (anchor, active roles) hold; without it,
    what is current with no end in sight, as in `build_graph`.
    """
    flags = build_graph(case, at)
    graph = nx.DiGraph()
    child = case.child
    case_data: dict[str, str | None] = {
        "case": case.ref,
        "child": None if child is None else child.ref,
        "opened": case.opened.isoformat(),
        "birth_date": None if case.birth_date is None else case.birth_date.isoformat(),
        "expected_date": None if case.expected_date is None else case.expected_date.isoformat(),
        "at": None if at is None else at.isoformat(),
    }
    graph.graph.update({key: value for key, value in case_data.items() if value is not None})
    for ref, data in flags.nodes(data=True):
        attrs = {a.name: data[a.name] for a in NODE_ATTRIBUTES}
        attrs["roles"] = _listed(data["roles"], join_lists)
        graph.add_node(ref, **attrs)
    for tie in case.ties:
        source, target = tie.from_person.ref, tie.to_person.ref
        graph.add_edge(
            source,
            target,
            quality=TieQuality(tie.quality).value,
            flow=Flow(tie.flow or Flow.NONE).value,
            support=_listed([Support(s).value for s in tie.support or []], join_lists),
            bond=flags.edges[source, target]["bond"],
        )
    return graph
