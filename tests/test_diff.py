"""`tussenruimte diff` and `textconv`: what changed between two saves, in people's words."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from factories import LATER

from tui_board.afterwards import diffing
from tui_board.afterwards.diffing import _longest_increasing, changes, textconv
from tui_board.cli.main import main
from tui_board.core.i18n import set_language
from tui_board.core.model import Cluster, Origin, Review, Role, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    AnswerOp,
    CheckPrinciple,
    CloseAnswers,
    CloseRound,
    CloseVoting,
    Confirm,
    DeleteCard,
    DraftAgreement,
    EditCard,
    Evaluate,
    Join,
    MoveCard,
    Op,
    Reveal,
    SetDots,
    SetKind,
    SetMandate,
    SetPhase,
    SetPrivate,
    SetSpelregels,
    Spotlight,
    StartEvaluation,
    StartRound,
    TagReflex,
    TimerOp,
    VoteOp,
)
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, apply
from tui_board.files.store import load_session, save_session

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
    # Revealing everything ends private writing as well.
    assert changes(edited, revealed) == [
        "privé schrijven uit",
        'kaart onthuld in Samen leren en verbeteren: "Nog steeds geheim."',
    ]
    assert changes(hidden, revealed) == [
        "privé schrijven uit",
        'kaart onthuld in Samen leren en verbeteren: "Nog steeds geheim."',
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
    raw = subprocess.run([TUSSENRUIMTE, "textconv", str(broken)], capture_output=True, timeout=60)
    assert raw.returncode == 0 and raw.stdout == broken.read_bytes(), "shown as it is"
    raw = subprocess.run(
        [TUSSENRUIMTE, "textconv", str(tmp_path / "weg.toml")], capture_output=True, timeout=60
    )
    assert raw.returncode == 1 and b"weg.toml" in raw.stderr and raw.stdout == b""


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


# --- kinds, clusters, voting, agreements, terugblik ----------------------------------------

ROLLEN = "Rollen, verantwoordelijkheden en gelijkwaardigheid"
DOELEN = "Gezamenlijke maatschappelijke doelen"
TWO = "Eén regievoerder per gezin"
TWO_PAID = "Eén regievoerder per gezin, betaald door de gemeente"
CONCERN = "Wie betaalt de regievoerder?"
OWNERS = ("Gemeente Tiel", "Wijkteam Tiel-Oost")


def agreement_steps() -> list[Session]:
    """One agreement through its life, with the real rules: each save along the way."""
    draft = DraftAgreement(
        agreement_id="t1", what=TWO, why="Korte lijnen.", owners=OWNERS,
        review=dt.date(2027, 3, 1), source="k001",
    )  # fmt: skip
    steps = [load_session(EXAMPLE)]
    for ops in (
        [(draft, BEGELEIDER)],
        [(StartRound(agreement_id="t1"), BEGELEIDER)],
        [
            (AnswerOp(agreement_id="t1", kind="werkbaar"), ANNA),
            (AnswerOp(agreement_id="t1", kind="bedenking", text=CONCERN), YOUSSEF),
            (AnswerOp(agreement_id="t1", kind="achterban"), ELS),
        ],
        [
            (CloseAnswers(agreement_id="t1"), BEGELEIDER),
            (CloseRound(agreement_id="t1", outcome="aangenomen"), BEGELEIDER),
        ],
        [
            (
                DraftAgreement(
                    agreement_id="t1", what=TWO_PAID, why="Korte lijnen.",
                    owners=("Gemeente Tiel",), review=dt.date(2027, 6, 1),
                ),
                BEGELEIDER,
            )
        ],
        [
            (StartRound(agreement_id="t1"), BEGELEIDER),
            (CloseAnswers(agreement_id="t1"), BEGELEIDER),
            (CloseRound(agreement_id="t1", outcome="geparkeerd"), BEGELEIDER),
        ],
    ):  # fmt: skip
        steps.append(run(steps[-1], *ops))
    return steps


def test_an_agreement_through_its_life_in_words() -> None:
    s = agreement_steps()
    said = [changes(a, b) for a, b in zip(s, s[1:], strict=False)]
    assert said == [
        [f'afspraak opgesteld: "{TWO}"'],
        [f'ronde 1 gestart voor afspraak "{TWO}"'],
        [
            f'reacties in ronde 1 op afspraak "{TWO}": 3; wie wat zei blijft geheim tot de '
            "ronde sluit"
        ],
        [
            f'afspraak aangenomen: "{TWO}" (ronde 1: 1× kan ermee werken, 1× bedenking, '
            "1× overleg met achterban nodig)",
            f'bedenking bij afspraak "{TWO}": "{CONCERN}" — Youssef El Amrani (Wijkteam Tiel-Oost)',
        ],
        [
            f'afspraak gewijzigd: "{TWO}" → "{TWO_PAID}"',
            f'eigenaar van afspraak "{TWO_PAID}": Gemeente Tiel',
            f'evaluatiedatum van afspraak "{TWO_PAID}": 1 juni 2027',
            f'afspraak bijgesteld, terug naar concept: "{TWO_PAID}"',
        ],
        [f'afspraak geparkeerd: "{TWO_PAID}"'],
    ]
    assert not any(CONCERN in line for line in said[2]), "an open round's answers stay secret"
    assert changes(s[3], s[0]) == [f'afspraak geschrapt: "{TWO}"']


def test_closing_answering_says_the_counts_and_the_choice_after_it() -> None:
    s = agreement_steps()
    answers_closed = run(s[3], (CloseAnswers(agreement_id="t1"), BEGELEIDER))
    counts = "1× kan ermee werken, 1× bedenking, 1× overleg met achterban nodig"
    assert changes(s[3], answers_closed) == [
        f'reageren gesloten in ronde 1 op afspraak "{TWO}": {counts}'
    ]
    # The choice after it says the same as a round closed in one go.
    assert changes(answers_closed, s[4]) == changes(s[3], s[4])


def test_an_agreement_in_english_and_in_an_anonymous_session() -> None:
    s = agreement_steps()
    set_language("en")
    assert changes(s[3], s[4]) == [
        f'agreement adopted: "{TWO}" (round 1: 1× can work with it, 1× concern, 1× needs to '
        "consult their organisation)",
        f'concern about agreement "{TWO}": "{CONCERN}" — Youssef El Amrani (Wijkteam Tiel-Oost)',
    ]
    set_language("nl")
    anonymous = [
        x.model_copy(update={"session": x.session.model_copy(update={"anonymous": True})})
        for x in s[3:5]
    ]
    lines = changes(*anonymous)
    assert lines[1] == f'bedenking bij afspraak "{TWO}": "{CONCERN}"'
    assert not any("Youssef" in line or "Wijkteam" in line for line in lines)


def test_voting_in_words_with_numbers_only_once_closed() -> None:
    v0 = load_session(EXAMPLE)
    v1 = run(v0, (SetDots(dots=5), BEGELEIDER))
    assert changes(v0, v1) == ["stippen per deelnemer: 3 → 5"]
    up = [(VoteOp(card_id="k001", delta=1), ANNA)] * 3 + [
        (VoteOp(card_id="k002", delta=1), YOUSSEF),
        (VoteOp(card_id="k002", delta=1), YOUSSEF),
        (VoteOp(card_id="k004", delta=1), ELS),
        (VoteOp(card_id="k003", delta=1), ELS),
    ]
    v2 = run(v1, *up)
    assert changes(v1, v2) == ["stippen gezet of verschoven (geheim tot de stemronde sluit)"]
    assert "stip" not in textconv(v2).replace("stippen geheim", "").replace("stemronde", "")
    v3 = run(v2, (CloseVoting(), BEGELEIDER))
    assert changes(v2, v3) == [
        f'stemronde gesloten; de meeste stippen: 1. "{K001}" (3 stippen), 2. "{K002}" '
        f'(2 stippen), 3. "{K003}" (1 stip)'
    ], "ties in board order"
    lines = textconv(v3).splitlines()
    assert f"  - {K001} — Anna Bakker (Gemeente Tiel) · 3 stippen" in lines
    assert "stemronde: gesloten (5 stippen per deelnemer)" in lines
    v4 = run(v3, (CloseVoting(closed=False), BEGELEIDER))
    assert changes(v3, v4) == ["stemronde weer geopend"]
    set_language("en")
    assert changes(v2, v3)[0].startswith(f'voting round closed; most dots: 1. "{K001}" (3 dots)')
    assert changes(v0, v1) == ["dots per participant: 3 → 5"]


def test_problems_and_proposals_in_words() -> None:
    k0 = load_session(EXAMPLE)
    k1 = run(k0, (SetKind(card_id="k001", kind="probleem"), ANNA))
    assert changes(k0, k1) == [f'kaart gemarkeerd als probleem in {ROLLEN}: "{K001}"']
    k2 = run(
        k1,
        (AddCard(card_id="v1", theme="rollen", text="Eén vast gezicht.", answers="k001"), YOUSSEF),
    )
    assert changes(k1, k2) == [
        f'voorstel toegevoegd in {ROLLEN} bij het probleem "{K001}": "Eén vast gezicht."'
    ]
    k3 = run(k2, (SetKind(card_id="k001", kind=""), ANNA))
    assert changes(k2, k3) == [f'kaart is geen probleem of voorstel meer in {ROLLEN}: "{K001}"']
    lines = textconv(k2).splitlines()
    assert f"  - probleem: {K001} — Anna Bakker (Gemeente Tiel)" in lines
    assert (
        f'  - voorstel: Eén vast gezicht. (bij "{K001}") — Youssef El Amrani (Wijkteam Tiel-Oost)'
        in lines
    )
    set_language("en")
    assert changes(k0, k1) == [f'card marked as a problem in {ROLLEN}: "{K001}"']


def with_cards(
    session: Session, clusters: tuple[Cluster, ...], **where: tuple[str, str]
) -> Session:
    """`session` with these clusters; `where[card] = (theme, cluster)` for the cards named."""
    cards = tuple(
        c.model_copy(update=dict(zip(("theme", "cluster"), where[c.id], strict=True)))
        if c.id in where
        else c
        for c in session.cards
    )
    return Session.model_validate(
        {**session.model_dump(by_alias=True), "clusters": [c.model_dump() for c in clusters],
         "cards": [c.model_dump() for c in cards]}
    )  # fmt: skip


def test_clusters_in_words() -> None:
    c0 = load_session(EXAMPLE)
    loket = Cluster(id="c-loket", title="Eén loket", theme="rollen")
    c1 = with_cards(c0, (loket,), k001=("rollen", "c-loket"), k002=("rollen", "c-loket"))
    assert changes(c0, c1) == [f'cluster gemaakt in {ROLLEN}: "Eén loket" (2 kaarten)']
    renamed = loket.model_copy(update={"title": "Eén loket voor gezinnen"})
    c2 = with_cards(c1, (renamed,), k003=("rollen", "c-loket"))
    assert changes(c1, c2) == [
        f'cluster hernoemd in {ROLLEN}: "Eén loket" → "Eén loket voor gezinnen"',
        f'kaart bij cluster "Eén loket voor gezinnen" gezet: "{K003}"',
    ]
    moved = renamed.model_copy(update={"theme": "doelen"})
    c3 = with_cards(c2, (moved,), **{k: ("doelen", "c-loket") for k in ("k001", "k002", "k003")})
    assert changes(c2, c3) == [
        f'cluster verplaatst van {ROLLEN} naar {DOELEN}: "Eén loket voor gezinnen" (3 kaarten)'
    ], "its cards move with it, without a line each"
    c4 = with_cards(c3, (moved,), k002=("doelen", ""))
    assert changes(c3, c4) == [f'kaart uit cluster "Eén loket voor gezinnen" gehaald: "{K002}"']
    c5 = with_cards(c4, (), k001=("doelen", ""), k003=("doelen", ""))
    assert changes(c4, c5) == [
        f'cluster opgeheven in {DOELEN}: "Eén loket voor gezinnen" (2 kaarten weer los)'
    ]
    opened = c0.model_copy(update={"open_to_all": ("cluster",)})
    assert changes(c0, opened) == ["clusteren mag nu iedereen"]
    assert changes(opened, c0) == ["clusteren doet weer alleen de procesbegeleider"]
    set_language("en")
    assert changes(c0, c1) == [f'cluster made in {ROLLEN}: "Eén loket" (2 cards)']
    assert changes(c4, c5) == [
        f'cluster ungrouped in {DOELEN}: "Eén loket voor gezinnen" (2 cards loose again)'
    ]


def follow_up() -> tuple[Session, Session]:
    """The example as a follow-up of an earlier session: before and after the verdicts."""
    before = load_session(EXAMPLE).model_copy(
        update={
            "origin": Origin(title="Rivierenland, september", date=dt.date(2026, 9, 10)),
            "terugblik": (
                Review(id="oud1", what="Maandelijks casusoverleg"),
                Review(id="oud2", what="Eén telefoonnummer"),
                Review(id="oud3", what="Een gedeelde agenda"),
            ),
        }
    )
    verdicts = {"oud1": ("bijstellen", "Te vaak; liever elk kwartaal."), "oud2": ("werkt", ""),
                "oud3": ("vervallen", "")}  # fmt: skip
    after = before.model_copy(
        update={
            "terugblik": tuple(
                r.model_copy(update=dict(zip(("verdict", "note"), verdicts[r.id], strict=True)))
                for r in before.terugblik
            )
        }
    )
    return before, after


def test_terugblik_and_origin_in_words() -> None:
    before, after = follow_up()
    assert changes(load_session(EXAMPLE), before) == [
        'vervolg op de sessie "Rivierenland, september" van 10 september 2026',
        'terugblik op afspraak "Maandelijks casusoverleg" uit de vorige sessie',
        'terugblik op afspraak "Eén telefoonnummer" uit de vorige sessie',
        'terugblik op afspraak "Een gedeelde agenda" uit de vorige sessie',
    ]
    assert changes(before, after) == [
        'afspraak "Maandelijks casusoverleg" wordt bijgesteld',
        'ervaring met afspraak "Maandelijks casusoverleg": "Te vaak; liever elk kwartaal."',
        'afspraak "Eén telefoonnummer" werkt',
        'afspraak "Een gedeelde agenda" vervalt',
    ]
    assert (
        changes(after, before)[0] == 'oordeel over afspraak "Maandelijks casusoverleg" weggehaald'
    )
    set_language("en")
    assert changes(before, after)[2:] == [
        'agreement "Eén telefoonnummer" works',
        'agreement "Een gedeelde agenda" lapses',
    ]


def test_textconv_has_clusters_agreements_and_terugblik() -> None:
    _, followed = follow_up()
    adopted = agreement_steps()[4]
    session = with_cards(
        followed.model_copy(update={"agreements": adopted.agreements}),
        (Cluster(id="c-loket", title="Eén loket", theme="rollen"),),
        k001=("rollen", "c-loket"),
        k003=("rollen", "c-loket"),
    )
    lines = textconv(session).splitlines()
    assert 'vervolg op: "Rivierenland, september" (10 september 2026)' in lines
    at = lines.index("terugblik op de vorige sessie:")
    assert lines[at + 1 : at + 5] == [
        "  - Maandelijks casusoverleg — wordt bijgesteld",
        "    Ervaring: Te vaak; liever elk kwartaal.",
        "  - Eén telefoonnummer — werkt",
        "  - Een gedeelde agenda — vervalt",
    ]
    rollen = lines.index(f"== {ROLLEN} ==")
    assert lines[rollen + 1 : rollen + 5] == [
        '  cluster "Eén loket":',
        f"    - {K001} — Anna Bakker (Gemeente Tiel)",
        f"    - {K003} — Els van Dijk (Zorgaanbieder De Linge)",
        f"  - {K002} — Youssef El Amrani (Wijkteam Tiel-Oost)",
    ]
    at = lines.index("afspraken:")
    assert lines[at + 1 :] == [
        f"  - {TWO} [aangenomen]",
        "    Waarom: Korte lijnen.",
        "    Eigenaar: Gemeente Tiel, Wijkteam Tiel-Oost · Evaluatie: 1 maart 2027",
        "    Reacties in ronde 1: 1× kan ermee werken, 1× bedenking, 1× overleg met achterban "
        "nodig",
        f"    Bedenking van Youssef El Amrani (Wijkteam Tiel-Oost), ronde 1: {CONCERN}",
    ]
    anonymous = session.model_copy(
        update={"session": session.session.model_copy(update={"anonymous": True})}
    )
    assert f"    Bedenking, ronde 1: {CONCERN}" in textconv(anonymous).splitlines()
    in_round = agreement_steps()[3]
    text = textconv(in_round)
    assert "Ronde 1 loopt nog: 3 reacties, geheim tot de ronde sluit." in text
    assert CONCERN not in text, "an open round's answers stay out of the minutes"


def test_git_log_of_an_agreement_reads_like_minutes(tmp_path: Path) -> None:
    archive = tmp_path / "archief"
    archive.mkdir()
    git(archive, "init", "-q")
    (archive / ".gitattributes").write_text("*.toml diff=tussenruimte\n", encoding="utf-8")
    git(archive, "config", "diff.tussenruimte.textconv", f"{shlex.quote(TUSSENRUIMTE)} textconv")
    steps = agreement_steps()
    path = archive / "rivierenland.toml"
    save_session(steps[3], path)
    git(archive, "add", ".")
    git(archive, "commit", "-q", "-m", "Ronde loopt")
    save_session(steps[4], path)
    git(archive, "commit", "-q", "-am", "Aangenomen")
    diff = git(archive, "--no-pager", "diff", "HEAD~1", "--no-color")
    changed = [
        line
        for line in diff.splitlines()
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        f"-  - {TWO} [in ronde]",
        f"+  - {TWO} [aangenomen]",
        "-    Ronde 1 loopt nog: 3 reacties, geheim tot de ronde sluit.",
        "+    Reacties in ronde 1: 1× kan ermee werken, 1× bedenking, 1× overleg met achterban "
        "nodig",
        f"+    Bedenking van Youssef El Amrani (Wijkteam Tiel-Oost), ronde 1: {CONCERN}",
    ]


# --- the method's instruments -----------------------------------------------------


def evaluate_as(actor: Actor, person: str) -> tuple[Op, Actor]:
    from instrumentkit import ANSWERS

    scores, line = ANSWERS[person]
    return Evaluate(scores=scores, line=line), actor


def test_reflexes_legs_and_principles_in_words() -> None:
    s0 = load_session(EXAMPLE)
    s1 = run(
        s0,
        (TagReflex(card_id="k001", reflex="crisis"), BEGELEIDER),
        (TagReflex(card_id="k002", reflex="controle"), BEGELEIDER),
    )
    assert changes(s0, s1) == [
        f'reflex crisisreflex bij kaart in {ROLLEN}: "{K001}"',
        f'reflex controlereflex bij kaart in {ROLLEN}: "{K002}"',
    ]
    s2 = run(s1, (TagReflex(card_id="k001", reflex=""), BEGELEIDER))
    assert changes(s1, s2) == [f'reflex weggehaald bij kaart in {ROLLEN}: "{K001}"']
    lines = textconv(s1).splitlines()
    assert f"  - {K001} — Anna Bakker (Gemeente Tiel) · reflex: crisisreflex" in lines

    two = DraftAgreement(
        agreement_id="two", what="Eén loket", why="Minder loketten", legs=("administratief",)
    )
    s3 = run(s2, (two, BEGELEIDER))
    assert changes(s2, s3) == [
        'afspraak opgesteld: "Eén loket"',
        'afspraak "Eén loket" rust op: administratief been',
    ]
    both = two.model_copy(update={"legs": ("adaptief", "administratief")})
    s4 = run(s3, (both, BEGELEIDER))
    assert changes(s3, s4) == ['afspraak "Eén loket" rust op: administratief been + adaptief been']
    assert "    rust op: administratief been + adaptief been" in textconv(s4).splitlines()
    s5 = run(s4, (two.model_copy(update={"legs": ()}), BEGELEIDER))
    assert changes(s4, s5) == ['afspraak "Eén loket" rust nog op geen been']
    assert "rust op" not in textconv(s5)

    s6 = run(
        s5,
        (CheckPrinciple(number=11, answer="deels", note="Alleen het adaptieve been"), BEGELEIDER),
        (CheckPrinciple(number=4, answer="ja"), BEGELEIDER),
    )
    assert changes(s5, s6) == [
        'principe 4 "Een gezamenlijk gedragen agenda.": ● ja',
        'principe 11 "Denk tweebenig.": ◐ deels',
        'principe 11, notitie: "Alleen het adaptieve been"',
    ]
    s7 = run(
        s6,
        (CheckPrinciple(number=4, answer=""), BEGELEIDER),
        (CheckPrinciple(number=11, answer="nee", note="Alleen het adaptieve been"), BEGELEIDER),
    )
    assert changes(s6, s7) == [
        'principe 4 "Een gezamenlijk gedragen agenda.": antwoord teruggenomen',
        'principe 11 "Denk tweebenig.": ○ nee',
    ]
    lines = textconv(s7).splitlines()
    assert "de elf principes:" in lines
    assert "  11. Denk tweebenig. — ○ nee: Alleen het adaptieve been" in lines
    long = run(s7, (CheckPrinciple(number=1, answer="ja"), BEGELEIDER))
    (line,) = changes(s7, long)
    assert line.startswith('principe 1 "Organiseer echt tussenruimte') and '…": ● ja' in line

    set_language("en")
    assert changes(s0, s1)[0] == f'reflex crisis reflex on a card in {ROLLEN}: "{K001}"'
    assert changes(s5, s6)[1] == 'principle 11 "Think two-legged.": ◐ partly'
    assert changes(s3, s4) == ['agreement "Eén loket" rests on: administrative leg + adaptive leg']


def test_the_evaluation_in_words_never_a_rating() -> None:
    from instrumentkit import ANSWERS

    # As made from a template that set the minimum to the lowest it may be: 3 answers show.
    e0 = load_session(EXAMPLE).model_copy(update={"evaluation_minimum": 3})
    e1 = run(e0, (StartEvaluation(), BEGELEIDER))
    assert changes(e0, e1) == ["procesevaluatie gestart"]
    e2 = run(e1, evaluate_as(ANNA, "anna"))
    assert changes(e1, e2) == ["procesevaluatie: 1 ingevuld (de cijfers blijven geheim)"]
    e3 = run(e2, evaluate_as(YOUSSEF, "bram"), evaluate_as(ELS, "dewi"))
    assert changes(e2, e3) == ["procesevaluatie: 3 ingevuld (de cijfers blijven geheim)"]
    assert e3.evaluation is not None and e3.evaluation.scores, "the file holds the counts"
    opened = textconv(e3)
    assert "procesevaluatie: open, 3 ingevuld" in opened.splitlines()
    e4 = run(e3, (StartEvaluation(close=True), BEGELEIDER))
    assert changes(e3, e4) == [
        "procesevaluatie gesloten met 3 antwoorden; de uitkomst staat in het verslag"
    ]
    closed = textconv(e4).splitlines()
    assert "procesevaluatie (3 antwoorden; gemiddeld, en hoe vaak 1·2·3·4·5):" in closed
    assert "  Afspraken nakomen: 2,3 (1·1·0·1·0)" in closed
    assert "  > Anna-lijn: eerder de wethouder erbij" in closed
    every = [
        *changes(e0, e1),
        *changes(e1, e2),
        *changes(e2, e3),
        *changes(e3, e4),
        *changes(e0, e4),
        opened,
    ]
    for line in every:
        for _, text in ANSWERS.values():
            assert not text or text not in line, "no line shows before the close"
        assert not re.search(r"\d,\d", line), "no mean in a diff line, nor while open"
        assert "Afspraken nakomen:" not in line and "(1·1·0·1·0)" not in line
    assert changes(e0, e4) == [
        "procesevaluatie gestart",
        "procesevaluatie gesloten met 3 antwoorden; de uitkomst staat in het verslag",
    ]

    few = run(e2, (StartEvaluation(close=True), BEGELEIDER))
    assert changes(e2, few) == [
        "procesevaluatie gesloten met 1 antwoord: te weinig antwoorden om te tonen (minder dan 3)"
    ]
    assert "te weinig antwoorden om te tonen" in textconv(few)
    assert "Anna-lijn" not in textconv(few)
    set_language("en")
    assert changes(e0, e1) == ["process evaluation started"]
    assert changes(e3, e4) == [
        "process evaluation closed with 3 answers; the outcome is in the report"
    ]
    assert "  Keeping agreements: 2.3 (1·1·0·1·0)" in textconv(e4).splitlines()


def test_instruments_and_opening_reflexes_in_words() -> None:
    base = load_session(EXAMPLE)
    data = base.model_dump(by_alias=True)
    data["instruments"] = ["evaluatie", "principes"]
    data["open_to_all"] = ["reflex"]
    changed = Session.model_validate(data)
    assert changes(base, changed) == [
        "reflexen aan kaarten hangen mag nu iedereen",
        "onderdeel uitgezet: reflexen",
        "onderdeel uitgezet: tweebenige afspraken",
    ]
    assert changes(changed, base) == [
        "reflexen aan kaarten hangen doet weer alleen de procesbegeleider",
        "onderdeel aangezet: reflexen",
        "onderdeel aangezet: tweebenige afspraken",
    ]
    assert "onderdelen aan: procesevaluatie, de elf principes" in textconv(changed).splitlines()
    assert "onderdelen aan" not in textconv(base), "all four on: nothing to say"
    assert not any(line.startswith("ook gewijzigd") for line in changes(base, changed))
