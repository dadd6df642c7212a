"""The facilitator's and participants' room actions: phases, private writing, spotlight,
timer, spelregels, mandate, roles."""

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

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    def action_phase(self, step: int) -> None:
        """Move the room one phase forward or back."""
        if self.app.board.session.phases:
            self.app.submit(SetPhase(step=step))

    def action_toggle_private(self) -> None:
        """Private writing on or off."""
        self.app.submit(SetPrivate(on=not self.app.board.session.private))

    def action_reveal(self, theme: str | None = None) -> None:
        """Reveal every waiting card (or those of one theme)."""
        self.app.submit(Reveal(theme=theme))

    def action_spotlight(self) -> None:
        """Spotlight the focused card; on the spotlighted card, end the spotlight."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return
        same = self.app.board.session.spotlight == card.id
        self.app.submit(Spotlight(card_id=None if same else card.id))

    def action_spotlight_jump(self) -> None:
        """Jump to the card in the spotlight (the spotlight itself moves nobody's cursor)."""
        spotlight = self.app.board.session.spotlight
        if not spotlight or spotlight not in self.app._where:
            self.app.notify(t("room.no_spotlight"))
            return
        self.app.cards.go_to(spotlight)

    def follow_spotlight(self, card: Card | None) -> None:
        """The projector (a view-only board) follows the spotlight: it has no cursor of its
        own to lose. Everyone else's cursor stays where it is; `S` jumps to the card."""
        if card is None or self.app.board.actor.role is not Role.OBSERVER:
            return
        if card.id in self.app._where:
            self.app.cards.go_to(card.id)

    def action_spotlight_off(self) -> None:
        """End the spotlight."""
        if self.app.clusters.clear_marks():
            return  # Escape first lets go of the marks for a cluster
        if self.app.board.session.spotlight:
            self.app.submit(Spotlight(card_id=None))

    def action_vote(self, delta: int) -> None:
        """A dot on the focused card, or one back."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return
        self.app.submit(
            VoteOp(card_id=self.app.clusters.vote_target(card), delta=1 if delta > 0 else -1)
        )

    def action_close_voting(self) -> None:
        """Close the voting round: everyone sees the result."""
        self.app.submit(CloseVoting(closed=True))

    def action_timer(self) -> None:
        """Ask for minutes and start the timer."""

        def done(minutes: int | None) -> None:
            if minutes:
                self.app.submit(TimerOp(action="start", seconds=minutes * 60))

        self.app.push_screen(TimerAsk(), done)

    def timer_do(self, action: str) -> None:
        """Pause, resume, add a minute to or stop the timer."""
        seconds = 60 if action == "add" else 0
        self.app.submit(TimerOp(action=action, seconds=seconds))

    def toggle_bell(self) -> None:
        """Sound at zero on or off (this board only)."""
        self.app.room_view.bell_on = not self.app.room_view.bell_on
        self.app.notify(t("room.bell_on") if self.app.room_view.bell_on else t("room.bell_off"))

    def action_rules(self) -> None:
        """Show or hide the spelregels and who is at the table."""
        panel = self.app.rules_panel
        panel.display = not panel.display
        self.app.room_view.refresh()
        self.app.layout.apply()

    def action_voice(self) -> None:
        """Show or hide the voice per organisation."""
        panel = self.app.voice_panel
        panel.display = not panel.display
        self.app.room_view.refresh()
        self.app.layout.apply()

    def action_confirm(self) -> None:
        """Confirm the spelregels."""
        self.app.submit(Confirm())
        if not self.app.rules_panel.display:
            self.action_rules()

    def action_mandate(self) -> None:
        """Say (or change) whether one has a mandate to make agreements."""
        person = self.app.board.session.participant(self.app.board.actor.id)
        mandate = not (person.mandate if person and person.mandate is not None else False)
        self.app.submit(SetMandate(mandate=mandate))
        state = t("room.mandate_yes") if mandate else t("room.mandate_no")
        self.app.notify(t("room.mandate_set", state=state))

    def edit_spelregels(self) -> None:
        """Open the spelregels editor."""

        def done(rules: tuple[str, ...] | None) -> None:
            if rules is not None:
                self.app.submit(SetSpelregels(spelregels=rules))

        self.app.push_screen(SpelregelsEditor(self.app.board.session.spelregels), done)

    def commands(self) -> Iterable[SystemCommand]:
        """Extra command-palette entries for running the room."""
        role = self.app.board.actor.role
        if role in EDITORS:
            for action in ("pause", "resume", "add", "stop"):
                yield SystemCommand(
                    t(f"key.timer_{action}"), t("key.timer"), partial(self.timer_do, action)
                )
            yield SystemCommand(t("key.edit_rules"), t("key.rules"), self.edit_spelregels)
            yield SystemCommand(
                t("key.reopen_voting"), t("key.close_voting"),
                partial(self.app.submit, CloseVoting(closed=False)),
            )  # fmt: skip
            for dots in (1, 2, 3, 5, 7, 10):
                yield SystemCommand(
                    t("key.set_dots", dots=dots), t("key.close_voting"),
                    partial(self.app.submit, SetDots(dots=dots)),
                )  # fmt: skip
            for column in self.app.columns:
                yield SystemCommand(
                    t("key.reveal_theme", theme=column.theme.title),
                    t("key.reveal"),
                    partial(self.action_reveal, column.theme.id),
                )
        yield SystemCommand(t("key.bell"), t("key.timer"), self.toggle_bell)
        if self.app.board.session.voting == "closed":
            yield SystemCommand(
                t("key.sort_votes"), t("key.close_voting"), self.app.cards.sort_by_votes
            )
        if role is not Role.FACILITATOR:
            return
        for person in self.app.board.session.participants:
            if person.id == self.app.board.actor.id or person.role is Role.OBSERVER:
                continue
            if person.role is Role.COFACILITATOR:
                yield SystemCommand(
                    t("key.make_participant", name=person.name),
                    "",
                    partial(self.app.submit, SetRole(participant=person.id, role=Role.PARTICIPANT)),
                )
            else:
                yield SystemCommand(
                    t("key.make_cofacilitator", name=person.name),
                    "",
                    partial(
                        self.app.submit, SetRole(participant=person.id, role=Role.COFACILITATOR)
                    ),
                )
            yield SystemCommand(
                t("key.hand_over", name=person.name),
                "",
                partial(self.app.submit, SetRole(participant=person.id, role=Role.FACILITATOR)),
            )
