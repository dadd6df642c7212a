"""Garbage collected in a quiet second, so that the collector seldom delays a key."""

from __future__ import annotations

import gc
import time

from tui_board.entrances.boardfork import may_unfreeze, own_part

GC_BUSY_FROZEN = 25_000
"""Objects a busy board may freeze (mostly garbage, some 2.5 MB) until a quiet second."""


def freeze() -> int:
    """`gc.freeze()`, and how many objects it froze: those in the collector's generations,
    counted before (quick: young objects), where `gc.get_freeze_count()` walks every frozen
    object, in a board forked over SSH the fork server's too (~30 ms a call)."""
    count = sum(len(gc.get_objects(generation)) for generation in range(3))
    gc.freeze()
    return count


class IdleCollector:
    """Called every second (`tick`); collects when the second before was quiet."""

    def __init__(self) -> None:
        self._gc_seen = -1
        """Young collections counted at the last tick (to tell whether the board is idle)."""
        self._gc_due = True
        """Something happened since the last collection while idle."""
        self._gc_frozen = 0
        """Objects frozen in busy seconds since that collection."""
        self.own_frozen = 0
        """Objects this board froze itself and has not unfrozen (`boardfork.may_unfreeze`)."""
        self.key_at = 0.0
        """When the last key came (time.monotonic): a second with a key is not quiet."""

    def start(self) -> None:
        """The session is built; keep its objects out of the collector's way from now on."""
        self.own_frozen += freeze()

    def key(self) -> None:
        """A key came now."""
        self.key_at = time.monotonic()

    def tick(self) -> None:
        """Collect garbage in a quiet second, so that the collector seldom delays a key.

        A full collection goes through every object that is not frozen: the screen's caches
        alone are some 90,000, 15-40 ms. Done while nobody types (no key in the last second:
        others' cards wait while the person types, so a typing board is otherwise quiet),
        and with everything that survives frozen again (`gc.freeze`), the full collections
        Python starts by itself during keys only go through what is newer. What survives a
        busy second is frozen as well, up to `GC_BUSY_FROZEN` objects: most of it is garbage
        that only the next quiet second collects (Textual's cached lines refer to
        themselves; a move or an add leaves some 150 objects, 15 KB), so beyond that the
        collector takes it as usual. Unfreezing first lets everything be collected in the
        end: nothing stays frozen for good (docs/benchmarks.md).
        """
        seen = gc.get_stats()[0]["collections"]
        if seen != self._gc_seen or time.monotonic() - self.key_at < 1.0:
            # Busy in the last second: young collections ran, or a key came (typing a
            # card makes little garbage, and a full collection between two keys would
            # delay the next one's echo by 15-40 ms).
            self._gc_seen = seen
            self._gc_due = True
            if self._gc_frozen < GC_BUSY_FROZEN:
                frozen = freeze()
                self._gc_frozen += frozen
                self.own_frozen += frozen
        elif self._gc_due:
            self._gc_due = False
            unfrozen = may_unfreeze(self.own_frozen)  # not in a board forked over SSH
            if unfrozen:
                gc.unfreeze()
            gc.collect()
            frozen = freeze()
            self.own_frozen = own_part(frozen) if unfrozen else self.own_frozen + frozen
            self._gc_seen = gc.get_stats()[0]["collections"]
            self._gc_frozen = 0
