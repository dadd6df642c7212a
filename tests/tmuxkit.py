"""A real terminal for end-to-end tests: tmux on a private socket, polled with deadlines."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui_board.core.model import Session
from tui_board.files.store import load_session

TUSSENRUIMTE = str(Path(sys.executable).parent / "tussenruimte")


class Terminal:
    """One tmux window running a command; `close()` ends it and its server."""

    def __init__(
        self,
        command: list[str],
        size: tuple[int, int] = (80, 24),
        cwd: Path | None = None,
        state: Path | None = None,
    ):
        """`state`: the XDG state folder where `join` keeps its seat. By default every
        terminal has its own, as every person has their own laptop; give two terminals the
        same one to play one laptop that restarts its board."""
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is needed for end-to-end tests (.ci/run installs it)")
        self.socket = f"tussenruimte-test-{uuid.uuid4().hex[:8]}"
        width, height = size
        own = state or Path(tempfile.mkdtemp(prefix="tussenruimte-state-"))
        # COLUMNS/LINES from the test runner would override the real window size.
        shell = (
            f"unset COLUMNS LINES; export XDG_STATE_HOME={_quote(str(own))}; "
            + " ".join(_quote(part) for part in command)
            + "; echo '[exit '$?']'; sleep 60"
        )
        self._tmux(
            "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
            "-c", str(cwd or Path.cwd()), "bash", "-c", shell,
        )  # fmt: skip

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def screen(self) -> str:
        """What the terminal shows now."""
        return self._tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Poll until `text` is on screen; fail with the screen if it never comes."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear within {timeout}s:\n{shown}")
            time.sleep(0.05)

    def wait_gone(self, text: str, timeout: float = 15.0) -> str:
        """Poll until `text` is no longer on screen."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text not in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} still on screen after {timeout}s:\n{shown}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name (Enter, Escape, Left, S-Right, C-s …)."""
        self._tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        """Type text literally."""
        self._tmux("send-keys", "-t", "t", "-l", text)

    def paste(self, text: str) -> None:
        """Paste `text` as a terminal does: bracketed (`ESC [200~ … ESC [201~`) when the
        program asked for it, as Textual does, byte for byte (escape sequences included)."""
        subprocess.run(
            ["tmux", "-L", self.socket, "load-buffer", "-b", "paste", "-"],
            input=text, capture_output=True, text=True, check=True,
        )  # fmt: skip
        self._tmux("paste-buffer", "-p", "-d", "-b", "paste", "-t", "t")

    @property
    def pid(self) -> int:
        """The process id of the shell that runs the command (its parent)."""
        return int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}"))

    def resize(self, width: int, height: int) -> None:
        """Make the window `width` × `height`, as a person dragging its corner does."""
        self._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def close(self) -> None:
        """End the terminal and everything in it."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


CODE = "AB12-CD34"


@dataclass
class Hosted:
    """A session hosted in a real terminal; `join(...)` opens participants' terminals."""

    path: Path
    url: str
    host: Terminal
    terminals: list[Terminal] = field(default_factory=list)

    def join(
        self, *args: str, size: tuple[int, int] = (80, 24), state: Path | None = None
    ) -> Terminal:
        """A participant (or `--view`) terminal joining this session; `state`: its laptop's
        state folder, to play one laptop that restarts its board (see `Terminal`)."""
        command = [TUSSENRUIMTE, "join", self.url, "--code", CODE, *args]
        terminal = Terminal(command, size=size, state=state)
        self.terminals.append(terminal)
        return terminal


@contextlib.contextmanager
def hosted(folder: Path, size: tuple[int, int], *options: str) -> Iterator[Hosted]:
    """`tussenruimte new` + `host` (with `options`) in a terminal; every terminal is closed
    afterwards."""
    path = folder / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    port = free_port()
    host = Terminal(
        [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", CODE, *options],
        size=size, cwd=folder,
    )  # fmt: skip
    session = Hosted(path, f"ws://127.0.0.1:{port}", host, [host])
    try:
        host.wait_for("Fase 1/7")
        yield session
    finally:
        for terminal in session.terminals:
            terminal.close()


def consent_round(host: Terminal, anna: Terminal, bram: Terminal, concern: str) -> None:
    """The agreement in the round, by keyboard as people would: Bram (Wijkteam) voices
    `concern`, Anna (Gemeente) can work with it — neither sees the other's answer before the
    round closes — and the facilitator closes the round, sees the counted reactions and the
    concern, and then adopts it."""
    bram.wait_for("in ronde")
    bram.keys("w")
    bram.wait_for("Jouw reactie op")
    bram.keys("2")
    bram.wait_for("Je bedenking")
    bram.type(concern)
    bram.keys("Enter")
    anna.wait_for("Wijkteam: 1 van 1 gereageerd")
    assert concern not in anna.screen(), "answers stay secret until the round closes"
    anna.keys("w")
    anna.wait_for("Jouw reactie op")
    anna.keys("1")
    host.wait_for("Gemeente: 1 van 1 gereageerd")
    assert concern not in host.screen(), "not even the facilitator sees it while answering"
    host.keys("C-p")
    host.wait_for("Zoek een actie")
    host.type("ronde sluiten")
    host.wait_for("Ronde sluiten: reacties tonen")
    host.keys("Enter")
    host.wait_for("1 kan ermee werken · 1 bedenking")  # first what the room said …
    host.wait_for(concern[:30])
    assert "aangenomen" not in host.screen()
    host.keys("1")  # … then the choice: adopt
    anna.wait_for("aangenomen")
    anna.wait_for("Bram — bedenking")  # the concern, visible to all once the round closed


def saved_session(path: Path, ready: Callable[[Session], object], timeout: float = 5) -> Session:
    """The session file once the relay wrote what `ready` checks (poll with a deadline); at
    the deadline the last reading, for the test's own assertions to show what is missing."""
    deadline = time.monotonic() + timeout
    while True:
        session = load_session(path)
        if ready(session) or time.monotonic() > deadline:
            return session
        time.sleep(0.05)
