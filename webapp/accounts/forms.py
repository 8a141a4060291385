"""Forms of the account pages: a new account, changing one, and the one-click actions."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp
from wtforms.widgets import HiddenInput

from ecogram.accounts import USERNAME, AccountError, UserRole
from ecogram.models import Network
from webapp.audit.words import USER_ROLES
from webapp.validators import no_control_characters, optional_id, strip

#: The core's refusals (AccountError field and code) in the user's language.
PROBLEMS: dict[tuple[str, str], Any] = {
    ("username", "invalid"): _l("Use 1 to 80 letters, digits, dots, dashes or underscores."),
    ("username", "taken"): _l("This username is taken; choose another one."),
    ("network", "network_needed"): _l("A case or network coordinator belongs to a network."),
    ("role", "oneself"): _l("You cannot change your own role."),
    ("active", "oneself"): _l("You cannot deactivate your own account."),
    ("password", "oneself"): _l("Change your own password on your password page."),
}


def problem_text(error: AccountError) -> str:
    """The refusal in the user's language; the core's English when it has no translation."""
    found = PROBLEMS.get((error.field, error.code))
    return str(error) if found is None else str(found)


class AccountFields(FlaskForm):
    display_name = StringField(
        _l("Name"),
        filters=[strip],
        validators=[DataRequired(), Length(max=120), no_control_characters],
    )
    role = SelectField(_l("Role"), validators=[InputRequired()])
    network = SelectField(_l("Network"), coerce=optional_id)

    def __init__(self, networks: list[Network], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = {role.value: str(USER_ROLES[role.value]) for role in UserRole}
        self.network.choices = {"": str(_l("(no network)"))} | {str(n.id): n.name for n in networks}


class NewAccountForm(AccountFields):
    username = StringField(
        _l("Username"),
        filters=[strip],
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(
                USERNAME.pattern + r"\Z",
                message=_l("Use 1 to 80 letters, digits, dots, dashes or underscores."),
            ),
        ],
    )


class EditAccountForm(AccountFields):
    version = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )


class ActionForm(FlaskForm):
    """Only the CSRF token: deactivating, reactivating and a new password choose nothing."""
