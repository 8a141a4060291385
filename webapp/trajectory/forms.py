"""Forms of the trajectory page, one per action, each posting to its own route.

Forms that take a date within the trajectory get the referral date, so a
date before the referral is refused by the form itself and the message names
the field. Forms that change an existing row carry that row's `version` in a
hidden field, so a stale page ends in a conflict instead of an overwrite.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    Field,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import HiddenInput

from ecogram.models import CareTable, Network
from webapp.labels import format_date
from webapp.trajectory.words import (
    CATEGORIES,
    KINDS,
    OUTCOMES,
    PARTIES,
    REFERRERS,
    STAYS,
    choices,
)
from webapp.validators import (
    no_control_characters,
    no_control_characters_in_text,
    optional_id,
    plausible_date,
    strip,
)

MAX_AMOUNT = Decimal("10000000")  # the case format's ceiling for one budget item


def not_before_referral(form: Any, field: Field) -> None:
    referred: dt.date | None = getattr(form, "referred_on", None)
    if isinstance(field.data, dt.date) and referred is not None and field.data < referred:
        raise ValidationError(
            _("This is before the referral on %(date)s.", date=format_date(referred))
        )


class TrajectoryForm(FlaskForm):
    """A form about a trajectory whose referral date is known (or about to be)."""

    def __init__(self, *args: Any, referred: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.referred_on = referred


class VersionForm(TrajectoryForm):
    """Changes an existing row: the version the page showed must still be stored."""

    version = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )


class ReferralFields(FlaskForm):
    kind = SelectField(_l("Kind of trajectory"), validators=[InputRequired()])
    referred = DateField(_l("Referred on"), validators=[InputRequired(), plausible_date])
    referrer = SelectField(_l("Referred by"), validators=[InputRequired()])
    mandated_service = BooleanField(_l("A mandated service takes part"))
    region = SelectField(_l("Region (1G1P)"), coerce=optional_id, validate_choice=True)

    def fill(self, networks: list[Network]) -> None:
        self.kind.choices = choices(KINDS)
        self.referrer.choices = choices(REFERRERS)
        regions: dict[str, Any] = {"": _("(no region)")}
        for network in networks:
            if network.regions:
                regions[network.name] = {str(r.id): r.name for r in network.regions}
        self.region.choices = regions


class CreateForm(ReferralFields):
    network = SelectField(_l("Network"), coerce=int, validators=[InputRequired()])

    def __init__(self, networks: list[Network], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.networks = networks
        self.network.choices = {str(n.id): n.name for n in networks}
        self.fill(networks)

    def validate_region(self, field: Field) -> None:
        network = next((n for n in self.networks if n.id == self.network.data), None)
        if field.data is not None and (
            network is None or field.data not in {r.id for r in network.regions}
        ):
            raise ValidationError(_("Choose a region of the chosen network."))


class ReferralForm(ReferralFields, VersionForm):
    def __init__(self, network: Network | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fill([] if network is None else [network])


class CareTableForm(TrajectoryForm):
    date = DateField(
        _l("Date of the care table"),
        validators=[InputRequired(), plausible_date, not_before_referral],
    )
    present = SelectMultipleField(_l("Present"), validate_choice=True)
    child_perspective = TextAreaField(
        _l("The child's perspective"),
        filters=[strip],
        validators=[Length(max=5000), no_control_characters_in_text],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.present.choices = choices(PARTIES)


class ActionForm(TrajectoryForm):
    what = StringField(
        _l("What"),
        filters=[strip],
        validators=[DataRequired(), Length(max=300), no_control_characters],
    )
    who = StringField(
        _l("Who"), filters=[strip], validators=[Length(max=200), no_control_characters]
    )
    due = DateField(
        _l("By when (optional)"), validators=[Optional(), plausible_date, not_before_referral]
    )
    done = BooleanField(_l("Done"))
    care_table = SelectField(
        _l("Decided at the care table of (optional)"), coerce=optional_id, validate_choice=True
    )

    def __init__(self, *args: Any, tables: list[CareTable] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen: dict[str, str] = {"": _("(not from a care table)")}
        for table in sorted(tables or [], key=lambda t: (t.date, t.id)):
            chosen[str(table.id)] = format_date(table.date)
        self.care_table.choices = chosen


class EvaluationForm(TrajectoryForm):
    date = DateField(
        _l("Date of the evaluation"),
        validators=[InputRequired(), plausible_date, not_before_referral],
    )


class EndForm(VersionForm):
    ended = DateField(
        _l("End date"), validators=[InputRequired(), plausible_date, not_before_referral]
    )
    outcome = SelectField(_l("Outcome"), validators=[InputRequired()])

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.outcome.choices = choices(OUTCOMES)

    def validate_ended(self, field: Field) -> None:
        if isinstance(field.data, dt.date) and self.today is not None and field.data > self.today:
            raise ValidationError(_("A trajectory cannot end in the future."))


def two_decimals(_form: Any, field: Field) -> None:
    amount = field.data
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise ValidationError(_("Enter an amount in euro, such as 1200 or 1200.50."))
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            raise ValidationError(_("Use at most 2 decimals (cents)."))


class BudgetForm(TrajectoryForm):
    date = DateField(_l("Date"), validators=[InputRequired(), plausible_date, not_before_referral])
    category = SelectField(_l("Category"), validators=[InputRequired()])
    amount = DecimalField(
        _l("Amount (euro)"),
        places=None,
        validators=[InputRequired(), two_decimals, NumberRange(min=0, max=MAX_AMOUNT)],
    )
    what = StringField(
        _l("What it pays for"),
        filters=[strip],
        validators=[Length(max=200), no_control_characters],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = choices(CATEGORIES)


class StayForm(TrajectoryForm):
    # A stay may have begun before the referral (a baby in hospital since birth),
    # so its start is not held to the referral date.
    kind = SelectField(_l("Where"), validators=[InputRequired()])
    start = DateField(_l("First day"), validators=[InputRequired(), plausible_date])
    end = DateField(_l("Last day (optional)"), validators=[Optional(), plausible_date])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(STAYS)

    def validate_end(self, field: Field) -> None:
        if field.data is not None and self.start.data is not None and field.data < self.start.data:
            raise ValidationError(_("The last day cannot be before the first day."))


class EndStayForm(VersionForm):
    end = DateField(_l("Last day"), validators=[InputRequired(), plausible_date])


# --- Corrections: each form of an entry again, with the version the page showed ---------


class EditCareTableForm(CareTableForm, VersionForm):
    pass


class EditActionForm(ActionForm, VersionForm):
    pass


class EditEvaluationForm(EvaluationForm, VersionForm):
    pass


class EditBudgetForm(BudgetForm, VersionForm):
    pass


class EditStayForm(StayForm, VersionForm):
    pass
