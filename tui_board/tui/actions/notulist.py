"""The notulist: recording a session afterwards on the offline board (facilitator only).

N adds someone who sat at the table (name, organisation, mandate); K writes a card on
someone's behalf in the active column; J records the answers of a consent round person by
person, U the evaluation forms. The rules decide (`AddPerson`, `OnBehalf`); the relay
refuses them, so these keys are only on an offline board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui_board.core.i18n import t
from tui_board.core.model import Participant, Role
from tui_board.core.ops import AddPerson, AnswerOp, Evaluate, OnBehalf
from tui_board.core.text import clean_line, clean_text
from tui_board.tui.screens.notulist import BehalfAnswer, BehalfEvaluation, PersonForm
from tui_board.tui.screens.seats import SeatPicker, seat_label
from tui_board.tui.widgets.editor import NewCard

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

NOTULIST_ACTIONS = frozenset(
    {"add_person", "card_on_behalf", "answer_on_behalf", "evaluate_on_behalf"}
)
"""The notulist's actions: for the facilitator of an offline board."""


class NotulistActions:
    """The keys N (add someone), K (card on behalf), J (answers on behalf) and U
    (evaluations on behalf)."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    def notulist_allowed(self, action: str) -> bool:
        """The facilitator of an offline board; the evaluation only when the session uses it."""
        if action == "evaluate_on_behalf" and "evaluatie" not in self.app.board.session.instruments:
            return False
        return not self.app.board.live and self.app.board.actor.role is Role.FACILITATOR

    def _behalf_people(self, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """The people at the table but oneself (and `skip`), as the seat picker lists them."""
        session = self.app.board.session
        people = [
            p
            for p in session.participants
            if p.role is not Role.OBSERVER and p.id != self.app.board.actor.id and p.id not in skip
        ]
        ordered = sorted(people, key=lambda p: (p.name.casefold(), p.organisation, p.id))
        return [(p.id, seat_label(session, p, None)) for p in ordered]

    def _behalf_name(self, person_id: str) -> str:
        person: Participant | None = self.app.board.session.participant(person_id)
        return clean_text(person.name) if person is not None else person_id

    def _behalf_pick(
        self, question: str, skip: tuple[str, ...], then: Callable[[str], None]
    ) -> None:
        """Choose someone at the table (none: say how to add people)."""
        seats = self._behalf_people(skip)
        if not seats:
            self.app.notify(t("notulist.nobody" if not skip else "notulist.all_done"))
            return

        def chosen(person: str | None) -> None:
            if person is not None:
                then(person)

        self.app.push_screen(SeatPicker(question, seats), chosen)

    def action_add_person(self) -> None:
        """Add someone who sat at the table."""

        def added(op: AddPerson | None) -> None:
            if op is not None and self.app.submit(op):
                self.app.notify(t("notulist.added", name=clean_line(op.name, 100)))

        self.app.push_screen(PersonForm(self.app.board.session.organisations()), added)

    def action_card_on_behalf(self) -> None:
        """Choose someone, then write their card in the active column."""
        theme = self.app.column.theme

        def write(person: str) -> None:
            title = t("notulist.card_title", name=self._behalf_name(person), theme=theme.title)
            self.app.cards.open_editor(title, "", NewCard(theme.id, person=person))

        self._behalf_pick(t("notulist.pick_card"), (), write)

    def action_answer_on_behalf(self) -> None:
        """Record the answers of the open consent round, one person after the other."""
        session = self.app.board.session
        agreement = next((a for a in session.agreements if a.status == "in_ronde"), None)
        if agreement is None:
            closed = any(a.status == "beraad" for a in session.agreements)
            self.app.notify(t("refused.answers_closed") if closed else t("two.no_round"))
            return
        what = clean_text(agreement.what)

        def answer(person: str) -> None:
            def done(given: tuple[str, str] | None) -> None:
                if given is None:
                    return
                kind, text = given
                op = AnswerOp(agreement_id=agreement.id, kind=kind, text=text)
                if self.app.submit(OnBehalf(participant=person, op=op)):
                    self.action_answer_on_behalf()  # the next one, until Escape

            title = t("notulist.answer_for", name=self._behalf_name(person), what=what)
            self.app.push_screen(BehalfAnswer(title), done)

        current = self.app.board.session.agreement(agreement.id)
        answered = tuple(a.participant for a in current.answers) if current else ()
        self._behalf_pick(t("notulist.pick_answer", what=what), answered, answer)

    def action_evaluate_on_behalf(self) -> None:
        """Record the evaluation forms of the room, one person after the other."""
        evaluation = self.app.board.session.evaluation
        if evaluation is None or not evaluation.open:
            self.app.notify(t("refused.no_evaluation"), severity="warning")
            return

        def fill(person: str) -> None:
            def done(given: tuple[dict[str, int], str] | None) -> None:
                if given is None:
                    return
                op = Evaluate(scores=given[0], line=given[1])
                if self.app.submit(OnBehalf(participant=person, op=op)):
                    self.action_evaluate_on_behalf()  # the next form, until Escape

            title = t("notulist.evaluate_for", name=self._behalf_name(person))
            self.app.push_screen(BehalfEvaluation(title), done)

        self._behalf_pick(t("notulist.pick_evaluate"), evaluation.answered, fill)
