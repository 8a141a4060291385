"""The five fictional networks, each with its regions, organisations and action plan.

Approval dates are kept as "months before today" so the plan year is always
under way in a demo: `approval_date(plan, today)` turns them into a date.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from ecogram.dates import add_months
from ecogram.vocabulary import NETWORK_NAMES, NetworkSlug


class DemoActionPlan(TypedDict):
    approved_months_ago: int  #: the plan year started this many months before today
    committed: int
    region_commitments: dict[str, int]  #: region name -> trajectories committed
    expertise_needs: str
    fund_holder: str  #: one of the network's organisations (the penhouder)


class DemoNetwork(TypedDict):
    name: str
    regions: list[str]  #: 1G1P regions
    organisations: list[str]
    action_plan: DemoActionPlan


def _network(
    slug: NetworkSlug,
    commitments: dict[str, int],
    organisations: list[str],
    approved_months_ago: int,
    needs: str,
) -> DemoNetwork:
    """One network; its first organisation holds the funds, and commitments set its regions."""
    return {
        "name": NETWORK_NAMES[slug],
        "regions": list(commitments),
        "organisations": organisations,
        "action_plan": {
            "approved_months_ago": approved_months_ago,
            "committed": sum(commitments.values()),
            "region_commitments": commitments,
            "expertise_needs": needs,
            "fund_holder": organisations[0],
        },
    }


DEMO_NETWORKS: dict[NetworkSlug, DemoNetwork] = {
    NetworkSlug.ANTWERPEN: _network(
        NetworkSlug.ANTWERPEN,
        {"Antwerpen": 10, "Kempen": 8, "Mechelen": 6},
        ["CKG De Kleine Haven (fictief)", "Pleegzorg Scheldeland (fictief)"],
        7,
        "Vorming in IMH-screening van kandidaat-zorgfiguren voor contextbegeleiders.",
    ),
    NetworkSlug.LIMBURG: _network(
        NetworkSlug.LIMBURG,
        {"Noord-Limburg": 8, "Midden-Limburg": 10, "Zuid-Limburg": 6},
        ["Pleegzorg Maasland (fictief)", "CKG De Heidebloem (fictief)"],
        8,
        "Intervisie rond netwerkonderzoek (Family Finding) en veiligheidsplanning.",
    ),
    NetworkSlug.OOST_VLAANDEREN: _network(
        NetworkSlug.OOST_VLAANDEREN,
        {"Gent": 7, "Waasland": 5, "Meetjesland": 4, "Zuid-Oost-Vlaanderen": 4},
        ["Pleegzorg Leiestroom (fictief)", "Gezinsondersteuning De Brug (fictief)"],
        13,
        "Coaching van pleegzorgbegeleiders in het begeleiden van zorgfiguren naast de ouders.",
    ),
    NetworkSlug.VLAAMS_BRABANT_BRUSSEL: _network(
        NetworkSlug.VLAAMS_BRABANT_BRUSSEL,
        {"Leuven": 6, "Halle-Vilvoorde": 7, "Brussel": 5},
        [
            "CKG Het Nest (fictief)",
            "Pleegzorg Zennevallei (fictief)",
            "Netwerk Jonge Kind Dijleland (fictief)",
        ],
        6,
        "Tweetalige zorgtafels en expertise rond perinatale psychiatrie.",
    ),
    NetworkSlug.WEST_VLAANDEREN: _network(
        NetworkSlug.WEST_VLAANDEREN,
        {
            "Noord-West-Vlaanderen": 5,
            "Midden-West-Vlaanderen": 4,
            "Zuid-West-Vlaanderen": 4,
            "Westhoek": 3,
        },
        ["CKG De Zeester (fictief)", "Pleegzorg IJzerland (fictief)"],
        5,
        "Opbouw van een pool van deskundigen voor zorgtafels binnen 48 uur.",
    ),
}


def approval_date(plan: DemoActionPlan, today: date) -> date:
    """When the demo plan was approved, seen from `today` (month ends clamp)."""
    return add_months(today, -plan["approved_months_ago"])
