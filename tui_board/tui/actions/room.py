# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""The facilitator's and participants' room actions: phases, private writing, spotlight,
timer, spelregels, mandate, roles. Mixed into the board app."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Card, Role
from tui_board.core.ops import (
    CloseVoting,
    Confirm,
    Reveal,
    SetDots,
    SetMandate,
    SetPhase,
    SetPrivate,
    SetRole,
    SetSpelregels,
    Spotlight,
    TimerOp,
    VoteOp,
)
from tui_board.tui.screens.dialogs import SpelregelsEditor, TimerAsk

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

FACILITATOR_ACTIONS = frozenset(
    {
        "phase",
        "toggle_private",
        "reveal",
        "spotlight",
        "timer",
        "close_voting",
        "agree",
        "voice",
    }
)
"""Actions only facilitators and co-facilitators get (hidden from everyone else)."""


class RoomActions:
    """Key actions that run the room; each becomes an Op for the rules."""

    def action_phase(self: BoardApp, step: int) -> None:
        """Move the room one phase forward or back."""
        if self.board.session.phases:
            self.submit(SetPhase(step=step))

    def action_toggle_private(self: BoardApp) -> None:
        """Private writing on or off."""
        self.submit(SetPrivate(on=not self.board.session.private))

    def action_reveal(self: BoardApp, theme: str | None = None) -> None:
        """Reveal every waiting card (or those of one theme)."""
        self.submit(Reveal(theme=theme))

    def action_spotlight(self: BoardApp) -> None:
        """Spotlight the focused card; on the spotlighted card, end the spotlight."""
        card = self.current_card()
        if card is None:
            self.notify(t("board.no_card_here"))
            return
        same = self.board.session.spotlight == card.id
        self.submit(Spotlight(card_id=None if same else card.id))

    def action_spotlight_jump(self: BoardApp) -> None:
        """Jump to the card in the spotlight (the spotlight itself moves nobody's cursor)."""
        spotlight = self.board.session.spotlight
        if not spotlight or spotlight not in self._where:
            self.notify(t("room.no_spotlight"))
            return
        self._go_to(spotlight)

    def follow_spotlight(self: BoardApp, card: Card | None) -> None:
        """The projector (a view-only board) follows the spotlight: it has no cursor of its
        own to lose. Everyone else's cursor stays where it is; `S` jumps to the card."""
        if card is None or self.board.actor.role is not Role.OBSERVER:
            return
        if card.id in self._where:
            self._go_to(card.id)

    def action_spotlight_off(self: BoardApp) -> None:
        """End the spotlight."""
        if self.clear_marks():
            return  # Escape first lets go of the marks for a cluster
        if self.board.session.spotlight:
            self.submit(Spotlight(card_id=None))

    def action_vote(self: BoardApp, delta: int) -> None:
        """A dot on the focused card, or one back."""
        card = self.current_card()
        if card is None:
            self.notify(t("board.no_card_here"))
            return
        self.submit(VoteOp(card_id=self.vote_target(card), delta=1 if delta > 0 else -1))

    def action_close_voting(self: BoardApp) -> None:
        """Close the voting round: everyone sees the result."""
        self.submit(CloseVoting(closed=True))

    def action_timer(self: BoardApp) -> None:
        """Ask for minutes and start the timer."""

        def done(minutes: int | None) -> None:
            if minutes:
                self.submit(TimerOp(action="start", seconds=minutes * 60))

        self.push_screen(TimerAsk(), done)

    def timer_do(self: BoardApp, action: str) -> None:
        """Pause, resume, add a minute to or stop the timer."""
        seconds = 60 if action == "add" else 0
        self.submit(TimerOp(action=action, seconds=seconds))

    def toggle_bell(self: BoardApp) -> None:
        """Sound at zero on or off (this board only)."""
        self.bell_on = not self.bell_on
        self.notify(t("room.bell_on") if self.bell_on else t("room.bell_off"))

    def action_rules(self: BoardApp) -> None:
        """Show or hide the spelregels and who is at the table."""
        panel = self.rules_panel
        panel.display = not panel.display
        self.refresh_room()
        self._layout()

    def action_voice(self: BoardApp) -> None:
        """Show or hide the voice per organisation."""
        panel = self.voice_panel
        panel.display = not panel.display
        self.refresh_room()
        self._layout()

    def action_confirm(self: BoardApp) -> None:
        """Confirm the spelregels."""
        self.submit(Confirm())
        if not self.rules_panel.display:
            self.action_rules()

    def action_mandate(self: BoardApp) -> None:
        """Say (or change) whether one has a mandate to make agreements."""
        person = self.board.session.participant(self.board.actor.id)
        mandate = not (person.mandate if person and person.mandate is not None else False)
        self.submit(SetMandate(mandate=mandate))
        state = t("room.mandate_yes") if mandate else t("room.mandate_no")
        self.notify(t("room.mandate_set", state=state))

    def edit_spelregels(self: BoardApp) -> None:
        """Open the spelregels editor."""

        def done(rules: tuple[str, ...] | None) -> None:
            if rules is not None:
                self.submit(SetSpelregels(spelregels=rules))

        self.push_screen(SpelregelsEditor(self.board.session.spelregels), done)

    def room_commands(self: BoardApp) -> Iterable[SystemCommand]:
        """Extra command-palette entries for running the room."""
        role = self.board.actor.role
        if role in EDITORS:
            for action in ("pause", "resume", "add", "stop"):
                yield SystemCommand(
                    t(f"key.timer_{action}"), t("key.timer"), partial(self.timer_do, action)
                )
            yield SystemCommand(t("key.edit_rules"), t("key.rules"), self.edit_spelregels)
            yield SystemCommand(
                t("key.reopen_voting"), t("key.close_voting"),
                partial(self.submit, CloseVoting(closed=False)),
            )  # fmt: skip
            for dots in (1, 2, 3, 5, 7, 10):
                yield SystemCommand(
                    t("key.set_dots", dots=dots), t("key.close_voting"),
                    partial(self.submit, SetDots(dots=dots)),
                )  # fmt: skip
            for column in self.columns:
                yield SystemCommand(
                    t("key.reveal_theme", theme=column.theme.title),
                    t("key.reveal"),
                    partial(self.action_reveal, column.theme.id),
                )
        yield SystemCommand(t("key.bell"), t("key.timer"), self.toggle_bell)
        if self.board.session.voting == "closed":
            yield SystemCommand(t("key.sort_votes"), t("key.close_voting"), self.sort_by_votes)
        if role is not Role.FACILITATOR:
            return
        for person in self.board.session.participants:
            if person.id == self.board.actor.id or person.role is Role.OBSERVER:
                continue
            if person.role is Role.COFACILITATOR:
                yield SystemCommand(
                    t("key.make_participant", name=person.name),
                    "",
                    partial(self.submit, SetRole(participant=person.id, role=Role.PARTICIPANT)),
                )
            else:
                yield SystemCommand(
                    t("key.make_cofacilitator", name=person.name),
                    "",
                    partial(self.submit, SetRole(participant=person.id, role=Role.COFACILITATOR)),
                )
            yield SystemCommand(
                t("key.hand_over", name=person.name),
                "",
                partial(self.submit, SetRole(participant=person.id, role=Role.FACILITATOR)),
            )
