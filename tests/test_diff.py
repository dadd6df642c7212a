"""`tussenruimte diff` and `textconv`: what changed between two saves, in people's words."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from factories import LATER

from tui_board import diffing
from tui_board.cli import main
from tui_board.diffing import _longest_increasing, changes, textconv
from tui_board.i18n import set_language
from tui_board.model import Role, Session
from tui_board.ops import (
    Actor,
    AddCard,
    Confirm,
    DeleteCard,
    EditCard,
    Join,
    MoveCard,
    Op,
    Reveal,
    SetMandate,
    SetPhase,
    SetPrivate,
    SetSpelregels,
    Spotlight,
    TimerOp,
)
from tui_board.phases import default_phases
from tui_board.rules import Applied, apply
from tui_board.store import load_session, save_session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "voorbeeld-rivierenland.toml"
TUSSENRUIMTE = str(Path(sys.executable).parent / "tussenruimte")

BEGELEIDER = Actor("begeleider", Role.FACILITATOR)
ANNA = Actor("p-anna", Role.PARTICIPANT)
YOUSSEF = Actor("p-youssef", Role.PARTICIPANT)
ELS = Actor("p-els", Role.PARTICIPANT)
SANNE = Actor("p-sanne", Role.PARTICIPANT)
FATIMA = Actor("p-fatima", Role.PARTICIPANT)
EXTRA_RULE = "We beginnen en eindigen op tijd."
SECRET = "Nog geheim: de wethouder wil stoppen met de pilot."

TEXT = {c.id: c.text for c in load_session(EXAMPLE).cards}
"""The card texts of the example, by id."""
K001, K002, K003, K004, K005 = (TEXT[f"k00{n}"] for n in range(1, 6))


def run(session: Session, *steps: tuple[Op, Actor]) -> Session:
    """Apply each op with the rules, as the board or the relay would."""
    for op, actor in steps:
        outcome = apply(session, op, actor, LATER)
        assert isinstance(outcome, Applied), outcome
        session = outcome.session
    return session


def with_phases(session: Session) -> Session:
    """The example with the method's seven phases, in the opening."""
    data = session.model_dump(by_alias=True)
    data["phases"] = [p.model_dump() for p in default_phases("nl")]
    data["phase"] = "opening"
    return Session.model_validate(data)


@pytest.fixture
def saves(tmp_path: Path) -> tuple[Path, Path]:
    """Two real saves of the example: before and after a morning's work."""
    old = with_phases(load_session(EXAMPLE))
    new = run(
        old,
        (SetPhase(phase="verzamelen"), BEGELEIDER),
        (Join(name="Fatima Yilmaz", organisation="GGD Gelderland-Zuid"), FATIMA),
        (AddCard(card_id="k100", theme="vertrouwen", text="Eén loket voor gezinnen."), FATIMA),
        (EditCard(card_id="k002", text="Het wijkteam heeft geen mandaat over budget."), YOUSSEF),
        (MoveCard(card_id="k004", theme="doelen"), BEGELEIDER),
        (MoveCard(card_id="k003", theme="rollen", before="k001"), BEGELEIDER),
        (DeleteCard(card_id="k005"), BEGELEIDER),
        (SetPrivate(on=True), BEGELEIDER),
        (AddCard(card_id="k101", theme="leren", text=SECRET), SANNE),
        (
            SetSpelregels(spelregels=(*old.spelregels, "We beginnen en eindigen op tijd.")),
            BEGELEIDER,
        ),
        (Confirm(), ANNA),
        (SetMandate(mandate=True), ELS),
        (Spotlight(card_id="k001"), BEGELEIDER),
        (TimerOp(action="start", seconds=300), BEGELEIDER),
        (SetPhase(phase="afspreken"), BEGELEIDER),
    )
    paths = tmp_path / "oud.toml", tmp_path / "nieuw.toml"
    save_session(old, paths[0])
    save_session(new, paths[1])
    return paths


EXPECTED = [
    "fase naar Afspreken",
    "privé schrijven aan",
    f'schijnwerper op: "{K001}"',
    "timer gezet op 5 min",
    "spelregels gewijzigd",
    'spelregel erbij: "We beginnen en eindigen op tijd."',
    "spelregels bevestigd door Anna Bakker (Gemeente Tiel)",
    "Els van Dijk (Zorgaanbieder De Linge): mandaat ✓",
    "deelnemer aangeschoven: Fatima Yilmaz (GGD Gelderland-Zuid)",
    f'kaart verschoven binnen Rollen, verantwoordelijkheden en gelijkwaardigheid: "{K003}"',
    "kaart gewijzigd in Rollen, verantwoordelijkheden en gelijkwaardigheid: "
    f'"{K002}" → "Het wijkteam heeft geen mandaat over budget."',
    "kaart toegevoegd in Samen leren en verbeteren: (nog niet onthuld)",
    'kaart toegevoegd in Vertrouwen en partnerschap: "Eén loket voor gezinnen."',
    "kaart verplaatst van Samen leren en verbeteren naar Gezamenlijke maatschappelijke doelen: "
    f'"{K004}"',
    f'kaart verwijderd uit Samen leren en verbeteren: "{K005}"',
]


def test_diff_of_two_real_saves_lists_exactly_the_changes(saves: tuple[Path, Path]) -> None:
    old, new = (load_session(path) for path in saves)
    assert changes(old, new) == EXPECTED
    assert changes(new, new) == [] and changes(old, old) == []


def test_the_command_prints_the_changes_and_exits_0(
    saves: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(saves[0]), str(saves[1])]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == EXPECTED
    assert SECRET not in out
    assert main(["diff", str(saves[1]), str(saves[1])]) == 0
    assert capsys.readouterr().out == "Geen wijzigingen.\n"


def test_the_way_back_says_the_opposite(saves: tuple[Path, Path]) -> None:
    old, new = (load_session(path) for path in saves)
    back = changes(new, old)
    assert "fase naar Opening" in back and "privé schrijven uit" in back
    assert "schijnwerper uit" in back and "timer weggehaald" in back
    assert 'spelregel geschrapt: "We beginnen en eindigen op tijd."' in back
    assert "bevestiging vervallen: Anna Bakker (Gemeente Tiel)" in back
    assert "deelnemer vertrokken: Fatima Yilmaz (GGD Gelderland-Zuid)" in back
    assert "kaart verwijderd uit Samen leren en verbeteren: (nog niet onthuld)" in back
    assert f'kaart toegevoegd in Samen leren en verbeteren: "{K005}"' in back
    assert not any(SECRET in line for line in back)


def test_english_diff(saves: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(saves[0]), str(saves[1]), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "phase to Agreeing" and out[1] == "private writing on"
    assert "participant joined: Fatima Yilmaz (GGD Gelderland-Zuid)" in out
    assert 'card added in Vertrouwen en partnerschap: "Eén loket voor gezinnen."' in out
    assert "card added in Samen leren en verbeteren: (not yet revealed)" in out
    set_language("en")
    assert changes(load_session(saves[1]), load_session(saves[1])) == []
    assert main(["diff", str(saves[1]), str(saves[1]), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "No changes.\n"


def test_reveal_shows_the_text_only_once_revealed() -> None:
    base = run(
        with_phases(load_session(EXAMPLE)),
        (SetPhase(phase="verzamelen"), BEGELEIDER),
        (SetPrivate(on=True), BEGELEIDER),
    )
    hidden = run(base, (AddCard(card_id="k200", theme="leren", text="Eerst geheim."), SANNE))
    edited = run(hidden, (EditCard(card_id="k200", text="Nog steeds geheim."), SANNE))
    revealed = run(edited, (Reveal(), BEGELEIDER))
    assert changes(hidden, edited) == [
        "kaart gewijzigd in Samen leren en verbeteren: (nog niet onthuld)"
    ]
    assert changes(edited, revealed) == [
        'kaart onthuld in Samen leren en verbeteren: "Nog steeds geheim."'
    ]
    assert changes(hidden, revealed) == [
        'kaart onthuld in Samen leren en verbeteren: "Nog steeds geheim."'
    ]


def test_session_details_people_and_themes(tmp_path: Path) -> None:
    old = load_session(EXAMPLE)
    data = old.model_dump(by_alias=True)
    data["session"].update(title="Rivierenland, deel 2", date=dt.date(2026, 12, 3), place="")
    data["themes"][0]["title"] = "Rollen"
    data["themes"][1]["question"] = "Wat leren we?"
    data["themes"] = [data["themes"][1], data["themes"][0], *data["themes"][2:]]
    data["participants"][1].update(organisation="Gemeente Culemborg", role="cofacilitator")
    new = Session.model_validate(data)
    assert changes(old, new) == [
        'titel gewijzigd: "Duurzaam samenwerken in Rivierenland" → "Rivierenland, deel 2"',
        "datum gewijzigd: 26 november 2026 → 3 december 2026",
        'plaats gewijzigd: "Tiel" → ""',
        "deelnemer gewijzigd: Anna Bakker (Gemeente Tiel) → Anna Bakker (Gemeente Culemborg)",
        "Anna Bakker (Gemeente Culemborg) is nu co-procesbegeleider",
        'vraag bij "Samen leren en verbeteren" gewijzigd',
        'thema hernoemd: "Rollen, verantwoordelijkheden en gelijkwaardigheid" → "Rollen"',
        "volgorde van de thema's gewijzigd",
    ]


def test_renumbered_positions_are_no_change_but_a_new_order_is() -> None:
    old = load_session(EXAMPLE)
    spread = old.model_copy(
        update={
            "cards": tuple(c.model_copy(update={"position": c.position * 3}) for c in old.cards)
        }
    )
    assert changes(old, spread) == []
    rollen = {"k001": 3000, "k002": 2000, "k003": 1000}  # reversed: two of three moved
    flipped = old.model_copy(
        update={
            "cards": tuple(
                c.model_copy(update={"position": rollen.get(c.id, c.position)}) for c in old.cards
            )
        }
    )
    moved = changes(old, flipped)
    assert len(moved) == 2 and all(
        line.startswith("kaart verschoven binnen Rollen") for line in moved
    )
    assert f'"{K002}"' in moved[0] or f'"{K003}"' in moved[0]


@pytest.mark.parametrize(
    ("values", "length"),
    [([], 0), ([5], 1), ([3, 1, 2], 2), ([0, 1, 2, 3], 4), ([3, 2, 1, 0], 1), ([2, 0, 3, 1, 4], 3)],
)
def test_longest_increasing_run(values: list[int], length: int) -> None:
    keep = sorted(_longest_increasing(values))
    assert len(keep) == length
    assert all(values[a] < values[b] for a, b in zip(keep, keep[1:], strict=False))


def test_a_bad_file_gives_its_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text("schema = 2\n[session\n", encoding="utf-8")
    assert main(["diff", str(EXAMPLE), str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"Het bestand {broken} kan niet worden geopend." in captured.err
    assert "Regel 2" in captured.err


# --- textconv ----------------------------------------------------------------------------


def test_textconv_reads_like_minutes() -> None:
    session = run(
        with_phases(load_session(EXAMPLE)),
        (SetPhase(phase="verzamelen"), BEGELEIDER),
        (SetPrivate(on=True), BEGELEIDER),
        (AddCard(card_id="k101", theme="leren", text=SECRET), SANNE),
        (Confirm(), ANNA),
    )
    text = textconv(session)
    lines = text.splitlines()
    assert lines[:4] == [
        "Duurzaam samenwerken in Rivierenland",
        "26 november 2026 · Tiel",
        "fase: Verzamelen",
        "privé schrijven: aan",
    ]
    assert "spelregels (1 van 6 bevestigd):" in lines
    assert (
        "  1. We praten alleen over oplossingen die we zelf kunnen inzetten of realiseren." in lines
    )
    at = lines.index("  Gemeente Tiel")
    assert lines[at + 1] == "    - Anna Bakker (mandaat ?)"
    assert "    - Marieke de Vries (procesbegeleider, mandaat ?)" in lines
    rollen = lines.index("== Rollen, verantwoordelijkheden en gelijkwaardigheid ==")
    assert lines[rollen + 1 : rollen + 4] == [
        f"  - {K001} — Anna Bakker (Gemeente Tiel)",
        f"  - {K002} — Youssef El Amrani (Wijkteam Tiel-Oost)",
        f"  - {K003} — Els van Dijk (Zorgaanbieder De Linge)",
    ]
    assert "  - (nog niet onthuld)" in lines and SECRET not in text
    assert textconv(session) == text, "stable"
    anonymous = session.model_copy(
        update={"session": session.session.model_copy(update={"anonymous": True})}
    )
    assert "anonieme sessie" in textconv(anonymous).splitlines()
    assert f"  - {K001}" in textconv(anonymous).splitlines()


def test_textconv_command_and_a_broken_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [TUSSENRUIMTE, "textconv", str(EXAMPLE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == textconv(load_session(EXAMPLE))
    broken = tmp_path / "kapot.toml"
    broken.write_bytes(b'schema = 2\ntitle = "half opgeslagen\n')
    result = subprocess.run(
        [TUSSENRUIMTE, "textconv", str(broken)], capture_output=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout == broken.read_bytes(), "shown as it is"
    result = subprocess.run(
        [TUSSENRUIMTE, "textconv", str(tmp_path / "weg.toml")], capture_output=True, timeout=60
    )
    assert result.returncode == 1 and b"weg.toml" in result.stderr and result.stdout == b""


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "HOME": str(folder),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Archief",
        "GIT_AUTHOR_EMAIL": "archief@example.org",
        "GIT_COMMITTER_NAME": "Archief",
        "GIT_COMMITTER_EMAIL": "archief@example.org",
        "GIT_AUTHOR_DATE": "2026-11-26T12:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-11-26T12:00:00+01:00",
    }
    env.pop("TUSSENRUIMTE_LANG", None)
    result = subprocess.run(
        ["git", "-c", "user.name=Archief", "-c", "user.email=archief@example.org", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_git_log_reads_like_minutes_through_textconv(tmp_path: Path) -> None:
    archive = tmp_path / "archief"
    archive.mkdir()
    git(archive, "init", "-q")
    (archive / ".gitattributes").write_text("*.toml diff=tussenruimte\n", encoding="utf-8")
    git(archive, "config", "diff.tussenruimte.textconv", f"{shlex.quote(TUSSENRUIMTE)} textconv")
    session = load_session(EXAMPLE)
    path = archive / "rivierenland.toml"
    save_session(session, path)
    git(archive, "add", ".")
    git(archive, "commit", "-q", "-m", "Sessie 1")
    new = "Het wijkteam krijgt een eigen budget voor snelle hulp."
    save_session(run(session, (EditCard(card_id="k002", text=new), YOUSSEF)), path)
    git(archive, "commit", "-q", "-am", "Kaart aangepast")

    log = git(archive, "--no-pager", "log", "-p", "--no-color")
    assert f"-  - {K002} — Youssef El Amrani (Wijkteam Tiel-Oost)" in log
    assert f"+  - {new} — Youssef El Amrani (Wijkteam Tiel-Oost)" in log
    assert "+== Rollen, verantwoordelijkheden en gelijkwaardigheid ==" in log, "first commit"
    diff = git(archive, "--no-pager", "diff", "HEAD~1", "--no-color")
    changed = [
        line
        for line in diff.splitlines()
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        f"-  - {K002} — Youssef El Amrani (Wijkteam Tiel-Oost)",
        f"+  - {new} — Youssef El Amrani (Wijkteam Tiel-Oost)",
    ]
    raw = git(archive, "--no-pager", "diff", "HEAD~1", "--no-color", "--no-textconv")
    assert f'+text = "{new}"' in raw, "without textconv git shows the TOML"


def test_fields_a_newer_schema_adds_are_named_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    old = load_session(EXAMPLE)
    new = old.model_copy(update={"private": True, "schema_version": 1})
    assert changes(old, new) == ["privé schrijven aan"], "a schema number is no change"
    # Pretend the diff had no words for `private`: it is still named, at the end.
    monkeypatch.setattr(diffing, "_KNOWN", diffing._KNOWN - {"private"})
    assert changes(old, new) == ["privé schrijven aan", "ook gewijzigd: private"]
    assert changes(old, old) == []
