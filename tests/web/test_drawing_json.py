"""The drawing data inside a page: compact JSON that reads back whole and ends no element."""

from __future__ import annotations

import json

from webapp.graphdata import html_safe_json


def test_the_drawing_data_reads_back_exactly_and_cannot_close_its_script_element() -> None:
    data = {
        "name": "</script><script>alert('x')</script> & <!-- Zoë",
        "numbers": [1.5, -120.4, 0.1, 3000],
        "ring_radii": {1: [0.0, 88.5]},
        "nothing": None,
        "flags": [True, False],
    }
    text = str(html_safe_json(data))
    for raw in ("<", ">", "&", "'"):
        assert raw not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {**data, "ring_radii": {"1": [0.0, 88.5]}}
