"""Turns domain objects into files: drawings, summaries, open graph formats and reports.

Arrows point one way (DESIGN "Layering"): webapp -> exports -> ecogram. Nothing
here imports Flask; the web app and the CLI hand in loaded domain objects.
"""
