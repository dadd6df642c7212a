"""Privacy by not sending: hidden text and anonymous authors never leave a real relay.

A real relay on 127.0.0.1 (port 0) over a real session file, real websockets connections,
and every raw frame each person receives written down from the first one on. The checks
read those frames: what others may not see yet must not be in them, in any form — not as
a card, not as an event's actor, not in a reject — while the counts of what is waiting
are. Reconnects (by events and by snapshot) and a relay restart are part of each story.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import uuid
from collections import Counter
from pathlib import Path

from privacykit import Person
from relaykit import CODE, FACILITATOR_CODE, LiveRelay, eventually, session_file, start_relay

from tui_board.core.model import Session
from tui_board.core.ops import (
    AddCard,
    CardPut,
    CardRemoved,
    DeleteCard,
    EditCard,
    MoveCard,
    Op,
    ParticipantPut,
    Reveal,
    SetPrivate,
    Spotlight,
    Waiting,
    new_id,
)
from tui_board.files.store import load_session
from tui_board.files.templates import find_template, new_session
from tui_board.live.journal import state_dir
from tui_board.live.protocol import Ack, Event, Reject, Welcome


def secret(kind: str = "GEHEIM") -> str:
    return f"{kind}-{uuid.uuid4()}"


def rivierenland_file(folder: Path, *, anonymous: bool = False) -> Path:
    """A session from the rivierenland template, in "verzamelen", saved in `folder`."""
    session = new_session(
        find_template("rivierenland"),
        title="Privé schrijven",
        date=dt.date(2026, 11, 26),
        place="Tiel",
        facilitator="Marieke",
        organisation="Procesbegeleiding",
    )
    meta = session.session.model_copy(update={"anonymous": anonymous})
    session = session.model_copy(update={"phase": "verzamelen", "session": meta})
    return session_file(folder, Session.model_validate(session.model_dump(by_alias=True)))


def last_waiting(person: Person) -> Waiting | None:
    """The waiting counts this person heard last (from a welcome or an event)."""
    found: Waiting | None = None
    for message in person.messages():
        if isinstance(message, Welcome):
            found = message.waiting
        elif isinstance(message, Event):
            for change in message.changes:
                if isinstance(change, Waiting):
                    found = change
    return found


async def hears_waiting(person: Person, by_theme: dict[str, int]) -> None:
    await eventually(
        lambda: (w := last_waiting(person)) is not None and w.by_theme == by_theme,
        message=f"{person.name} hears {by_theme} waiting (last: {last_waiting(person)})",
    )


async def acked(person: Person, op: Op) -> Ack:
    answer = await person.op(op)
    assert isinstance(answer, Ack), f"{person.name}: {answer!r}"
    return answer


def assert_nothing_hidden_reached(
    person: Person, writer: Person, texts: list[str], card_ids: set[str]
) -> None:
    """No frame to `person` holds a secret text, a hidden card or the writer's part in it."""
    assert not person.gaps, f"{person.name} got events out of order: {person.gaps}"
    for frame in person.frames:
        for text in texts:
            assert text not in frame, f"{person.name} received a hidden text: {frame[:300]}"
        for card_id in card_ids:
            assert card_id not in frame, f"{person.name} received hidden card {card_id}"
    for message in person.messages():
        events = message.events if isinstance(message, Welcome) else ()
        if isinstance(message, Welcome) and message.snapshot is not None:
            assert not card_ids & {c.id for c in message.snapshot.cards}
        if isinstance(message, Event):
            events = (message,)
        for event in events:
            for change in event.changes:
                if isinstance(change, CardPut):
                    assert change.card.id not in card_ids
                if isinstance(change, CardRemoved):
                    assert change.card_id not in card_ids
            if event.actor == writer.id:
                # The writer's own join is public; nothing else of theirs happened in public.
                assert all(isinstance(c, ParticipantPut) for c in event.changes), event


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_private_writing_never_leaves_the_relay_before_the_reveal(tmp_path: Path) -> None:
    live: LiveRelay = await start_relay(rivierenland_file(tmp_path))
    fac = Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")
    anna = Person("Anna", CODE, "Zorgaanbieder")
    bram = Person("Bram", CODE, "School")
    try:
        for person in (fac, anna, bram):
            await person.connect(live.url)
        assert fac.tap is not None and fac.tap.welcome.you.role.value == "facilitator"
        await acked(fac, SetPrivate(on=True))

        # Anna writes five hidden cards in three themes; Bram writes one of his own.
        texts: dict[str, str] = {}  # Anna's hidden cards as they are now
        themes: dict[str, str] = {}
        everything: list[str] = []  # every secret Anna ever wrote, old versions included
        for theme in ("rollen", "leren", "vertrouwen", "rollen", "leren"):
            card_id, text = new_id("k"), secret()
            await acked(anna, AddCard(card_id=card_id, theme=theme, text=text))
            texts[card_id], themes[card_id] = text, theme
            everything.append(text)
        bram_card, bram_text = new_id("k"), secret("VAN-BRAM")
        await acked(bram, AddCard(card_id=bram_card, theme="vertrouwen", text=bram_text))
        themes[bram_card] = "vertrouwen"
        ids = list(texts)
        texts[ids[0]] = secret()
        everything.append(texts[ids[0]])
        await acked(anna, EditCard(card_id=ids[0], text=texts[ids[0]]))
        await acked(anna, DeleteCard(card_id=ids[1]))
        del texts[ids[1]]
        await acked(anna, MoveCard(card_id=ids[2], theme="rollen", before=ids[0]))
        themes[ids[2]] = "rollen"

        def waiting_now() -> dict[str, int]:
            return dict(Counter(themes[c] for c in [*texts, bram_card]))

        assert waiting_now() == {"rollen": 3, "leren": 1, "vertrouwen": 1}
        await hears_waiting(bram, waiting_now())
        await hears_waiting(fac, waiting_now())
        heard = last_waiting(bram)
        assert heard is not None
        assert heard.by_organisation == {"Zorgaanbieder": 4, "School": 1}
        # Bram sees his own hidden card, Anna does not.
        assert any(
            isinstance(c, CardPut) and c.card.id == bram_card and c.card.text == bram_text
            for e in bram.events()
            for c in e.changes
        )

        # What others try with a hidden card tells them nothing about it.
        refusal = await fac.op(Spotlight(card_id=ids[0]))
        assert isinstance(refusal, Reject) and refusal.key == "refused.no_card"
        refusal = await bram.op(EditCard(card_id=ids[0], text="Overschreven"))
        assert isinstance(refusal, Reject) and refusal.key == "refused.not_your_card"

        # Bram drops; Anna writes on; Bram comes back with `since` (events), then afresh.
        await bram.close()
        card_id, text = new_id("k"), secret()
        await acked(anna, AddCard(card_id=card_id, theme="doelen", text=text))
        texts[card_id], themes[card_id] = text, "doelen"
        everything.append(text)
        texts[ids[3]] = secret()
        everything.append(texts[ids[3]])
        await acked(anna, EditCard(card_id=ids[3], text=texts[ids[3]]))
        missed, bram_id = bram.seq, bram.id
        welcome = await bram.connect(live.url, since=missed)
        assert welcome.you.id == bram_id, "the token gives Bram his own seat back"
        # A resync by events: none of the two had anything Bram may see (the counts come
        # with the welcome), so none is sent; the welcome's seq says how far the room is.
        assert welcome.snapshot is None and welcome.events == (), "a resync by events"
        assert welcome.seq == missed + 2
        assert welcome.waiting.by_theme == waiting_now()
        await bram.close()
        welcome = await bram.connect(live.url)
        assert welcome.snapshot is not None
        hidden_seen = [c.id for c in welcome.snapshot.cards if c.hidden]
        assert hidden_seen == [bram_card], "a snapshot holds one's own hidden cards only"
        assert welcome.waiting.by_theme == waiting_now()

        # The relay stops and starts again on the same file; everyone comes back.
        await live.stop()
        for person in (fac, anna, bram):
            await person.close()
        saved = load_session(live.path)
        # The file is the facilitator's: hidden cards stay in it, marked hidden.
        assert {c.id for c in saved.cards if c.hidden} == {*texts, bram_card}
        folder = state_dir(live.path)
        assert mode(folder) == 0o700 and mode(folder / "journal.jsonl") == 0o600
        await live.start_again()
        await fac.connect(live.url, since=fac.seq)
        await bram.connect(live.url, since=bram.seq)
        welcome = await anna.connect(live.url)
        assert welcome.snapshot is not None
        own = {c.id: c.text for c in welcome.snapshot.cards if c.hidden}
        assert own == texts, "Anna still sees her own hidden cards after the restart"

        # Anna still edits and deletes her own hidden cards.
        texts[ids[0]] = secret()
        everything.append(texts[ids[0]])
        await acked(anna, EditCard(card_id=ids[0], text=texts[ids[0]]))
        await acked(anna, DeleteCard(card_id=ids[4]))
        del texts[ids[4]]
        await hears_waiting(bram, waiting_now())
        await hears_waiting(fac, waiting_now())

        # The relay does send the texts, to their author: the checks below can fail.
        for text in texts.values():
            assert any(text in frame for frame in anna.frames)
        anna_ids = {*ids, card_id}
        for person in (bram, fac):
            assert_nothing_hidden_reached(person, anna, everything, anna_ids)
        assert all(bram_text not in frame for frame in anna.frames)
        assert all(bram_text not in frame for frame in fac.frames)

        # The reveal: Bram gets every remaining card with its text, at once.
        before = len(bram.frames)
        reveal = await acked(fac, Reveal())
        assert bram.tap is not None
        shown = await bram.tap.wait_for(
            lambda m: isinstance(m, Event) and m.seq == reveal.seq, "the reveal"
        )
        assert isinstance(shown, Event)
        cards = {c.card.id: c.card for c in shown.changes if isinstance(c, CardPut)}
        assert {i: c.text for i, c in cards.items()} == {**texts, bram_card: bram_text}
        assert not any(c.hidden for c in cards.values())
        assert all(cards[i].author == anna.id for i in texts)
        assert Waiting(by_theme={}, by_organisation={}) in shown.changes
        # What Anna deleted or wrote over was never sent to Bram, not even now.
        gone = [t for t in everything if t not in texts.values()]
        assert len(gone) == 5  # ids[0] twice over, ids[3] once, ids[1] and ids[4] deleted
        for frame in bram.frames + fac.frames:
            assert not any(t in frame for t in gone)
        assert len(bram.frames) > before
    finally:
        for person in (fac, anna, bram):
            await person.close()
        await live.stop()


AUTHOR_LINE = re.compile(r"^author\s*=", re.MULTILINE)


def assert_no_author_reached(person: Person, writer: Person) -> None:
    """In an anonymous session, no frame to `person` says which cards `writer` wrote."""
    assert not person.gaps, person.gaps
    for frame in person.frames:
        assert f'"author":"{writer.id}"' not in frame, f"{person.name}: {frame[:300]}"
    for message in person.messages():
        if isinstance(message, Welcome):
            assert message.waiting.by_organisation == {}
            if message.snapshot is not None:
                assert all(c.author in ("", person.id) for c in message.snapshot.cards)
        events = message.events if isinstance(message, Welcome) else ()
        if isinstance(message, Event):
            events = (message,)
        for event in events:
            for change in event.changes:
                if isinstance(change, CardPut):
                    assert change.card.author in ("", person.id), change
                if isinstance(change, Waiting):
                    assert change.by_organisation == {}
            if event.actor == writer.id:
                assert all(isinstance(c, ParticipantPut) for c in event.changes), event


async def test_an_anonymous_session_tells_nobody_who_wrote_what(tmp_path: Path) -> None:
    live: LiveRelay = await start_relay(rivierenland_file(tmp_path, anonymous=True))
    fac = Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")
    anna = Person("Anna", CODE, "Zorgaanbieder")
    bram = Person("Bram", CODE, "School")
    try:
        # Anna first: the relay encodes an event once per view, starting with her.
        for person in (anna, bram, fac):
            await person.connect(live.url)
        open_card, gone_card, hidden_card = new_id("k"), new_id("k"), new_id("k")
        await acked(anna, AddCard(card_id=open_card, theme="rollen", text="Iedereen leest dit"))
        await acked(anna, AddCard(card_id=gone_card, theme="leren", text="Even maar"))
        await acked(anna, MoveCard(card_id=open_card, theme="leren"))
        await acked(anna, EditCard(card_id=open_card, text="Iedereen leest dit nu"))
        await acked(anna, DeleteCard(card_id=gone_card))
        await acked(fac, SetPrivate(on=True))
        hidden_text = secret()
        await acked(anna, AddCard(card_id=hidden_card, theme="rollen", text=hidden_text))
        bram_card = new_id("k")
        await acked(bram, AddCard(card_id=bram_card, theme="rollen", text="Van Bram"))
        await hears_waiting(bram, {"rollen": 2})
        # Bram reads the open card, without an author; his own card with his name.
        assert bram.tap is not None
        await bram.tap.wait_for(
            lambda m: (
                isinstance(m, Event)
                and any(
                    isinstance(c, CardPut) and c.card.text == "Iedereen leest dit nu"
                    for c in m.changes
                )
            ),
            "the edited open card",
        )
        await bram.close()
        welcome = await bram.connect(live.url)
        assert welcome.snapshot is not None
        authors = {c.id: c.author for c in welcome.snapshot.cards}
        assert authors == {open_card: "", bram_card: bram.id}

        # A clean stop: the file names no authors.
        await live.stop()
        for person in (fac, anna, bram):
            await person.close()
        text = live.path.read_text(encoding="utf-8")
        assert "Iedereen leest dit nu" in text and hidden_text in text
        assert not AUTHOR_LINE.search(text), "an anonymous session's file names no authors"
        assert all(c.author == "" for c in load_session(live.path).cards)

        # After a restart Anna still owns her cards (the hidden one included).
        await live.start_again()
        welcome = await anna.connect(live.url)
        await fac.connect(live.url, since=fac.seq)
        await bram.connect(live.url, since=bram.seq)
        assert welcome.snapshot is not None
        mine = {c.id: (c.author, c.hidden) for c in welcome.snapshot.cards}
        assert mine[open_card] == (anna.id, False)
        assert mine[hidden_card] == (anna.id, True), "her hidden card is hers, and still hidden"
        await acked(anna, EditCard(card_id=open_card, text="Na de herstart gewijzigd"))
        await acked(anna, EditCard(card_id=hidden_card, text=secret()))
        refusal = await bram.op(EditCard(card_id=open_card, text="Van Bram nu"))
        assert isinstance(refusal, Reject) and refusal.key == "refused.not_your_card"
        await acked(anna, DeleteCard(card_id=hidden_card))
        await acked(anna, DeleteCard(card_id=open_card))
        await hears_waiting(bram, {"rollen": 1})

        for person in (bram, fac):
            assert_no_author_reached(person, anna)
            assert not any(hidden_text in frame for frame in person.frames)
        assert_no_author_reached(anna, bram)

        await live.stop()
        again = live.path.read_text(encoding="utf-8")
        assert not AUTHOR_LINE.search(again)
        owners = state_dir(live.path) / "owners.json"
        assert owners.exists() and mode(owners) == 0o600
    finally:
        for person in (fac, anna, bram):
            await person.close()
        await live.stop()
