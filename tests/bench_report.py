"""`make bench`'s report rows: the network report over 100,000 trajectories, both databases."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database
from ecogram.models import ActionPlan, Base, Network, Region
from ecogram.report import network_report
from ecogram.vocabulary import (
    BudgetCategory,
    CandidateStatus,
    NetworkSlug,
    Outcome,
    PersonKind,
    Referrer,
    Role,
    Sector,
    StayKind,
    TrajectoryKind,
)
from tests.benchrows import Row
from tests.factories import d

TODAY = d("2026-11-23")

REPORT_TRAJECTORIES = 100_000
REPORT_REGIONS = 8
REPORT_BAR_MS = 500.0  # the bar: 100,000 trajectories in under half a second
REPORT_FIRST_DAY = dt.date(2021, 1, 1)
# In the order the foreign keys need them.
REPORT_TABLES = (
    "case",
    "person",
    "anchor_period",
    "role_assignment",
    "trajectory",
    "care_table",
    "budget_item",
    "stay",
)
Rows = dict[str, list[dict[str, Any]]]


def report_rows(count: int, network_id: int, regions: list[int]) -> Rows:
    """`count` cases with one trajectory each, in proportions like Limburg 2019.

    About half get a care table (31 of 60) and half of those a budget item (16 of
    31); a quarter have a stay, a third a care figure with a role, one in seven a
    non-parent anchor. Ids are set here, so each table goes in as one executemany.
    """
    rnd = random.Random(4)  # noqa: S311  (seeded so every run measures the same data)
    rows: Rows = {table: [] for table in REPORT_TABLES}
    statuses, roles = list(CandidateStatus), list(Role)
    for n in range(1, count + 1):
        referred = REPORT_FIRST_DAY + dt.timedelta(days=rnd.randrange(6 * 365))
        rows["case"].append(
            {"id": n, "ref": f"b{n}", "opened": referred, "expected_date": referred}
        )
        for person, kind in ((3 * n - 2, PersonKind.CHILD), (3 * n - 1, PersonKind.PARENT)):
            rows["person"].append(_bench_person(person, n, kind, CandidateStatus.NONE))
        rows["person"].append(_bench_person(3 * n, n, PersonKind.GRANDPARENT, rnd.choice(statuses)))
        anchor = 3 * n if rnd.random() < 1 / 7 else 3 * n - 1
        rows["anchor_period"].append({"case_id": n, "person_id": anchor, "start": referred})
        if rnd.random() < 1 / 3:
            for role in rnd.sample(roles, rnd.choice((1, 1, 2))):
                rows["role_assignment"].append(
                    {"person_id": 3 * n, "role": role, "start": referred}
                )
        ended = referred + dt.timedelta(days=rnd.randrange(60, 200))
        done = ended < TODAY
        rows["trajectory"].append(
            {
                "id": n,
                "case_id": n,
                "network_id": network_id,
                "region_id": regions[n % len(regions)] if n % 11 else None,
                "kind": TrajectoryKind.CARE_GUARANTEE if n % 5 == 0 else _SEARCH,
                "referred": referred,
                "referrer": Referrer.HOSPITAL,
                "extended": rnd.random() < 0.2,
                "ended": ended if done else None,
                "outcome": rnd.choice(list(Outcome)) if done else None,
            }
        )
        has_table = rnd.random() < 31 / 60
        for i in range(rnd.choice((1, 1, 2)) if has_table else 0):
            day = referred + dt.timedelta(days=1 + 40 * i)
            rows["care_table"].append({"trajectory_id": n, "date": day})
        if rnd.random() < (16 / 31 if has_table else 0.03):
            for i in range(rnd.choice((1, 2, 3))):
                amount = Decimal(rnd.randrange(100, 2000))
                day = referred + dt.timedelta(days=7 * i)
                rows["budget_item"].append(
                    {"trajectory_id": n, "date": day, "category": _GUIDANCE, "amount": amount}
                )
        if rnd.random() < 0.25:
            start = referred + dt.timedelta(days=rnd.randrange(30))
            end = start + dt.timedelta(days=rnd.randrange(1, 60))
            stay = {"kind": rnd.choice(list(StayKind)), "start": start, "end": end}
            rows["stay"].append({"trajectory_id": n, **stay})
    return rows


_SEARCH, _GUIDANCE = TrajectoryKind.CARE_FIGURE_SEARCH, BudgetCategory.GUIDANCE


def _bench_person(
    person: int, case: int, kind: PersonKind, status: CandidateStatus
) -> dict[str, Any]:
    return {
        "id": person,
        "case_id": case,
        "ref": f"p{person}",
        "name": "Bench",
        "kind": kind,
        "sector": Sector.FAMILY,
        "ring": 1,
        "candidate": status,
    }


def fill_report_database(engine: Engine) -> float:
    """Migrate, seed and bulk-load the trajectories; returns the seconds it took."""
    began = time.perf_counter()
    init_database(engine)
    with session_scope(engine) as session:
        network = session.scalars(select(Network).where(Network.slug == NetworkSlug.LIMBURG)).one()
        session.add_all(Region(network=network, name=f"Regio {i}") for i in range(REPORT_REGIONS))
        session.add(ActionPlan(network=network, approved=REPORT_FIRST_DAY, committed=12))
        session.flush()
        network_id, regions = network.id, [region.id for region in network.regions]
    rows = report_rows(REPORT_TRAJECTORIES, network_id, regions)
    tables = Base.metadata.tables
    with engine.begin() as connection:
        for name in REPORT_TABLES:
            connection.execute(insert(tables[name]), rows[name])
    if engine.dialect.name == "postgresql":
        # Autovacuum analyses a table after a load like this one, soon; measuring before it
        # has would time plans made without statistics. SQLite gets none: the app runs none.
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    return time.perf_counter() - began


def time_report(engine: Engine, start: dt.date, end: dt.date, runs: int = 7) -> list[float]:
    """Milliseconds per report, each after another 1,000 cases changed (after one to warm).

    Each report reads, refreshes the facts of the changed cases and commits, as the
    dashboard's request does; the changes go in before the clock starts.
    """
    times = []
    for run in range(runs + 1):
        change_cases(engine, run)
        began = time.perf_counter()
        with session_scope(engine) as session:
            network_report(session, NetworkSlug.LIMBURG, start, end)
        if run:
            times.append((time.perf_counter() - began) * 1000)
    return times


#: Each run changes the cases whose id leaves this remainder, 1 % of them.
CHANGED_EVERY = 100


def change_cases(engine: Engine, run: int) -> None:
    """1,000 of the 100,000 cases change, as others' work would change them between two
    reports: plain SQL, whose revision triggers make those cases' facts stale. Person
    3n is case n's grandparent; her candidate status goes from suitable to declined, or
    the other way."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE person SET candidate = CASE candidate WHEN 'suitable' THEN 'declined'"
                " ELSE 'suitable' END WHERE id IN"
                ' (SELECT 3 * id FROM "case" WHERE id % :every = :run)'
            ),
            {"every": CHANGED_EVERY, "run": run % CHANGED_EVERY},
        )


def first_report(engine: Engine) -> float:
    """Milliseconds of the first report, which computes the facts of every case."""
    began = time.perf_counter()
    with session_scope(engine) as session:
        network_report(session, NetworkSlug.LIMBURG, REPORT_FIRST_DAY, TODAY)
    took = (time.perf_counter() - began) * 1000
    if engine.dialect.name == "postgresql":
        # As after the load: autovacuum analyses a table that 100,000 rows just went into.
        with engine.begin() as connection:
            connection.execute(text("ANALYZE case_report_facts"))
    return took


def bench_report() -> list[Row]:
    """The report over all 100,000 trajectories (six years) and over one year of them."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'report.sqlite3'}")
        rows += _report_times("SQLite", engine)
        engine.dispose()
    with _postgres_scratch() as engine:
        rows += _report_times("PostgreSQL", engine)
    return rows


def _report_times(label: str, engine: Engine) -> list[Row]:
    loaded = fill_report_database(engine)
    print(f"{label}: {REPORT_TRAJECTORIES:,} trajectories loaded in {loaded:.1f} s", flush=True)
    built = first_report(engine)
    every = time_report(engine, REPORT_FIRST_DAY, TODAY)
    year = time_report(engine, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    changed = "each after 1,000 cases changed (1 %), their facts refreshed within the time"
    return [
        Row(
            f"network report, 100,000 trajectories, {label} (ms)",
            every,
            REPORT_BAR_MS,
            detail=f"{changed}; the first report, computing every case's facts: {built:,.0f} ms",
        ),
        Row(
            f"network report, one year (~17,000), {label} (ms)",
            year,
            REPORT_BAR_MS,
            detail=changed,
        ),
    ]


@contextmanager
def _postgres_scratch() -> Iterator[Engine]:
    """A throw-away schema on the test database (tests/conftest.py's URL)."""
    from tests.conftest import PG_URL

    admin = create_engine(PG_URL)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
