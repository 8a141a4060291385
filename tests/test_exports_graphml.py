"""GraphML out and back in (GEXF and node-link JSON: test_exports_gexf, test_exports_nodelink)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from ecogram import caseformat
from ecogram.caseformat import CaseFormatError
from ecogram.demo import demo_cases
from ecogram.models import Case
from exports import graphml_read
from exports.graphml import case_from_graphml, graphml_bytes, looks_like_graphml
from exports.opengraph import NODE_ATTRIBUTES, case_graph

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"
SCHEMA = (Path(__file__).parent / "data" / "graphml" / "graphml.xsd").resolve()
AT = dt.date(2026, 2, 17)
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def graphml_schema() -> xmlschema.XMLSchema10:
    # allow="local": the schema and everything it imports come from tests/data, never the web.
    return xmlschema.XMLSchema10(str(SCHEMA), allow="local")


def example() -> Case:
    return caseformat.load_file(EXAMPLE)


def demo() -> list[Case]:
    return [caseformat.parse_document(doc) for doc in demo_cases(TODAY)]


def with_name(name: str) -> Case:
    case = example()
    next(p for p in case.persons if p.ref == "p3").name = name
    return case


def graph_data(graph: nx.Graph) -> dict[str, Any]:
    """The graph's own attributes, without the defaults networkx's GraphML reader adds."""
    return {k: v for k, v in graph.graph.items() if k not in ("node_default", "edge_default")}


def persons_and_ties(case: Case) -> dict[str, Any]:
    """What GraphML carries of a case, in the case format's own words."""
    doc = caseformat.dump_case(case)
    return {key: doc[key] for key in ("persons", "ties", "trusted_person")} | {
        "case": {k: v for k, v in doc["case"].items()}
    }


# --- GraphML out ----------------------------------------------------------------------


@pytest.mark.parametrize("at", [AT, None])
def test_the_graphml_export_validates_against_the_graphml_schema(
    graphml_schema: xmlschema.XMLSchema10, at: dt.date | None
) -> None:
    for case in [example(), *demo()]:
        graphml_schema.validate(graphml_bytes(case, at).decode("utf-8"))


def test_the_schema_refuses_a_broken_graphml_file(graphml_schema: xmlschema.XMLSchema10) -> None:
    # The check above would prove nothing if the schema accepted anything.
    text = graphml_bytes(example(), AT).decode("utf-8")
    assert not graphml_schema.is_valid(text.replace('target="p2"', 'target="p9"'))
    assert not graphml_schema.is_valid(text.replace(' edgedefault="directed"', ""))


def test_networkx_reads_the_graphml_back_with_the_same_nodes_edges_and_attributes() -> None:
    for case in [example(), *demo()]:
        read = nx.read_graphml(io.BytesIO(graphml_bytes(case, AT)))
        expected = case_graph(case, AT)
        assert isinstance(read, nx.DiGraph)
        assert list(read.nodes(data=True)) == list(expected.nodes(data=True))
        assert sorted(read.edges(data=True)) == sorted(expected.edges(data=True))
        assert graph_data(read) == expected.graph


def test_every_person_attribute_is_typed_in_the_graphml_file() -> None:
    read = nx.read_graphml(io.BytesIO(graphml_bytes(example(), AT)))
    oma = read.nodes["p3"]
    assert oma["ring"] == 1
    assert oma["is_trusted"] is True
    assert oma["is_anchor"] is False
    assert oma["candidate"] == "assessing"
    assert set(oma) == {a.name for a in NODE_ATTRIBUTES}
    assert read.nodes["p2"]["is_anchor"] is True
    assert graph_data(read) == {
        "case": "c1",
        "child": "p1",
        "opened": "2026-01-05",
        "expected_date": "2026-03-01",
        "at": "2026-02-17",
    }


def test_lists_are_joined_with_a_semicolon_because_graphml_has_no_list_type() -> None:
    read = nx.read_graphml(io.BytesIO(graphml_bytes(example(), AT)))
    assert read.edges["p3", "p2"]["support"] == "childcare;emotional"
    assert read.nodes["p3"]["roles"] == "respite"
    assert read.nodes["p2"]["roles"] == ""


def test_the_flags_hold_on_the_day_asked_for() -> None:
    before_the_role = nx.read_graphml(io.BytesIO(graphml_bytes(example(), dt.date(2026, 1, 20))))
    assert before_the_role.nodes["p3"]["roles"] == ""


def test_the_edges_keep_the_ties_direction_and_order() -> None:
    case = demo()[0]
    text = graphml_bytes(case, AT).decode("utf-8")
    positions = [
        text.index(f'<edge source="{t.from_person.ref}" target="{t.to_person.ref}"')
        for t in case.ties
    ]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", ['Tante <b>"Zoë"</b> & co', "Oom </data> ]]>", "Nonkel 'Jef'"])
def test_a_name_with_markup_characters_comes_out_literally(name: str) -> None:
    data = graphml_bytes(with_name(name), AT)
    assert nx.read_graphml(io.BytesIO(data)).nodes["p3"]["name"] == name
    assert "<b>" not in data.decode("utf-8")
    assert case_from_graphml(data).persons[2].name == name


def test_characters_xml_cannot_hold_are_replaced_instead_of_breaking_the_file(
    graphml_schema: xmlschema.XMLSchema10,
) -> None:
    data = graphml_bytes(with_name("Oma \ufffe Jet"), AT)
    graphml_schema.validate(data.decode("utf-8"))
    assert nx.read_graphml(io.BytesIO(data)).nodes["p3"]["name"] == "Oma \ufffd Jet"


# --- GraphML back in ------------------------------------------------------------------


def test_import_then_export_then_import_gives_an_equal_case() -> None:
    for case in [example(), *demo()]:
        first = case_from_graphml(graphml_bytes(case, AT))
        second = case_from_graphml(graphml_bytes(first, AT))
        assert persons_and_ties(first) == persons_and_ties(case)
        assert persons_and_ties(second) == persons_and_ties(first)


def test_the_import_leaves_out_what_graphml_does_not_carry() -> None:
    imported = case_from_graphml(graphml_bytes(example(), AT))
    assert imported.anchors == []
    assert imported.trajectory is None
    assert all(p.roles == [] and p.assessments == [] for p in imported.persons)
    assert imported.trusted_person is not None and imported.trusted_person.ref == "p3"


def test_a_graphml_file_from_networkx_with_other_keys_imports() -> None:
    graph = nx.DiGraph(case="c9", opened="2026-03-02", birth_date="2026-02-01")
    graph.add_node("n1", name="Baby Lina", kind="child", sector="family", ring=0, x=1.5)
    graph.add_node("n2", name="Mama Eva", kind="parent", sector="family", ring=1, is_trusted=True)
    graph.add_node("n3", name="Buur Ali", kind="neighbour", sector="neighbourhood", ring=3)
    graph.add_edge("n2", "n1", quality="strong", weight=2.0)
    graph.add_edge("n3", "n2", quality="tenuous", support="practical;advice")
    case = case_from_graphml("\n".join(nx.generate_graphml(graph)))
    assert [p.ref for p in case.persons] == ["n1", "n2", "n3"]
    assert case.persons[1].candidate == "none"
    assert case.trusted_person is case.persons[1]
    assert case.ties[1].support == ["practical", "advice"]
    assert case.ties[0].flow == "none"
    assert case.birth_date == dt.date(2026, 2, 1)


def test_a_key_default_fills_in_a_missing_value() -> None:
    text = graphml_bytes(example(), AT).decode("utf-8")
    text = text.replace(
        '<key id="candidate" for="node" attr.name="candidate" attr.type="string"/>',
        '<key id="candidate" for="node" attr.name="candidate" attr.type="string">'
        "<default>to_explore</default></key>",
    ).replace('<data key="candidate">none</data>', "")
    case = case_from_graphml(text)
    assert [p.candidate for p in case.persons] == ["to_explore", "to_explore", "assessing"]


def exported() -> str:
    return graphml_bytes(example(), AT).decode("utf-8")


def node_p3(old: str, new: str) -> Callable[[str], str]:
    """Change the first occurrence of `old` after node p3 starts."""

    def change(text: str) -> str:
        start = text.index('<node id="p3">')
        return text[:start] + text[start:].replace(old, new, 1)

    return change


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="name" for="node" attr.name="name"/>
<graph edgedefault="directed"><node id="p1"><data key="name">&lol9;</data></node></graph></graphml>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="name" for="node" attr.name="name"/>
<graph edgedefault="directed"><node id="p1"><data key="name">&secret;</data></node></graph>
</graphml>
"""

BAD_GRAPHML: dict[str, tuple[Callable[[str], str], str]] = {
    "unknown kind": (
        node_p3(">grandparent<", ">aunty<"),
        "node p3: kind: unknown value 'aunty' (one of: child, parent,",
    ),
    "ring not a number": (node_p3('"ring">1<', '"ring">x<'), "node p3: ring: 'x' is not a whole"),
    "ring out of range": (
        node_p3('"ring">1<', '"ring">7<'),
        "node p3: ring: 7 is above the maximum 3",
    ),
    "missing name": (node_p3('<data key="name">Oma Jet</data>', ""), "node p3: name: is missing"),
    "name with a line break": (
        node_p3(">Oma Jet<", ">Oma&#10;Jet<"),
        "node p3: name: must not contain control characters",
    ),
    "bad boolean": (
        node_p3('"is_trusted">true<', '"is_trusted">yes<'),
        "node p3: is_trusted: 'yes' is not true or false",
    ),
    "two trusted persons": (
        lambda t: t.replace('"is_trusted">false<', '"is_trusted">true<', 2),
        "node p2: is_trusted: only one trusted person, and p1 is already",
    ),
    "a second child": (
        node_p3(">grandparent<", ">child<"),
        "node p3: kind: the case already has a child (p1)",
    ),
    "no child": (
        lambda t: t.replace(">child<", ">sibling<"),
        "graph: no node has kind 'child'",
    ),
    "a parent in ring 0": (node_p3('"ring">1<', '"ring">0<'), "node p3: ring: ring 0 is for"),
    "unknown support": (
        lambda t: t.replace(">childcare;emotional<", ">childcare;money<"),
        "edge p3->p2: support: unknown value 'money'",
    ),
    "edge to nobody": (
        lambda t: t.replace('target="p2"', 'target="p9"'),
        "edge p3->p9: target: there is no node 'p9'",
    ),
    "two ties for one pair": (
        lambda t: t.replace(
            "</graph>",
            '<edge source="p2" target="p3"><data key="quality">normal</data></edge></graph>',
        ),
        "edge p2->p3: p2 and p3 already have a tie",
    ),
    "impossible date": (
        lambda t: t.replace(">2026-01-05<", ">2026-02-31<"),
        "graph: opened: '2026-02-31' is not a date (YYYY-MM-DD)",
    ),
    "bad case id": (lambda t: t.replace('"case">c1<', '"case">c 1<'), "graph: case: "),
    "no case id": (lambda t: t.replace('<data key="case">c1</data>', ""), "graph: case: is"),
    "undeclared key": (
        node_p3('<data key="name">', '<data key="nickname">x</data><data key="name">'),
        "node p3: data refers to an undeclared key 'nickname'",
    ),
    "a value given twice": (
        node_p3('<data key="ring">1</data>', '<data key="ring">1</data><data key="ring">2</data>'),
        "node p3: ring: is given twice",
    ),
    "markup inside a value": (node_p3(">Oma Jet<", "><b>Oma</b><"), "node p3: name: must be plain"),
    "duplicate node id": (lambda t: t.replace('<node id="p3">', '<node id="p2">'), "node p2: "),
    "not xml": (lambda t: t[: len(t) // 2], "(document): not well-formed XML"),
    "not graphml": (lambda t: "<svg/>", "(document): not GraphML"),
    "two graphs": (lambda t: t.replace("</graphml>", "<graph/></graphml>"), "(document): expected"),
    "a hyperedge": (
        lambda t: t.replace("</graph>", '<hyperedge><endpoint node="p1"/></hyperedge></graph>'),
        "graph: <hyperedge> is not supported",
    ),
    "billion laughs": (lambda t: BILLION_LAUGHS, "(document): DTDs and entities are not allowed"),
    "external entity": (lambda t: EXTERNAL_ENTITY, "(document): DTDs and entities are not"),
}


@pytest.mark.parametrize("name", list(BAD_GRAPHML))
def test_a_bad_graphml_file_is_refused_naming_the_node_or_edge_and_attribute(name: str) -> None:
    change, message = BAD_GRAPHML[name]
    with pytest.raises(CaseFormatError) as refused:
        case_from_graphml(change(exported()))
    assert str(refused.value).startswith(message), str(refused.value)
    assert "root:" not in str(refused.value)  # nothing of /etc/passwd


def test_a_graphml_file_larger_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphml_read, "MAX_FILE_BYTES", 100)
    with pytest.raises(CaseFormatError, match=r"^\(document\): the file is larger than 100"):
        case_from_graphml(exported())


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("case.graphml", "{}", True),
        ("case.xml", "{}", True),
        ("case.json", "<graphml/>", False),
        ("case", "\ufeff  <graphml/>", True),
        ("case", '{"format": "ecogram-case/1"}', False),
    ],
)
def test_the_import_tells_graphml_from_json_by_extension_then_content(
    tmp_path: Path, name: str, content: str, expected: bool
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    assert looks_like_graphml(path) is expected


def test_an_unreadable_file_is_left_to_the_json_reader_to_report(tmp_path: Path) -> None:
    assert looks_like_graphml(tmp_path / "missing") is False


names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(name=names)
def test_any_allowed_name_survives_graphml_export_and_import(name: str) -> None:
    assert case_from_graphml(graphml_bytes(with_name(name), AT)).persons[2].name == name


def test_a_dtd_the_byte_search_cannot_see_is_refused_after_parsing() -> None:
    text = exported().replace("<?xml version='1.0' encoding='UTF-8'?>", "")
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE graphml>' + text).encode("utf-16")
    with pytest.raises(CaseFormatError, match=r"^\(document\): DTDs and entities are not allowed"):
        case_from_graphml(utf16)
