"""GEXF (Gephi's format) out of a case, through networkx's writer.

The same graph and attribute names as the GraphML file (see `opengraph`),
lists joined with ";". Gephi shows a node's `label`, so that is the person's
name. GEXF's <graph> holds no free attributes, so the case's ref becomes the
graph's name and the case's dates go in the <meta> description; the meta's
`lastmodifieddate` is the day the flags hold, which keeps the file the same
for the same case and day.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

from ecogram.models import Case
from exports.opengraph import case_graph, xml_safe


def _description(graph: nx.DiGraph) -> str:
    parts = [f"ecogram case {graph.graph['case']}", f"opened {graph.graph['opened']}"]
    for key, words in (
        ("birth_date", "born"),
        ("expected_date", "expected"),
        ("at", "flags as of"),
    ):
        if key in graph.graph:
            parts.append(f"{words} {graph.graph[key]}")
    return "; ".join(parts)


def gexf_bytes(case: Case, at: dt.date | None) -> bytes:
    graph = case_graph(case, at, join_lists=True)
    for _, data in graph.nodes(data=True):
        # networkx's ElementTree writer would emit such characters as they are: invalid XML.
        data["name"] = data["label"] = xml_safe(data["name"])
        data["household"] = xml_safe(data["household"])
    description = _description(graph)
    graph.graph = {"name": case.ref}
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True))
    # Our own writer's output, so parsing it back is safe; lxml keeps the namespaces intact.
    root = etree.fromstring(text.encode("utf-8"))
    meta = root.find("{*}meta")
    if meta is not None:
        if at is not None:
            meta.set("lastmodifieddate", at.isoformat())
        etree.SubElement(meta, f"{{{etree.QName(meta).namespace}}}description").text = description
    etree.indent(root)
    document: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return document
