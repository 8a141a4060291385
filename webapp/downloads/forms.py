"""The download button's form: nothing to fill in, only the CSRF token.

An export lets case data leave the app, so it is a deliberate POST (never a
link a crawler, a prefetch or a stray click on a GET could trigger), and the
token proves the request came from this app's own page.
"""

from __future__ import annotations

from flask_wtf import FlaskForm


class ExportForm(FlaskForm):
    pass
