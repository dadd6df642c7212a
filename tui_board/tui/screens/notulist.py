"""The notulist's forms: someone who sat at the table (`PersonForm`), and the consent answer
and evaluation screens titled with whose they are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from tui_board.core.i18n import t
from tui_board.core.ops import AddPerson, new_id
from tui_board.core.text import clean_line
from tui_board.tui.screens.agreements import AnswerScreen
from tui_board.tui.screens.instruments import EvaluationScreen
from tui_board.tui.widgets.flow import FlowInput, settle, walk

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
        """Tab / shift+Tab: the next / previous field (round the form)."""
        await walk(self, self._fields(), step)

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
