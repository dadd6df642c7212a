"""Where `join` keeps the secret of its seat, so that a restarted board sits in the same seat.

A board that crashed, was closed or was killed comes back as the same person: the relay
knows the seat by its secret (the token of the welcome). The secret is kept per relay
address, code and kind of board (participant or view) in the user's state folder
(`$XDG_STATE_HOME/tussenruimte/plekken/`, by default `~/.local/state/…`), readable by the
user alone. `join --new-seat` leaves it aside and takes a fresh seat.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui_board.live.codes import normalise

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


def _read(path: Path) -> dict[str, dict[str, str]]:
    """The seats kept in one file, by name (empty when missing, unreadable or damaged)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    seats = data.get("seats") if isinstance(data, dict) else None
    if not isinstance(seats, dict):
        return {}
    return {
        name: kept
        for name, kept in seats.items()
        if isinstance(name, str) and isinstance(kept, dict) and isinstance(kept.get("token"), str)
    }


def last_name(path: Path) -> str:
    """The name of the seat used last in the seat file `path` ("" when it does not say)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    last = data.get("last", "") if isinstance(data, dict) else ""
    return last if isinstance(last, str) else ""


def load_seat(url: str, code: str, view: bool, name: str = "") -> KeptSeat | None:
    """The seat kept for this line: the one of `name`, or without a name the last one used
    (several people may share a computer). None when there is none."""
    path = seat_path(url, code, view)
    seats = _read(path)
    who = name.strip() or last_name(path)
    kept = seats.get(who)
    if kept is None:
        return None
    organisation = kept.get("organisation", "")
    return KeptSeat(kept["token"], who, organisation if isinstance(organisation, str) else "")


def save_seat(url: str, code: str, view: bool, seat: KeptSeat) -> bool:
    """Keep the seat beside the others of this line (mode 600, written whole or not at all);
    False when that failed."""
    path = seat_path(url, code, view)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _locked(path):
            seats = _read(path)
            seats[seat.name] = {"token": seat.token, "organisation": seat.organisation}
            _write(path, {"seats": seats, "last": seat.name})
    except OSError:
        return False
    return True


def forget_seat(url: str, code: str, view: bool, name: str = "") -> None:
    """Drop the kept seat of `name` (without a name: the last one used), so a new one is
    taken."""
    path = seat_path(url, code, view)
    with contextlib.suppress(OSError), _locked(path):
        seats = _read(path)
        who = name.strip() or last_name(path)
        if seats.pop(who, None) is not None:
            _write(path, {"seats": seats, "last": ""})


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One process at a time changes the seats of a line (two boards may start at once)."""
    lock = path.with_suffix(".lock")
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT, PRIVATE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write(path: Path, data: dict[str, object]) -> None:
    temporary = path.with_suffix(".tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
