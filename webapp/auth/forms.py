"""Forms of signing in, re-authenticating and changing one's password.

Password rules (ASVS 5.0 V6.2): at least 12 characters, at most 200 (the
sign-in form's limit, so a new password can always be typed there), not the
username, not the current password, typed twice alike. Any character counts,
spaces too, and there are no composition rules: length is what makes a
password strong, and rules only push people to predictable variations.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ecogram import password_policy
from ecogram.accounts import MIN_PASSWORD_LENGTH

MAX_PASSWORD_LENGTH = 200


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )


class ReauthForm(FlaskForm):
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )


class PasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )
    new = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l("Use between %(min)d and %(max)d characters."),
            ),
        ],
    )
    again = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(),
            EqualTo("new", message=_l("The two new passwords are not the same.")),
        ],
    )

    def __init__(self, username: str, name: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._username = username
        self._name = name

    def validate_new(self, field: Field) -> None:
        if not isinstance(field.data, str):
            return
        if field.data.strip().casefold() == self._username.casefold():
            raise ValidationError(_l("Your password cannot be your username."))
        if field.data == self.current.data:
            raise ValidationError(_l("Choose a password different from the current one."))
        found = password_policy.problem(field.data, username=self._username, name=self._name)
        if found is password_policy.Problem.COMMON:
            raise ValidationError(
                _l("This is one of the most common passwords. Choose another one.")
            )
        if found is password_policy.Problem.OWN_NAME:
            raise ValidationError(_l("Your password cannot hold your username or your name."))


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=32)],
        description=_l("The 6 digits of your app, or one of your recovery codes."),
    )
