"""`python -m cli`: the same as the `ecogram` console script."""

from cli.main import main

raise SystemExit(main())
