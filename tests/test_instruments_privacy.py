"""The closing evaluation over a real relay: nobody's individual rating appears anywhere.

A real relay on 127.0.0.1 (port 0) over a real session file in the phase "afsluiten", real
websockets connections, and every raw frame each person receives written down from the
first one on (`privacykit`). Five participants rate the nine norms, each in their own
recognisable way, and write recognisable open lines. Until the facilitator closes the
evaluation no frame carries a count per rating nor a line; no frame ever carries one
person's ratings (the op is never echoed, no field maps a person to ratings), nor who
answered (only the answerer hears that they did, and an answer's event names no actor);
after the close with at least the minimum of answers (5 by default) the aggregates arrive
once, the same for everyone; with fewer nothing but the count ever arrives and the file
keeps no scores — also when one person sits at the table on three seats. The journal and
the saved file hold aggregates only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from boardkit import session_file
from instrumentkit import ANSWERS as KIT_ANSWERS
from instrumentkit import ratings
from privacykit import Person, acked, events_of
from relaykit import CODE, FACILITATOR_CODE, LiveRelay, eventually, start_relay

from tui_board.core.instruments import MIN_ANSWERS, NORM_IDS
from tui_board.core.model import Evaluation, Session
from tui_board.core.ops import Evaluate, EvaluationPut, StartEvaluation
from tui_board.core.rules import apply_changes
from tui_board.files.store import load_session
from tui_board.live.journal import state_dir
from tui_board.live.protocol import SERVER_MESSAGE, Ack, Reject, Welcome

ANSWERS = {**KIT_ANSWERS, "fenna": (ratings(2), "Fenna-lijn: vaker samen op pad")}
"""`instrumentkit.ANSWERS` and a fifth person's (the default minimum is five)."""

RATERS = ("anna", "bram", "dewi", "evi", "fenna")
"""The five who answer; their ratings and lines are `ANSWERS`."""


def expected_counts(people: tuple[str, ...]) -> dict[str, tuple[int, int, int, int, int]]:
    """The aggregate counts per norm of these people's ratings."""
    counts: dict[str, list[int]] = {norm: [0, 0, 0, 0, 0] for norm in NORM_IDS}
    for person in people:
        for norm, value in ANSWERS[person][0].items():
            counts[norm][value - 1] += 1
    return {norm: (c[0], c[1], c[2], c[3], c[4]) for norm, c in counts.items()}


A_RATING = re.compile(r'"(' + "|".join(NORM_IDS) + r')"\s*:\s*-?\d')
"""A norm with one number after it: one person's rating as the op carries it."""


def evaluations_heard(person: Person) -> list[tuple[int, Evaluation]]:
    """Every evaluation this person was sent: (seq, evaluation), from snapshots and events."""
    heard: list[tuple[int, Evaluation]] = []
    for message in person.messages():
        if isinstance(message, Welcome) and message.snapshot is not None:
            if message.snapshot.evaluation is not None:
                heard.append((message.seq, message.snapshot.evaluation))
        for event in events_of([message]):
            heard += [
                (event.seq, c.evaluation) for c in event.changes if isinstance(c, EvaluationPut)
            ]
    return heard


def board_of(person: Person) -> Session:
    """The board a person holds: the last snapshot, then every later event, once."""
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


def assert_no_rating_in(name: str, frames: list[str]) -> None:
    """No frame carries the evaluate op, a norm with one rating, or anyone's ratings."""
    for frame in frames:
        assert '"type":"evaluate"' not in frame, f"{name}: the op was echoed: {frame[:300]}"
        assert not A_RATING.search(frame), f"{name}: a single rating: {frame[:300]}"
        for scores, _ in ANSWERS.values():
            assert json.dumps(scores, separators=(",", ":")) not in frame, name
            assert json.dumps(scores) not in frame, name


def assert_nothing_shown_in(name: str, frames: list[str]) -> None:
    """No frame (of an open evaluation, or one closed with too few) shows counts or lines."""
    assert_no_rating_in(name, frames)
    for frame in frames:
        for _, line in ANSWERS.values():
            assert not line or line not in frame, f"{name}: a line before its time: {line}"
    for message in (SERVER_MESSAGE.validate_json(frame) for frame in frames):
        if isinstance(message, Welcome) and message.snapshot is not None:
            evaluation = message.snapshot.evaluation
            assert evaluation is None or (evaluation.scores == {} and evaluation.lines == ())
        for event in events_of([message]):
            for change in event.changes:
                if isinstance(change, EvaluationPut):
                    assert change.evaluation.scores == {} and change.evaluation.lines == ()


def assert_not_told_who_answered(person: Person, answerers: set[str]) -> None:
    """No evaluation this person was sent names anyone but themself as having answered, and
    no event with an evaluation in it names another answerer as its actor. An answerer does
    hear that they answered (so the check cannot pass by sending nobody anything)."""
    others = answerers - {person.id}
    heard = evaluations_heard(person)
    for seq, evaluation in heard:
        assert set(evaluation.answered) <= {person.id}, (person.name, seq, evaluation.answered)
    for event in person.events():
        if any(isinstance(c, EvaluationPut) for c in event.changes):
            assert event.actor not in others, (person.name, event.seq, event.actor)
    for frame in person.frames:  # and raw, whatever the parsing above might miss
        for listed in re.findall(r'"answered":\[([^\]]*)\]', frame):
            assert listed in ("", f'"{person.id}"'), (person.name, listed)
    if person.id in answerers:
        assert heard and heard[-1][1].answered == (person.id,), (person.name, heard[-1:])


def journal_lines(live: LiveRelay) -> list[dict[str, object]]:
    path = state_dir(live.path) / "journal.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def scores_in_journal(live: LiveRelay) -> list[tuple[str, object]]:
    """(actor, scores) of every journalled evaluation that holds counts."""
    found = []
    for entry in journal_lines(live):
        for change in entry.get("changes", []):  # type: ignore[attr-defined]
            if change.get("type") == "evaluation_put" and change["evaluation"].get("scores"):
                found.append((str(entry["actor"]), change["evaluation"]["scores"]))
    return found


async def seated(live: LiveRelay, *names: str) -> dict[str, Person]:
    """The facilitator and participants `names`, connected; keyed by name in lower case."""
    people = {"fac": Person("Marieke", FACILITATOR_CODE, "Procesbegeleiding")}
    for name in names:
        people[name] = Person(name.capitalize(), CODE, f"Organisatie {name}")
    for person in people.values():
        await person.connect(live.url)
    return people


async def all_caught_up(live: LiveRelay, people: dict[str, Person]) -> None:
    await eventually(
        lambda: all(p.seq == live.room.seq for p in people.values() if p.tap is not None),
        message=f"everyone has event {live.room.seq}",
    )


async def answer(person: Person, name: str) -> Ack:
    scores, line = ANSWERS[name]
    return await acked(person, Evaluate(scores=scores, line=line))


async def test_no_rating_leaves_the_relay_and_aggregates_come_once_after_the_close(
    tmp_path: Path,
) -> None:
    live = await start_relay(session_file(tmp_path, phase="afsluiten"))
    people = await seated(live, *RATERS, "ilse")  # Ilse only watches
    try:
        fac = people["fac"]
        start = await acked(fac, StartEvaluation())
        await acked(fac, StartEvaluation())  # twice: changes nothing
        assert live.room.seq == start.seq

        for number, name in enumerate(RATERS, 1):
            await answer(people[name], name)
            await all_caught_up(live, people)
            for person in people.values():
                board = board_of(person)
                assert board.evaluation is not None, person.name
                assert board.evaluation.count == number, "the count is for everyone"
                assert board.evaluation.scores == {} and board.evaluation.lines == ()
            if number == 2:
                # Someone comes in afresh, and someone comes back by events: nothing shows.
                late = Person("Gijs", CODE, "Laat")
                people["gijs"] = late
                welcome = await late.connect(live.url)
                assert welcome.snapshot is not None and welcome.snapshot.evaluation is not None
                assert welcome.snapshot.evaluation.count == 2
                bram = people["bram"]
                await bram.close()
                welcome = await bram.connect(live.url, since=start.seq - 1)
                assert welcome.snapshot is None
                replayed = [
                    c for e in welcome.events for c in e.changes if isinstance(c, EvaluationPut)
                ]
                assert [c.evaluation.count for c in replayed] == [0, 1, 2], "the start, two answers"

        # Once per person: a second answer is refused, and the refusal repeats nothing.
        again = await people["anna"].op(Evaluate(scores=ANSWERS["bram"][0], line="nog eens"))
        assert isinstance(again, Reject) and again.key == "refused.evaluated"
        assert again.values == {}

        # Before the close: no frame of anyone carries counts per rating nor a line.
        before = {name: len(person.frames) for name, person in people.items()}
        for name, person in people.items():
            assert_nothing_shown_in(person.name, person.frames)
            assert not person.gaps, (name, person.gaps)
        # The relay itself holds the aggregates (so the test below can see them arrive)…
        evaluation = live.room.session.evaluation
        assert evaluation is not None and evaluation.count == 5
        assert evaluation.scores == expected_counts(RATERS)
        # Nobody learnt who answered: each answerer only that they did, the others nothing.
        for person in people.values():
            assert_not_told_who_answered(person, {people[r].id for r in RATERS})

        close = await acked(fac, StartEvaluation(close=True))
        await all_caught_up(live, people)
        expected = Evaluation(
            open=False,
            count=5,
            answered=(),  # who answered is let go at the close, for everyone
            scores=expected_counts(RATERS),
            lines=tuple(sorted((ANSWERS[n][1] for n in RATERS if ANSWERS[n][1]), key=str.casefold)),
        )
        released: set[str] = set()
        for name, person in people.items():
            shown = [(seq, e) for seq, e in evaluations_heard(person) if e.scores or e.lines]
            assert shown == [(close.seq, expected)], f"{name}: the aggregates once, at the close"
            (event,) = [e for e in person.events() if e.seq == close.seq]
            assert event.actor == fac.id, "the close is the facilitator's, nobody else's"
            puts = [c for c in event.changes if isinstance(c, EvaluationPut)]
            released.add(puts[0].model_dump_json())
            assert board_of(person).evaluation == expected, name
            # After the close too: never one person's ratings, never the op.
            assert_no_rating_in(person.name, person.frames)
            after = person.frames[before[name] :]
            assert all("Anna-lijn" not in f for f in person.frames[: before[name]])
            assert any("Anna-lijn" in f for f in after)
        assert len(released) == 1, "one release, the same bytes for everyone"
        (release,) = released
        put = EvaluationPut.model_validate_json(release)
        assert put.evaluation.lines == expected.lines, "the lines, without names"
        assert set(json.loads(release)["evaluation"]) == {
            "open",
            "count",
            "answered",
            "scores",
            "lines",
        }, "nothing that could tie a line or a rating to a person"

        # A closed evaluation is final: no answers, no reopening.
        too_late = await people["ilse"].op(Evaluate(scores=ANSWERS["anna"][0]))
        assert isinstance(too_late, Reject) and too_late.key == "refused.no_evaluation"
        reopen = await fac.op(StartEvaluation())
        assert isinstance(reopen, Reject) and reopen.key == "refused.evaluation_closed"

        # Whoever comes in now gets the aggregates in the snapshot, still without names.
        hanna = Person("Hanna", CODE, "Later")
        people["hanna"] = hanna
        welcome = await hanna.connect(live.url)
        assert welcome.snapshot is not None and welcome.snapshot.evaluation == expected

        # A clean stop: the journal starts afresh, the file holds the aggregates only.
        await live.stop()
        assert [list(entry) for entry in journal_lines(live)] == [["base", "done"]]
        saved = load_session(live.path)
        assert saved.evaluation == expected
        text = live.path.read_text(encoding="utf-8")
        for name in RATERS:
            scores = ANSWERS[name][0]
            assert json.dumps(scores) not in text
            assert not any(f"{norm} = {value}\n" in text for norm, value in scores.items())
    finally:
        for person in people.values():
            await person.close()
        await live.stop()


async def test_with_two_answers_nothing_is_ever_shown_nor_kept(tmp_path: Path) -> None:
    assert MIN_ANSWERS == 5
    live = await start_relay(session_file(tmp_path, phase="afsluiten"))
    people = await seated(live, "anna", "bram", "dewi")
    try:
        fac = people["fac"]
        await acked(fac, StartEvaluation())
        await answer(people["anna"], "anna")
        await answer(people["bram"], "bram")
        close = await acked(fac, StartEvaluation(close=True))
        await all_caught_up(live, people)
        for name, person in people.items():
            assert_nothing_shown_in(person.name, person.frames)
            board = board_of(person)
            assert board.evaluation == Evaluation(open=False, count=2), name
            (event,) = [e for e in person.events() if e.seq == close.seq]
            (put,) = [c for c in event.changes if isinstance(c, EvaluationPut)]
            assert put.evaluation.scores == {} and put.evaluation.lines == ()
        evaluation = live.room.session.evaluation
        assert evaluation is not None
        assert evaluation.scores == {} and evaluation.lines == (), "the relay let go of them"
        refusal = await people["dewi"].op(Evaluate(scores=ANSWERS["dewi"][0]))
        assert isinstance(refusal, Reject) and refusal.key == "refused.no_evaluation"

        await live.stop()
        text = live.path.read_text(encoding="utf-8")
        assert "[evaluation.scores]" not in text and "lines" not in text
        assert "\n[evaluation]\nopen = false\ncount = 2\n" in text
        for name in ("anna", "bram"):
            assert ANSWERS[name][1] not in text
        assert [list(entry) for entry in journal_lines(live)] == [["base", "done"]]
        assert load_session(live.path).evaluation == board_of(people["fac"]).evaluation
    finally:
        for person in people.values():
            await person.close()
        await live.stop()


# At rest (journal, file) an open evaluation is only "open": no running aggregate that the
# first answer, or the difference of two writes, would give away (views.at_rest).


async def test_the_journal_of_an_open_evaluation_holds_no_individual_rating(
    tmp_path: Path,
) -> None:
    live = await start_relay(session_file(tmp_path, phase="afsluiten"))
    people = await seated(live, "anna", "bram")
    try:
        await acked(people["fac"], StartEvaluation())
        await answer(people["anna"], "anna")
        await answer(people["bram"], "bram")
        assert scores_in_journal(live) == [], "the journal names who gave which ratings"
    finally:
        for person in people.values():
            await person.close()
        await live.stop()


async def test_a_checkpoint_of_an_open_evaluation_holds_no_individual_rating(
    tmp_path: Path,
) -> None:
    live = await start_relay(session_file(tmp_path, phase="afsluiten"))
    people = await seated(live, "anna")
    try:
        await acked(people["fac"], StartEvaluation())
        await answer(people["anna"], "anna")
        live.room.checkpoint()  # what the relay does every 30 seconds
        text = live.path.read_text(encoding="utf-8")
        assert "[evaluation.scores]" not in text, "one answer: the file holds Anna's ratings"
    finally:
        for person in people.values():
            await person.close()
        await live.stop()


async def test_one_person_on_three_seats_learns_nothing_of_the_only_other_answer(
    tmp_path: Path,
) -> None:
    """Bram sits at the table three times (two extra seats, each with its own name) and
    answers three times; Anna answers once. With the old minimum of three, the totals minus
    Bram's own three answers would be Anna's ratings and line. Four answers stay under the
    minimum of five: no frame of anyone — Bram's seats, a watching participant, the
    facilitator — ever carries a figure or a line, nor says that it was Anna who answered."""
    live = await start_relay(session_file(tmp_path, phase="afsluiten"))
    people = await seated(live, "anna", "bram", "bram2", "bram3", "wim")
    try:
        fac, anna = people["fac"], people["anna"]
        assert len({p.id for p in people.values()}) == 6, "three seats, three ids"
        await acked(fac, StartEvaluation())
        anna_answer = await answer(anna, "anna")
        for seat in ("bram", "bram2", "bram3"):
            scores, line = ANSWERS["bram"]
            await acked(people[seat], Evaluate(scores=scores, line=line))
        await all_caught_up(live, people)
        answerers = {anna.id, *(people[s].id for s in ("bram", "bram2", "bram3"))}
        for person in people.values():
            assert board_of(person).evaluation == Evaluation(
                count=4, answered=(person.id,) if person.id in answerers else ()
            ), person.name
            assert_not_told_who_answered(person, answerers)
            assert_nothing_shown_in(person.name, person.frames)
        # Anna's answer's event itself: its actor goes to Anna alone.
        for person in people.values():
            (event,) = [e for e in person.events() if e.seq == anna_answer.seq]
            assert event.actor == (anna.id if person is anna else ""), (person.name, event)

        close = await acked(fac, StartEvaluation(close=True))
        await all_caught_up(live, people)
        for person in people.values():
            assert_nothing_shown_in(person.name, person.frames)
            assert_not_told_who_answered(person, answerers - {person.id})
            assert board_of(person).evaluation == Evaluation(open=False, count=4), person.name
            assert any(e.seq == close.seq for e in person.events())
        await live.stop()
        text = live.path.read_text(encoding="utf-8")
        assert "[evaluation.scores]" not in text and ANSWERS["anna"][1] not in text
        assert anna.id not in text.split("[evaluation]")[1].split("\n[")[0], "nor who"
    finally:
        for person in people.values():
            await person.close()
        await live.stop()
