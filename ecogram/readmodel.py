"""The ecogram's read model: what a view of a case's map shows, computed once per version.

A view is the persons, ties, layout with its placed labels, marks (anchor,
trusted person, active roles), findings, "Who else?" prompts and network overview
of one case, on one date, in one language. One function, `ecogram_view`, computes
it from one graph: the layout, the labels, the checks, the prompts and the
overview all read the graph `build_graph(case, at)` gives, built once.

Views are cached by `ViewKey`: the case, its revision, the date and the language.
The database gives a case a new revision on every write to anything in it, from
any process (the case-revision migration's triggers), so a key is never reused for other
content and a cached view is never stale: a reader that asks the revision first
either finds the view for it or builds one. `read_view` does exactly that.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import graph as core_graph
from ecogram import labelling
from ecogram.checks import DEFAULT_CONFIG, CheckConfig, check_case
from ecogram.findings import Finding, Severity, counted
from ecogram.i18n import words
from ecogram.labels import labels
from ecogram.map_loader import load_map
from ecogram.models import Case, Person, Tie
from ecogram.overview import Overview, isolated_persons, overview
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Role, Sector, TieQuality

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class ViewKey:
    """What a view depends on. `session` numbers a past session of the history."""

    case_id: int | None
    revision: int | None
    at: dt.date
    lang: str
    session: int | None = None


@dataclass(frozen=True, slots=True)
class PersonView:
    id: int
    ref: str
    name: str
    kind: PersonKind
    sector: Sector
    ring: int
    household: str
    candidate: CandidateStatus
    version: int
    roles: tuple[Role, ...]  #: active on the view's date, lightest first
    is_child: bool
    is_anchor: bool
    is_trusted: bool
    kind_label: str
    sector_label: str
    candidate_label: str
    role_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TieView:
    """One tie as entered; two ties between the same persons are both drawn."""

    id: int
    from_id: int
    to_id: int
    quality: TieQuality
    flow: Flow
    support: tuple[str, ...]
    version: int
    quality_label: str = ""
    flow_label: str = ""
    support_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SectorView:
    key: Sector
    label: str
    start: float  #: degrees, clockwise from the top
    end: float


#: The "Who else?" prompts a page shows of the unexplored strong ties; the rest are
#: counted under them, and listed among the findings. A large case has hundreds, and a
#: list of hundreds of prompts is no prompt: it also cost the page half its weight.
PROMPTS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class WhoElse:
    """Family Finding's prompts: empty sectors, unexplored strong ties, progress."""

    empty_sectors: tuple[SectorView, ...]
    unexplored: tuple[PersonView, ...]
    mapped: int
    target: int
    #: "And 550 more persons ..." under the prompts shown, when there are more
    more_text: str

    @property
    def shown(self) -> tuple[PersonView, ...]:
        return self.unexplored[:PROMPTS_SHOWN]


@dataclass(frozen=True, slots=True)
class CaseDates:
    """The case's own dates: the page's header says whether and until when it is kept."""

    birth_date: dt.date | None
    expected_date: dt.date | None
    closed: dt.date | None


@dataclass(frozen=True)
class EcogramView:
    key: ViewKey
    dates: CaseDates
    persons: tuple[PersonView, ...]
    ties: tuple[TieView, ...]
    drawing: labelling.Drawing  #: the layout with every label placed
    sectors: tuple[SectorView, ...]
    #: whatever `check_case` found, in its order; the badges count them per severity
    findings: tuple[Finding, ...]
    finding_counts: Mapping[str, int]
    finding_texts: Mapping[str, str]
    who_else: WhoElse
    overview: Overview

    @property
    def layout(self) -> core_graph.Layout:
        return self.drawing.layout

    @property
    def child(self) -> PersonView | None:
        return next((p for p in self.persons if p.is_child), None)

    def position(self, person: PersonView) -> tuple[float, float]:
        return self.layout.positions[person.ref]

    @functools.cached_property
    def _names(self) -> dict[int, str]:
        # The ties as text ask for two names a tie: a search each was quadratic.
        return {p.id: p.name for p in self.persons}

    def name_of(self, person_id: int) -> str:
        """The name of one of the view's persons (a tie's end), by id."""
        return self._names[person_id]


def ecogram_view(case: Case, key: ViewKey, config: CheckConfig = DEFAULT_CONFIG) -> EcogramView:
    """The read model of `case` on `key.at` in `key.lang`, from one graph built once."""
    at, lang = key.at, key.lang
    graph = core_graph.build_graph(case, at)
    drawing = labelling.labelled_layout(graph, lang)
    placed = drawing.layout
    findings = tuple(check_case(case, at, config, graph=graph))
    words = {
        table: labels(table, lang)
        for table in ("kind", "sector", "candidate", "role", "quality", "flow", "support")
    }
    nodes = graph.nodes
    persons = tuple(_person(person, nodes[person.ref], words) for person in case.persons)
    by_ref = {person.ref: person for person in persons}
    sectors = tuple(
        SectorView(sector, words["sector"][sector.value], start, end)
        for sector, (start, end) in placed.sector_angles.items()
    )
    empty = set(core_graph.empty_sectors(graph))
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    ties = tuple(_tie(tie, words) for tie in case.ties)
    unexplored = tuple(by_ref[ref] for ref in core_graph.unexplored_strong_ties(graph))
    return EcogramView(
        key=key,
        dates=CaseDates(case.birth_date, case.expected_date, case.closed),
        persons=persons,
        ties=ties,
        drawing=drawing,
        sectors=sectors,
        findings=findings,
        finding_counts=counts,
        finding_texts={severity: counted(severity, n, lang) for severity, n in counts.items()},
        who_else=WhoElse(
            empty_sectors=tuple(sector for sector in sectors if sector.key in empty),
            unexplored=unexplored,
            mapped=core_graph.persons_mapped(graph),
            target=config.family_finding_target,
            more_text=_more_prompts(len(unexplored) - PROMPTS_SHOWN, lang),
        ),
        overview=overview(
            persons,
            ties,
            isolated_persons(graph),
            lang=lang,
            target=config.family_finding_target,
        ),
    )


def _more_prompts(more: int, lang: str) -> str:
    if more <= 0:
        return ""
    return words(lang).ngettext(
        "And %(num)d more person with a strong tie whom nobody has considered yet.",
        "And %(num)d more persons with a strong tie whom nobody has considered yet.",
        more,
    )


def _person(
    person: Person, node: Mapping[str, Any], words: dict[str, dict[str, str]]
) -> PersonView:
    """The person's marks as of the view's date come from the graph, so all views agree."""
    roles = tuple(Role(role) for role in node["roles"])
    kind, sector = PersonKind(node["kind"]), Sector(node["sector"])
    candidate = CandidateStatus(node["candidate"])
    return PersonView(
        id=person.id,
        ref=person.ref,
        name=node["name"],
        kind=kind,
        sector=sector,
        ring=node["ring"],
        household=node["household"],
        candidate=candidate,
        version=person.version or 1,
        roles=roles,
        is_child=bool(node["is_child"]),
        is_anchor=bool(node["is_anchor"]),
        is_trusted=bool(node["is_trusted"]),
        kind_label=words["kind"][kind.value],
        sector_label=words["sector"][sector.value],
        candidate_label=words["candidate"][candidate.value],
        role_labels=tuple(words["role"][role.value] for role in roles),
    )


def _tie(tie: Tie, words: dict[str, dict[str, str]]) -> TieView:
    quality, flow = TieQuality(tie.quality), Flow(tie.flow or Flow.NONE)
    support = tuple(tie.support or ())
    return TieView(
        id=tie.id,
        from_id=tie.from_person.id,
        to_id=tie.to_person.id,
        quality=quality,
        flow=flow,
        support=support,
        version=tie.version or 1,
        quality_label=words["quality"][quality.value],
        flow_label=words["flow"][flow.value],
        support_labels=tuple(words["support"][s] for s in support),
    )


# --- The cache ---------------------------------------------------------------------------


class ViewCache(Generic[V]):
    """The most recently used values per `ViewKey`, up to a number of persons and ties.

    Bounded by the size of the cases rather than their number, so a worker that
    serves a few very large cases keeps its memory as one that serves many small
    ones. Safe to share between threads.
    """

    def __init__(self, capacity: int = 40_000) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[ViewKey, tuple[V, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def get(self, key: ViewKey) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: ViewKey, value: V, weight: int) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._held -= old[1]
            self._entries[key] = (value, weight)
            self._held += weight
            while self._held > self.capacity and len(self._entries) > 1:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._held -= dropped

    def __len__(self) -> int:
        return len(self._entries)


def revision_of(session: Session, case_id: int) -> int | None:
    """The case's revision as stored now, or None when there is no such case."""
    return session.scalar(select(Case.revision).where(Case.id == case_id))


def read_view(
    session: Session,
    cache: ViewCache[V],
    key: ViewKey,
    make: Callable[[EcogramView], V],
    load: Callable[[], Case | None] | None = None,
) -> V | None:
    """`make(view)` for `key`, from the cache or from a fresh view; None when the case is gone.

    `key.revision` must have been read before anything else of the case. The case
    is read with the lean loader unless `load` says otherwise (a past session is
    read from its snapshot). Each query of a load sees the database as it is at
    that moment, so a write may land in the middle of one; the value is therefore
    cached only when the revision is still the key's after the load.
    """
    found = cache.get(key)
    if found is not None:
        return found
    if key.case_id is None:
        return None
    with _collector_paused():
        case = load() if load is not None else load_map(session, key.case_id)
        if case is None:
            return None
        view = ecogram_view(case, key)
        value = make(view)
    if revision_of(session, key.case_id) == key.revision:
        cache.put(key, value, weight=len(view.persons) + len(view.ties) + 1)
    return value


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while a view is built.

    A view of 3,000 persons allocates hundreds of thousands of objects that live until
    the view is cached, and makes no garbage cycles; the collector would walk all of them
    several times over, a quarter of the build. Whoever disabled it keeps it disabled, and
    of two threads building at once the first to finish enables it again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
