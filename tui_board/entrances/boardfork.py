"""A fork server for the boards over SSH: the board loaded once, forked for each participant.

Every participant over SSH gets a `tussenruimte join` process of their own. Started fresh,
each one loads Python, pydantic, the session model and Textual again: about 58 MiB each
(docs/benchmarks.md). The fork server is one process that loads all of that once,
freezes it for the garbage collector (`gc.freeze`) and then forks a board per participant:
the loaded code and data stay shared between all boards, page by page, until a board writes
to them. A board also starts sooner, since it has nothing left to load.

Each forked board is what `join` would be: a new session with the participant's
pseudo-terminal as its controlling terminal (so a window change arrives as SIGWINCH), the
gate's small environment (`sshgate._child_env`), the default signal handling of a new
Python process, fresh stdin/stdout/stderr on the terminal, and `cli.main(["join", …])`.

Protocol, over a socketpair (SOCK_SEQPACKET: one message per send, file descriptors
alongside):

- server → gate: `{"ready": true}` once everything is loaded;
- gate → server: `{"argv": [...], "env": {...}, "cwd": "..."}` with the pseudo-terminal's
  slave end as the one file descriptor; the server answers `{"started": PID}` (or
  `{"failed": "reason"}`), in the order of the requests. The join code is in `env`
  (`TUSSENRUIMTE_CODE`), never in `argv`; a forked board's /proc/PID/cmdline and environ
  are the fork server's, so the code shows in neither;
- server → gate: `{"exited": PID, "code": N}` when a board ends (N < 0: killed by signal -N,
  as asyncio reports it).

The server ends when the gate closes its end. The gate (`sshgate`) starts boards the usual
way (a fresh `join` process) until the server is ready, and whenever it is not there.

This module has two halves: `ForkServer` runs in the gate (asyncio), `serve()` is the
server's loop, run by its program (`python -m tui_board.cli.forkserver FD`, which hands it
the command's `main`). Neither imports Textual at module level.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import fcntl
import gc
import json
import os
import selectors
import signal
import socket
import sys
import termios
from collections.abc import Callable, Mapping, Sequence
from typing import Any

BoardMain = Callable[[list[str]], object]
"""`tussenruimte ARGV` in this process: the command's `main`."""

MAX_MESSAGE = 1 << 16
"""Bytes in one message, either way (an environment of a few variables fits many times)."""
_PRELOAD = (
    "tui_board.cli.main",
    "tui_board.live.client",
    "tui_board.live.liveboard",
    "tui_board.tui.app",
    "textual.drivers.linux_driver",
    "textual.pilot",
    "websockets.asyncio.client",
)
"""What a `join` board loads (the rest it loads itself, privately)."""
PROGRAM = "tui_board.cli.forkserver"
"""The server's program: `serve` with the command's `main`."""
OWN_FROZEN_LIMIT = 100_000
"""Objects a forked board may freeze of its own before it unfreezes everything again."""

FROZEN_AT_FORK: int | None = None
"""In a forked board: the objects the fork server had frozen (None in any other process)."""
_FROZEN_HERE = 0
"""In the fork server: the objects it froze once loaded (counted once, not at every fork:
`gc.get_freeze_count()` walks them all, ~30 ms)."""


def may_unfreeze(own: int) -> bool:
    """May this process `gc.unfreeze()` everything for a full collection (tui/idle.py does, in a
    quiet second)? Always, except in a board forked by the fork server: a full collection
    over the fork server's objects writes to every page they share with the other boards,
    and each board gets its own copy of them (measured: 23 → 31 MiB private per board). A
    forked board collects only what it made itself, until it has frozen more than
    `OWN_FROZEN_LIMIT` objects of its own (`own`, about twice what a board keeps), so
    garbage frozen along the way cannot pile up for good.

    The caller counts `own` as it freezes: `gc.get_freeze_count()` walks every frozen
    object, in a forked board the fork server's too (~30 ms a call, measured over SSH)."""
    return FROZEN_AT_FORK is None or own > OWN_FROZEN_LIMIT


def own_part(frozen: int) -> int:
    """Of `frozen` objects, frozen after everything was unfrozen and collected, how many
    are this process's own (in a forked board: not the fork server's)."""
    return max(0, frozen - (FROZEN_AT_FORK or 0))


# --- in the gate -----------------------------------------------------------------------------


class ForkedProcess:
    """A board forked by the server: like asyncio's Process for what the gate needs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._ended = asyncio.Event()

    def ended(self, code: int) -> None:
        """The server says the board ended with `code`."""
        if self.returncode is None:
            self.returncode = code
            self._ended.set()

    async def wait(self) -> int:
        """Until the board has ended; its exit code (negative: the signal that ended it)."""
        await self._ended.wait()
        assert self.returncode is not None
        return self.returncode


class ForkServer:
    """The gate's side: start the server, ask it for boards, hear when they end."""

    def __init__(self, process: asyncio.subprocess.Process, sock: socket.socket) -> None:
        self.process = process
        self._sock = sock
        self._requests: collections.deque[asyncio.Future[ForkedProcess]] = collections.deque()
        self._boards: dict[int, ForkedProcess] = {}
        self._ready = asyncio.Event()
        self.closed = False
        loop = asyncio.get_running_loop()
        loop.add_reader(sock.fileno(), self._receive)

    @classmethod
    async def start(cls, env: Mapping[str, str], cwd: str | None = None) -> ForkServer:
        """Start the server with `env` (the boards' own environment, without TERM)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", PROGRAM, str(theirs.fileno()),
                pass_fds=[theirs.fileno()],
                env=dict(env),
                cwd=cwd,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        return cls(process, ours)

    @property
    def ready(self) -> bool:
        """Loaded, and still there."""
        return self._ready.is_set() and not self.closed

    async def wait_ready(self, timeout: float) -> bool:
        """Until the server has loaded the board (False if it did not, in `timeout` s)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ready.wait(), timeout)
        return self.ready

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], terminal: int, cwd: str | None = None
    ) -> ForkedProcess:
        """A board running `tussenruimte ARGV` on the terminal `terminal` (its slave end).

        Raises OSError when the server is not there (the caller starts a process instead).
        """
        if not self.ready:
            raise OSError("the fork server is not ready")
        message = json.dumps({"argv": list(argv), "env": dict(env), "cwd": cwd or os.getcwd()})
        future: asyncio.Future[ForkedProcess] = asyncio.get_running_loop().create_future()
        socket.send_fds(self._sock, [message.encode()], [terminal])
        self._requests.append(future)
        return await future

    def _receive(self) -> None:
        while True:
            try:
                data = self._sock.recv(MAX_MESSAGE)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                data = b""
            if not data:
                self._lost()
                return
            self._handle(json.loads(data))

    def _handle(self, message: dict[str, Any]) -> None:
        if message.get("ready"):
            self._ready.set()
        elif "started" in message:
            board = ForkedProcess(int(message["started"]))
            self._boards[board.pid] = board
            future = self._requests.popleft()
            if not future.done():
                future.set_result(board)
        elif "failed" in message:
            future = self._requests.popleft()
            if not future.done():
                future.set_exception(OSError(str(message["failed"])))
        elif "exited" in message:
            pid = int(message["exited"])
            if pid in self._boards:
                self._boards.pop(pid).ended(int(message["code"]))

    def _lost(self) -> None:
        """The server is gone: no new boards from it; boards still running are watched."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(ValueError, OSError):
            asyncio.get_running_loop().remove_reader(self._sock.fileno())
        while self._requests:
            future = self._requests.popleft()
            if not future.done():
                future.set_exception(OSError("the fork server has gone"))
        for board in list(self._boards.values()):
            asyncio.ensure_future(_watch_orphan(board))
        self._boards.clear()

    async def close(self) -> None:
        """Stop the server (the boards it started are ended by the gate, not here)."""
        self._lost()
        self._sock.close()
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()


async def _watch_orphan(board: ForkedProcess) -> None:
    """A board whose server has gone: poll until it has gone too (its code is lost)."""
    while True:
        try:
            os.kill(board.pid, 0)
        except ProcessLookupError:
            board.ended(-signal.SIGHUP)
            return
        except PermissionError:
            pass
        await asyncio.sleep(0.2)


# --- the server ------------------------------------------------------------------------------


def serve(fd: int, main: BoardMain) -> None:
    """The server's loop: load the board, then fork one per request (each running
    `main(argv)`) until the gate leaves."""
    sock = socket.socket(fileno=fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c in the relay's terminal is the relay's
    import importlib

    for name in _PRELOAD:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()  # what is loaded now stays out of the collector's way in every board
    global _FROZEN_HERE
    _FROZEN_HERE = gc.get_freeze_count()

    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    selector = selectors.DefaultSelector()
    selector.register(sock, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    _send(sock, {"ready": True})
    while True:
        for key, _ in selector.select():
            if key.fileobj is sock:
                try:
                    data, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 4)
                except InterruptedError:
                    continue
                if not data:
                    _reap(sock)
                    return  # the gate has gone
                _fork(sock, json.loads(data), fds, main)
            else:
                with contextlib.suppress(BlockingIOError):
                    os.read(wake_read, 4096)
        _reap(sock)


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        sock.send(json.dumps(message).encode())


def _reap(sock: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(sock, {"exited": pid, "code": os.waitstatus_to_exitcode(status)})


def _fork(sock: socket.socket, request: dict[str, Any], fds: list[int], main: BoardMain) -> None:
    if len(fds) != 1:
        for fd in fds:
            os.close(fd)
        _send(sock, {"failed": "one terminal expected"})
        return
    [terminal] = fds
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError as error:
        os.close(terminal)
        _send(sock, {"failed": error.strerror or str(error)})
        return
    if pid == 0:  # the board
        global FROZEN_AT_FORK  # this process is a board from now on
        FROZEN_AT_FORK = _FROZEN_HERE
        code = 1
        try:
            _become_board(terminal, request)
            code = _run_board(request["argv"], main)
        finally:
            os._exit(code)
    os.close(terminal)
    _send(sock, {"started": pid})


def _become_board(terminal: int, request: dict[str, Any]) -> None:
    """In the fork: what a freshly started `join` on this terminal would be."""
    signal.set_wakeup_fd(-1)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setsid()
    fcntl.ioctl(terminal, termios.TIOCSCTTY, 0)
    for target in (0, 1, 2):
        os.dup2(terminal, target)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # the server's socket and pipe: closed
    os.environ.clear()
    os.environ.update(request["env"])
    with contextlib.suppress(OSError):
        os.chdir(request["cwd"])
    import random

    random.seed()  # not the server's sequence
    streams = {
        "stdin": open(0, encoding="utf-8", closefd=False),
        "stdout": open(1, "w", encoding="utf-8", closefd=False, buffering=1),
        "stderr": open(
            2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1
        ),
    }
    for name, stream in streams.items():  # Textual writes to sys.__stderr__
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _run_board(argv: list[str], main: BoardMain) -> int:
    """`tussenruimte ARGV` as `python -m tui_board` runs it; the exit code."""
    import atexit
    import traceback

    try:
        code: object = main(argv)
    except SystemExit as done:
        code = done.code
    except BaseException:  # as Python itself would: show it, exit 1
        traceback.print_exc()
        code = 1
    with contextlib.suppress(BaseException):
        atexit._run_exitfuncs()  # what a normal exit runs
    with contextlib.suppress(BaseException):
        sys.stdout.flush()
        sys.stderr.flush()
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(BaseException):
        print(code, file=sys.stderr)
    return 1
