"""One screen to let people in: every way to join, large, and the browser's address as a
QR code for phones (the facilitator's board and the projector, key `i`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_board.core.i18n import t
from tui_board.entrances.qr import qr_lines
from tui_board.entrances.ways import screen_lines
from tui_board.live.protocol import WaysIn

TEXT_WIDTH = 32
"""Columns the words need beside the QR code."""
QR_STYLE = "#000000 on #ffffff"
"""Dark on light whatever the theme: that is how a camera expects a QR code."""


class EntrancesScreen(ModalScreen[None]):
    """Every way in; the QR code only when the window is large enough to show it whole."""

    BINDINGS = [Binding("escape,i,q", "close", show=False)]
    DEFAULT_CSS = """
    EntrancesScreen {
        align: center middle;
        background: $background;
    }
    EntrancesScreen #entrances {
        width: 100%;
        max-width: 120;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        background: $surface;
    }
    EntrancesScreen #entrances-title {
        text-style: bold;
    }
    EntrancesScreen Horizontal {
        width: 100%;
        height: auto;
    }
    EntrancesScreen #entrances-qr {
        width: auto;
        height: auto;
        margin-right: 2;
    }
    EntrancesScreen #entrances-text {
        width: 1fr;
        height: auto;
    }
    EntrancesScreen .hint {
        color: $text-muted;
    }
    """

    def __init__(self, ways: WaysIn) -> None:
        super().__init__()
        self._ways = ways
        self._qr = qr_lines(ways.web) if ways.web else []

    def compose(self) -> ComposeResult:
        text = Content.assemble(*((line + "\n", style) for line, style in screen_lines(self._ways)))
        with Vertical(id="entrances"):
            yield Static(Content(t("qr.title")), id="entrances-title")
            with Horizontal():
                if self._qr:
                    code = Content("\n".join(self._qr)).stylize(QR_STYLE)
                    yield Static(code, id="entrances-qr")
                yield Static(text.rstrip(), id="entrances-text")
            yield Static(Content(""), id="entrances-small", classes="hint")
            yield Static(Content(t("qr.hint")), classes="hint")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Show the QR code whole or not at all: a code cut in half does not scan."""
        small = self.query_one("#entrances-small", Static)
        if not self._qr:
            small.display = False
            return
        width, height = len(self._qr[0]), len(self._qr)
        fits = self.app.size.width >= width + TEXT_WIDTH and self.app.size.height >= height + 4
        self.query_one("#entrances-qr", Static).display = fits
        small.display = not fits
        if not fits:
            small.update(Content(t("qr.too_small", width=width + TEXT_WIDTH, height=height + 4)))

    def action_close(self) -> None:
        self.dismiss(None)
