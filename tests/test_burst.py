"""A watching board draws a burst of others' changes together, and loses none of them."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

import pytest
from boardkit import session_file, until
from relaykit import CODE, FACILITATOR_CODE, LiveRelay, eventually, start_relay
from textual.widgets import TextArea

from tui_board.core import i18n
from tui_board.core.model import Role
from tui_board.core.ops import Actor, AddCard, Change, Join, Op, SetPhase, SetPrivate, Spotlight
from tui_board.core.rules import Applied, apply
from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.tui.actions import live as live_handlers
from tui_board.tui.app import BoardApp
from tui_board.tui.livelink import PostingListener
from tui_board.tui.widgets.cardlist import CardList
from tui_board.tui.widgets.column import ColumnView

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
THEMES = ("rollen", "leren", "vertrouwen", "doelen")


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


class _Quiet:
    """A listener for clients that only write."""

    def on_session(self, *args: object) -> None: ...
    def on_changes(self, *args: object) -> None: ...
    def on_refused(self, *args: object) -> None: ...
    def on_presence(self, *args: object) -> None: ...
    def on_connection(self, *args: object) -> None: ...


async def joined(url: str, name: str) -> RelayClient:
    client = RelayClient(url, CODE, name=name, organisation="Gemeente")
    await client.probe()
    return client


def counting(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> list[object]:
    """Record every call of `cls.name` (the instance it was called on) and still run it."""
    calls: list[object] = []
    original: Callable[..., object] = getattr(cls, name)

    def counted(self: object, *args: object, **kwargs: object) -> object:
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def shown(app: BoardApp) -> dict[str, list[str]]:
    """The card ids each column shows, top to bottom."""
    return {column.theme.id: [c.id for c in column.cards.cards] for column in app.columns}


def relay_order(client: RelayClient) -> dict[str, list[str]]:
    """The card ids of each theme in the relay's board order."""
    assert client.session is not None
    return {theme: [c.id for c in client.session.cards_in(theme)] for theme in THEMES}


async def test_a_burst_of_200_cards_from_others_all_appear_in_order(tmp_path: Path) -> None:
    relay = await start_relay(session_file(tmp_path))
    watcher = await joined(relay.url, "Anna")
    writers = [await joined(relay.url, f"Schrijver {n}") for n in range(5)]
    tasks = [asyncio.create_task(w.run(_Quiet())) for w in writers]
    app = BoardApp(LiveBoard(watcher))
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.connected and all(w.connected for w in writers))
            draws = app.live.incoming.draws
            for number in range(200):  # 40 each, at once: within the relay's burst
                writer = writers[number % 5]
                theme = THEMES[number % 4]
                writer.submit(
                    AddCard(card_id=f"b{number:03d}", theme=theme, text=f"Kaart {number}")
                )
            await until(pilot, lambda: sum(len(c) for c in shown(app).values()) == 200)
            room = relay.room.session
            assert shown(app) == {t: [c.id for c in room.cards_in(t)] for t in THEMES}
            for w in range(5):  # each writer's cards in the order that writer sent them
                sent = [f"b{n:03d}" for n in range(200) if n % 5 == w]
                for theme, ids in shown(app).items():
                    assert [i for i in ids if i in sent] == [
                        i for i in sent if THEMES[int(i[1:]) % 4] == theme
                    ]
            assert app.live.incoming.draws - draws < 200
            assert "200 kaarten" in str(app.query_one("#status").render())
            column = app.columns[0]
            assert f"{len(column.cards.cards)} kaarten" in str(column._header.render())
    finally:
        for writer, task in zip(writers, tasks, strict=True):
            await writer.close()
            task.cancel()
        await watcher.close()
        await relay.stop()


def burst(client: RelayClient, ops: Sequence[tuple[Actor, Op]]) -> list[Sequence[Change]]:
    """The events the relay would send for `ops`, one per op, applied to the client's board
    as the client does before it tells the board."""
    assert client.session is not None
    session = client.session
    events: list[Sequence[Change]] = []
    for actor, op in ops:
        outcome = apply(session, op, actor, NOW)
        assert isinstance(outcome, Applied), outcome
        session = outcome.session
        events.append(outcome.changes)
    client.session = session
    return events


async def test_a_burst_is_drawn_in_fewer_redraws_than_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 cards and 30 joins posted at once, as the client's listener posts them: the board
    lays out, relabels and redraws each column far fewer times than there are changes."""
    relay = await start_relay(session_file(tmp_path))
    watcher = await joined(relay.url, "Anna")
    app = BoardApp(LiveBoard(watcher))
    receives = counting(monkeypatch, BoardApp, "receive")
    headers = counting(monkeypatch, ColumnView, "update_header")
    relabels = counting(monkeypatch, CardList, "relabel")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.connected)
            await pilot.pause()
            receives.clear()
            headers.clear()
            relabels.clear()
            people = [Actor(f"p{n}", Role.PARTICIPANT) for n in range(30)]
            ops: list[tuple[Actor, Op]] = [(p, Join(name=p.id.upper())) for p in people]
            ops += [
                (people[n % 30], AddCard(card_id=f"b{n:03d}", theme=THEMES[n % 4], text=f"K{n}"))
                for n in range(200)
            ]
            listener = PostingListener(app)
            for changes in burst(watcher, ops):  # posted without a pause, like a full socket
                listener.on_changes(changes)
            await until(pilot, lambda: sum(len(c) for c in shown(app).values()) == 200)
            await until(pilot, lambda: not app.live.incoming.changes)
            assert shown(app) == relay_order(watcher)
            texts = [c.text for c in app.columns[0].cards.cards]
            assert texts == [f"K{n}" for n in range(200) if n % 4 == 0]
            print(f"{len(receives)} redraws for 230 changes, {len(relabels)} relabels")
            assert 1 <= len(receives) < 10, f"{len(receives)} redraws for 230 changes"
            assert len(relabels) <= len(receives) * len(app.columns), "joins relabel once"
            assert len(headers) <= len(receives) * len(app.columns), "a header once a redraw"
            card = app.columns[0].cards.cards[0]
            assert "P0" in app.labels.label(card), "the newcomers' names are on their cards"
    finally:
        await watcher.close()
        await relay.stop()


async def test_the_own_card_shows_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a frame of a minute, the own card still shows at once, with whatever of others
    came before it, in the relay's order."""
    monkeypatch.setattr(live_handlers, "FRAME_SECONDS", 60.0)
    relay = await start_relay(session_file(tmp_path))
    anna = await joined(relay.url, "Anna")
    bob = await joined(relay.url, "Bob")
    bob_task = asyncio.create_task(bob.run(_Quiet()))
    app = BoardApp(LiveBoard(anna))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.connected and bob.connected)
            bob.submit(AddCard(card_id="kbob", theme="rollen", text="Van Bob"))
            await until(
                pilot, lambda: anna.session is not None and anna.session.card("kbob") is not None
            )
            await pilot.press("n", *"Van Anna", "enter")
            await until(pilot, lambda: len(shown(app)["rollen"]) == 2, timeout=10)
            assert [c.text for c in app.columns[0].cards.cards] == ["Van Bob", "Van Anna"]
            card = app.current_card()
            assert card is not None and card.text == "Van Anna", "the cursor follows it"
            assert app.live.incoming.changes == []
    finally:
        await bob.close()
        bob_task.cancel()
        await anna.close()
        await relay.stop()


async def test_while_writing_others_cards_wait_and_come_with_the_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the card editor is open, others' changes wait (here: for a pause in the typing
    of a minute), so the keys get the machine; the own card brings them along, in the
    relay's order."""
    monkeypatch.setattr(live_handlers, "PAUSE_SECONDS", 60.0)
    relay = await start_relay(session_file(tmp_path))
    anna = await joined(relay.url, "Anna")
    bob = await joined(relay.url, "Bob")
    bob_task = asyncio.create_task(bob.run(_Quiet()))
    app = BoardApp(LiveBoard(anna))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            # Both online: the relay's presence (which draws what waits) has come.
            await until(pilot, lambda: app.connected and len(app.online) == 2)
            await pilot.press("n", *"Van Anna")
            await until(pilot, lambda: app.editor.is_open)
            bob.submit(AddCard(card_id="kbob", theme="rollen", text="Van Bob"))
            await until(pilot, lambda: bool(app.live.incoming.changes))
            await pilot.pause(0.3)  # several frames: it still waits
            assert shown(app)["rollen"] == [], "others' card waits while Anna writes"
            await pilot.press("enter")
            await until(pilot, lambda: len(shown(app)["rollen"]) == 2, timeout=10)
            assert [c.text for c in app.columns[0].cards.cards] == ["Van Bob", "Van Anna"]
    finally:
        await bob.close()
        bob_task.cancel()
        await anna.close()
        await relay.stop()


async def typing_room(
    tmp_path: Path,
) -> tuple[LiveRelay, RelayClient, RelayClient, asyncio.Task[None], BoardApp]:
    """A relay with one card of the facilitator (k1); Anna's board and Bob as a client."""
    relay = await start_relay(session_file(tmp_path, {"rollen": ["Van Marieke"]}))
    anna = await joined(relay.url, "Anna")
    bob = await joined(relay.url, "Bob")
    bob_task = asyncio.create_task(bob.run(_Quiet()))
    return relay, anna, bob, bob_task, BoardApp(LiveBoard(anna))


@contextlib.asynccontextmanager
async def led_room(tmp_path: Path) -> AsyncIterator[tuple[RelayClient, RelayClient, BoardApp]]:
    """`typing_room` with the facilitator (Marieke) as a client too: Bob, Marieke, the board."""
    relay, anna, bob, bob_task, app = await typing_room(tmp_path)
    lead = RelayClient(relay.url, FACILITATOR_CODE, name="Marieke")
    await lead.probe()
    lead_task = asyncio.create_task(lead.run(_Quiet()))
    try:
        yield bob, lead, app
    finally:
        await lead.close()
        lead_task.cancel()
        await bob.close()
        bob_task.cancel()
        await anna.close()
        await relay.stop()


async def test_while_typing_twenty_cards_of_others_wait_until_the_editor_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anna types (and does not pause); Bob adds 20 cards. No column of her board is drawn
    again until she closes the editor; then all 20 show at once, in the relay's order."""
    monkeypatch.setattr(live_handlers, "PAUSE_SECONDS", 60.0)
    relay, anna, bob, bob_task, app = await typing_room(tmp_path)
    receives = counting(monkeypatch, BoardApp, "receive")
    columns = counting(monkeypatch, CardList, "put")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.connected and len(app.online) == 2)
            await pilot.press("n", *"Half af")
            await until(pilot, lambda: app.editor.is_open)
            receives.clear()
            columns.clear()
            for number in range(20):
                theme = THEMES[number % 2]
                bob.submit(AddCard(card_id=f"b{number:02d}", theme=theme, text=f"Bob {number}"))
            await until(pilot, lambda: len(app.live.incoming.changes) == 20)
            await pilot.pause(0.3)  # several frames: they still wait
            assert receives == [] and columns == [], "nothing drawn while Anna types"
            assert shown(app)["rollen"] == ["k1"] and shown(app)["leren"] == []
            assert "1 kaart" in str(app.query_one("#status").render())
            await pilot.press("escape")
            await until(pilot, lambda: len(shown(app)["leren"]) == 10)
            assert not app.editor.is_open
            assert shown(app) == relay_order(anna)
            assert len(shown(app)["rollen"]) == 11
            assert len(receives) == 1, "the 20 cards drawn together"
            assert "21 kaarten" in str(app.query_one("#status").render())
    finally:
        await bob.close()
        bob_task.cancel()
        await anna.close()
        await relay.stop()


async def test_a_pause_in_the_typing_draws_what_waited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When Anna stops typing (here: a pause of a tenth of a second counts), Bob's cards
    show behind the open editor, and what she typed stays."""
    monkeypatch.setattr(live_handlers, "PAUSE_SECONDS", 0.1)
    relay, anna, bob, bob_task, app = await typing_room(tmp_path)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.connected and len(app.online) == 2)
            await pilot.press("n", *"Half af")
            await until(pilot, lambda: app.editor.is_open)
            for number in range(5):
                bob.submit(AddCard(card_id=f"b{number}", theme="leren", text=f"Bob {number}"))
            await until(pilot, lambda: len(shown(app)["leren"]) == 5)
            assert app.editor.is_open
            assert app.query_one("#card-text", TextArea).text == "Half af"
    finally:
        await bob.close()
        bob_task.cancel()
        await anna.close()
        await relay.stop()


async def test_a_spotlight_while_typing_shows_at_once_with_what_waited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Others' cards wait while Anna types; the facilitator's spotlight does not, and brings
    the cards that came before it."""
    monkeypatch.setattr(live_handlers, "PAUSE_SECONDS", 60.0)
    async with led_room(tmp_path) as (bob, lead, app):
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.connected and len(app.online) == 3)
            await pilot.press("n", *"Half af")
            await until(pilot, lambda: app.editor.is_open)
            bob.submit(AddCard(card_id="bob", theme="leren", text="Van Bob"))
            await until(pilot, lambda: len(app.live.incoming.changes) == 1)
            lead.submit(Spotlight(card_id="k1"))
            await eventually(lambda: not lead.outbox, message="the relay answers")
            await until(pilot, lambda: "Van Marieke" in str(app.spotlight_panel.render()))
            assert app.spotlight_panel.display and app.editor.is_open
            assert shown(app)["leren"] == ["bob"], "what came before the spotlight with it"
            assert app.query_one("#card-text", TextArea).text == "Half af"


async def test_while_writing_privately_the_counts_of_others_wait_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In private writing another's card reaches Anna as new counts of hidden cards: they
    wait while she types, and come when the editor closes."""
    monkeypatch.setattr(live_handlers, "PAUSE_SECONDS", 60.0)
    receives = counting(monkeypatch, BoardApp, "receive")
    async with led_room(tmp_path) as (bob, lead, app):
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.connected and len(app.online) == 3)
            lead.submit(SetPrivate(on=True))
            await until(pilot, lambda: app.board.session.private and not app.live.incoming.changes)
            await pilot.press("n", *"Half af")
            await until(pilot, lambda: app.editor.is_open)
            receives.clear()
            for number in range(3):
                bob.submit(AddCard(card_id=f"b{number}", theme="leren", text=f"Bob {number}"))
            await until(pilot, lambda: len(app.live.incoming.changes) == 3)
            await pilot.pause(0.3)  # several frames: they still wait
            assert receives == [] and app.waiting.by_theme.get("leren", 0) == 0
            await pilot.press("escape")
            await until(pilot, lambda: app.waiting.by_theme.get("leren", 0) == 3)
            assert len(receives) == 1 and shown(app)["leren"] == [], "hidden: only counted"


async def test_while_cards_keep_coming_a_change_of_the_room_does_not_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watching board draws others' cards at most every BURST_SECONDS while they keep
    coming; a phase (a reveal, a round) comes within a frame, with the cards before it."""
    monkeypatch.setattr(live_handlers, "BURST_SECONDS", 60.0)
    async with led_room(tmp_path) as (bob, lead, app):
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.connected and len(app.online) == 3)
            app.live.incoming.drawn_at = time.monotonic()  # others' cards were just drawn
            bob.submit(AddCard(card_id="b1", theme="leren", text="Van Bob"))
            await until(pilot, lambda: len(app.live.incoming.changes) == 1)
            await pilot.pause(0.2)  # several frames
            assert shown(app)["leren"] == [], "a card waits for the burst's next draw"
            lead.submit(SetPhase(phase="delen"))
            # Drawn within a frame (the burst's next draw is a minute away), with the card
            # that came before it.
            await until(pilot, lambda: "Delen" in str(app.room_bar.render()))
            assert shown(app)["leren"] == ["b1"]
