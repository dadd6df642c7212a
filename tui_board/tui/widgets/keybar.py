"""The key bar under the board: the keys this board offers now, cut to the screen's width at
whole keys, ending in "? meer" (help has every key)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from tui_board.core.i18n import t
from tui_board.tui.keys import written

KeyBarPart = str | tuple[str, str]
"""A piece of the key bar: text, or text with its style."""


def fit_key_bar(parts: Sequence[KeyBarPart], width: int) -> list[KeyBarPart]:
    """The key bar's `parts` cut to `width` cells at whole keys, ending in "? meer".

    A key starts at each part drawn in reverse video (the key) and runs up to the next one
    (its words); the bar keeps as many keys as fit, in order, with room for `?`, which
    opens the help with every key.
    """
    keys: list[list[KeyBarPart]] = []
    for part in parts:
        if not keys or (isinstance(part, tuple) and "reverse" in part[1]):
            keys.append([])
        keys[-1].append(part)

    def cells(group: Sequence[KeyBarPart]) -> int:
        return sum(cell_len(part if isinstance(part, str) else part[0]) for part in group)

    if cells(parts) <= width:
        return list(parts)
    more: list[KeyBarPart] = [" ", (f" {written('help')} ", "bold reverse")]
    more.append(f" {t('key.more')}")
    room = width - cells(more)
    kept: list[KeyBarPart] = []
    for group in keys:
        room -= cells(group)
        if room < 0:
            break
        kept += group
    return kept + more
