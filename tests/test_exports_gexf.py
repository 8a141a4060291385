"""GEXF 1.3: valid against the official schema, read back by networkx, laid out as drawn."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from lxml import etree  # type: ignore[import-untyped]

from ecogram.graph import layout
from ecogram.vocabulary import TieQuality
from exports.gexf import EDGE_SHAPES, GEXF_NS, gexf_bytes
from exports.hartman import STYLES
from exports.opengraph import case_graph
from tests.test_exports_graphml import AT, demo, example, with_name

SCHEMA = (Path(__file__).parent / "data" / "gexf" / "gexf.xsd").resolve()
NS = {"g": GEXF_NS}


@pytest.fixture(scope="module")
def gexf_schema() -> xmlschema.XMLSchema10:
    # allow="local": the schema and the files it includes come from tests/data, never the web.
    return xmlschema.XMLSchema10(str(SCHEMA), allow="local")


@pytest.fixture(scope="module")
def libxml2_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def parsed(data: bytes) -> etree._Element:
    return etree.fromstring(data)


@pytest.mark.parametrize("at", [AT, None])
def test_every_demo_case_validates_against_the_official_gexf_13_schema(
    gexf_schema: xmlschema.XMLSchema10, libxml2_schema: etree.XMLSchema, at: dt.date | None
) -> None:
    cases = demo()
    assert len(cases) >= 5
    for case in [example(), *cases]:
        data = gexf_bytes(case, at)
        gexf_schema.validate(data.decode("utf-8"))
        assert libxml2_schema.validate(parsed(data)), libxml2_schema.error_log


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('value="solid"', 'value="zigzag"'),  # not a GEXF edge shape
        ('<viz:position x="0.0"', '<viz:position x="left"'),
        ('version="1.3"', 'version="1.2"'),
        # The primer's viz namespace, which the 1.3 schema does not accept (see exports/gexf.py).
        (f'xmlns:viz="{GEXF_NS}"', f'xmlns:viz="{GEXF_NS}/viz"'),
    ],
)
def test_the_schemas_refuse_a_broken_gexf_file(
    gexf_schema: xmlschema.XMLSchema10, libxml2_schema: etree.XMLSchema, old: str, new: str
) -> None:
    # The check above would prove nothing if the schemas accepted anything.
    text = gexf_bytes(demo()[0], AT).decode("utf-8")
    broken = text.replace(old, new)
    assert broken != text
    assert not gexf_schema.is_valid(broken)
    assert not libxml2_schema.validate(parsed(broken.encode("utf-8")))


def test_networkx_reads_every_demo_case_back_with_the_same_nodes_edges_and_attributes() -> None:
    for case in [example(), *demo()]:
        read = nx.read_gexf(io.BytesIO(gexf_bytes(case, AT)))
        expected = case_graph(case, AT)
        assert isinstance(read, nx.DiGraph)
        assert list(read.nodes) == list(expected.nodes)
        for ref, data in expected.nodes(data=True):
            assert read.nodes[ref] == data | {"label": data["name"]}
        assert sorted(read.edges) == sorted(expected.edges)
        for u, v, data in expected.edges(data=True):
            assert {k: read.edges[u, v][k] for k in data} == data


def test_each_person_sits_where_the_ecogram_layout_puts_them_with_y_pointing_up() -> None:
    for case in demo():
        placed = layout(case).positions
        root = parsed(gexf_bytes(case, AT))
        nodes = root.findall("g:graph/g:nodes/g:node", NS)
        assert len(nodes) == len(placed)
        for node in nodes:
            position = node.find("g:position", NS)
            x, y = placed[node.get("id")]
            assert (float(position.get("x")), float(position.get("y"))) == (x, -y + 0.0)
        child = case.child
        assert child is not None and placed[child.ref] == (0.0, 0.0)


def test_each_tie_carries_its_hartman_quality_as_colour_thickness_and_shape() -> None:
    case = next(c for c in demo() if len({t.quality for t in c.ties}) >= 3)
    root = parsed(gexf_bytes(case, AT))
    edges = root.findall("g:graph/g:edges/g:edge", NS)
    assert len(edges) == len(case.ties)
    for edge, tie in zip(edges, case.ties, strict=True):
        quality = TieQuality(tie.quality)
        style = STYLES[quality]
        colour = edge.find("g:color", NS)
        hex_colour = "#{:02x}{:02x}{:02x}".format(*(int(colour.get(c)) for c in "rgb"))
        assert hex_colour == style.colour
        assert float(edge.find("g:thickness", NS).get("value")) == style.width
        assert edge.find("g:shape", NS).get("value") == EDGE_SHAPES[quality]
        assert (edge.get("source"), edge.get("target")) == (
            tie.from_person.ref,
            tie.to_person.ref,
        )


def test_every_quality_has_a_shape_and_only_strong_and_normal_share_one() -> None:
    assert set(EDGE_SHAPES) == set(TieQuality)
    shared = [q for q in TieQuality if list(EDGE_SHAPES.values()).count(EDGE_SHAPES[q]) > 1]
    assert shared == [TieQuality.STRONG, TieQuality.NORMAL]
    assert STYLES[TieQuality.STRONG].width > 2 * STYLES[TieQuality.NORMAL].width


def test_the_viz_elements_keep_the_viz_prefix_that_gephi_users_know() -> None:
    text = gexf_bytes(example(), AT).decode("utf-8")
    assert f'xmlns:viz="{GEXF_NS}"' in text
    assert "<viz:position " in text and "<viz:thickness " in text and "<viz:color " in text


def test_gexf_describes_the_case_in_its_meta() -> None:
    root = parsed(gexf_bytes(example(), AT))
    meta = root.find("g:meta", NS)
    assert meta.get("lastmodifieddate") == "2026-02-17"
    assert meta.findtext("g:description", namespaces=NS) == (
        "ecogram case c1; opened 2026-01-05; expected 2026-03-01; flags as of 2026-02-17"
    )
    assert root.find("g:graph", NS).get("name") is None  # not a GEXF 1.3 attribute


def test_gexf_escapes_a_name_with_markup_characters() -> None:
    name = 'Tante <b>"Zoë"</b> & co'
    read = nx.read_gexf(io.BytesIO(gexf_bytes(with_name(name), AT)))
    assert read.nodes["p3"]["label"] == read.nodes["p3"]["name"] == name


def test_characters_xml_cannot_hold_are_replaced_and_the_file_stays_valid(
    gexf_schema: xmlschema.XMLSchema10,
) -> None:
    data = gexf_bytes(with_name("Oma \ufffe Jet"), AT)
    gexf_schema.validate(data.decode("utf-8"))
    assert nx.read_gexf(io.BytesIO(data)).nodes["p3"]["name"] == "Oma \ufffd Jet"


def test_a_name_that_looks_like_the_namespace_stand_in_changes_nothing() -> None:
    data = gexf_bytes(with_name('xmlns:viz="urn:x-ecogram:gexf-viz"'), AT)
    assert (
        nx.read_gexf(io.BytesIO(data)).nodes["p3"]["name"] == 'xmlns:viz="urn:x-ecogram:gexf-viz"'
    )


def test_the_documented_line_styles_are_the_ones_written() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "open-formats.md").read_text("utf-8")
    for quality in TieQuality:
        style = STYLES[quality]
        row = f"| {quality.value} | `{style.colour}` | {style.width:.1f} | {EDGE_SHAPES[quality]} |"
        assert row in doc
