"""Fictional demo data: five networks and five cases in the `ecogram-case/1` format.

Everything here is pure data; `ecogram demo` stores it. Case dates are computed
from `today` so the findings each case is meant to show never go stale. Every
name is invented, and organisations carry "(fictief)".
"""

from __future__ import annotations

from datetime import date

from ecogram.demo.builders import Doc
from ecogram.demo.flagged import case_with_errors, unstable_anchor
from ecogram.demo.networks import DEMO_NETWORKS, DemoActionPlan, DemoNetwork
from ecogram.demo.quiet import infant_with_respite, toddler_in_kinship_care, unborn_child

__all__ = ["DEMO_NETWORKS", "DemoActionPlan", "DemoNetwork", "demo_cases"]


def demo_cases(today: date) -> list[Doc]:
    """The demo cases as `ecogram-case/1` documents, dated relative to `today`."""
    builders = (
        unborn_child,
        infant_with_respite,
        toddler_in_kinship_care,
        case_with_errors,
        unstable_anchor,
    )
    return [build(today) for build in builders]
