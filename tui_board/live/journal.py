"""The relay's promise: acknowledged means durable.

Every applied op is appended to a journal (JSON lines, fsynced) before anyone hears of
it. The TOML file stays the file people read and archive; it is brought up to date on a
clean stop and regularly (a checkpoint), after which the journal starts afresh. Replaying
the journal on start brings back everything acknowledged since the last checkpoint.

The journal, the seats (who holds which token) and, for anonymous sessions, the card
owners live in a state folder beside the session file, `.NAME.tussenruimte/` (NAME with its
`.toml`), which is not for the archive: the owner's only, with a `.gitignore` of `*`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import TypeAdapter

from tui_board.core.model import Role, Session
from tui_board.core.ops import Change
from tui_board.core.rules import apply_changes
from tui_board.core.views import changes_at_rest
from tui_board.files.store import atomic_write, save_session

PRIVATE = 0o600
"""State files hold tokens, codes and (later) hidden text: the owner only."""
FOLDER_MODE = 0o700
"""The state folder: the owner only."""
GITIGNORE = b"*\n"
"""The state folder's own `.gitignore`: git never stages anything in it."""

_CHANGES: TypeAdapter[tuple[Change, ...]] = TypeAdapter(tuple[Change, ...])


class JournalDamaged(Exception):
    """A journal line in the middle cannot be read: stop rather than lose what follows."""

    def __init__(self, path: Path, line: int) -> None:
        super().__init__(f"{path}: line {line} cannot be read")
        self.path = path
        self.line = line


def state_dir(session_path: Path) -> Path:
    """The folder beside a session file that holds its journal and seats."""
    return session_path.parent / f".{session_path.name}.tussenruimte"


def make_state_dir(folder: Path) -> Path:
    """Make the state folder `folder` ready to write in: there, the owner's only (700), and
    with a `.gitignore` of `*`, so that `git add` never stages the journal, the codes, the
    seats or the SSH host key, even when the session file is in a repository."""
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if stat.S_IMODE(folder.stat().st_mode) != FOLDER_MODE:
        os.chmod(folder, FOLDER_MODE)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        atomic_write(ignore, GITIGNORE, PRIVATE)
    return folder


@dataclass(frozen=True, slots=True)
class Entry:
    """One applied op: its sequence number, who did it, its id and what it changed."""

    seq: int
    actor: str
    op_id: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Done:
    """An op id that was applied (or found to change nothing), and the event it became."""

    actor: str
    op_id: str
    seq: int


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat at the table, reclaimed with a token (only its hash is stored)."""

    participant: str
    role: Role


class Journal:
    """Append-only log of entries since the last checkpoint, and the seats file."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = session_path
        self.folder = state_dir(session_path)
        self.path = self.folder / "journal.jsonl"
        self.seats_path = self.folder / "seats.json"
        self.owners_path = self.folder / "owners.json"
        self._handle: IO[str] | None = None

    def recover(self, session: Session) -> tuple[Session, int, list[Entry], list[Done]]:
        """Replay the journal onto `session`.

        Returns the session, the last seq, the entries since the checkpoint, and the op ids
        done before it (so that a resent op is still applied only once).
        """
        base = 0
        entries: list[Entry] = []
        done: list[Done] = []
        if self.path.exists():
            raw = self.path.read_bytes()
            good = 0
            lines = raw.splitlines(keepends=True)
            for number, line in enumerate(lines):
                if not line.endswith(b"\n"):
                    break  # a torn last line was never acknowledged
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    if number < len(lines) - 1:
                        # Not a torn end: acknowledged entries follow. Never drop them silently.
                        raise JournalDamaged(self.path, number + 1) from None
                    break
                good += len(line)
                if number == 0 and "base" in data:
                    base = int(data["base"])
                    done = [Done(str(a), str(o), int(s)) for a, o, s in data.get("done", [])]
                    continue
                entries.append(
                    Entry(
                        seq=int(data["seq"]),
                        actor=str(data["actor"]),
                        op_id=str(data["op_id"]),
                        changes=_CHANGES.validate_json(json.dumps(data["changes"])),
                    )
                )
            if good < len(raw):
                with self.path.open("r+b") as handle:
                    handle.truncate(good)
        for entry in entries:
            session = apply_changes(session, entry.changes)
        last = entries[-1].seq if entries else base
        return session, last, entries, done

    def open(self, base: int, done: Iterable[Done] = ()) -> None:
        """Start a fresh journal whose entries follow `base`, remembering `done` op ids."""
        make_state_dir(self.folder)
        header = {"base": base, "done": [[d.actor, d.op_id, d.seq] for d in done]}
        atomic_write(self.path, (json.dumps(header) + "\n").encode("utf-8"), PRIVATE)
        self.close()
        self._handle = self.path.open("a", encoding="utf-8")

    def resume(self) -> None:
        """Go on appending to the journal as it is (after `recover`)."""
        self.close()
        self._handle = self.path.open("a", encoding="utf-8")

    def append(self, entry: Entry, seats: dict[str, Seat] | None = None) -> None:
        """Write one entry and fsync it: after this returns, a crash cannot lose it.

        `seats`: new seats (by token hash) that go with it, durable with it in the same
        write (`load_seats` reads them back until the seats file has them)."""
        if self._handle is None:
            raise RuntimeError("journal is not open")
        self._handle.write(self._line(entry, seats))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def checkpoint(self, session: Session, seq: int, done: Iterable[Done] = ()) -> None:
        """Save the owners and the TOML, then start an empty journal after `seq`."""
        self.save_owners(session)
        save_session(session, self.session_path)
        self.open(seq, done)

    def close(self) -> None:
        """Close the journal file."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    @staticmethod
    def _line(entry: Entry, seats: dict[str, Seat] | None = None) -> str:
        data: dict[str, Any] = {
            "seq": entry.seq,
            "actor": entry.actor,
            "op_id": entry.op_id,
            "changes": _CHANGES.dump_python(changes_at_rest(entry.changes), mode="json"),
        }
        if seats:
            data["seats"] = _seats_data(seats)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    # --- codes ---------------------------------------------------------------------------

    def load_codes(self) -> dict[str, str]:
        """The join codes of the last run, so a restart keeps them."""
        path = self.folder / "codes.json"
        if not path.exists():
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}

    def save_codes(self, codes: dict[str, str]) -> None:
        """Keep the join codes for the next run (readable by the owner only)."""
        make_state_dir(self.folder)
        path = self.folder / "codes.json"
        atomic_write(path, json.dumps(codes, indent=1, sort_keys=True).encode("utf-8"), PRIVATE)

    # --- owners --------------------------------------------------------------------------

    def save_owners(self, session: Session) -> None:
        """Keep who wrote which card where the file may not say it (anonymous sessions).

        Without this a restart would leave every card of an anonymous session without an
        author: nobody could change their own cards, nor see their own hidden ones.
        """
        owners = {c.id: c.author for c in session.cards if c.author}
        if not session.session.anonymous:
            owners = {}  # the file itself names the authors
        if not owners and not self.owners_path.exists():
            return
        make_state_dir(self.folder)
        text = json.dumps(owners, indent=1, sort_keys=True)
        atomic_write(self.owners_path, text.encode("utf-8"), PRIVATE)

    def restore_owners(self, session: Session) -> Session:
        """Give cards the file names no author for their author back (see `save_owners`)."""
        if not self.owners_path.exists():
            return session
        owners = json.loads(self.owners_path.read_text(encoding="utf-8"))
        people = {p.id for p in session.participants}
        cards = tuple(
            card.model_copy(update={"author": owners[card.id]})
            if not card.author and owners.get(card.id) in people
            else card
            for card in session.cards
        )
        return session.model_copy(update={"cards": cards})

    # --- seats ---------------------------------------------------------------------------

    def load_seats(self) -> dict[str, Seat]:
        """Seats by token hash: the seats file, and the new seats in the journal after it."""
        data: dict[str, Any] = {}
        if self.seats_path.exists():
            data = json.loads(self.seats_path.read_text(encoding="utf-8"))
        data.update(self.journal_seats())
        return {key: Seat(value["participant"], Role(value["role"])) for key, value in data.items()}

    def journal_seats(self) -> dict[str, Any]:
        """The new seats written with journal entries (not yet in the seats file)."""
        found: dict[str, Any] = {}
        if not self.path.exists():
            return found
        for line in self.path.read_bytes().splitlines():
            if b'"seats":' not in line:
                continue
            with contextlib.suppress(json.JSONDecodeError):  # a torn last line
                found.update(json.loads(line).get("seats", {}))
        return found

    def save_seats(self, seats: dict[str, Seat]) -> None:
        """Write the seats atomically."""
        make_state_dir(self.folder)
        data = _seats_data(seats)
        # One line: json's C encoder (not used with indent) is many times faster, and a
        # room of a thousand writes this file often while they join.
        text = json.dumps(data, sort_keys=True)
        atomic_write(self.seats_path, text.encode("utf-8"), PRIVATE)


def _seats_data(seats: dict[str, Seat]) -> dict[str, dict[str, str]]:
    return {key: {"participant": s.participant, "role": s.role.value} for key, s in seats.items()}


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
