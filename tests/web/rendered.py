"""Pages as a browser reads them: their links and forms, parsed with the standard library's
HTML parser, and a form submitted exactly as rendered, with its prefilled values.

Shared by the tests that post what a page shows rather than what the server expects, so a
field the page forgets to render (a version, a token) fails them as it fails a user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

#: Elements without an end tag: they never hold a form.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
#: Input types whose value attribute is sent as it stands.
VALUE_TYPES = {"text", "hidden", "date", "number", "password", "email", "search", "tel", "url"}


@dataclass
class Select:
    name: str
    multiple: bool
    options: list[tuple[str, bool]] = field(default_factory=list)  #: (value, selected)

    def values(self) -> list[str]:
        chosen = [value for value, selected in self.options if selected]
        if chosen or self.multiple:
            return chosen
        return [self.options[0][0]] if self.options else []


@dataclass
class Form:
    """One <form>: where it goes and what it sends when its first submit button is pressed."""

    action: str  #: resolved against the page's URL; the page itself when the form has none
    method: str
    id: str
    has_action: bool
    data_url: bool  #: a template a script fills in (data-url), not a form a user submits
    hidden: bool  #: inside an element with the `hidden` attribute: not shown to the user
    fields: list[tuple[str, str]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  #: every field name, sent or not
    selects: list[Select] = field(default_factory=list)
    button: tuple[str, str] | None = None  #: the first submit button's name and value, if named
    submit_seen: bool = False

    def data(self) -> list[tuple[str, str]]:
        pairs = list(self.fields)
        for select in self.selects:
            pairs += [(select.name, value) for value in select.values()]
        if self.button is not None:
            pairs.append(self.button)
        return pairs

    def value(self, name: str) -> str | None:
        return next((v for k, v in self.data() if k == name), None)


@dataclass
class Page:
    url: str
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    csrf_meta: str | None = None
    invalid: set[str] = field(default_factory=set)  #: names of fields marked aria-invalid
    alerts: list[str] = field(default_factory=list)  #: classes of elements with role=alert
    refusals: int = 0  #: elements stating why a whole form was refused (class "refusal")


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.form: Form | None = None
        self.select: Select | None = None
        self.option: tuple[str | None, bool] | None = None
        self.option_text = ""
        self.textarea: tuple[str, bool] | None = None
        self.textarea_text = ""
        self.open: list[tuple[str, bool]] = []  #: open elements, and whether each is hidden

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        hidden = "hidden" in attrs or any(h for _tag, h in self.open)
        if tag not in VOID:
            self.open.append((tag, hidden))
        if attrs.get("aria-invalid") == "true" and "name" in attrs:
            self.page.invalid.add(attrs["name"])
        if attrs.get("role") == "alert":
            self.page.alerts.append(attrs.get("class", ""))
        if "refusal" in attrs.get("class", "").split():
            self.page.refusals += 1
        if tag == "meta" and attrs.get("name") == "csrf-token":
            self.page.csrf_meta = attrs.get("content")
        elif tag == "a" and "href" in attrs:
            self.page.links.append(urljoin(self.page.url, attrs["href"]))
        elif tag == "form":
            self.form = Form(
                action=urljoin(self.page.url, attrs.get("action") or self.page.url),
                method=(attrs.get("method") or "get").upper(),
                id=attrs.get("id", ""),
                has_action=bool(attrs.get("action")),
                data_url="data-url" in attrs,
                hidden=hidden,
            )
            self.page.forms.append(self.form)
        elif self.form is not None:
            self._field(tag, attrs)

    def _field(self, tag: str, attrs: dict[str, str]) -> None:
        form, name = self.form, attrs.get("name")
        assert form is not None
        if name:
            form.names.add(name)
        disabled = "disabled" in attrs
        if tag == "input" and name and not disabled:
            kind = attrs.get("type", "text").lower()
            if kind in VALUE_TYPES:
                form.fields.append((name, attrs.get("value", "")))
            elif kind in ("checkbox", "radio") and "checked" in attrs:
                form.fields.append((name, attrs.get("value", "on")))
            elif kind == "submit" and not form.submit_seen:
                form.submit_seen, form.button = True, (name, attrs.get("value", ""))
        elif tag == "button" and attrs.get("type", "submit") == "submit" and not form.submit_seen:
            form.submit_seen = True
            form.button = (name, attrs.get("value", "")) if name and not disabled else None
        elif tag == "select" and name and not disabled:
            self.select = Select(name, "multiple" in attrs)
            form.selects.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = (attrs.get("value"), "selected" in attrs)
            self.option_text = ""
        elif tag == "textarea" and name:
            self.textarea = (name, disabled)
            self.textarea_text = ""

    def handle_data(self, data: str) -> None:
        if self.option is not None:
            self.option_text += data
        if self.textarea is not None:
            self.textarea_text += data

    def handle_endtag(self, tag: str) -> None:
        while self.open and tag in (t for t, _h in self.open):
            if self.open.pop()[0] == tag:
                break
        if tag == "option" and self.option is not None and self.select is not None:
            value, selected = self.option
            self.select.options.append((self.option_text if value is None else value, selected))
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            name, disabled = self.textarea
            if not disabled:
                # A browser drops the one line break that follows <textarea>.
                self.form.fields.append((name, self.textarea_text.removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.form = None


def parse(url: str, html: str) -> Page:
    page = Page(url=url)
    parser = _Parser(page)
    parser.feed(html)
    parser.close()
    return page


def path_of(url: str) -> str:
    """The path and query of a URL, as the test client takes it."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
