"""The checks of .ci/production-shape, against two running gunicorn instances.

Run by that script, which starts everything; by hand:
    python .ci/production_shape.py up URL_A URL_B USERNAME PASSWORD LOG_A LOG_B
    python .ci/production_shape.py down URL_A URL_B

Every request plays a browser behind the one trusted reverse proxy: the proxy
appends the client's address to X-Forwarded-For and says X-Forwarded-Proto:
https. Cookies are kept by hand, because the session cookie is Secure and
urllib would not send it over the plain HTTP between proxy and gunicorn.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

LIMIT_PER_ADDRESS = 20  # webapp/__init__.py: LOGIN_LIMIT_PER_ADDRESS
CLIENT = "203.0.113.10"  # the signing-in user's address
ATTACKER = "203.0.113.66"  # the address whose failures are counted
BYSTANDER = "203.0.113.77"  # another client, who forges the attacker's address in front


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Browser:
    """One client: its address (as the proxy reports it) and its cookies."""

    address: str
    forged: str | None = None  #: an address the client itself puts in X-Forwarded-For
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, base: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> Answer:
        url = urllib.parse.urlsplit(base)
        connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
        forwarded = self.address if self.forged is None else f"{self.forged}, {self.address}"
        headers = {"X-Forwarded-For": forwarded, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # Flask-WTF checks that an HTTPS form was posted from this site.
            headers["Referer"] = f"https://{url.netloc}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        answer = Answer(response.status, response.headers, response.read().decode("utf-8"))
        connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return answer

    def csrf_token(self, base: str) -> str:
        page = self.request(base, "GET", "/login")
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.body)
        check(page.status == 200 and found is not None, "the login form has a CSRF token")
        assert found is not None
        return found.group(1)

    def sign_in(self, base: str, username: str, password: str, token: str) -> Answer:
        form = {"csrf_token": token, "username": username, "password": password}
        return self.request(base, "POST", "/login", form)


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


def healthz(base: str) -> Answer:
    return Browser(CLIENT).request(base, "GET", "/healthz")


def up(a: str, b: str, username: str, password: str, logs: list[Path]) -> None:
    for base in (a, b):
        answer = healthz(base)
        check(answer.status == 200 and answer.body == "ok\n", f"/healthz on {base} answers 200 ok")

    user = Browser(CLIENT)
    signed_in = user.sign_in(a, username, password, user.csrf_token(a))
    landing = signed_in.headers.get("Location", "")
    check(signed_in.status == 302 and "/login" not in landing, f"signing in on {a} works")
    page = user.request(b, "GET", landing)
    check(
        page.status == 200 and 'action="/logout"' in page.body,
        f"the session from {a} is valid on {b}",
    )
    stranger = Browser(CLIENT).request(b, "GET", landing)
    check(stranger.status == 302, f"{b} sends a client without the cookie to the login page")

    request_id = signed_in.headers["X-Request-Id"]
    lines = [
        json.loads(line) for line in logs[0].read_text("utf-8").splitlines() if line.startswith("{")
    ]
    check(
        any(r.get("request_id") == request_id and r.get("route") == "/login" for r in lines),
        "instance A's JSON access log has the sign-in, with its request id",
    )
    check(
        not any(username in json.dumps(r) and r.get("logger") == "ecogram.access" for r in lines),
        "the access log holds no username",
    )

    # The attacker's failures, each with a different forged address in front and a new
    # username (so the per-account limit never fires), alternate between the instances.
    attacker = Browser(ATTACKER)
    token = attacker.csrf_token(a)
    statuses = []
    for n in range(LIMIT_PER_ADDRESS):
        attacker.forged = f"198.51.100.{n + 1}"
        statuses.append(attacker.sign_in((a, b)[n % 2], f"nobody{n}", "wrong", token).status)
    check(statuses == [401] * LIMIT_PER_ADDRESS, f"{LIMIT_PER_ADDRESS} wrong passwords: 401 each")
    attacker.forged = "198.51.100.250"
    refused = attacker.sign_in(b, "nobody-else", "wrong", token)
    check(
        refused.status == 429 and "Retry-After" in refused.headers,
        "the next try from the same address is refused (429), on either instance, "
        "whatever address is forged in front",
    )
    bystander = Browser(BYSTANDER, forged=ATTACKER)
    answer = bystander.sign_in(a, "someone", "wrong", bystander.csrf_token(a))
    check(answer.status == 401, "another client who forges the attacker's address is not refused")


def down(a: str, b: str) -> None:
    for base in (a, b):
        for _ in range(20):
            answer = healthz(base)
            if answer.status == 503:
                break
            time.sleep(0.5)
        check(
            answer.status == 503 and answer.body == "unavailable\n",
            f"/healthz on {base} answers 503 once the database is stopped, and says nothing else",
        )


def main(argv: list[str]) -> None:
    if argv[0] == "up":
        up(argv[1], argv[2], argv[3], argv[4], [Path(argv[5]), Path(argv[6])])
    elif argv[0] == "down":
        down(argv[1], argv[2])
    else:
        raise SystemExit(f"unknown step {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
