"""A bracketed paste arrives whole and in order, escape sequences and all.

Textual's terminal parser (`textual._xterm_parser.XTermParser`) collects a bracketed paste
(`ESC [200~ … ESC [201~`) character by character, but an ESC inside the paste sends it
looking for a key sequence: what follows that ESC (up to the end of the paste) is not
kept as pasted text but sent at once as key presses, and the paste itself ends at that
ESC. A paste of `Markup … en ESC]0;HACK BEL einde` therefore typed `^]0;HACK einde` into
the field first and then pasted `Markup … en ` after it: the end came first, with what
was left of the escape sequence. Over SSH and in the browser it is the same parser.

Alt+enter reaches the parser as ESC CR, and Textual's parser reads that as a plain Enter
(it drops the alt of a key that has a name). In the card editor Enter saves and alt+enter
starts a new line, so `PasteParser` names it `alt+enter`, as a terminal that tells keys
apart (the kitty keyboard protocol) already does.

`PasteParser` puts a small step in front of it: once the parser has seen the start of a
paste, every character up to `ESC [201~` is pasted text, whatever it is, and arrives as
one `Paste` event; the parser only hears the end of the paste (its own, empty paste is
dropped). `install()` (called by `BoardApp`) makes Textual's drivers use it.

What the text holds is then cleaned on its way to the field (`prepare`, called by the
board for every paste): escape sequences whole, controls and invisible characters as the
rules strip them (`text.clean_typed`), and cut to what fits a field with a maximum length
(Textual's `Input` would refuse a paste that does not fit whole, and say nothing).
"""

from __future__ import annotations

import sys
from collections.abc import Generator
from typing import Any

from textual import events
from textual._parser import ParseEOF, ParseError, Peek1, Read1, TokenCallback
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tui_board.core.text import clean_typed, clean_typed_lines

_DRIVERS = (
    "textual.drivers.linux_driver",
    "textual.drivers.linux_inline_driver",
    "textual.drivers.web_driver",
)


class PasteParser(XTermParser):
    """Textual's parser, but a bracketed paste is kept whole (see the module's text)."""

    def parse(self, token_callback: TokenCallback[Any]) -> Generator[Read1 | Peek1, str, None]:
        alt_enter = False  # ESC CR came in: the next Enter the parser hears is alt+enter

        def heard(token: Any) -> None:
            nonlocal alt_enter
            if isinstance(token, events.Paste):  # its pastes stop at an ESC; ours do not
                return
            if alt_enter and isinstance(token, events.Key) and token.key == "enter":
                alt_enter = False
                token = events.Key("alt+enter", None)
            token_callback(token)

        inner = super().parse(heard)
        request = next(inner)
        recent = ""
        while True:
            try:
                character = yield request
            except ParseError as error:  # a timeout or the end: the parser's to handle
                recent = ""
                try:
                    request = inner.throw(error)
                except StopIteration:
                    return
                continue
            if character == "\r" and recent.endswith("\x1b"):
                alt_enter = True
            try:
                request = inner.send(character)
            except StopIteration:
                return
            recent = (recent + character)[-len(BRACKETED_PASTE_START) :]
            if recent != BRACKETED_PASTE_START:
                continue
            recent = ""
            pasted: list[str] = []
            ended = False
            while not ended:
                try:
                    pasted.append((yield self.read1()))
                except ParseEOF:
                    break
                ended = (
                    len(pasted) >= len(BRACKETED_PASTE_END)
                    and "".join(pasted[-len(BRACKETED_PASTE_END) :]) == BRACKETED_PASTE_END
                )
            text = "".join(pasted[: -len(BRACKETED_PASTE_END)] if ended else pasted)
            token_callback(events.Paste(text.replace("\x00", "")))
            if not ended:
                return
            for end in BRACKETED_PASTE_END:  # the parser leaves its paste mode
                try:
                    request = inner.send(end)
                except StopIteration:
                    return


def prepare(text: str, field: Widget | None) -> tuple[str, int | None]:
    """A paste as `field` gets it: cleaned (`clean_typed`; a `TextArea` keeps its lines,
    CR LF and CR as LF: `clean_typed_lines`)
    and, for an `Input` with a maximum length, cut to what fits there. The second value is
    that maximum when the paste was cut, else None."""
    if isinstance(field, TextArea):
        return clean_typed_lines(text), None
    cleaned = clean_typed(text)
    if not isinstance(field, Input) or not field.max_length:
        return cleaned, None
    start, end = sorted(field.selection)
    room = max(0, field.max_length - (len(field.value) - (end - start)))
    if len(cleaned) <= room:
        return cleaned, None
    return cleaned[:room], field.max_length


def install() -> None:
    """Make Textual's terminal and web drivers read keys with `PasteParser`."""
    import textual._xterm_parser as parsing

    parsing.XTermParser = PasteParser  # type: ignore[misc]  # drivers imported later
    for name in _DRIVERS:
        module = sys.modules.get(name)
        if module is not None:
            module.XTermParser = PasteParser  # type: ignore[attr-defined]


def installed() -> bool:
    """Whether the drivers loaded so far use `PasteParser`."""
    return all(
        getattr(sys.modules[name], "XTermParser", None) is PasteParser
        for name in _DRIVERS
        if name in sys.modules
    )
