"""The browser entrance: from opening the board's page to the board visible, for one
browser and for ten at once.

Target: ≤ 2 s for one browser; the time for ten at once is reported.

How: the real `tussenruimte relay FILE --web PORT` runs as a child process on 127.0.0.1
(a fresh session from `tussenruimte new`), and Debian's Chromium runs headless under
Playwright (never a downloaded browser). For each board the bench fills in the form over
HTTP itself (the code is checked there, and no process starts), which gives the page
address with its one-time ticket, `/board/TICKET`. The clock starts when the browser is
told to open that page (`page.goto`). The board's frames are read off the page's own
websocket (Playwright's `framereceived`) and fed to pyte, a terminal emulator, at the
size the page asked for; the board is *visible* when the phase bar ("Fase 1/7") and the
first theme's title are on that screen. "First byte" is the first frame of more than
10 bytes: textual.js shows the terminal then (`-first-byte`). Pages are closed between
runs, and the bench waits until their boards are gone. One warm-up board is not counted.

Ten pages at once in one headless Chromium on this 2-core machine also measure that
browser's own work (ten pages loading and drawing), which in a room is spread over ten
devices. So the bench also opens ten boards at once without a browser: ten websocket
clients (aiohttp) that do what textual.js does (the page's websocket, with its Origin)
and read the frames the same way: the server's share alone.

Also shown: the board processes' memory (RSS, summed over all boards) while ten are open.

Run: .venv/bin/python bench/web_bench.py [--runs N] [--rounds N] [--at-once N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, bytecode_env, loadavg, machine, median

TUSSENRUIMTE = str(Path(sys.executable).parent / "tussenruimte")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CODE = "KX7P-3MHA"
TARGET_S = 2.0
VISIBLE = ("Fase 1/7", "Rollen")
TIMEOUT_S = 30.0


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def ticket(base: str, name: str) -> str:
    """The form, filled in over HTTP: the page address with its one-time ticket."""
    form = urllib.parse.urlencode({"code": CODE, "name": name, "org": "Bench"}).encode()
    request = urllib.request.Request(base + "/join", data=form, headers={"Origin": base})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request, timeout=10)
    except urllib.error.HTTPError as answer:
        if answer.code == 303:
            return base + answer.headers["Location"]
        raise
    raise RuntimeError("the form gave no ticket")


def boards_running() -> list[int]:
    """The board processes the gate started (command line holds `--org=Bench`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"tui_board\0join" in cmdline and b"--org=Bench" in cmdline:
                found.append(int(entry.name))
    return found


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


async def open_board(browser: Any, url: str) -> dict[str, Any]:
    """Open one board page; the times to first byte and to the board visible (s)."""
    import pyte

    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    state: dict[str, Any] = {"screen": None, "stream": None}

    def on_socket(ws: Any) -> None:
        state["socket"] = time.perf_counter()
        query = dict(part.split("=") for part in ws.url.split("?", 1)[1].split("&"))
        state["screen"] = pyte.Screen(int(query["width"]), int(query["height"]))
        state["stream"] = pyte.ByteStream(state["screen"])
        ws.on("framereceived", on_frame)

    def on_frame(payload: bytes | str) -> None:
        if not isinstance(payload, bytes) or state["stream"] is None or "visible" in state:
            return  # after the board is visible, the page's frames are not read any more
        if len(payload) > 10 and "first" not in state:  # what makes textual.js show it
            state["first"] = time.perf_counter()
        state["stream"].feed(payload)
        if all(needle in "\n".join(state["screen"].display) for needle in VISIBLE):
            state["visible"] = time.perf_counter()

    page.on("websocket", on_socket)
    started = time.perf_counter()
    await page.goto(url)
    deadline = time.monotonic() + TIMEOUT_S
    while "visible" not in state:
        if time.monotonic() > deadline:
            raise RuntimeError("the board did not become visible")
        await asyncio.sleep(0.005)
    return {
        "context": context,
        "socket_s": state["socket"] - started,
        "first_s": state["first"] - started,
        "visible_s": state["visible"] - started,
    }


async def open_without_browser(base: str, url: str) -> dict[str, Any]:
    """What textual.js does, without a browser: the board's websocket, read until visible."""
    import aiohttp
    import pyte

    token = url.rsplit("/", 1)[1]
    screen = pyte.Screen(160, 45)
    stream = pyte.ByteStream(screen)
    http = aiohttp.ClientSession()
    started = time.perf_counter()
    ws = await http.ws_connect(
        f"{base.replace('http', 'ws', 1)}/ws/{token}?width=160&height=45", origin=base
    )
    first = None
    while not all(needle in "\n".join(screen.display) for needle in VISIBLE):
        message = await asyncio.wait_for(ws.receive(), TIMEOUT_S)
        if message.type is not aiohttp.WSMsgType.BINARY:
            raise RuntimeError(f"the board ended: {message}")
        if first is None and len(message.data) > 10:
            first = time.perf_counter()
        stream.feed(message.data)
    visible = time.perf_counter()
    return {
        "ws": ws,
        "http": http,
        "first_s": (first or visible) - started,
        "visible_s": visible - started,
    }


async def without_browser(base: str, rounds: int, at_once: int) -> None:
    for r in range(rounds):
        urls = [ticket(base, f"Zonder {r}-{n}") for n in range(at_once)]
        started = time.perf_counter()
        got_all = await asyncio.gather(*(open_without_browser(base, url) for url in urls))
        wall = time.perf_counter() - started
        each = sorted(g["visible_s"] for g in got_all)
        print(
            f"web no_browser at_once={at_once} round={r + 1} all_visible_s={wall:.3f} "
            f"p50_s={median(each):.3f} min_s={each[0]:.3f} max_s={each[-1]:.3f}"
        )
        for g in got_all:
            await g["ws"].close()
            await g["http"].close()
        await wait_gone()


async def wait_gone(timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while boards_running():
        if time.monotonic() > deadline:
            raise RuntimeError(f"boards still running: {boards_running()}")
        await asyncio.sleep(0.05)


async def measure(base: str, runs: int, rounds: int, at_once: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            warm = await open_board(browser, ticket(base, "Warm"))
            await warm["context"].close()
            await wait_gone()
            ones = []
            for n in range(runs):
                got = await open_board(browser, ticket(base, f"Een {n}"))
                ones.append(got)
                await got["context"].close()
                await wait_gone()
            for got in ones:
                print(
                    f"  one: websocket {got['socket_s']:.3f} s, first byte {got['first_s']:.3f} s, "
                    f"visible {got['visible_s']:.3f} s"
                )
            visible = [g["visible_s"] for g in ones]
            first = median([g["first_s"] for g in ones])
            print(
                f"web one runs={runs} p50_s={median(visible):.3f} min_s={min(visible):.3f} "
                f"max_s={max(visible):.3f} first_byte_p50_s={first:.3f} "
                f"target_s={TARGET_S} holds={'yes' if median(visible) <= TARGET_S else 'no'}"
            )
            for r in range(rounds):
                urls = [ticket(base, f"Tien {r}-{n}") for n in range(at_once)]
                started = time.perf_counter()
                got_all = await asyncio.gather(*(open_board(browser, url) for url in urls))
                wall = time.perf_counter() - started
                memory = rss_mib(boards_running())
                each = sorted(g["visible_s"] for g in got_all)
                sockets = median([g["socket_s"] for g in got_all])
                firsts = median([g["first_s"] for g in got_all])
                print(
                    f"web at_once={at_once} round={r + 1} all_visible_s={wall:.3f} "
                    f"p50_s={median(each):.3f} min_s={each[0]:.3f} max_s={each[-1]:.3f} "
                    f"socket_p50_s={sockets:.3f} first_byte_p50_s={firsts:.3f} "
                    f"boards_rss_mib={memory:.0f} ({memory / at_once:.0f} each)"
                )
                for g in got_all:
                    await g["context"].close()
                await wait_gone()
        finally:
            await browser.close()
    await without_browser(base, rounds, at_once)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="boards opened one at a time")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of boards at once")
    parser.add_argument("--at-once", type=int, default=10, help="boards opened at once")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"web: no Chromium at {CHROMIUM} (apt-get install chromium); nothing measured")
        return 1
    print(machine())
    with tempfile.TemporaryDirectory(prefix="tussenruimte-web-bench-") as folder:
        path = Path(folder) / "sessie.toml"
        env = bytecode_env(Path(folder))
        subprocess.run(
            [TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True, env=env, cwd=ROOT
        )
        port, web_port = free_port(), free_port()
        log = Path(folder) / "relay.log"
        with log.open("w") as out:
            relay = subprocess.Popen(
                [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
                 "--code", CODE, "--web", str(web_port), "--web-max", str(args.at_once + 2)],
                stderr=out, env=env,
            )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while "Of in de browser" not in log.read_text("utf-8"):
                if relay.poll() is not None or time.monotonic() > deadline:
                    print(log.read_text("utf-8"))
                    return 1
                time.sleep(0.05)
            asyncio.run(
                measure(f"http://127.0.0.1:{web_port}", args.runs, args.rounds, args.at_once)
            )
        finally:
            relay.terminate()
            relay.wait(timeout=30)
        errors = [line for line in log.read_text("utf-8").splitlines() if "Traceback" in line]
        print(json.dumps({"relay_exit": relay.returncode, "tracebacks": len(errors)}))
    print(f"loadavg at the end: {loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
