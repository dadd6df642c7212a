"""Session files: stable bytes, atomic saves, and a clear message for every bad file."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from factories import DATE, FACILITATOR, LATER, NOW, STRANGER, big_session, make_session

from tui_board.core import i18n
from tui_board.core.model import Role, Session
from tui_board.core.ops import Actor, AddCard, EditCard, Join
from tui_board.core.rules import Applied, apply
from tui_board.files.store import (
    FileProblem,
    dumps_session,
    load_session,
    save_session,
    session_to_dict,
)
from tui_board.files.templates import find_template, new_session

ROOT = Path(__file__).resolve().parent.parent
MAKE_RUN_EXAMPLE = ROOT / "sessions" / "voorbeeld-rivierenland.toml"
"""The example `make run` opens; it must exist, so the list below is never empty."""
EXAMPLE_FILES = sorted({MAKE_RUN_EXAMPLE, *(ROOT / "sessions").glob("*.toml")})
TEMPLATE_NAMES = ("rivierenland", "consensus", "schutting")


def fresh(name: str) -> Session:
    return new_session(find_template(name), date=DATE, facilitator="Ria")


BUILT: dict[str, Callable[[], Session]] = {
    "small": make_session,
    "small-without-cards": lambda: make_session(cards=[]),
    "big": lambda: big_session(20, 10),
    **{f"fresh-{name}": partial(fresh, name) for name in TEMPLATE_NAMES},
}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILT))
def test_session_round_trips_with_identical_bytes(tmp_path: Path, name: str) -> None:
    session = BUILT[name]()
    path = tmp_path / "sessie.toml"
    save_session(session, path)
    first = path.read_bytes()
    assert first.decode("utf-8") == dumps_session(session)

    loaded = load_session(path)
    assert session_to_dict(loaded) == session_to_dict(session)
    assert loaded.model_dump(exclude={"cards"}) == session.model_dump(exclude={"cards"})
    assert sorted(loaded.cards, key=lambda c: c.id) == sorted(session.cards, key=lambda c: c.id)

    save_session(loaded, path)
    assert path.read_bytes() == first
    assert listing(tmp_path) == ["sessie.toml"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_example_session_files_round_trip(tmp_path: Path, path: Path) -> None:
    original = path.read_bytes()
    session = load_session(path)
    copy = tmp_path / path.name
    save_session(session, copy)
    first = copy.read_bytes()
    assert first == original, "the examples are as the program writes them: no churn on save"
    assert session_to_dict(load_session(copy)) == session_to_dict(session)
    save_session(load_session(copy), copy)
    assert copy.read_bytes() == first
    assert path.read_bytes() == original, "loading an example never writes it"


def test_dumps_is_deterministic_and_independent_of_card_order() -> None:
    session = big_session(6, 5)
    shuffled = session.model_copy(update={"cards": tuple(reversed(session.cards))})
    assert dumps_session(session) == dumps_session(session)
    assert dumps_session(shuffled) == dumps_session(session)


def test_file_has_one_table_per_card_in_board_order() -> None:
    session = make_session()
    text = dumps_session(session)
    assert text.count("[[cards]]\n") == len(session.cards)
    assert text.count("[[themes]]\n") == len(session.themes)
    assert text.count("[[participants]]\n") == len(session.participants)
    ids = [line.split('"')[1] for line in text.splitlines() if line.startswith('id = "')]
    card_ids = [i for i in ids if session.card(i) is not None]
    assert card_ids == ["a1", "b1", "a2", "r1", "b2"]


def test_markup_and_quotes_in_text_survive_the_file(tmp_path: Path) -> None:
    text = (
        'Zeg "ja" tegen [bold]samen[/bold] \\ en [@click=app.quit]niet[/] \u00e9\u00e9n \U0001f91d'
    )
    session = make_session(cards=[])
    outcome = apply(session, AddCard(card_id="q1", theme="rollen", text=text), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    path = tmp_path / "s.toml"
    save_session(outcome.session, path)
    loaded = load_session(path).card("q1")
    assert loaded is not None and loaded.text == text


# --- small diffs ---------------------------------------------------------------------------


def card_table(lines: list[str], card_id: str) -> range:
    """The line indexes of the `[[cards]]` table of `card_id` (header up to the next table)."""
    at = lines.index(f'id = "{card_id}"')
    start = max(i for i in range(at) if lines[i].startswith("["))
    later = [i for i in range(at, len(lines)) if lines[i].startswith("[")]
    return range(start, later[0] if later else len(lines))


def changed_lines(old: str, new: str) -> tuple[set[int], set[int], list[str]]:
    """Indexes of old and new lines that differ, and the opcodes that say how."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    gone: set[int] = set()
    came: set[int] = set()
    kinds: list[str] = []
    for kind, i1, i2, j1, j2 in matcher.get_opcodes():
        if kind != "equal":
            kinds.append(kind)
            gone.update(range(i1, i2))
            came.update(range(j1, j2))
    return gone, came, kinds


BIG_FACILITATOR = Actor("p000", Role.FACILITATOR)
"""The facilitator of `big_session()`."""


def test_editing_one_card_changes_only_that_cards_lines() -> None:
    session = big_session(5, 4)
    target = session.cards_in("thema-1")[2].id
    outcome = apply(session, EditCard(card_id=target, text="Nieuwe tekst"), BIG_FACILITATOR, LATER)
    assert isinstance(outcome, Applied)
    old, new = dumps_session(session), dumps_session(outcome.session)
    gone, came, _ = changed_lines(old, new)
    old_lines, new_lines = old.splitlines(), new.splitlines()
    assert gone and came
    assert gone <= set(card_table(old_lines, target))
    assert came <= set(card_table(new_lines, target))
    assert {old_lines[i].split(" =")[0] for i in gone} == {"text", "updated"}
    assert sorted(new_lines[i] for i in came)[0] == 'text = "Nieuwe tekst"'
    assert sorted(new_lines[i] for i in came)[1].startswith("updated = 2026-11-26")
    assert "10:05:00" in sorted(new_lines[i] for i in came)[1]
    assert len(came) == len(gone) == 2


def test_adding_a_card_at_the_end_only_adds_its_table() -> None:
    session = big_session(5, 4)
    op = AddCard(card_id="nieuw", theme="thema-0", text="Erbij")
    outcome = apply(session, op, BIG_FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    old, new = dumps_session(session), dumps_session(outcome.session)
    gone, came, kinds = changed_lines(old, new)
    assert kinds == ["insert"] and not gone
    new_lines = new.splitlines()
    table = card_table(new_lines, "nieuw")
    # The new table and the blank line that separates it from its neighbour.
    assert came <= set(range(table.start - 1, table.stop))
    assert len(came) == 9


def test_someone_joining_only_adds_their_table() -> None:
    session = make_session()
    outcome = apply(session, Join(name="Zoë", organisation="Bibliotheek"), STRANGER, NOW)
    assert isinstance(outcome, Applied)
    gone, came, kinds = changed_lines(dumps_session(session), dumps_session(outcome.session))
    assert kinds == ["insert"] and not gone
    assert len(came) == 6


# --- atomic save ---------------------------------------------------------------------------


def crash(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_crash_during_save_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = tmp_path / "sessie.toml"
    save_session(make_session(), path)
    before = path.read_bytes()
    changed = make_session(cards=[])
    assert dumps_session(changed).encode() != before

    monkeypatch.setattr(os, where, crash)
    with pytest.raises(OSError, match="No space left"):
        save_session(changed, path)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert listing(tmp_path) == ["sessie.toml"], "no temporary file is left behind"
    assert session_to_dict(load_session(path)) == session_to_dict(make_session())


def test_failure_while_the_text_is_made_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save writes the text as it is made (cards one by one); a failure halfway (here:
    tomli-w refusing the 40th table) leaves the old file as it was and no temporary file."""
    import tomli_w

    path = tmp_path / "sessie.toml"
    save_session(make_session(), path)
    before = path.read_bytes()
    made = 0
    real_dumps = tomli_w.dumps

    def dumps_until_40(data: object, **kwargs: object) -> str:
        nonlocal made
        made += 1
        if made == 40:
            raise OSError(28, "No space left on device")
        return real_dumps(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tomli_w, "dumps", dumps_until_40)
    with pytest.raises(OSError, match="No space left"):
        save_session(big_session(), path)
    monkeypatch.undo()

    assert made == 40, "the save stopped halfway, not before it began"
    assert path.read_bytes() == before
    assert listing(tmp_path) == ["sessie.toml"]


def test_a_streamed_save_writes_the_very_text_of_dumps_session(tmp_path: Path) -> None:
    session = big_session()
    path = tmp_path / "groot.toml"
    save_session(session, path)
    assert path.read_bytes() == dumps_session(session).encode("utf-8")
    assert session_to_dict(load_session(path)) == session_to_dict(session)


def test_crash_during_first_save_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_session(make_session(), tmp_path / "nieuw.toml")
    assert listing(tmp_path) == []


def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    save_session(make_session(), path)
    path.chmod(0o600)
    save_session(make_session(cards=[]), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert listing(tmp_path) == ["sessie.toml"]


# --- bad files -----------------------------------------------------------------------------

GOOD = """\
schema = 1

[session]
title = "Proefsessie"
date = 2026-11-26

[[themes]]
id = "rollen"
title = "Rollen"

[[participants]]
id = "anna"
name = "Anna"

[[cards]]
id = "k1"
theme = "rollen"
text = "Eerste kaart"
author = "anna"
position = 1024
created = 2026-11-26T10:00:00Z
updated = 2026-11-26T10:00:00Z

[[cards]]
id = "k2"
theme = "rollen"
text = "Tweede kaart"
author = "anna"
position = 2048
created = 2026-11-26T10:00:00Z
updated = 2026-11-26T10:00:00Z
"""


def with_line(number: int, expected: str, replacement: str) -> str:
    """GOOD with line `number` (1-based), which must read `expected`, replaced."""
    lines = GOOD.splitlines()
    assert lines[number - 1] == expected
    lines[number - 1] = replacement
    return "\n".join(lines) + "\n"


# name: (file text, line, Dutch fragment, English fragment)
BAD: dict[str, tuple[str, int, str, str]] = {
    "syntax": (
        with_line(27, 'text = "Tweede kaart"', 'text = = "Tweede kaart"'),
        27,
        "dit is geen geldige TOML",
        "this is not valid TOML",
    ),
    "wrong-type-int": (
        with_line(29, "position = 2048", 'position = "veel"'),
        29,
        "in het veld cards[2].position: hier hoort een geheel getal",
        "in the field cards[2].position: this should be a whole number",
    ),
    "wrong-type-text": (
        with_line(27, 'text = "Tweede kaart"', "text = 42"),
        27,
        "in het veld cards[2].text: hier hoort tekst tussen aanhalingstekens",
        "in the field cards[2].text: this should be quoted text",
    ),
    "wrong-type-date": (
        with_line(5, "date = 2026-11-26", 'date = "morgen"'),
        5,
        "in het veld session.date: hier hoort een datum",
        "in the field session.date: this should be a date",
    ),
    "no-time-zone": (
        with_line(30, "created = 2026-11-26T10:00:00Z", "created = 2026-11-26T10:00:00"),
        30,
        "tijd zonder tijdzone",
        "time without a time zone",
    ),
    "missing-field": (
        with_line(27, 'text = "Tweede kaart"', ""),
        24,
        "in het veld cards[2].text: dit veld ontbreekt",
        "in the field cards[2].text: this field is missing",
    ),
    "schema-version": (
        with_line(1, "schema = 1", "schema = 99"),
        1,
        "onbekende schemaversie 99",
        "unknown schema version 99",
    ),
    "duplicate-id": (
        with_line(25, 'id = "k2"', 'id = "k1"'),
        25,
        "het id 'k1' komt twee keer voor in cards",
        "the id 'k1' occurs twice in cards",
    ),
    "unknown-theme": (
        with_line(26, 'theme = "rollen"', 'theme = "nergens"'),
        25,
        "kaart 'k2' staat in thema 'nergens', maar dat thema bestaat niet (wel: rollen)",
        "card 'k2' is in theme 'nergens', but that theme does not exist (known: rollen)",
    ),
    "unknown-author": (
        with_line(28, 'author = "anna"', 'author = "niemand"'),
        25,
        "kaart 'k2' noemt auteur 'niemand'",
        "card 'k2' names author 'niemand'",
    ),
    "extra-field-in-card": (
        with_line(29, "position = 2048", 'position = 2048\nkleur = "rood"'),
        30,
        "in het veld cards[2].kleur: onbekend veld",
        "in the field cards[2].kleur: unknown field",
    ),
    "extra-top-level-field": (
        with_line(1, "schema = 1", "schema = 1\nversie = 2"),
        2,
        "in het veld versie: onbekend veld",
        "in the field versie: unknown field",
    ),
}


def test_the_good_file_is_good(tmp_path: Path) -> None:
    path = tmp_path / "goed.toml"
    path.write_text(GOOD, encoding="utf-8")
    session = load_session(path)
    assert [c.id for c in session.cards] == ["k1", "k2"]


def write_old(path: Path, data: bytes) -> int:
    """Write `data` with an mtime well in the past, so any write would show."""
    path.write_bytes(data)
    old = 1_700_000_000_000_000_000
    os.utime(path, ns=(old, old))
    return old


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_file_gives_a_clear_problem_and_is_left_alone(
    tmp_path: Path, case: str, language: str
) -> None:
    text, line, dutch, english = BAD[case]
    path = tmp_path / f"{case}.toml"
    data = text.encode("utf-8")
    mtime = write_old(path, data)
    i18n.set_language(language)

    with pytest.raises(FileProblem) as caught:
        load_session(path)
    problem = caught.value

    assert problem.path == path
    assert problem.line == line
    message = problem.message()
    assert str(problem) == message
    assert str(path) in message
    if language == "nl":
        assert f"Regel {line}" in message
        assert dutch in message
        assert "kan niet worden geopend" in message and "Wat nu:" in message
    else:
        assert f"Line {line}" in message
        assert english in message
        assert "cannot be opened" in message and "What now:" in message
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == mtime
    assert listing(tmp_path) == [path.name]


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text(BAD["syntax"][0], encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    assert (caught.value.line, caught.value.column) == (27, 8)
    assert "Regel 27, kolom 8: dit is geen geldige TOML: Invalid value" in caught.value.message()


def test_dutch_is_the_default_language(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text(BAD["wrong-type-int"][0], encoding="utf-8")
    assert i18n.language() == "nl"
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    assert caught.value.message().startswith(f"Het bestand {path} kan niet worden geopend.")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "dit bestand bestaat niet"), ("en", "this file does not exist")],
)
def test_missing_file(tmp_path: Path, language: str, expected: str) -> None:
    path = tmp_path / "er-niet.toml"
    i18n.set_language(language)
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    assert caught.value.path == path and caught.value.line is None
    message = caught.value.message()
    assert expected in message.lower() and str(path) in message
    assert listing(tmp_path) == [], "loading a missing file does not create it"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "dit bestand is geen tekst in utf-8"), ("en", "this file is not text in utf-8")],
)
def test_file_that_is_not_utf8(tmp_path: Path, language: str, expected: str) -> None:
    path = tmp_path / "latin1.toml"
    data = GOOD.replace("Proefsessie", "Caf\u00e9").encode("latin-1")
    mtime = write_old(path, data)
    i18n.set_language(language)
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    assert caught.value.path == path
    message = caught.value.message()
    assert expected in message.lower() and str(path) in message
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


def test_a_folder_is_not_a_session_file(tmp_path: Path) -> None:
    with pytest.raises(FileProblem) as caught:
        load_session(tmp_path)
    assert caught.value.path == tmp_path
    assert "dit bestand is niet te lezen" in caught.value.message().lower()
