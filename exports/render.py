"""PNG and PDF from the SVG master drawing.

The SVG is the one source of truth: every other picture format is made from it
here, so a fix to the drawing reaches every format at once.

- PNG through CairoSVG.
- PDF through WeasyPrint, as a tagged PDF/UA-1 document: the drawing sits in
  a one-page HTML document the size of the drawing, whose language and title
  come from the SVG itself (`xml:lang` and `<title>`), and the title is also
  the image's text alternative. CairoSVG writes untagged PDFs without a title
  or language, which screen readers cannot announce.

Nothing is ever fetched while rendering: the drawing holds no external
references, a drawing that refers outside itself is refused before rendering
starts, and both renderers' fetchers refuse anything that is not inline data,
so a hostile name can never make a renderer read a file or call a server.
"""

from __future__ import annotations

import base64
import html
import re

from cairosvg import surface  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)
from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

SVG_NS = "http://www.w3.org/2000/svg"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PDF_VARIANT = "pdf/ua-1"
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: {width}px {height}px; margin: 0; }}
html, body {{ margin: 0; }}
img {{ display: block; width: {width}px; height: {height}px; }}
</style>
</head>
<body><img src="{uri}" alt="{title}"></body>
</html>
"""


class ExternalResourceRefused(ValueError):
    """The drawing asked for a resource outside itself."""


def _refuse(url: str, resource_type: str) -> bytes:
    # Our SVGs embed everything; a reference out is a bug or an attack, never a need.
    raise ExternalResourceRefused(f"refusing to fetch {resource_type} while rendering")


def svg_to_png(svg: str, *, scale: float = 1.0) -> bytes:
    """The drawing as a PNG; `scale` 2.0 doubles the pixels for a sharp print."""
    if not scale > 0:
        raise ValueError("scale must be positive")
    # `svg2png` has no `url_fetcher` parameter and its default fetcher opens any URL.
    png: bytes = surface.PNGSurface.convert(
        bytestring=svg.encode("utf-8"), scale=scale, unsafe=False, url_fetcher=_refuse
    )
    return png


def _self_contained(root: etree._Element) -> None:
    """Refuse a drawing with a reference out: an href or url() not to `#...`, or an @import.

    WeasyPrint's SVG renderer quietly skips some references it cannot fetch, so
    the drawing is checked as a whole rather than trusting each fetch to fail.
    """
    for element in root.iter():
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            if (local == "href" and not value.startswith("#")) or _OUTSIDE_URL.search(value):
                raise ExternalResourceRefused(f"refusing a reference out of the drawing ({local})")
        if etree.QName(element).localname == "style":
            css = element.text or ""
            if "@import" in css.lower() or _OUTSIDE_URL.search(css):
                raise ExternalResourceRefused("refusing a stylesheet reference out of the drawing")


def svg_to_pdf(svg: str) -> bytes:
    """The drawing as a one-page PDF/UA-1 the size of the SVG, with its title and language."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(svg.encode("utf-8"), parser=parser)
    _self_contained(root)
    title = root.findtext(f"{{{SVG_NS}}}title") or ""
    page = _PAGE.format(
        lang=html.escape(root.get(XML_LANG) or "en"),
        title=html.escape(" ".join(title.split())),
        width=float(root.get("width") or 0),
        height=float(root.get("height") or 0),
        uri="data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"),
    )
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    pdf: bytes = HTML(string=page, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf
