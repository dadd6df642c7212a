"""The history on a screen: the sessions on a timeline, and beside it one of four panes.

Left, the timeline: every session, oldest first, the cursor on the newest (↑/↓, Home, End,
PageUp/PageDown). Right, one pane at a time (1-5, or Tab to walk through the timeline and
the panes): the selected session's details; the agreements over time; the voice per
organisation as a chart; the cards per theme over time; the method's instruments over time
(the mean per norm of each shown closing evaluation, the answers on the eleven principles,
the reflexes). The charts follow the timeline: their sparklines show the sessions up to the
selected one (as many as fit), with the selected session's cell reversed.

Everything is plain text: untrusted strings (titles, names, cards, notes) only ever reach
the screen inside `Content` objects, never as markup. It builds nothing itself: the
`History` comes from `tui_board.afterwards.history`, computed before the app starts.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from tui_board.afterwards.history import (
    MARKS,
    SPARK,
    STATES,
    Entry,
    History,
    Story,
    answer_marks,
    bar,
    cell_width,
    evaluation_label,
    fit,
    late_at,
    mean_spark,
    norm_label,
    org_label,
    principle_label,
    ratified_label,
    reflex_label,
    reflex_spark,
    session_label,
    spark,
    state_label,
    story_lines,
    summary,
)
from tui_board.afterwards.report import ANSWER_MARKS, answer_label, format_date, format_mean
from tui_board.core.i18n import t, t_count
from tui_board.core.instruments import MIN_ANSWERS

Part = str | tuple[str, str]
"""A piece of text, plain or with a style (the style is ours, never from the data)."""

PANES = ("details", "agreements", "voice", "themes", "instruments")
"""The right-hand panes, in Tab order after the timeline."""

TIMELINE_WIDTH = (30, 44)
"""Cells for the timeline: 30 at 80 columns, growing with the screen to at most 44."""

LABEL_WIDTH = 18
"""Cells for a theme's name before its bar in the details pane."""


def window(count: int, selected: int, width: int) -> range:
    """The sessions a `width`-cell sparkline shows: up to and including `selected`."""
    width = max(1, width)
    if count <= width:
        return range(count)
    end = max(selected + 1, width)
    return range(end - width, end)


def _spark_parts(cells: str, span: range, selected: int) -> list[Part]:
    """A sparkline over `span` with the selected session's cell reversed."""
    text = cells[span.start : span.stop]
    at = selected - span.start
    if not 0 <= at < len(text):
        return [text]
    return [text[:at], (text[at], "reverse bold"), text[at + 1 :]]


def details_parts(history: History, index: int, width: int) -> list[Part]:
    """The selected session: facts, cards per theme, voice, agreements made, terugblik."""
    entry = history.sessions[index]
    parts: list[Part] = [(entry.title + "\n", "bold")]
    where = format_date(entry.date) + (f" · {entry.place}" if entry.place else "")
    parts.append(where + "\n")
    parts.append((entry.file + "\n", "dim"))
    if entry.origin:
        parts.append(t("history.origin", origin=entry.origin) + "\n")
    if entry.ratified:
        line = ratified_label(history, entry)
        parts.append(line[:1].upper() + line[1:] + "\n")
    if entry.anonymous:
        parts.append((t("report.voice_anonymous") + "\n", "italic"))
    facts = t(
        "history.facts",
        people=entry.people,
        organisations=t_count("count.organisations", len(entry.organisations)),
        cards=entry.cards,
        drafted=entry.drafted,
    )
    parts.append(facts + "\n")
    if entry.hidden:
        parts.append(t("report.hidden", count=entry.hidden) + "\n")
    parts.append(("\n" + t("history.themes") + "\n", "bold underline"))
    top = max((n for _, n in entry.themes), default=0)
    bar_width = max(4, width - LABEL_WIDTH - 7)
    for title, count in entry.themes:
        parts.append(
            f"{fit(title, LABEL_WIDTH)} {bar(count, top, bar_width) or SPARK[0]} {count}\n"
        )
    parts.append(("\n" + t("history.voice") + "\n", "bold underline"))
    for voice in entry.voice:
        parts.append((org_label(voice.organisation) + "\n", "bold"))
        row = t(
            "history.voice_row",
            people=voice.people,
            cards="–" if voice.cards is None else voice.cards,
            dots="–" if voice.dots is None else voice.dots,
            answers=voice.answers,
        )
        parts.append(f"  {row}\n")
    if entry.unknown_cards:
        parts.append(t("history.unknown_row", count=entry.unknown_cards) + "\n")
    parts.append(("\n" + t("history.made_here", count=len(entry.made)) + "\n", "bold underline"))
    if not entry.made:
        parts.append((t("history.none_made") + "\n", "italic"))
    for key in entry.made:
        parts.extend(_story_parts(history, history.story(key), indent="  "))
    if entry.looked_back:
        heading = t("history.looked_back_here", count=len(entry.looked_back))
        parts.append(("\n" + heading + "\n", "bold underline"))
        for key in entry.looked_back:
            story = history.story(key)
            mark = next(m for m in story.marks if m.session == index)
            verdict = t(f"history.verdict.{mark.verdict}") if mark.verdict else t("history.open")
            sign = _mark(mark.verdict)
            if late_at(history, story, mark):
                sign, verdict = MARKS["overdue"], f"{verdict} · {t('history.late')}"
            parts.append((f"{sign} {story.what}\n", "bold"))
            parts.append(f"  {verdict}" + (f": {mark.note}" if mark.note else "") + "\n")
    return parts


_VERDICT_MARKS: dict[str, str] = {
    **{v: MARKS[v] for v in ("werkt", "bijstellen", "vervallen")},
    "afgerond": MARKS["werkt"],
}


def _mark(verdict: str) -> str:
    """The sign of a verdict; without one (on the agenda, not judged yet) "…"."""
    return _VERDICT_MARKS.get(verdict, MARKS["agenda"])


def _story_parts(history: History, story: Story, indent: str = "") -> list[Part]:
    parts: list[Part] = [(f"{MARKS[story.state]} {story.what}\n", "bold")]
    parts.append(f"{indent}[{state_label(story)}]\n")
    parts.extend(f"{indent}{line}\n" for line in story_lines(history, story))
    return parts


def agreements_parts(history: History) -> list[Part]:
    """Every adopted agreement over time: the overdue ones first, then per session."""
    parts: list[Part] = [(t("history.agreements") + "\n", "bold")]
    parts.append(summary(history) + "\n")
    if not history.stories:
        parts.append(("\n" + t("history.no_agreements") + "\n", "italic"))
        return parts
    overdue = [s for s in history.stories if s.state == "overdue"]
    if overdue:
        parts.append(("\n" + t("history.overdue_heading") + "\n", "bold underline"))
        for story in overdue:
            parts.extend(_story_parts(history, story, "  "))
    before = [s for s in history.stories if s.made_in is None]
    if before:
        parts.append(("\n" + t("history.before_heading") + "\n", "bold underline"))
        for story in before:
            parts.extend(_story_parts(history, story, "  "))
    for entry in history.sessions:
        if not entry.made:
            continue
        heading = t("history.made_heading", session=session_label(entry))
        parts.append(("\n" + heading + "\n", "bold underline"))
        for key in entry.made:
            parts.extend(_story_parts(history, history.story(key), "  "))
    parts.append(("\n" + t("history.legend.states") + "\n", "italic"))
    return parts


def _span_note(history: History, span: range) -> str:
    first, last = history.sessions[span.start], history.sessions[span.stop - 1]
    return t(
        "history.window",
        first=first.date.isoformat(),
        last=last.date.isoformat(),
        count=len(span),
        total=len(history.sessions),
    )


def voice_parts(history: History, index: int, width: int) -> list[Part]:
    """Voice per organisation: cards over all sessions as a bar, and a sparkline in time."""
    parts: list[Part] = [(t("history.voice") + "\n", "bold")]
    span = window(len(history.sessions), index, width)
    parts.append((_span_note(history, span) + "\n", "italic"))
    known = sum(o.total for o in history.organisations)
    top = max((o.total for o in history.organisations), default=0)
    for org in history.organisations:
        parts.append(("\n" + org_label(org.organisation) + "\n", "bold"))
        parts.append(f"{bar(org.total, top, max(4, width - 8)) or SPARK[0]} {org.total}\n")
        share = f"{round(100 * org.total / known)}%" if known else "–"
        sessions = t_count("count.sessions", org.sessions)
        parts.append(t("history.org_total", share=share, sessions=sessions) + "\n")
        parts.extend(_spark_parts(spark(org.cards, org.present), span, index))
        parts.append("\n")
    if history.unknown_cards:
        parts.append(("\n" + t("history.voice_unknown", count=history.unknown_cards), "italic"))
    parts.append(("\n\n" + t("history.legend.voice"), "italic"))
    return parts


def themes_parts(history: History, index: int, width: int) -> list[Part]:
    """Cards per theme: over all sessions as a bar, and a sparkline in time."""
    parts: list[Part] = [(t("history.themes") + "\n", "bold")]
    span = window(len(history.sessions), index, width)
    parts.append((_span_note(history, span) + "\n", "italic"))
    top = max((line.total for line in history.themes), default=0)
    for line in history.themes:
        heading = t(
            "history.theme_total",
            title=line.title,
            sessions=t_count("count.sessions", line.sessions),
        )
        parts.append(("\n" + heading + "\n", "bold"))
        parts.append(f"{bar(line.total, top, max(4, width - 8)) or SPARK[0]} {line.total}\n")
        parts.extend(_spark_parts(spark(line.cards), span, index))
        parts.append("\n")
    parts.append(("\n" + t("history.legend.themes"), "italic"))
    return parts


def instruments_parts(history: History, index: int, width: int) -> list[Part]:
    """The instruments over time: the mean per norm, the principles, the reflexes."""
    entry = history.sessions[index]
    span = window(len(history.sessions), index, width)
    parts: list[Part] = [(t("history.pane.instruments") + "\n", "bold")]
    parts.append((_span_note(history, span) + "\n", "italic"))

    parts.append(("\n" + t("history.norms") + "\n", "bold underline"))
    here = evaluation_label(entry) or t("history.eval.none")
    parts.append(t("history.this_session", state=here) + "\n")
    if not history.evaluated:
        parts.append((t("history.norms_none", min=MIN_ANSWERS) + "\n", "italic"))
    else:
        for line in history.norms:
            value = line.means[index]
            shown = format_mean(value) if value is not None else "–"
            parts.append(f"{fit(norm_label(line.norm), max(8, width - 5))} {shown:>4}\n")
            parts.extend(_spark_parts(mean_spark(line.means), span, index))
            parts.append("\n")
        parts.append((t("history.legend.norms") + "\n", "italic"))

    parts.append(("\n" + t("history.principles") + "\n", "bold underline"))
    if not history.checked:
        parts.append((t("history.principles_none") + "\n", "italic"))
    else:
        for principle in history.principles:
            answer = principle.answers[index]
            parts.append((f"{principle.number:>2}. ", "bold"))
            parts.append(fit(principle_label(principle.number), max(8, width - 4)) + "\n    ")
            parts.extend(_spark_parts(answer_marks(principle.answers), span, index))
            if answer is None:
                parts.append(f"  {t('history.off')}\n")
            else:
                parts.append(f"  {ANSWER_MARKS[answer]} {answer_label(answer)}\n")
        parts.append((t("history.legend.principles") + "\n", "italic"))

    parts.append(("\n" + t("history.reflexes") + "\n", "bold underline"))
    if not history.tagged:
        parts.append((t("history.reflexes_none") + "\n", "italic"))
    else:
        for reflex in history.reflexes:
            count = reflex.counts[index]
            here_count = "–" if count is None else str(count)
            parts.append((reflex_label(reflex.reflex), "bold"))
            parts.append(" " + t("history.reflex_counts", count=here_count, total=reflex.total))
            parts.append("\n")
            parts.extend(_spark_parts(reflex_spark(reflex), span, index))
            parts.append("\n")
        parts.append((t("history.legend.reflexes") + "\n", "italic"))
    return parts


def timeline_prompt(history: History, entry: Entry) -> Content:
    """One line of the timeline: date, ⚠ when an agreement made there is overdue, title."""
    overdue = any(history.story(key).state == "overdue" for key in entry.made)
    mark = MARKS["overdue"] + " " if overdue else ""
    return Content.assemble((entry.date.isoformat(), "bold"), " ", mark + entry.title)


def tab_parts(current: str, room: int) -> list[Part]:
    """The pane tabs, the current one reversed. When they do not all fit in `room` cells,
    the tabs farthest from the current one show their number only."""
    at = PANES.index(current)
    short: set[str] = set()
    by_distance = sorted(PANES, key=lambda name: -abs(PANES.index(name) - at))
    while True:
        tabs: list[Part] = []
        for number, name in enumerate(PANES, 1):
            label = f"{number}" if name in short else f"{number} {t(f'history.pane.{name}')}"
            tabs.append((f"[{label}]", "bold reverse") if name == current else f" {label} ")
            tabs.append(" ")
        width = sum(cell_width(p if isinstance(p, str) else p[0]) for p in tabs)
        rest = [name for name in by_distance if name != current and name not in short]
        if width <= room or not rest:
            return tabs
        short.add(rest[0])


class Pane(VerticalScroll):
    """A right-hand pane: one scrollable text."""

    def __init__(self, pane_id: str) -> None:
        super().__init__(id=pane_id, classes="pane")
        self.body = Static(id=f"{pane_id}-body")

    def compose(self) -> ComposeResult:
        yield self.body

    def show(self, parts: Sequence[Part]) -> None:
        """Replace the text (plain pieces and our own styles only)."""
        self.body.update(Content.assemble(*parts))

    def text(self) -> str:
        """The plain text the pane shows now (for tests)."""
        visual = self.body.visual
        return visual.plain if isinstance(visual, Content) else str(visual)


def _bindings() -> list[Binding]:
    return [
        Binding("tab", "pane(1)", t("history.key.pane"), priority=True),
        Binding("shift+tab", "pane(-1)", t("history.key.pane"), priority=True),
        Binding("1", "show('details')", t("history.pane.details")),
        Binding("2", "show('agreements')", t("history.pane.agreements")),
        Binding("3", "show('voice')", t("history.pane.voice")),
        Binding("4", "show('themes')", t("history.pane.themes")),
        Binding("5", "show('instruments')", t("history.pane.instruments")),
        Binding("escape", "timeline", t("history.key.timeline")),
        Binding("q", "quit", t("key.quit")),
    ]


class HistoryApp(App[None]):
    """`tussenruimte history DIR`: the regional narrative on a screen, keyboard only."""

    TITLE = "tussenruimte"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    Screen { layout: vertical; }
    #topbar { height: 1; background: $primary; color: $text; padding: 0 1; }
    #body { height: 1fr; }
    #timeline { width: 30; height: 100%; border: none; border-right: vkey $panel-lighten-2;
        padding: 0; scrollbar-size-vertical: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #timeline:focus { border-right: vkey $accent; }
    #right { width: 1fr; height: 100%; }
    #tabs { height: 1; padding: 0 1; background: $panel; }
    #panes { height: 1fr; }
    .pane { height: 100%; padding: 0 1; scrollbar-size-vertical: 1; }
    .pane:focus { background: $boost; }
    #status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    #keybar { height: 1; }
    """

    def __init__(self, history: History) -> None:
        super().__init__()
        self._bindings = BindingsMap(_bindings())
        self.history = history
        self.selected = len(history.sessions) - 1
        self.pane = "details"
        self.panes = {name: Pane(name) for name in PANES}
        self._drawn: dict[str, tuple[int, int]] = {}
        options = [Option(timeline_prompt(history, e), id=str(e.index)) for e in history.sessions]
        self.timeline = OptionList(*options, id="timeline", markup=False)

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="body"):
            yield self.timeline
            with Vertical(id="right"):
                yield Static(id="tabs")
                with ContentSwitcher(initial="details", id="panes"):
                    yield from self.panes.values()
        yield Static(id="status")
        yield Static(id="keybar")

    def on_mount(self) -> None:
        history = self.history
        span = t_count(
            "history.topbar",
            len(history.sessions),
            first=history.sessions[0].date.isoformat() if history.sessions else "–",
            last=history.sessions[-1].date.isoformat() if history.sessions else "–",
        )
        top = Content.assemble(
            ("tussenruimte", "bold"), f" · {t('history.kind')} · {span} · {history.folder}"
        )
        self.query_one("#topbar", Static).update(top)
        self.query_one("#status", Static).update(Content(self._status()))
        if self.selected >= 0:
            self.timeline.highlighted = self.selected
        self.timeline.focus()
        self.timeline.styles.width = self._timeline_width()
        self._update_keybar()
        self._draw()

    def _status(self) -> str:
        """The agreements in signs (the legend is in pane 2) and the files skipped."""
        history = self.history
        counts = history.counts()
        marks = " ".join(f"{MARKS[s]}{counts[s]}" for s in STATES if counts[s]) or "0"
        notes = [t("history.status_agreements", marks=marks)]
        if history.skipped:
            files = ", ".join(s.file for s in history.skipped)
            notes.append(f"⚠ {t('history.skipped_count', count=len(history.skipped))} ({files})")
        if history.copies:
            notes.append(t("history.copies_count", count=len(history.copies)))
        if history.clashes:
            files = ", ".join(c.file for c in history.clashes)
            notes.append(f"⚠ {t('history.clashes_count', count=len(history.clashes))} ({files})")
        return " · ".join(notes)

    # --- drawing ---------------------------------------------------------------------------

    def _timeline_width(self) -> int:
        narrow, wide = TIMELINE_WIDTH
        return max(narrow, min(wide, self.size.width * 3 // 10))

    def _width(self) -> int:
        """Cells of text in a right-hand pane."""
        return max(20, self.size.width - self._timeline_width() - 4)  # border, padding, bar

    def _draw(self) -> None:
        """Draw the shown pane for the selected session (only when that changed)."""
        if self.selected < 0:
            return
        width = self._width()
        state = (self.selected if self.pane != "agreements" else -1, width)
        if self._drawn.get(self.pane) != state:
            self._drawn[self.pane] = state
            pane = self.panes[self.pane]
            if self.pane == "details":
                pane.show(details_parts(self.history, self.selected, width))
            elif self.pane == "agreements":
                pane.show(agreements_parts(self.history))
            elif self.pane == "voice":
                pane.show(voice_parts(self.history, self.selected, width))
            elif self.pane == "instruments":
                pane.show(instruments_parts(self.history, self.selected, width))
            else:
                pane.show(themes_parts(self.history, self.selected, width))
        room = self.size.width - self._timeline_width() - 3  # border and padding
        self.query_one("#tabs", Static).update(Content.assemble(*tab_parts(self.pane, room)))

    def _update_keybar(self) -> None:
        on_timeline = self.focused is self.timeline
        arrows = t("history.key.sessions") if on_timeline else t("history.key.scroll")
        keys = [
            ("↑↓", arrows),
            ("Tab", t("history.key.pane")),
            ("1-5", t("history.key.choose")),
            ("Esc", t("history.key.timeline")),
            ("q", t("key.quit")),
        ]
        parts: list[Part] = []
        for key, label in keys:
            parts += [(f" {key} ", "bold reverse"), f" {label} "]
        self.query_one("#keybar", Static).update(Content.assemble(*parts))

    def on_resize(self) -> None:
        self.timeline.styles.width = self._timeline_width()
        self._draw()

    @on(OptionList.OptionHighlighted, "#timeline")
    def _moved(self, message: OptionList.OptionHighlighted) -> None:
        self.selected = message.option_index
        self._draw()

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        if isinstance(focused, Pane) and focused.id != self.pane and focused.id in PANES:
            self.pane = focused.id
            self.query_one("#panes", ContentSwitcher).current = focused.id
            self._draw()
        self._update_keybar()

    # --- actions ---------------------------------------------------------------------------

    def action_pane(self, step: int) -> None:
        """Tab: timeline → details → agreements → voice → themes → instruments → timeline
        (shift: back)."""
        order: list[Widget] = [self.timeline, *(self.panes[name] for name in PANES)]
        focused = self.focused
        at = order.index(focused) if focused in order else 0
        target = order[(at + step) % len(order)]
        if isinstance(target, Pane) and target.id is not None:
            self.action_show(target.id)
        target.focus()

    def action_show(self, name: str) -> None:
        """Show pane `name` on the right; the keyboard stays on the timeline if it was there."""
        if name not in PANES:
            return
        keep_timeline = self.focused is self.timeline
        self.pane = name
        self.query_one("#panes", ContentSwitcher).current = name
        self._draw()
        if not keep_timeline:
            self.panes[name].focus()

    def action_timeline(self) -> None:
        """Escape: back to the timeline."""
        self.timeline.focus()
