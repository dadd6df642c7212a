"""Cleaning untrusted text: no terminal control characters ever reach a screen or a file,
and no invisible character makes text look other than it is."""

from __future__ import annotations

import re

MAX_CARD_TEXT = 500
"""The most characters a card may hold (a line break counts as one)."""

MAX_CARD_LINES = 10
"""The most lines a card may hold: the line breaks after the tenth line become spaces."""

# C0 controls (tab and newline included: a line of text is one line), DEL, C1 controls,
# and the line and paragraph separators (a line break by another name).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"[ \u00a0]{2,}")

INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left mark
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings, overrides and their end
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner and invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates and their end
    "\u206a\u206b\u206c\u206d\u206e\u206f"  # deprecated format characters
    "\ufeff"  # zero-width no-break space (byte order mark)
)
"""Characters that draw nothing yet change how the text around them looks or reads: text
keeps none of them, except a zero-width joiner inside an emoji sequence (👩‍💻)."""

ZWJ = "\u200d"

_PICTOGRAPHIC = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u25fe"
    "\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
"""Emoji and pictographs (skin tones included) that a zero-width joiner may join."""

_REMOVED = re.compile("[" + INVISIBLE.replace(ZWJ, "") + "]")
_LONE_ZWJ = re.compile(
    f"(?<![{_PICTOGRAPHIC}])(?<![{_PICTOGRAPHIC}]\ufe0f){ZWJ}|{ZWJ}(?![{_PICTOGRAPHIC}])"
)
"""A zero-width joiner that does not stand between two pictographs (the first may carry
the emoji variation selector U+FE0F, as in ❤️‍🔥)."""


def strip_invisible(text: str) -> str:
    """Return `text` without the characters of `INVISIBLE`, except a zero-width joiner
    between two pictographs (an emoji sequence such as 👨‍👩‍👧 stays whole)."""
    if text.isascii():
        return text
    return _LONE_ZWJ.sub("", _REMOVED.sub("", text))


def _clean_characters(text: str) -> str:
    cleaned = strip_invisible(_CONTROL.sub(" ", text))
    return _SPACES.sub(" ", cleaned)


def clean_text(text: str) -> str:
    """Return `text` with control characters (ESC included) replaced by spaces, invisible
    characters (see `strip_invisible`) removed, runs of spaces shrunk, trimmed."""
    return _clean_characters(text).strip()


_ESCAPE = re.compile(
    # CSI: ESC [ (or U+009B), parameters, intermediates, one final byte.
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    # OSC: ESC ] (or U+009D) up to BEL or ST (ESC \\ or U+009C); unended, up to the next ESC.
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    # DCS, SOS, PM, APC: ESC P / X / ^ / _ (or their C1 forms) with their payload up to ST.
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    # Any other escape sequence: ESC, intermediates, one final byte (ESC c, ESC ( B, ESC 7).
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)
"""A whole terminal escape sequence, its parameters or payload included."""


def strip_escapes(text: str) -> str:
    """Return `text` without terminal escape sequences, each removed whole: CSI (`ESC [ …
    final`), OSC (`ESC ] … BEL` or `… ESC \\`), DCS, SOS, PM and APC (`ESC P/X/^/_ … ESC \\`)
    with their payload, and the short ones (`ESC c`). What a terminal would show of it is
    what stays, in its order."""
    if "\x1b" not in text and not any("\x90" <= c <= "\x9f" for c in text):
        return text
    return _ESCAPE.sub("", text)


def clean_typed(text: str) -> str:
    """Clean what someone types or pastes into a field, before it is shown there.

    Escape sequences go whole (`strip_escapes`), then the characters the rules strip go as
    the rules strip them (`clean_text`: controls, line breaks included, become a space;
    invisible characters go; runs of spaces shrink). Not trimmed: a space typed at the end
    is the space before the next word. The rules clean again what arrives (`clean_text`)."""
    return _clean_characters(strip_escapes(text))


_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")
"""A line break: LF, CR LF, a lone CR, or the line or paragraph separator."""


def clean_card_text(text: str) -> str:
    """Return a card's text as the rules keep it: its lines, each cleaned as `clean_text`
    cleans (controls become a space, invisible characters go, trimmed), joined by LF.

    Every kind of line break (`_LINE_BREAK`) becomes LF. Blank lines at the start and the
    end go, and two or more in a row become one (paragraphs stay apart, nothing more). After
    `MAX_CARD_LINES` lines the rest joins the last line, with spaces."""
    kept: list[str] = []
    for line in _LINE_BREAK.split(text):
        line = clean_text(line)
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    if len(kept) > MAX_CARD_LINES:
        rest = " ".join(line for line in kept[MAX_CARD_LINES - 1 :] if line)
        kept = [*kept[: MAX_CARD_LINES - 1], rest]
    return "\n".join(kept)


def card_lines(text: str) -> list[str]:
    """The lines of a card's text as a screen or report shows them (`clean_card_text`);
    a blank line between paragraphs is an empty string, and an empty text has no lines."""
    cleaned = clean_card_text(text)
    return cleaned.split("\n") if cleaned else []


def clean_typed_lines(text: str) -> str:
    """Clean what someone types or pastes into a field that holds lines (a card): as
    `clean_typed`, but every line break (CR LF, CR, LF) stays, as LF."""
    return "\n".join(_clean_characters(line) for line in _LINE_BREAK.split(strip_escapes(text)))


def clean_line(text: str, limit: int = 200) -> str:
    """Clean a short field (a name, an organisation, a title) and cut it to `limit` characters."""
    # Cleaned again after the cut: a cut can leave a space or a lone joiner at the end.
    return clean_text(clean_text(text)[:limit])
