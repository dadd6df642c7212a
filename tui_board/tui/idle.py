"""Garbage collected in a quiet second, so that the collector seldom delays a key."""

from __future__ import annotations

import gc

from tui_board.entrances.boardfork import may_unfreeze

GC_BUSY_FROZEN = 25_000
"""Objects a busy board may freeze (mostly garbage, some 2.5 MB) until a quiet second."""


class IdleCollector:
    """Called every second (`tick`); collects when the second before was quiet."""

    def __init__(self) -> None:
        self._gc_seen = -1
        """Young collections counted at the last tick (to tell whether the board is idle)."""
        self._gc_due = True
        """Something happened since the last collection while idle."""
        self._gc_frozen = 0
        """Objects frozen just after that collection."""

    def start(self) -> None:
        """The session is built; keep its objects out of the collector's way from now on."""
        gc.freeze()
        self._gc_frozen = gc.get_freeze_count()

    def tick(self) -> None:
        """Collect garbage in a quiet second, so that the collector seldom delays a key.

        A full collection goes through every object that is not frozen: the screen's caches
        alone are some 90,000, 15-40 ms. Done while nobody types, and with everything that
        survives frozen again (`gc.freeze`), the full collections Python starts by itself
        during keys only go through what is newer. What survives a busy second is frozen as
        well, up to `GC_BUSY_FROZEN` objects: most of it is garbage that only the next
        quiet second collects (Textual's cached lines refer to themselves; a move or an add
        leaves some 150 objects, 15 KB), so beyond that the collector takes it as usual.
        Unfreezing first lets everything be collected in the end: nothing stays frozen for
        good (docs/benchmarks.md).
        """
        seen = gc.get_stats()[0]["collections"]
        if seen != self._gc_seen:
            self._gc_seen = seen  # busy in the last second (young collections ran)
            self._gc_due = True
            if gc.get_freeze_count() - self._gc_frozen < GC_BUSY_FROZEN:
                gc.freeze()
        elif self._gc_due:
            self._gc_due = False
            if may_unfreeze():  # not in a board forked over SSH (boardfork.py)
                gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._gc_seen = gc.get_stats()[0]["collections"]
            self._gc_frozen = gc.get_freeze_count()
