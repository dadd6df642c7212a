# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""The notulist: recording a session afterwards on the offline board (facilitator only).
Mixed into the board app.

N adds someone who sat at the table (name, organisation, mandate); K writes a card on
someone's behalf in the active column; J records the answers of a consent round person by
person, U the evaluation forms. The rules decide (`AddPerson`, `OnBehalf`); the relay
refuses them, so these keys are only on an offline board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from tui_board.core.i18n import t
from tui_board.core.model import Participant, Role
from tui_board.core.ops import AddCard, AddPerson, AnswerOp, Evaluate, OnBehalf, new_id
from tui_board.core.text import clean_line, clean_text
from tui_board.tui.actions.seats import SeatPicker, seat_label
from tui_board.tui.screens.agreements import AnswerScreen
from tui_board.tui.screens.instruments import EvaluationScreen
from tui_board.tui.widgets.flow import FlowInput, settle

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

NOTULIST_ACTIONS = frozenset(
    {"add_person", "card_on_behalf", "answer_on_behalf", "evaluate_on_behalf"}
)
"""The notulist's actions: for the facilitator of an offline board."""

YES = ("j", "ja", "y", "yes")
NO = ("n", "nee", "no")


class PersonForm(ModalScreen[AddPerson | None]):
    """Someone who sat at the table: name, organisation, mandate (j/n, empty: not said).
    Enter goes to the next field and on the last one adds; Escape cancels."""

    AUTO_FOCUS = "#person-name"
    BINDINGS = [
        Binding("escape", "cancel", show=False, priority=True),
        Binding("tab", "walk(1)", show=False, priority=True),
        Binding("shift+tab", "walk(-1)", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]

    def __init__(self, organisations: list[str]) -> None:
        super().__init__()
        self._known = ", ".join(organisations) or "—"

    def compose(self) -> ComposeResult:
        with Vertical(id="person-form", classes="dialog"):
            yield Static(Content(t("notulist.person_title")), classes="dialog-title")
            yield Static(Content(t("notulist.person_name")))
            yield FlowInput("", id="person-name", max_length=100)
            yield Static(Content(t("notulist.person_organisation", known=self._known)))
            yield FlowInput("", id="person-organisation", max_length=100)
            yield Static(Content(t("notulist.person_mandate")))
            yield FlowInput("", id="person-mandate", max_length=3)
            yield Static(Content(t("notulist.person_hint")), classes="hint")

    def _fields(self) -> list[Widget]:
        return list(self.query(Input))

    async def action_walk(self, step: int) -> None:
        fields = self._fields()
        await settle(fields)
        here = fields.index(self.focused) if self.focused in fields else -1
        self.set_focus(fields[(here + step) % len(fields)])

    async def action_enter(self) -> None:
        if self.focused is not None and self.focused.id != "person-mandate":
            await self.action_walk(1)
            return
        await settle(self._fields())
        value = {i.id: i.value for i in self.query(Input)}
        name = clean_line(value.get("person-name") or "", 100)
        if not name:
            self.notify(t("refused.name_empty"), severity="warning")  # the form stays open
            self.set_focus(self.query_one("#person-name", Input))
            return
        said = (value.get("person-mandate") or "").strip().casefold()
        if said and said not in (*YES, *NO):
            self.notify(t("notulist.bad_mandate"), severity="warning")
            self.set_focus(self.query_one("#person-mandate", Input))
            return
        self.dismiss(
            AddPerson(
                participant=new_id("p"),
                name=name,
                organisation=value.get("person-organisation") or "",
                mandate=None if not said else said in YES,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class BehalfAnswer(AnswerScreen):
    """The consent answer screen, titled with whose answer it is."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self._title = title

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".dialog-title", Static).update(Content(self._title))


class BehalfEvaluation(EvaluationScreen):
    """The nine norms, titled with whose form it is."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self._title = title

    def on_mount(self) -> None:
        self.query_one(".dialog-title", Static).update(Content(self._title))


class NotulistActions:
    """The keys N (add someone), K (card on behalf), J (answers on behalf) and U
    (evaluations on behalf)."""

    def notulist_allowed(self: BoardApp, action: str) -> bool:
        """The facilitator of an offline board; the evaluation only when the session uses it."""
        if action == "evaluate_on_behalf" and "evaluatie" not in self.board.session.instruments:
            return False
        return not self.board.live and self.board.actor.role is Role.FACILITATOR

    def _behalf_people(self: BoardApp, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """The people at the table but oneself (and `skip`), as the seat picker lists them."""
        session = self.board.session
        people = [
            p
            for p in session.participants
            if p.role is not Role.OBSERVER and p.id != self.board.actor.id and p.id not in skip
        ]
        ordered = sorted(people, key=lambda p: (p.name.casefold(), p.organisation, p.id))
        return [(p.id, seat_label(session, p, None)) for p in ordered]

    def _behalf_name(self: BoardApp, person_id: str) -> str:
        person: Participant | None = self.board.session.participant(person_id)
        return clean_text(person.name) if person is not None else person_id

    def _behalf_pick(
        self: BoardApp, question: str, skip: tuple[str, ...], then: Callable[[str], None]
    ) -> None:
        """Choose someone at the table (none: say how to add people)."""
        seats = self._behalf_people(skip)
        if not seats:
            self.notify(t("notulist.nobody" if not skip else "notulist.all_done"))
            return

        def chosen(person: str | None) -> None:
            if person is not None:
                then(person)

        self.push_screen(SeatPicker(question, seats), chosen)

    def action_add_person(self: BoardApp) -> None:
        """Add someone who sat at the table."""

        def added(op: AddPerson | None) -> None:
            if op is not None and self.submit(op):
                self.notify(t("notulist.added", name=clean_line(op.name, 100)))

        self.push_screen(PersonForm(self.board.session.organisations()), added)

    def action_card_on_behalf(self: BoardApp) -> None:
        """Choose someone, then write their card in the active column."""
        theme = self.column.theme

        def write(person: str) -> None:
            def done(text: str | None) -> None:
                if text is not None and text.strip():
                    card = AddCard(card_id=new_id(), theme=theme.id, text=text)
                    self.submit(OnBehalf(participant=person, op=card), follow=card.card_id)

            title = t("notulist.card_title", name=self._behalf_name(person), theme=theme.title)
            self.open_editor(title, "", done)

        self._behalf_pick(t("notulist.pick_card"), (), write)

    def action_answer_on_behalf(self: BoardApp) -> None:
        """Record the answers of the open consent round, one person after the other."""
        session = self.board.session
        agreement = next((a for a in session.agreements if a.status == "in_ronde"), None)
        if agreement is None:
            closed = any(a.status == "beraad" for a in session.agreements)
            self.notify(t("refused.answers_closed") if closed else t("two.no_round"))
            return
        what = clean_text(agreement.what)

        def answer(person: str) -> None:
            def done(given: tuple[str, str] | None) -> None:
                if given is None:
                    return
                kind, text = given
                op = AnswerOp(agreement_id=agreement.id, kind=kind, text=text)
                if self.submit(OnBehalf(participant=person, op=op)):
                    self.action_answer_on_behalf()  # the next one, until Escape

            title = t("notulist.answer_for", name=self._behalf_name(person), what=what)
            self.push_screen(BehalfAnswer(title), done)

        current = self.board.session.agreement(agreement.id)
        answered = tuple(a.participant for a in current.answers) if current else ()
        self._behalf_pick(t("notulist.pick_answer", what=what), answered, answer)

    def action_evaluate_on_behalf(self: BoardApp) -> None:
        """Record the evaluation forms of the room, one person after the other."""
        evaluation = self.board.session.evaluation
        if evaluation is None or not evaluation.open:
            self.notify(t("refused.no_evaluation"), severity="warning")
            return

        def fill(person: str) -> None:
            def done(given: tuple[dict[str, int], str] | None) -> None:
                if given is None:
                    return
                op = Evaluate(scores=given[0], line=given[1])
                if self.submit(OnBehalf(participant=person, op=op)):
                    self.action_evaluate_on_behalf()  # the next form, until Escape

            title = t("notulist.evaluate_for", name=self._behalf_name(person))
            self.push_screen(BehalfEvaluation(title), done)

        self._behalf_pick(t("notulist.pick_evaluate"), evaluation.answered, fill)
