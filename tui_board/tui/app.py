"""The board: renders a session, turns keys into Ops, never changes the session itself."""

from __future__ import annotations

import gc
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, assert_never

from rich.cells import cell_len
from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingsMap
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from ..boardfork import may_unfreeze, own_part
from ..entrances import board_lines
from ..i18n import t, t_count
from ..local import LocalBoard
from ..model import EDITORS, Card, Participant, Role
from ..ops import (
    AddCard,
    AgreementPut,
    CardPut,
    CardRemoved,
    Change,
    ClusterPut,
    ClusterRemoved,
    ClusterSuggested,
    DeleteCard,
    EditCard,
    EvaluationPut,
    MoveCard,
    Op,
    OriginPut,
    ParticipantPut,
    ParticipantRemoved,
    PrinciplePut,
    RecordedPut,
    ReviewPut,
    StatePut,
    VotePut,
    VotesShown,
    Waiting,
    new_id,
)
from ..rules import FOR_GOOD, Refused, allowed
from . import leanstrips, pasting
from . import themes as look
from .agreement_actions import AgreementActions
from .agreements import AgreementsPanel
from .cardlist import CardList
from .cluster_actions import ClusterActions
from .column import ColumnView
from .editor import CardEditor
from .instrument_actions import INSTRUMENT_ACTIONS, InstrumentActions
from .instruments import EvaluationPanel, PrinciplesPanel, reflex_mark
from .keys import KEYS, Key, bar_name, bindings, keymap, keymap_refused, written
from .live_handlers import LiveHandlers
from .notulist import NOTULIST_ACTIONS, NotulistActions
from .offers import ACTION_OPS
from .people import PeoplePanel
from .room import RoomBar, RulesPanel, SpotlightPanel
from .room_actions import FACILITATOR_ACTIONS, RoomActions
from .screens import ConfirmDelete, HelpScreen
from .seat_actions import LOBBY_ACTIONS, SEAT_ACTIONS, SeatActions
from .terugblik import TerugblikActions, TerugblikPanel
from .voice import VoicePanel

if TYPE_CHECKING:
    from ..live import LiveBoard  # the live board (and websockets) load only when joining
    from ..protocol import Newcomer

QUIT_AGAIN_SECONDS = 10.0
"""A second q within this many seconds quits despite the warning."""

AUTOSAVE_SECONDS = 3.0
"""How long after the last change the board saves by itself."""

OFFERED_KINDS = tuple(dict.fromkeys(ACTION_OPS.values()))
"""The op kinds behind the board's keys: what the key bar offers changes when the rules'
answer for one of them does."""

PEOPLE_WIDTH = 34
"""Width of the participants panel and the other side panels (as in app.tcss)."""

PANEL_WIDTH = 22
"""The least width of a side panel when two or three share a narrow screen."""

WIDE_COLUMN = 30
"""Below this many cells per column the board switches to the narrow layout."""

FOLDED_WIDTH = 14
"""The least width of a folded column: narrower, its title cannot be read."""


def shown_columns(count: int, active: int, width: int) -> range:
    """Which of `count` columns the narrow layout shows in `width` cells: the active one
    and as many folded ones of at least `FOLDED_WIDTH` cells as fit, the active one's
    neighbours first (a side panel takes room; the arrow keys still reach them all)."""
    room = max(0, (width - WIDE_COLUMN) // FOLDED_WIDTH)
    if room >= count - 1:
        return range(count)
    first = max(0, min(active - room // 2, count - 1 - room))
    return range(first, first + room + 1)


GC_BUSY_FROZEN = 25_000
"""Objects a busy board may freeze (mostly garbage, some 2.5 MB) until a quiet second."""


def _freeze() -> int:
    """`gc.freeze()`, and how many objects it froze: those in the collector's generations,
    counted before (quick: young objects), where `gc.get_freeze_count()` walks every frozen
    object, in a board forked over SSH the fork server's too (~30 ms a call)."""
    count = sum(len(gc.get_objects(generation)) for generation in range(3))
    gc.freeze()
    return count


KeyBarPart = str | tuple[str, str]
"""A piece of the key bar: text, or text with its style."""


def fit_key_bar(parts: Sequence[KeyBarPart], width: int) -> list[KeyBarPart]:
    """The key bar's `parts` cut to `width` cells at whole keys, ending in "? meer".

    A key starts at each part drawn in reverse video (the key) and runs up to the next one
    (its words); the bar keeps as many keys as fit, in order, with room for `?`, which
    opens the help with every key.
    """
    keys: list[list[KeyBarPart]] = []
    for part in parts:
        if not keys or (isinstance(part, tuple) and "reverse" in part[1]):
            keys.append([])
        keys[-1].append(part)

    def cells(group: Sequence[KeyBarPart]) -> int:
        return sum(cell_len(part if isinstance(part, str) else part[0]) for part in group)

    if cells(parts) <= width:
        return list(parts)
    more: list[KeyBarPart] = [" ", (f" {written('help')} ", "bold reverse")]
    more.append(f" {t('key.more')}")
    room = width - cells(more)
    kept: list[KeyBarPart] = []
    for group in keys:
        room -= cells(group)
        if room < 0:
            break
        kept += group
    return kept + more


class BoardScreen(Screen[None]):
    """The board's screen: moving the focus does not draw the whole screen again.

    Textual's `Screen.focused` repaints the whole screen when it changes; the widgets whose
    look depends on the focus restyle and redraw themselves anyway. On the board the focus
    moves into the card editor and out of it on every add and edit, and that repaint cost
    those keys a second, full frame (docs/benchmarks.md).
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    AUTO_FOCUS = ""
    """Nothing has the focus on the board: its keys are the app's bindings. (The side panels
    cannot take the focus either, so ↑/↓ always move the card cursor.)"""


class BoardApp(
    InstrumentActions,
    ClusterActions,
    TerugblikActions,
    RoomActions,
    AgreementActions,
    SeatActions,
    NotulistActions,
    LiveHandlers,
    App[None],
):
    """The offline board of one session file."""

    bell_on: bool
    """Ring the terminal bell when the timer reaches zero (this board only)."""

    CSS_PATH = "app.tcss"
    TITLE = "tussenruimte"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, board: LocalBoard | LiveBoard) -> None:
        leanstrips.install()  # some 4 MiB less for the lines Textual keeps (leanstrips.py)
        pasting.install()  # a bracketed paste arrives whole and in order (pasting.py)
        # The look (docs/accessibility.md): monochrome must be known before Textual starts.
        super().__init__(ansi_color=look.ansi_color())
        look.apply(self)
        self._bindings = BindingsMap(bindings())
        self.board = board
        self._follow: str | None = None
        self.deciding = ""
        """The consent round this board closed answering for: its choice opens on arrival."""
        self.connected = True
        self.ended = ""
        """Why a live board ended (the session stopped, the seat moved on); empty while on."""
        self.online: tuple[str, ...] = ()
        self.waiting = board.waiting()
        self.bell_on = True
        self._rang_for: object = None
        self.room_bar = RoomBar(id="roombar")
        self.spotlight_panel = SpotlightPanel(id="spotlight")
        self.rules_panel = RulesPanel()
        self.agreements_panel = AgreementsPanel()
        self.voice_panel = VoicePanel()
        self.terugblik_panel = TerugblikPanel()
        self.evaluation_panel = EvaluationPanel()
        self.principles_panel = PrinciplesPanel()
        self.editor = CardEditor()
        self._sorted = False
        self._phase_seen: str | None = None
        self._offered: tuple[object, ...] = ()
        self._quit_warned = -QUIT_AGAIN_SECONDS - 1.0
        self._proposals: dict[str, int] = {}
        self._tally: dict[str, int] = {}
        self._my_dots: dict[str, int] = {}
        self.marked: set[str] = set()
        """Cards marked with space for a cluster (across columns)."""
        self.suggestions: list[ClusterSuggested] = []
        """Clusters participants proposed (facilitators' boards only; the last five)."""
        self._count_votes()
        for card in board.session.cards:
            if card.answers:
                self._proposals[card.answers] = self._proposals.get(card.answers, 0) + 1
        self._people: dict[str, Participant] = {p.id: p for p in board.session.participants}
        themes = board.session.themes
        by_theme: dict[str, list[Card]] = {theme.id: [] for theme in themes}
        for card in board.session.cards:
            by_theme[card.theme].append(card)
        self.columns = [
            ColumnView(th, by_theme[th.id], self._label, self.cluster_header, self.marked)
            for th in themes
        ]
        self._column_of = {column.theme.id: column for column in self.columns}
        self._where = {card.id: card.theme for card in board.session.cards}
        self.active = 0
        self.narrow = False
        self._autosave: Timer | None = None
        self._saved_note = ""
        self._gc_seen = -1
        """Young collections counted at the last tick (to tell whether the board is idle)."""
        self._gc_due = True
        """Something happened since the last collection while idle."""
        self._gc_frozen = 0
        """Objects frozen in busy seconds since that collection."""
        self._own_frozen = 0
        """Objects this board froze itself and has not unfrozen (`boardfork.may_unfreeze`)."""
        self._key_at = 0.0
        """When the last key came (time.monotonic): a second with a key is not quiet."""
        self._status_shown: str | None = None
        self.lobby: tuple[Newcomer, ...] = ()
        """Who waits in the lobby (facilitators' live boards of a room with one)."""

    # --- building -----------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return BoardScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield Static(id="joinline")
        yield self.room_bar
        yield self.spotlight_panel
        with Horizontal(id="body"):
            # The columns sit in #body itself: one full-width container less to draw and
            # cache on every line (1.4 MiB, docs/benchmarks.md); panels follow them.
            yield from self.columns
            yield self.rules_panel
            yield self.agreements_panel
            yield self.voice_panel
            yield self.terugblik_panel
            yield self.evaluation_panel
            yield self.principles_panel
            yield PeoplePanel()
        yield self.editor
        yield Static(id="status")
        # Our own key bar: Textual's Footer rebuilds (and leaks) a widget per key on every
        # screen change, which made every add and edit slower (docs/benchmarks.md).
        yield Static(id="keybar")

    def on_mount(self) -> None:
        self.set_keymap(keymap())  # your own keys (keymap.py); written() shows them mapped
        if refused := keymap_refused():  # said on stderr too, but the board covers it
            self.notify(refused, severity="warning", timeout=20)
        meta = self.board.session.session
        place = f" · {meta.place}" if meta.place else ""
        top = Content.assemble(("tussenruimte", "bold"), f" · {meta.title} · {meta.date}{place}")
        conflicts = self.board.session.conflicts
        if conflicts:  # a git merge left these to decide: say so on top, and what they are
            warning = t_count("board.conflicts", len(conflicts))
            top = Content.assemble(top, " · ", (warning, "bold"))
        self.query_one("#topbar", Static).update(top)
        join = self.query_one("#joinline", Static)
        ways_in = board_lines(self.board.ways_in, self.board.join_line)
        join.display = bool(ways_in)
        join.update(Content("\n".join(ways_in)))
        self.query_one(PeoplePanel).display = False
        watching = self.board.actor.role is Role.OBSERVER
        self.set_class(watching, "projector")
        self.rules_panel.display = False
        self.agreements_panel.display = False
        self.voice_panel.display = False
        self.terugblik_panel.display = False
        self.editor.display = False
        self._layout()
        self._update_status()
        self.refresh_room()
        self.set_interval(1.0, self._tick)
        if conflicts:
            from ..merging import conflict_lines  # only after a merge

            lines = [t_count("merge.conflicts", len(conflicts))]
            lines += [f"• {line}" for line in conflict_lines(self.board.session)[:5]]
            lines.append(t("merge.conflicts.what_now"))
            self.notify("\n".join(lines), severity="warning", timeout=30)
        if self.board.live:
            self.run_worker(self.relay_worker(), name="relay", exclusive=True, group="relay")
        # The session is built; keep its objects out of the collector's way from now on.
        self._own_frozen += _freeze()

    def on_resize(self, event: events.Resize) -> None:
        # This handler runs before Textual's own (`App._on_resize`) records the new size:
        # lay out for the event's size, so a resize shows at once, not at the next key.
        self._layout(event.size.width)
        self.update_key_bar(event.size.width)
        self.call_next(self._refit_room)  # once Textual has the new size (app.size)

    def _refit_room(self) -> None:
        """The room bar's big clock and the projector's spotlight for the new size."""
        self._refresh_bar()
        self.spotlight_panel.refit()

    def _layout(self, screen_width: int | None = None) -> None:
        count = len(self.columns)
        panels = (
            self.query_one(PeoplePanel),
            self.rules_panel,
            self.agreements_panel,
            self.voice_panel,
            self.terugblik_panel,
            self.evaluation_panel,
            self.principles_panel,
        )
        screen_width = self.size.width if screen_width is None else screen_width
        opened = [panel for panel in panels if panel.display]
        # Side panels share what the active column leaves, down to PANEL_WIDTH each.
        share = (screen_width - WIDE_COLUMN) // max(1, len(opened))
        panel_width = max(PANEL_WIDTH, min(PEOPLE_WIDTH, share))
        for panel in opened:
            if panel.styles.width is None or panel.styles.width.value != panel_width:
                panel.styles.width = panel_width
        width = screen_width - panel_width * len(opened)
        self.narrow = count > 1 and width < WIDE_COLUMN * count
        shown = shown_columns(count, self.active, width) if self.narrow else range(count)
        narrow_width = FOLDED_WIDTH
        watching = self.board.actor.role is Role.OBSERVER
        for index, column in enumerate(self.columns):
            active = index == self.active
            collapsed = self.narrow and not active
            column.fold_width = narrow_width - 2  # its left padding and right border
            column.set_state(active=active and not watching, collapsed=collapsed)
            column.styles.width = narrow_width if collapsed else "1fr"
            if column.display != (index in shown):
                column.display = index in shown
        self.call_after_refresh(self._align_headers)

    def _align_headers(self) -> None:
        shown = [column for column in self.columns if not column.has_class("collapsed")]
        lines = max((column.header_lines() for column in shown), default=3)
        for column in shown:
            column.set_header_height(lines)

    def _label(self, card: Card) -> str:
        mark = f"{t('room.hidden_mark')} " if card.hidden else ""
        if card.kind == "probleem":
            proposals = self._proposals.get(card.id, 0)
            more = t_count("kind.proposals", proposals) if proposals else t("kind.no_proposal")
            mark += f"{t('kind.probleem')} — {more} · "
        elif card.kind == "voorstel":
            problem = self.board.session.card(card.answers) if card.answers else None
            mark += t("kind.voorstel") + " "
            if problem is not None:
                short = problem.text if len(problem.text) <= 30 else problem.text[:29] + "…"
                mark += t("kind.answers", text=short) + " · "
        session = self.board.session
        if card.cluster:
            pass  # its cluster's header line shows the dots
        elif session.voting == "closed":
            total = self._tally.get(card.id, 0)
            if total:
                word = t_count("vote.total", total)
                mark += "●" * min(total, 10) + f" {word} "
        else:
            mine = self._my_dots.get(card.id, 0)
            if mine:
                mark += "●" * mine + f" {t('vote.mine', dots=mine)} "
        mark = reflex_mark(card, session) + mark
        person = self._people.get(card.author)
        if person is None:
            return mark + ("— " + t("board.unknown_author") if card.author else "")
        org = f" · {person.organisation}" if person.organisation else ""
        return f"{mark}— {person.name}{org}"

    # --- the room -------------------------------------------------------------------------

    def refresh_room(self) -> None:
        """Redraw the phase bar, the spotlight and the spelregels panel from the session."""
        session = self.board.session
        self.show_empty_hints()  # what this person may add depends on the phase and role
        if session.phase != self._phase_seen:
            # A new phase brings its own panel: the spelregels in the opening, the
            # agreements when agreeing. The person can still toggle them.
            self._phase_seen = session.phase
            watching = self.board.actor.role is Role.OBSERVER
            # The opening looks back first (the terugblik), then at the spelregels.
            first = bool(session.phases) and session.phase == session.phases[0].id
            unratified = session.origin is not None and session.origin.vastgesteld is None
            open_reviews = any(not r.verdict for r in session.terugblik)
            looking_back = first and (open_reviews or unratified)
            self.terugblik_panel.display = looking_back
            self.rules_panel.display = session.phase == "opening" and not watching
            self.rules_panel.display = self.rules_panel.display and not looking_back
            self.agreements_panel.display = session.phase == "afspreken"
            self._layout()
        editor = self.board.actor.role in EDITORS
        self.room_bar.show(session, self.waiting, self._remaining(), editor, self._vote_notes())
        card = session.card(session.spotlight) if session.spotlight else None
        theme = session.theme(card.theme) if card else None
        self.spotlight_panel.show(
            card, theme.title if theme else "", self._label(card) if card else ""
        )
        if self.rules_panel.display:
            self.rules_panel.show(session, self.board.actor.id)
        if self.agreements_panel.display:
            self.agreements_panel.show(session)
        if self.voice_panel.display:
            self.voice_panel.show(session)
        if self.terugblik_panel.display:
            self.terugblik_panel.show(session)
        self.show_instruments()
        self.follow_spotlight(card)
        self.decide_when_ready()  # a consent round this board closed: its answers are here
        # The footer is rebuilt only when what it offers changes (it is costly to rebuild).
        may = tuple(self.refusal(kind) for kind in OFFERED_KINDS)
        offered = (self.board.actor.role, bool(session.spotlight), session.voting, may)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()
            self.update_key_bar()

    def update_key_bar(self, width: int | None = None) -> None:
        """Show the keys this board offers now (as the footer would, in one line); what
        does not fit in `width` (the screen's) gives way to "? meer"."""
        parts: list[str | tuple[str, str]] = []
        for key in KEYS:
            action = key.action.split("(")[0]
            if not key.footer or self.check_action(action, ()) is False:
                continue
            kind = ACTION_OPS.get(action)
            if kind is not None and self.refusal(kind) is not None:
                continue  # not now: pressing it says why, the bar does not offer it
            label = bar_name(key)
            parts += [(f" {label} ", "bold reverse"), f" {t(key.short)} "]
        parts += ["  ", (f" {written('palette')} ", "bold reverse"), f" {t('key.palette')}"]
        parts = fit_key_bar(parts, self.size.width if width is None else width)
        self.query_one("#keybar", Static).update(Content.assemble(*parts), layout=False)

    def _refresh_bar(self) -> None:
        editor = self.board.actor.role in EDITORS
        session = self.board.session
        self.room_bar.show(session, self.waiting, self._remaining(), editor, self._vote_notes())

    def _vote_notes(self) -> tuple[str, ...]:
        """Open problems (for facilitators), the dots left and how many have voted."""
        session = self.board.session
        problems = len(session.open_problems())
        editor = self.board.actor.role in EDITORS
        lead = ("⚠ " + t_count("two.open_problems", problems),) if problems and editor else ()
        return lead + self._dots_notes() + self.evaluation_notes()

    def _dots_notes(self) -> tuple[str, ...]:
        session = self.board.session
        phase = session.current_phase()
        if session.voting == "closed":
            return ("● " + t("vote.closed"),)
        if not session.votes and (phase is None or "vote" not in phase.allows):
            return ()
        notes = []
        if self.board.actor.role is not Role.OBSERVER:
            left = session.dots - session.dots_used(self.board.actor.id)
            notes.append("● " + t("vote.dots_left", left=left, dots=session.dots))
        voters = self.waiting.voters if self.board.live else len({v.voter for v in session.votes})
        notes.append(t("vote.voters_one") if voters == 1 else t("vote.voters", count=voters))
        return tuple(notes)

    def _remaining(self) -> int | None:
        timer = self.board.session.timer
        return None if timer is None else timer.remaining(self.board.now())

    def _tick(self) -> None:
        self._collect_when_idle()
        if self.lobby:
            self.update_people()  # how long they wait
        remaining = self._remaining()
        if remaining is None:
            return
        timer = self.board.session.timer
        if remaining <= 0 and self.bell_on and self._rang_for != timer:
            self._rang_for = timer
            self.bell()
        editor = self.board.actor.role in EDITORS
        notes = self._vote_notes()
        self.room_bar.show(self.board.session, self.waiting, remaining, editor, notes)

    def _collect_when_idle(self) -> None:
        """Collect garbage in a quiet second, so that the collector seldom delays a key.

        A full collection goes through every object that is not frozen: the screen's caches
        alone are some 90,000, 15-40 ms. Done while nobody types (no key in the last second:
        others' cards wait while the person types, so a typing board is otherwise quiet),
        and with everything that survives frozen again (`gc.freeze`), the full collections
        Python starts by itself during keys only go through what is newer. What survives a
        busy second is frozen as well, up to `GC_BUSY_FROZEN` objects: most of it is garbage
        that only the next quiet second collects (Textual's cached lines refer to
        themselves; a move or an add leaves some 150 objects, 15 KB), so beyond that the
        collector takes it as usual. Unfreezing first lets everything be collected in the
        end: nothing stays frozen for good (docs/benchmarks.md).
        """
        seen = gc.get_stats()[0]["collections"]
        if seen != self._gc_seen or time.monotonic() - self._key_at < 1.0:
            # Busy in the last second: young collections ran, or a key came (typing a
            # card makes little garbage, and a full collection between two keys would
            # delay the next one's echo by 15-40 ms).
            self._gc_seen = seen
            self._gc_due = True
            if self._gc_frozen < GC_BUSY_FROZEN:
                frozen = _freeze()
                self._gc_frozen += frozen
                self._own_frozen += frozen
        elif self._gc_due:
            self._gc_due = False
            unfrozen = may_unfreeze(self._own_frozen)  # not in a board forked over SSH
            if unfrozen:
                gc.unfreeze()
            gc.collect()
            frozen = _freeze()
            self._own_frozen = own_part(frozen) if unfrozen else self._own_frozen + frozen
            self._gc_seen = gc.get_stats()[0]["collections"]
            self._gc_frozen = 0

    @property
    def column(self) -> ColumnView:
        """The column the keyboard is in."""
        return self.columns[self.active]

    def current_card(self) -> Card | None:
        """The card under the cursor of the active column."""
        return self.column.cards.current()

    # --- ops in, changes out --------------------------------------------------------------

    def submit(self, op: Op, follow: str | None = None) -> bool:
        """Hand an op to the rules (offline) or the relay (live).

        `follow` names a card the cursor should go to once its change arrives.
        """
        self._follow = follow
        outcome = self.board.submit(op)
        if outcome is None:
            return True  # live: the relay's event brings the change
        if isinstance(outcome, Refused):
            self._follow = None
            self.notify(t(outcome.key, **outcome.values), severity="warning")
            return False
        self.receive(outcome.changes)
        if outcome.changes:
            self._schedule_autosave()
        return True

    def receive(self, changes: Sequence[Change]) -> None:
        """Show what changed, touching only the cards concerned.

        However many changes come in one call (a live board gathers what arrives within a
        frame, `LiveHandlers.flush_incoming`), each column, cluster, header and the status
        line are drawn once, after all of them, in the order they came.
        """
        touched: set[str] = set()
        clusters: set[str] = set()
        voted: set[str] = set()
        room = people = votes = False
        for change in changes:
            match change:
                case CardPut(card=card):
                    before = self._where.get(card.id)
                    if before is not None and before != card.theme:
                        self._column_of[before].cards.discard(card.id)
                        touched.add(before)
                    self._column_of[card.theme].cards.put(card)
                    self._where[card.id] = card.theme
                    touched.add(card.theme)
                case CardRemoved():
                    self.marked.discard(change.card_id)
                    theme = self._where.pop(change.card_id, change.theme)
                    self._column_of[theme].cards.discard(change.card_id)
                    touched.add(theme)
                case ParticipantPut():
                    self._people[change.participant.id] = change.participant
                    people = room = True
                case ParticipantRemoved():
                    self._people.pop(change.participant, None)
                    people = room = True
                case VotePut():
                    votes = room = True
                    voted.add(change.card)
                    clusters.add(change.card)
                case VotesShown():
                    votes = room = True
                    voted.update(self._where)
                    clusters.update(c.id for c in self.board.session.clusters)
                case ClusterPut():
                    clusters.add(change.cluster.id)
                case ClusterRemoved():
                    pass  # its cards come as CardPut without the cluster, and are drawn so
                case ClusterSuggested():
                    self.heard_suggestion(change)
                case Waiting():
                    self.waiting = change
                    touched.update(self._column_of)
                    room = True
                case (
                    StatePut()
                    | AgreementPut()
                    | ReviewPut()
                    | EvaluationPut()
                    | PrinciplePut()
                    | RecordedPut()
                    | OriginPut()
                ):
                    room = True  # the room bar and the panels show these
                case _:
                    assert_never(change)
        if people:  # names or organisations: every card once, however many joined
            for column in self.columns:
                column.cards.relabel()
            self.update_people()
        if votes:
            self._count_votes()
            for card_id in voted:
                self._relabel(card_id)
        for cluster_id in clusters:
            self.redraw_cluster(cluster_id)
        if touched:
            self._count_proposals()
        for theme in touched:
            self._column_of[theme].update_header(self.waiting.by_theme.get(theme, 0))
        if room:
            self.refresh_room()
        elif touched:
            self._refresh_bar()  # open problems or dots may have changed; usually nothing
        if self._follow is not None and self._follow in self._where:
            self._go_to(self._follow)
            self._follow = None
        self._update_status()

    def _count_proposals(self) -> None:
        counts: dict[str, int] = {}
        for card in self.board.session.cards:
            if card.answers:
                counts[card.answers] = counts.get(card.answers, 0) + 1
        changed = [cid for cid in set(counts) | set(self._proposals)
                   if counts.get(cid) != self._proposals.get(cid)]  # fmt: skip
        self._proposals = counts
        for card_id in changed:
            self._relabel(card_id)

    def _count_votes(self) -> None:
        session = self.board.session
        self._tally = session.tally()
        me = self.board.actor.id
        self._my_dots = {v.card: v.dots for v in session.votes if v.voter == me}

    def _relabel(self, card_id: str) -> None:
        theme = self._where.get(card_id)
        card = self.board.session.card(card_id)
        if theme is not None and card is not None:
            self._column_of[theme].cards.put(card)

    def sort_by_votes(self) -> None:
        """Sort every column by dots (most first), or back to the board's order."""
        sorting = not self._sorted
        self._sorted = sorting
        tally = self._tally
        session = self.board.session
        first = {c.id: session.members(c.id)[:1] for c in session.clusters}

        def by_dots(card: Card) -> tuple[int | str, ...]:
            if not card.cluster or not first.get(card.cluster):
                return (-tally.get(card.id, 0), card.position, card.id, 0, "")
            lead = first[card.cluster][0]
            # A cluster stays together, ranked by its dots, its cards in their own order.
            return (-self.unit_dots(card.cluster), lead.position, lead.id, card.position, card.id)

        for column in self.columns:
            column.cards.sort_by(by_dots if sorting else None)

    def _go_to(self, card_id: str) -> None:
        index = next(i for i, c in enumerate(self.columns) if c.theme.id == self._where[card_id])
        if index != self.active:
            self.focus_column(index)
        cards = self.column.cards
        cards.set_cursor(cards.index_of(card_id))

    def reload(self) -> None:
        """Show a whole new board (after a resync with the relay)."""
        session = self.board.session
        self._people = {p.id: p for p in session.participants}
        by_theme: dict[str, list[Card]] = {column.theme.id: [] for column in self.columns}
        for card in session.cards:
            by_theme.setdefault(card.theme, []).append(card)
        for column in self.columns:
            column.cards.reset(by_theme[column.theme.id])
            column.update_header()
        self._where = {card.id: card.theme for card in session.cards}
        self._update_status()

    # --- saving ---------------------------------------------------------------------------

    def _schedule_autosave(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_SECONDS, self.save_now)

    def save_now(self) -> bool:
        """Save if there are changes; show the outcome. False if saving failed."""
        try:
            wrote = self.board.save()
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(t("board.save_error", reason=reason), severity="error", timeout=10)
            return False
        if wrote:
            self._saved_note = t("board.saved_at", time=datetime.now().strftime("%H:%M:%S"))
        self._update_status()
        return True

    def _update_status(self) -> None:
        found = self.query("#status")
        if not found:  # the board is closing: a late autosave has no status line to show
            return
        status = found.only_one(Static)
        counted = t_count("count.cards", len(self.board.session.cards))
        if self.board.live:
            status.set_class(not self.connected, "offline")
            if self.ended:
                self._show_status(status, "■ " + self.ended)
                return
            if not self.connected:
                self._show_status(status, "⚠ " + t("board.offline"))
                return
            # People at the table, never connections nor seats that left it.
            online = sum(1 for pid in set(self.online) if self._at_table(pid))
            text = t("board.online_status", url=self.board.label, cards=counted, online=online)
        else:
            saved = self._saved_note or t("board.saved")
            state = t("board.unsaved") if self.board.dirty else saved
            text = t("board.status", file=self.board.label, cards=counted, state=state)
        if self.marked:
            text = t("cluster.marked", count=len(self.marked)) + " · " + text
        if self.lobby:  # only facilitators hear who waits
            number = len(self.lobby)
            waiting = t("lobby.count.one" if number == 1 else "lobby.count", count=number)
            text = f"⏳ {waiting} · {text}"
        self._show_status(status, text)

    def _at_table(self, participant: str) -> bool:
        person = self._people.get(participant)
        return person is not None and person.role is not Role.OBSERVER

    def _show_status(self, status: Static, text: str) -> None:
        # Drawn again only when it changed: the status line is as wide as the screen, and
        # a frame that redraws it takes in every column above it as well.
        if text != self._status_shown:
            self._status_shown = text
            status.update(Content(text), layout=False)

    # --- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether a key works now: what this board offers its person (`offers`), and what
        the moment asks besides (the editor closed, the people panel open, a spotlight on)."""
        if self.editor.is_open and action != "command_palette":
            return False  # while typing a card, keys belong to the editor
        if not self.offers(action):
            return False
        if action in SEAT_ACTIONS:
            return self.seat_allowed()
        if action in LOBBY_ACTIONS:
            return self.lobby_allowed()
        if action == "spotlight_off":  # Escape: let go of the marks, else end the spotlight
            spotlight = self.board.session.spotlight and self.board.actor.role in EDITORS
            return bool(self.marked or spotlight)
        if action == "spotlight_jump":
            return bool(self.board.session.spotlight)  # the projector follows it of itself
        return True

    def offers(self, action: str) -> bool:
        """Whether this board offers `action` to its person at all, now or in a later phase
        (help lists these). For every key that makes an op the rules decide (`allowed`; a
        refusal for good hides it, a "not yet" is said when it is pressed); the rest is
        what this board is: live or not, its session's instruments, its ways in."""
        role = self.board.actor.role
        kind = ACTION_OPS.get(action)
        if kind is not None:
            refusal = self.refusal(kind)
            if refusal is not None and refusal.key in FOR_GOOD:
                return False
        if action in INSTRUMENT_ACTIONS:
            return self.instrument_allowed(action)
        if action in NOTULIST_ACTIONS:
            return self.notulist_allowed(action)
        if action in LOBBY_ACTIONS:
            return role in EDITORS and self.board.live  # a lobby is the relay's
        if action in SEAT_ACTIONS or action in FACILITATOR_ACTIONS:
            return role in EDITORS  # they show the facilitators something (no op of their own)
        if action == "save":
            return not self.board.live  # on a live board the relay saves
        if action in ("spotlight_jump", "spotlight_off"):
            return role is not Role.OBSERVER
        if action == "entrances":
            return self.board.ways_in is not None
        return True

    def refusal(self, kind: type[Op], card_id: str | None = None) -> Refused | None:
        """The rules' answer to whether this board's person may do `kind` now (`allowed`)."""
        board = self.board
        session = board.seated() if isinstance(board, LocalBoard) else board.session
        return allowed(session, board.actor, kind, card_id)

    def refused(self, kind: type[Op], card_id: str | None = None) -> bool:
        """Say why the rules do not allow `kind` now, if they do not, before anything opens."""
        refusal = self.refusal(kind, card_id)
        if refusal is None:
            return False
        self.notify(t(refusal.key, **refusal.values), severity="warning")
        return True

    def empty_hint(self) -> str:
        """What an empty column says: how to add a card, only to someone who may now; when
        that will be possible, in a phase without adding; else only that there is none."""
        refusal = self.refusal(AddCard)
        if refusal is None:
            return t("board.empty", press=written("new"))
        if refusal.key == "refused.phase.add_card":
            return t("board.empty_later", **refusal.values)
        return t("board.empty_none")

    def show_empty_hints(self) -> None:
        """Give every column the empty-column hint for this person and phase."""
        hint = self.empty_hint()
        for column in self.columns:
            column.cards.set_empty(hint)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._key_at = time.monotonic()
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            # Every paste, into any field: cleaned, and cut with a word if it does not fit.
            event.text, cut = pasting.prepare(event.text, self.focused)
            if cut is not None:
                self.notify(t("board.paste_cut", max=cut), severity="warning")
        await super().on_event(event)

    def open_editor(self, title: str, text: str, done: Callable[[str | None], None]) -> None:
        """Open the card editor over the bottom of the board (above the status line)."""

        def finished(result: str | None) -> None:
            self.update_key_bar()
            done(result)
            self.editor_closed()  # what others changed meanwhile is drawn now

        self.editor.open(title, text, finished, bottom=self.size.height - 2)
        self.update_key_bar()

    def action_focus_column(self, step: int) -> None:
        """Move the keyboard to the neighbouring column."""
        self.focus_column((self.active + step) % len(self.columns))

    def focus_column(self, index: int) -> None:
        """Make column `index` the active one."""
        self.active = index
        self._layout()
        self.column.cards.scroll_to_cursor()

    def action_cursor(self, step: int) -> None:
        """Move the cursor to the previous or next card."""
        cards = self.column.cards
        cards.set_cursor(cards.cursor + step)

    def action_new_card(self) -> None:
        """Open the editor for a new card in the active column (if the rules allow it now)."""
        theme = self.column.theme
        if self.refused(AddCard):
            return

        def done(text: str | None) -> None:
            if text is not None and text.strip():
                op = AddCard(card_id=new_id(), theme=theme.id, text=text)
                self.submit(op, follow=op.card_id)

        self.open_editor(t("board.new_card", theme=theme.title), "", done)

    def action_edit_card(self) -> None:
        """Open the editor on the focused card."""
        card = self.current_card()
        if card is None:
            self.notify(t("board.no_card_here"))
            return
        if self.refused(EditCard, card.id):
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.submit(EditCard(card_id=card.id, text=text))

        self.open_editor(t("board.edit_card"), card.text, done)

    def action_delete_card(self) -> None:
        """Ask, then delete the focused card."""
        card = self.current_card()
        if card is None:
            self.notify(t("board.no_card_here"))
            return

        def done(yes: bool | None) -> None:
            if yes and self.submit(DeleteCard(card_id=card.id)):
                self.notify(t("board.deleted"))

        self.push_screen(ConfirmDelete(card.text), done)

    def action_move_card(self, step: int) -> None:
        """Move the focused card to the neighbouring column (at its end); focus follows."""
        card = self.current_card()
        target = self.active + step
        if card is None or not 0 <= target < len(self.columns):
            return
        theme = self.columns[target].theme.id
        self.submit(MoveCard(card_id=card.id, theme=theme), follow=card.id)

    def action_reorder(self, step: int) -> None:
        """Move the focused card one place up or down in its column."""
        cards = self.column.cards
        card = cards.current()
        index = cards.cursor
        if card is None:
            return
        listing = cards.cards
        if step < 0:
            if index == 0:
                return
            before: str | None = listing[index - 1].id
        else:
            if index >= len(listing) - 1:
                return
            before = listing[index + 2].id if index + 2 < len(listing) else None
        self.submit(MoveCard(card_id=card.id, theme=card.theme, before=before), follow=card.id)

    def action_save(self) -> None:
        """Save now."""
        if self.board.dirty:
            self.save_now()
        else:
            self._update_status()
            self.notify(t("board.saved"))

    def action_help(self) -> None:
        """Show every key."""

        def offered(key: Key) -> bool:  # as the rules say for this person, also later on
            return self.offers(key.action.split("(")[0])

        self.push_screen(HelpScreen(self.board.session, offered))

    def action_entrances(self) -> None:
        """Every way to join, large, with the browser's address as a QR code."""
        if self.board.ways_in is not None:
            from .entrances import EntrancesScreen

            self.push_screen(EntrancesScreen(self.board.ways_in))

    def action_quit_board(self) -> None:
        """Save, then quit; stay if saving failed so nothing is lost. Quitting would lose the
        answers of an open evaluation (they are never written down while it is open): the
        first q says so, a second q within a while quits anyway."""
        lost = self._evaluation_lost_on_quit()
        now = time.monotonic()
        if lost and now - self._quit_warned > QUIT_AGAIN_SECONDS:
            self._quit_warned = now
            self.notify(t_count("board.quit_evaluation_open", lost), severity="warning", timeout=10)
            return
        if self.save_now():
            if self._autosave is not None:
                self._autosave.stop()
            self.exit()

    async def action_quit(self) -> None:
        self.action_quit_board()

    def _evaluation_lost_on_quit(self) -> int:
        """How many evaluation answers quitting this board would lose: those of an open
        evaluation, on the board that ends the session (offline, or the host's)."""
        board, evaluation = self.board, self.board.session.evaluation
        if evaluation is None or not evaluation.open or board.actor.role not in EDITORS:
            return 0
        ends_session = not board.live or bool(getattr(board, "join_line", ""))
        return evaluation.count if ends_session else 0

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=t("board.palette_placeholder"), id="--command-palette")
            )

    @on(CardList.Clicked)
    def _clicked(self, message: CardList.Clicked) -> None:
        index = next(i for i, c in enumerate(self.columns) if c.theme.id == message.theme)
        if index != self.active:
            self.focus_column(index)
        self.column.cards.set_cursor(message.index)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for key in KEYS:
            if not key.palette or self.check_action(key.action.split("(")[0], ()) is False:
                continue
            yield SystemCommand(t(key.long), t(key.short), self._runner(key.action))
        for index, column in enumerate(self.columns):
            yield SystemCommand(
                t("key.goto_theme", theme=column.theme.title),
                column.theme.question,
                partial(self.focus_column, index),
            )
        yield from self.room_commands()
        yield from self.agreement_commands()
        yield from self.cluster_commands()
        yield from self.instrument_commands()

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.run_action(action)

        return run
