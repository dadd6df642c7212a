"""`python -m tui_board` runs the `tussenruimte` command."""

from .cli import main

raise SystemExit(main())
