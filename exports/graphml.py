"""GraphML out of a case, and (through `graphml_read`) a case back out of GraphML.

The file is written here rather than by `nx.write_graphml` for two reasons:
edges must come in the case's tie order (networkx writes them grouped by
source node, so import -> export -> import would reorder the ties), and
booleans must be the XML Schema literals `true`/`false` that every GraphML
reader accepts. Keys are declared with their types (`attr.type`), and their
ids are the attribute names, so the file reads well by hand. The result
validates against the GraphML 1.0 XSD (see tests/data/graphml/README.md) and
networkx reads it back with `nx.read_graphml`.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

from ecogram.models import Case
from exports.graphml_read import (
    GRAPHML_NS,
    case_from_graphml,
    load_graphml_file,
    looks_like_graphml,
)
from exports.opengraph import (
    EDGE_ATTRIBUTES,
    GRAPH_ATTRIBUTES,
    NODE_ATTRIBUTES,
    case_graph,
    xml_safe,
)

__all__ = ["case_from_graphml", "graphml_bytes", "load_graphml_file", "looks_like_graphml"]

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"


def _q(tag: str) -> str:
    return f"{{{GRAPHML_NS}}}{tag}"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_safe(str(value))


def _add_data(parent: etree._Element, values: dict[str, object], names: list[str]) -> None:
    for name in names:
        if name in values:
            etree.SubElement(parent, _q("data"), key=name).text = _text(values[name])


def graphml_bytes(case: Case, at: dt.date | None) -> bytes:
    """The case as a UTF-8 GraphML document with typed keys for every attribute."""
    graph = case_graph(case, at, join_lists=True)
    root = etree.Element(_q("graphml"), nsmap={None: GRAPHML_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    for domain, attributes in (
        ("graph", GRAPH_ATTRIBUTES),
        ("node", NODE_ATTRIBUTES),
        ("edge", EDGE_ATTRIBUTES),
    ):
        for attribute in attributes:
            key = etree.SubElement(root, _q("key"), id=attribute.name)
            key.set("for", domain)
            key.set("attr.name", attribute.name)
            key.set("attr.type", attribute.type)
    body = etree.SubElement(root, _q("graph"), id="ecogram", edgedefault="directed")
    _add_data(body, dict(graph.graph), [a.name for a in GRAPH_ATTRIBUTES])
    node_names = [a.name for a in NODE_ATTRIBUTES]
    for ref, data in graph.nodes(data=True):
        _add_data(etree.SubElement(body, _q("node"), id=ref), data, node_names)
    edge_names = [a.name for a in EDGE_ATTRIBUTES]
    for tie in case.ties:
        source, target = tie.from_person.ref, tie.to_person.ref
        edge = etree.SubElement(body, _q("edge"), source=source, target=target)
        _add_data(edge, graph.edges[source, target], edge_names)
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document
