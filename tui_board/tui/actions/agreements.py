# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""Keys and palette commands for agreements (TWO's) and consent rounds. Mixed into the app."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Agreement
from tui_board.core.ops import (
    AddCard,
    AnswerOp,
    CloseAnswers,
    CloseRound,
    DraftAgreement,
    SetKind,
    StartRound,
    new_id,
)
from tui_board.core.text import clean_text
from tui_board.tui.screens.agreements import AgreementForm, AnswerScreen, DecisionScreen

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


def _short(agreement: Agreement) -> str:
    text = clean_text(agreement.what)
    return text if len(text) <= 50 else text[:49] + "…"


class AgreementActions:
    """Draft (a), show (A) and answer (w) agreements; run rounds from the palette."""

    def action_kind(self: BoardApp) -> None:
        """Mark the focused card: problem → proposal → plain."""
        card = self.current_card()
        if card is None:
            self.notify(t("board.no_card_here"))
            return
        following = {"": "probleem", "probleem": "voorstel", "voorstel": ""}[card.kind]
        self.submit(SetKind(card_id=card.id, kind=following))

    def action_propose(self: BoardApp) -> None:
        """Write a proposal that answers the focused problem (spelregel 2)."""
        problem = self.current_card()
        if problem is None or problem.kind != "probleem":
            self.notify(t("refused.not_a_problem"), severity="warning")
            return
        short = problem.text if len(problem.text) <= 40 else problem.text[:39] + "…"

        def done(text: str | None) -> None:
            if text is not None and text.strip():
                op = AddCard(card_id=new_id(), theme=problem.theme, text=text, answers=problem.id)
                self.submit(op, follow=op.card_id)

        self.open_editor(t("kind.new_proposal", text=short), "", done)

    def action_agree(self: BoardApp) -> None:
        """Draft a TWO from the focused card."""
        card = self.current_card()
        cluster = self.board.session.cluster(card.cluster) if card and card.cluster else None
        if cluster is not None:  # a cluster becomes one TWO, named after its title
            self._open_form(None, cluster.title, cluster.id)
            return
        self._open_form(None, card.text if card else "", card.id if card else "")

    def _open_form(self: BoardApp, base: Agreement | None, what: str, source: str) -> None:
        def done(draft: DraftAgreement | None) -> None:
            if draft is not None:
                self.submit(draft)
                if not self.agreements_panel.display:
                    self.action_agreements()

        self.push_screen(AgreementForm(self.board.session, base, what, source), done)

    def action_agreements(self: BoardApp) -> None:
        """Show or hide the agreements."""
        panel = self.agreements_panel
        panel.display = not panel.display
        self.refresh_room()
        self._layout()

    def action_answer(self: BoardApp) -> None:
        """Answer the agreement that is in a consent round."""
        agreements = self.board.session.agreements
        open_round = next((a for a in agreements if a.status == "in_ronde"), None)
        if open_round is None:
            closed = any(a.status == "beraad" for a in agreements)
            self.notify(t("refused.answers_closed") if closed else t("two.no_round"))
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                kind, text = answer
                self.submit(AnswerOp(agreement_id=open_round.id, kind=kind, text=text))

        self.push_screen(AnswerScreen(_short(open_round)), done)

    def close_round(self: BoardApp, agreement_id: str) -> None:
        """Close answering: everyone sees the answers; once this board has them, the
        facilitator sees the counted reactions and the concerns, then chooses."""
        self.deciding = agreement_id
        if self.submit(CloseAnswers(agreement_id=agreement_id)):
            self.decide_when_ready()  # offline the answers are here at once; live on arrival
        else:
            self.deciding = ""

    def decide_when_ready(self: BoardApp) -> None:
        """Open the choice for the round this board closed, once its answers show here
        (called whenever the room is redrawn)."""
        if not self.deciding:
            return
        agreement = self.board.session.agreement(self.deciding)
        if agreement is None or agreement.status not in ("in_ronde", "beraad"):
            self.deciding = ""  # someone else chose already, or it is gone
            return
        if agreement.status == "beraad":
            self.deciding = ""
            self.decide(agreement.id)

    def decide(self: BoardApp, agreement_id: str) -> None:
        """The counted reactions and the concerns, then adopt / back to concept / park."""
        agreement = self.board.session.agreement(agreement_id)
        if agreement is None or agreement.status != "beraad":
            self.notify(t("refused.no_round"), severity="warning")
            return

        def done(outcome: str | None) -> None:
            if outcome in ("aangenomen", "concept", "geparkeerd"):
                self.submit(CloseRound(agreement_id=agreement_id, outcome=outcome))

        self.push_screen(DecisionScreen(agreement, self.board.session), done)

    def agreement_commands(self: BoardApp) -> Iterable[SystemCommand]:
        """Palette entries to run consent rounds (facilitators)."""
        if self.board.actor.role not in EDITORS:
            return
        for agreement in self.board.session.agreements:
            what = _short(agreement)
            if agreement.status == "in_ronde":
                yield SystemCommand(
                    t("key.close_round", what=what),
                    t("key.agreements"),
                    partial(self.close_round, agreement.id),
                )
                continue
            if agreement.status == "beraad":
                yield SystemCommand(
                    t("key.decide", what=what),
                    t("key.agreements"),
                    partial(self.decide, agreement.id),
                )
                continue
            if agreement.status in ("concept", "geparkeerd"):
                start = StartRound(agreement_id=agreement.id)
                yield SystemCommand(
                    t("key.start_round", what=what),
                    t("key.agreements"),
                    partial(self.submit, start),
                )
            yield SystemCommand(
                t("key.edit_two", what=what),
                t("key.agreements"),
                partial(self._open_form, agreement, agreement.what, agreement.source),
            )
