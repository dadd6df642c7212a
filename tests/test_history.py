"""`tussenruimte history DIR`: a folder of real session files over time.

The folder: three sessions (one a year folder deeper, as the archive lays them out), a
broken session file, a template, and copies of a session inside `.git/` and a state folder
(which must not count). Across the sessions: three agreements of March looked back on in
June (werkt / bijstellen / vervallen), a June agreement that adjusts one of them, one whose
review date passes, one on the agenda of October without a verdict, one without a date,
and a terugblik entry from before the folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import card, make_session
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList
from tmuxkit import TUSSENRUIMTE

from tui_board.afterwards.history import Story, bar, build, collect, render_markdown, spark
from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.core.model import Agreement, Answer, Meta, Origin, Review, Session, Vote
from tui_board.files.store import save_session
from tui_board.tui.screens.history import HistoryApp, Pane, window

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 1, 1)
"""After the review date of "Wijkteam schuift aan" (1 September 2025): it is overdue."""

SCRIPT = "Eén loket <script>alert(1)</script> [x](javascript:alert(1))"


def march() -> Session:
    return make_session().model_copy(
        update={
            "session": Meta(title="Rivierenland, maart", date=dt.date(2025, 3, 10), place="Tiel"),
            "agreements": (
                Agreement(
                    id="a-loket",
                    what=SCRIPT,
                    why="Minder loketten",
                    owners=("Gemeente", "Wijkteam"),
                    review=dt.date(2025, 6, 1),
                    status="aangenomen",
                    answers=(Answer(participant="anna", kind="werkbaar"),),
                ),
                Agreement(
                    id="a-leren",
                    what="Een leerkring",
                    why="Samen leren",
                    review=dt.date(2025, 6, 1),
                    status="aangenomen",
                ),
                Agreement(
                    id="a-data",
                    what="Data delen",
                    why="Zicht op de wijk",
                    review=dt.date(2025, 6, 1),
                    status="aangenomen",
                ),
                Agreement(id="a-concept", what="Nog een concept", why="Later"),
            ),
            "voting": "closed",
            "votes": (Vote(voter="anna", card="a1", dots=2), Vote(voter="bram", card="b1", dots=3)),
        }
    )


def june() -> Session:
    return make_session().model_copy(
        update={
            "session": Meta(
                title="Rivierenland, juni", date=dt.date(2025, 6, 15), place="Culemborg"
            ),
            "origin": Origin(
                title="Rivierenland, maart", date=dt.date(2025, 3, 10), file="2025-03-10-maart.toml"
            ),
            "terugblik": (
                Review(id="a-loket", what="Eén loket", verdict="werkt", note="Het loket draait"),
                Review(id="a-leren", what="Een leerkring", verdict="bijstellen", note="Vaag"),
                Review(id="a-data", what="Data delen", verdict="vervallen", note="De AVG"),
            ),
            "agreements": (
                Agreement(
                    id="a-leren2",
                    what="Een leerkring met een trekker",
                    why="Bijgesteld",
                    revisits="a-leren",
                    review=dt.date(2099, 1, 1),
                    status="aangenomen",
                ),
                Agreement(
                    id="a-wijk",
                    what="Wijkteam schuift aan",
                    why="Dichtbij",
                    owners=("Wijkteam",),
                    review=dt.date(2025, 9, 1),
                    status="aangenomen",
                ),
                Agreement(id="a-agenda", what="Op de agenda", why="x", status="aangenomen"),
                Agreement(id="a-vrij", what="Zonder datum", why="x", status="aangenomen"),
            ),
            # An open voting round: these dots are secret and must not be counted.
            "votes": (Vote(voter="cor", card="a1", dots=2),),
        }
    )


def october() -> Session:
    cards = [card("x1", "rollen", 1024, author=""), card("x2", "leren", 1024, author="")]
    return make_session(cards=cards).model_copy(
        update={
            "session": Meta(
                title="Rivierenland, oktober", date=dt.date(2025, 10, 1), anonymous=True
            ),
            "origin": Origin(title="Rivierenland, juni", date=dt.date(2025, 6, 15)),
            "terugblik": (
                Review(id="a-agenda", what="Op de agenda"),
                Review(id="a-oud", what="Een afspraak van vroeger", verdict="werkt"),
            ),
        }
    )


def session_folder(root: Path) -> Path:
    """The folder described in the module docstring; returns it."""
    (root / "2025").mkdir(parents=True)
    save_session(march(), root / "2025" / "2025-03-10-maart.toml")
    save_session(june(), root / "2025" / "2025-06-15-juni.toml")
    save_session(october(), root / "2025-10-01-oktober.toml")
    (root / "kapot.toml").write_text('[session]\ntitle = "Kapot"\ndate = "2025-01-01"\n')
    shutil.copy(ROOT / "themes" / "rivierenland.toml", root / "sjabloon.toml")
    for hidden in (".git", ".2025-10-01-oktober.toml.tussenruimte"):
        (root / hidden).mkdir()
        save_session(june(), root / hidden / "kopie.toml")
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return session_folder(tmp_path / "archief")


def states(stories: tuple[Story, ...]) -> dict[str, str]:
    return {story.id: story.state for story in stories}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


# --- the history as data -------------------------------------------------------------------


def test_history_over_a_folder_of_generated_sessions(folder: Path) -> None:
    history = collect(folder, TODAY)
    assert [(e.date.isoformat(), e.title, e.file) for e in history.sessions] == [
        ("2025-03-10", "Rivierenland, maart", "2025/2025-03-10-maart.toml"),
        ("2025-06-15", "Rivierenland, juni", "2025/2025-06-15-juni.toml"),
        ("2025-10-01", "Rivierenland, oktober", "2025-10-01-oktober.toml"),
    ], "sorted by date; hidden folders (.git, state folders) not read"
    assert [s.file for s in history.skipped] == ["kapot.toml"]
    assert "kan niet worden geopend" in history.skipped[0].message
    assert "session.date" in history.skipped[0].message
    assert history.ignored == ("sjabloon.toml",), "a template is not a session, nor broken"
    march_entry = history.sessions[0]
    assert (march_entry.people, march_entry.cards, march_entry.drafted) == (4, 5, 4)
    assert march_entry.organisations == ("Gemeente", "School", "Wijkteam", "Zorgaanbieder")
    assert dict(march_entry.themes) == {"Rollen": 3, "Samen leren": 2, "Doelen": 0}
    zorg = next(v for v in march_entry.voice if v.organisation == "Zorgaanbieder")
    assert (zorg.people, zorg.cards, zorg.dots, zorg.answers) == (1, 2, 2, 1)


def test_worker_processes_give_the_same_history(folder: Path) -> None:
    # A big folder is parsed in forked workers; the history must not depend on it.
    alone = collect(folder, TODAY, workers=1)
    shared = collect(folder, TODAY, workers=2)
    assert shared == alone
    assert len(shared.sessions) == 3 and [s.file for s in shared.skipped] == ["kapot.toml"]


def test_agreements_over_time(folder: Path) -> None:
    history = collect(folder, TODAY)
    assert states(history.stories) == {
        "a-oud": "werkt",  # known only from October's terugblik: made before the folder
        "a-loket": "werkt",
        "a-leren": "bijstellen",
        "a-data": "vervallen",
        "a-leren2": "open",
        "a-wijk": "overdue",
        "a-agenda": "agenda",
        "a-vrij": "undated",
    }, "a draft (a-concept) is not made"
    leren = next(s for s in history.stories if s.id == "a-leren")
    leren2 = next(s for s in history.stories if s.id == "a-leren2")
    assert leren.followed_by == (leren2.key,) and leren2.revisits == leren.key
    assert [(m.session, m.verdict, m.note) for m in leren.marks] == [(1, "bijstellen", "Vaag")]
    oud = next(s for s in history.stories if s.id == "a-oud")
    assert oud.made_in is None
    assert history.sessions[1].made == ("1/a-leren2", "1/a-wijk", "1/a-agenda", "1/a-vrij")
    assert len(history.sessions[1].looked_back) == 3


def test_overdue_depends_on_today(folder: Path) -> None:
    before = collect(folder, dt.date(2025, 8, 31))
    assert states(before.stories)["a-wijk"] == "open"
    on_the_day = collect(folder, dt.date(2025, 9, 1))
    assert states(on_the_day.stories)["a-wijk"] == "open", "due today is not overdue yet"
    after = collect(folder, dt.date(2025, 9, 2))
    assert states(after.stories)["a-wijk"] == "overdue"


def test_a_review_follows_the_origin_not_just_the_id() -> None:
    # Two sessions adopted an agreement with the same id; the later session names the
    # first as its origin, so the review belongs to the first.
    first = make_session().model_copy(
        update={
            "session": Meta(title="Eerste", date=dt.date(2025, 1, 1)),
            "agreements": (Agreement(id="a1", what="Eerste", why="x", status="aangenomen"),),
        }
    )
    second = first.model_copy(update={"session": Meta(title="Tweede", date=dt.date(2025, 2, 1))})
    third = make_session().model_copy(
        update={
            "session": Meta(title="Derde", date=dt.date(2025, 3, 1)),
            "origin": Origin(title="Eerste", date=dt.date(2025, 1, 1)),
            "terugblik": (Review(id="a1", what="Eerste", verdict="vervallen"),),
        }
    )
    history = build([("3.toml", third), ("1.toml", first), ("2.toml", second)], TODAY)
    assert {s.key: s.state for s in history.stories} == {"0/a1": "vervallen", "1/a1": "undated"}
    without_origin = build(
        [
            ("1.toml", first),
            ("2.toml", second),
            ("3.toml", third.model_copy(update={"origin": None})),
        ],
        TODAY,
    )
    assert {s.key: s.state for s in without_origin.stories} == {
        "0/a1": "undated",
        "1/a1": "vervallen",
    }, "without an origin: the latest earlier session with that id"


def test_an_agreement_that_works_comes_back_and_the_last_verdict_counts() -> None:
    # `new --from` carries an agreement that "werkt" into the next terugblik again.
    first = make_session().model_copy(
        update={
            "session": Meta(title="Een", date=dt.date(2025, 1, 1)),
            "agreements": (Agreement(id="a1", what="Loket", why="x", status="aangenomen"),),
        }
    )
    second = make_session().model_copy(
        update={
            "session": Meta(title="Twee", date=dt.date(2025, 3, 1)),
            "origin": Origin(title="Een", date=dt.date(2025, 1, 1)),
            "terugblik": (Review(id="a1", what="Loket", verdict="werkt"),),
        }
    )
    third = second.model_copy(
        update={
            "session": Meta(title="Drie", date=dt.date(2025, 5, 1)),
            "origin": Origin(title="Twee", date=dt.date(2025, 3, 1)),
            "terugblik": (Review(id="a1", what="Loket"),),
        }
    )
    pairs = [("1.toml", first), ("2.toml", second), ("3.toml", third)]
    history = build(pairs, TODAY)
    (story,) = history.stories
    assert story.state == "werkt", "not judged again yet: it still works"
    assert [(m.session, m.verdict) for m in story.marks] == [(1, "werkt"), (2, "")]
    lapsed = third.model_copy(
        update={"terugblik": (Review(id="a1", what="Loket", verdict="vervallen"),)}
    )
    (story,) = build([*pairs[:2], ("3.toml", lapsed)], TODAY).stories
    assert story.state == "vervallen"


def test_anonymous_sessions_count_no_cards_per_organisation() -> None:
    # Even if a hand-edited anonymous file named authors, they are not counted.
    anonymous = make_session().model_copy(
        update={"session": Meta(title="Anoniem", date=dt.date(2025, 5, 1), anonymous=True)}
    )
    history = build([("a.toml", anonymous)], TODAY)
    entry = history.sessions[0]
    assert entry.unknown_cards == 5
    assert all(v.cards is None for v in entry.voice)
    assert all(org.total == 0 for org in history.organisations)
    assert history.organisations[0].cards == (None,)


def test_bars_sparklines_and_the_window() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    assert bar(1, 16, 2) == "▏"
    assert bar(0, 10, 4) == ""
    assert spark([0, 4, None, 8], [True, True, False, True]) == "▁▅·█"
    assert spark([None, 3], [True, True]) == "?█"
    assert window(100, 99, 40) == range(60, 100)
    assert window(100, 10, 40) == range(0, 40), "early sessions: the first 40"
    assert window(5, 2, 40) == range(0, 5)


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_tells_the_story(folder: Path) -> None:
    text = render_markdown(collect(folder, TODAY))
    assert text.startswith("# Geschiedenis: archief\n")
    assert "3 sessies, van 10 maart 2025 tot 1 oktober 2025" in text
    assert "Stand van 1 januari 2026" in text
    # The timeline: date, session, place, at the table, organisations, cards, made, looked back.
    assert "| 2025-03-10 | Rivierenland, maart | Tiel | 4 | 4 | 5 | 3 | 0 |" in text
    assert "| 2025-06-15 | Rivierenland, juni | Culemborg | 4 | 4 | 5 | 4 | 3 |" in text
    assert "| 2025-10-01 | Rivierenland, oktober (anoniem) |  | 4 | 4 | 2 | 0 | 2 |" in text
    assert (
        "7 afspraken gemaakt (en 1 van eerder): ✓ werkt: 2 · ↻ bijgesteld: 1 · ✗ vervallen: 1"
        " · … op de agenda: 1 · ⚠ evaluatie te laat: 1 · ○ loopt nog: 1"
        " · – zonder evaluatiedatum: 1" in text
    )
    overdue = text.split("### Evaluatie te laat", 1)[1].split("###", 1)[0]
    assert "Wijkteam schuift aan" in overdue and "122 dagen voorbij" in overdue
    assert "Een leerkring" not in overdue
    assert "Waarom: Dichtbij." in overdue
    assert "Terugblik in Rivierenland, juni (15 juni 2025): bijstellen: Vaag." in text
    assert "Bijgesteld tot: Een leerkring met een trekker" in text
    assert "Op de agenda van Rivierenland, oktober (1 oktober 2025)" in text
    assert "### Van vóór deze sessies" in text and "Een afspraak van vroeger" in text


def test_markdown_voice_and_themes(folder: Path) -> None:
    text = render_markdown(collect(folder, TODAY))
    voice = text.split("## Inbreng per organisatie", 1)[1].split("\n## ", 1)[0]
    # Chart: organisation, bar, cards, share, one sign per session (? = anonymous).
    assert "| Zorgaanbieder | ████████████████████ | 4 | 40% | ██? |" in voice
    assert "| Gemeente | ██████████ | 2 | 20% | ██? |" in voice
    assert "| Wijkteam |  | 0 | 0% | ▁▁? |" in voice
    # Numbers: sessions, seats, cards, dots (closed rounds only), answers.
    assert "| Zorgaanbieder | 3 | 3 | 4 | 2 | 1 |" in voice
    assert "| Wijkteam | 3 | 3 | 0 | 0 | 0 |" in voice, "June's open round is not counted"
    assert "| Onbekend | – | – | 2 | – | – |" in voice
    assert "Woningcorporatie" not in voice, "observers are not a voice"
    themes = text.split("## Kaarten per thema door de tijd", 1)[1]
    assert "| Rollen | 3 | 7 | ██▃ |" in themes
    assert "| Doelen | 3 | 0 | ▁▁▁ |" in themes
    assert "**2025-10-01 Rivierenland, oktober**: Rollen 1 · Samen leren 1 · Doelen 0" in themes


def test_markdown_escapes_untrusted_text_and_lists_skipped_files(folder: Path) -> None:
    text = render_markdown(collect(folder, TODAY))
    assert "<script>" not in text
    assert not re.search(r"(?<!\\)\]\(javascript", text), "no live link"
    assert "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))" in text
    skipped = text.split("## Overgeslagen bestanden", 1)[1]
    assert "**kapot.toml**" in skipped and "kan niet worden geopend" in skipped
    assert "Andere TOML-bestanden (geen sessie, zoals sjablonen) niet meegeteld: 1" in text


def test_markdown_in_english(folder: Path) -> None:
    i18n.set_language("en")
    text = render_markdown(collect(folder, TODAY))
    assert text.startswith("# History: archief\n")
    assert "## Agreements over time" in text and "### Overdue for review" in text
    assert "7 agreements made (and 1 from before): ✓ works: 2 · ↻ adjusted: 1 · ✗ lapsed: 1" in text
    assert "## Voice per organisation" in text and "| Unknown | – | – | 2 | – | – |" in text
    assert "Rivierenland, oktober (anonymous)" in text
    for dutch in ("Afspraken door de tijd", "evaluatie te laat", "Overgeslagen", "Inbreng"):
        assert dutch not in text


def test_every_history_text_key_exists() -> None:
    sources = [
        ROOT / "tui_board" / "afterwards" / "history.py",
        ROOT / "tui_board" / "cli" / "history.py",
        ROOT / "tui_board" / "tui" / "screens" / "history.py",
    ]
    keys = set()
    for source in sources:
        keys |= set(re.findall(r'"(history\.[a-z_.]+[a-z_])"', source.read_text(encoding="utf-8")))
    assert len(keys) > 40
    assert sorted(k for k in keys if k not in i18n.MESSAGES) == []
    for state in ("werkt", "bijstellen", "vervallen", "agenda", "overdue", "open", "undated"):
        assert f"history.state.{state}" in i18n.MESSAGES
    for pane in ("details", "agreements", "voice", "themes"):
        assert f"history.pane.{pane}" in i18n.MESSAGES


# --- the screen ----------------------------------------------------------------------------


def screen_text(app: HistoryApp) -> str:
    """What the terminal shows now, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def focused(app: HistoryApp) -> Widget | None:
    """The widget with the focus now (asked anew: after keys are pressed the type checker
    would still hold what an earlier `assert app.focused is ...` told it)."""
    return app.focused


async def test_the_screen_at_80x24(folder: Path) -> None:
    app = HistoryApp(collect(folder, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one("#timeline", OptionList)
        assert app.focused is timeline and timeline.highlighted == 2, "starts at the newest"
        shown = screen_text(app)
        assert "2025-03-10 Rivierenland, maa…" in shown and "2025-06-15 ⚠ Rivierenland" in shown
        assert "Rivierenland, oktober" in shown and "Vervolg op Rivierenland, juni" in shown
        assert all(len(line) <= 80 for line in shown.splitlines())
        assert len(shown.splitlines()) == 24

        await pilot.press("up")
        await pilot.pause()
        assert app.selected == 1
        details = app.query_one("#details", Pane).text()
        assert details.startswith("Rivierenland, juni\n15 juni 2025 · Culemborg")
        assert "Afspraken gemaakt: 4" in details and "Terugblik: 3" in details
        assert "Wijkteam schuift aan" in details and "Het loket draait" in details
        assert "15 juni 2025 · Culemborg" in screen_text(app)

        await pilot.press("3")  # the voice chart; the keyboard stays on the timeline
        await pilot.pause()
        assert app.query_one("#panes", ContentSwitcher).current == "voice"
        assert app.focused is timeline
        voice = app.query_one("#voice", Pane).text()
        assert "Zorgaanbieder" in voice and "██?" in voice
        assert "Inbreng per organisatie" in screen_text(app)

        await pilot.press("tab")  # timeline → details
        assert focused(app) is app.query_one("#details", Pane)
        await pilot.press("tab", "tab")  # → agreements → voice
        await pilot.pause()
        assert app.query_one("#panes", ContentSwitcher).current == "voice"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.query_one("#panes", ContentSwitcher).current == "agreements"
        agreements = app.query_one("#agreements", Pane).text()
        assert agreements.index("Evaluatie te laat") < agreements.index("Gemaakt in")
        assert "scrollen" in screen_text(app), "the key bar says what ↑↓ do in a pane"
        await pilot.press("escape", "down")  # back to the timeline, and on to October
        await pilot.pause()
        assert app.focused is timeline and app.selected == 2
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_screen_in_english_shows_untrusted_text_as_text(folder: Path) -> None:
    i18n.set_language("en")
    history = collect(folder, TODAY)
    app = HistoryApp(history)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", "2")
        await pilot.pause()
        shown = screen_text(app)
        assert "History" in shown and "Agreements over time" in shown
        assert "1 Session" in shown and "next pane" in shown
        agreements = app.query_one("#agreements", Pane).text()
        assert SCRIPT in agreements, "markup-looking text stays as it was written"
        await pilot.press("q")


async def test_markup_in_titles_and_names_stays_text() -> None:
    session = make_session().model_copy(
        update={"session": Meta(title="[b]Vet[/b] [@click=quit]x[/]", date=dt.date(2025, 1, 1))}
    )
    people = tuple(
        p.model_copy(update={"organisation": "[red]Rood[/red]"}) if p.id == "anna" else p
        for p in session.participants
    )
    app = HistoryApp(
        build([("s.toml", session.model_copy(update={"participants": people}))], TODAY)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]Vet[/b]" in shown
        details = app.query_one("#details", Pane).text()
        assert "[b]Vet[/b] [@click=quit]x[/]" in details and "[red]Rood[/red]" in details
        await pilot.press("q")


# --- the command ---------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TUSSENRUIMTE_LANG="nl")
    return subprocess.run(
        [TUSSENRUIMTE, *args], capture_output=True, text=True, check=False, env=env, timeout=60
    )


def test_cli_bad_folders(tmp_path: Path) -> None:
    missing = run("history", str(tmp_path / "nergens"))
    assert missing.returncode == 2
    assert "De map" in missing.stderr and "bestaat niet" in missing.stderr
    assert "Traceback" not in missing.stderr and missing.stdout == ""
    assert not (tmp_path / "nergens").exists()
    a_file = tmp_path / "sessie.toml"
    save_session(march(), a_file)
    not_a_folder = run("history", str(a_file))
    assert not_a_folder.returncode == 2
    assert "is geen map" in not_a_folder.stderr and "Traceback" not in not_a_folder.stderr
    empty = tmp_path / "leeg"
    empty.mkdir()
    shutil.copy(ROOT / "themes" / "rivierenland.toml", empty / "sjabloon.toml")
    (empty / "kapot.toml").write_text("[session\n")
    nothing = run("history", str(empty))
    assert nothing.returncode == 1
    assert "Geen sessies gevonden" in nothing.stderr and "kapot.toml" in nothing.stderr
    assert "Traceback" not in nothing.stderr and nothing.stdout == ""
    english = subprocess.run(
        [TUSSENRUIMTE, "--lang", "en", "history", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert english.returncode == 2 and "does not exist" in english.stderr


def test_cli_markdown_to_a_file_changes_nothing_else(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(folder)
    out = tmp_path / "verhaal.md"
    assert main(["history", str(folder), "--format", "md", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Geschiedenis van 3 sessies geschreven" in captured.out
    assert "Overgeslagen: kapot.toml" in captured.err
    assert out.read_text(encoding="utf-8").startswith("# Geschiedenis: archief")
    assert snapshot(folder) == before, "the folder is only read"
    session_file = folder / "2025" / "2025-06-15-juni.toml"
    assert main(["history", str(folder), "-o", str(session_file)]) == 1
    assert "schrijft daar nooit overheen" in capsys.readouterr().err
    assert snapshot(folder) == before
    assert main(["history", str(folder), "--format", "tui", "-o", str(out)]) == 2
    assert "--format md" in capsys.readouterr().err
    nowhere = tmp_path / "geen-map" / "verhaal.md"
    assert main(["history", str(folder), "-o", str(nowhere)]) == 1
    assert "Kan de geschiedenis niet schrijven" in capsys.readouterr().err
    assert not nowhere.parent.exists() and snapshot(folder) == before


def test_cli_without_a_terminal_writes_markdown(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", str(folder)]) == 0  # stdout is captured: not a terminal
    assert "## Afspraken door de tijd" in capsys.readouterr().out
    assert main(["--lang", "en", "history", str(folder), "-o", "-"]) == 0
    assert "## Agreements over time" in capsys.readouterr().out


# --- the method's instruments over time -------------------------------------------


def instrument_sessions() -> list[tuple[str, Session]]:
    """Four sessions made with the real rules (instrumentkit): evaluations of 4, 3, 2 answers
    and one still open; principles answered, then switched off, then answered again; reflexes
    tagged, then switched off at the end."""
    from factories import FACILITATOR
    from instrumentkit import raters_answer, run

    from tui_board.core.ops import CheckPrinciple, TagReflex

    def at(session: Session, day: dt.date, title: str, **update: object) -> Session:
        meta = session.session.model_copy(update={"date": day, "title": title})
        data = session.model_copy(update={"session": meta}).model_dump(by_alias=True)
        data.update(update)
        return Session.model_validate(data)

    def steps(*ops: object) -> list[tuple[object, object]]:
        return [(op, FACILITATOR) for op in ops]

    first = run(
        raters_answer(["anna", "bram", "dewi", "evi"], close=True),
        *steps(
            TagReflex(card_id="a1", reflex="crisis"),
            TagReflex(card_id="b1", reflex="crisis"),
            TagReflex(card_id="r1", reflex="controle"),
            CheckPrinciple(number=1, answer="ja"),
            CheckPrinciple(number=7, answer="deels"),
            CheckPrinciple(number=11, answer="nee"),
        ),  # type: ignore[arg-type]
    )
    second = run(
        raters_answer(["anna", "bram", "dewi"], close=True),
        *steps(
            TagReflex(card_id="a2", reflex="inzicht"),
            CheckPrinciple(number=1, answer="ja"),
            CheckPrinciple(number=7, answer="ja"),
            CheckPrinciple(number=11, answer="deels", note="Het adaptieve been groeit"),
        ),  # type: ignore[arg-type]
    )
    third = run(
        raters_answer(["anna", "bram"], close=True),
        *steps(TagReflex(card_id="b2", reflex="crisis")),  # type: ignore[arg-type]
    )
    fourth = run(
        raters_answer(["anna", "bram", "dewi"], close=False),
        *steps(CheckPrinciple(number=11, answer="ja")),  # type: ignore[arg-type]
    )
    return [
        ("2025-03.toml", at(first, dt.date(2025, 3, 10), "Maart")),
        ("2025-06.toml", at(second, dt.date(2025, 6, 15), "Juni")),
        (
            "2025-10.toml",
            at(
                third,
                dt.date(2025, 10, 1),
                "Oktober",
                instruments=["evaluatie", "reflexen", "benen"],
            ),
        ),
        (
            "2026-01.toml",
            at(fourth, dt.date(2026, 1, 20), "Januari", instruments=["evaluatie", "principes"]),
        ),
    ]


@pytest.fixture
def instrument_folder(tmp_path: Path) -> Path:
    root = tmp_path / "instrumenten"
    root.mkdir()
    for name, session in instrument_sessions():
        save_session(session, root / name)
    return root


def test_history_draws_each_norm_principle_and_reflex_over_time(instrument_folder: Path) -> None:
    from instrumentkit import expected_counts

    from tui_board.afterwards.history import answer_marks, mean_spark, reflex_spark
    from tui_board.core.instruments import NORM_IDS, mean

    history = collect(instrument_folder, TODAY)
    assert [e.title for e in history.sessions] == ["Maart", "Juni", "Oktober", "Januari"]
    assert [e.checkup.evaluation for e in history.sessions] == ["shown", "shown", "few", "open"]
    # An open evaluation is only "open" on disk (views.at_rest): no count, no aggregate.
    assert [e.checkup.answers for e in history.sessions] == [4, 3, 2, 0]
    assert history.evaluated == 2 and history.checked == 3 and history.tagged == 5

    four = expected_counts(["anna", "bram", "dewi", "evi"])
    three = expected_counts(["anna", "bram", "dewi"])
    assert [line.norm for line in history.norms] == list(NORM_IDS)
    for line in history.norms:
        assert line.means == (mean(four[line.norm]), mean(three[line.norm]), None, None)
        assert line.sessions == 2
        cells = mean_spark(line.means)
        assert len(cells) == 4 and cells.endswith("··"), "no value without a shown evaluation"
        assert all(c in "▁▂▃▄▅▆▇█" for c in cells[:2])
    afspraken = history.norms[0]
    assert afspraken.means[:2] == (3.0, 7 / 3)
    assert mean_spark(afspraken.means) == "▅▃··"

    answers = {line.number: line.answers for line in history.principles}
    assert len(answers) == 11
    assert answers[1] == ("ja", "ja", None, "")
    assert answers[7] == ("deels", "ja", None, "")
    assert answers[11] == ("nee", "deels", None, "ja")
    assert answers[5] == ("", "", None, "")
    assert answer_marks(answers[11]) == "○◐·●"
    assert answer_marks(answers[5]) == "——·—"
    assert history.principles[10].last == "ja" and history.principles[4].last == ""

    counts = {line.reflex: line.counts for line in history.reflexes}
    assert counts == {
        "inzicht": (0, 1, 0, None),
        "crisis": (2, 0, 1, None),
        "harder_werken": (0, 0, 0, None),
        "oplossing": (0, 0, 0, None),
        "controle": (1, 0, 0, None),
    }
    assert reflex_spark(history.reflexes[1]) == "█▁▅·"
    assert collect(instrument_folder, TODAY, workers=2) == history


def test_history_of_many_generated_sessions_draws_every_trend() -> None:
    from instrumentkit import ANSWERS, evaluated

    from tui_board.afterwards.history import mean_spark

    sessions = []
    for month in range(1, 13):
        people = list(ANSWERS)[month % 2 :]  # three or four answers, in turn
        session = evaluated(make_session(), people)
        meta = session.session.model_copy(
            update={"date": dt.date(2025, month, 1), "title": f"Sessie {month}"}
        )
        sessions.append((f"{month}.toml", session.model_copy(update={"session": meta})))
    history = build(sessions, TODAY)
    assert history.evaluated == 12
    for line in history.norms:
        assert line.sessions == 12 and None not in line.means
        assert len(mean_spark(line.means)) == 12 and "·" not in mean_spark(line.means)
    text = render_markdown(history)
    norms = text[text.index("## De negen normen door de tijd") :]
    rows = [row for row in norms.splitlines() if row.startswith("| ") and "→" in row]
    assert len(rows) == 9, "a row per norm"
    assert all(row.count("→") == 11 for row in rows), "a mean per session"


def test_markdown_shows_the_instruments_over_time(instrument_folder: Path) -> None:
    text = render_markdown(collect(instrument_folder, TODAY))
    norms = text[text.index("## De negen normen door de tijd") :]
    norms = norms[: norms.index("\n## ")]
    assert "| Norm | Verloop per sessie | Gemiddeld per sessie | Sessies |" in norms
    assert "| Afspraken nakomen | ▅▃·· | 3,0 → 2,3 | 2 |" in norms
    assert "- **2025-03-10 Maart**: 4 antwoorden" in norms
    assert "- **2025-10-01 Oktober**: te weinig antwoorden om te tonen (2)" in norms
    assert "- **2026-01-20 Januari**: de evaluatie is nog niet gesloten (0 ingevuld)" in norms
    principles = text[text.index("## De elf principes door de tijd") :]
    principles = principles[: principles.index("\n## ")]
    assert "| 11 | Denk tweebenig. | ○◐·● | ● ja |" in principles
    assert "| 5 | Zorg voor een samenwerkingsproces" in principles
    assert "| ——·— | — nog niet besproken |" in principles
    reflexes = text[text.index("## Reflexen door de tijd") :]
    assert "| crisisreflex | █▁▅· | 3 | 2 · 0 · 1 · – |" in reflexes
    assert "| controlereflex | █▁▁· | 1 | 1 · 0 · 0 · – |" in reflexes
    # The open and the too-small evaluations hold counts in their files; none of it shows.
    assert "2,0" not in norms.split("|")[-1]
    for line in ("Anna-lijn", "bram-lijn", "Dewi-lijn"):
        assert line not in text, "open lines belong to the report, not the history"


def test_no_instrument_sections_without_instrument_data(folder: Path) -> None:
    text = render_markdown(collect(folder, TODAY))
    for heading in ("normen door de tijd", "principes door de tijd", "Reflexen door de tijd"):
        assert heading not in text


def test_markdown_instruments_in_english(instrument_folder: Path) -> None:
    i18n.set_language("en")
    text = render_markdown(collect(instrument_folder, TODAY))
    assert "## The nine norms over time" in text
    assert "| Keeping agreements | ▅▃·· | 3\\.0 → 2.3 | 2 |" in text
    assert "too few answers to show (2)" in text
    assert "## The eleven principles over time" in text
    assert "| 11 | Think two-legged. | ○◐·● | ● yes |" in text
    assert "## Reflexes over time" in text and "| crisis reflex | █▁▅· | 3 |" in text


async def test_the_instruments_pane_at_80x24(instrument_folder: Path) -> None:
    app = HistoryApp(collect(instrument_folder, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert app.query_one("#panes", ContentSwitcher).current == "instruments"
        pane = app.query_one("#instruments", Pane).text()
        assert "De negen normen door de tijd" in pane
        assert "Deze sessie: de evaluatie is nog niet gesloten (0 ingevuld)" in pane
        assert "▅▃··" in pane and "○◐·●" in pane and "█▁▅·" in pane
        assert "Denk tweebenig." in pane and "● ja" in pane
        shown = screen_text(app)
        assert all(len(line) <= 80 for line in shown.splitlines())
        assert "1-5" in shown and "[5 Instrumenten]" in shown, "the current tab always shows"
        await pilot.press("home")  # the first session: its own means
        await pilot.pause()
        pane = app.query_one("#instruments", Pane).text()
        assert "Deze sessie: 4 antwoorden" in pane
        assert "Afspraken nakomen" in pane and " 3,0" in pane
        await pilot.press("tab", "shift+tab")
        await pilot.press("q")
    assert app.return_code == 0
