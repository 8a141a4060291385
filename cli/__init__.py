"""The `ecogram` command: the single command-line entry point and the composition root.

This package sits on top of the layers (cli -> webapp -> exports -> ecogram): it
may reach the web app (`serve`), the exports (drawings, reports) and the core,
while nothing below ever imports it. One module per group of subcommands;
`cli.main` builds the parser and turns every failure into one line on stderr.
"""
