"""Where `join` keeps the secret of its seat, so that a restarted board sits in the same seat.

A board that crashed, was closed or was killed comes back as the same person: the relay
knows the seat by its secret (the token of the welcome). The secret is kept per relay
address, code and kind of board (participant or view) in the user's state folder
(`$XDG_STATE_HOME/tussenruimte/plekken/`, by default `~/.local/state/…`), readable by the
user alone. `join --new-seat` leaves it aside and takes a fresh seat.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .codes import normalise

PRIVATE = 0o600
SEAT_FILE_ENV = "TUSSENRUIMTE_SEAT_FILE"
"""For the boards the SSH and browser entrances start: the file where this board keeps its
seat instead (the entrance picks one per SSH key or browser cookie), so a person who comes
back through the same entrance sits in the same seat."""


@dataclass(frozen=True)
class KeptSeat:
    """A seat kept from an earlier join: its secret and the name it was taken with."""

    token: str
    name: str = ""
    organisation: str = ""


def state_home() -> Path:
    """The folder where the seats are kept (XDG base directories)."""
    base = os.environ.get("XDG_STATE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "state"
    return root / "tussenruimte" / "plekken"


def seat_path(url: str, code: str, view: bool) -> Path:
    """The file of the seat for this relay, room (by its code) and kind of board."""
    given = os.environ.get(SEAT_FILE_ENV, "").strip()
    if given:
        return Path(given)
    key = f"{url.rstrip('/')}\n{normalise(code)}\n{'view' if view else 'seat'}"
    return state_home() / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")


def load_seat(url: str, code: str, view: bool) -> KeptSeat | None:
    """The seat kept for this line, or None (never kept, unreadable or damaged)."""
    try:
        data = json.loads(seat_path(url, code, view).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("token"), str):
        return None
    name, organisation = data.get("name", ""), data.get("organisation", "")
    return KeptSeat(
        data["token"],
        name if isinstance(name, str) else "",
        organisation if isinstance(organisation, str) else "",
    )


def save_seat(url: str, code: str, view: bool, seat: KeptSeat) -> bool:
    """Keep the seat (mode 600, written whole or not at all); False when that failed."""
    path = seat_path(url, code, view)
    data = {"token": seat.token, "name": seat.name, "organisation": seat.organisation}
    temporary = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


def forget_seat(url: str, code: str, view: bool) -> None:
    """Drop the kept seat (the relay does not know it, or a fresh seat was asked for)."""
    with contextlib.suppress(OSError):
        seat_path(url, code, view).unlink()
