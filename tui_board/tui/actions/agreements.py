"""Keys and palette commands for agreements (TWO's) and consent rounds."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Agreement
from tui_board.core.ops import (
    AnswerOp,
    CloseAnswers,
    CloseRound,
    DraftAgreement,
    SetKind,
    StartRound,
)
from tui_board.core.text import clean_text
from tui_board.tui.screens.agreements import AgreementForm, AnswerScreen, DecisionScreen
from tui_board.tui.widgets.editor import NewCard

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


def _short(agreement: Agreement) -> str:
    text = clean_text(agreement.what)
    return text if len(text) <= 50 else text[:49] + "…"


class AgreementActions:
    """Draft (a), show (A) and answer (w) agreements; run rounds from the palette."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self.deciding = ""
        """The consent round this board closed answering for: its choice opens on arrival."""

    def action_kind(self) -> None:
        """Mark the focused card: problem → proposal → plain."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return
        following = {"": "probleem", "probleem": "voorstel", "voorstel": ""}[card.kind]
        self.app.submit(SetKind(card_id=card.id, kind=following))

    def action_propose(self) -> None:
        """Write a proposal that answers the focused problem (spelregel 2)."""
        problem = self.app.current_card()
        if problem is None or problem.kind != "probleem":
            self.app.notify(t("refused.not_a_problem"), severity="warning")
            return
        short = problem.text if len(problem.text) <= 40 else problem.text[:39] + "…"
        writing = NewCard(problem.theme, answers=problem.id)
        self.app.cards.open_editor(t("kind.new_proposal", text=short), "", writing)

    def action_agree(self) -> None:
        """Draft a TWO from the focused card."""
        card = self.app.current_card()
        cluster = self.app.board.session.cluster(card.cluster) if card and card.cluster else None
        if cluster is not None:  # a cluster becomes one TWO, named after its title
            self._open_form(None, cluster.title, cluster.id)
            return
        self._open_form(None, card.text if card else "", card.id if card else "")

    def _open_form(self, base: Agreement | None, what: str, source: str) -> None:
        def done(draft: DraftAgreement | None) -> None:
            if draft is not None:
                self.app.submit(draft)
                if not self.app.agreements_panel.display:
                    self.action_agreements()

        self.app.push_screen(AgreementForm(self.app.board.session, base, what, source), done)

    def action_agreements(self) -> None:
        """Show or hide the agreements."""
        panel = self.app.agreements_panel
        panel.display = not panel.display
        self.app.room_view.refresh()
        self.app.layout.apply()

    def action_answer(self) -> None:
        """Answer the agreement that is in a consent round."""
        agreements = self.app.board.session.agreements
        open_round = next((a for a in agreements if a.status == "in_ronde"), None)
        if open_round is None:
            closed = any(a.status == "beraad" for a in agreements)
            self.app.notify(t("refused.answers_closed") if closed else t("two.no_round"))
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                kind, text = answer
                self.app.submit(AnswerOp(agreement_id=open_round.id, kind=kind, text=text))

        self.app.push_screen(AnswerScreen(_short(open_round)), done)

    def close_round(self, agreement_id: str) -> None:
        """Close answering: everyone sees the answers; once this board has them, the
        facilitator sees the counted reactions and the concerns, then chooses."""
        self.deciding = agreement_id
        if self.app.submit(CloseAnswers(agreement_id=agreement_id)):
            self.decide_when_ready()  # offline the answers are here at once; live on arrival
        else:
            self.deciding = ""

    def decide_when_ready(self) -> None:
        """Open the choice for the round this board closed, once its answers show here
        (called whenever the room is redrawn)."""
        if not self.deciding:
            return
        agreement = self.app.board.session.agreement(self.deciding)
        if agreement is None or agreement.status not in ("in_ronde", "beraad"):
            self.deciding = ""  # someone else chose already, or it is gone
            return
        if agreement.status == "beraad":
            self.deciding = ""
            self.decide(agreement.id)

    def decide(self, agreement_id: str) -> None:
        """The counted reactions and the concerns, then adopt / back to concept / park."""
        agreement = self.app.board.session.agreement(agreement_id)
        if agreement is None or agreement.status != "beraad":
            self.app.notify(t("refused.no_round"), severity="warning")
            return

        def done(outcome: str | None) -> None:
            if outcome in ("aangenomen", "concept", "geparkeerd"):
                self.app.submit(CloseRound(agreement_id=agreement_id, outcome=outcome))

        self.app.push_screen(DecisionScreen(agreement, self.app.board.session), done)

    def commands(self) -> Iterable[SystemCommand]:
        """Palette entries to run consent rounds (facilitators)."""
        if self.app.board.actor.role not in EDITORS:
            return
        for agreement in self.app.board.session.agreements:
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
                    partial(self.app.submit, start),
                )
            yield SystemCommand(
                t("key.edit_two", what=what),
                t("key.agreements"),
                partial(self._open_form, agreement, agreement.what, agreement.source),
            )
