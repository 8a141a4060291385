"""A case from GraphML: the persons, the ties and the trusted person, checked like a case file.

The GraphML is turned into an `ecogram-case/1` document and handed to the
case format's own reader, so a graph obeys exactly the rules an imported JSON
file obeys (one child in ring 0, one tie per pair, real dates...). Problems
name the node or edge and the attribute: "node p3: kind: unknown value 'aunty'".

What GraphML cannot bring back: assessments, roles, anchor periods and the
trajectory. Their flags in the file (`is_anchor`, `roles`...) are derived and
ignored; keys this program does not know (another tool's layout, say) are
ignored too. The parser never loads a DTD, never resolves an entity and never
touches the network: a file with a DOCTYPE is refused outright, so an entity
bomb fails at once and cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

from ecogram import caseformat
from ecogram.caseformat import FORMAT, MAX_FILE_BYTES, CaseFormatError
from ecogram.models import Case
from exports.graphml_values import convert, edge_name, vocabulary_check
from exports.opengraph import EDGE_ATTRIBUTES, GRAPH_ATTRIBUTES, NODE_ATTRIBUTES, Attribute

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
DOCUMENT = "(document)"
_NO_DTD = "DTDs and entities are not allowed in GraphML here"


@dataclass(frozen=True)
class Key:
    domain: str
    name: str
    default: str | None


def _q(tag: str) -> str:
    return f"{{{GRAPHML_NS}}}{tag}"


def _parse(data: str | bytes) -> etree._Element:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_FILE_BYTES:
        raise CaseFormatError(DOCUMENT, f"the file is larger than {MAX_FILE_BYTES} bytes")
    # Refused before parsing: libxml2 would otherwise read the declarations (and
    # stop a bomb with its own, cryptic message); the check after parsing stays for
    # encodings this byte search cannot see.
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise CaseFormatError(DOCUMENT, _NO_DTD)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise CaseFormatError(DOCUMENT, f"not well-formed XML: {exc.msg}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise CaseFormatError(DOCUMENT, _NO_DTD)
    if root.tag != _q("graphml"):
        raise CaseFormatError(
            DOCUMENT, f"not GraphML: the root must be <graphml> in the namespace {GRAPHML_NS}"
        )
    return root


def _keys(root: etree._Element) -> dict[str, Key]:
    keys: dict[str, Key] = {}
    for element in root.iterchildren(_q("key")):
        key_id = element.get("id")
        if not key_id or key_id in keys:
            raise CaseFormatError(f"key {key_id or '?'}", "needs an id of its own")
        default = element.find(_q("default"))
        keys[key_id] = Key(
            domain=element.get("for", "all"),
            name=element.get("attr.name") or key_id,
            default=None if default is None else "".join(default.itertext()),
        )
    return keys


def _values(
    element: etree._Element, keys: dict[str, Key], domain: str, where: str
) -> dict[str, str]:
    """The raw text of each attribute on `element`, by attribute name, defaults filled in."""
    found: dict[str, str] = {}
    for data in element.iterchildren(_q("data")):
        key = keys.get(data.get("key", ""))
        if key is None:
            raise CaseFormatError(where, f"data refers to an undeclared key {data.get('key')!r}")
        if key.domain not in (domain, "all"):
            continue
        if key.name in found:
            raise CaseFormatError(f"{where}: {key.name}", "is given twice")
        if len(data):
            raise CaseFormatError(f"{where}: {key.name}", "must be plain text")
        found[key.name] = "".join(data.itertext())
    for key in keys.values():
        if key.domain in (domain, "all") and key.default is not None:
            found.setdefault(key.name, key.default)
    return found


def _typed(raw: dict[str, str], attributes: tuple[Attribute, ...], where: str) -> dict[str, Any]:
    typed: dict[str, Any] = {}
    for attribute in attributes:
        if attribute.derived:
            continue
        if attribute.name not in raw:
            if not attribute.optional:
                raise CaseFormatError(f"{where}: {attribute.name}", "is missing")
            continue
        value = convert(raw[attribute.name], attribute, where)
        vocabulary_check(value, attribute.name, where)
        typed[attribute.name] = value
    return typed


def _the_graph(root: etree._Element) -> etree._Element:
    graphs = list(root.iterchildren(_q("graph")))
    if len(graphs) != 1:
        raise CaseFormatError(DOCUMENT, f"expected one <graph>, found {len(graphs)}")
    graph = graphs[0]
    for tag in ("hyperedge", "locator"):
        if graph.find(_q(tag)) is not None:
            raise CaseFormatError("graph", f"<{tag}> is not supported")
    return graph


def case_from_graphml(data: str | bytes) -> Case:
    """A transient case (in no database session) from a GraphML document."""
    root = _parse(data)
    keys = _keys(root)
    graph = _the_graph(root)
    case = _typed(_values(graph, keys, "graph", "graph"), GRAPH_ATTRIBUTES, "graph")
    persons, trusted, child = _persons(graph, keys)
    ties = _ties(graph, keys, {p["id"] for p in persons})
    document = {
        "format": FORMAT,
        "case": {
            "id": case["case"],
            "opened": case["opened"],
            "child": child,
            "birth_date": case.get("birth_date"),
            "expected_date": case.get("expected_date"),
        },
        "persons": persons,
        "ties": ties,
        "trusted_person": trusted,
    }
    try:
        return caseformat.parse_document(document)
    except CaseFormatError as exc:
        raise _located(exc, persons, ties) from None


def _persons(
    graph: etree._Element, keys: dict[str, Key]
) -> tuple[list[dict[str, Any]], str | None, str]:
    persons: list[dict[str, Any]] = []
    trusted: str | None = None
    child: str | None = None
    seen: set[str] = set()
    for node in graph.iterchildren(_q("node")):
        ref = node.get("id", "")
        where = f"node {ref}"
        if ref in seen:
            raise CaseFormatError(where, "this id is used twice")
        seen.add(ref)
        if node.find(_q("graph")) is not None:
            raise CaseFormatError(where, "nested graphs are not supported")
        attrs = _typed(_values(node, keys, "node", where), NODE_ATTRIBUTES, where)
        if attrs.pop("is_trusted", False):
            if trusted is not None:
                raise CaseFormatError(
                    f"{where}: is_trusted", f"only one trusted person, and {trusted} is already"
                )
            trusted = ref
        if attrs["kind"] == "child":
            if child is not None:
                raise CaseFormatError(f"{where}: kind", f"the case already has a child ({child})")
            child = ref
        if attrs.get("household") == "":
            attrs["household"] = None  # GraphML has no null: an empty household is none
        persons.append({"id": ref, **attrs})
    if child is None:
        raise CaseFormatError("graph", "no node has kind 'child'; the child is the case's centre")
    if trusted == child:
        raise CaseFormatError(f"node {child}: is_trusted", "the child cannot be the trusted person")
    return persons, trusted, child


def _ties(graph: etree._Element, keys: dict[str, Key], refs: set[str]) -> list[dict[str, Any]]:
    ties: list[dict[str, Any]] = []
    for edge in graph.iterchildren(_q("edge")):
        source, target = edge.get("source", ""), edge.get("target", "")
        where = edge_name(source, target)
        for end, ref in (("source", source), ("target", target)):
            if ref not in refs:
                raise CaseFormatError(f"{where}: {end}", f"there is no node {ref!r}")
        attrs = _typed(_values(edge, keys, "edge", where), EDGE_ATTRIBUTES, where)
        ties.append({"from": source, "to": target, **attrs})
    return ties


_LOCATED = re.compile(r"^(persons|ties)\[(\d+)\](?:\.(\w+))?")
_CASE_FIELDS = {"id": "case", "child": "child"}
_TIE_FIELDS = {"from": "source", "to": "target"}


def _located(
    exc: CaseFormatError, persons: list[dict[str, Any]], ties: list[dict[str, Any]]
) -> CaseFormatError:
    """The case reader names JSON paths; a GraphML user thinks in nodes and edges."""
    field = exc.field
    match = _LOCATED.match(field)
    if match is not None:
        kind, index, attribute = match.group(1), int(match.group(2)), match.group(3)
        if kind == "persons":
            where = f"node {persons[index]['id']}"
        else:
            where = edge_name(ties[index]["from"], ties[index]["to"])
            attribute = _TIE_FIELDS.get(attribute or "", attribute)
        return CaseFormatError(f"{where}: {attribute}" if attribute else where, exc.problem)
    if field.startswith("case."):
        name = field.removeprefix("case.")
        return CaseFormatError(f"graph: {_CASE_FIELDS.get(name, name)}", exc.problem)
    if field == "trusted_person":
        return CaseFormatError("graph: is_trusted", exc.problem)
    return CaseFormatError(f"graph: {field}", exc.problem)


def looks_like_graphml(path: str | Path) -> bool:
    """By extension (.graphml/.xml vs .json), else by content: XML starts with '<'."""
    suffix = Path(path).suffix.lower()
    if suffix in (".graphml", ".xml"):
        return True
    if suffix == ".json":
        return False
    try:
        with Path(path).open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return False  # the JSON reader reports the unreadable file
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def load_graphml_file(path: str | Path) -> Case:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CaseFormatError(DOCUMENT, f"the file is larger than {MAX_FILE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise CaseFormatError("(file)", f"cannot read {path}: {exc.strerror}") from exc
    return case_from_graphml(data)
