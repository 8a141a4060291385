"""Fresh sign-in for exporting and erasing (issue 6 fills this in).

Views that let case data leave the app, or destroy it, wrap themselves in
`recent_sign_in_required`, so a stolen idle session cannot be used for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def recent_sign_in_required(view: Callable[..., Any]) -> Callable[..., Any]:
    # Placeholder until the trust work lands: passes through unchanged.
    return view
