"""The board: renders a session, turns keys into Ops, never changes the session itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from inspect import isawaitable
from typing import TYPE_CHECKING, assert_never

from textual import events, on
from textual.actions import ActionParseResult
from textual.actions import parse as parse_action
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingsMap
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from tui_board.core.i18n import t
from tui_board.core.model import Card
from tui_board.core.ops import (
    AgreementPut,
    CardPut,
    CardRemoved,
    Change,
    ClusterPut,
    ClusterRemoved,
    ClusterSuggested,
    EvaluationPut,
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
)
from tui_board.core.rules import Refused
from tui_board.live.localboard import LocalBoard
from tui_board.tui import themes as look
from tui_board.tui.actions.agreements import AgreementActions
from tui_board.tui.actions.cards import CardActions
from tui_board.tui.actions.clusters import ClusterActions
from tui_board.tui.actions.instruments import InstrumentActions
from tui_board.tui.actions.live import LiveActions
from tui_board.tui.actions.notulist import NotulistActions
from tui_board.tui.actions.room import RoomActions
from tui_board.tui.actions.saving import SaveActions
from tui_board.tui.actions.seats import SeatActions
from tui_board.tui.actions.terugblik import TerugblikActions
from tui_board.tui.idle import IdleCollector
from tui_board.tui.keys import bindings, handlers, keymap, keymap_refused
from tui_board.tui.labels import CardLabels
from tui_board.tui.layout import BoardLayout
from tui_board.tui.livelink import RelayNews
from tui_board.tui.offering import Offering
from tui_board.tui.roomview import RoomView
from tui_board.tui.screens.agreements import AgreementsPanel
from tui_board.tui.screens.board import BoardScreen
from tui_board.tui.screens.instruments import EvaluationPanel, PrinciplesPanel, PrinciplesScreen
from tui_board.tui.screens.terugblik import TerugblikPanel, TerugblikScreen
from tui_board.tui.widgets import leanstrips, pasting
from tui_board.tui.widgets.column import ColumnView
from tui_board.tui.widgets.editor import CardEditor
from tui_board.tui.widgets.people import PeoplePanel
from tui_board.tui.widgets.room import RoomBar, RulesPanel, SpotlightPanel
from tui_board.tui.widgets.voice import VoicePanel

if TYPE_CHECKING:
    from tui_board.live.liveboard import (
        LiveBoard,  # the live board (and websockets) load only when joining
    )
    from tui_board.live.protocol import Newcomer


class BoardApp(App[None]):
    """The board of one session, offline or live. Its keys are grouped by what they act on
    (`tui/actions/`); each group gets the board and asks it for the state and to `submit`."""

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
        self.connected = True
        self.ended = ""
        """Why a live board ended (the session stopped, the seat moved on); empty while on."""
        self.online: tuple[str, ...] = ()
        self.waiting = board.waiting()
        self.room_bar = RoomBar(id="roombar")
        self.spotlight_panel = SpotlightPanel(id="spotlight")
        self.rules_panel = RulesPanel()
        self.agreements_panel = AgreementsPanel()
        self.voice_panel = VoicePanel()
        self.terugblik_panel = TerugblikPanel()
        self.evaluation_panel = EvaluationPanel()
        self.principles_panel = PrinciplesPanel()
        self.editor = CardEditor()
        self.marked: set[str] = set()
        """Cards marked with space for a cluster (across columns)."""
        self.lobby: tuple[Newcomer, ...] = ()
        """Who waits in the lobby (facilitators' live boards of a room with one)."""
        self.offering = Offering(self)
        self.cards = CardActions(self)
        self.clusters = ClusterActions(self)
        self.agreements = AgreementActions(self)
        self.room = RoomActions(self)
        self.instruments = InstrumentActions(self)
        self.seats = SeatActions(self)
        self.notulist = NotulistActions(self)
        self.terugblik = TerugblikActions(self)
        self.saving = SaveActions(self)
        self.live = LiveActions(self)
        self.room_view = RoomView(self)
        self.labels = CardLabels(self)
        self.layout = BoardLayout(self)
        self.idle = IdleCollector()
        self._handlers = handlers(self.cards, self.clusters, self.agreements, self.room,
                                  self.instruments, self.seats, self.notulist, self.terugblik,
                                  self.saving, self.live, self.offering)  # fmt: skip
        by_theme, labels = self.cards.by_theme(board.session), self.labels
        self.columns = [
            ColumnView(th, by_theme[th.id], labels.label, labels.cluster_header, self.marked)
            for th in board.session.themes
        ]
        self._column_of = {column.theme.id: column for column in self.columns}
        self._where = {card.id: card.theme for card in board.session.cards}
        self.active = 0
        self.narrow = False

    def get_default_screen(self) -> Screen[None]:
        return BoardScreen(self, id="_default")

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
        self.room_view.start()
        self.layout.apply()
        self.saving.update_status()
        self.refresh_room()
        self.set_interval(1.0, self.room_view.tick)
        self.room_view.say_conflicts()
        if self.board.live:
            self.run_worker(self.live.worker(), name="relay", exclusive=True, group="relay")
        self.idle.start()

    def on_resize(self, event: events.Resize) -> None:
        # This handler runs before Textual's own (`App._on_resize`) records the new size:
        # lay out for the event's size, so a resize shows at once, not at the next key.
        self.layout.resized(event.size.width)

    def refresh_room(self) -> None:
        """Redraw the phase bar, the spotlight and the side panels from the session."""
        self.room_view.refresh()

    def reload(self) -> None:
        """Show a whole new board (after a resync with the relay)."""
        self.cards.reload()

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
            self.saving.schedule_autosave()
        return True

    def receive(self, changes: Sequence[Change]) -> None:
        """Show what changed, touching only the cards concerned.

        However many changes come in one call (a live board gathers what arrives within a
        frame, `LiveActions.flush`), each column, cluster, header and the status
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
                case ParticipantPut() | ParticipantRemoved():
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
                    self.clusters.heard_suggestion(change)
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
            self.live.update_people()
        if votes:
            self.labels.count_votes()
            for card_id in voted:
                self.labels.relabel(card_id)
        for cluster_id in clusters:
            self.clusters.redraw_cluster(cluster_id)
        if touched:
            self.labels.count_proposals()
        for theme in touched:
            self._column_of[theme].update_header(self.waiting.by_theme.get(theme, 0))
        if room:
            self.refresh_room()
        elif touched:
            self.room_view.refresh_bar()  # open problems or dots may have changed; usually nothing
        if self._follow is not None and self._follow in self._where:
            self.cards.go_to(self._follow)
            self._follow = None
        self.saving.update_status()

    def on_relay_news(self, message: RelayNews) -> None:
        self.live.heard(message.news)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.idle.key()
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            # Every paste, into any field: cleaned, and cut with a word if it does not fit.
            event.text, cut = pasting.prepare(event.text, self.focused)
            if cut is not None:
                self.notify(t("board.paste_cut", max=cut), severity="warning")
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.offering.works(action)

    def update_key_bar(self, width: int | None = None) -> None:
        self.offering.update_key_bar(width)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return self.offering.commands()

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """The board's keys run on the group of what they act on (`handlers`); the rest as
        Textual runs them (the screens' and widgets' own actions)."""
        target, name, params = parse_action(action) if isinstance(action, str) else action
        handler = self._handlers.get(name)
        ours = target == "app" or not target and default_namespace in (None, self)
        if handler is None or not ours:
            return await super().run_action(action, default_namespace, namespaces)
        if not self.check_action(name, params):
            return False
        done = handler(*params)
        if isawaitable(done):
            await done
        return True

    # What the dialogs say goes to the group that makes it an op.

    @on(TerugblikScreen.Verdict)
    def _verdict(self, message: TerugblikScreen.Verdict) -> None:
        self.terugblik.verdict(message)

    @on(TerugblikScreen.Ratified)
    def _ratified(self, message: TerugblikScreen.Ratified) -> None:
        self.terugblik.ratified(message)

    @on(PrinciplesScreen.Answered)
    def _answered(self, message: PrinciplesScreen.Answered) -> None:
        self.instruments.answered(message)
