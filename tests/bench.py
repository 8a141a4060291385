"""`make bench`: the speed bars of DESIGN ("Performance"), measured as times and ratios.

Timing never runs inside the unit tests (a loaded CI machine would make them
flaky); this script prints the numbers and exits 1 when a bar is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from ecogram.checks import check_case
from ecogram.graph import build_graph, layout
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

        def build_and_lay_out(case: object = case) -> None:
            build_graph(case, TODAY)  # type: ignore[arg-type]
            layout(case)  # type: ignore[arg-type]

        rows.append(
            (f"{size}-person graph built and laid out (ms)", median_ms(build_and_lay_out), bar)
        )
        rows.append(
            (
                f"{size}-person case checked, all rules (ms)",
                median_ms(lambda c=case: check_case(c, TODAY)),
                bar,
            )
        )
    return rows


def bench_page() -> list[tuple[str, float, float]]:
    """A 40-person case page against a bare page served by the same app, as a ratio."""
    import tempfile
    from pathlib import Path

    from ecogram import storage
    from ecogram.accounts import UserRole, add_user, assign
    from ecogram.db import make_engine, session_scope
    from ecogram.migrate import init_database
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
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
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


def main() -> int:
    rows = bench_core() + bench_page()
    failed = False
    print(f"{'measure':<52} {'value':>10} {'bar':>10}")
    for name, value, bar in rows:
        ok = value <= bar
        failed |= not ok
        print(f"{name:<52} {value:>10.1f} {bar:>10.1f} {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
