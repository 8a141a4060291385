"""Forms of the network page: regions, organisations and the action plan.

The action plan form gets one commitment field per region of the network, so it
is built per request (`plan_form(network)`); a region of another network is
simply not a field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from ecogram.models import ActionPlan, Network
from ecogram.networks import MAX_BUDGET, MAX_COMMITTED, MAX_EXPERTISE_NEEDS, NetworkError
from webapp.validators import plausible_date, strip

#: The fund holder select's value for "nobody chosen yet".
NO_FUND_HOLDER = ""

#: The core's refusals (NetworkError.code) in the user's language.
PROBLEMS: dict[str, Any] = {
    "empty": _l("Enter a name."),
    "too_long": _l("Use at most %(limit)s characters."),
    "control": _l("Remove the control characters."),
    "taken": _l("The network already has one called %(name)s."),
    "region_in_use": _l(
        "Trajectories referred in %(name)s: %(n)s. The region stays, "
        "so the report per region keeps its figures."
    ),
    "fund_holder_in_use": _l(
        "%(name)s holds the funds of the action plan. Choose another fund holder first."
    ),
    "over_total": _l(
        "Together the regions commit %(assigned)s trajectories, more than the total of "
        "%(committed)s."
    ),
    "too_early": _l("Choose a date on or after %(date)s: the call dates from 2024."),
    "future": _l("The approval date cannot be in the future."),
}


def problem_text(error: NetworkError) -> str:
    """The refusal in the user's language; the core's English when it has no translation."""
    template = PROBLEMS.get(error.code)
    return error.problem if template is None else str(template) % error.params


class NameForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[InputRequired(), Length(max=200)])


class RenameForm(NameForm):
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])


class RemoveForm(FlaskForm):
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])


class EuroField(DecimalField):
    """An amount in euro; a decimal comma is read as a decimal point ("90000,50")."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        text = str(valuelist[0]).strip().replace("€", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            self.data = None
            raise ValueError(_l("Enter an amount in euro, such as 90000 or 90000,50."))
        if abs(amount) > MAX_BUDGET:
            # Refused here: an amount such as 1e308 has more digits than the decimal
            # context rounds to cents, so showing it again or checking its cents would fail.
            self.data = None
            raise ValueError(_l("Enter an amount of at most %(max)s euro.") % {"max": MAX_BUDGET})
        self.data = amount


def at_most_cents(_form: Any, field: Any) -> None:
    if isinstance(field.data, Decimal) and field.data != field.data.quantize(Decimal("0.01")):
        raise ValidationError(_l("Use at most 2 decimals (cents)."))


class PlanForm(FlaskForm):
    # Hidden, so `hidden_tag()` renders it: the save compares it with the stored plan.
    version = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )
    approved = DateField(_l("Approval date"), validators=[Optional(), plausible_date])
    committed = IntegerField(
        _l("Trajectories committed in total"),
        validators=[InputRequired(), NumberRange(0, MAX_COMMITTED)],
    )
    budget = EuroField(
        _l("Budget (euro)"),
        places=2,
        validators=[InputRequired(), NumberRange(Decimal(0), MAX_BUDGET), at_most_cents],
    )
    expertise_needs = TextAreaField(
        _l("Expertise needs"), filters=[strip], validators=[Length(max=MAX_EXPERTISE_NEEDS)]
    )
    fund_holder = SelectField(_l("Fund holder"), default=NO_FUND_HOLDER)

    def region_fields(self) -> list[tuple[int, Any]]:
        """(region id, field) for every region's commitment, in the network's order."""
        return [
            (int(name.removeprefix("commitment_")), field)
            for name, field in self._fields.items()
            if name.startswith("commitment_")
        ]


def plan_form(network: Network, plan: ActionPlan, *, formdata: Any = None) -> PlanForm:
    """The plan form for `network`; without formdata it shows what is stored."""

    class NetworkPlanForm(PlanForm):
        pass

    for region in network.regions:
        setattr(
            NetworkPlanForm,
            f"commitment_{region.id}",
            IntegerField(
                region.name,
                default=0,
                validators=[InputRequired(), NumberRange(0, MAX_COMMITTED)],
            ),
        )
    if formdata is not None:
        form = NetworkPlanForm(formdata=formdata)
    else:
        stored = {c.region_id: c.committed for c in plan.region_commitments}
        form = NetworkPlanForm(
            formdata=None,
            version=plan.version,
            approved=plan.approved,
            committed=plan.committed,
            budget=plan.budget,
            expertise_needs=plan.expertise_needs,
            fund_holder=str(plan.fund_holder_id or NO_FUND_HOLDER),
            **{f"commitment_{r.id}": stored.get(r.id, 0) for r in network.regions},
        )
    form.fund_holder.choices = {NO_FUND_HOLDER: str(_l("(not chosen yet)"))} | {
        str(o.id): o.name for o in network.organisations
    }
    return form


def approved_or_none(form: PlanForm) -> dt.date | None:
    value = form.approved.data
    return value if isinstance(value, dt.date) else None
