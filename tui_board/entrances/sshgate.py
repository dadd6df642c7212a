"""The SSH entrance: `ssh -p PORT sessie@HOST`, with the join code as the password.

Every SSH connection that asks for a terminal gets a participant's board: a
`tussenruimte join` child process on a fresh pseudo-terminal, which reaches the rooms over a
loopback listener of the relay, so it sees exactly what `join` sees. Nothing else is on
offer: no shell, no commands, no file transfer, no forwarding of ports, agents or X11, and
no session without a terminal. When the connection ends, the child's process group ends
with it (SIGTERM, then SIGKILL after a short grace).

A participant may also log in with an SSH key (asyncssh checks its signature): the key says
who they are, not that they may come in, so the board then asks the code on the terminal.
With the right code the board keeps its seat in a file of that key in the room's state
folder (`seat_file`, given in SEAT_FILE_ENV), so the same key comes back to the same seat.

The gate runs on the relay's event loop. Only the commands with `--ssh` import this module,
so the other commands never load asyncssh.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import logging
import os
import re
import signal
import struct
import sys
import termios
import time
from collections.abc import Coroutine, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import asyncssh

from tui_board.core.i18n import MESSAGES, t
from tui_board.entrances.boardfork import ForkedProcess, ForkServer
from tui_board.entrances.gates import GateProblem, idle_later, started
from tui_board.files.store import atomic_write
from tui_board.live.codes import CODE_ENV, Attempts, same_code
from tui_board.live.journal import FOLDER_MODE, PRIVATE, make_state_dir, state_dir
from tui_board.live.seatkeep import SEAT_FILE_ENV

if TYPE_CHECKING:
    from tui_board.live.relay import Relay

LOG = logging.getLogger("tussenruimte.ssh")

HOST_KEY = "ssh_host_ed25519_key"
"""The host key's file name in the session's state folder."""
MAX_SESSIONS = 60
"""Participants' boards over SSH at the same time."""
IDLE_TIMEOUT = 3600.0
"""Seconds without a key press after which a board over SSH is closed."""
LOGIN_TIMEOUT = 60.0
"""Seconds a new connection has to give the right code."""
ATTEMPTS = 10
"""Wrong codes one address may try per ATTEMPT_WINDOW seconds (a room behind one router
shares an address; a code of 37 bits stays out of reach at this pace)."""
ATTEMPT_WINDOW = 60.0
FAIL_DELAY = 1.0
"""Seconds before a wrong code is answered."""
KILL_GRACE = 2.0
"""Seconds a board gets after SIGTERM before SIGKILL."""
KEEPALIVE = 30.0
"""Seconds between keepalives; three unanswered ones end the connection."""
INPUT_LIMIT = 64 * 1024
"""Bytes typed ahead that wait for the board before the connection stops reading."""
USERS = {"sessie": "nl", "session": "en"}
"""The SSH user name chooses the language; any other name gets the host's language."""
PLAIN_USERS = {"tekst": "nl", "text": "en", "plain": ""}
"""User names that start the plain board (`join --plain`, for a screen reader), with their
language ("": the host's)."""
SEATS = "ssh-seats"
"""The folder in a room's state folder with the seats of participants who came with a key."""
CODE_TRIES = 3
"""Wrong codes at the code prompt (after a login with a key) before the connection closes."""
CODE_LIMIT = 100
"""Characters the code prompt takes."""

_TERM = re.compile(r"[A-Za-z0-9._+-]{1,64}")
_IUTF8: int = getattr(termios, "IUTF8", 0o40000)  # Linux; not in every stub
# Run by the child before `join`: make the pseudo-terminal its controlling terminal, so a
# window change reaches it as SIGWINCH. (A preexec_fn would not be safe in a process with
# threads, and `host` has them.)
_CONTROLLING_TTY = (
    "import fcntl,os,sys,termios;fcntl.ioctl(0,termios.TIOCSCTTY,0);"
    "os.execv(sys.executable,[sys.executable,*sys.argv[1:]])"
)
# What a board left switched on, switched off: mouse, paste, keyboard modes, the other screen.
_RESET = (
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l\x1b[?2004l\x1b[?2048l"
    b"\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l\x1b[0m\r\n"
)


def text(key: str, language: str, **values: object) -> str:
    """A message in `language` (the gate speaks each connection's language)."""
    nl, en = MESSAGES[key]
    template = en if language == "en" else nl
    return template.format(**values) if values else template


def host_key(folder: Path) -> asyncssh.SSHKey:
    """The host key in `folder` (the session's state folder): made (ed25519, owner only) on
    first use, then reused."""
    path = folder / HOST_KEY
    if path.exists():
        return asyncssh.read_private_key(path)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="tussenruimte")
    make_state_dir(folder)
    atomic_write(path, key.export_private_key(), PRIVATE)
    return key


def ssh_line(host: str, port: int, language: str) -> str:
    """The exact line a participant types."""
    user = "session" if language == "en" else "sessie"
    return f"ssh {user}@{host}" if port == 22 else f"ssh -p {port} {user}@{host}"


def join_command(url: str, language: str, address: str = "", plain: bool = False) -> list[str]:
    """The child's command: `tussenruimte join` on its own controlling terminal. The code is
    not in it: the board finds it in its environment (`CODE_ENV`), which only its owner
    can read, where a command line is anyone's (`ps`). `plain`: the line-by-line board."""
    return [
        sys.executable, "-c", _CONTROLLING_TTY,
        "-m", "tui_board", "join", url, "--lang", language, "--via", "ssh",
        f"--seen-from={address}", *(["--plain"] if plain else []),
    ]  # fmt: skip


def _child_env(term: str, colorterm: str, language: str) -> dict[str, str]:
    """A small, known environment: none of the host's secrets reach the board."""
    env = {
        "TERM": term,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": os.environ.get("HOME", "/"),
        "TUSSENRUIMTE_LANG": language,
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if colorterm in ("truecolor", "24bit"):
        env["COLORTERM"] = colorterm
    return env


def _look_env(client: dict[str, str]) -> dict[str, str]:
    """How the participant wants the board to look, if their ssh sends it (`SetEnv`):
    NO_COLOR and TUSSENRUIMTE_CONTRAST (docs/accessibility.md). Only known values pass."""
    env = {}
    if client.get("NO_COLOR"):
        env["NO_COLOR"] = "1"
    contrast = client.get("TUSSENRUIMTE_CONTRAST", "").strip().lower()
    if contrast in ("0", "1", "ja", "nee", "yes", "no", "on", "off", "aan", "uit"):
        env["TUSSENRUIMTE_CONTRAST"] = contrast
    return env


def seat_file(folder: Path, key: asyncssh.SSHKey) -> Path:
    """Where the board of a participant who logged in with `key` keeps its seat in the room
    whose state folder is `folder` (named by a hash of the key's fingerprint)."""
    digest = hashlib.sha256(str(key.get_fingerprint("sha256")).encode()).hexdigest()
    return folder / SEATS / f"{digest}.json"


def _set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def terminal_size(fd: int) -> tuple[int, int]:
    """(columns, rows) of the pseudo-terminal behind `fd`."""
    rows, columns, _, _ = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
    return columns, rows


class SshGate:
    """The SSH server: password is a room's join code, a terminal gets a board."""

    def __init__(
        self,
        codes: Sequence[str],
        relay_url: str,
        key: asyncssh.SSHKey,
        *,
        language: str = "nl",
        max_sessions: int = MAX_SESSIONS,
        idle_timeout: float = IDLE_TIMEOUT,
        attempts: int = ATTEMPTS,
        fail_delay: float = FAIL_DELAY,
        login_timeout: float = LOGIN_TIMEOUT,
        kill_grace: float = KILL_GRACE,
        fork_server: bool = True,
        seats: Mapping[str, Path] | None = None,
    ) -> None:
        self.codes = tuple(codes)
        self.seats = dict(seats or {})
        """Each room's state folder by its join code: with it, a participant who logs in
        with an SSH key gets the same seat each time (`seat_file`). Without, keys are not
        offered."""
        self.relay_url = relay_url
        self.key = key
        self.language = language
        self.max_sessions = max_sessions
        self.idle_timeout = idle_timeout
        self.attempts = Attempts(attempts, ATTEMPT_WINDOW)
        self.fail_delay = fail_delay
        self.login_timeout = login_timeout
        self.kill_grace = kill_grace
        self.fork_server = fork_server
        """Fork the boards from one process that has loaded the board (boardfork.py)."""
        self.forks: ForkServer | None = None
        self._forks_task: asyncio.Task[None] | None = None
        self.port = 0
        self.started = 0
        """Boards started since the gate opened."""
        self.sessions: set[BoardSession] = set()
        self.connections: set[_Server] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._none_left = asyncio.Event()
        self._none_left.set()

    @property
    def fingerprint(self) -> str:
        """The host key's SHA256 fingerprint, as `ssh` shows it."""
        return str(self.key.get_fingerprint("sha256"))

    def match(self, password: str) -> str | None:
        """The join code this password is (every code compared, in constant time)."""
        found = None
        for code in self.codes:
            if same_code(password, code) and found is None:
                found = code
        return found

    def seat_for(self, code: str, key: asyncssh.SSHKey | None) -> Path | None:
        """The seat file for this key in the room of `code` (its folder made, owner only);
        None without a key, or when the file cannot be there."""
        folder = self.seats.get(code)
        if key is None or folder is None:
            return None
        path = seat_file(folder, key)
        try:
            make_state_dir(folder)
            path.parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
        except OSError as error:
            LOG.warning("ssh: no seat kept for a key (%s)", error)
            return None
        return path

    def full(self) -> bool:
        """Are there as many boards over SSH as allowed?"""
        return len(self.sessions) >= self.max_sessions

    def track(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` as a task that `stop()` waits for."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def start(self, host: str, port: int) -> None:
        """Listen on host:port (0: a free port; read it back from `port`)."""
        # Quiet: under `host` a line on stderr would land in the middle of the board.
        logging.getLogger("asyncssh").setLevel(logging.ERROR)
        self._acceptor = await asyncssh.listen(
            host,
            port,
            server_factory=lambda: _Server(self),
            server_host_keys=[self.key],
            encoding=None,
            line_editor=False,
            allow_scp=False,
            sftp_factory=None,
            agent_forwarding=False,
            x11_forwarding=False,
            password_auth=True,
            public_key_auth=bool(self.seats),
            kbdint_auth=False,
            host_based_auth=False,
            gss_host=None,
            login_timeout=self.login_timeout,
            keepalive_interval=KEEPALIVE,
            keepalive_count_max=3,
        )
        self.port = self._acceptor.get_port()
        LOG.info("ssh entrance on %s:%d (%s)", host, self.port, self.fingerprint)
        if self.fork_server:  # in the background: until it is ready, boards start as processes
            self._forks_task = asyncio.ensure_future(self._open_forks())

    async def _open_forks(self) -> None:
        env = _child_env("dumb", "", self.language)
        try:
            self.forks = await ForkServer.start(env)
        except OSError as error:
            LOG.warning("ssh: no fork server (%s); every board starts as a process", error)
            return
        if not await self.forks.wait_ready(60):
            LOG.warning("ssh: the fork server did not start; every board starts as a process")

    async def spawn(
        self, argv: list[str], env: dict[str, str], terminal: int
    ) -> asyncio.subprocess.Process | ForkedProcess:
        """A board on `terminal`: forked when the fork server is ready, else a new process."""
        if self.forks is not None and self.forks.ready:
            try:
                return await self.forks.spawn(argv[argv.index("tui_board") + 1 :], env, terminal)
            except OSError as error:
                LOG.warning("ssh: fork server: %s; the board starts as a process", error)
        return await asyncio.create_subprocess_exec(
            *argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env,
            start_new_session=True,
        )  # fmt: skip

    def opened(self, server: _Server) -> None:
        """A connection came in."""
        self.connections.add(server)
        self._none_left.clear()

    def closed(self, server: _Server) -> None:
        """A connection ended."""
        self.connections.discard(server)
        if not self.connections:
            self._none_left.set()

    async def stop(self) -> None:
        """Close every board (its child included) and every connection; stop listening."""
        if self._acceptor is not None:
            self._acceptor.close()
        for session in list(self.sessions):
            session.close_with("ssh.stopped", status=0)  # the session ended as it should
        # An ssh client leaves by itself once its session has ended, after it has shown the
        # message; closing the connection at once could cut the message (and the reset).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._none_left.wait(), 2)
        for server in list(self.connections):
            server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._none_left.wait(), 5)
        if self._acceptor is not None:
            await self._acceptor.wait_closed()
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._forks_task is not None:
            self._forks_task.cancel()
            with contextlib.suppress(BaseException):
                await self._forks_task
        if self.forks is not None:
            await self.forks.close()

    def pids(self) -> list[int]:
        """The process ids of the boards running now."""
        return [s.process.pid for s in self.sessions if s.process is not None]


class _Server(asyncssh.SSHServer):
    """One SSH connection: checks the code, allows one session, refuses the rest."""

    def __init__(self, gate: SshGate) -> None:
        self._gate = gate
        self._conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.language = gate.language
        self.plain = False
        """Logged in with a plain user name (`tekst@`): the board for a screen reader."""
        self._code = ""
        self._opened = False
        self._deadline: asyncio.TimerHandle | None = None
        self._offered: asyncssh.SSHKey | None = None
        self.key: asyncssh.SSHKey | None = None
        """The key this connection logged in with, its signature checked by asyncssh; None
        after a login with the code as password."""

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        self._gate.opened(self)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._gate.closed(self)

    def auth_completed(self) -> None:
        # asyncssh accepts a key only after it checked the signature; the key of the last
        # request is the one that logged in (a password request forgets any key before it).
        self.key = self._offered
        # In with the right code, but no session with a terminal (`ssh -N`): do not stay.
        loop = asyncio.get_running_loop()
        self._deadline = loop.call_later(self._gate.login_timeout, self._session_due)

    def _session_due(self) -> None:
        if not self._opened:
            LOG.info("ssh: %s opened no session; closed", self.address)
            self.close()

    def session_ended(self) -> None:
        """The one session is over: the connection goes too (after the client's own goodbye)."""
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = asyncio.get_running_loop().call_later(2.0, self.close)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    def begin_auth(self, username: str) -> bool:
        name = username.lower()
        self.plain = name in PLAIN_USERS
        self.language = USERS.get(name) or PLAIN_USERS.get(name) or self._gate.language
        if self._gate.attempts.blocked(self.address):
            LOG.info("ssh: too many wrong codes from %s", self.address)
            raise asyncssh.PermissionDenied(text("ssh.too_many", self.language))
        if self._conn is not None:
            self._conn.send_auth_banner(text("ssh.banner", self.language) + "\r\n")
        return True

    def password_auth_supported(self) -> bool:
        return True

    def public_key_auth_supported(self) -> bool:
        return bool(self._gate.seats)

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # Any key: it only says who you are (asyncssh checks the signature before it lets
        # you in); the code is asked on the terminal before a board starts.
        if self._gate.attempts.blocked(self.address):
            return False
        self._offered = key
        return True

    async def validate_password(self, username: str, password: str) -> bool:
        self._offered = None
        gate = self._gate
        if gate.attempts.blocked(self.address):
            raise asyncssh.PermissionDenied(text("ssh.too_many", self.language))
        code = gate.match(password)
        if code is None:
            gate.attempts.failed(self.address)
            LOG.info("ssh: wrong code from %s", self.address)
            if gate.fail_delay:
                await asyncio.sleep(gate.fail_delay)
            if gate.attempts.blocked(self.address):
                raise asyncssh.PermissionDenied(text("ssh.too_many", self.language))
            if self._conn is not None:  # ours, in the session's language, above ssh's own
                self._conn.send_auth_banner(text("ssh.bad_code", self.language) + "\r\n")
            return False
        self._code = code
        return True

    def session_requested(self) -> BoardSession | bool:
        if self._opened or not (self._code or self.key is not None):
            return False  # one board per connection
        self._opened = True
        return BoardSession(self._gate, self._code, self.language, self)

    # Port forwarding (local, remote, to and from sockets) is refused by asyncssh's
    # defaults; saying so here makes it part of this class's contract. A channel refused
    # carries our reason (ssh prints it); a listener refused has no room for one.
    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, text("ssh.no_forwarding", self.language)
        )

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, text("ssh.no_forwarding", self.language)
        )

    def unix_server_requested(self, listen_path: str) -> bool:
        return False


class BoardSession(asyncssh.SSHServerSession[bytes]):
    """One participant's board on a pseudo-terminal, bytes copied both ways."""

    def __init__(self, gate: SshGate, code: str, language: str, server: _Server) -> None:
        self._gate = gate
        self._code = code
        self.language = language
        self._server = server
        self.address = server.address
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = (80, 24)
        self.process: asyncio.subprocess.Process | ForkedProcess | None = None
        self.master = -1
        self._pending = bytearray()
        self._writing = False
        self._paused = False
        self._output_ended = asyncio.Event()
        self._ended = False
        self._idle: asyncio.TimerHandle | None = None
        self._last_input = 0.0
        self._asking = False
        """At the code prompt (a login with a key): what is typed is the code."""
        self._typed = bytearray()
        self._escape = False
        """Inside an escape sequence (an arrow key, say): not part of the code."""
        self._tries = 0
        self._checking = False
        self._ask_due: asyncio.TimerHandle | None = None
        self._refused: str | None = None
        """A command or subsystem was asked for: the session only says why it cannot."""

    # --- what the client asks -------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Any
    ) -> bool:
        self._term = term_type if _TERM.fullmatch(term_type) else "xterm-256color"
        self._size = (term_size[0] or 80, term_size[1] or 24)
        return True

    def shell_requested(self) -> bool:
        return True  # the board, not a shell; without a terminal it says why and ends

    # A command (`ssh … ls`, scp) or a subsystem (sftp) is accepted only to be refused in
    # words the participant reads (on stderr), instead of ssh's own "request failed".
    def exec_requested(self, command: str) -> bool:
        LOG.info("ssh: command refused from %s", self.address)
        self._refused = "ssh.no_command"
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        LOG.info("ssh: subsystem %r refused from %s", subsystem[:40], self.address)
        self._refused = "ssh.no_command"
        return True

    def break_received(self, msec: int) -> bool:
        return False

    def session_started(self) -> None:
        if self._refused is not None:
            self._refuse(self._refused)
        elif self._term is None:
            self._refuse("ssh.no_terminal")
        elif self._gate.full():
            LOG.info("ssh: full (%d boards), %s refused", self._gate.max_sessions, self.address)
            self._refuse("ssh.full", max=self._gate.max_sessions)
        elif not self._code:  # in with a key: the code first, on the terminal
            self._gate.sessions.add(self)
            self._asking = True
            loop = asyncio.get_running_loop()
            self._ask_due = loop.call_later(self._gate.login_timeout, self._ask_late)
            self._say("ssh.ask_code", newline=False)
        else:
            self._gate.sessions.add(self)
            self._gate.track(self._start())

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self._last_input = time.monotonic()
        if datatype is not None or self._ended:
            return
        if self._asking:
            data = self._prompt(data)
            if not data:
                return
        self._pending += data
        if self.master >= 0:
            self._flush()
        elif len(self._pending) > INPUT_LIMIT and self._chan is not None and not self._paused:
            self._chan.pause_reading()
            self._paused = True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._size = (width or 80, height or 24)
        if self.master >= 0:
            with contextlib.suppress(OSError):
                _set_size(self.master, *self._size)  # the kernel sends the board SIGWINCH

    def eof_received(self) -> bool:
        return False  # no more input: close, which ends the board

    def pause_writing(self) -> None:
        if self.master >= 0:
            asyncio.get_running_loop().remove_reader(self.master)

    def resume_writing(self) -> None:
        if self.master >= 0 and not self._output_ended.is_set():
            asyncio.get_running_loop().add_reader(self.master, self._from_child)

    def connection_lost(self, exc: Exception | None) -> None:
        self._end()
        self._server.session_ended()

    # --- the code, after a login with a key ------------------------------------------------

    def _say(self, key: str, newline: bool = True) -> None:
        if self._chan is not None:
            end = b"\r\n" if newline else b""
            with contextlib.suppress(OSError):
                self._chan.write(text(key, self.language).encode() + end)

    def _prompt(self, data: bytes) -> bytes:
        """Type the code: stars, backspace, Enter. What comes after Enter is for the board."""
        for at, byte in enumerate(data):
            if self._checking:
                return bytes(data[at:])
            if byte == 27:
                self._escape = True
                continue
            if self._escape:  # ESC [ … final, ESC O final: skip up to the final byte
                self._escape = byte in (0x5B, 0x4F) or not 0x40 <= byte <= 0x7E
                continue
            if byte in (3, 4):  # ctrl+c, ctrl+d: away
                self._ask_over()
                if self._chan is not None:
                    with contextlib.suppress(OSError):
                        self._chan.write(b"\r\n")
                        self._chan.exit(1)
                return b""
            if byte in (13, 10):
                self._checking = True
                if self._chan is not None:
                    self._chan.write(b"\r\n")
                self._gate.track(self._check(bytes(self._typed).decode("utf-8", "replace")))
                self._typed.clear()
            elif byte in (8, 127):
                if self._typed:
                    self._typed.pop()
                    if self._chan is not None:
                        self._chan.write(b"\b \b")
            elif 32 <= byte < 127 and len(self._typed) < CODE_LIMIT:
                self._typed.append(byte)
                if self._chan is not None:
                    self._chan.write(b"*")
        return b""

    async def _check(self, typed: str) -> None:
        gate = self._gate
        if gate.attempts.blocked(self.address):
            self._ask_over()
            self._refuse("ssh.too_many")
            return
        code = gate.match(typed)
        if code is None:
            gate.attempts.failed(self.address)
            self._tries += 1
            LOG.info("ssh: wrong code (after a key) from %s", self.address)
            if gate.fail_delay:
                await asyncio.sleep(gate.fail_delay)
            if self._ended:
                return
            if gate.attempts.blocked(self.address) or self._tries >= CODE_TRIES:
                self._ask_over()
                self._refuse(
                    "ssh.too_many" if gate.attempts.blocked(self.address) else "ssh.bad_code"
                )
                return
            self._pending.clear()  # typed ahead after a wrong code: not for the board
            self._say("ssh.bad_code")
            self._say("ssh.ask_code", newline=False)
            self._checking = False
            return
        self._code = code
        self._ask_over()
        if not self._ended:
            await self._start()

    def _ask_over(self) -> None:
        self._asking = False
        if self._ask_due is not None:
            self._ask_due.cancel()
            self._ask_due = None

    def _ask_late(self) -> None:
        self._ask_due = None
        if self._asking and not self._ended:
            self._asking = False
            LOG.info("ssh: no code from %s in time", self.address)
            self._gate.sessions.discard(self)
            self._refuse("ssh.code_late")

    # --- the board ------------------------------------------------------------------------

    async def _start(self) -> None:
        assert self._term is not None
        colorterm, look = "", {}
        if self._chan is not None:
            client = {str(k): str(v) for k, v in self._chan.get_environment().items()}
            colorterm, look = client.get("COLORTERM", ""), _look_env(client)
        master, slave = os.openpty()
        try:
            _set_size(slave, *self._size)
            modes = termios.tcgetattr(slave)
            modes[0] |= _IUTF8  # backspace over é removes é, in the name prompt too
            termios.tcsetattr(slave, termios.TCSANOW, modes)
            env = _child_env(self._term, colorterm, self.language) | look | {CODE_ENV: self._code}
            seat = self._gate.seat_for(self._code, self._server.key)
            if seat is not None:  # the key's own seat, in the environment: not on a command line
                env[SEAT_FILE_ENV] = str(seat)
            self.process = await self._gate.spawn(
                join_command(self._gate.relay_url, self.language, self.address, self._server.plain),
                env,
                slave,
            )
        except OSError as error:
            os.close(master)
            LOG.error("ssh: the board could not start: %s", error)
            self._gate.sessions.discard(self)
            self._refuse("ssh.failed", reason=error.strerror or error)
            return
        finally:
            os.close(slave)
        self.master = master
        self._gate.started += 1
        LOG.info("ssh: board %d for %s", self.process.pid, self.address)
        if self._ended:  # the connection went while the board started
            self._close_master()
            self._kill()
            return
        os.set_blocking(master, False)
        asyncio.get_running_loop().add_reader(master, self._from_child)
        self._last_input = time.monotonic()
        self._watch_idle()
        if self._pending:
            self._flush()
        await self._wait()

    async def _wait(self) -> None:
        assert self.process is not None
        code = await self.process.wait()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._output_ended.wait(), 1.0)  # what is still on its way
        if not self._ended and self._chan is not None:
            self._end()
            self._chan.exit(code if 0 <= code < 256 else 128 + abs(code) % 128)

    def _from_child(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""  # EIO: the board has closed the terminal
        if not data:
            asyncio.get_running_loop().remove_reader(self.master)
            self._output_ended.set()
            return
        if self._chan is not None:
            self._chan.write(data)

    def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending and self.master >= 0:
            try:
                written = os.write(self.master, self._pending)
            except BlockingIOError:
                break
            except OSError:
                self._pending.clear()
                break
            del self._pending[:written]
        if self._pending and not self._writing and self.master >= 0:
            loop.add_writer(self.master, self._flush)
            self._writing = True
        elif not self._pending and self._writing:
            loop.remove_writer(self.master)
            self._writing = False
        if self._chan is not None:
            if len(self._pending) > INPUT_LIMIT and not self._paused:
                self._chan.pause_reading()
                self._paused = True
            elif self._paused and len(self._pending) < INPUT_LIMIT // 2:
                self._chan.resume_reading()
                self._paused = False

    def _watch_idle(self) -> None:
        self._idle = None
        if self._ended:
            return
        self._idle = idle_later(self._last_input, self._gate.idle_timeout, self._watch_idle)
        if self._idle is None:
            LOG.info("ssh: idle board of %s closed", self.address)
            self.close_with("ssh.idle")

    # --- ending ---------------------------------------------------------------------------

    def close_with(self, key: str, status: int = 1) -> None:
        """End the board, then tell the participant why and close the connection with this
        exit status (0 when the session itself ended, 1 when this board was cut off)."""
        if self._ended:
            return
        self._end()
        if self._chan is not None:
            with contextlib.suppress(OSError):  # the channel may be closing already
                reset = b"" if self._server.plain else _RESET  # the plain board set nothing
                self._chan.write(reset + text(key, self.language).encode() + b"\r\n")
                self._chan.exit(status)

    def _refuse(self, key: str, **values: object) -> None:
        if self._chan is None:
            return
        end = "\r\n" if self._term is not None else "\n"
        with contextlib.suppress(OSError):  # the channel may be closing already
            self._chan.write_stderr((text(key, self.language, **values) + end).encode())
            self._chan.exit(1)

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        self._ask_over()
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        self._close_master()
        self._kill()
        self._gate.sessions.discard(self)

    def _close_master(self) -> None:
        if self.master < 0:
            return
        loop = asyncio.get_running_loop()
        loop.remove_reader(self.master)
        loop.remove_writer(self.master)
        os.close(self.master)  # the terminal hangs up: the board gets SIGHUP
        self.master = -1

    def _kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self._gate.track(_terminate(self.process, self._gate.kill_grace))


async def _terminate(process: asyncio.subprocess.Process | ForkedProcess, grace: float) -> None:
    """SIGTERM to the board's process group; SIGKILL if it is still there after `grace`."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), grace)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def open_gate(
    relay: Relay, bind: str, port: int, *, max_sessions: int = MAX_SESSIONS, language: str
) -> SshGate:
    """Start the SSH entrance beside a running relay (host key beside the first file).

    Raises `GateProblem` with a message for the user.
    """
    folder = state_dir(relay.rooms[0].path)
    try:
        key = host_key(folder)
    except (OSError, ValueError, asyncssh.KeyImportError) as error:
        raise GateProblem(t("ssh.key_failed", path=folder / HOST_KEY, reason=error)) from error
    local = await relay.listen_local()
    codes = [room.code for room in relay.rooms]
    seats = {room.code: state_dir(room.path) for room in relay.rooms}
    gate = SshGate(
        codes,
        f"ws://127.0.0.1:{local}",
        key,
        language=language,
        max_sessions=max_sessions,
        seats=seats,
    )
    await started(gate.start(bind, port), port, "ssh.port_in_use", "ssh.start_failed")
    return gate
