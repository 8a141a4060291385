"""What a page did that a self-contained, script-safe page must not do."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import ConsoleMessage, Dialog, Page, Request, Response


@dataclass
class PageGuard:
    """Everything a page did that a self-contained, script-safe page must not do."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  #: (text, url)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    #: (status, url) of every 4xx; a test that provokes one on purpose removes it.
    client_errors: list[tuple[int, str]] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("dialog", self._on_dialog)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.foreign.append(url)

    def _on_response(self, response: Response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")
        elif response.status >= 400:
            self.client_errors.append((response.status, response.url))

    def _on_console(self, message: ConsoleMessage) -> None:
        # CSP violations are console errors ("Refused to ... Content Security Policy").
        if message.type == "error" or "Content Security Policy" in message.text:
            self.console_errors.append((message.text, str(message.location.get("url", ""))))

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def problems(self) -> list[str]:
        found = [f"request to another origin: {url}" for url in self.foreign]
        found += [f"console error: {text} ({url})" for text, url in self.console_errors]
        found += [f"uncaught script error: {text}" for text in self.page_errors]
        found += [f"dialog opened (script ran): {text}" for text in self.dialogs]
        found += [f"server error: {text}" for text in self.server_errors]
        found += [f"client error: {status} {url}" for status, url in self.client_errors]
        return found

    def expect_status(self, status: int, path: str) -> None:
        """Accept one 4xx the test provoked on purpose (and the console line it logs)."""
        url = self.origin + path
        assert (status, url) in self.client_errors, (status, url, self.client_errors)
        self.client_errors.remove((status, url))
        self.console_errors = [
            (text, where)
            for text, where in self.console_errors
            if not (where == url and f"status of {status}" in text)
        ]

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the page misbehaved:\n  " + "\n  ".join(problems)
