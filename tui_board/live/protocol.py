"""The wire protocol between boards and the relay: JSON text frames, one message each.

Every message is a pydantic model with a `type` field. The first message a client sends
is `hello`; the relay answers `welcome` (or `error` and closes). After that the client
sends `op`s; the relay answers each with `ack` or `reject` and sends `event`s to everyone.
`docs/protocol.md` describes every message.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from tui_board.core.model import ID_PATTERN, Participant, Role, Session
from tui_board.core.ops import Change, Op, Waiting

PROTOCOL_VERSION = 5
MAX_FRAME = 64 * 1024
"""The largest frame the relay accepts, in bytes."""


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- client → relay ---------------------------------------------------------------------


class Hello(_Message):
    """The first message: who knocks, with which code, and from where to resume."""

    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    """The protocol version the client speaks."""
    code: str = Field(max_length=100)
    """The join code (participants) or the facilitator code."""
    name: str = Field(default="", max_length=200)
    """The name to show; may be empty when resuming with a token."""
    organisation: str = Field(default="", max_length=200)
    """The organisation one sits at the table for."""
    token: str | None = Field(default=None, max_length=200)
    """The secret the relay gave in an earlier `welcome`: reclaims the same seat."""
    since: int | None = Field(default=None, ge=0)
    """The last event sequence number this client has; the relay sends what came after."""
    view: bool = False
    """Join as a read-only observer (the projector view)."""
    mandate: bool | None = None
    """Whether one may make agreements for one's organisation (spelregel 3); None: not said."""
    entrance: Literal["", "ssh", "web"] = ""
    """The entrance (SSH or browser) that started this board for someone, if any."""
    seen_from: str = Field(default="", max_length=100)
    """The address that entrance saw the person connect from. The relay believes `entrance`
    and `seen_from` only on its loopback listener for the entrances, and ignores them from
    anyone else."""


class OpMessage(_Message):
    """Ask the relay to apply an op."""

    type: Literal["op"] = "op"
    op_id: str = Field(pattern=ID_PATTERN)
    """Made by the client; the relay applies each op id once and acknowledges repeats."""
    op: Op


class Admit(_Message):
    """Let someone in from the lobby (facilitators and co-facilitators only)."""

    type: Literal["admit"] = "admit"
    lobby_id: str = Field(pattern=ID_PATTERN)
    """The waiting person, as the `lobby_list` names them."""


class Refuse(_Message):
    """Send someone in the lobby away (facilitators and co-facilitators only)."""

    type: Literal["refuse"] = "refuse"
    lobby_id: str = Field(pattern=ID_PATTERN)


ClientMessage = Annotated[Hello | OpMessage | Admit | Refuse, Field(discriminator="type")]
CLIENT_MESSAGE: TypeAdapter[Hello | OpMessage | Admit | Refuse] = TypeAdapter(ClientMessage)


# --- relay → client ---------------------------------------------------------------------


class WaysIn(_Message):
    """Every way into a room, for the boards of the facilitator and the projector."""

    join: str = ""
    """The line participants paste: `tussenruimte join ws://HOST:PORT --code CODE`."""
    code: str = ""
    """The participants' join code."""
    ssh_host: str = ""
    ssh_port: int = 0
    """The SSH entrance (`--ssh`), when there is one."""
    fingerprint: str = ""
    """The SSH host key's fingerprint (SHA256:…)."""
    web: str = ""
    """The address for browsers (`--web`), when there is one; the boards draw it as a QR code."""


class Lobby(_Message):
    """You wait in the lobby until a facilitator lets you in (then: `welcome`) or not
    (then: `error` `relay.not_admitted` and close 4013). Nothing of the board comes before."""

    type: Literal["lobby"] = "lobby"


class Newcomer(_Message):
    """Someone waiting in the lobby, as the facilitators see them."""

    lobby_id: str
    name: str = ""
    organisation: str = ""
    address: str = ""
    """The address they connect from (for the SSH and browser entrances: the address the
    entrance saw, not the entrance's own)."""
    entrance: Literal["", "ssh", "web"] = ""
    """They came in through the SSH or browser entrance."""
    since: dt.datetime
    """When they started waiting (the relay's clock)."""
    view: bool = False
    """They join as an observer (a projector) with the join code."""


class LobbyList(_Message):
    """Who waits in the lobby now: to facilitators and co-facilitators, whenever it changes."""

    type: Literal["lobby_list"] = "lobby_list"
    waiting: tuple[Newcomer, ...] = ()


class Welcome(_Message):
    """You are in: your seat, your secret, and the board as you may see it."""

    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    you: Participant
    """Your seat at the table (id, name, organisation, role), decided by the relay."""
    token: str
    """Keep this to reclaim your seat after a dropped connection or a relay restart."""
    seq: int
    """The sequence number of the last event included in what follows."""
    snapshot: Session | None = None
    """The whole board (your view of it), unless `events` bring you up to date."""
    events: tuple[Event, ...] = ()
    """The events you missed since `since`, when the relay still has them all."""
    online: tuple[str, ...] = ()
    """Ids of the participants connected now."""
    waiting: Waiting = Waiting(by_theme={}, by_organisation={})
    """How many hidden cards of others wait for the reveal (private writing)."""
    now: dt.datetime | None = None
    """The relay's clock: boards count the timer down from it, not from their own clock."""
    ways_in: WaysIn | None = None
    """Every way into the room (facilitators and observers only: the projector shows it)."""


class Event(_Message):
    """Something changed on the board, in the relay's order."""

    type: Literal["event"] = "event"
    seq: int
    """Sequence number in this room: 1, 2, 3 …"""
    changes: tuple[Change, ...]
    """What changed, as this client may see it."""
    after: int | None = Field(default=None, ge=0)
    """The seq of the last event this board was sent, when events in between had nothing for
    it (others' dots while voting are not sent at all); None: the one just before."""
    actor: str = ""
    """The participant whose op this was (empty when that would tell who wrote a private
    card)."""
    now: dt.datetime | None = None
    """The relay's clock when it sent this."""
    op_id: str = ""
    """The op that caused it (only sent to its author)."""


class Ack(_Message):
    """Your op was applied and is durable."""

    type: Literal["ack"] = "ack"
    op_id: str
    seq: int
    """The event it became (0 when it changed nothing)."""


class Reject(_Message):
    """Your op was refused; `key` is a message in `i18n`, `values` fill it in."""

    type: Literal["reject"] = "reject"
    op_id: str
    key: str
    values: dict[str, str] = Field(default_factory=dict)


class Presence(_Message):
    """Who came and who went since what this board last heard (its welcome's `online`, or
    the presence before this one)."""

    type: Literal["presence"] = "presence"
    came: tuple[str, ...] = ()
    """Ids of the participants connected since."""
    went: tuple[str, ...] = ()
    """Ids of the participants no longer connected."""

    def apply(self, online: tuple[str, ...]) -> tuple[str, ...]:
        """Who is connected now, given who was (`online`)."""
        gone = set(self.went)
        kept = [p for p in online if p not in gone]
        known = set(kept)
        return (*kept, *(p for p in self.came if p not in known))


class ErrorMessage(_Message):
    """Something about your connection or message was wrong; `fatal` means the relay closes."""

    type: Literal["error"] = "error"
    key: str
    values: dict[str, str] = Field(default_factory=dict)
    fatal: bool = False


ServerMessage = Annotated[
    Welcome | Event | Ack | Reject | Presence | ErrorMessage | Lobby | LobbyList,
    Field(discriminator="type"),
]
SERVER_MESSAGE: TypeAdapter[
    Welcome | Event | Ack | Reject | Presence | ErrorMessage | Lobby | LobbyList
] = TypeAdapter(ServerMessage)

Welcome.model_rebuild()

__all__ = [
    "Ack",
    "Admit",
    "CLIENT_MESSAGE",
    "ErrorMessage",
    "Event",
    "Hello",
    "Lobby",
    "LobbyList",
    "MAX_FRAME",
    "Newcomer",
    "OpMessage",
    "PROTOCOL_VERSION",
    "Presence",
    "Refuse",
    "Reject",
    "Role",
    "SERVER_MESSAGE",
    "Welcome",
]
