"""GEXF 1.3 (Gephi's format) out of a case, valid against the official GEXF 1.3 schema.

The same graph and attribute names as the GraphML file (see `opengraph`),
lists joined with ";". Gephi shows a node's `label`, so that is the person's
name. GEXF's <graph> holds no free attributes, so the case's id and dates go
in the <meta> description; the meta's `lastmodifieddate` is the day the flags
hold, which keeps the file the same for the same case and day.

The file carries the drawing, so Gephi opens the ecogram as it is drawn
rather than as a hairball:

- each person's `viz:position` is the ecogram layout (`ecogram.graph.layout`),
  the child at (0, 0); y is turned upwards, as Gephi's y axis grows upwards
  while the layout's (a screen's) grows downwards;
- each tie's `viz:color`, `viz:thickness` and `viz:shape` are its Hartman
  quality, in the colours and widths of the printed drawing (`hartman.STYLES`).

Why the viz elements are in the GEXF namespace: the GEXF 1.3 schemas define
them there (viz.rnc says `default namespace = inherit`, and the XSD declares
`position`, `color`... in http://gexf.net/1.3), while the 1.3 primer's
example binds `viz:` to http://gexf.net/1.3/viz, which the XSD does not
accept. The file follows the schema and keeps the familiar `viz:` prefix,
bound to the GEXF namespace; Gephi matches these elements by local name, so
it reads them either way.

Written here with lxml rather than by `nx.generate_gexf`: networkx's 1.3
writer puts a `name` on <graph> and the viz elements in the primer's
namespace, both of which the schema refuses.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

from ecogram.graph import layout
from ecogram.models import Case
from ecogram.vocabulary import TieQuality
from exports.hartman import STYLES, fmt
from exports.opengraph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Attribute, case_graph, xml_safe

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"
# lxml writes one prefix per namespace, so the viz elements are built in a
# stand-in namespace whose declaration is then pointed at the GEXF namespace.
_VIZ_STAND_IN = "urn:x-ecogram:gexf-viz"
_GEXF_TYPES = {"string": "string", "int": "integer", "boolean": "boolean"}

#: GEXF knows four edge shapes for Hartman's five qualities: strong and normal
#: are both solid, told apart by their thickness (5 against 1.8).
EDGE_SHAPES: dict[TieQuality, str] = {
    TieQuality.STRONG: "solid",
    TieQuality.NORMAL: "solid",
    TieQuality.TENUOUS: "dashed",
    TieQuality.STRESSFUL: "dotted",
    TieQuality.CONFLICT: "double",
}


def _q(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _viz(parent: etree._Element, tag: str, **values: str) -> None:
    etree.SubElement(parent, f"{{{_VIZ_STAND_IN}}}{tag}", values)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_safe(str(value))


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


def _declare(graph: etree._Element, domain: str, attributes: tuple[Attribute, ...]) -> None:
    declared = etree.SubElement(graph, _q("attributes"), {"class": domain, "mode": "static"})
    for attribute in attributes:
        etree.SubElement(
            declared,
            _q("attribute"),
            id=attribute.name,
            title=attribute.name,
            type=_GEXF_TYPES[attribute.type],
        )


def _attvalues(parent: etree._Element, data: dict[str, object], names: list[str]) -> None:
    values = etree.SubElement(parent, _q("attvalues"))
    for name in names:
        if name in data:
            etree.SubElement(values, _q("attvalue"), {"for": name, "value": _value(data[name])})


def _tie_viz(edge: etree._Element, quality: TieQuality) -> None:
    style = STYLES[quality]
    red, green, blue = (int(style.colour[i : i + 2], 16) for i in (1, 3, 5))
    _viz(edge, "color", r=str(red), g=str(green), b=str(blue))
    _viz(edge, "thickness", value=fmt(style.width))
    _viz(edge, "shape", value=EDGE_SHAPES[quality])


def gexf_bytes(case: Case, at: dt.date | None) -> bytes:
    """The case as a UTF-8 GEXF 1.3 document with the ecogram's layout and line styles."""
    graph = case_graph(case, at, join_lists=True)
    positions = layout(case).positions
    root = etree.Element(
        _q("gexf"), nsmap={None: GEXF_NS, "viz": _VIZ_STAND_IN, "xsi": XSI_NS}, version="1.3"
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    meta = etree.SubElement(root, _q("meta"))
    if at is not None:
        meta.set("lastmodifieddate", at.isoformat())
    etree.SubElement(meta, _q("creator")).text = "Ecogram"
    etree.SubElement(meta, _q("description")).text = _description(graph)
    body = etree.SubElement(root, _q("graph"), defaultedgetype="directed", mode="static")
    _declare(body, "node", NODE_ATTRIBUTES)
    _declare(body, "edge", EDGE_ATTRIBUTES)
    nodes = etree.SubElement(body, _q("nodes"), count=str(graph.number_of_nodes()))
    node_names = [a.name for a in NODE_ATTRIBUTES]
    for ref, data in graph.nodes(data=True):
        node = etree.SubElement(nodes, _q("node"), id=ref, label=xml_safe(data["name"]))
        _attvalues(node, data, node_names)
        x, y = positions[ref]
        _viz(node, "position", x=fmt(x), y=fmt(-y))
    edges = etree.SubElement(body, _q("edges"), count=str(len(case.ties)))
    edge_names = [a.name for a in EDGE_ATTRIBUTES]
    for number, tie in enumerate(case.ties):
        source, target = tie.from_person.ref, tie.to_person.ref
        edge = etree.SubElement(edges, _q("edge"), id=str(number), source=source, target=target)
        data = graph.edges[source, target]
        _attvalues(edge, data, edge_names)
        _tie_viz(edge, TieQuality(data["quality"]))
    text: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # Only the root's start tag declares the stand-in: names and values are escaped
    # attribute values, and the description holds ids and dates only.
    return text.replace(
        f'xmlns:viz="{_VIZ_STAND_IN}"'.encode(), f'xmlns:viz="{GEXF_NS}"'.encode(), 1
    )
