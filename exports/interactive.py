"""The interactive ecogram as one HTML file: zoom and pan in any browser, without a network.

pyvis, the library the project brief names for interactive network drawings,
holds the drawing and supplies the vis-network build it ships, put inline so the
file needs nothing from elsewhere. pyvis's own `add_node` and `add_edge` search
a list on every call, which at 3,000 persons costs more than building the whole
read model; it is handed the finished lists instead. Its HTML template is not
used either: it calls out to CDNs and renders without escaping.

Everything a person typed goes into a `<script type="application/json">` element
as escaped JSON and from there onto vis-network's canvas as text; the page has
no `title` on any node (vis inserts those as HTML).
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ecogram.i18n import words
from ecogram.readmodel import EcogramView
from exports import visdata

TEMPLATES = Path(__file__).resolve().parent / "templates"
FONT = {
    "size": visdata.FONT["size"],
    "face": "DejaVu Sans",
    "color": "#1f2933",
    "strokeWidth": 4,
    "strokeColor": "#ffffff",
}
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # names are typed by people; nothing in the page is trusted
    undefined=jinja2.StrictUndefined,
)


def interactive_html(view: EcogramView) -> str:
    """The view's ecogram as a self-contained HTML page."""
    import pyvis
    from pyvis.network import Network  # heavy (it loads IPython): only when a file is made

    drawn = visdata.backdrop(view)
    # The file has no script of ours to draw the placed labels: vis draws each one
    # under its person, in the page's font and size.
    texts = {label["id"]: "\n".join(label["lines"]) for label in drawn["labels"]}
    nodes = [node | {"label": texts[node["id"]], "font": FONT} for node in drawn["nodes"]]
    network = Network(directed=True, cdn_resources="in_line")
    network.nodes, network.edges = nodes, drawn["edges"]
    network.node_ids = [node["id"] for node in nodes]
    network.node_map = {node["id"]: node for node in nodes}
    network.options = visdata.OPTIONS
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    library = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    said = words(view.key.lang)
    name = view.child.name if view.child is not None else "?"
    return _env.get_template("interactive.html").render(
        lang=view.key.lang,
        title=said.gettext("Ecogram of %(name)s", name=name),
        when=said.gettext("As it stood on %(date)s", date=said.date(view.key.at)),
        data=htmlsafe_json_dumps({"nodes": nodes, "edges": edges, "options": json.loads(options)}),
        vis_js=_inline(library / "vis-network.min.js", "script"),
        vis_css=_inline(library / "vis-network.css", "style"),
    )


def _inline(path: Path, element: str) -> Markup:
    """A library's text inside a `<script>` or `<style>`: nothing in it may close the element."""
    text = path.read_text("utf-8").replace(f"</{element}", f"<\\/{element}")
    # The library's own code, its closing tags defused above.
    return Markup(text)  # noqa: S704  # nosec B704
