"""The ecogram's read model: one graph, the lean loader, and a cache that is never stale."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ecogram import casetree, readmodel, storage
from ecogram import graph as core_graph
from ecogram.checks import check_case
from ecogram.db import session_scope
from ecogram.findings import Code
from ecogram.map_loader import load_map
from ecogram.models import Case
from ecogram.readmodel import ViewCache, ViewKey, ecogram_view, read_view, revision_of
from ecogram.vocabulary import Role, Sector
from tests.factories import d, make_rich_case
from tests.statements import statements

DAYS = (d("2026-01-01"), d("2026-02-17"), d("2026-06-01"), d("2026-09-01"))


def stored(engine: Engine, case: Case) -> int:
    with session_scope(engine) as session:
        return storage.save_case(session, case).id


# --- The lean loader ---------------------------------------------------------------------


@pytest.mark.parametrize("day", DAYS)
def test_the_lean_loader_gives_the_checks_what_the_whole_tree_gives(
    engine: Engine, day: dt.date
) -> None:
    case_id = stored(engine, make_rich_case(extra_persons=3))
    with session_scope(engine) as session:
        whole = storage.load_case(session, "c1")
        lean = load_map(session, case_id)
        assert whole is not None and lean is not None
        assert check_case(lean, day) == check_case(whole, day)
        assert check_case(lean, day)  # the rich case has something to say on each day


def test_the_lean_loader_leaves_assessment_notes_and_drafts_in_the_database(
    engine: Engine,
) -> None:
    case_id = stored(engine, make_rich_case())
    with session_scope(engine) as session:
        lean = load_map(session, case_id)
        assert lean is not None
        jet = next(p for p in lean.persons if p.name == "Oma Jet")
        (assessment,) = jet.assessments  # the final one; the draft is not read
        assert assessment.entries[0].note is None
        assert assessment.assessor is None
        # Plain objects, which no session can track.
        assert isinstance(lean, casetree.Case) and isinstance(jet, casetree.Person)


def test_the_lean_loader_answers_none_for_a_case_that_does_not_exist(session: Session) -> None:
    assert load_map(session, 4242) is None


def test_the_lean_loader_costs_the_same_queries_whatever_the_size(engine: Engine) -> None:
    ids = {n: stored(engine, make_rich_case(f"c{n}", extra_persons=n - 4)) for n in (10, 300)}
    used = {}
    for size, case_id in ids.items():
        with session_scope(engine) as session, statements(engine) as seen:
            load_map(session, case_id)
        used[size] = len(seen)
    # The case, its persons, roles, final assessments and their entries, ties and anchor
    # periods; the trajectory and its care tables, evaluations, budget, stays and actions.
    assert used == {10: 13, 300: 13}


# --- One graph ---------------------------------------------------------------------------


def test_a_view_builds_its_graph_once_for_the_drawing_the_checks_and_the_prompts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[nx.Graph] = []
    real = core_graph.build_graph

    def counting(case: Case, at: dt.date | None = None) -> nx.Graph:
        built.append(real(case, at))
        return built[-1]

    monkeypatch.setattr(core_graph, "build_graph", counting)
    case = numbered(make_rich_case(extra_persons=2))
    view = ecogram_view(case, ViewKey(1, 7, d("2026-02-17"), "en"))
    assert len(built) == 1
    assert view.findings == tuple(check_case(case, d("2026-02-17")))


def numbered(case: Case) -> Case:
    for i, person in enumerate(case.persons, start=1):
        person.id = i
    for i, tie in enumerate(case.ties, start=1):
        tie.id = i
    return case


def test_a_view_holds_the_marks_prompts_and_badges_of_its_day() -> None:
    case = numbered(make_rich_case())
    view = ecogram_view(case, ViewKey(1, 7, d("2026-03-01"), "nl"))
    jet = next(p for p in view.persons if p.name == "Oma Jet")
    sara = next(p for p in view.persons if p.name == "Sara")
    assert (sara.is_anchor, jet.is_anchor, jet.is_trusted) == (True, False, True)
    assert jet.roles == (Role.RESPITE,) and jet.role_labels == ("respijtzorg",)
    assert view.child is not None and view.child.name == "Baby Noor"
    assert view.who_else.mapped == 3 and view.who_else.target == 40
    # Buurman Ali is a friend; nobody is in the other three sectors yet.
    assert [s.key for s in view.who_else.empty_sectors] == [
        Sector.NEIGHBOURHOOD,
        Sector.CHILDCARE_SCHOOL,
        Sector.PROFESSIONAL,
    ]
    assert view.who_else.unexplored == ()  # Oma Jet, the one strong tie, is being assessed
    found = check_case(case, d("2026-03-01"))
    assert dict(view.finding_counts) == {
        severity: sum(f.severity.value == severity for f in found)
        for severity in ("error", "warning", "info")
    }
    # Fewer than 40 persons mapped, and the three empty sectors.
    assert view.finding_counts["info"] == 4 and view.finding_texts["info"] == "4 meldingen"
    assert sum(f.code is Code.EMPTY_SECTOR for f in view.findings) == 3


# --- The cache ---------------------------------------------------------------------------


def key(case_id: int, revision: int = 1) -> ViewKey:
    return ViewKey(case_id, revision, d("2026-02-17"), "nl")


def test_the_cache_forgets_the_least_recently_used_views_beyond_its_capacity() -> None:
    cache: ViewCache[str] = ViewCache(capacity=10)
    cache.put(key(1), "one", weight=4)
    cache.put(key(2), "two", weight=4)
    assert cache.get(key(1)) == "one"  # now the most recently used
    cache.put(key(3), "three", weight=4)
    assert (cache.get(key(1)), cache.get(key(2)), cache.get(key(3))) == ("one", None, "three")


def test_the_cache_keeps_one_view_even_if_it_is_larger_than_its_capacity() -> None:
    cache: ViewCache[str] = ViewCache(capacity=10)
    cache.put(key(1), "huge", weight=50)
    assert cache.get(key(1)) == "huge"
    cache.put(key(2), "small", weight=1)
    assert (cache.get(key(1)), cache.get(key(2))) == (None, "small")


def test_a_view_is_read_once_and_then_served_from_the_cache(engine: Engine) -> None:
    case_id = stored(engine, make_rich_case())
    cache: ViewCache[readmodel.EcogramView] = ViewCache()
    loads: list[int] = []

    def load(session: Session) -> Case | None:
        loads.append(1)
        return load_map(session, case_id)

    with session_scope(engine) as session:
        now = ViewKey(case_id, revision_of(session, case_id), d("2026-02-17"), "nl")
        first = read_view(session, cache, now, lambda v: v, load=lambda: load(session))
        again = read_view(session, cache, now, lambda v: v, load=lambda: load(session))
    assert first is again and len(loads) == 1


def test_a_view_read_while_the_case_changed_is_served_but_not_kept(engine: Engine) -> None:
    case_id = stored(engine, make_rich_case())
    cache: ViewCache[readmodel.EcogramView] = ViewCache()
    with session_scope(engine) as session:
        old = ViewKey(case_id, revision_of(session, case_id), d("2026-02-17"), "nl")

    def load_while_someone_writes() -> Case | None:
        with engine.begin() as other:  # another writer commits while the view is read
            other.execute(text("UPDATE person SET name = 'Oma Jet' WHERE name = 'Oma Jet'"))
        with session_scope(engine) as session:
            return load_map(session, case_id)

    with session_scope(engine) as session:
        served = read_view(session, cache, old, lambda v: v, load=load_while_someone_writes)
    assert served is not None
    assert cache.get(old) is None
