"""Admission under a brute-forcer: how fast can anyone try codes, and how long does the right
code wait beside them?

A real `tussenruimte relay` process; `--attackers` processes of `--connections` websockets
each send wrong codes as fast as the relay takes them (a guesser does not wait for the slowed
answer: it hangs up and tries again). Meanwhile a legitimate participant joins from the same
address every second. Prints the codes tried per second (counted from the relay's own log
line per wrong code), the legitimate join's latency (p50/max), and the expected time to guess
a default code at that rate.

    .venv/bin/python bench/admission_bench.py [--seconds 10] [--attackers 2] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui_board.live.codes import ALPHABET
from tui_board.live.protocol import Hello

TUSSENRUIMTE = str(Path(sys.executable).parent / "tussenruimte")
CODE = "KX7P-3MHA-QT4W"
YEAR = 365.25 * 24 * 3600


def attacker(port: int, connections: int, seconds: float) -> None:
    """One process of guessers: `connections` loops of connect, wrong hello, hang up."""

    async def loop(until: float) -> None:
        hello = Hello(code="FOUT-FOUT-FOUT", name="Raden").model_dump_json()
        while time.monotonic() < until:
            try:
                async with connect(f"ws://127.0.0.1:{port}", close_timeout=0.1) as ws:
                    await ws.send(hello)
            except OSError:
                pass

    async def main() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(*(loop(until) for _ in range(connections)))

    asyncio.run(main())


async def legit_joins(port: int, seconds: float) -> list[float]:
    """A participant joins with the right code every second; how long each took."""
    took: list[float] = []
    until = time.monotonic() + seconds
    n = 0
    while time.monotonic() < until - 1:
        await asyncio.sleep(1)
        n += 1
        started = time.monotonic()
        async with connect(f"ws://127.0.0.1:{port}", open_timeout=30) as ws:
            await ws.send(Hello(code=CODE, name=f"Noor {n}").model_dump_json())
            first = await asyncio.wait_for(ws.recv(), 30)
            assert '"welcome"' in str(first), first
        took.append(time.monotonic() - started)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--attackers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessie.toml"
        subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
        relay = subprocess.Popen(
            [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", "0",
             "--code", CODE],
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert relay.stderr is not None
        port = 0
        wrong: list[float] = []
        ready = threading.Event()

        def read() -> None:
            nonlocal port
            assert relay.stderr is not None
            for line in relay.stderr:
                if "wrong code from" in line:
                    wrong.append(time.monotonic())
                elif not port and "127.0.0.1:" in line:
                    port = int(line.rsplit("127.0.0.1:", 1)[1].split()[0].strip("/"))
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        ready.wait(15)
        procs = [
            multiprocessing.Process(target=attacker, args=(port, args.connections, args.seconds))
            for _ in range(args.attackers)
        ]
        started = time.monotonic()
        for proc in procs:
            proc.start()
        took = asyncio.run(legit_joins(port, args.seconds))
        for proc in procs:
            proc.join()
        ended = time.monotonic()
        relay.terminate()
        relay.wait(30)
    counted = [t for t in wrong if started <= t <= ended]
    rate = len(counted) / (ended - started)
    space = len(ALPHABET) ** 12
    print(
        f"wrong codes taken: {len(counted)} in {ended - started:.1f} s = {rate:.0f}/s "
        f"({args.attackers} attacker processes x {args.connections} connections)"
    )
    print(
        f"right code beside them: {len(took)} joins, p50 {statistics.median(took) * 1000:.0f} ms,"
        f" max {max(took) * 1000:.0f} ms"
    )
    for label, size in (("default code (12 characters)", space), ("8 characters", 25**8)):
        years = size / 2 / max(rate, 1) / YEAR
        print(f"expected time to guess a {label} at {rate:.0f}/s: {years:,.1f} years")


if __name__ == "__main__":
    main()
