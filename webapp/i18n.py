"""Dutch (nl-BE) by default, English on request.

Flask-Babel reads the core's catalogue (`ecogram.i18n.CATALOGUE`), so a page
and the command line, a drawing or a PDF translate every word alike, and it
formats with the core's locale per language (nl_BE, en_GB), so dates and money
on a page match those on paper.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import Babel
from flask_login import current_user

from ecogram import i18n as core_i18n
from webapp import database

bp = Blueprint("i18n", __name__)


def select_language() -> str:
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    if current_user.is_authenticated and current_user.language in languages:
        return str(current_user.language)
    return request.accept_languages.best_match(languages) or languages[0]


def select_locale() -> str:
    return core_i18n.LOCALES[select_language()]


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(core_i18n.CATALOGUE),
    )
    app.register_blueprint(bp)


@bp.route("/language", methods=["POST"])
def choose() -> ResponseReturnValue:
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.user.language = lang
            database.session().commit()
    return redirect(url_for("cases.index"))
