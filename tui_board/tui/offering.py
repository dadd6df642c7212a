"""What this board offers its person now: which keys work (`works`, the app's
`check_action`), the key bar, and the command palette's entries. Which op each key makes is
`offers.ACTION_OPS`; the rules (`rules.allowed`) decide, here asked in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.content import Content
from textual.widgets import Static

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Role
from tui_board.core.ops import Op
from tui_board.core.rules import FOR_GOOD, Refused, allowed
from tui_board.live.localboard import LocalBoard
from tui_board.tui.actions.instruments import INSTRUMENT_ACTIONS
from tui_board.tui.actions.notulist import NOTULIST_ACTIONS
from tui_board.tui.actions.room import FACILITATOR_ACTIONS
from tui_board.tui.actions.seats import LOBBY_ACTIONS, SEAT_ACTIONS
from tui_board.tui.keys import KEYS, bar_name, written
from tui_board.tui.offers import ACTION_OPS
from tui_board.tui.widgets.keybar import fit_key_bar

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


class Offering:
    """Asks the rules and the moment which keys the board offers."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    def works(self, action: str) -> bool:
        """Whether a key works now: what this board offers its person (`offers`), and what
        the moment asks besides (the editor closed, the people panel open, a spotlight on)."""
        if self.app.editor.is_open and action != "command_palette":
            return False  # while typing a card, keys belong to the editor
        if not self.offers(action):
            return False
        if action in SEAT_ACTIONS:
            return self.app.seats.seat_allowed()
        if action in LOBBY_ACTIONS:
            return self.app.seats.lobby_allowed()
        if action == "spotlight_off":  # Escape: let go of the marks, else end the spotlight
            spotlight = self.app.board.session.spotlight and self.app.board.actor.role in EDITORS
            return bool(self.app.marked or spotlight)
        if action == "spotlight_jump":
            return bool(self.app.board.session.spotlight)  # the projector follows it of itself
        return True

    def offers(self, action: str) -> bool:
        """Whether this board offers `action` to its person at all, now or in a later phase
        (help lists these). For every key that makes an op the rules decide (`allowed`; a
        refusal for good hides it, a "not yet" is said when it is pressed); the rest is
        what this board is: live or not, its session's instruments, its ways in."""
        role = self.app.board.actor.role
        kind = ACTION_OPS.get(action)
        if kind is not None:
            refusal = self.refusal(kind)
            if refusal is not None and refusal.key in FOR_GOOD:
                return False
        if action in INSTRUMENT_ACTIONS:
            return self.app.instruments.instrument_allowed(action)
        if action in NOTULIST_ACTIONS:
            return self.app.notulist.notulist_allowed(action)
        if action in LOBBY_ACTIONS:
            return role in EDITORS and self.app.board.live  # a lobby is the relay's
        if action in SEAT_ACTIONS or action in FACILITATOR_ACTIONS:
            return role in EDITORS  # they show the facilitators something (no op of their own)
        if action == "save":
            return not self.app.board.live  # on a live board the relay saves
        if action in ("spotlight_jump", "spotlight_off"):
            return role is not Role.OBSERVER
        if action == "entrances":
            return self.app.board.ways_in is not None
        return True

    def refusal(self, kind: type[Op], card_id: str | None = None) -> Refused | None:
        """The rules' answer to whether this board's person may do `kind` now (`allowed`)."""
        board = self.app.board
        session = board.seated() if isinstance(board, LocalBoard) else board.session
        return allowed(session, board.actor, kind, card_id)

    def refused(self, kind: type[Op], card_id: str | None = None) -> bool:
        """Say why the rules do not allow `kind` now, if they do not, before anything opens."""
        refusal = self.refusal(kind, card_id)
        if refusal is None:
            return False
        self.app.notify(t(refusal.key, **refusal.values), severity="warning")
        return True

    def update_key_bar(self, width: int | None = None) -> None:
        """Show the keys this board offers now (as the footer would, in one line); what
        does not fit in `width` (the screen's) gives way to "? meer"."""
        parts: list[str | tuple[str, str]] = []
        for key in KEYS:
            action = key.action.split("(")[0]
            if not key.footer or not self.works(action):
                continue
            kind = ACTION_OPS.get(action)
            if kind is not None and self.refusal(kind) is not None:
                continue  # not now: pressing it says why, the bar does not offer it
            label = bar_name(key)
            parts += [(f" {label} ", "bold reverse"), f" {t(key.short)} "]
        parts += ["  ", (f" {written('palette')} ", "bold reverse"), f" {t('key.palette')}"]
        parts = fit_key_bar(parts, self.app.size.width if width is None else width)
        self.app.query_one("#keybar", Static).update(Content.assemble(*parts), layout=False)

    def action_command_palette(self) -> None:
        """Open the command palette (once), with its placeholder in the board's language."""
        if not CommandPalette.is_open(self.app):  # type: ignore[arg-type]
            placeholder = t("board.palette_placeholder")
            self.app.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def commands(self) -> Iterable[SystemCommand]:
        """The command palette's entries: every key that works now, the columns, and what
        the groups offer besides (timer, rounds, clusters, instruments)."""
        for key in KEYS:
            if not key.palette or not self.works(key.action.split("(")[0]):
                continue
            yield SystemCommand(t(key.long), t(key.short), self._runner(key.action))
        for index, column in enumerate(self.app.columns):
            yield SystemCommand(
                t("key.goto_theme", theme=column.theme.title),
                column.theme.question,
                partial(self.app.cards.focus_column, index),
            )
        yield from self.app.room.commands()
        yield from self.app.agreements.commands()
        yield from self.app.clusters.commands()
        yield from self.app.instruments.commands()

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.app.run_action(action)

        return run
