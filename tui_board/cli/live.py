"""The live subcommands: `host`, `relay` and `join`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import gc
import logging
import os
import signal
import socket
import ssl
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui_board.core.i18n import language, t, t_wire
from tui_board.files.store import FileProblem
from tui_board.live.codes import CODE_ENV
from tui_board.live.seatkeep import (
    SEAT_FILE_ENV,
    KeptSeat,
    forget_seat,
    load_seat,
    save_seat,
    state_home,
)

if TYPE_CHECKING:
    from tui_board.entrances.sshgate import SshGate
    from tui_board.entrances.webgate import WebGate
    from tui_board.live.client import RelayClient
    from tui_board.live.protocol import WaysIn
    from tui_board.live.relay import Relay, Room

# The relay, the client and websockets are imported inside the commands that use them, so
# `tussenruimte open` and `new` start without them.

DEFAULT_PORT = 8765
VIA = ("ssh", "web")
"""The entrances that start boards themselves (`join --via`)."""


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `host`, `relay` and `join` to the command's subparsers."""
    host = sub.add_parser("host", parents=[common], help=t("cli.host.help"))
    host.add_argument("file", type=Path, help=t("cli.file.help"))
    _listen_options(host)
    host.add_argument("--code", help=t("cli.code.help"))
    host.add_argument("--facilitator-code", help=t("cli.fcode.help"))
    host.add_argument("--name", help=t("cli.name.help"))
    host.add_argument("--lobby", action="store_true", help=t("lobby.option.help"))
    host.add_argument("--contrast", action="store_true", help=t("a11y.contrast.help"))
    keys_option(host)
    _ssh_options(host)
    _web_options(host)
    host.add_argument("--archive", type=Path, metavar="DIR", help=t("archive.live.help"))

    relay = sub.add_parser("relay", parents=[common], help=t("cli.relay.help"))
    relay.add_argument("files", type=Path, nargs="+", help=t("cli.file.help"))
    _listen_options(relay)
    relay.add_argument("--code", help=t("cli.code.help"))
    relay.add_argument("--facilitator-code", help=t("cli.fcode.help"))
    relay.add_argument("--tls-cert", type=Path, help=t("cli.tls_cert.help"))
    relay.add_argument("--tls-key", type=Path, help=t("cli.tls_key.help"))
    relay.add_argument("--lobby", action="store_true", help=t("lobby.option.help"))
    relay.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDR",
        help=t("cli.trusted_proxy.help"),
    )
    _ssh_options(relay)
    _web_options(relay)
    relay.add_argument("--archive", type=Path, metavar="DIR", help=t("archive.live.help"))

    join = sub.add_parser("join", parents=[common], help=t("cli.join.help"))
    join.add_argument("url", help=t("cli.url.help"))
    join.add_argument("--code", help=t("cli.join_code.help"))
    join.add_argument("--name", help=t("cli.name.help"))
    join.add_argument("--org", help=t("cli.org.help"))
    join.add_argument("--view", action="store_true", help=t("cli.view.help"))
    join.add_argument("--new-seat", action="store_true", help=t("cli.new_seat.help"))
    join.add_argument("--ca", type=Path, help=t("cli.ca.help"))
    join.add_argument("--contrast", action="store_true", help=t("a11y.contrast.help"))
    join.add_argument("--plain", action="store_true", help=t("plain.option.help"))
    keys_option(join)
    join.add_argument(
        "--mandate", action=argparse.BooleanOptionalAction, default=None, help=t("cli.mandate.help")
    )
    # Set by the ssh and browser entrances, whose boards reach the relay over loopback: the
    # status line names the way in instead of that address.
    join.add_argument("--via", choices=VIA, help=argparse.SUPPRESS)
    # ... and the address the entrance saw, for the lobby (the relay believes it only there).
    join.add_argument("--seen-from", default="", help=argparse.SUPPRESS)


def keys_option(parser: argparse.ArgumentParser) -> None:
    """`--keys FILE`: the board's own keys from this file (keymap.py)."""
    from tui_board.tui import keymap  # the CLI reaches the UI only inside a function

    path = keymap.default_path()
    parser.add_argument(
        "--keys", type=Path, metavar="FILE", help=t("cli.keys_file.help", path=path)
    )


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(t("cli.positive_number", value=text))
    return number


def _listen_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-seats-per-minute",
        type=_positive,
        default=None,
        metavar="N",
        help=t("cli.new_seats.help"),
    )
    parser.add_argument("--bind", default="0.0.0.0", help=t("cli.bind.help"))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=t("cli.port.help"))


def _ssh_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ssh", type=int, metavar="PORT", help=t("ssh.option.help"))
    parser.add_argument("--ssh-max", type=int, default=60, metavar="N", help=t("ssh.max.help"))


async def _open_gate(relay: Relay, bind: str, port: int, most: int) -> tuple[SshGate | None, str]:
    """The SSH entrance beside a running relay, or None and why not (docs/ssh.md)."""
    from tui_board.entrances.gates import GateProblem
    from tui_board.entrances.sshgate import open_gate  # asyncssh only with --ssh

    try:
        return await open_gate(relay, bind, port, max_sessions=most, language=language()), ""
    except GateProblem as problem:
        return None, str(problem)


def _web_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--web", type=int, metavar="PORT", help=t("web.option.help"))
    parser.add_argument("--web-max", type=int, default=60, metavar="N", help=t("web.max.help"))
    parser.add_argument("--public-url", metavar="URL", help=t("web.public_url.help"))


def _web_problem(args: argparse.Namespace) -> str:
    """What is wrong with `--web` and `--public-url`, or nothing."""
    if args.public_url is None:
        return ""
    if args.web is None:
        return t("web.public_url_alone")
    if not args.public_url.startswith(("http://", "https://")):
        return t("web.public_url_bad")
    return ""


async def _open_web(
    relay: Relay, bind: str, port: int, most: int, public_url: str | None
) -> tuple[WebGate | None, str]:
    """The browser entrance beside a running relay, or None and why not (docs/web.md)."""
    from tui_board.entrances.gates import GateProblem
    from tui_board.entrances.webgate import open_gate  # aiohttp only with --web

    try:
        gate = await open_gate(
            relay, bind, port, public_url=public_url or "", max_sessions=most, language=language()
        )
    except GateProblem as problem:
        return None, str(problem)
    if not gate.public_url:
        gate.public_url = web_url(public_host(bind), gate.port)
    return gate, ""


def web_url(host: str, port: int) -> str:
    """The address participants open in a browser."""
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}/" if port == 80 else f"http://{host}:{port}/"


def _ways_in(
    room: Room,
    host: str,
    port: int,
    scheme: str,
    ssh: SshGate | None,
    web: WebGate | None,
    path: str = "",
) -> WaysIn:
    """Every way into `room`, for the boards of its facilitators and its projector."""
    from tui_board.live.protocol import WaysIn

    return WaysIn(
        join=join_line(host, port, room.code, scheme, path),
        code=room.code,
        ssh_host=host if ssh is not None else "",
        ssh_port=ssh.port if ssh is not None else 0,
        fingerprint=ssh.fingerprint if ssh is not None else "",
        web=web.public_url if web is not None else "",
    )


def _ssh_ready(gate: SshGate, host: str, key: str = "ssh.ready") -> str:
    from tui_board.entrances.sshgate import ssh_line

    return t(key, line=ssh_line(host, gate.port, language()), fingerprint=gate.fingerprint)


def join_line(host: str, port: int, code: str, scheme: str = "ws", path: str = "") -> str:
    """The exact line a participant pastes (`path`: the room's own, e.g. /kamer/naam)."""
    return f"tussenruimte join {scheme}://{host}:{port}{path} --code {code}"


def room_path(room: Room, rooms: list[Room]) -> str:
    """The path in a room's join line: /kamer/NAME when the relay serves several rooms;
    with one, none (the code alone finds it at `/`, and the line stays short)."""
    from tui_board.live.relay import ROOM_PREFIX

    return ROOM_PREFIX + room.name if len(rooms) > 1 else ""


def public_host(bind: str) -> str:
    """The address to tell participants: the bind address, or this machine's LAN address."""
    if bind not in ("", "0.0.0.0", "::"):
        return bind
    try:
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"
    return address


# --- join ---------------------------------------------------------------------------------


def run_join(args: argparse.Namespace) -> int:
    """`tussenruimte join URL --code CODE`: the participant's board."""
    from tui_board.tui import keymap  # the CLI reaches the UI only inside a function

    # Own keys (the plain board has typed words, no keys): an entrance's board runs as the
    # host's user, whose keymap is not the guest's.
    if not args.plain:
        keymap.prepare(args.keys, look_home=not args.via)
    # The code: --code, else TUSSENRUIMTE_CODE (read once, so nothing the board starts gets
    # it), else asked at a terminal. The ssh and web entrances never put it on a command line.
    from_env = os.environ.pop(CODE_ENV, "")
    args.code = (args.code or from_env).strip()
    if not args.code and sys.stdin.isatty():
        with contextlib.suppress(EOFError):
            args.code = input(t("client.ask_code")).strip()
    if not args.code:
        print(t("client.code_needed"), file=sys.stderr)
        return 1
    # The seat this computer had with this line: a restarted board sits in it again. The
    # entrances' boards all run as one user: they keep a seat only in the file their entrance
    # chose for this person (SEAT_FILE_ENV), never in the shared state folder.
    keep = not args.via or bool(os.environ.get(SEAT_FILE_ENV, "").strip())
    kept = None
    if keep and args.new_seat:
        forget_seat(args.url, args.code, args.view, args.name or "")
    elif keep:  # with --name that person's seat: several people may share a computer
        kept = load_seat(args.url, args.code, args.view, args.name or "")
    # A kept seat joins without a name (the seat keeps its name as it is now, also after a
    # merge or a rename); the kept name is for when the relay no longer knows the seat.
    name, organisation = args.name or "", args.org or ""
    if kept is not None and not args.view:
        print(t("client.seat_back", name=kept.name or "?"), file=sys.stderr)
    elif not args.view:
        asking = sys.stdin.isatty()
        try:
            while not name.strip() and asking:
                name = input(t("client.ask_name"))
            if args.org is None and asking:
                organisation = input(t("client.ask_org"))
            # Asked only of someone answering questions anyway; `m` on the board says it later.
            if args.mandate is None and asking and (args.name is None or args.org is None):
                answer = input(t("client.ask_mandate")).strip().lower()
                args.mandate = answer[:1] in ("j", "y") if answer else None
        except EOFError:
            asking = False
        if not name.strip():
            print(t("relay.name_needed"), file=sys.stderr)
            return 1
    tls = None
    if args.ca is not None:
        try:
            tls = ssl.create_default_context(cafile=str(args.ca))
        except (OSError, ssl.SSLError) as error:
            print(t("cli.tls_failed", reason=error), file=sys.stderr)
            return 1
    from tui_board.live.client import RelayClient

    client = RelayClient(
        args.url,
        args.code,
        name=name,
        organisation=organisation,
        view=args.view,
        tls=tls,
        mandate=args.mandate,
        token=kept.token if kept else None,
        entrance="ssh" if args.via == "ssh" else "web" if args.via == "web" else "",
        seen_from=args.seen_from[:100],
    )
    if kept is not None:
        client.newcomer = (kept.name, kept.organisation)

    def seated(client: RelayClient) -> None:
        if keep and client.token:
            you = client.you
            seat = KeptSeat(client.token, you.name, you.organisation) if you else None
            if seat is None or not save_seat(args.url, args.code, args.view, seat):
                print(t("client.seat_not_kept", folder=state_home()), file=sys.stderr)

    return _board(client, "", via=args.via or "", seated=seated, plain=args.plain)


def _board(
    client: RelayClient,
    line: str,
    via: str = "",
    seated: Callable[[RelayClient], None] | None = None,
    plain: bool = False,
) -> int:
    from tui_board.live.client import JoinFailed

    # An entrance's board reaches the relay over loopback: that address means nothing to
    # the person at the other end of ssh or the browser.
    joining = t("client.joining_session") if via else t("client.joining", url=client.url)
    print(joining, file=sys.stderr)
    client.on_wait = lambda: print(t("lobby.you_wait"), file=sys.stderr, flush=True)
    try:
        asyncio.run(client.probe())
    except JoinFailed as failed:
        print(t_wire(failed.key, failed.values), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # ctrl+c while waiting in the lobby: leave it, quietly
        print(t("lobby.left"), file=sys.stderr)
        return 130
    if seated is not None:
        seated(client)
    if plain:  # line by line for a screen reader: no Textual on this path
        from tui_board.entrances.plain import run_plain

        try:
            return asyncio.run(run_plain(client))
        except KeyboardInterrupt:
            return 130
    from tui_board.live.liveboard import LiveBoard  # Textual only when a board opens
    from tui_board.tui.app import BoardApp

    app = BoardApp(LiveBoard(client, line, via=via))
    app.run()
    return app.return_code or 0


# --- relay --------------------------------------------------------------------------------


def _rooms(
    files: list[Path], code: str | None, fcode: str | None, lobby: bool = False
) -> list[Room] | None:
    from tui_board.live.journal import JournalDamaged
    from tui_board.live.relay import load_rooms

    try:
        rooms = load_rooms(files, code, fcode, lobby)
    except FileProblem as problem:
        print(problem.message(), file=sys.stderr)
        return None
    except JournalDamaged as damaged:
        print(t("relay.journal_damaged", path=damaged.path, line=damaged.line), file=sys.stderr)
        return None
    named: dict[str, Room] = {}
    for room in rooms:
        other = named.setdefault(room.name, room)
        if other is not room:
            print(
                t("cli.same_room_name", first=other.path, second=room.path, name=room.name),
                file=sys.stderr,
            )
            for each in rooms:
                each.journal.close()
            return None
    return rooms


def _tls(args: argparse.Namespace) -> ssl.SSLContext | None | bool:
    """The TLS context for --tls-cert/--tls-key; None without them, False on an error."""
    if not args.tls_cert and not args.tls_key:
        return None
    if not (args.tls_cert and args.tls_key):
        print(t("cli.tls_both"), file=sys.stderr)
        return False
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(args.tls_cert, args.tls_key)
    except (OSError, ssl.SSLError) as error:
        print(t("cli.tls_failed", reason=error), file=sys.stderr)
        return False
    return context


def run_relay(args: argparse.Namespace) -> int:
    """`tussenruimte relay FILE…`: the relay alone, until SIGTERM or ctrl+c."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    # websockets' own lines per connection ("connection open", "connection closed") say
    # less than the relay's "joined … from …" and "left …", and a room of a thousand that
    # fills at once paid for them; its warnings and errors still show.
    logging.getLogger("websockets.server").setLevel(logging.WARNING)
    tls_or_error = _tls(args)
    if tls_or_error is False:
        return 1
    tls = tls_or_error if isinstance(tls_or_error, ssl.SSLContext) else None
    if problem := _web_problem(args):
        print(problem, file=sys.stderr)
        return 1
    from tui_board.live.proxies import parse_networks
    from tui_board.live.relay import Relay

    proxies = []
    for value in args.trusted_proxy:
        try:
            proxies += parse_networks([value])
        except ValueError:
            print(t("cli.trusted_proxy_bad", value=value), file=sys.stderr)
            return 1
    rooms = _rooms(list(args.files), args.code, args.facilitator_code, args.lobby)
    if rooms is None:
        return 1
    relay = Relay(rooms, args.new_seats_per_minute, proxies)
    scheme = "wss" if tls else "ws"

    async def serve() -> int:
        try:
            await relay.start(args.bind, args.port, tls)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                print(t("cli.port_in_use", port=args.port), file=sys.stderr)
                return 1
            raise
        gate, problem = None, ""
        if args.ssh is not None:
            gate, problem = await _open_gate(relay, args.bind, args.ssh, args.ssh_max)
            if gate is None:
                print(problem, file=sys.stderr)
                await relay.stop()
                return 1
        web = None
        if args.web is not None:
            web, problem = await _open_web(
                relay, args.bind, args.web, args.web_max, args.public_url
            )
            if web is None:
                print(problem, file=sys.stderr)
                if gate is not None:
                    await gate.stop()
                await relay.stop()
                return 1
        for room in rooms:
            room.ways_in = _ways_in(
                room, public_host(args.bind), relay.port, scheme, gate, web, room_path(room, rooms)
            )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)

        def restart() -> None:  # SIGHUP: a restart that the boards ride out (see docs)
            restarting.append(True)
            stop.set()

        loop.add_signal_handler(signal.SIGHUP, restart)
        host = public_host(args.bind)
        print(t("cli.relay_ready", address=f"{args.bind}:{relay.port}"), file=sys.stderr)
        for room in rooms:
            print(f"{room.path}:", file=sys.stderr)
            at = room_path(room, rooms)
            print(
                t("cli.join_line", line=join_line(host, relay.port, room.code, scheme, at)),
                file=sys.stderr,
            )
            facilitator = join_line(host, relay.port, room.facilitator_code, scheme, at)
            print(t("cli.facilitator_line", line=facilitator), file=sys.stderr, flush=True)
        if gate is not None:
            print(_ssh_ready(gate, host), file=sys.stderr, flush=True)
        if web is not None:
            print(t("web.ready", url=web.public_url), file=sys.stderr, flush=True)
        # What is loaded by now (modules, models, the rooms as read) stays: left out of
        # every collection, a full one walks only what came after (a room that fills at
        # once makes a few).
        gc.freeze()
        await stop.wait()
        if web is not None:
            await web.stop()  # the boards in browsers end before the relay saves
        if gate is not None:
            await gate.stop()  # the boards over ssh end before the relay saves
        await relay.stop(final=not restarting)
        return 0

    restarting: list[bool] = []
    code = asyncio.run(serve())
    if restarting:
        print(t("cli.relay_restarting"), file=sys.stderr)
        return code
    if code == 0 and args.archive is not None:  # a clean stop, after the last save
        return _archive_at_end(list(args.files), args.archive)
    return code


def _archive_at_end(paths: list[Path], repo: Path) -> int:
    from tui_board.cli.archive import archive_at_end  # only with --archive

    return archive_at_end(paths, repo)


# --- host ---------------------------------------------------------------------------------


class RelayThread(threading.Thread):
    """The relay on its own event loop, so the board's drawing never delays it."""

    def __init__(self, relay: Relay, bind: str, port: int) -> None:
        super().__init__(name="relay", daemon=True)
        self.relay = relay
        self.bind = bind
        self.port = port
        self.ready = threading.Event()
        self.error: OSError | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._halt: asyncio.Event | None = None
        self.saved = False
        """Whether the relay stopped cleanly and saved every room."""
        self.ssh: tuple[int, int] | None = None
        """The SSH entrance's port and most boards (`--ssh`, `--ssh-max`), if any."""
        self.gate: SshGate | None = None
        self.web: tuple[int, int, str | None] | None = None
        """The browser entrance's port, most boards and public URL (`--web`), if any."""
        self.web_gate: WebGate | None = None
        self.problem = ""

    def run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._halt = asyncio.Event()
        try:
            await self.relay.start(self.bind, self.port)
        except OSError as error:
            self.error = error
            self.ready.set()
            return
        if self.ssh is not None:
            self.gate, self.problem = await _open_gate(self.relay, self.bind, *self.ssh)
            if self.gate is None:
                await self.relay.stop()
                self.ready.set()
                return
        if self.web is not None:
            self.web_gate, self.problem = await _open_web(self.relay, self.bind, *self.web)
            if self.web_gate is None:
                if self.gate is not None:
                    await self.gate.stop()
                await self.relay.stop()
                self.ready.set()
                return
        for room in self.relay.rooms:  # every way in, on the facilitator's board and projector
            host = public_host(self.bind)
            room.ways_in = _ways_in(room, host, self.relay.port, "ws", self.gate, self.web_gate)
        self.ready.set()
        await self._halt.wait()
        if self.web_gate is not None:
            await self.web_gate.stop()
        if self.gate is not None:
            await self.gate.stop()
        await self.relay.stop()
        self.saved = True

    def stop(self) -> None:
        """Save and stop the relay; returns when it is done."""
        if self._loop is not None and self._halt is not None:
            self._loop.call_soon_threadsafe(self._halt.set)
        self.join(timeout=10)


def run_host(args: argparse.Namespace) -> int:
    """`tussenruimte host FILE`: the relay plus the facilitator's board, in one process."""
    from tui_board.tui import keymap  # the CLI reaches the UI only inside a function

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    keymap.prepare(args.keys)
    if problem := _web_problem(args):
        print(problem, file=sys.stderr)
        return 1
    rooms = _rooms([args.file], args.code, args.facilitator_code, args.lobby)
    if rooms is None:
        return 1
    room = rooms[0]
    from tui_board.live.client import RelayClient
    from tui_board.live.relay import Relay

    thread = RelayThread(Relay(rooms, args.new_seats_per_minute), args.bind, args.port)
    thread.ssh = None if args.ssh is None else (args.ssh, args.ssh_max)
    thread.web = None if args.web is None else (args.web, args.web_max, args.public_url)
    thread.start()
    thread.ready.wait(10)
    if thread.error is not None:
        if thread.error.errno == errno.EADDRINUSE:
            print(t("cli.port_in_use", port=args.port), file=sys.stderr)
        else:
            print(t("client.unreachable", url=f"{args.bind}:{args.port}"), file=sys.stderr)
        return 1
    if thread.problem:
        print(thread.problem, file=sys.stderr)
        return 1
    port = thread.relay.port
    line = join_line(public_host(args.bind), port, room.code)
    print(t("cli.join_line", line=line))
    if thread.gate is not None:  # every way in: the facilitator's board has them from the relay
        print(_ssh_ready(thread.gate, public_host(args.bind)))
    if thread.web_gate is not None:
        print(t("web.ready", url=thread.web_gate.public_url))
    local = "127.0.0.1" if args.bind in ("", "0.0.0.0") else args.bind
    client = RelayClient(f"ws://{local}:{port}", room.facilitator_code, name=args.name or "")
    try:
        code = _board(client, line)
    finally:
        thread.stop()
    if code == 0 and args.archive is not None:  # the facilitator quit the board normally
        if not thread.saved:
            print(t("archive.live.not_saved", path=room.path), file=sys.stderr)
            return 1
        return _archive_at_end([room.path], args.archive)
    return code
