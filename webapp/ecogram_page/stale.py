"""Both versions of a person or a tie, for the side panel's conflict answer (409).

"Yours" is what the edit form sent (already validated, so every value is a
valid choice); "stored" is the row as it is in the database now. Values are
words in the user's language, put in the page with textContent by the script.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ecogram import labels
from ecogram.models import Case, Person, Tie
from ecogram.vocabulary import CandidateStatus, Flow
from webapp.conflicts import Conflict, Difference
from webapp.ecogram_page.forms import EditChildForm, EditPersonForm, EditTieForm
from webapp.labels import lang


def _word(table: str, value: object) -> str:
    return labels.label(table, str(value), lang()) if value else ""


def person(case: Case, stored: Person, form: EditPersonForm | EditChildForm) -> Conflict:
    fields = [
        Difference("name", _("Name"), form.name.data or "", stored.name),
        Difference("household", _("Household"), form.household.data or "", stored.household or ""),
    ]
    if isinstance(form, EditPersonForm):
        candidate = CandidateStatus(stored.candidate or CandidateStatus.NONE)
        fields += [
            Difference(
                "kind", _("Kind"), _word("kind", form.kind.data), _word("kind", stored.kind)
            ),
            Difference(
                "sector",
                _("Sector"),
                _word("sector", form.sector.data),
                _word("sector", stored.sector),
            ),
            Difference("ring", _("Ring"), str(form.ring.data), str(stored.ring)),
            Difference(
                "candidate",
                _("Candidate status"),
                _word("candidate", form.candidate.data),
                _word("candidate", candidate),
            ),
        ]
    return Conflict(
        what=_("person"),
        fields=fields,
        sent_version=str(form.version.data),
        stored_version=str(stored.version),
        back="",
    )


def _name(case: Case, person_id: int | None) -> str:
    return next((p.name for p in case.persons if p.id == person_id), "")


def _supports(values: list[str]) -> str:
    return ", ".join(_word("support", value) for value in values)


def tie(case: Case, stored: Tie, form: EditTieForm) -> Conflict:
    return Conflict(
        what=_("tie"),
        fields=[
            Difference("from", _("From"), _name(case, form.from_.data), stored.from_person.name),
            Difference("to", _("To"), _name(case, form.to.data), stored.to_person.name),
            Difference(
                "quality",
                _("Quality of the tie"),
                _word("quality", form.quality.data),
                _word("quality", stored.quality),
            ),
            Difference(
                "flow",
                _("Energy flow"),
                _word("flow", form.flow.data),
                _word("flow", Flow(stored.flow or Flow.NONE)),
            ),
            Difference(
                "support",
                _("Support"),
                _supports(list(dict.fromkeys(form.support.data or []))),
                _supports(list(stored.support or [])),
            ),
        ],
        sent_version=str(form.version.data),
        stored_version=str(stored.version),
        back="",
    )
