"""Fresh sign-in for exporting and erasing.

Views that let case data leave the app, or destroy it, wrap themselves in
`recent_sign_in_required`, so a session left open on a tablet cannot be used
for them: the password must have been typed within RECENT_SIGN_IN_MINUTES
(10 by default; sign-in or re-authentication).

Otherwise a page goes to the re-authentication page, which comes back here:
- a GET comes back to the same URL, so the export simply starts;
- a POST comes back to the page the form was on (its Referer, if that is a
  page of this site, else the user's start page). The form is NOT sent again
  by itself: the user presses the button once more, knowingly. Replaying a
  stored POST body later would act on what may have changed in between.
Scripts asking for JSON get 401 with the re-authentication URL instead.

Put it below the route decorator; the case guard runs inside the view, after it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import flash, jsonify, redirect, request
from flask_babel import gettext as _

from webapp.auth import asks_for_json, relative_url, sessions
from webapp.auth.account import reauthenticate_url


def _way_back() -> str | None:
    if request.method == "GET":
        return relative_url(request.full_path)
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host:
        return None
    path = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return relative_url(path)


def recent_sign_in_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if sessions.signed_in_recently():
            return view(*args, **kwargs)
        target = reauthenticate_url(_way_back())
        message = _("For your safety, type your password again to continue.")
        if asks_for_json():
            body = {"error": _("Type your password again"), "message": message}
            return jsonify(body | {"status": 401, "reauthenticate": target}), 401
        flash(message, "info")
        return redirect(target)

    return guarded
