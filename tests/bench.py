"""`make bench`: the speed bars of docs/architecture.md, measured as times and ratios.

Timing never runs inside the unit tests (a loaded CI machine would make them
flaky); this script prints the numbers and exits 1 when a bar is missed.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from ecogram.checks import check_case
from ecogram.db import make_engine, session_scope
from ecogram.graph import build_graph, layout
from ecogram.migrate import init_database
from ecogram.models import ActionPlan, Base, Case, Network, Region
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
from tests.factories import d, make_network_case

TODAY = d("2026-11-23")


def median_ms(work: Callable[[], object], runs: int = 15) -> float:
    work()  # warm caches and imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_core() -> list[tuple[str, float, float]]:
    rows = []
    for size, bar in ((300, 100.0), (3000, 1000.0)):
        case = make_network_case(size)

        def build_and_lay_out(case: Case = case) -> None:
            build_graph(case, TODAY)
            layout(case)

        def check_all(case: Case = case) -> None:
            check_case(case, TODAY)

        rows.append(
            (f"{size}-person graph built and laid out (ms)", median_ms(build_and_lay_out), bar)
        )
        rows.append(
            (
                f"{size}-person case checked, all rules (ms)",
                median_ms(check_all),
                bar,
            )
        )
    return rows


def bench_page() -> list[tuple[str, float, float]]:
    """A 40-person case page against a bare page served by the same app, as a ratio."""
    from ecogram import storage
    from ecogram.accounts import UserRole, add_user, assign
    from webapp import create_app

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = make_engine(url)
        init_database(engine)
        with session_scope(engine) as session:
            case = storage.save_case(session, make_network_case(40, ref="bench40"))
            user = add_user(
                session, username="bench", password="bench-password-1", role=UserRole.CONTEXT_WORKER
            )
            assign(session, user, case)
            case_id = case.id
        engine.dispose()
        app = create_app(
            {
                "DATABASE_URL": url,
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "REQUIRE_SECOND_FACTOR": False,
            }
        )
        app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
        client = app.test_client()
        base = {"base_url": "https://localhost"}
        client.post("/login", data={"username": "bench", "password": "bench-password-1"}, **base)
        page = median_ms(lambda: client.get(f"/cases/{case_id}/", **base), runs=30)
        data = median_ms(lambda: client.get(f"/cases/{case_id}/graph.json", **base), runs=30)
        bare = median_ms(lambda: client.get("/bench-bare", **base), runs=30)
        app.extensions["ecogram.engine"].dispose()
    return [
        ("40-person ecogram page / bare page (ratio)", page / bare, 2.0),
        ("40-person graph.json / bare page (ratio)", data / bare, 2.0),
        ("40-person ecogram page (ms)", page, 100.0),
    ]


# --- The network report at 100,000 trajectories -------------------------------------------

REPORT_TRAJECTORIES = 100_000
REPORT_REGIONS = 8
REPORT_BAR_MS = 1000.0  # the bar: 100,000 trajectories in under 1 s
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


def time_report(engine: Engine, start: dt.date, end: dt.date) -> float:
    with session_scope(engine) as session:
        return median_ms(lambda: network_report(session, NetworkSlug.LIMBURG, start, end), runs=5)


def bench_report() -> list[tuple[str, float, float]]:
    """The report over all 100,000 trajectories (six years) and over one year of them."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'report.sqlite3'}")
        rows += _report_times("SQLite", engine)
        engine.dispose()
    with _postgres_scratch() as engine:
        rows += _report_times("PostgreSQL", engine)
    return rows


def _report_times(label: str, engine: Engine) -> list[tuple[str, float, float]]:
    loaded = fill_report_database(engine)
    print(f"{label}: {REPORT_TRAJECTORIES:,} trajectories loaded in {loaded:.1f} s", flush=True)
    every = time_report(engine, REPORT_FIRST_DAY, TODAY)
    year = time_report(engine, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    return [
        (f"report, 100k trajectories, {label} (ms)", every, REPORT_BAR_MS),
        (f"report, one year (~17k), {label} (ms)", year, REPORT_BAR_MS),
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


SECTIONS: dict[str, Callable[[], list[tuple[str, float, float]]]] = {
    "core": bench_core,
    "page": bench_page,
    "report": bench_report,
}


def main(argv: list[str]) -> int:
    """Every section, or only those named (`python -m tests.bench report`)."""
    unknown = [name for name in argv if name not in SECTIONS]
    if unknown:
        print(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    rows = [row for name in (argv or SECTIONS) for row in SECTIONS[name]()]
    failed = False
    print(f"{'measure':<52} {'value':>10} {'bar':>10}")
    for name, value, bar in rows:
        ok = value <= bar
        failed |= not ok
        print(f"{name:<52} {value:>10.1f} {bar:>10.1f} {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
