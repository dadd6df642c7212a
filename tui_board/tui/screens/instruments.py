"""The method's own instruments on the board: the closing evaluation (a keyboard
screen and a panel), reflex tags (a picker, the card's meta line, counts for the voice
panel), the legs of a TWO (boxes in the form, a line in the agreements panel) and the health
check on the eleven principles (a screen for the facilitator, a panel for every board).

The evaluation panel never shows more than the count while the evaluation is open, nor any
aggregate when it was closed with fewer than the session's `evaluation_minimum` of
answers, even on a board whose session holds them (offline, the facilitator's board holds
the relay's session).
"""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, Static

from tui_board.core.i18n import language, t
from tui_board.core.instruments import (
    LEGS,
    NORM_IDS,
    PRINCIPLES,
    REFLEX_IDS,
    Leg,
    mean,
    norm_title,
    principle_text,
    reflex_text,
)
from tui_board.core.model import Agreement, Card, Session
from tui_board.core.text import clean_text
from tui_board.tui.keys import written
from tui_board.tui.widgets.flow import FlowInput, OwnKeys, settle

Parts = list[str | tuple[str, str]]

REFLEX_MARK = "↺"
"""The sign of a reflex tag on a card, in the picker, the help and the voice panel."""

ANSWER_MARK = {"ja": "✓", "deels": "◐", "nee": "✗", "": "·"}
"""The signs of the principles' answers (always next to the word: not told by colour)."""

BAR_CELLS = 10
"""The width of a norm's bar in the evaluation panel (a mean of 5 fills it)."""

_EIGHTHS = " ▏▎▍▌▋▊▉"


# --- reflexes ---------------------------------------------------------------------------------


def reflex_mark(card: Card, session: Session) -> str:
    """The start of a card's meta line when it is tagged: the sign and the reflex's name."""
    if not card.reflex or "reflexen" not in session.instruments:
        return ""
    return f"{REFLEX_MARK} {reflex_text(card.reflex, language())[0]} "


def reflex_counts(session: Session) -> list[tuple[str, int]]:
    """Per reflex, in the seed's order: its name and how many cards carry it."""
    counts = Counter(card.reflex for card in session.cards if card.reflex)
    return [(reflex_text(r, language())[0], counts.get(r, 0)) for r in REFLEX_IDS]


def reflex_lines(session: Session) -> Parts:
    """The voice panel's section: where did we fall back on a reflex?"""
    if "reflexen" not in session.instruments:
        return []
    parts: Parts = [("\n" + t("instr.reflex.voice_title") + "\n", "bold")]
    counts = reflex_counts(session)
    if not any(count for _, count in counts):
        return [*parts, (t("instr.reflex.voice_none") + "\n", "italic")]
    for name, count in counts:
        parts.append(f"{REFLEX_MARK} " + t("instr.reflex.voice_row", name=name, count=count) + "\n")
    return parts


def reflex_legend(session: Session) -> Parts:
    """The help screen's legend: each reflex with its one-line meaning."""
    if "reflexen" not in session.instruments:
        return []
    parts: Parts = [("\n" + t("instr.reflex.help_title") + "\n", "bold underline")]
    for reflex in REFLEX_IDS:
        name, meaning = reflex_text(reflex, language())
        parts.extend([(f"{REFLEX_MARK} {name}", "bold"), f" — {meaning}\n"])
    return parts


class ReflexPicker(ModalScreen[str | None]):
    """Pick the reflex for a card: 1–5 one of the five, 0 none, Escape back."""

    BINDINGS = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(6)),
        Binding("escape", "cancel", show=False),
    ]
    AUTO_FOCUS = ""

    def __init__(self, current: str, card_text: str) -> None:
        super().__init__()
        self._current = current
        self._card_text = card_text

    def compose(self) -> ComposeResult:
        parts: Parts = []
        for number, reflex in enumerate(REFLEX_IDS, start=1):
            name, meaning = reflex_text(reflex, language())
            chosen = "▶ " if reflex == self._current else "  "
            parts.append((f"{chosen}{number}. {REFLEX_MARK} {name}\n", "bold"))
            parts.append(f"     {meaning}\n")
        chosen = "▶ " if not self._current else "  "
        parts.append((f"{chosen}0. {t('instr.reflex.none_choice')}", "bold"))
        short = clean_text(self._card_text)
        short = short if len(short) <= 60 else short[:59] + "…"
        with Vertical(id="reflex-ask", classes="dialog"):
            yield Static(Content(t("instr.reflex.title")), classes="dialog-title")
            yield Static(Content(short), classes="quote")
            yield Static(Content.assemble(*parts), id="reflex-list")
            yield Static(Content(t("instr.reflex.keys")), classes="hint")

    def action_pick(self, number: int) -> None:
        self.dismiss(REFLEX_IDS[number - 1] if number else "")

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- legs ---------------------------------------------------------------------------------


def legs_lines(agreement: Agreement, session: Session) -> Parts:
    """The agreements panel's line on the legs; one leg (or none) is flagged."""
    if "benen" not in session.instruments:
        return []
    names = [
        nl if language() != "en" else en for leg, nl, _, en, _ in LEGS if leg in agreement.legs
    ]
    if len(names) == len(LEGS):
        return [t("instr.legs.both", legs=" + ".join(names)) + "\n"]
    if names:
        return [(t("instr.legs.one", leg=names[0]) + "\n", "bold")]
    return [(t("instr.legs.none") + "\n", "bold")]


class LegBox(OwnKeys, Checkbox, inherit_bindings=False):
    """A leg in the agreement form, after the review date: space turns it on or off (in the
    order typed: flow.py); Enter keeps the agreement (the form's own Enter)."""

    BINDINGS = [Binding("space", "toggle_button", show=False)]

    @property
    def _button(self) -> Content:
        # [x] or [ ], not a coloured X: on and off must not be told by colour alone.
        return Content.styled("[x]", "bold") if self.value else Content("[ ]")


def leg_boxes(session: Session, legs: tuple[Leg, ...]) -> list[Widget]:
    """The form's legs choice (nothing when the session does not use the instrument)."""
    if "benen" not in session.instruments:
        return []
    labels = {"administratief": "instr.legs.admin_box", "adaptief": "instr.legs.adapt_box"}
    return [
        Static(Content(t("instr.legs.label"))),
        *(LegBox(t(labels[leg]), leg in legs, id=f"leg-{leg}", compact=True) for leg, *_ in LEGS),
    ]


def chosen_legs(screen: DOMNode, keep: tuple[Leg, ...]) -> tuple[Leg, ...]:
    """The legs ticked in the form (`keep` when the form has no boxes)."""
    boxes = {box.id: box.value for box in screen.query(LegBox)}
    if not boxes:
        return keep
    return tuple(leg for leg, *_ in LEGS if boxes.get(f"leg-{leg}"))


# --- the closing evaluation ---------------------------------------------------------------


def _bar(value: float) -> str:
    cells = value / 5 * BAR_CELLS
    full = int(cells)
    rest = _EIGHTHS[int((cells - full) * 8)].strip()
    return ("█" * full + rest).ljust(BAR_CELLS, "░")


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text if language() == "en" else text.replace(".", ",")


def evaluation_content(session: Session, me: str, can_answer: bool) -> Content:
    """The evaluation as this board may show it: the count while open; after closing the
    mean and distribution per norm and the open lines, only with enough answers."""
    evaluation = session.evaluation
    minimum = session.evaluation_minimum
    parts: Parts = [(t("instr.eval.title") + "\n", "bold")]
    if evaluation is None:
        return Content.assemble(*parts, (t("instr.eval.none"), "italic"))
    if evaluation.open:
        parts.append(("\n" + t("instr.eval.count", count=evaluation.count) + "\n", "bold"))
        if me in evaluation.answered:
            parts.append("✓ " + t("instr.eval.you_did") + "\n")
        elif can_answer:
            parts.append(t("instr.eval.you_can", press=written("evaluate")) + "\n")
        parts.append(("\n" + t("instr.eval.open_note", min=minimum), "italic"))
        return Content.assemble(*parts)
    parts.append("\n" + t("instr.eval.closed", count=evaluation.count) + "\n")
    if evaluation.count < minimum or not evaluation.scores:
        return Content.assemble(*parts, (t("instr.eval.too_few"), "bold"))
    parts.append((t("instr.eval.legend") + "\n", "italic"))
    for norm in NORM_IDS:
        counts = evaluation.scores.get(norm, (0, 0, 0, 0, 0))
        value = mean(counts)
        parts.append(("\n" + norm_title(norm, language()) + "\n", "bold"))
        shown = "—" if value is None else f"{_bar(value)} {_number(value)}"
        parts.append(f"{shown} · {'/'.join(str(n) for n in counts)}\n")
    parts.append(("\n" + t("instr.eval.lines") + "\n", "bold"))
    if not evaluation.lines:
        parts.append((t("instr.eval.no_lines"), "italic"))
    parts.extend(f"• {clean_text(line)}\n" for line in evaluation.lines)
    return Content.assemble(*parts)


class EvaluationPanel(VerticalScroll, can_focus=False):
    """The evaluation on every board: how many answered; the outcome once it is released."""

    def __init__(self) -> None:
        super().__init__(id="evaluation")
        self._body = Static()
        self.display = False

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: Session, me: str, can_answer: bool) -> None:
        """Redraw from the session."""
        self._body.update(evaluation_content(session, me, can_answer))


def _norm_prompt(number: int, norm: str, score: int, here: bool) -> Content:
    name = norm_title(norm, language())
    parts: Parts = [("▶ " if here else "  ") + f"{number}. " + name.ljust(35)]
    parts.append(("✓ " if score else "  ", "bold"))
    for value in range(1, 6):
        parts.append((f"[{value}]", "bold reverse") if value == score else f" {value} ")
    return Content.assemble(*parts)


class NormList(OwnKeys, OptionList):
    """The nine norms: ↑/↓ move in the order typed (flow.py)."""


class EvaluationScreen(ModalScreen[tuple[dict[str, int], str] | None]):
    """The nine norms: ↑/↓ choose one, 1–5 (or ←/→) give it a score (a digit moves on to
    the next norm; after the ninth the open line takes the keys), Tab and shift+Tab go
    between the norms and the open line, Enter on the line sends once all nine have a score.

    Every key of the screen is a priority binding that first waits for the keys typed before
    it (flow.py): a burst of nine digits, a line and Enter all land where they were meant."""

    BINDINGS = [
        *(Binding(str(n), f"score({n})", show=False, priority=True) for n in range(1, 6)),
        Binding("left", "step(-1)", show=False, priority=True),
        Binding("right", "step(1)", show=False, priority=True),
        Binding("up", "to_norms", show=False, priority=True),
        Binding("tab", "walk", show=False, priority=True),
        Binding("shift+tab", "walk", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
        Binding("escape", "cancel", show=False, priority=True),
    ]
    AUTO_FOCUS = "#eval-norms"
    """The norms take the keys at once, also when typed right after E (tmux, fast hands)."""

    def __init__(self) -> None:
        super().__init__()
        self.scores: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="eval-ask", classes="dialog"):
            yield Static(Content(t("instr.eval.screen_title")), classes="dialog-title")
            yield Static(Content(t("instr.eval.screen_keys")), id="eval-keys")
            prompts = [_norm_prompt(i, n, 0, i == 1) for i, n in enumerate(NORM_IDS, start=1)]
            yield NormList(*prompts, id="eval-norms", compact=True)
            yield Static(Content(t("instr.eval.todo", count=len(NORM_IDS))), id="eval-status")
            yield Static(Content(t("instr.eval.line_label")))
            yield FlowInput(id="eval-line", max_length=300)

    @property
    def _norms(self) -> OptionList:
        return self.query_one("#eval-norms", OptionList)

    @property
    def _line(self) -> Input:
        return self.query_one("#eval-line", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the line, ←/→ move its cursor; ↑ goes back to the norms only from the line."""
        in_line = self.focused is self.query_one("#eval-line")
        if action == "step":
            return not in_line
        if action == "to_norms":
            return in_line
        return True

    def _cursor(self) -> int:
        return self._norms.highlighted or 0

    def _redraw(self, *indices: int) -> None:
        norms = self._norms
        here = self._cursor()
        for index in indices:
            norm = NORM_IDS[index]
            prompt = _norm_prompt(index + 1, norm, self.scores.get(norm, 0), index == here)
            norms.replace_option_prompt_at_index(index, prompt)

    def _status(self, text: str | None = None) -> None:
        left = len(NORM_IDS) - len(self.scores)
        if text is None:
            text = t("instr.eval.todo", count=left) if left else t("instr.eval.all_done")
        self.query_one("#eval-status", Static).update(Content(text))

    async def _settled(self) -> None:
        await settle([self._norms, self._line])

    @on(OptionList.OptionHighlighted, "#eval-norms")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self._redraw(*range(len(NORM_IDS)))

    async def action_score(self, value: int) -> None:
        await self._settled()
        index = self._cursor()
        self.scores[NORM_IDS[index]] = value
        self._redraw(index)
        self._status()
        if len(self.scores) == len(NORM_IDS):
            if index == len(NORM_IDS) - 1:
                self.set_focus(self._line)  # from the ninth score straight to the line
            else:
                self._norms.highlighted = index + 1
        elif index < len(NORM_IDS) - 1:
            self._norms.highlighted = index + 1
        else:
            self._missing()  # the last norm, with one skipped: say which, go there

    async def action_step(self, step: int) -> None:
        await self._settled()
        index = self._cursor()
        current = self.scores.get(NORM_IDS[index], 0) or (3 - step)
        self.scores[NORM_IDS[index]] = max(1, min(5, current + step))
        self._redraw(index)
        self._status()

    async def action_to_norms(self) -> None:
        await self._settled()
        self.set_focus(self._norms)

    async def action_walk(self) -> None:
        """Tab / shift+Tab: between the norms and the open line."""
        await self._settled()
        self.set_focus(self._norms if self.focused is self._line else self._line)

    async def action_enter(self) -> None:
        """Enter: on the norms, to the line (or say which norm has no score); on the line,
        send."""
        await self._settled()
        if self._missing():
            return
        if self.focused is not self._line:
            self.set_focus(self._line)
            return
        self.dismiss((dict(self.scores), self._line.value))

    def _missing(self) -> bool:
        """Say which norms have no score yet (and go to the first); whether any."""
        missing = [i for i, norm in enumerate(NORM_IDS) if norm not in self.scores]
        if not missing:
            return False
        names = ", ".join(norm_title(NORM_IDS[i], language()) for i in missing)
        self._status(t("instr.eval.missing", norms=names))
        self._norms.highlighted = missing[0]
        self.set_focus(self._norms)
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- the health check on the eleven principles -------------------------------------------


def _answer_words(answer: str) -> str:
    word = t(f"instr.princ.answer.{answer or 'open'}")
    return f"{ANSWER_MARK[answer]} {word}"


def principles_content(session: Session) -> Content:
    """The eleven principles with what the group said so far."""
    checks = {check.number: check for check in session.principles}
    parts: Parts = [(t("instr.princ.title") + "\n", "bold")]
    parts.append((t("instr.princ.count", done=len(checks)) + "\n", "italic"))
    for number in range(1, len(PRINCIPLES) + 1):
        check = checks.get(number)
        parts.append(("\n" + f"{number}. " + principle_text(number, language()) + "\n", "bold"))
        answer = check.answer if check else ""
        parts.append((_answer_words(answer) + "\n", "bold" if answer else "italic"))
        if check is not None and check.note:
            parts.append(t("instr.princ.note", note=clean_text(check.note)) + "\n")
    return Content.assemble(*parts)


class PrinciplesPanel(VerticalScroll, can_focus=False):
    """The health check on every board: the eleven principles and the answers so far."""

    def __init__(self) -> None:
        super().__init__(id="principles")
        self._body = Static()
        self.display = False

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: Session) -> None:
        """Redraw from the session."""
        self._body.update(principles_content(session))


def _principle_prompt(number: int, answer: str, note: str, here: bool) -> Content:
    parts: Parts = [
        (("▶ " if here else "  ") + f"{number}. ", "bold"),
        principle_text(number, language()) + "\n",
        (f"     {_answer_words(answer)}", "bold" if answer else "italic"),
    ]
    if note:
        parts.append(" — " + clean_text(note))
    return Content.assemble(*parts)


class PrinciplesScreen(ModalScreen[None]):
    """For the facilitator: walk the group through the eleven principles. ↑/↓ choose, j ja,
    d deels, n nee (then a short note, Enter keeps it), 0 takes the answer back; Escape is
    done. Each answer is sent at once (`Answered`, to the app, so that it outlives the
    dialog; should the rules refuse it, the board says
    why and takes it back here, `refused`); the screen stays open for the next principle."""

    # Priority bindings, so that keys typed in one burst land where they were meant: an
    # answer key opens the note before the next key is handed on, and Enter/Escape in the
    # note first wait until the note holds every key typed before them (see flow.py).
    BINDINGS = [
        Binding("j", "pick('ja')", show=False, priority=True),
        Binding("d", "pick('deels')", show=False, priority=True),
        Binding("n", "pick('nee')", show=False, priority=True),
        Binding("0", "pick('')", show=False, priority=True),
        Binding("enter", "keep", show=False, priority=True),
        Binding("escape", "back", show=False, priority=True),
    ]
    AUTO_FOCUS = "#princ-list"

    class Answered(Message):
        """The group's answer on principle `number` ("" takes it back), with a short note."""

        def __init__(self, dialog: PrinciplesScreen, number: int, answer: str, note: str):
            super().__init__()
            self.dialog = dialog
            self.number = number
            self.answer = answer
            self.note = note

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._before: dict[int, tuple[str, str]] | None = None
        """The answers before the last one was sent."""
        self.answers: dict[int, tuple[str, str]] = {
            check.number: (check.answer, check.note) for check in session.principles
        }
        open_ones = [n for n in range(1, len(PRINCIPLES) + 1) if n not in self.answers]
        self._start = (open_ones[0] if open_ones else 1) - 1
        self._answer: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="princ-ask", classes="dialog"):
            yield Static(Content(t("instr.princ.title")), classes="dialog-title")
            yield Static(Content(t("instr.princ.keys")), id="princ-keys")
            yield OptionList(*self._prompts(self._start), id="princ-list", compact=True)
            yield Static(Content(t("instr.princ.note_prompt")), id="princ-note-label")
            yield FlowInput(id="princ-note", max_length=500)

    def _prompts(self, here: int) -> list[Content]:
        return [
            _principle_prompt(n, *self.answers.get(n, ("", "")), here=n - 1 == here)
            for n in range(1, len(PRINCIPLES) + 1)
        ]

    def on_mount(self) -> None:
        self.query_one("#princ-note-label").display = False
        self.query_one("#princ-note").display = False
        self._list.highlighted = self._start

    @property
    def _list(self) -> OptionList:
        return self.query_one("#princ-list", OptionList)

    def _redraw(self) -> None:
        here = self._list.highlighted or 0
        for index, prompt in enumerate(self._prompts(here)):
            self._list.replace_option_prompt_at_index(index, prompt)

    @on(OptionList.OptionHighlighted, "#princ-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self._redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the note is open, j, d, n and 0 are text in it; Enter keeps the note."""
        if action == "pick":
            return self._answer is None
        if action == "keep":
            return self._answer is not None
        return True

    def action_pick(self, answer: str) -> None:
        number = (self._list.highlighted or 0) + 1
        if not answer:
            self._send(number, "", "")
            self.answers.pop(number, None)
            self._redraw()
            return
        self._answer = answer
        note = self.query_one("#princ-note", Input)
        self.query_one("#princ-note-label").display = True
        note.display = True
        note.value = self.answers.get(number, ("", ""))[1]
        note.cursor_position = len(note.value)
        # At once, not after a refresh: a note typed fast (tmux) must land in the field.
        self.set_focus(note)

    async def action_keep(self) -> None:
        note = self.query_one("#princ-note", FlowInput)
        await settle([note])
        if self._answer is None:
            return
        number = (self._list.highlighted or 0) + 1
        self._send(number, self._answer, note.value)
        self.answers[number] = (self._answer, note.value.strip())
        self._close_note()
        if number < len(PRINCIPLES):
            self._list.highlighted = number
        self._redraw()

    def _send(self, number: int, answer: str, note: str) -> None:
        self._before = dict(self.answers)
        self.app.post_message(self.Answered(self, number, answer, note))

    def refused(self) -> None:
        """The rules refused the last answer: show the answers as they were."""
        if self._before is not None and self.is_attached:
            self.answers, self._before = self._before, None
            self._redraw()

    def _close_note(self) -> None:
        self._answer = None
        self.query_one("#princ-note-label").display = False
        self.query_one("#princ-note").display = False
        self.set_focus(self._list)

    async def action_back(self) -> None:
        if self._answer is not None:
            await settle([self.query_one("#princ-note", FlowInput)])
            self._close_note()  # Escape in the note: this answer is not kept
            return
        self.dismiss(None)
