"""The network report as JSON: the published document, keys as docs/report.md names them."""

from __future__ import annotations

import json

from ecogram.report_model import NetworkReport


def report_json(report: NetworkReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
