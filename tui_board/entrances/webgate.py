"""The browser entrance: `--web PORT` serves a participant's board to browsers.

A participant opens the address on the facilitator's board (or scans its QR code), types
the join code, a name and an organisation in a small form, and gets the board in the
browser: textual-serve's page (xterm.js) talking to a `tussenruimte join` child process,
one per browser tab, which reaches the rooms over the relay's loopback listener
(`Relay.listen_local`), so it sees exactly what `join` sees.

- No process starts before the code is right: the form is checked here (in constant time,
  with a limit on wrong codes per address); a right code gives a one-time ticket, and the
  board's websocket URL carries it (`/ws/TICKET`). Only that websocket starts a board.
- Everything a page loads comes from this server: textual-serve's script, style and font,
  and the pages in `tui_board/web/`. (textual-serve's own page loads a font from the
  internet, and waits for it as long as that request hangs when there is no internet.)
- Titles and URLs carry no server paths. The Host must be an IP address, `localhost` or
  the public URL's name (a page on another name cannot reach this server through DNS
  rebinding), and a websocket from another origin is refused.
- A browser keeps its seat: the right code sets a cookie with a random secret (HttpOnly,
  SameSite=Strict); the board keeps its seat in a file named by the secret's hash in the
  room's state folder (SEAT_FILE_ENV). With that cookie a reload, or the button on the form,
  brings the board back in the same seat without the code.
- A limit on boards at the same time. When the browser goes away, the board's process
  group gets SIGTERM, and SIGKILL if it is still there after a short grace.

The gate runs on the relay's event loop. Only the commands with `--web` import this module,
so the other commands never load aiohttp.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import ipaddress
import json
import logging
import os
import re
import secrets
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import textual_serve
from aiohttp import WSMsgType, web

from tui_board.core.i18n import LANGUAGES, MESSAGES
from tui_board.core.text import clean_line
from tui_board.entrances.gates import idle_later, started
from tui_board.live.codes import CODE_ENV, Attempts, same_code
from tui_board.live.journal import FOLDER_MODE, make_state_dir, state_dir
from tui_board.live.proxies import Network, forwarded_client, trusted
from tui_board.live.seatkeep import SEAT_FILE_ENV, last_name

if TYPE_CHECKING:
    from tui_board.live.relay import Relay

LOG = logging.getLogger("tussenruimte.web")

MAX_SESSIONS = 60
"""Boards in browsers at the same time (`--web-max`)."""
TICKET_TTL = 60.0
"""Seconds between a right code in the form and the board's websocket."""
IDLE_TIMEOUT = 3600.0
"""Seconds without a key press after which a board in a browser is closed."""
ATTEMPTS = 10
"""Wrong codes one address may try per minute (as over SSH: a room shares a router)."""
FAIL_DELAY = 1.0
"""Seconds before a wrong code is answered."""
KILL_GRACE = 2.0
"""Seconds a board gets after SIGTERM before SIGKILL."""
HEARTBEAT = 30.0
"""Seconds between websocket pings; a browser that stops answering is closed."""
MAX_FORM = 4096
"""Bytes a form may send."""
MAX_MESSAGE = 64 * 1024
"""Bytes one websocket message from a browser may have."""
NAME_LIMIT = 100
"""Characters of a name or an organisation."""
SEATS = "web-seats"
"""The folder in a room's state folder with the seats of browsers (by their cookie)."""
SEAT_COOKIE = "tussenruimte-plek-{port}"
"""The cookie that brings a browser back to its seat (one per entrance: a cookie does not
tell ports apart)."""
SEAT_COOKIE_AGE = 30 * 24 * 3600
"""Seconds a browser keeps its seat cookie."""
USED_KEPT = 1000
"""Used tickets whose language a reload may still ask for."""
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")

WEB = Path(__file__).parent / "web"
"""Our pages, style and script."""
SERVE = Path(textual_serve.__file__).parent / "static"
"""textual-serve's script, terminal style and font."""
STATIC: dict[str, tuple[Path, str]] = {
    "textual.js": (SERVE / "js" / "textual.js", "text/javascript"),
    "xterm.css": (SERVE / "css" / "xterm.css", "text/css"),
    "RobotoMono.ttf": (SERVE / "fonts" / "RobotoMono-VariableFont_wght.ttf", "font/ttf"),
    "page.css": (WEB / "page.css", "text/css"),
    "board.js": (WEB / "board.js", "text/javascript"),
}
"""Every file a page may load, by the name in its URL (`/static/NAME`); nothing else."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "font-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make a form's Origin "null"
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
"""On every answer: the pages load only from here, send nowhere else, are never framed."""

_GANGLION = b"__GANGLION__\n"  # what Textual's web driver says before its packets
# Run by the child before its command: on Linux, it gets SIGKILL when the process that
# started it dies, however that happens (kill -9 of `host` included), so no board outlives
# its gate. Elsewhere the command just runs. (A preexec_fn would not be safe in a process
# with threads, and `host` has them.)
_PARENT_DEATH = (
    "import os,signal,sys\n"
    "if sys.platform=='linux':\n"
    " import ctypes;ctypes.CDLL(None,use_errno=True).prctl(1,signal.SIGKILL)\n"
    " if os.getppid()!=int(sys.argv[1]):os._exit(1)\n"
    "os.execv(sys.argv[2],sys.argv[2:])"
)
_LOCAL_NAMES = frozenset({"localhost"})


_BACK = Template(
    '<form method="post" action="/back" class="back">\n'
    "    <p>$welcome</p>\n"
    '    <input type="hidden" name="lang" value="$lang">\n'
    '    <button type="submit" autofocus>$back</button>\n'
    "  </form>\n"
    "  <p>$someone_else</p>"
)
"""On the form, for a browser whose cookie names a seat: back to it with one button."""


class _QuietLogger(logging.Logger):
    """aiohttp's server log: a bad request (anyone on the network can send one) is noted at
    INFO without a traceback, so it never lands on the facilitator's board in `host`."""

    def exception(self, msg: object, *args: object, **kwargs: Any) -> None:
        error = kwargs.get("exc_info")
        reason = repr(error) if isinstance(error, BaseException) else ""
        self.info(f"{msg} %s", *args, reason)


_HTTP_LOG = _QuietLogger("tussenruimte.web.http")
_HTTP_LOG.parent = LOG


def text(key: str, language: str, **values: object) -> str:
    """A message in `language` (each browser chooses its own)."""
    nl, en = MESSAGES[key]
    template = en if language == "en" else nl
    return template.format(**values) if values else template


@dataclass(frozen=True, slots=True)
class Ticket:
    """A right code, and who the board is for: good for one websocket, for a short while."""

    code: str
    name: str
    organisation: str
    mandate: bool | None
    language: str
    address: str
    expires: float
    seat_file: str = ""
    """Where this browser's board keeps its seat (SEAT_FILE_ENV); "" keeps nothing."""


CommandMaker = Callable[[str, Ticket], list[str]]


def board_command(relay_url: str, ticket: Ticket) -> list[str]:
    """The child's command: `tussenruimte join`, with everything the form asked but the
    code, which the board finds in its environment (`CODE_ENV`): a command line is
    anyone's to read (`ps`), a process's environment only its owner's."""
    command = [
        sys.executable, "-m", "tui_board", "join", relay_url,
        "--lang", ticket.language, "--via", "web", f"--seen-from={ticket.address}",
        f"--name={ticket.name}", f"--org={ticket.organisation}",
    ]  # fmt: skip
    if ticket.mandate is not None:
        command.append("--mandate" if ticket.mandate else "--no-mandate")
    return command


def _child_env(language: str, width: int, height: int) -> dict[str, str]:
    """A small, known environment: none of the host's secrets reach the board."""
    env = {
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": os.environ.get("HOME", "/"),
        "TUSSENRUIMTE_LANG": language,
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
        "COLUMNS": str(width),
        "ROWS": str(height),
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def host_allowed(host: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether a request's Host may be answered: an IP address, localhost or a known name.

    Any other name could be a stranger's domain that points at this machine (DNS
    rebinding): a page there would be "same origin" with this server.
    """
    try:
        hostname = urlsplit("//" + host).hostname
    except ValueError:
        return False
    if not hostname:
        return False
    if hostname in names or hostname in _LOCAL_NAMES:
        return True
    try:
        ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return True


def same_origin(origin: str | None, host: str) -> bool:
    """Whether a browser's Origin is this server's (as the browser reached it)."""
    if not origin:
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def _clamp(value: object, low: int, high: int, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return max(low, min(high, value))


def _number(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


class WebGate:
    """The web server: a form for the code, then a board per browser tab."""

    def __init__(
        self,
        codes: Sequence[str],
        relay_url: str,
        *,
        language: str = "nl",
        public_url: str = "",
        max_sessions: int = MAX_SESSIONS,
        idle_timeout: float = IDLE_TIMEOUT,
        attempts: int = ATTEMPTS,
        fail_delay: float = FAIL_DELAY,
        kill_grace: float = KILL_GRACE,
        ticket_ttl: float = TICKET_TTL,
        command: CommandMaker = board_command,
        seats: Mapping[str, Path] | None = None,
        trusted_proxies: Sequence[Network] = (),
    ) -> None:
        self.codes = tuple(codes)
        self.trusted_proxies = tuple(trusted_proxies)
        """Proxies whose X-Forwarded-For names the browser's address (`--trusted-proxy`)."""
        self.seats = dict(seats or {})
        """Each room's state folder by its join code: with it, a browser that was let in
        keeps its seat (a cookie names the seat file; only a hash of it is kept here)."""
        self.relay_url = relay_url
        self.language = language
        self.public_url = public_url
        self.max_sessions = max_sessions
        self.idle_timeout = idle_timeout
        self.attempts = Attempts(attempts)
        self.fail_delay = fail_delay
        self.kill_grace = kill_grace
        self.ticket_ttl = ticket_ttl
        self.command = command
        public = urlsplit(public_url).hostname if public_url else None
        self.names = frozenset({public} if public else ())
        """Host names answered besides IP addresses and localhost (the public URL's)."""
        self.sessions: set[BrowserBoard] = set()
        self.started = 0
        """Boards started since the gate opened."""
        self.port = 0
        self._tickets: dict[str, Ticket] = {}
        self._used: dict[str, str] = {}
        """The language of tickets used lately (a reload of their page keeps it)."""
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._static = {name: (path.read_bytes(), kind) for name, (path, kind) in STATIC.items()}
        self._pages = {
            name: Template((WEB / f"{name}.html").read_text(encoding="utf-8"))
            for name in ("form", "board")
        }

    # --- running --------------------------------------------------------------------------

    async def start(self, bind: str, port: int) -> None:
        """Listen on bind:port (0 picks a free port; read it back from `port`)."""
        app = web.Application(client_max_size=MAX_FORM, middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self._form),
                web.post("/join", self._join),
                web.post("/back", self._back),
                web.get("/board/{ticket}", self._board),
                web.get("/ws/{ticket}", self._websocket),
                web.get("/static/{name}", self._file),
            ]
        )
        app.on_response_prepare.append(_security_headers)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0, logger=_HTTP_LOG)
        await self._runner.setup()
        site = web.TCPSite(self._runner, bind or None, port)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise
        address = self._runner.addresses[0]
        self.port = int(address[1])
        LOG.info("web: listening on %s:%d", bind, self.port)

    async def stop(self) -> None:
        """Tell every browser the session stopped, end the boards, stop listening."""
        for board in list(self.sessions):
            self.track(board.close_with("web.stopped"))
        deadline = time.monotonic() + self.kill_grace + 3
        while self.sessions and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def track(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` on the loop and keep it until it is done (the stop waits for it)."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def match(self, given: str) -> str | None:
        """The room code `given` is (compared in constant time with every room's code)."""
        found = None
        for code in self.codes:
            if same_code(given, code):
                found = code
        return found

    def full(self) -> bool:
        """No room for another board (the ones running and the tickets given out)."""
        now = time.monotonic()
        for token in [k for k, ticket in self._tickets.items() if ticket.expires < now]:
            del self._tickets[token]
        return len(self.sessions) + len(self._tickets) >= self.max_sessions

    def pids(self) -> list[int]:
        """The process ids of the boards running now."""
        return [b.process.pid for b in self.sessions if b.process is not None]

    # --- pages ----------------------------------------------------------------------------

    @web.middleware
    async def _guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if not host_allowed(request.host, self.names):
            LOG.info("web: refused Host %r from %s", request.host[:80], request.remote)
            language = self._language(request)
            where = self.public_url or "http://IP:PORT/"
            return web.Response(
                status=421, text=text("web.wrong_host", language, url=where), charset="utf-8"
            )
        return await handler(request)

    def remote(self, request: web.Request) -> str:
        """The browser's address: the peer's, or behind a trusted proxy the one it forwards
        (X-Forwarded-For from anyone else is ignored)."""
        peer = request.remote or "?"
        forwarded = request.headers.getall("X-Forwarded-For", [])
        if not forwarded or not trusted(peer, self.trusted_proxies):
            return peer
        return forwarded_client(peer, forwarded, self.trusted_proxies)

    def _language(self, request: web.Request) -> str:
        return self._known(request.query.get("lang", ""))

    def _known(self, chosen: str) -> str:
        """`chosen` when it is a language the gate speaks, else the gate's own."""
        return chosen if chosen in LANGUAGES else self.language

    async def _posted(self, request: web.Request, what: str) -> tuple[Mapping[str, object], str]:
        """The form a browser posted (`what`, for the log) and the language it chose; a post
        from another site is refused (403)."""
        origin = request.headers.get("Origin")
        if origin is not None and not same_origin(origin, request.host):
            LOG.info("web: %s from another origin %r refused", what, origin[:80])
            raise web.HTTPForbidden()
        form = await request.post()
        return form, self._known(str(form.get("lang", "")))

    def _page(self, name: str, language: str, status: int = 200, **values: str) -> web.Response:
        other = "en" if language == "nl" else "nl"
        fields = {
            "lang": language,
            "other": other,
            "other_name": text("web.other_language", language),
            **values,
        }
        for key in (
            "title", "intro", "code", "name", "org", "mandate", "mandate_yes",
            "mandate_no", "mandate_unsaid", "join", "starting", "closed", "again", "touch",
        ):  # fmt: skip
            fields.setdefault(key, html.escape(text(f"web.{key}", language)))
        body = self._pages[name].safe_substitute(fields)
        response = web.Response(status=status, text=body, content_type="text/html")
        response.headers["Cache-Control"] = "no-store"
        return response

    def _form_page(
        self,
        language: str,
        error: str = "",
        status: int = 200,
        name: str = "",
        organisation: str = "",
        back: str | None = None,
    ) -> web.Response:
        """The form; `back`: the name of the seat this browser can go back to (its cookie)."""
        welcome = ""
        if back is not None:
            welcome = _BACK.substitute(
                welcome=html.escape(text("web.welcome_back", language, name=back or "?")),
                back=html.escape(text("web.back", language)),
                someone_else=html.escape(text("web.someone_else", language)),
                lang=language,
            )
        return self._page(
            "form",
            language,
            status,
            back=welcome,
            error=html.escape(error),
            error_class="error" if error else "error hidden",
            name_value=html.escape(name, quote=True),
            org_value=html.escape(organisation, quote=True),
        )

    async def _form(self, request: web.Request) -> web.Response:
        kept = self.kept_seat(request)
        back = None if kept is None else last_name(kept[1])
        return self._form_page(self._language(request), back=back)

    # --- a browser's own seat, by its cookie ----------------------------------------------

    @property
    def cookie_name(self) -> str:
        """The name of this entrance's seat cookie."""
        return SEAT_COOKIE.format(port=self.port)

    def _seat_path(self, code: str, secret: str) -> Path | None:
        folder = self.seats.get(code)
        if folder is None:
            return None
        return folder / SEATS / f"{hashlib.sha256(secret.encode()).hexdigest()}.json"

    def kept_seat(self, request: web.Request) -> tuple[str, Path] | None:
        """The room (by its code) and the seat file that this browser's cookie names, when a
        board kept a seat there; None for no cookie, an unknown one, or a seat never taken."""
        secret = request.cookies.get(self.cookie_name, "")
        if not _SECRET.fullmatch(secret):
            return None
        for code in self.codes:
            path = self._seat_path(code, secret)
            if path is not None and path.is_file():
                return code, path
        return None

    def _new_seat(self, code: str) -> tuple[str, Path] | None:
        """A new secret for the cookie and the path of its seat file (its folder made)."""
        secret = secrets.token_urlsafe(32)
        path = self._seat_path(code, secret)
        if path is None:
            return None
        try:
            make_state_dir(path.parent.parent)
            path.parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
        except OSError as error:
            LOG.warning("web: no seat kept for a browser (%s)", error)
            return None
        return secret, path

    def _secure(self, request: web.Request) -> bool:
        """Did the browser reach this server over TLS (itself, or through the public URL)?"""
        public = urlsplit(self.public_url)
        proxied = public.scheme == "https" and public.netloc.lower() == request.host.lower()
        return request.secure or proxied

    def _give(self, ticket: Ticket) -> str:
        token = secrets.token_urlsafe(24)
        self._tickets[token] = ticket
        return token

    def _back_ticket(self, request: web.Request, language: str) -> str | None:
        """A ticket for the seat this browser's cookie names (None: no such seat, or full)."""
        kept = self.kept_seat(request)
        if kept is None or self.full():
            return None
        code, path = kept
        expires = time.monotonic() + self.ticket_ttl
        address = self.remote(request)
        name = last_name(path)
        return self._give(Ticket(code, name, "", None, language, address, expires, str(path)))

    async def _back(self, request: web.Request) -> web.Response:
        """Back to the seat this browser's cookie names, without the code or a name."""
        _, language = await self._posted(request, "back")
        if self.kept_seat(request) is not None and self.full():
            return self._form_page(language, text("web.full", language, max=self.max_sessions), 503)
        token = self._back_ticket(request, language)
        if token is None:
            return self._form_page(language)
        raise web.HTTPSeeOther(f"/board/{token}")

    async def _file(self, request: web.Request) -> web.Response:
        found = self._static.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        body, kind = found
        response = web.Response(body=body, content_type=kind)
        response.headers["Cache-Control"] = "max-age=3600"
        return response

    async def _join(self, request: web.Request) -> web.Response:
        """The form: the right code gives a ticket; no process starts here."""
        form, language = await self._posted(request, "form")
        address = self.remote(request)
        name = clean_line(str(form.get("name", "")), NAME_LIMIT)
        organisation = clean_line(str(form.get("org", "")), NAME_LIMIT)
        answer = str(form.get("mandate", ""))
        mandate = {"yes": True, "no": False}.get(answer)

        def again(key: str, status: int, **values: object) -> web.Response:
            message = text(key, language, **values)
            return self._form_page(language, message, status, name, organisation)

        if self.attempts.blocked(address):
            LOG.info("web: too many wrong codes from %s", address)
            return again("web.too_many", 429)
        if not name:
            return again("web.name_needed", 400)
        code = self.match(str(form.get("code", ""))[:100])
        if code is None:
            self.attempts.failed(address)
            LOG.info("web: wrong code from %s", address)
            if self.fail_delay:
                await asyncio.sleep(self.fail_delay)
            if self.attempts.blocked(address):
                return again("web.too_many", 429)
            return again("web.bad_code", 403)
        if self.full():
            LOG.info("web: full (%d boards), %s refused", self.max_sessions, address)
            return again("web.full", 503, max=self.max_sessions)
        # The seat: the one this browser's cookie names in this room, else a new one with a
        # new cookie (a cookie of another room, or an unknown one, is left aside).
        kept, secret, seat = self.kept_seat(request), "", ""
        if kept is not None and kept[0] == code:
            seat = str(kept[1])
        elif (fresh := self._new_seat(code)) is not None:
            secret, seat = fresh[0], str(fresh[1])
        expires = time.monotonic() + self.ticket_ttl
        token = self._give(
            Ticket(code, name, organisation, mandate, language, address, expires, seat)
        )
        response = web.HTTPSeeOther(f"/board/{token}")
        if secret:
            response.set_cookie(
                self.cookie_name, secret, max_age=SEAT_COOKIE_AGE, path="/", httponly=True,
                samesite="Strict", secure=self._secure(request),
            )  # fmt: skip
        raise response

    async def _board(self, request: web.Request) -> web.Response:
        """The board's page: textual-serve's terminal, its websocket carrying the ticket."""
        token = request.match_info["ticket"]
        ticket = self._tickets.get(token)
        if ticket is None or ticket.expires < time.monotonic():
            # A reload, or an old link: this browser's own seat, if its cookie names one.
            language = self._used.get(token) or self._language(request)
            again = self._back_ticket(request, language)
            if again is None:
                return self._form_page(language, text("web.expired", language), 410)
            token, ticket = again, self._tickets[again]
        # Behind a proxy that speaks https, the browser reached this server over TLS.
        scheme = "wss" if self._secure(request) else "ws"
        websocket = f"{scheme}://{request.host}/ws/{token}"
        return self._page("board", ticket.language, websocket=html.escape(websocket, quote=True))

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """A browser's board: one child process, bytes both ways, killed when it goes."""
        token = request.match_info["ticket"]
        origin = request.headers.get("Origin")
        if not same_origin(origin, request.host):
            LOG.info("web: websocket from another origin %r refused", (origin or "")[:80])
            raise web.HTTPForbidden()
        ticket = self._tickets.pop(token, None)
        if ticket is None or ticket.expires < time.monotonic():
            raise web.HTTPGone()
        self._used[token] = ticket.language
        while len(self._used) > USED_KEPT:
            del self._used[next(iter(self._used))]
        if ticket.address != self.remote(request):
            LOG.info("web: ticket used from %s, given to %s", self.remote(request), ticket.address)
            raise web.HTTPForbidden()
        if len(self.sessions) >= self.max_sessions:
            raise web.HTTPServiceUnavailable()
        ws = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE)
        await ws.prepare(request)
        width = _clamp(_number(request.query.get("width", "80"), 80), 20, 500, 80)
        height = _clamp(_number(request.query.get("height", "24"), 24), 5, 200, 24)
        board = BrowserBoard(self, ws, ticket)
        self.sessions.add(board)
        try:
            await board.run(width, height)
        finally:
            self.sessions.discard(board)
        return ws


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Server"] = "tussenruimte"  # not which Python or aiohttp


class BrowserBoard:
    """One participant's board: a `join` child speaking Textual's web driver protocol."""

    def __init__(self, gate: WebGate, ws: web.WebSocketResponse, ticket: Ticket) -> None:
        self._gate = gate
        self._ws = ws
        self.ticket = ticket
        self.language = ticket.language
        self.process: asyncio.subprocess.Process | None = None
        self._shown = False
        self._ending = False
        self._errors = bytearray()
        self._last_input = time.monotonic()
        self._idle: asyncio.TimerHandle | None = None

    async def run(self, width: int, height: int) -> None:
        """Start the board and copy both ways until the browser or the board is gone."""
        try:
            command = self._gate.command(self._gate.relay_url, self.ticket)
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                _PARENT_DEATH,
                str(os.getpid()),
                *command,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self._env(width, height),
                start_new_session=True,
            )
        except OSError as error:
            LOG.error("web: the board could not start: %s", error)
            await self._say("web.failed", reason=error.strerror or error)
            await self._ws.close()
            return
        self._gate.started += 1
        LOG.info("web: board %d for %s", self.process.pid, self.ticket.address)
        output = asyncio.create_task(self._from_board())
        errors = asyncio.create_task(self._read_errors())
        self._watch_idle()
        try:
            await self._from_browser()
        finally:
            self._ending = True
            if self._idle is not None:
                self._idle.cancel()
            await _terminate(self.process, self._gate.kill_grace)
            await asyncio.gather(output, errors, return_exceptions=True)
            if not self._ws.closed:
                await self._ws.close()
            LOG.info("web: board %d ended", self.process.pid)

    def _env(self, width: int, height: int) -> dict[str, str]:
        """The board's environment: the code, and the file of this browser's seat."""
        env = _child_env(self.language, width, height) | {CODE_ENV: self.ticket.code}
        if self.ticket.seat_file:
            env[SEAT_FILE_ENV] = self.ticket.seat_file
        return env

    async def close_with(self, key: str) -> None:
        """Tell the browser why, then close: the board ends with the websocket."""
        if self._ending:
            return
        self._ending = True
        await self._say(key)
        await self._ws.close()

    async def _say(self, key: str, **values: object) -> None:
        """A line on the browser's terminal, below whatever the board left there."""
        message = text(key, self.language, **values)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self._ws.send_bytes(b"\x1b[?1049l\x1b[0m\r\n  " + message.encode() + b"\r\n")

    # --- browser → board ------------------------------------------------------------------

    async def _from_browser(self) -> None:
        async for message in self._ws:
            if message.type is not WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                self._last_input = time.monotonic()
                await self._send(b"D", data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width = _clamp(data.get("width"), 20, 500, 80)
                height = _clamp(data.get("height"), 5, 200, 24)
                await self._meta({"type": "resize", "width": width, "height": height})
            elif kind == "ping" and isinstance(data, str):
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await self._ws.send_json(["pong", data[:40]])
            elif kind in ("focus", "blur"):
                await self._meta({"type": kind})

    async def _meta(self, data: dict[str, object]) -> None:
        await self._send(b"M", json.dumps(data).encode())

    async def _send(self, kind: bytes, payload: bytes) -> None:
        stdin = self.process.stdin if self.process is not None else None
        if stdin is None or stdin.is_closing():
            return
        try:
            stdin.write(kind + len(payload).to_bytes(4, "big") + payload)
            await stdin.drain()
        except (ConnectionError, RuntimeError):
            pass  # the board has gone; its output's end closes the websocket

    # --- board → browser ------------------------------------------------------------------

    async def _from_board(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        stdout = self.process.stdout
        try:
            for _ in range(10):  # a few lines may come before the driver's protocol
                line = await stdout.readline()
                if not line or line == _GANGLION:
                    break
            else:
                line = b""
            if line == _GANGLION:
                await self._packets(stdout)
        except (asyncio.IncompleteReadError, ConnectionError, RuntimeError, ValueError):
            pass
        if self._ending:
            return
        try:  # the board quit, or it never spoke the protocol
            code: int | None = await asyncio.wait_for(self.process.wait(), self._gate.kill_grace)
        except TimeoutError:
            code = None
        if not self._shown:  # it ended before it showed a board: say why
            await self._say_errors(code)
        self._ending = True
        await self._ws.close()

    async def _packets(self, stdout: asyncio.StreamReader) -> None:
        while True:
            kind = await stdout.readexactly(1)
            size = int.from_bytes(await stdout.readexactly(4), "big")
            payload = await stdout.readexactly(size)
            if kind == b"D":
                self._shown = True
                if not self._ws.closed:  # else: read on, so the board is never stuck writing
                    with contextlib.suppress(ConnectionError, RuntimeError):
                        await self._ws.send_bytes(payload)
            elif kind == b"M":
                meta = json.loads(payload)
                if isinstance(meta, dict) and meta.get("type") == "exit":
                    return  # the board quit (q)
            # Other packets (file downloads, links to open) are not offered.

    async def _read_errors(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        while data := await self.process.stderr.read(4096):
            self._errors += data
            del self._errors[:-4096]

    async def _say_errors(self, code: int | None) -> None:
        await asyncio.sleep(0.05)  # the rest of what it wrote
        said = bytes(self._errors).decode("utf-8", "replace")
        lines = [line.strip() for line in said.splitlines() if line.strip()]
        LOG.info("web: board ended with %s before it showed: %s", code, lines[-1:])
        if lines and "Traceback" not in said:
            await self._say_text(lines[-1])
        else:
            await self._say("web.failed", reason=code)

    async def _say_text(self, message: str) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self._ws.send_bytes(b"\r\n  " + clean_line(message, 300).encode() + b"\r\n")

    def _watch_idle(self) -> None:
        self._idle = None
        if self._ending:
            return
        self._idle = idle_later(self._last_input, self._gate.idle_timeout, self._watch_idle)
        if self._idle is None:
            LOG.info("web: idle board of %s closed", self.ticket.address)
            self._gate.track(self.close_with("web.idle"))


async def _terminate(process: asyncio.subprocess.Process, grace: float) -> None:
    """SIGTERM to the board's process group; SIGKILL if it is still there after `grace`."""
    if process.stdin is not None:
        process.stdin.close()
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            LOG.info("web: board %d did not stop; killed", process.pid)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    await process.wait()


async def open_gate(
    relay: Relay,
    bind: str,
    port: int,
    *,
    public_url: str,
    max_sessions: int = MAX_SESSIONS,
    language: str,
) -> WebGate:
    """Start the browser entrance beside a running relay.

    `public_url` may be empty: the gate's own address (`http://HOST:PORT/`) is then filled
    in by the caller from `port`. Raises `GateProblem` with a message for the user.
    """
    local = await relay.listen_local()
    codes = [room.code for room in relay.rooms]
    gate = WebGate(
        codes,
        f"ws://127.0.0.1:{local}",
        language=language,
        public_url=public_url,
        max_sessions=max_sessions,
        seats={room.code: state_dir(room.path) for room in relay.rooms},
        trusted_proxies=relay.trusted_proxies,
    )
    await started(gate.start(bind, port), port, "web.port_in_use", "web.start_failed")
    return gate
