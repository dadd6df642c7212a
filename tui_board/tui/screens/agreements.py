"""Agreements (TWO's): the panel every board shows, the drafting form and the answer screen."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from tui_board.core.i18n import t, t_count
from tui_board.core.model import Agreement, Participant, Role, Session
from tui_board.core.ops import DraftAgreement, new_id
from tui_board.core.text import clean_text
from tui_board.tui.keys import written
from tui_board.tui.screens.instruments import chosen_legs, leg_boxes, legs_lines
from tui_board.tui.widgets.flow import FlowInput, settle, walk


class AgreementsPanel(VerticalScroll, can_focus=False):
    """Every agreement with its why, owners, review date, status and round."""

    def __init__(self) -> None:
        super().__init__(id="agreements")
        self._body = Static()

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: Session) -> None:
        """Redraw from the session (answers as the relay lets this board see them)."""
        parts: list[str | tuple[str, str]] = [(t("two.title") + "\n", "bold")]
        if not session.agreements:
            parts.append((t("two.none", press=written("agree")), "italic"))
        people = {p.id: p for p in session.participants if p.role is not Role.OBSERVER}
        for agreement in session.agreements:
            parts.append(("\n" + clean_text(agreement.what) + "\n", "bold"))
            status = t(f"two.status.{agreement.status}")
            if agreement.round:
                status += " · " + t("two.round", number=agreement.round)
            parts.append(f"[{status}]\n")
            parts.append(t("two.why", why=clean_text(agreement.why)) + "\n")
            if agreement.owners:
                owners = ", ".join(clean_text(o) for o in agreement.owners)
                parts.append(t("two.owners", owners=owners) + "\n")
            if agreement.review:
                parts.append(t("two.review", date=agreement.review.isoformat()) + "\n")
            parts.extend(legs_lines(agreement, session))
            earlier = next((r for r in session.terugblik if r.id == agreement.revisits), None)
            if earlier is not None:  # a second round: the experience and concerns come along
                parts.append((t("two.revisits") + "\n", "italic"))
                if earlier.note:
                    parts.append(t("terugblik.note", note=clean_text(earlier.note)) + "\n")
                for earlier_concern in earlier.concerns:
                    parts.append(f"  ! {clean_text(earlier_concern)}\n")
            parts.extend(_answers(agreement, people))
            if agreement.concerns:
                parts.append((t("two.concerns") + "\n", "italic"))
                for concern in agreement.concerns:
                    who = people.get(concern.participant)
                    name = clean_text(who.name) if who else "?"
                    parts.append(f"  ! {name}: {clean_text(concern.text)}\n")
        self._body.update(Content.assemble(*parts))


def answer_counts(agreement: Agreement) -> str:
    """The counted reactions of the round in one line: "2 werkbaar · 1 bedenking · …"."""
    kinds = ("werkbaar", "bedenking", "achterban")
    return " · ".join(
        t_count(f"two.count.{kind}", sum(1 for a in agreement.answers if a.kind == kind))
        for kind in kinds
    )


def _answers(agreement: Agreement, people: dict[str, Participant]) -> list[str | tuple[str, str]]:
    lines: list[str | tuple[str, str]] = []
    if agreement.status == "beraad":
        lines.append((answer_counts(agreement) + "\n", "bold"))
    if agreement.status == "in_ronde":
        # Who answered, per organisation: never what, while the round is open.
        answered = {a.participant for a in agreement.answers}
        by_org: dict[str, list[str]] = {}
        for pid, person in people.items():
            by_org.setdefault(clean_text(person.organisation) or "—", []).append(pid)
        for org in sorted(by_org, key=str.casefold):
            done = sum(1 for pid in by_org[org] if pid in answered)
            lines.append(t("two.answered", org=org, done=done, total=len(by_org[org])) + "\n")
        return lines
    for answer in agreement.answers:
        who = people.get(answer.participant)
        name = clean_text(who.name) if who else "?"
        text = f": {clean_text(answer.text)}" if answer.text else ""
        mark = {"werkbaar": "✓", "bedenking": "!", "achterban": "…"}.get(answer.kind, "·")
        lines.append(f"  {mark} {name} — {t(f'two.answer.{answer.kind}')}{text}\n")
    return lines


class AgreementForm(ModalScreen[DraftAgreement | None]):
    """Draft or change a TWO: what, why (required), owners, review date."""

    AUTO_FOCUS = ""
    """The form starts in its first field, the card's text selected: typing replaces it,
    Tab keeps it (`on_mount`)."""

    BINDINGS = [
        # Priority: these run before a later key is handed on, so that what is typed after
        # Tab or Enter lands in the next field, even in a burst (flow.py).
        Binding("escape", "cancel", show=False, priority=True),
        Binding("ctrl+s", "keep", show=False, priority=True),
        Binding("tab", "walk(1)", show=False, priority=True),
        Binding("shift+tab", "walk(-1)", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]

    def __init__(self, session: Session, base: Agreement | None, what: str, source: str) -> None:
        super().__init__()
        self._known = ", ".join(session.organisations()) or "—"
        self._session = session
        self._base = base
        self._what = base.what if base else what
        self._source = base.source if base else source

    def compose(self) -> ComposeResult:
        base = self._base
        with Vertical(id="two-form", classes="dialog"):
            yield Static(Content(t("two.form_title")), classes="dialog-title")
            yield Static(Content(t("two.form_what")))
            yield FlowInput(self._what, id="two-what", max_length=500)
            yield Static(Content(t("two.form_why")))
            yield FlowInput(base.why if base else "", id="two-why", max_length=1000)
            yield Static(Content(t("two.form_owners", known=self._known)))
            yield FlowInput(", ".join(base.owners) if base else "", id="two-owners")
            yield Static(Content(t("two.form_review")))
            review = base.review.isoformat() if base and base.review else ""
            yield FlowInput(review, id="two-review", max_length=10)
            yield from leg_boxes(self._session, base.legs if base else ())
            yield Static(Content(t("two.form_hint")), classes="hint")

    def on_mount(self) -> None:
        # The first field, without scrolling to it: it stands just under the title, and a
        # scroll asked for before the form is laid out could hide the title on a small
        # screen (the form scrolls at 80x24). Tab scrolls to the fields further down.
        self.set_focus(self.query_one("#two-what", Input), scroll_visible=False)

    def _fields(self) -> list[Widget]:
        """The fields in order: what, why, owners, review date, the legs."""
        return [w for w in self.query("#two-form > *") if w.can_focus]

    async def action_walk(self, step: int) -> None:
        """Tab / shift+Tab: the next / previous field (round the form)."""
        await walk(self, self._fields(), step)

    async def action_enter(self) -> None:
        """Enter: the next field; on the review date or a leg, keep the agreement."""
        focused = self.focused
        if isinstance(focused, Input) and focused.id != "two-review":
            await self.action_walk(1)
            return
        await self.action_keep()

    async def action_keep(self) -> None:
        await settle(self._fields())
        value = {i.id: i.value for i in self.query(Input)}
        review_text = (value.get("two-review") or "").strip()
        try:
            review = dt.date.fromisoformat(review_text) if review_text else None
        except ValueError:
            self.notify(t("two.bad_date"), severity="warning")
            self.set_focus(self.query_one("#two-review", Input))
            return
        if not (value.get("two-why") or "").strip():
            # Nothing typed is lost: the form stays open at the why (spelregel 6).
            self.notify(t("refused.why_needed"), severity="warning")
            self.set_focus(self.query_one("#two-why", Input))
            return
        owners = tuple(o.strip() for o in (value.get("two-owners") or "").split(",") if o.strip())
        self.dismiss(
            DraftAgreement(
                agreement_id=self._base.id if self._base else new_id("a"),
                what=value.get("two-what") or "",
                why=value.get("two-why") or "",
                owners=owners,
                review=review,
                source=self._source,
                legs=chosen_legs(self, self._base.legs if self._base else ()),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class AnswerScreen(ModalScreen[tuple[str, str] | None]):
    """Answer in a consent round: 1 werkbaar, 2 bedenking (with a text), 3 achterban.

    Priority keys (flow.py): after 2 the concern field takes the very next typed key."""

    BINDINGS = [
        Binding("1", "pick('werkbaar')", show=False, priority=True),
        Binding("2", "pick('bedenking')", show=False, priority=True),
        Binding("3", "pick('achterban')", show=False, priority=True),
        Binding("enter", "send", show=False, priority=True),
        Binding("escape", "cancel", show=False, priority=True),
    ]
    AUTO_FOCUS = ""
    """Nothing is focused at first: the hidden concern field would take 1, 2 and 3 as text."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self._what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="two-answer", classes="dialog"):
            yield Static(Content(t("two.answer_title", what=self._what)), classes="dialog-title")
            yield Static(Content(t("two.answer_keys")), classes="hint")
            yield Static(Content(t("two.concern_prompt")), id="concern-label")
            yield FlowInput(id="concern", max_length=500)

    def on_mount(self) -> None:
        self.query_one("#concern-label").display = False
        self.query_one("#concern").display = False

    def action_pick(self, kind: str) -> None:
        concern = self.query_one("#concern", Input)
        if concern.display:
            return  # typing the concern: digits are text now (the field takes them)
        if kind != "bedenking":
            self.dismiss((kind, ""))
            return
        self.query_one("#concern-label").display = True
        concern.display = True
        self.set_focus(concern)  # at once: the next typed key lands in the field

    async def action_send(self) -> None:
        concern = self.query_one("#concern", Input)
        await settle([concern])
        if concern.display and concern.value.strip():
            self.dismiss(("bedenking", concern.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DecisionScreen(ModalScreen[str | None]):
    """After answering closed: the counted reactions and the concerns first, then the
    choice — 1 adopt, 2 back to concept, 3 park; Escape chooses later (the palette has
    "Kiezen na de ronde")."""

    BINDINGS = [
        Binding("1", "choose('aangenomen')", show=False, priority=True),
        Binding("2", "choose('concept')", show=False, priority=True),
        Binding("3", "choose('geparkeerd')", show=False, priority=True),
        Binding("escape", "later", show=False, priority=True),
    ]
    AUTO_FOCUS = ""

    def __init__(self, agreement: Agreement, session: Session) -> None:
        super().__init__()
        self._agreement = agreement
        self._people = {p.id: p for p in session.participants}

    def compose(self) -> ComposeResult:
        agreement = self._agreement
        what = clean_text(agreement.what)
        with Vertical(id="two-decide", classes="dialog"):
            title = t("two.decide_title", number=agreement.round, what=what)
            yield Static(Content(title), classes="dialog-title")
            yield Static(Content.assemble((answer_counts(agreement), "bold")), id="decide-counts")
            with VerticalScroll(id="decide-scroll"):  # Tab, then ↑/↓, when there are many
                yield Static(Content.assemble(*self._reactions()), id="decide-answers")
            yield Static(Content(t("two.decide_keys")), classes="hint")

    def _reactions(self) -> list[str | tuple[str, str]]:
        """The concerns with their text first, then who must consult their organisation,
        then who can work with it."""
        parts: list[str | tuple[str, str]] = []
        answers = self._agreement.answers
        if not answers:
            return [(t("two.decide_none"), "italic")]
        for kind in ("bedenking", "achterban", "werkbaar"):
            of_kind = [a for a in answers if a.kind == kind]
            if not of_kind:
                continue
            parts.append((t(f"two.decide_head.{kind}") + "\n", "bold"))
            for answer in of_kind:
                who = self._people.get(answer.participant)
                name = clean_text(who.name) if who else "?"
                if who is not None and who.organisation:
                    name += f" ({clean_text(who.organisation)})"
                text = f": {clean_text(answer.text)}" if answer.text else ""
                parts.append(f"  {name}{text}\n")
        return parts

    def action_choose(self, outcome: str) -> None:
        self.dismiss(outcome)

    def action_later(self) -> None:
        self.dismiss(None)
