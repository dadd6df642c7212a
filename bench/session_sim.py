"""Session simulation: 40 participants write privately, then the facilitator reveals.

Target: the reveal of 400 cards is complete on all 40 participant boards within
250 ms on this 2-core machine; no hidden card text reaches anyone but its author before the
reveal.

How it is measured
------------------
Every run starts from nothing: a fresh session file (`templates.new_session` from the
`rivierenland` template, moved to the phase `verzamelen` where participants may add cards,
saved with `store.save_session`) and a fresh relay, the real command
`python -m tui_board relay FILE --bind 127.0.0.1 --port 0 --code ... --facilitator-code ...`
in its own process (its log in the temp folder; the port is read back from it).

All clients run in this process on one event loop: raw websockets connections with the
board's own settings that speak the protocol (hello -> welcome, op -> ack/reject, events),
no RelayClient and no TUI. Each keeps every raw frame it receives and applies what it
receives the way a board does, as far as cards go: the welcome's snapshot (or its events),
then every event in order (`card_put` adds or updates a card, `card_removed` drops it),
checking that the sequence numbers follow on without gaps.

A run:
1. The facilitator joins (facilitator code) and sends SetPrivate(on=True); acknowledged.
2. Three observers (view=True) join, to check other ways in: the "projector" stays
   connected while the cards are written (live events), the "returner" leaves at once and
   comes back after the writing with its token and `since` (the relay sends the missed
   events from its history), the "latecomer" joins after the writing (a snapshot). All
   three leave again before the reveal, so the reveal goes to the facilitator and the
   participants only.
3. 40 participants join (20 at a time), then each sends 10 AddCard ops, spread at random
   over --spread seconds (default 2 s; 10 ops stay under OP_BURST=60, so nothing is
   refused by the rate limit; refusals are counted). A card's text starts with a unique
   secret, `GEHEIM-<n>-<uuid4 hex>`, followed by a realistic text of 40-200 characters.
4. When all 400 ops are acknowledged and every board has every event, the frames received
   so far are marked "before the reveal", this process's garbage collector is switched
   off, and the facilitator sends Reveal(). The clock starts just before that send; a
   board is complete when it holds all 400 cards, none hidden. The run's figure is the
   moment the LAST of the 40 participant boards is complete.
   That moment is taken after the board applied the frame in this process, where the 40
   boards take turns on one core: the figure includes this process's own serial work on
   40 copies of the event (`bench_apply_ms`), which on real machines happens in parallel.
   The arrival of the last frame (`last_arrival_ms`) is printed beside it.
5. Leaks: every frame every client received before the reveal (the welcome included) is
   searched for the uuid of every secret; one of another author's uuids counts as a leak.
   As a control the search must find each author's own 10 secrets in its own frames, and
   after the reveal all 400 on every participant board. With --anonymous (an anonymous
   session) every frame is also searched for a card author other than the receiver
   (`authors_shown`, must be 0).

The relay's CPU time (utime+stime from /proc/PID/stat) is read when it listens, after the
joins, after the writing and when the reveal is complete: relay_cpu_s is the whole
session (from listening to the reveal complete; start-up and the stop not included).
For the reveal alone, /proc/PID/task/*/schedstat gives the relay's time on a CPU and its
time runnable but waiting for one (nanoseconds), and the same for this process: the waiting
shows how much of a slow run is other load on the machine rather than work.
Afterwards the relay is stopped with SIGTERM and the saved TOML is checked (400 cards, none
hidden). Also timed once per run, as a real board would do it after the frame arrived:
`SERVER_MESSAGE.validate_json` of the reveal frame plus `rules.apply_changes` (no drawing).

Then, in the same run and on the same relay (the reveal's figures are taken first):
6. Voting: the facilitator moves the room to `prioriteren`; all participants each send 3
   Vote(+1) ops at once on revealed cards; when all are acknowledged and every board has every
   event, the facilitator sends CloseVoting(closed=True). A board is complete when it applied
   a `votes_shown` change holding all the dots (participants x 3); the figure is the moment
   the LAST participant board is complete. Leaks: every `vote_put` of another voter a board
   receives while it has not yet seen the round closed (must be 0).
7. Consent: the facilitator moves to `afspreken`, drafts agreement a1 and starts its round;
   all participants answer at once (werkbaar, every 8th a bedenking with a text); then the
   facilitator sends CloseAnswers (answering closed: every answer shown to all, before the
   choice). A board is complete when it applied an `agreement_put` with status beraad and
   every participant's answer. Leaks: every answer
   of another participant with a kind other than "verborgen" (or a text) in an
   `agreement_put` still in_ronde (must be 0).

Statistics: p50/p99 of the per-run "last board complete" times over --runs runs (with 7
runs p99 is nearly the worst run); the spread over all 40 boards of all runs is printed as
well. The last line is
`session_sim participants=40 reveal_p50_ms=... reveal_p99_ms=... relay_cpu_s=... leaked=...`
with relay_cpu_s the median over the runs and leaked the sum over all runs, followed by
`session_sim votes participants=40 close_p50_ms=... close_p99_ms=... leaked=...` and
`session_sim consent participants=40 close_p50_ms=... close_p99_ms=... leaked=...`.

Run: .venv/bin/python bench/session_sim.py [--runs N] [--participants N] [--cards N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
from _common import CLIENT_OPTIONS, SEED, card_text, machine, percentile
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tui_board.core.model import Session
from tui_board.core.ops import (
    AddCard,
    AnswerOp,
    CloseAnswers,
    CloseVoting,
    DraftAgreement,
    Reveal,
    SetPhase,
    SetPrivate,
    StartRound,
    TimerOp,
    VoteOp,
)
from tui_board.core.rules import apply_changes
from tui_board.files.store import load_session, save_session
from tui_board.live.protocol import SERVER_MESSAGE, Event, Hello, OpMessage, Welcome
from tui_board.live.relay import OP_BURST, OP_RATE

JOIN_CODE = "SIMU-LJNT"
FACILITATOR_CODE = "SIMU-LFAC"
WRITING_PHASE = "verzamelen"
VOTING_PHASE = "prioriteren"
CONSENT_PHASE = "afspreken"
VOTES_EACH = 3
TARGET_MS = 250.0
UUID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
AUTHOR = re.compile(r'"author":"([^"]+)"')
ORGANISATIONS = (
    "Gemeente Tiel",
    "Gemeente Culemborg",
    "Wijkteam Tiel-Oost",
    "GGD Gelderland-Zuid",
    "Woonstichting De Kernen",
    "Ziekenhuis Rivierenland",
    "Welzijn Rivierenland",
    "ROC Rivor",
)

Args = argparse.Namespace


# --- the relay, in its own process -------------------------------------------------------


class RelayProcess:
    """`python -m tui_board relay FILE` with its log in a file."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.log_path = folder / "relay.log"
        argv = common.relay_argv(path, JOIN_CODE, FACILITATOR_CODE)
        self.proc = common.spawn_logged(argv, folder, self.log_path)

    async def port(self, timeout: float = 30.0) -> int:
        """The port the relay reports in its log (it listens on port 0)."""
        return await common.logged_port(self.proc, self.log_path, "the relay", timeout)

    def cpu_s(self) -> float:
        """User + system CPU seconds the relay used so far."""
        return common.cpu_s(self.proc.pid)

    def sched(self) -> tuple[float, float]:
        """Seconds on a CPU and seconds waiting for one (run queue), all threads (ns clock)."""
        return common.sched(self.proc.pid)

    async def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM (the relay saves and exits); kill after `timeout`. The exit code."""
        return (await common.stop_process(self.proc, timeout))[0]

    def kill(self) -> None:
        common.kill_process(self.proc)


def fresh_session(path: Path, anonymous: bool) -> Session:
    """The rivierenland template, in the phase where participants may add cards."""
    session = common.template_session("Sessiesimulatie")
    session = session.model_copy(update={"phase": WRITING_PHASE})
    if anonymous:
        meta = session.session.model_copy(update={"anonymous": True})
        session = session.model_copy(update={"session": meta})
    save_session(session, path)
    return session


# --- the clients, all in this process ------------------------------------------------------


class Board:
    """One raw connection that keeps every frame and applies what it receives to its cards."""

    def __init__(self, name: str, ws: ClientConnection, welcome: str, stamp: float) -> None:
        self.name = name
        self.ws = ws
        self.frames: list[tuple[float, str]] = [(stamp, welcome)]
        self.cards: set[str] = set()
        self.hidden: set[str] = set()
        self.seq = 0
        self.gaps = 0
        self.acks: dict[str, int] = {}
        self.rejects: list[str] = []
        self.own_ids: set[str] = set()
        self.own_uuids: set[str] = set()
        self.reveal_mark = -1
        """How many frames arrived before the reveal was sent (-1: not yet sent)."""
        self.target = 0
        """Cards a complete board holds after the reveal; 0 until the reveal is sent."""
        self.done_at = 0.0
        self.done_arrival = 0.0
        self.done = asyncio.Event()
        self.apply_s = 0.0
        """Seconds this process spent applying frames after the reveal was sent."""
        self.goal: Callable[[dict[str, Any]], bool] | None = None
        """A change that completes this board in the voting or consent measurement."""
        self.goal_at = 0.0
        self.goal_arrival = 0.0
        self.goal_done = asyncio.Event()
        self.voting_closed = False
        self.vote_leaks = 0
        """Others' `vote_put` changes received while the voting round was open."""
        self.answer_leaks = 0
        """Others' answers shown (not "verborgen") in an agreement still in its round."""
        self.own_votes = 0
        self.hidden_answers = 0
        """Controls: own `vote_put`s and others' "verborgen" answers seen while open."""
        data = json.loads(welcome)
        self.token: str = data["token"]
        self.you: str = data["you"]["id"]
        self.resumed = data.get("snapshot") is None
        if data.get("snapshot") is not None:
            self.seq = data["seq"]
            for card in data["snapshot"].get("cards", ()):  # (left out when empty)
                self._put(card)
        else:
            events = data["events"]
            self.seq = events[0]["seq"] - 1 if events else data["seq"]
            for event in events:
                self._event(event)
        self.task = asyncio.create_task(self._read())

    def _put(self, card: dict[str, Any]) -> None:
        self.cards.add(card["id"])
        if card.get("hidden"):
            self.hidden.add(card["id"])
        else:
            self.hidden.discard(card["id"])

    def _event(self, event: dict[str, Any], stamp: float = 0.0) -> None:
        follows = event["seq"] - 1 if event.get("after") is None else event["after"]
        if follows != self.seq:  # an event may skip seqs with nothing for this board
            self.gaps += 1
        self.seq = event["seq"]
        for change in event["changes"]:
            kind = change["type"]
            if kind == "card_put":
                self._put(change["card"])
            elif kind == "card_removed":
                self.cards.discard(change["card_id"])
                self.hidden.discard(change["card_id"])
            elif kind == "state_put":
                self.voting_closed = change.get("voting") == "closed"
            elif kind == "vote_put":
                if change["voter"] == self.you:
                    self.own_votes += 1
                elif not self.voting_closed:
                    self.vote_leaks += 1
            elif kind == "agreement_put" and change["agreement"]["status"] == "in_ronde":
                for answer in change["agreement"]["answers"]:
                    if answer["participant"] == self.you:
                        continue
                    if answer["kind"] != "verborgen" or answer.get("text"):
                        self.answer_leaks += 1
                    else:
                        self.hidden_answers += 1
            if self.goal is not None and not self.goal_done.is_set() and self.goal(change):
                self.goal_at = time.perf_counter()
                self.goal_arrival = stamp
                self.goal_done.set()

    async def _read(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for raw in self.ws:
                stamp = time.perf_counter()
                text = raw if isinstance(raw, str) else raw.decode()
                self.frames.append((stamp, text))
                message = json.loads(text)
                kind = message["type"]
                if kind == "event":
                    self._event(message, stamp)
                    if self.target:
                        self._check(stamp)
                elif kind == "ack":
                    self.acks[message["op_id"]] = message["seq"]
                elif kind == "reject":
                    self.rejects.append(text)
                if self.target:
                    self.apply_s += time.perf_counter() - stamp

    def _check(self, stamp: float) -> None:
        if not self.done.is_set() and len(self.cards) >= self.target and not self.hidden:
            self.done_at = time.perf_counter()
            self.done_arrival = stamp
            self.done.set()

    def answered(self) -> int:
        return len(self.acks) + len(self.rejects)

    async def close(self) -> None:
        await common.close_reader(self.ws, self.task)


async def join(
    url: str,
    name: str,
    *,
    code: str = JOIN_CODE,
    organisation: str = "",
    view: bool = False,
    token: str | None = None,
    since: int | None = None,
) -> Board:
    """Open a connection, say hello and take the welcome."""
    ws = await connect(url, **CLIENT_OPTIONS)
    hello = Hello(
        code=code, name=name, organisation=organisation, view=view, token=token, since=since
    )
    await ws.send(hello.model_dump_json())
    first = await asyncio.wait_for(ws.recv(decode=True), 60)
    stamp = time.perf_counter()
    assert isinstance(first, str)
    if not first.startswith('{"type":"welcome"'):
        await ws.close()
        raise RuntimeError(f"{name}: no welcome but {first[:200]}")
    return Board(name, ws, first, stamp)


async def until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait until `check()` holds; raise after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


async def send_op(board: Board, op_id: str, op: Any, timeout: float = 10.0) -> int:
    """Send one op and wait for its answer; the event seq it became."""
    await board.ws.send(OpMessage(op_id=op_id, op=op).model_dump_json())
    await until(lambda: op_id in board.acks or bool(board.rejects), timeout, op_id)
    if op_id not in board.acks:
        raise RuntimeError(f"{op_id} refused: {board.rejects[-1]}")
    return board.acks[op_id]


_barriers = iter(range(1, 1_000_000))


async def settled(boards: Sequence[Board], facilitator: Board, timeout: float = 30.0) -> None:
    """Wait until every board has every event sent so far. The relay sends a board only the
    events with something for it (another's private card is not), so the last seq of the
    room is no barrier: the facilitator starts the timer, a change every board is sent, and
    every board must reach that event."""
    seq = await send_op(
        facilitator, f"barrier-{next(_barriers)}", TimerOp(action="start", seconds=3600)
    )
    await until(lambda: all(b.seq >= seq for b in boards), timeout, f"all boards at {seq}")


@dataclass
class Writes:
    """The ops of one participant: (card id, uuid, encoded op message)."""

    ops: list[tuple[str, str, str]] = field(default_factory=list)


def make_writes(
    participants: int, cards: int, themes: Sequence[str], rng: random.Random
) -> list[Writes]:
    out = []
    number = 0
    for person in range(participants):
        writes = Writes()
        for index in range(cards):
            card_id = f"g{person:03d}-{index:03d}"
            secret = uuid.UUID(int=rng.getrandbits(128), version=4).hex
            text = f"GEHEIM-{number}-{secret} {card_text(rng)}"
            op = AddCard(card_id=card_id, theme=rng.choice(themes), text=text)
            message = OpMessage(op_id=f"o{card_id}", op=op).model_dump_json()
            writes.ops.append((card_id, secret, message))
            number += 1
        out.append(writes)
    return out


async def write(board: Board, writes: Writes, spread: float, rng: random.Random) -> None:
    """Send this participant's ops at random moments within `spread` seconds."""
    moments = sorted(rng.uniform(0, spread) for _ in writes.ops)
    start = time.perf_counter()
    for moment, (_, _, message) in zip(moments, writes.ops, strict=True):
        delay = start + moment - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await board.ws.send(message)


# --- one run ---------------------------------------------------------------------------------


@dataclass
class Run:
    """What one run measured."""

    number: int
    last_ms: float = float("nan")
    last_arrival_ms: float = float("nan")
    board_ms: list[float] = field(default_factory=list)
    facilitator_ms: float = float("nan")
    ack_ms: float = float("nan")
    bench_apply_ms: float = 0.0
    board_apply_ms: float = float("nan")
    reveal_kb: float = 0.0
    join_s: float = 0.0
    write_s: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    sched: dict[str, float] = field(default_factory=dict)
    load: float = 0.0
    leaked: int = 0
    foreign_ids: int = 0
    own_seen: int = 0
    after_seen: int = 0
    authors_shown: int = 0
    log_problems: list[str] = field(default_factory=list)
    rejects: int = 0
    gaps: int = 0
    paths: str = ""
    exit_code: int | None = None
    saved: str = ""
    votes: Close | None = None
    consent: Close | None = None


@dataclass
class Close:
    """What one closing (of the voting or of a consent round) measured."""

    last_ms: float = float("nan")
    last_arrival_ms: float = float("nan")
    board_ms: list[float] = field(default_factory=list)
    facilitator_ms: float = float("nan")
    ops_s: float = 0.0
    refused: int = 0
    leaked: int = 0
    control: int = 0
    """Own votes (voting) or others' hidden answers (consent) seen: the check sees frames."""


def leaks(board: Board, all_uuids: set[str]) -> tuple[int, int]:
    """Others' secrets and distinct own secrets in the frames before the reveal."""
    leaked = 0
    own: set[str] = set()
    for _, text in board.frames[: board.reveal_mark]:
        for found in UUID.findall(text):
            if found in board.own_uuids:
                own.add(found)
            elif found in all_uuids:
                leaked += 1
    return leaked, len(own)


def board_apply_ms(participant: Board) -> float:
    """A real board's work on the reveal frame: parse it with pydantic, apply_changes."""
    welcome = SERVER_MESSAGE.validate_json(participant.frames[0][1])
    assert isinstance(welcome, Welcome) and welcome.snapshot is not None
    session = welcome.snapshot
    for _, text in participant.frames[1 : participant.reveal_mark]:
        if text.startswith('{"type":"event"'):
            event = SERVER_MESSAGE.validate_json(text)
            assert isinstance(event, Event)
            session = apply_changes(session, event.changes)
    later = [t for _, t in participant.frames[participant.reveal_mark :]]
    reveal = next((t for t in later if t.startswith('{"type":"event"')), "")
    if not reveal:
        return float("nan")
    gc.collect()
    start = time.perf_counter()
    event = SERVER_MESSAGE.validate_json(reveal)
    assert isinstance(event, Event)
    session = apply_changes(session, event.changes)
    elapsed = (time.perf_counter() - start) * 1000
    assert all(not card.hidden for card in session.cards), "a card is still hidden"
    return elapsed


async def closing(
    facilitator: Board,
    participants: Sequence[Board],
    ops: Sequence[tuple[Board, str, str]],
    close: tuple[str, Any],
    goal: Callable[[dict[str, Any]], bool],
    leaks_of: Callable[[Board], tuple[int, int]],
    timeout: float,
) -> Close:
    """Send `ops` (board, op id, message) all at once; when all are answered and every board
    has every event, the facilitator sends `close` (op id, op). The clock starts just before
    that send; a board is complete when it applied a change for which `goal` holds."""
    result = Close()
    live = [facilitator, *participants]
    answered = sum(b.answered() for b in participants)
    refused = sum(len(b.rejects) for b in participants)
    start = time.perf_counter()
    await asyncio.gather(*(board.ws.send(message) for board, _, message in ops))
    await until(
        lambda: sum(b.answered() for b in participants) >= answered + len(ops), 60, "the ops"
    )
    result.ops_s = time.perf_counter() - start
    result.refused = sum(len(b.rejects) for b in participants) - refused
    await settled(live, facilitator)
    await asyncio.sleep(0.3)  # the room is quiet
    for board in live:
        board.goal = goal
        board.goal_done = asyncio.Event()
    close_id, close_op = close
    gc.collect()
    gc.disable()
    try:
        sent = time.perf_counter()
        await facilitator.ws.send(OpMessage(op_id=close_id, op=close_op).model_dump_json())
        await asyncio.wait_for(asyncio.gather(*(b.goal_done.wait() for b in live)), timeout)
    except TimeoutError:
        behind = [b.name for b in live if not b.goal_done.is_set()]
        raise RuntimeError(
            f"{len(behind)} boards incomplete {timeout:.0f} s after {close_id}, e.g. {behind[0]}"
        ) from None
    finally:
        gc.enable()
    for board in live:
        board.goal = None
    await until(lambda: close_id in facilitator.acks, 10, f"the ack of {close_id}")
    result.board_ms = [(b.goal_at - sent) * 1000 for b in participants]
    result.last_ms = max(result.board_ms)
    result.last_arrival_ms = max((b.goal_arrival - sent) * 1000 for b in participants)
    result.facilitator_ms = (facilitator.goal_at - sent) * 1000
    result.leaked = sum(leaks_of(b)[0] for b in live)
    result.control = sum(leaks_of(b)[1] for b in live)
    return result


async def vote_and_close(
    facilitator: Board, participants: Sequence[Board], rng: random.Random, timeout: float
) -> Close:
    """Voting: every participant puts VOTES_EACH dots on revealed cards, then the close."""
    await send_op(facilitator, "o-phase-vote", SetPhase(phase=VOTING_PHASE))
    card_ids = sorted(facilitator.cards)
    votes = []
    for n, board in enumerate(participants):
        for k, card_id in enumerate(rng.sample(card_ids, VOTES_EACH)):
            op_id = f"o-vote-{n:03d}-{k}"
            op = VoteOp(card_id=card_id, delta=1)
            votes.append((board, op_id, OpMessage(op_id=op_id, op=op).model_dump_json()))
    dots = len(votes)
    return await closing(
        facilitator,
        participants,
        votes,
        ("o-close-voting", CloseVoting(closed=True)),
        lambda c: c["type"] == "votes_shown" and sum(v["dots"] for v in c["votes"]) == dots,
        lambda b: (b.vote_leaks, b.own_votes),
        timeout,
    )


async def consent_and_close(
    facilitator: Board, participants: Sequence[Board], rng: random.Random, timeout: float
) -> Close:
    """Consent: a drafted agreement, a round, every participant answers, then the close."""
    await send_op(facilitator, "o-phase-consent", SetPhase(phase=CONSENT_PHASE))
    draft = DraftAgreement(
        agreement_id="a1",
        what="Eén gezamenlijk aanspreekpunt per gezin, te beginnen in twee wijken in Tiel.",
        why="Nu loopt iedereen langs elkaar heen en vallen inwoners tussen wal en schip.",
        owners=(),
    )
    await send_op(facilitator, "o-draft", draft)
    await send_op(facilitator, "o-round", StartRound(agreement_id="a1"))
    answers = []
    for n, board in enumerate(participants):
        concern = n % 8 == 7
        op = AnswerOp(
            agreement_id="a1",
            kind="bedenking" if concern else "werkbaar",
            text=card_text(rng) if concern else "",
        )
        op_id = f"o-answer-{n:03d}"
        answers.append((board, op_id, OpMessage(op_id=op_id, op=op).model_dump_json()))
    everyone = len(participants)
    return await closing(
        facilitator,
        participants,
        answers,
        ("o-close-answers", CloseAnswers(agreement_id="a1")),
        lambda c: (
            c["type"] == "agreement_put"
            and c["agreement"]["id"] == "a1"
            and c["agreement"]["status"] == "beraad"
            and len(c["agreement"]["answers"]) == everyone
        ),
        lambda b: (b.answer_leaks, b.hidden_answers),
        timeout,
    )


async def one_run(number: int, args: Args) -> Run:
    run = Run(number)
    folder: Path = args.folder / f"run-{number}"
    folder.mkdir()
    path = folder / "sessie.toml"
    session = fresh_session(path, args.anonymous)
    themes = [theme.id for theme in session.themes]
    rng = random.Random(SEED + number)
    plan = make_writes(args.participants, args.cards, themes, rng)
    total = args.participants * args.cards
    all_uuids = {secret for writes in plan for _, secret, _ in writes.ops}
    relay = RelayProcess(path, folder)
    boards: list[Board] = []
    try:
        url = f"ws://127.0.0.1:{await relay.port()}"
        cpu_listening = relay.cpu_s()
        facilitator = await join(url, "Marieke de Vries", code=FACILITATOR_CODE)
        boards.append(facilitator)
        await send_op(facilitator, "o-private", SetPrivate(on=True))
        projector = await join(url, "Beamer", view=True)
        returner = await join(url, "Terugkomer", view=True)
        boards += [projector, returner]
        returner_token, returner_seq = returner.token, returner.seq
        returner.reveal_mark = len(returner.frames)
        await returner.close()

        start = time.perf_counter()
        participants: list[Board] = []
        names = [f"Deelnemer {n:02d}" for n in range(args.participants)]
        for first in range(0, len(names), 20):
            participants += await asyncio.gather(
                *(
                    join(url, name, organisation=ORGANISATIONS[n % len(ORGANISATIONS)])
                    for n, name in enumerate(names[first : first + 20], first)
                )
            )
        boards += participants
        live = [facilitator, projector, *participants]
        await settled(live, facilitator)
        run.join_s = time.perf_counter() - start
        cpu_joined = relay.cpu_s()

        for board, writes in zip(participants, plan, strict=True):
            board.own_ids = {card_id for card_id, _, _ in writes.ops}
            board.own_uuids = {secret for _, secret, _ in writes.ops}
        start = time.perf_counter()
        await asyncio.gather(
            *(
                write(board, writes, args.spread, random.Random(rng.random()))
                for board, writes in zip(participants, plan, strict=True)
            )
        )
        await until(
            lambda: sum(b.answered() for b in participants) >= total, 60, "every op answered"
        )
        run.write_s = time.perf_counter() - start
        run.rejects = sum(len(b.rejects) for b in participants)
        if run.rejects:
            print(f"  refused: {participants[0].rejects[:1] or run.rejects}", flush=True)
        await settled(live, facilitator)
        cpu_written = relay.cpu_s()

        # Other ways in before the reveal: resume from history, and a fresh snapshot.
        back = await join(url, "Terugkomer", view=True, token=returner_token, since=returner_seq)
        late = await join(url, "Laatkomer", view=True)
        boards += [back, late]
        await settled([back, late], facilitator, 5)
        run.paths = (
            f"returner={'events' if back.resumed else 'snapshot'}({back.seq - returner_seq}) "
            f"latecomer={'events' if late.resumed else 'snapshot'}"
        )
        for observer in (projector, back, late):
            observer.reveal_mark = len(observer.frames)
            await observer.close()
        await asyncio.sleep(0.3)  # their presence frames are through; the room is quiet
        run.foreign_ids = sum(len(b.cards - b.own_ids) for b in participants) + len(
            facilitator.cards
        )

        # The reveal.
        cpu_before = relay.cpu_s()
        relay_before, bench_before = relay.sched(), common.sched("self")
        for board in (facilitator, *participants):
            board.reveal_mark = len(board.frames)
            board.target = total
        gc.collect()
        gc.disable()
        try:
            sent = time.perf_counter()
            await facilitator.ws.send(OpMessage(op_id="o-reveal", op=Reveal()).model_dump_json())
            await asyncio.wait_for(
                asyncio.gather(*(b.done.wait() for b in (facilitator, *participants))),
                args.timeout,
            )
        except TimeoutError:
            behind = [b for b in (facilitator, *participants) if not b.done.is_set()]
            raise RuntimeError(
                f"{len(behind)} boards incomplete {args.timeout:.0f} s after the reveal, e.g. "
                f"{behind[0].name}: {len(behind[0].cards)} cards, {len(behind[0].hidden)} hidden"
            ) from None
        finally:
            gc.enable()
        cpu_revealed = relay.cpu_s()
        relay_after, bench_after = relay.sched(), common.sched("self")
        run.load = os.getloadavg()[0]
        await until(lambda: "o-reveal" in facilitator.acks, 10, "the reveal's ack")
        ack_stamp = next(s for s, t in reversed(facilitator.frames) if '"o-reveal"' in t)
        run.ack_ms = (ack_stamp - sent) * 1000
        run.board_ms = [(b.done_at - sent) * 1000 for b in participants]
        run.last_ms = max(run.board_ms)
        run.last_arrival_ms = max((b.done_arrival - sent) * 1000 for b in participants)
        run.facilitator_ms = (facilitator.done_at - sent) * 1000
        run.bench_apply_ms = sum(b.apply_s for b in (facilitator, *participants)) * 1000
        reveal_frame = max(
            (t for _, t in participants[0].frames[participants[0].reveal_mark :]), key=len
        )
        run.reveal_kb = len(reveal_frame.encode()) / 1024
        run.sched = {
            "relay_on_cpu": relay_after[0] - relay_before[0],
            "relay_queued": relay_after[1] - relay_before[1],
            "bench_on_cpu": bench_after[0] - bench_before[0],
            "bench_queued": bench_after[1] - bench_before[1],
        }
        run.cpu = {
            "join": cpu_joined - cpu_listening,
            "write": cpu_written - cpu_joined,
            "reveal": cpu_revealed - cpu_before,
            "session": cpu_revealed - cpu_listening,
        }

        # Leaks, with the controls that show the search finds what is there.
        for board in boards:
            leaked, own = leaks(board, all_uuids)
            run.leaked += leaked
            run.own_seen += own
        for board in participants:
            after: set[str] = set()
            for _, text in board.frames[board.reveal_mark :]:
                after.update(u for u in UUID.findall(text) if u in all_uuids)
            run.after_seen += len(after)
        if args.anonymous:  # no card of another participant may carry its author
            for board in boards:
                for _, text in board.frames:
                    run.authors_shown += sum(a != board.you for a in AUTHOR.findall(text))
        run.gaps = sum(b.gaps for b in boards)
        run.board_apply_ms = board_apply_ms(participants[-1])

        # After the reveal, on the same relay: the voting, then a consent round.
        run.votes = await vote_and_close(facilitator, participants, rng, args.timeout)
        run.consent = await consent_and_close(facilitator, participants, rng, args.timeout)

        run.exit_code = await relay.stop()
        run.log_problems = [
            line
            for line in relay.log_path.read_text(errors="replace").splitlines()
            if " WARNING " in line or " ERROR " in line or "Traceback" in line
        ]
        saved = load_session(path)
        shown = sum(1 for c in saved.cards if not c.hidden)
        run.saved = f"{len(saved.cards)}/{total} cards, {shown} shown"
    finally:
        relay.kill()
        await asyncio.gather(*(board.close() for board in boards))
    return run


def describe(run: Run, args: Args) -> str:
    participants = args.participants
    total = participants * args.cards
    cpu = " ".join(f"{key}={value:.2f}" for key, value in run.cpu.items())
    anonymous = f" authors_shown={run.authors_shown}" if args.anonymous else ""
    during = " ".join(f"{key}_ms={value * 1000:.0f}" for key, value in run.sched.items())
    return (
        f"  run={run.number} last_board_ms={run.last_ms:.1f} "
        f"p50_board_ms={percentile(run.board_ms, 50):.1f} "
        f"first_board_ms={min(run.board_ms):.1f} last_arrival_ms={run.last_arrival_ms:.1f} "
        f"bench_apply_ms={run.bench_apply_ms:.1f} facilitator_ms={run.facilitator_ms:.1f} "
        f"reveal_ack_ms={run.ack_ms:.1f} reveal_frame_kb={run.reveal_kb:.0f} "
        f"board_parse_apply_ms={run.board_apply_ms:.1f}\n"
        f"        during the reveal: {during} loadavg_1min={run.load:.2f}\n"
        f"        join_s={run.join_s:.2f} write_s={run.write_s:.2f} relay_cpu_s {cpu}\n"
        f"        leaked={run.leaked} foreign_ids_before={run.foreign_ids} "
        f"own_secrets_seen={run.own_seen}/{total} "
        f"after_reveal_seen={run.after_seen}/{participants * total} refused={run.rejects} "
        f"seq_gaps={run.gaps} {run.paths}{anonymous} sigterm_exit={run.exit_code} saved={run.saved}"
        f" relay_log_problems={len(run.log_problems)}"
        + "".join(f"\n        relay log: {line}" for line in run.log_problems[:3])
    )


def describe_close(what: str, close: Close | None) -> str:
    if close is None:
        return f"        {what}: not measured"
    control = "own_votes_seen" if what == "votes" else "hidden_answers_seen"
    return (
        f"        {what}: last_board_ms={close.last_ms:.1f} "
        f"p50_board_ms={percentile(close.board_ms, 50):.1f} "
        f"first_board_ms={min(close.board_ms):.1f} "
        f"last_arrival_ms={close.last_arrival_ms:.1f} "
        f"facilitator_ms={close.facilitator_ms:.1f} ops_s={close.ops_s:.2f} "
        f"refused={close.refused} leaked={close.leaked} {control}={close.control}"
    )


def close_line(what: str, participants: int, closes: Sequence[Close | None]) -> str:
    last = [c.last_ms for c in closes if c is not None]
    leaked = sum(c.leaked for c in closes if c is not None)
    return (
        f"session_sim {what} participants={participants} "
        f"close_p50_ms={percentile(last, 50):.1f} close_p99_ms={percentile(last, 99):.1f} "
        f"leaked={leaked}"
    )


def loadavg() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


async def main(args: Args) -> None:
    with tempfile.TemporaryDirectory(prefix="session-sim-", dir=args.dir) as name:
        args.folder = Path(name)
        print(machine(), flush=True)
        print(
            f"{args.participants} participants x {args.cards} private cards, written within "
            f"{args.spread:.1f} s (relay OP_RATE={OP_RATE:.0f}/s OP_BURST={OP_BURST:.0f}); "
            f"{args.runs} runs, each on a fresh session file and a fresh relay process; "
            f"anonymous={args.anonymous}; loadavg_before={loadavg()}",
            flush=True,
        )
        runs: list[Run] = []
        for number in range(1, args.runs + 1):
            run = await one_run(number, args)
            runs.append(run)
            print(describe(run, args), flush=True)
            print(describe_close("votes", run.votes), flush=True)
            print(describe_close("consent", run.consent), flush=True)
    last = [run.last_ms for run in runs]
    arrival = [run.last_arrival_ms for run in runs]
    every = [ms for run in runs for ms in run.board_ms]
    cpu = statistics.median(run.cpu["session"] for run in runs)
    reveal_cpu = statistics.median(run.cpu["reveal"] for run in runs)
    leaked = sum(run.leaked for run in runs)
    if args.anonymous:
        print(f"anonymous: authors_shown={sum(run.authors_shown for run in runs)}", flush=True)
    print(
        f"last board complete over {len(runs)} runs: min_ms={min(last):.1f} "
        f"p50_ms={percentile(last, 50):.1f} p99_ms={percentile(last, 99):.1f} "
        f"max_ms={max(last):.1f}; last frame arrival p50_ms={percentile(arrival, 50):.1f}; "
        f"all {len(every)} boards p50_ms={percentile(every, 50):.1f} "
        f"p99_ms={percentile(every, 99):.1f}",
        flush=True,
    )
    on_cpu = statistics.median(run.sched["relay_on_cpu"] for run in runs) * 1000
    queued = [run.sched["relay_queued"] * 1000 for run in runs]
    print(
        f"relay cpu (median per run): session_s={cpu:.2f} reveal_s={reveal_cpu:.3f} "
        f"reveal_on_cpu_ms={on_cpu:.1f}; relay waiting for a CPU during the reveal: "
        f"median_ms={statistics.median(queued):.1f} max_ms={max(queued):.1f}; "
        f"loadavg_after={loadavg()}",
        flush=True,
    )
    holds = percentile(last, 99) <= TARGET_MS and leaked == 0
    print(
        f"target: all boards complete <= {TARGET_MS:.0f} ms and nothing leaked: "
        f"{'OK' if holds else 'NOT MET'}",
        flush=True,
    )
    print(
        f"session_sim participants={args.participants} "
        f"reveal_p50_ms={percentile(last, 50):.1f} reveal_p99_ms={percentile(last, 99):.1f} "
        f"relay_cpu_s={cpu:.2f} leaked={leaked}",
        flush=True,
    )
    print(close_line("votes", args.participants, [run.votes for run in runs]), flush=True)
    print(close_line("consent", args.participants, [run.consent for run in runs]), flush=True)


def parse_args(argv: Sequence[str] | None = None) -> Args:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs (fresh file and relay each)")
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--cards", type=int, default=10, help="private cards per participant")
    parser.add_argument("--spread", type=float, default=2.0, help="seconds the writing takes")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for the reveal")
    parser.add_argument("--anonymous", action="store_true", help="an anonymous session")
    parser.add_argument("--dir", help="folder for the temp session files (default: $TMPDIR)")
    args = parser.parse_args(argv)
    if args.cards >= OP_BURST:
        parser.error(f"--cards must stay under the relay's OP_BURST ({OP_BURST:.0f})")
    return args


async def guarded(args: Args) -> None:
    """main() with a time limit; SIGTERM or ctrl+c cancel it, so the relay is stopped and the
    temp folder removed."""
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, task.cancel)
    await asyncio.wait_for(main(args), 20 * 60)


if __name__ == "__main__":
    try:
        asyncio.run(guarded(parse_args()))
    except asyncio.CancelledError:
        print("session_sim: interrupted", file=sys.stderr)
        sys.exit(130)
