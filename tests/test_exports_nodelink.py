"""networkx node-link JSON: networkx reads it back with its own defaults."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from exports.nodelink import nodelink_data, nodelink_json
from exports.opengraph import case_graph
from tests.test_exports_graphml import AT, demo, example


def test_node_link_graph_with_its_defaults_reads_every_demo_case_back() -> None:
    for case in [example(), *demo()]:
        data = json.loads(nodelink_json(case, AT))
        assert data == nodelink_data(case, AT)
        graph = nx.node_link_graph(data)
        expected = case_graph(case, AT, join_lists=False)
        assert graph.is_directed() and not graph.is_multigraph()
        assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
        assert sorted(graph.edges(data=True)) == sorted(expected.edges(data=True))
        assert graph.graph == expected.graph


def test_the_file_uses_networkx_default_key_names() -> None:
    data = json.loads(nodelink_json(example(), AT))
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}
    assert all(set(edge) >= {"source", "target"} for edge in data["edges"])
    assert all("id" in node for node in data["nodes"])


def test_node_link_json_keeps_lists_and_the_ties_direction() -> None:
    data: Any = nodelink_data(example(), AT)
    assert data["edges"] == [
        {
            "source": "p3",
            "target": "p2",
            "quality": "strong",
            "flow": "forward",
            "support": ["childcare", "emotional"],
            "bond": "family",
        }
    ]
    assert {n["id"]: n["roles"] for n in data["nodes"]}["p3"] == ["respite"]
