"""Garbage collection after the answer is sent, not while the user waits for it.

Building a view of a large case leaves hundreds of thousands of new objects, which the
view cache keeps. The core pauses the collector while it builds (`ecogram.readmodel`),
but the full pass that followed soon after walked every object of the process: 90 to
230 ms on the first view of a 3,000-person case after a change, more as the cache
filled, and it found next to nothing to free. So a request that reads a view keeps the
collector paused until its answer has been sent, and one that built a view then runs
that full pass itself, while the browser is busy with the page. (gunicorn's sync worker
sends the answer, then closes it: the pass delays only the worker's next request.)

Only the pages that show a view pause it: a download that renders a PDF makes garbage
of its own, which the collector must be free to take while it works.

A request whose answer is never closed (a browser that drops the connection, a test
client that does not read to the end) leaves the collector paused until the next
request begins, which resumes it without the full pass.
"""

from __future__ import annotations

import gc
import threading

from flask import Flask, Response, g

_lock = threading.Lock()
_paused = False  #: paused by a request of this module, not by someone else
_built = False  #: a view was built since: the full pass is due


def pause_until_sent() -> None:
    """No collection for the rest of this request, nor while its answer is sent."""
    global _paused
    with _lock:
        if not gc.isenabled():
            return  # paused already: by another request, or by whoever else chose to
        gc.disable()
        _paused = True
    g.collector_paused = True


def built() -> None:
    """This request built a view: a full pass once its answer is sent, if it paused."""
    global _built
    if g.get("collector_paused"):
        _built = True


def resume(*, full: bool = True) -> None:
    global _paused, _built
    with _lock:
        if not _paused:
            return
        _paused = False
        due, _built = _built, False
        gc.enable()
    if full and due:
        gc.collect()


def _after(response: Response) -> Response:
    if g.pop("collector_paused", False):
        response.call_on_close(resume)
    return response


def _before() -> None:
    resume(full=False)


def init_app(app: Flask) -> None:
    app.before_request(_before)
    app.after_request(_after)
