"""`python -m tui_board` runs the `tussenruimte` command."""

from tui_board.cli.main import main

raise SystemExit(main())
