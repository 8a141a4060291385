"""Turns domain objects into files: drawings, summaries, open graph formats and reports.

Arrows point one way (docs/architecture.md): cli -> webapp -> exports -> ecogram.
Nothing here imports Flask; the web app and the CLI hand in loaded domain objects.
"""
