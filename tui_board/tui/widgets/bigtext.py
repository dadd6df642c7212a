"""Big letters for the projector: a 3×5 font drawn with half blocks (▀ ▄ █).

A terminal cannot change its font size, so the projector view (`join --view`) draws the
card in the spotlight and the timer three rows tall when the wall has room for it. Each
letter is three cells wide plus one cell of space; five pixel rows become three rows of
half blocks. Only capitals, digits and common punctuation are in the font (accents are
dropped: é → E); text with any other character is not drawn big (`big_lines` says None),
so a name in another script is never turned into question marks.
"""

from __future__ import annotations

import textwrap
import unicodedata

_FONT_ROWS = {
    "A": (" # ", "# #", "###", "# #", "# #"),
    "B": ("## ", "# #", "## ", "# #", "## "),
    "C": (" ##", "#  ", "#  ", "#  ", " ##"),
    "D": ("## ", "# #", "# #", "# #", "## "),
    "E": ("###", "#  ", "## ", "#  ", "###"),
    "F": ("###", "#  ", "## ", "#  ", "#  "),
    "G": (" ##", "#  ", "# #", "# #", " ##"),
    "H": ("# #", "# #", "###", "# #", "# #"),
    "I": ("###", " # ", " # ", " # ", "###"),
    "J": ("  #", "  #", "  #", "# #", " # "),
    "K": ("# #", "# #", "## ", "# #", "# #"),
    "L": ("#  ", "#  ", "#  ", "#  ", "###"),
    "M": ("# #", "###", "###", "# #", "# #"),
    "N": ("## ", "# #", "# #", "# #", "# #"),
    "O": ("###", "# #", "# #", "# #", "###"),
    "P": ("## ", "# #", "## ", "#  ", "#  "),
    "Q": (" # ", "# #", "# #", "## ", " ##"),
    "R": ("## ", "# #", "## ", "# #", "# #"),
    "S": (" ##", "#  ", " # ", "  #", "## "),
    "T": ("###", " # ", " # ", " # ", " # "),
    "U": ("# #", "# #", "# #", "# #", "###"),
    "V": ("# #", "# #", "# #", "# #", " # "),
    "W": ("# #", "# #", "###", "###", "# #"),
    "X": ("# #", "# #", " # ", "# #", "# #"),
    "Y": ("# #", "# #", " # ", " # ", " # "),
    "Z": ("###", "  #", " # ", "#  ", "###"),
    "0": (" # ", "# #", "# #", "# #", " # "),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("## ", "  #", " # ", "#  ", "###"),
    "3": ("## ", "  #", " # ", "  #", "## "),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "## ", "  #", "## "),
    "6": (" ##", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", " # ", " # ", " # "),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "## "),
    " ": ("   ", "   ", "   ", "   ", "   "),
    ".": ("   ", "   ", "   ", "   ", " # "),
    ",": ("   ", "   ", "   ", " # ", "#  "),
    ":": ("   ", " # ", "   ", " # ", "   "),
    ";": ("   ", " # ", "   ", " # ", "#  "),
    "!": (" # ", " # ", " # ", "   ", " # "),
    "?": ("## ", "  #", " # ", "   ", " # "),
    "-": ("   ", "   ", "###", "   ", "   "),
    "–": ("   ", "   ", "###", "   ", "   "),
    "—": ("   ", "   ", "###", "   ", "   "),
    "'": (" # ", " # ", "   ", "   ", "   "),
    "’": (" # ", " # ", "   ", "   ", "   "),
    "‘": (" # ", " # ", "   ", "   ", "   "),
    '"': ("# #", "# #", "   ", "   ", "   "),
    "“": ("# #", "# #", "   ", "   ", "   "),
    "”": ("# #", "# #", "   ", "   ", "   "),
    "(": ("  #", " # ", " # ", " # ", "  #"),
    ")": ("#  ", " # ", " # ", " # ", "#  "),
    "/": ("  #", "  #", " # ", "#  ", "#  "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "=": ("   ", "###", "   ", "###", "   "),
    "&": (" # ", "# #", " # ", "# #", " ##"),
    "%": ("# #", "  #", " # ", "#  ", "# #"),
    "€": (" ##", "#  ", "## ", "#  ", " ##"),
    "@": ("###", "# #", "# #", "#  ", " ##"),
    "#": ("# #", "###", "# #", "###", "# #"),
    "*": ("# #", " # ", "# #", "   ", "   "),
    "_": ("   ", "   ", "   ", "   ", "###"),
}
_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
GLYPH_WIDTH = 4
"""Cells per letter: three for the letter, one of space."""
ROWS = 3
"""Rows per line of big text (five pixel rows in half blocks); one more between lines."""


def _glyph(char: str) -> tuple[str, ...]:
    rows = [*_FONT_ROWS[char], "   "]
    return tuple(
        "".join(_HALF[(rows[pair][x] == "#", rows[pair + 1][x] == "#")] for x in range(3))
        for pair in (0, 2, 4)
    )


_GLYPHS = {char: _glyph(char) for char in _FONT_ROWS}


def _plain(text: str) -> str | None:
    """`text` in capitals without accents, or None if a character is not in the font."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = " ".join(plain.split())
    return plain if all(c in _GLYPHS for c in plain) else None


def big_lines(text: str, columns: int) -> list[str] | None:
    """`text` in big letters wrapped to `columns` cells: three rows per line, one between.

    None when a character is not in the font, or fewer than 4 letters fit on a line.
    """
    plain = _plain(text)
    per_line = (columns + 1) // GLYPH_WIDTH
    if plain is None or per_line < 4:
        return None
    rows: list[str] = []
    for line in textwrap.wrap(plain, per_line, break_on_hyphens=False) or [""]:
        if rows:
            rows.append("")  # a row between lines of text
        glyphs = [_GLYPHS[c] for c in line]
        for row in range(ROWS):
            rows.append(" ".join(g[row] for g in glyphs))
    return rows


def big_height(text: str, columns: int) -> int | None:
    """How many rows `big_lines(text, columns)` takes (None: it cannot be drawn big)."""
    lines = big_lines(text, columns)
    return None if lines is None else len(lines)
