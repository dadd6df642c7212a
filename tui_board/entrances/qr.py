"""QR codes drawn in a terminal with Unicode half blocks: a phone scans the board's address.

Each line of text holds two rows of modules: `▀` is a dark module above a light one, `▄`
the other way round, `█` two dark ones and a space two light ones. Draw the lines dark on
light (black on white), whatever the terminal's colours: the quiet zone (four light modules
around the code, as the standard asks) is part of the lines, so a camera finds the edges.
"""

from __future__ import annotations

import segno

QUIET_ZONE = 4
"""Light modules around the code."""

_CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def modules(data: str, quiet_zone: int = QUIET_ZONE) -> list[list[bool]]:
    """The QR code of `data` as rows of modules (True: dark), quiet zone included.

    Error correction M (15 %): a projector's glare or a phone at an angle still reads.
    """
    code = segno.make_qr(data, error="m")
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=quiet_zone)]


def half_blocks(rows: list[list[bool]]) -> list[str]:
    """Two rows of modules per line of text (a last odd row gets a light row below)."""
    lines = []
    for top in range(0, len(rows), 2):
        upper = rows[top]
        lower = rows[top + 1] if top + 1 < len(rows) else [False] * len(upper)
        lines.append("".join(_CELLS[pair] for pair in zip(upper, lower, strict=True)))
    return lines


def qr_lines(data: str, quiet_zone: int = QUIET_ZONE) -> list[str]:
    """`data` as a QR code in lines of half blocks: draw them dark on light."""
    return half_blocks(modules(data, quiet_zone))


def size(data: str) -> tuple[int, int]:
    """(columns, lines) the drawn code of `data` takes."""
    lines = qr_lines(data)
    return len(lines[0]), len(lines)
