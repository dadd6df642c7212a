"""Dot voting over a real relay: votes stay secret until the round closes.

A real relay on 127.0.0.1 (port 0) over a real session file in "prioriteren", real
websockets connections, and every raw frame each person receives written down from the
first one on (`privacykit`). Nothing of Anna's votes may reach Bram or the facilitator
before the round closes — not as a vote, not as an event's actor, not in a snapshot — while
the count of voters does. The budget is the relay's to guard, whatever a client sends.
"""

from __future__ import annotations

import json
from pathlib import Path

from boardkit import session_file
from privacykit import Person, acked, events_of
from relaykit import CODE, FACILITATOR_CODE, LiveRelay, eventually, start_relay

from tui_board.core.model import Session, Vote
from tui_board.core.ops import (
    CloseVoting,
    ParticipantPut,
    StatePut,
    VoteOp,
    VotePut,
    VotesShown,
    Waiting,
    new_id,
)
from tui_board.core.rules import apply_changes
from tui_board.files.store import load_session
from tui_board.live.protocol import SERVER_MESSAGE, ErrorMessage, Event, OpMessage, Reject, Welcome

CARDS = {
    "rollen": ["Eén regievoerder per gezin", "Wijkteam als spil"],
    "leren": ["Casus samen nabespreken"],
    "doelen": ["Minder schooluitval"],
}
"""Four visible cards, k1 … k4, written by the facilitator."""


def last_voters(person: Person) -> int | None:
    """How many voted, as this person heard it last (from a welcome or an event)."""
    found: int | None = None
    for message in person.messages():
        if isinstance(message, Welcome):
            found = message.waiting.voters
        elif isinstance(message, Event):
            for change in message.changes:
                if isinstance(change, Waiting):
                    found = change.voters
    return found


async def hears_voters(person: Person, count: int) -> None:
    await eventually(
        lambda: last_voters(person) == count,
        message=f"{person.name} hears {count} voted (last: {last_voters(person)})",
    )


async def caught_up(person: Person, seq: int) -> None:
    await eventually(lambda: person.seq >= seq, message=f"{person.name} has event {seq}")


def board_of(person: Person) -> Session:
    """The board a person holds, the way a client builds it: the last snapshot, then every
    event after it (replayed in a welcome or live) applied in order, once."""
    board: Session | None = None
    seq = 0
    for message in person.messages():
        if isinstance(message, Welcome) and message.snapshot is not None:
            board, seq = message.snapshot, message.seq
        for event in events_of([message]):
            if board is not None and event.seq > seq:
                board, seq = apply_changes(board, event.changes), event.seq
    assert board is not None
    return board


def assert_no_votes_of(person: Person, voter: Person, frames: list[str]) -> None:
    """No frame says what `voter` put dots on, nor that they acted (their join aside)."""
    assert not person.gaps, f"{person.name} got events out of order: {person.gaps}"
    assert voter.id
    for frame in frames:
        assert f'"voter":"{voter.id}"' not in frame, f"{person.name}: {frame[:300]}"
    messages = [SERVER_MESSAGE.validate_json(frame) for frame in frames]
    for message in messages:
        if isinstance(message, Welcome) and message.snapshot is not None:
            assert all(v.voter != voter.id for v in message.snapshot.votes)
    for event in events_of(messages):
        for change in event.changes:
            if isinstance(change, VotePut):
                assert change.voter != voter.id, change
            if isinstance(change, VotesShown):
                assert all(v.voter != voter.id for v in change.votes), change
        if event.actor == voter.id:
            assert all(isinstance(c, ParticipantPut) for c in event.changes), event


async def test_votes_stay_secret_until_the_round_closes(tmp_path: Path) -> None:
    live: LiveRelay = await start_relay(session_file(tmp_path, CARDS, phase="prioriteren"))
    fac = Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")
    anna = Person("Anna", CODE, "Zorgaanbieder")
    bram = Person("Bram", CODE, "School")
    try:
        for person in (fac, anna, bram):
            await person.connect(live.url)
        assert fac.id == "begeleider" and anna.id != bram.id
        assert fac.tap is not None and fac.tap.welcome.waiting.voters == 0
        start = bram.seq

        # Anna spends her three dots, one per card; everyone hears how many voted.
        for card_id in ("k1", "k2", "k4"):
            await acked(anna, VoteOp(card_id=card_id, delta=1))
        await hears_voters(bram, 1)
        await hears_voters(fac, 1)
        await eventually(lambda: anna.seq == live.room.seq, message="Anna up to date")
        # She hears her own dots (so the checks below can fail), nobody else does.
        own = [c for e in anna.events() for c in e.changes if isinstance(c, VotePut)]
        assert [(c.voter, c.card, c.dots) for c in own] == [
            (anna.id, "k1", 1),
            (anna.id, "k2", 1),
            (anna.id, "k4", 1),
        ]
        assert [e.actor for e in anna.events() if e.seq > start] == [anna.id] * 3
        for person in (bram, fac):
            assert_no_votes_of(person, anna, person.frames)
            # Others get one frame, when the number of people who voted went up, and no frame
            # for her other dots: nobody learns when someone else voted, nor how many dots.
            votes_seen = [e for e in person.events() if e.seq > start]
            assert len(votes_seen) == 1 and votes_seen[0].actor == ""
            assert [type(c).__name__ for c in votes_seen[0].changes] == ["Waiting"]
            assert person.seq == start + 1 and person.gaps == []

        # Bram votes: now two have voted; Anna hears nothing of Bram's dots either.
        await acked(bram, VoteOp(card_id="k1", delta=1))
        await hears_voters(fac, 2)
        await hears_voters(anna, 2)
        await eventually(lambda: anna.seq == live.room.seq, message="Anna up to date")
        assert_no_votes_of(anna, bram, anna.frames)

        # Bram comes back by events (the relay's history), then afresh: his own votes only.
        await bram.close()
        welcome = await bram.connect(live.url, since=start)
        # Only his own dot: Anna's had nothing for him (the count comes with the welcome).
        assert welcome.snapshot is None and [e.seq for e in welcome.events] == [start + 4]
        assert welcome.events[0].after == start
        assert welcome.waiting.voters == 2
        await bram.close()
        welcome = await bram.connect(live.url)
        assert welcome.snapshot is not None
        assert welcome.snapshot.votes == (Vote(voter=bram.id, card="k1", dots=1),)
        assert_no_votes_of(bram, anna, bram.frames)
        assert fac.tap is not None
        await fac.close()
        welcome = await fac.connect(live.url)
        assert welcome.snapshot is not None and welcome.snapshot.votes == ()
        assert_no_votes_of(fac, anna, fac.frames)
        assert_no_votes_of(fac, bram, fac.frames)

        # A modified client sends a fourth dot straight over the websocket: refused.
        before, seq = live.room.session, live.room.seq
        refusal = await anna.op(VoteOp(card_id="k3", delta=1))
        assert isinstance(refusal, Reject)
        assert (refusal.key, refusal.values) == ("refused.vote_budget", {"dots": "3"})
        refusal = await anna.op(VoteOp(card_id="k1", delta=1))
        assert isinstance(refusal, Reject) and refusal.key == "refused.vote_budget"
        # …or a dot of five at once, which is not even a valid message.
        tap = anna.tap
        assert tap is not None
        forged = OpMessage(op_id=new_id("o"), op=VoteOp(card_id="k3", delta=1))
        raw = json.loads(forged.model_dump_json())
        raw["op"]["delta"] = 5
        answers = len(tap.messages)
        await tap.ws.send(json.dumps(raw))
        message = await tap.wait_for(
            lambda m: isinstance(m, ErrorMessage) and tap.messages.index(m) >= answers,
            "an error for the forged vote",
        )
        assert isinstance(message, ErrorMessage)
        error = message
        assert error.key == "relay.bad_message" and not error.fatal
        assert live.room.session is before and live.room.seq == seq
        assert live.room.session.dots_used(anna.id) == 3

        # The facilitator closes the round: Bram gets every vote, and the tally adds up.
        close = await acked(fac, CloseVoting())
        assert bram.tap is not None
        shown = await bram.tap.wait_for(
            lambda m: isinstance(m, Event) and m.seq == close.seq, "the close for Bram"
        )
        assert isinstance(shown, Event) and shown.actor == fac.id
        votes = next(c for c in shown.changes if isinstance(c, VotesShown)).votes
        assert set(votes) == {
            Vote(voter=anna.id, card="k1", dots=1),
            Vote(voter=anna.id, card="k2", dots=1),
            Vote(voter=anna.id, card="k4", dots=1),
            Vote(voter=bram.id, card="k1", dots=1),
        }
        assert any(isinstance(c, StatePut) and c.voting == "closed" for c in shown.changes)
        await hears_voters(bram, 0)
        tally = {"k1": 2, "k2": 1, "k4": 1}
        for person in (bram, anna, fac):
            await caught_up(person, close.seq)
            board = board_of(person)
            assert board.voting == "closed" and board.tally() == tally, person.name
        assert live.room.session.tally() == tally
        refusal = await bram.op(VoteOp(card_id="k2", delta=1))
        assert isinstance(refusal, Reject) and refusal.key == "refused.vote_closed"

        # A restart: the votes and the closed round come back, from the file and journal.
        await live.stop()
        for person in (fac, anna, bram):
            await person.close()
        saved = load_session(live.path)
        assert saved.voting == "closed" and saved.tally() == tally
        await live.start_again()
        assert live.room.session.voting == "closed" and live.room.session.tally() == tally
        welcome = await bram.connect(live.url)
        assert welcome.snapshot is not None and welcome.snapshot.voting == "closed"
        assert set(welcome.snapshot.votes) == set(votes)
        await fac.connect(live.url, since=fac.seq)
        await anna.connect(live.url, since=anna.seq)
        refusal = await anna.op(VoteOp(card_id="k3", delta=1))
        assert isinstance(refusal, Reject) and refusal.key == "refused.vote_closed"

        # Opened again: every board keeps its own votes only, as a snapshot would give.
        reopen = await acked(fac, CloseVoting(closed=False))
        for person, mine in ((bram, 1), (anna, 3), (fac, 0)):
            await caught_up(person, reopen.seq)
            board = board_of(person)
            assert board.voting == "" and len(board.votes) == mine, person.name
            assert {v.voter for v in board.votes} <= {person.id}
        after = len(bram.frames)
        await hears_voters(bram, 2)
        quiet = bram.seq
        await acked(anna, VoteOp(card_id="k4", delta=-1))
        await acked(anna, VoteOp(card_id="k3", delta=1))
        # Someone sits down: an event for everyone, which says it follows on from before
        # Anna's two dots (those had nothing for Bram, and he got no frame for them).
        dewi = Person("Dewi", CODE, "GGD")
        await dewi.connect(live.url)
        await dewi.close()
        await caught_up(bram, live.room.seq)
        later = [e for e in events_of(bram.messages()) if e.seq > quiet]
        assert [e.seq for e in later] == [live.room.seq] and later[0].after == quiet
        assert bram.gaps == []
        assert_no_votes_of(bram, anna, bram.frames[after:])
        assert board_of(bram).votes == (Vote(voter=bram.id, card="k1", dots=1),)
        assert live.room.session.tally() == {"k1": 2, "k2": 1, "k3": 1}
    finally:
        for person in (fac, anna, bram):
            await person.close()
        await live.stop()


def settled(person: Person, people: tuple[Person, ...]) -> bool:
    """Whether `person` has heard (in a welcome or a presence) that everyone is online."""
    heard = "".join(
        f for f in person.frames if f.startswith(('{"type":"welcome"', '{"type":"presence"'))
    )
    return all(f'"{other.id}"' in heard for other in people)


async def test_others_hear_how_many_voted_never_who_nor_how_many_dots(tmp_path: Path) -> None:
    """Every frame Cor (a participant who does not vote) and the facilitator get while Anna
    and Bram vote: no vote, no voter, no dot count, no actor — only how many people voted.
    The facilitator hears exactly what Cor hears until the round closes."""
    live: LiveRelay = await start_relay(session_file(tmp_path, CARDS, phase="prioriteren"))
    fac = Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")
    anna = Person("Anna", CODE, "Zorgaanbieder")
    bram = Person("Bram", CODE, "School")
    cor = Person("Cor", CODE, "Wijkteam")
    people = (fac, anna, bram, cor)
    try:
        for person in people:
            await person.connect(live.url)
        # The room is settled first: who joined reaches the boards already in with the
        # presence that counts them online (so the frames below are of the voting alone).
        await eventually(lambda: settled(fac, people) and settled(cor, people))
        start = live.room.seq
        seen = {p.name: len(p.frames) for p in (fac, cor)}
        votes = [
            (anna, "k1", 1),
            (anna, "k1", 1),  # two dots on one card
            (bram, "k3", 1),
            (anna, "k2", 1),
            (anna, "k1", -1),  # and one taken back
        ]
        for voter, card_id, delta in votes:
            await acked(voter, VoteOp(card_id=card_id, delta=delta))
        for voter in (anna, bram):
            await caught_up(voter, live.room.seq if voter is anna else start + 3)
        await hears_voters(cor, 2)
        await hears_voters(fac, 2)

        # The voter gets her own dots back (so the checks below could fail).
        own = [(c.card, c.dots) for e in anna.events() for c in e.changes if isinstance(c, VotePut)]
        assert own == [("k1", 1), ("k1", 2), ("k2", 1), ("k1", 1)]
        voter_ids = {anna.id, bram.id}
        for person in (cor, fac):
            frames = person.frames[seen[person.name] :]
            assert not person.gaps, person.gaps
            for frame in frames:
                assert '"vote_put"' not in frame and '"voter"' not in frame, frame[:300]
                assert '"dots":1' not in frame and '"dots":2' not in frame, frame[:300]
                if frame.startswith('{"type":"event"'):  # (presence names who is online)
                    assert not any(f'"{i}"' in frame for i in voter_ids), (person.name, frame)
            # One frame when someone started voting (the count), none for any other dot.
            events = [e for e in person.events() if e.seq > start]
            assert [e.seq for e in events] == [start + 1, start + 3], (person.name, events)
            assert events[1].after == start + 1, "says it skipped what was not for them"
            for event in events:
                assert event.actor == "", (person.name, event)
                assert all(isinstance(c, Waiting) for c in event.changes), (person.name, event)
            heard = [c.voters for e in events for c in e.changes if isinstance(c, Waiting)]
            assert heard == [1, 2], "only when the number of voters changed, and only that"
        # The facilitator hears no more of others' votes than a participant does.
        for fac_event, cor_event in zip(
            [e for e in fac.events() if e.seq > start],
            [e for e in cor.events() if e.seq > start],
            strict=True,
        ):
            assert (fac_event.seq, fac_event.changes, fac_event.actor) == (
                cor_event.seq,
                cor_event.changes,
                cor_event.actor,
            )
        # A fresh snapshot for the facilitator: still no votes of others.
        await fac.close()
        welcome = await fac.connect(live.url)
        assert welcome.snapshot is not None and welcome.snapshot.votes == ()
        assert welcome.waiting.voters == 2

        # Closed: the tally is revealed to everyone, as it was before.
        close = await acked(fac, CloseVoting())
        for person in (cor, fac):
            await caught_up(person, close.seq)
            assert board_of(person).tally() == {"k1": 1, "k2": 1, "k3": 1}, person.name
    finally:
        for person in people:
            await person.close()
        await live.stop()
