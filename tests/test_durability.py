"""Acknowledged means durable: `kill -9` of a real relay process loses nothing acknowledged.

The relay runs as `python -m tui_board relay …` in its own process; the test talks to it
over a real socket, kills it mid-stream, starts it again on the same file and port, and
checks the cards: in the journal on disk, in what a fresh board sees, and — after a clean
SIGTERM — in the TOML file itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from relaykit import CODE, FACILITATOR_CODE, Raw, facilitator, free_port, join, session_file

from tui_board.core.ops import AddCard
from tui_board.files.store import load_session
from tui_board.live.journal import Journal, token_hash
from tui_board.live.protocol import Ack, OpMessage, Reject

SEED = {"a1", "b1", "a2", "r1", "b2"}
"""The cards of the small session the file starts with."""
FLOOD_END = 200
"""Ops 0–49 are sent one by one, 50 up to here all at once, just before the kill."""


class RelayProcess:
    """`tussenruimte relay FILE` as a child process, its output in files."""

    def __init__(self, path: Path, port: int, logs: Path) -> None:
        self.port = port
        self.log = logs / f"relay-{port}-{id(self)}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tui_board", "relay", str(path)]
                + ["--bind", "127.0.0.1", "--port", str(port)]
                + ["--code", CODE, "--facilitator-code", FACILITATOR_CODE],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parent.parent,
            )

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    async def ready(self, timeout: float = 20.0) -> None:
        """Wait until the port accepts connections (fail if the process ends first)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"the relay ended early:\n{self.output()}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                if loop.time() > deadline:
                    raise AssertionError(f"the relay never listened:\n{self.output()}") from None
                await asyncio.sleep(0.05)
                continue
            writer.close()
            await writer.wait_closed()
            return

    async def wait(self, timeout: float = 15.0) -> int:
        return await asyncio.to_thread(self.process.wait, timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture
def processes() -> Iterator[list[RelayProcess]]:
    started: list[RelayProcess] = []
    yield started
    for process in started:
        process.kill()


def add(n: int) -> AddCard:
    return AddCard(card_id=f"k-{n:03d}", theme="doelen", text=f"Afspraak nummer {n}")


async def read_answers(raw: Raw, answers: dict[str, Ack | Reject], until: int) -> None:
    """Read acks and rejects into `answers` until there are `until` of them."""
    while len(answers) < until:
        message = await raw.expect(lambda m: isinstance(m, Ack | Reject))
        assert isinstance(message, Ack | Reject)
        answers[message.op_id] = message


async def test_kill_9_loses_nothing_acknowledged_and_sigterm_saves(
    tmp_path: Path, processes: list[RelayProcess]
) -> None:
    path = session_file(tmp_path)
    port = free_port()
    first = RelayProcess(path, port, tmp_path)
    processes.append(first)
    await first.ready()

    # 50 ops, each acknowledged before the next.
    ria = await facilitator(first.url)
    acked: set[str] = set()
    first_acks: dict[str, Ack] = {}
    for n in range(50):
        answer = await ria.op(add(n), f"o-{n}")
        assert isinstance(answer, Ack), answer
        acked.add(f"k-{n:03d}")
        first_acks[answer.op_id] = answer

    # 150 more in flight, from three participants (a seat may send 60 ops in a burst, and
    # the facilitator's seat has spent 50). Once the first of them is acknowledged the relay
    # is stopped (SIGSTOP: it takes nothing more), the second half is sent into its socket,
    # and it is killed: some ops are in flight whatever the machine's load.
    floods = [await join(first.url, name=f"Deelnemer {n}") for n in range(3)]
    half = (50 + FLOOD_END) // 2
    for n in range(50, half):
        await floods[n % 3].send(OpMessage(op_id=f"o-{n}", op=add(n)))
    answers: dict[str, Ack | Reject] = {}
    await read_answers(floods[2], answers, 1)
    os.kill(first.process.pid, signal.SIGSTOP)
    for n in range(half, FLOOD_END):
        await floods[n % 3].send(OpMessage(op_id=f"o-{n}", op=add(n)))
    first.kill()
    assert first.process.returncode == -signal.SIGKILL
    # Acks already on their way before the kill count as acknowledged too.
    for raw in (ria, *floods):
        await raw.closed()
        answers.update({m.op_id: m for m in raw.received if isinstance(m, Ack | Reject)})
    assert all(isinstance(a, Ack) for a in answers.values())
    first_acks.update({op_id: a for op_id, a in answers.items() if isinstance(a, Ack)})
    acked |= {f"k-{int(op_id[2:]):03d}" for op_id in answers if int(op_id[2:]) >= 50}
    assert 51 <= len(acked) < FLOOD_END, "the kill came while ops were in flight"
    sent = {f"k-{n:03d}" for n in range(FLOOD_END)}

    # On disk: the TOML (not saved since the start) plus the journal hold every ack. A
    # write torn by a crash (half a line, never acknowledged) is left out and cut off.
    journal = Journal(path)
    whole = journal.path.read_bytes()
    assert whole.endswith(b"\n")
    with journal.path.open("ab") as handle:
        handle.write(b'{"seq":%d,"actor":"ria","op_id":"o-torn","chan' % (10**6))
    toml = load_session(path)
    recovered, seq, entries, _ = journal.recover(toml)
    assert journal.path.read_bytes() == whole, "the torn line is cut off"
    recovered_ids = {c.id for c in recovered.cards}
    assert acked <= recovered_ids, f"lost: {sorted(acked - recovered_ids)}"
    assert recovered_ids <= SEED | sent, "nothing made up"
    assert {c.id for c in toml.cards} < recovered_ids, "the journal carried them, not the TOML"
    assert entries and seq == entries[-1].seq

    # The relay again, on the same file and port: a fresh board sees every acked card.
    second = RelayProcess(path, port, tmp_path)
    processes.append(second)
    await second.ready()
    fresh = await facilitator(second.url)
    assert fresh.welcome is not None and fresh.welcome.snapshot is not None
    seen = {c.id for c in fresh.welcome.snapshot.cards}
    assert acked <= seen and seen == recovered_ids
    assert fresh.welcome.seq >= seq
    texts = {c.id: c.text for c in fresh.welcome.snapshot.cards}
    assert all(texts[f"k-{n:03d}"] == f"Afspraak nummer {n}" for n in range(50))

    # Ops acknowledged before the kill, resent (the same seat: the facilitator's), are
    # acknowledged again with the same seq and not applied again.
    mine = [op_id for op_id in first_acks if int(op_id[2:]) < 50]  # the facilitator's own
    last_acked = max(mine, key=lambda op_id: first_acks[op_id].seq)
    for op_id in ("o-0", last_acked):
        n = int(op_id[2:])
        assert await fresh.op(add(n), op_id) == first_acks[op_id]
    assert fresh.events() == [], "no new events"

    # More ops, then a clean stop: exit code 0 and the TOML holds every card.
    for n in range(FLOOD_END, FLOOD_END + 10):
        answer = await fresh.op(add(n), f"o-{n}")
        assert isinstance(answer, Ack), answer
        acked.add(f"k-{n:03d}")
    second.process.send_signal(signal.SIGTERM)
    assert await second.wait() == 0, second.output()
    await fresh.closed()
    assert "Traceback" not in first.output() + second.output()
    saved = {c.id for c in load_session(path).cards}
    assert acked <= saved and saved <= SEED | sent | {
        f"k-{n:03d}" for n in range(FLOOD_END, FLOOD_END + 10)
    }
    _, _, left, _ = Journal(path).recover(load_session(path))
    assert left == [], "after a clean stop the journal holds nothing the TOML lacks"


async def test_seats_written_with_their_joins_survive_kill_9(
    tmp_path: Path, processes: list[RelayProcess]
) -> None:
    # A room that fills at once writes the new seats with the joins' journal entry, not in
    # the seats file: after a kill -9 every board still comes back to its own seat.
    path = session_file(tmp_path)
    port = free_port()
    first = RelayProcess(path, port, tmp_path)
    processes.append(first)
    await first.ready()
    joined = await asyncio.gather(*(join(first.url, name=f"Deelnemer {n}") for n in range(20)))
    journal = Journal(path)
    assert len(journal.journal_seats()) == 20, "the seats went with their joins"
    first.kill()
    for raw in joined:
        await raw.closed()

    second = RelayProcess(path, port, tmp_path)
    processes.append(second)
    await second.ready()
    for raw in joined:
        assert raw.welcome is not None
        back = await join(second.url, name="", token=raw.welcome.token)
        assert back.you == raw.you, "the same seat, the same name"
        await back.close()
    second.process.send_signal(signal.SIGTERM)
    assert await second.wait() == 0, second.output()
    assert "Traceback" not in first.output() + second.output()
    # After a clean stop the seats file has them all and the journal none.
    assert journal.journal_seats() == {}
    seats = json.loads(journal.seats_path.read_text(encoding="utf-8"))
    assert {token_hash(r.welcome.token) for r in joined if r.welcome} <= set(seats)
