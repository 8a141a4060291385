"""The team panel's form: whom to add, among those the coordinator may put on the case."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from ecogram.accounts import User
from webapp.audit.words import USER_ROLES
from webapp.validators import optional_id


class MemberForm(FlaskForm):
    member = SelectField(
        _l("Colleague"),
        coerce=optional_id,
        validators=[InputRequired(_l("Choose a colleague to add."))],
    )

    def __init__(self, candidates: list[User], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member.choices = {
            str(u.id): f"{u.display_name} · {USER_ROLES[u.role.value]}" for u in candidates
        }
