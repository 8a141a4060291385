"""Forms of the action plan page.

The plan form is built per request (`plan_form`): one commitment field per region
of the network, and one row per budget line and per expertise activity with two
empty rows beneath, so a person adds a row by filling one in and removes one by
emptying it. An activity row carries its id, so the sessions already held stay with
it through a change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from ecogram import labels
from ecogram.action_plans import (
    AVAILABLE,
    LINE_MAX,
    MAX_AMOUNT,
    MAX_COMMITTED,
    MAX_SESSIONS,
    MAX_TEXT,
    NEED_MAX,
    ActivityRow,
    LineRow,
)
from ecogram.models import ActionPlan, Network
from ecogram.plan_models import SelfScan
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory
from webapp.labels import lang
from webapp.validators import (
    no_control_characters,
    no_control_characters_in_text,
    optional_id,
    plausible_date,
    strip,
)

NONE_CHOSEN = ""
EMPTY_ROWS = 2


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
        if abs(amount) > MAX_AMOUNT:
            # Refused here: an amount such as 1e308 has more digits than the decimal
            # context rounds to cents, so showing it again or checking its cents would fail.
            self.data = None
            raise ValueError(_l("Enter an amount of at most %(max)s euro.") % {"max": MAX_AMOUNT})
        self.data = amount


def at_most_cents(_form: Any, field: Any) -> None:
    if isinstance(field.data, Decimal) and field.data != field.data.quantize(Decimal("0.01")):
        raise ValidationError(_l("Use at most 2 decimals (cents)."))


def version_field() -> IntegerField:
    # Hidden, so `hidden_tag()` renders it: the save compares it with the stored row.
    return IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )


class LineForm(Form):
    category = SelectField(_l("Category"), default=BudgetLineCategory.EXPERTISE.value)
    what = StringField(
        _l("What"), filters=[strip], validators=[Length(max=LINE_MAX), no_control_characters]
    )
    amount = EuroField(
        _l("Amount (euro)"),
        places=2,
        validators=[Optional(), NumberRange(Decimal(0), AVAILABLE), at_most_cents],
    )

    def blank(self) -> bool:
        return not self.what.data and self.amount.data is None


class ActivityForm(Form):
    id = IntegerField(widget=HiddenInput(), validators=[Optional()])
    need = StringField(
        _l("Expertise need"),
        filters=[strip],
        validators=[Length(max=NEED_MAX), no_control_characters],
    )
    kind = SelectField(_l("Activity"), default=ActivityKind.TRAINING.value)
    planned = IntegerField(
        _l("Sessions planned"), validators=[Optional(), NumberRange(1, MAX_SESSIONS)]
    )
    cost = EuroField(
        _l("Cost (euro)"),
        places=2,
        validators=[Optional(), NumberRange(Decimal(0), AVAILABLE), at_most_cents],
    )

    def blank(self) -> bool:
        return not self.need.data and self.planned.data is None and self.cost.data is None


class PlanForm(FlaskForm):
    version = version_field()
    self_scan = SelectField(_l("Builds on the self-scan"), coerce=optional_id)
    committed = IntegerField(
        _l("Trajectories committed in total"),
        validators=[InputRequired(), NumberRange(0, MAX_COMMITTED)],
    )
    fund_holder = SelectField(_l("Fund holder"), coerce=optional_id)
    expertise_needs = TextAreaField(
        _l("Expertise needs, in words"),
        filters=[strip],
        validators=[Length(max=MAX_TEXT), no_control_characters_in_text],
    )
    lines = FieldList(FormField(LineForm), min_entries=0)
    activities = FieldList(FormField(ActivityForm), min_entries=0)
    reason = TextAreaField(
        _l("Why the approved plan changes"),
        filters=[strip],
        validators=[Length(max=MAX_TEXT), no_control_characters_in_text],
    )

    def region_fields(self) -> list[tuple[int, Any]]:
        """(region id, field) for every region's commitment, in the network's order."""
        return [
            (int(name.removeprefix("commitment_")), field)
            for name, field in self._fields.items()
            if name.startswith("commitment_")
        ]

    def line_rows(self) -> list[LineRow]:
        return [
            LineRow(
                BudgetLineCategory(f.category.data), f.what.data or "", f.amount.data or Decimal(0)
            )
            for f in (entry.form for entry in self.lines)
            if not f.blank()
        ]

    def activity_rows(self) -> list[ActivityRow]:
        return [
            ActivityRow(
                f.need.data or "",
                ActivityKind(f.kind.data),
                f.planned.data or 0,
                f.cost.data if f.cost.data is not None else Decimal(0),
                f.id.data,
            )
            for f in (entry.form for entry in self.activities)
            if not f.blank()
        ]


def plan_form(
    network: Network, plan: ActionPlan, scans: list[SelfScan], *, formdata: Any = None
) -> PlanForm:
    """The plan form for `network`; without formdata it shows what is stored."""

    class NetworkPlanForm(PlanForm):
        pass

    for region in network.regions:
        setattr(
            NetworkPlanForm,
            f"commitment_{region.id}",
            IntegerField(
                region.name, default=0, validators=[InputRequired(), NumberRange(0, MAX_COMMITTED)]
            ),
        )
    if formdata is not None:
        form = NetworkPlanForm(formdata=formdata)
    else:
        stored = {c.region_id: c.committed for c in plan.region_commitments}
        form = NetworkPlanForm(
            formdata=None,
            version=plan.version,
            self_scan=plan.self_scan_id,
            committed=plan.committed,
            fund_holder=plan.fund_holder_id,
            expertise_needs=plan.expertise_needs,
            lines=[
                {"category": line.category.value, "what": line.what, "amount": line.amount}
                for line in plan.budget_lines
            ],
            activities=[
                {"id": a.id, "need": a.need, "kind": a.kind.value, "planned": a.planned}
                | {"cost": a.cost}
                for a in plan.activities
            ],
            **{f"commitment_{r.id}": stored.get(r.id, 0) for r in network.regions},
        )
        for _ in range(EMPTY_ROWS):
            form.lines.append_entry({"what": "", "amount": None})
            form.activities.append_entry({"need": "", "planned": None, "cost": None})
    language = lang()
    form.self_scan.choices = {NONE_CHOSEN: str(_l("(none yet)"))} | {
        str(s.id): str(_l("Version %(number)s", number=s.number)) for s in scans
    }
    form.fund_holder.choices = {NONE_CHOSEN: str(_l("(not chosen yet)"))} | {
        str(o.id): o.name for o in network.organisations
    }
    categories = list(labels.labels("budget_line", language).items())
    kinds = list(labels.labels("activity", language).items())
    for line in form.lines:
        line.form.category.choices = categories
    for activity in form.activities:
        activity.form.kind.choices = kinds
    return form


class StatusForm(FlaskForm):
    version = version_field()


class ApproveForm(StatusForm):
    approved = DateField(_l("Approval date"), validators=[InputRequired(), plausible_date])


class SessionsForm(FlaskForm):
    version = version_field()
    done = IntegerField(
        _l("Sessions held"), validators=[InputRequired(), NumberRange(0, MAX_SESSIONS)]
    )


def approval_day(form: StatusForm) -> dt.date:
    value = form.approved.data if isinstance(form, ApproveForm) else None
    assert isinstance(value, dt.date)  # noqa: S101  (InputRequired guarantees it)
    return value
