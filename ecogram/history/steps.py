"""One change of the ecogram as a patch: what it touched, as it stood before and after.

A patch is computed from two canonical `ecogram-case/1` documents (the case
before and after one saved change) and holds only what differs:

- persons, by ref: the person's fields with their assessments, roles and
  anchor periods, because removing a person takes those along and undoing
  the removal must bring them back;
- ties, by their pair of persons (a pair has at most one tie);
- the trusted person.

`None` stands for "not there". Everything here works on plain documents and
is pure, so undoing (apply the reversed patch), redoing (apply the patch) and
putting back a removal are tested without a database; `ecogram.history.replay`
writes a patch onto a stored case.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ecogram.history.changes import PERSON_FIELDS, TIE_FIELDS, PersonChange, SessionDiff, TieChange

Entry = dict[str, Any] | None
Pair = frozenset[str]
#: What a person brings along: the document's lists that name them in "person".
OWNED = ("assessments", "roles", "anchors")


def person_entries(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each person of a document by ref, with their assessments, roles and anchor periods."""
    owned: dict[str, dict[str, list[Any]]] = {}
    for key in OWNED:
        for entry in document[key]:
            rest = {k: v for k, v in entry.items() if k != "person"}
            owned.setdefault(entry["person"], {}).setdefault(key, []).append(rest)
    return {
        p["id"]: dict(p) | {key: owned.get(p["id"], {}).get(key, []) for key in OWNED}
        for p in document["persons"]
    }


def tie_entries(document: Mapping[str, Any]) -> dict[Pair, dict[str, Any]]:
    return {frozenset((t["from"], t["to"])): dict(t) for t in document["ties"]}


def _differing(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> dict[Any, tuple[Entry, Entry]]:
    keys = list(old) + [key for key in new if key not in old]
    return {key: (old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key)}


@dataclass(frozen=True)
class Patch:
    persons: Mapping[str, tuple[Entry, Entry]] = field(default_factory=dict)
    ties: Mapping[Pair, tuple[Entry, Entry]] = field(default_factory=dict)
    #: (before, after) refs of the trusted person, when that changed
    trusted: tuple[str | None, str | None] | None = None

    @property
    def empty(self) -> bool:
        return not self.persons and not self.ties and self.trusted is None

    def reversed(self) -> Patch:
        """The patch that takes the change back."""
        return Patch(
            persons={ref: (after, before) for ref, (before, after) in self.persons.items()},
            ties={pair: (after, before) for pair, (before, after) in self.ties.items()},
            trusted=None if self.trusted is None else (self.trusted[1], self.trusted[0]),
        )

    @property
    def removed_refs(self) -> list[str]:
        """The persons this patch takes off the ecogram."""
        return [ref for ref, (before, after) in self.persons.items() if after is None and before]

    def applies_to(self, document: Mapping[str, Any]) -> bool:
        """Whether `document` still shows everything this patch changes as it stood before.

        A person the patch removes may have no tie the patch does not remove too,
        or the tie would be left hanging.
        """
        persons, ties = person_entries(document), tie_entries(document)
        if any(persons.get(ref) != before for ref, (before, _) in self.persons.items()):
            return False
        if any(ties.get(pair) != before for pair, (before, _) in self.ties.items()):
            return False
        if self.trusted is not None and document["trusted_person"] != self.trusted[0]:
            return False
        leaving = set(self.removed_refs)
        return not any(pair & leaving for pair in ties if pair not in self.ties)

    def apply(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of `document` with every entry as this patch leaves it.

        Persons and ties that come back are added at the end, as the database
        adds them; entries keep comparing equal whatever their place.
        """
        result = dict(document)
        touched = set(self.persons)
        persons = [p for p in document["persons"] if p["id"] not in touched]
        owned: dict[str, list[Any]] = {
            key: [e for e in document[key] if e["person"] not in touched] for key in OWNED
        }
        for ref, (_, after) in self.persons.items():
            if after is None:
                continue
            persons.append({k: v for k, v in after.items() if k not in OWNED})
            for key in OWNED:
                owned[key] += [{"person": ref} | entry for entry in after[key]]
        result["persons"] = persons
        result.update(owned)
        ties = [t for t in document["ties"] if frozenset((t["from"], t["to"])) not in self.ties]
        ties += [dict(after) for _, after in self.ties.values() if after is not None]
        result["ties"] = ties
        if self.trusted is not None:
            result["trusted_person"] = self.trusted[1]
        return result

    def removals(self) -> Patch:
        """Only the persons and ties this patch took away."""
        return Patch(
            persons={r: e for r, e in self.persons.items() if e[0] is not None and e[1] is None},
            ties={p: e for p, e in self.ties.items() if e[0] is not None and e[1] is None},
        )

    def without_person(self, ref: str) -> Patch:
        """The patch with every trace of one person gone: for erasing them."""
        trusted = self.trusted
        if trusted is not None and ref in trusted:
            cleared = tuple(None if r == ref else r for r in trusted)
            trusted = None if cleared[0] == cleared[1] else (cleared[0], cleared[1])
        return Patch(
            persons={r: e for r, e in self.persons.items() if r != ref},
            ties={p: e for p, e in self.ties.items() if ref not in p},
            trusted=trusted,
        )

    # --- Stored form ----------------------------------------------------------------------

    def dumps(self) -> str:
        document = {
            "persons": [
                {"ref": ref, "before": before, "after": after}
                for ref, (before, after) in self.persons.items()
            ],
            "ties": [
                {"pair": sorted(pair), "before": before, "after": after}
                for pair, (before, after) in self.ties.items()
            ],
            "trusted": None if self.trusted is None else list(self.trusted),
        }
        return json.dumps(document, ensure_ascii=False, sort_keys=True)

    @classmethod
    def loads(cls, text: str) -> Patch:
        document = json.loads(text)
        trusted = document["trusted"]
        return cls(
            persons={e["ref"]: (e["before"], e["after"]) for e in document["persons"]},
            ties={frozenset(e["pair"]): (e["before"], e["after"]) for e in document["ties"]},
            trusted=None if trusted is None else (trusted[0], trusted[1]),
        )


def between(before: Mapping[str, Any], after: Mapping[str, Any]) -> Patch:
    """What changed from one canonical document to the next."""
    trusted = (before["trusted_person"], after["trusted_person"])
    return Patch(
        persons=_differing(person_entries(before), person_entries(after)),
        ties=_differing(tie_entries(before), tie_entries(after)),
        trusted=trusted if trusted[0] != trusted[1] else None,
    )


def put_back(removal: Patch, document: Mapping[str, Any]) -> Patch:
    """The part of a removal that can come back onto `document` as it stands now.

    Persons who are not on the ecogram now come back with everything they had;
    a tie comes back when both its persons will be there and they have no tie yet.
    """
    persons, ties = person_entries(document), tie_entries(document)
    back = {
        ref: (None, before)
        for ref, (before, _) in removal.removals().persons.items()
        if ref not in persons
    }
    present = set(persons) | set(back)
    tied = {
        pair: (None, before)
        for pair, (before, _) in removal.removals().ties.items()
        if pair not in ties and pair <= present
    }
    return Patch(persons=back, ties=tied)


def describe(patch: Patch, names: Mapping[str, str]) -> SessionDiff:
    """The patch in the history's terms; `names` names the ends of ties the patch leaves alone."""
    known = dict(names)
    for ref, (before, after) in patch.persons.items():
        known[ref] = (after or before or {}).get("name", ref)

    def tie(entry: Mapping[str, Any], fields: tuple[str, ...] = ()) -> TieChange:
        ends = entry["from"], entry["to"]
        return TieChange(*ends, known.get(ends[0], ends[0]), known.get(ends[1], ends[1]), fields)

    added, removed, changed = [], [], []
    for ref, (before, after) in patch.persons.items():
        if before is None and after is not None:
            added.append(PersonChange(ref, after["name"]))
        elif after is None and before is not None:
            removed.append(PersonChange(ref, before["name"]))
        elif before is not None and after is not None:
            changed.append(PersonChange(ref, after["name"], _person_fields(before, after)))
    ties_added, ties_removed, ties_changed = [], [], []
    for before, after in patch.ties.values():
        if before is None and after is not None:
            ties_added.append(tie(after))
        elif after is None and before is not None:
            ties_removed.append(tie(before))
        elif before is not None and after is not None:
            ties_changed.append(tie(after, _tie_fields(before, after)))
    return SessionDiff(
        persons_added=added,
        persons_removed=removed,
        persons_changed=changed,
        ties_added=ties_added,
        ties_removed=ties_removed,
        ties_changed=ties_changed,
        trusted_person=patch.trusted,
    )


def _person_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    # The history names an anchor period "anchor", as changes.diff does.
    names = {"anchors": "anchor"}
    keys: Iterable[str] = (*PERSON_FIELDS, *OWNED)
    return tuple(names.get(k, k) for k in keys if before.get(k) != after.get(k))


def _tie_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    fields = tuple(f for f in TIE_FIELDS if before[f] != after[f])
    return fields + (("direction",) if before["from"] != after["from"] else ())
