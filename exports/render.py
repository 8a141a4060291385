"""PNG and PDF from the SVG master drawing, through CairoSVG.

The SVG is the one source of truth: every other picture format is made from it
here, so a fix to the drawing reaches every format at once. Nothing is ever
fetched while rendering: the drawing holds no external references, and the
fetcher below refuses anything that is not inline data, so a hostile name can
never make the renderer read a file or call a server.
"""

from __future__ import annotations

from cairosvg import surface  # type: ignore[import-untyped]


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


def svg_to_pdf(svg: str) -> bytes:
    """The drawing as a one-page vector PDF, the size of the SVG."""
    pdf: bytes = surface.PDFSurface.convert(
        bytestring=svg.encode("utf-8"), unsafe=False, url_fetcher=_refuse
    )
    return pdf
