"""A consent round over a real relay: while it is open nobody learns what another answered.

A real relay on 127.0.0.1 over a real session file, real websockets connections, and every
raw frame each person receives written down from the first one on (`privacykit`). Anna
(Gemeente) gives a concern, Bram (Wijkteam) can work with it; until the facilitator closes
the round, Bram, the facilitator, a late joiner and a Bram who reconnects see only that
Anna answered. Once the round is closed everyone gets the answers and the concern, and the
saved TOML holds all of it (spelregel 5: concerns are spoken out and kept).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from privacykit import Person, acked
from relaykit import CODE, FACILITATOR_CODE, eventually, session_file, start_relay

from tui_board.core.model import Agreement, Answer
from tui_board.core.ops import (
    AgreementPut,
    AnswerOp,
    CloseAnswers,
    CloseRound,
    DraftAgreement,
    StartRound,
)
from tui_board.files.store import load_session
from tui_board.files.templates import find_template, new_session
from tui_board.live.protocol import Event, Reject, Welcome

TWO = "two-regie"


def afspreken_file(folder: Path) -> Path:
    """A rivierenland session in the phase "afspreken", saved in `folder`."""
    session = new_session(
        find_template("rivierenland"),
        title="Afspraken maken",
        date=dt.date(2026, 11, 26),
        place="Tiel",
        facilitator="Marieke",
        organisation="Procesbegeleiding",
    )
    return session_file(folder, session.model_copy(update={"phase": "afspreken"}))


def agreements_seen(person: Person) -> list[tuple[int, Agreement]]:
    """Every version of the TWO this person received: (frame index, agreement)."""
    seen: list[tuple[int, Agreement]] = []
    for index, message in enumerate(person.messages()):
        events: tuple[Event, ...] = ()
        if isinstance(message, Welcome):
            events = message.events
            if message.snapshot is not None:
                found = message.snapshot.agreement(TWO)
                if found is not None:
                    seen.append((index, found))
        elif isinstance(message, Event):
            events = (message,)
        for event in events:
            for change in event.changes:
                if isinstance(change, AgreementPut) and change.agreement.id == TWO:
                    seen.append((index, change.agreement))
    return seen


def latest(person: Person) -> Agreement | None:
    seen = agreements_seen(person)
    return seen[-1][1] if seen else None


async def holds(person: Person, check: Callable[[Agreement], bool], what: str) -> Agreement:
    """Wait until the latest version of the TWO this person has passes `check`."""

    def ready() -> Agreement | None:
        found = latest(person)
        return found if found is not None and check(found) else None

    found = await eventually(ready, message=f"{person.name} holds {what}")
    assert found is not None
    return found


def event_of(person: Person, seq: int) -> Event:
    found = [e for e in person.events() if e.seq == seq]
    assert len(found) == 1, f"{person.name} has {len(found)} events with seq {seq}"
    return found[0]


async def test_a_concern_stays_private_until_the_round_closes(tmp_path: Path) -> None:
    live = await start_relay(afspreken_file(tmp_path))
    fac = Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")
    anna = Person("Anna", CODE, "Gemeente")
    bram = Person("Bram", CODE, "Wijkteam")
    late = Person("Cas", CODE, "Zorgaanbieder")
    first_note = f"ACHTERBAN-{uuid.uuid4()}"
    concern = f"BEDENKING-{uuid.uuid4()}"
    try:
        for person in (fac, anna, bram):
            await person.connect(live.url)
        assert fac.tap is not None and fac.tap.welcome.you.role.value == "facilitator"

        draft = DraftAgreement(
            agreement_id=TWO,
            what="Eén regievoerder per gezin",
            why="Gezinnen raken de weg kwijt tussen hulpverleners",
            owners=("Gemeente", "Wijkteam"),
            review=dt.date(2027, 3, 1),
        )
        refusal = await anna.op(draft)
        assert isinstance(refusal, Reject) and refusal.key == "refused.facilitator_only"
        await acked(fac, draft)
        refusal = await anna.op(AnswerOp(agreement_id=TWO, kind="werkbaar"))
        assert isinstance(refusal, Reject) and refusal.key == "refused.no_round"
        await acked(fac, StartRound(agreement_id=TWO))
        for person in (fac, anna, bram):
            await holds(person, lambda a: a.status == "in_ronde" and a.round == 1, "the round")

        # Anna answers twice (the second replaces the first); Bram once.
        await acked(anna, AnswerOp(agreement_id=TWO, kind="achterban", text=first_note))
        refusal = await bram.op(AnswerOp(agreement_id=TWO, kind="bedenking", text="  "))
        assert isinstance(refusal, Reject) and refusal.key == "refused.concern_text"
        answered = await acked(anna, AnswerOp(agreement_id=TWO, kind="bedenking", text=concern))
        await acked(bram, AnswerOp(agreement_id=TWO, kind="werkbaar"))

        hidden_anna = Answer(participant=anna.id, kind="verborgen", round=1)
        hidden_bram = Answer(participant=bram.id, kind="verborgen", round=1)
        own_anna = Answer(participant=anna.id, kind="bedenking", text=concern, round=1)
        own_bram = Answer(participant=bram.id, kind="werkbaar", round=1)
        seen = await holds(bram, lambda a: len(a.answers) == 2, "both answers, as Bram sees them")
        assert seen.answers == (hidden_anna, own_bram)
        seen = await holds(fac, lambda a: len(a.answers) == 2, "both answers, as Marieke sees them")
        assert seen.answers == (hidden_anna, hidden_bram)
        seen = await holds(anna, lambda a: len(a.answers) == 2, "both answers, as Anna sees them")
        assert seen.answers == (own_anna, hidden_bram)
        # Who sent the answer is not told either (only Anna hears it was hers).
        for person in (bram, fac):
            assert event_of(person, answered.seq).actor == ""
        assert event_of(anna, answered.seq).actor == anna.id

        # A late joiner gets a snapshot; Bram comes back by events, then afresh.
        welcome = await late.connect(live.url)
        assert welcome.snapshot is not None
        two = welcome.snapshot.agreement(TWO)
        assert two is not None and two.answers == (hidden_anna, hidden_bram)
        await bram.close()
        welcome = await bram.connect(live.url, since=0)
        assert welcome.snapshot is None and welcome.events, "a resync by events"
        await bram.close()
        welcome = await bram.connect(live.url)
        assert welcome.snapshot is not None
        two = welcome.snapshot.agreement(TWO)
        assert two is not None and two.answers == (hidden_anna, own_bram)

        # While the round is open: not a frame to anyone but Anna holds her text or kind.
        open_until = {p.name: len(p.frames) for p in (fac, bram, late)}
        for person in (fac, bram, late):
            assert not person.gaps, f"{person.name} got events out of order: {person.gaps}"
            for frame in person.frames:
                assert concern not in frame, f"{person.name} received the concern: {frame[:300]}"
                assert first_note not in frame, f"{person.name} received Anna's first answer"
                assert '"kind":"bedenking"' not in frame, f"{person.name} learnt a kind"
                assert '"kind":"achterban"' not in frame, f"{person.name} learnt a kind"
            kinds = {
                answer.kind
                for _, agreement in agreements_seen(person)
                for answer in agreement.answers
                if answer.participant == anna.id
            }
            assert kinds == {"verborgen"}, f"{person.name} saw Anna's answer as {kinds}"
        # The checks above can fail: the same relay does send them to Anna.
        assert any(concern in frame for frame in anna.frames)
        assert any(first_note in frame for frame in anna.frames)

        # The facilitator closes answering: now everyone hears every answer and the concern,
        # the facilitator too, before the choice.
        closed = await acked(fac, CloseAnswers(agreement_id=TWO))
        for person in (fac, anna, bram, late):
            two = await holds(person, lambda a: a.status == "beraad", "answering closed")
            assert two.answers == (own_anna, own_bram), person.name
            assert event_of(person, closed.seq).actor == fac.id, "closing a round is public"
        adopted = await acked(fac, CloseRound(agreement_id=TWO, outcome="aangenomen"))
        for person in (fac, anna, bram, late):
            two = await holds(person, lambda a: a.status == "aangenomen", "the adopted TWO")
            assert two.answers == (own_anna, own_bram), person.name
            assert two.concerns == (own_anna,), person.name
            assert event_of(person, adopted.seq).actor == fac.id
        for person in (fac, bram, late):
            after = person.frames[open_until[person.name] :]
            assert any(concern in frame for frame in after), person.name
            assert all(first_note not in frame for frame in person.frames), (
                f"{person.name} received Anna's replaced answer"
            )
    finally:
        await live.stop()
        for person in (fac, anna, bram, late):
            await person.close()

    # The saved file holds all of it, the concern included.
    text = live.path.read_text(encoding="utf-8")
    assert 'status = "aangenomen"' in text
    assert "[[agreements.answers]]" in text and "[[agreements.concerns]]" in text
    assert text.count(concern) == 2, "the answer and the concern kept for the next round"
    assert first_note not in text
    saved = load_session(live.path).agreement(TWO)
    assert saved is not None
    assert (saved.status, saved.round, saved.owners) == ("aangenomen", 1, ("Gemeente", "Wijkteam"))
    assert saved.concerns == (Answer(participant=anna.id, kind="bedenking", text=concern),)


async def test_an_amended_two_carries_its_concern_into_round_two(tmp_path: Path) -> None:
    """The TWO's second round: the concern is visible to all while the new answers are not."""
    live = await start_relay(afspreken_file(tmp_path))
    fac = Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")
    anna = Person("Anna", CODE, "Gemeente")
    bram = Person("Bram", CODE, "Wijkteam")
    concern = f"BEDENKING-{uuid.uuid4()}"
    second = f"TWEEDE-{uuid.uuid4()}"
    try:
        for person in (fac, anna, bram):
            await person.connect(live.url)
        what = "Eén regievoerder per gezin"
        draft = DraftAgreement(agreement_id=TWO, what=what, why="Minder overdrachten")
        await acked(fac, draft)
        await acked(fac, StartRound(agreement_id=TWO))
        await acked(anna, AnswerOp(agreement_id=TWO, kind="bedenking", text=concern))
        await acked(fac, CloseAnswers(agreement_id=TWO))
        await acked(fac, CloseRound(agreement_id=TWO, outcome="concept"))
        amended = draft.model_copy(update={"what": what + ", betaald door de woongemeente"})
        await acked(fac, amended)
        await acked(fac, StartRound(agreement_id=TWO))
        await acked(anna, AnswerOp(agreement_id=TWO, kind="bedenking", text=second))
        await acked(bram, AnswerOp(agreement_id=TWO, kind="werkbaar"))

        kept = Answer(participant=anna.id, kind="bedenking", text=concern, round=1)
        two = await holds(bram, lambda a: a.round == 2 and len(a.answers) == 2, "round two")
        assert two.status == "in_ronde" and two.concerns == (kept,)
        assert two.answers[0] == Answer(participant=anna.id, kind="verborgen", round=2)
        assert all(second not in frame for frame in bram.frames + fac.frames)

        await acked(fac, CloseAnswers(agreement_id=TWO))
        await acked(fac, CloseRound(agreement_id=TWO, outcome="aangenomen"))
        two = await holds(bram, lambda a: a.status == "aangenomen", "the adopted TWO")
        now = Answer(participant=anna.id, kind="bedenking", text=second, round=2)
        assert two.concerns == (kept, now)
    finally:
        await live.stop()
        for person in (fac, anna, bram):
            await person.close()
    saved = load_session(live.path).agreement(TWO)
    assert saved is not None and saved.round == 2 and saved.status == "aangenomen"
    assert [c.text for c in saved.concerns] == [concern, second]
