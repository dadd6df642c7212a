"""The SSH entrance's fork server as a program: `python -m tui_board.cli.forkserver FD`.

The loop is `entrances.boardfork.serve`; this program hands it the command's `main`, which
each forked board runs (`tussenruimte join …`)."""

from __future__ import annotations

import sys

from tui_board.cli.main import main
from tui_board.entrances.boardfork import serve

if __name__ == "__main__":
    serve(int(sys.argv[1]), main)
