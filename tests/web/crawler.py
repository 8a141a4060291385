"""A crawler that uses the app as a person does: it follows the links a page shows and
submits every form exactly as rendered, with its prefilled values, CSRF token included.

Each submission must be accepted (2xx, 3xx) or refused with the field in error marked
`aria-invalid` or a reason stated (a `refusal`); anything else is a failure. A page that
left out a field the server needs (a hidden version, a token) is a failure too: the
field cannot be marked, and "the page was incomplete" is not a reason but the bug. The test
client keeps it fast; the pages are parsed with the standard library's HTML parser.

Decisions:
- Every endpoint it reaches, but at most `max_pages` pages of each (the first found):
  the demo's statistical cases repeat the same pages forty times. Six is every case of
  the demo context worker.
- A form is submitted once per kind: the same endpoint, the same non-id URL arguments
  and the same fields (the "end role" form of one role stands for every role's).
- After each submission the page is fetched again, as a browser does after a redirect,
  and any form it now shows for the first time is submitted too (closing a case shows
  the reopen form; deactivating an account, the reactivate form).
- Forms a user cannot see (inside `hidden`) and templates a script fills in (no action,
  a `data-url`) are not submitted. A form without a CSRF field on a page with the
  `csrf-token` meta tag is sent with that token in X-CSRFToken, as the page's script does.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.test import TestResponse

from tests.web.rendered import Form, Page, parse, path_of

ORIGIN = "https://localhost"
#: Forms that are rendered but never submitted by the crawler, and why.
NOT_SUBMITTED = {"auth.logout": "signing out would end the crawl"}


@dataclass
class Crawl:
    persona: str
    failures: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)  #: endpoints of the forms it found
    pages: int = 0
    submitted: int = 0


class Crawler:
    def __init__(self, app: Flask, client: FlaskClient, persona: str, max_pages: int = 6) -> None:
        self.app, self.client, self.max_pages = app, client, max_pages
        self.adapter = app.url_map.bind("localhost", url_scheme="https")
        self.crawl = Crawl(persona)
        self.queue: deque[str] = deque()
        self.visited: set[str] = set()
        self.per_endpoint: dict[str, int] = {}
        self.first_page: dict[str, str] = {}  #: GET endpoint -> its first page
        self.first_form: dict[str, tuple[str, tuple[Any, ...]]] = {}  #: POST endpoint -> page, key
        self.done: set[tuple[Any, ...]] = set()

    # --- where a URL goes ------------------------------------------------------------

    def match(self, url: str, method: str) -> tuple[str, dict[str, Any]] | None:
        parts = urlsplit(url)
        if parts.scheme not in ("https", "") or parts.netloc not in ("localhost", ""):
            return None
        try:
            endpoint, args = self.adapter.match(parts.path, method=method)
        except (HTTPException, RequestRedirect):
            return None
        return str(endpoint), args

    def key(self, form: Form) -> tuple[Any, ...] | None:
        found = self.match(form.action, form.method)
        if found is None:
            return None
        endpoint, args = found
        kept = tuple(sorted((k, v) for k, v in args.items() if not isinstance(v, int)))
        return (form.method, endpoint, kept, tuple(sorted(form.names)))

    def fail(self, what: str, url: str, response: TestResponse) -> None:
        body = response.get_data(as_text=True)[:300].replace("\n", " ")
        self.crawl.failures.append(
            f"{self.crawl.persona}: {what} {url} -> {response.status_code}: {body}"
        )

    # --- following links -------------------------------------------------------------

    def run(self, start: str) -> Crawl:
        self.queue.append(urljoin(ORIGIN, start))
        while self.queue:
            self.visit(self.queue.popleft())
        return self.crawl

    def visit(self, url: str, *, again: bool = False) -> None:
        url = url.split("#", 1)[0]
        found = self.match(url, "GET")
        if found is None or found[0] == "static":
            return
        endpoint = found[0]
        if not again and (
            url in self.visited or self.per_endpoint.get(endpoint, 0) >= self.max_pages
        ):
            return
        self.visited.add(url)
        self.per_endpoint[endpoint] = self.per_endpoint.get(endpoint, 0) + 1
        self.first_page.setdefault(endpoint, url)
        response = self.client.get(path_of(url))
        self.crawl.pages += 1
        if 300 <= response.status_code < 400:
            self.queue.append(urljoin(url, response.headers["Location"]))
        elif response.status_code >= 400:
            self.fail("the link", url, response)
        elif response.mimetype == "text/html":
            page = parse(url, response.get_data(as_text=True))
            self.queue.extend(page.links)
            self.submit_forms(page)

    # --- submitting forms ------------------------------------------------------------

    def submit_forms(self, page: Page) -> None:
        while True:
            form = next((f for f in page.forms if self.due(page, f)), None)
            if form is None:
                return
            self.submit(page, form)
            response = self.client.get(path_of(page.url))
            if response.status_code != 200 or response.mimetype != "text/html":
                return  # the page is gone (an erased person's), or it now redirects
            page = parse(page.url, response.get_data(as_text=True))

    def due(self, page: Page, form: Form) -> bool:
        if form.hidden or (form.data_url and not form.has_action):
            return False
        key = self.key(form)
        if key is None or key in self.done:
            return False
        self.done.add(key)
        endpoint = key[1]
        if form.method == "POST":
            self.crawl.reached.add(endpoint)
            self.first_form.setdefault(endpoint, (page.url, key))
        return endpoint not in NOT_SUBMITTED

    def submit(self, page: Page, form: Form) -> TestResponse:
        data = MultiDict(form.data())
        headers = {"Referer": page.url}
        if "csrf_token" not in form.names and page.csrf_meta:
            headers |= {"X-CSRFToken": page.csrf_meta, "Accept": "application/json"}
        if form.method == "GET":
            target = (
                path_of(form.action).split("?", 1)[0]
                + "?"
                + urlencode(list(data.items(multi=True)))
            )
            response = self.client.get(target, headers=headers)
        else:
            response = self.client.post(path_of(form.action), data=data, headers=headers)
        self.crawl.submitted += 1
        self.judge(page, form, response)
        if 300 <= response.status_code < 400:
            self.queue.append(urljoin(form.action, response.headers["Location"]))
        return response

    def judge(self, page: Page, form: Form, response: TestResponse) -> None:
        status = response.status_code
        what = f"the form {form.id or form.action} on {page.url} sent to"
        if status < 400:
            return
        if status in (400, 401, 422):
            if response.is_json:
                errors = (response.get_json(silent=True) or {}).get("errors") or {}
                if set(errors) & form.names:
                    return
            else:
                answer = parse(page.url, response.get_data(as_text=True))
                if answer.invalid & form.names or answer.refusals:
                    return
            self.fail(
                f"{what} (refused without marking a field or stating why)", form.action, response
            )
            return
        self.fail(what, form.action, response)

    # --- when the sign-in is no longer recent ---------------------------------------

    def after_sign_in_grows_old(self, endpoints: set[str]) -> None:
        """Open again the pages and forms of `endpoints`, which need a recent sign-in."""
        recent = self.app.config["RECENT_SIGN_IN_MINUTES"]
        self.app.config["RECENT_SIGN_IN_MINUTES"] = -1  # any sign-in is too old now
        try:
            for endpoint in sorted(endpoints):
                if endpoint in self.first_page:
                    self.visit(self.first_page[endpoint], again=True)
                if endpoint in self.first_form:
                    url, key = self.first_form[endpoint]
                    response = self.client.get(path_of(url))
                    page = parse(url, response.get_data(as_text=True))
                    form = next((f for f in page.forms if self.key(f) == key), None)
                    if form is not None:
                        self.submit(page, form)
            while self.queue:  # the re-authentication page, and what it leads to
                self.visit(self.queue.popleft())
        finally:
            self.app.config["RECENT_SIGN_IN_MINUTES"] = recent
