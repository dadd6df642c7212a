"""Three-way merge of session files by the ids of their parts: the git merge driver.

`merge_sessions(base, ours, theirs)` merges three versions of one session the way a person
would: cards, clusters, agreements, votes, participants, themes, phases, terugblik entries,
principles are matched by their ids (votes by voter and card, principles by number, the
answers of a consent round by participant and round), not by their lines in the file.

- What one side added is kept; what both sides added alike is kept once.
- What one side deleted and the other left alone is deleted.
- A field changed on one side only takes that change; changed alike on both: that value.
- Lists of names (confirmed, invited, the evaluation's answered and lines) merge as sets.
- A card's `updated` changed on both sides takes the later time.
- A field both sides changed differently keeps our value (the branch merged into) and
  gets a `Conflict` in the session's `conflicts`: the file stays valid, and validate, the
  report, `git diff` and the board name it until someone decides and removes the entry.
  An item one side deleted while the other changed it stays (changed), with a Conflict
  that says which side removed it; so does one the other side points at (a cluster it put
  a card in, a card it voted on): it comes back from the common version.

`run_merge` is `tussenruimte merge BASE OURS THEIRS [PATH]` with git's contract: the result
is written to OURS; exit 0 when clean, 1 when conflicts were recorded. When a version does
not load, or the merge would give an invalid session, it lets `git merge-file` write git's
line merge into OURS (with its conflict markers where lines clash), says why, and exits
1. It never raises.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from tui_board.core.i18n import MESSAGES, t, t_count
from tui_board.core.model import Conflict, Session
from tui_board.core.text import clean_line
from tui_board.files.store import FileProblem, load_session, save_session, validate_data


class _Missing:
    """The value of a key a side does not have (an item it has not, a norm not scored)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

_KEYS: dict[str, Callable[[dict[str, Any]], str]] = {
    "themes": lambda x: str(x["id"]),
    "participants": lambda x: str(x["id"]),
    "cards": lambda x: str(x["id"]),
    "phases": lambda x: str(x["id"]),
    "clusters": lambda x: str(x["id"]),
    "agreements": lambda x: str(x["id"]),
    "terugblik": lambda x: str(x["id"]),
    "principles": lambda x: str(x["number"]),
    "votes": lambda x: f"{x['voter']}/{x['card']}",
    "agreements.answers": lambda x: f"{x['participant']}/{x['round']}",
    "agreements.concerns": lambda x: f"{x['participant']}/{x['round']}/{x['text']}",
    "conflicts": lambda x: f"{x['part']}/{x['id']}/{x['field']}",
}
"""The lists merged item by item, and what identifies an item in each."""

_SETS = frozenset(
    {"confirmed", "invited", "open_to_all", "evaluation.answered", "evaluation.lines"}
)
"""Lists of names merged as sets (in our order, then the other side's additions)."""

_LATEST = frozenset({"cards.updated"})
"""Times that take the later of both sides instead of a conflict."""

_TABLES = frozenset({"session", "origin", "timer", "evaluation"})
"""Plain tables: a conflict in one names the table as its part."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What `merge_sessions` made."""

    session: Session
    """The merged session (holding `conflicts`)."""
    conflicts: tuple[Conflict, ...]
    """The conflicts this merge recorded (not those the sides already had)."""


class MergeProblem(Exception):
    """The three versions cannot be merged into a valid session; the message says why."""


def merge_sessions(base: Session, ours: Session, theirs: Session) -> MergeResult:
    """Merge `ours` and `theirs`, two versions of `base`; raises MergeProblem when the
    result would not be a valid session (e.g. a card moved to another theme on one side
    and put in a cluster on the other)."""
    merger = _Merger()
    sides = _dump(base), _dump(ours), _dump(theirs)
    data = merger.merge_dict("", (), *sides, root=True)
    _restore_referenced(data, *sides, merger)
    recorded = {_conflict_key(c): c for c in data.get("conflicts", ())}
    for conflict in merger.conflicts:
        recorded[_conflict_key(conflict)] = conflict
    data["conflicts"] = list(recorded.values())
    try:  # the store's checks, and its words for what is wrong
        session = validate_data(Session, data, "", Path("-"))
    except FileProblem as problem:
        raise MergeProblem(problem.what) from None
    made = tuple(Conflict.model_validate(c) for c in merger.conflicts)
    return MergeResult(session, made)


def _references(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (list, id) the merged data points at: a card's theme, author, cluster and the
    problem it answers, a cluster's theme, a vote's voter and card, the confirmations and
    the spotlight."""
    found: list[tuple[str, str]] = []
    for card in data.get("cards", ()):
        found += [("themes", card["theme"]), ("participants", card["author"])]
        found += [("clusters", card["cluster"]), ("cards", card["answers"])]
    found += [("themes", c["theme"]) for c in data.get("clusters", ())]
    for vote in data.get("votes", ()):
        found += [("participants", vote["voter"]), ("cards|clusters", vote["card"])]
    found += [("participants", person) for person in data.get("confirmed", ())]
    found.append(("cards", data.get("spotlight", "")))
    return [(part, ident) for part, ident in found if ident]


def _restore_referenced(
    data: dict[str, Any],
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    merger: _Merger,
) -> None:
    """An item one side deleted while the other side made something that points at it (a
    card put in a cluster the other side removed, a vote on a card the other side deleted)
    comes back from the common version, with a Conflict that says which side removed it —
    as for an item one side deleted and the other changed."""
    lists = ("themes", "participants", "clusters", "cards")
    present = {name: {_KEYS[name](x) for x in data[name]} for name in lists}
    for _ in range(4):  # a restored card may point at a removed cluster in its turn
        restored = False
        for part, ident in _references(data):
            options = part.split("|")
            if any(ident in present[o] for o in options):
                continue
            for option in options:
                old = next((x for x in base[option] if _KEYS[option](x) == ident), None)
                if old is None:
                    continue
                data[option] = [*data[option], old]
                present[option].add(ident)
                gone = "ours" if all(_KEYS[option](x) != ident for x in ours[option]) else "theirs"
                merger.record((option, ident), old, old, removed=gone)
                restored = True
                break
        if not restored:
            return


def _dump(session: Session) -> dict[str, Any]:
    return session.model_dump(by_alias=True, mode="python")


def _conflict_key(conflict: dict[str, Any]) -> str:
    return f"{conflict['part']}/{conflict['id']}/{conflict['field']}"


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[dict[str, Any]] = []

    def value(self, schema: str, path: tuple[str, ...], base: Any, ours: Any, theirs: Any) -> Any:
        if ours == theirs:
            return ours
        if ours == base:
            return theirs
        if theirs == base:
            return ours
        if schema in _KEYS and _all_lists(ours, theirs):
            return self.keyed(schema, path, base, ours, theirs)
        if schema in _SETS and _all_lists(ours, theirs):
            return _merge_set(base, ours, theirs)
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self.merge_dict(schema, path, base, ours, theirs)
        if schema in _LATEST and isinstance(ours, dt.datetime) and isinstance(theirs, dt.datetime):
            return max(ours, theirs)  # when it was last changed: both were, the later counts
        self.record(path, ours, theirs)
        return ours

    def merge_dict(
        self,
        schema: str,
        path: tuple[str, ...],
        base: Any,
        ours: dict[str, Any],
        theirs: dict[str, Any],
        *,
        root: bool = False,
    ) -> dict[str, Any]:
        old = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            if root and key == "conflicts":
                value = self.keyed(
                    "conflicts", (key,), old.get(key, ()), ours[key], theirs.get(key, ())
                )
            else:
                inner = key if root else f"{schema}.{key}"
                value = self.value(
                    inner,
                    (*path, key),
                    old.get(key, MISSING),
                    ours.get(key, MISSING),
                    theirs.get(key, MISSING),
                )
            if value is not MISSING:
                merged[key] = value
        return merged

    def keyed(
        self, schema: str, path: tuple[str, ...], base: Any, ours: Any, theirs: Any
    ) -> list[Any]:
        key = _KEYS[schema]
        old = {key(x): x for x in (base if isinstance(base, list | tuple) else ())}
        mine = {key(x): x for x in ours}
        other = {key(x): x for x in theirs}
        order = list(mine)
        placed = set(order)
        previous: str | None = None
        for name in other:  # the other side's new items after their neighbour there
            if name not in placed:
                at = order.index(previous) + 1 if previous is not None else 0
                order.insert(at, name)
                placed.add(name)
            previous = name
        merged: list[Any] = []
        for name in order:
            where = (*path, name)
            if name in mine and name in other:
                item = mine[name]
                if item != other[name]:
                    item = self.merge_dict(schema, where, old.get(name), item, other[name])
                merged.append(item)
            elif name in mine:
                if name not in old:
                    merged.append(mine[name])
                elif mine[name] != old[name]:  # changed here, deleted there: keep it
                    merged.append(mine[name])
                    self.record(where, mine[name], MISSING, removed="theirs")
            elif name not in old:
                merged.append(other[name])
            elif other[name] != old[name]:  # deleted here, changed there: keep it
                merged.append(other[name])
                self.record(where, MISSING, other[name], removed="ours")
        return merged

    def record(self, path: tuple[str, ...], ours: Any, theirs: Any, removed: str = "") -> None:
        head, rest = path[0], path[1:]
        if head in _KEYS:
            part, ident, field = head, rest[0] if rest else "", ".".join(rest[1:])
        elif head in _TABLES:
            part, ident, field = head, "", ".".join(rest)
        else:
            part, ident, field = "", "", ".".join(path)
        self.conflicts.append(
            {
                "part": part,
                "id": ident[:200],
                "field": field[:200],
                "ours": _show(ours)[:20000],
                "theirs": _show(theirs)[:20000],
                "removed": removed,
            }
        )


def _all_lists(*values: Any) -> bool:
    return all(isinstance(v, list | tuple) for v in values)


def _merge_set(base: Any, ours: Any, theirs: Any) -> list[Any]:
    old = list(base) if isinstance(base, list | tuple) else []
    gone = {x for x in old if x not in ours or x not in theirs}
    merged = [x for x in ours if x not in gone]
    merged += [x for x in theirs if x not in gone and x not in merged]
    return merged


def _show(value: Any) -> str:
    """A value as text for a Conflict: a text as it is, an item by its text or title."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        for field in ("text", "what", "title", "name"):
            if isinstance(value.get(field), str):
                return str(value[field])
    if isinstance(value, list | tuple) and all(isinstance(x, str) for x in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


# --- saying what a conflict is ------------------------------------------------------------

_LABEL_FIELDS = {
    "cards": "text",
    "agreements": "what",
    "participants": "name",
    "themes": "title",
    "clusters": "title",
    "phases": "title",
    "terugblik": "what",
}


def describe(session: Session, conflict: Conflict, width: int = 60) -> str:
    """One line, in the current language, that says what the conflict is about and both
    values: 'kaart "Meer overleg": tekst — hier "A", de andere kant "B"'."""
    what = _part_label(session, conflict, width)
    ours, theirs = _short(conflict.ours, width), _short(conflict.theirs, width)
    if conflict.removed == "theirs":
        return t("merge.conflict.removed_theirs", what=what)
    if conflict.removed == "ours":
        return t("merge.conflict.removed_ours", what=what)
    field = conflict.field or "-"
    if f"merge.field.{field}" in MESSAGES:
        field = t(f"merge.field.{field}")
    return t("merge.conflict.field", what=what, field=field, ours=ours, theirs=theirs)


def _part_label(session: Session, conflict: Conflict, width: int) -> str:
    part = conflict.part or "session"
    key = f"merge.part.{part}"
    name = t(key) if key in _PART_KEYS else part
    if not conflict.id:
        return name
    label = conflict.id
    field = _LABEL_FIELDS.get(part)
    items = getattr(session, part, ())
    if field is not None and field == conflict.field:  # both values follow: no third
        return name
    if field is not None:
        found = next((x for x in items if getattr(x, "id", None) == conflict.id), None)
        if found is not None:
            label = str(getattr(found, field))
    return f"{name} {_short(label, width)}"


_PART_KEYS = frozenset(
    f"merge.part.{p}"
    for p in (
        "session",
        "cards",
        "agreements",
        "participants",
        "themes",
        "clusters",
        "phases",
        "terugblik",
        "principles",
        "votes",
        "evaluation",
        "timer",
        "origin",
    )
)


def _short(text: str, width: int) -> str:
    line = clean_line(text)
    if len(line) > width:
        line = line[: width - 1].rstrip() + "…"
    return f"“{line}”"


def conflict_lines(session: Session) -> list[str]:
    """The session's recorded conflicts, one line each (empty when it has none)."""
    return [describe(session, c) for c in session.conflicts]


# --- the git merge driver -----------------------------------------------------------------


def run_merge(base: Path, ours: Path, theirs: Path, name: str | None = None) -> int:
    """`tussenruimte merge BASE OURS THEIRS [PATH]`: merge into OURS (git's `%O %A %B %P`).
    0: merged cleanly; 1: conflicts recorded in the file (valid), or git's own line merge
    written because a version did not load or the result would be invalid."""
    shown = name or str(ours)
    sides = ((base, "merge.side.base"), (ours, "merge.side.ours"), (theirs, "merge.side.theirs"))
    loaded: list[Session] = []
    for path, side in sides:
        try:
            loaded.append(load_session(path))
        except FileProblem as problem:
            reason = t("merge.side_failed", side=t(side), reason=problem.what)
            return _fall_back(base, ours, theirs, shown, reason)
    try:
        result = merge_sessions(*loaded)
    except MergeProblem as problem:
        return _fall_back(base, ours, theirs, shown, t("merge.invalid", reason=str(problem)))
    except Exception as error:  # a merge driver must leave git a file, not a traceback
        return _fall_back(base, ours, theirs, shown, t("merge.invalid", reason=repr(error)))
    try:
        save_session(result.session, ours)
    except OSError as error:
        _say(t("merge.save_failed", path=shown, reason=error.strerror or str(error)))
        return 1
    if not result.conflicts:
        return 0
    lines = [t_count("merge.recorded", len(result.conflicts), path=shown)]
    lines += [f"  - {describe(result.session, c)}" for c in result.conflicts]
    lines.append(t("merge.what_now", path=shown, arg=shlex.quote(shown)))
    _say("\n".join(lines))
    return 1


def _fall_back(base: Path, ours: Path, theirs: Path, shown: str, reason: str) -> int:
    """Git's own line merge with conflict markers into `ours`, and the reason why."""
    command = ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs"]
    command += ["--", str(ours), str(base), str(theirs)]
    try:
        subprocess.run(command, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    except OSError:
        pass  # no git: OURS stays as it was, and git marks the file as conflicted
    _say(t("merge.fell_back", path=shown, arg=shlex.quote(shown), reason=reason))
    return 1


def _say(message: str) -> None:
    print(message, file=sys.stderr)
