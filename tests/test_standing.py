"""Standing agreements over real files and the real CLI.

A chain A → B → C made with `tussenruimte new --from`: an adopted agreement stays on the
agenda of every next session until a terugblik closes it (afgerond), lets it lapse or
replaces it; `new` says what it carried and what not, and why; `history` marks one whose
review date passed without a verdict as late, also while it stands on the agenda.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chainkit import OVERLEG, PARK, REGIE, TODAY, adopt, chain, judge, new

from tui_board.afterwards.history import collect, render_markdown
from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.core.model import Review, Session
from tui_board.files.store import load_session, save_session
from tui_board.tui.screens.history import HistoryApp


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


def test_an_adopted_agreement_stays_on_the_agenda_of_every_next_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, c, out = chain(tmp_path, capsys)
    later = load_session(c)
    assert [(r.id, r.agenda, r.verdict) for r in later.terugblik] == [
        ("regie", 2, ""),
        ("overleg", 2, ""),
    ]
    assert later.terugblik[0].review == dt.date(2026, 2, 1)
    assert "2 afspraken om op terug te blikken" in out
    lines = out.splitlines()
    regie = next(line for line in lines if "Eén regievoerder" in line)
    assert regie.startswith("  + ")
    assert "2× op de agenda" in regie and "⚠ te laat: evaluatiedatum 2026-02-01" in regie
    overleg = next(line for line in lines if "Elke maand overleg" in line)
    assert "2× op de agenda" in overleg and "te laat" not in overleg


def test_new_says_what_it_did_not_carry_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    new(a, "2026-01-10")
    adopt(a, REGIE, OVERLEG, PARK)
    capsys.readouterr()
    new(b, "2026-03-10", "--from", str(a))
    out = capsys.readouterr().out
    assert "Niet meegenomen:\n  - Gedeelde agenda — niet aangenomen (geparkeerd)" in out
    # In B: regie is closed (it worked and is done), overleg lapses; C carries nothing.
    judge(b, "regie", "afgerond")
    judge(b, "overleg", "vervallen")
    c = tmp_path / "c.toml"
    assert main(["--lang", "en", "new", str(c), "--date", "2026-05-10", "--from", str(b)]) == 0
    out = capsys.readouterr().out
    assert load_session(c).terugblik == ()
    assert 'Nothing from "Regio" to look back on.' in out
    assert "  - Eén regievoerder per gezin — closed: it worked and is done" in out
    assert "  - Elke maand overleg — declared lapsed" in out


def test_werkt_comes_back_and_an_adopted_replacement_takes_the_place_of_the_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, b, c, _ = chain(tmp_path, capsys)
    judge(c, "overleg", "werkt")
    judge(c, "regie", "bijstellen", draft="regie-2")
    draft = load_session(c).agreement("regie-2")
    # The review date had passed: the draft does not inherit it (the board asks for one).
    assert draft is not None and draft.review is None
    d = tmp_path / "d.toml"
    new(d, "2026-07-01", "--from", str(c))
    out = capsys.readouterr().out
    # The draft is not adopted yet: the old agreement stays on the agenda.
    assert [(r.id, r.agenda) for r in load_session(d).terugblik] == [
        ("regie", 3),
        ("overleg", 3),
    ]
    assert "het nieuwe concept is nog niet aangenomen" in out
    assert "Niet meegenomen:\n  - Regio" not in out
    session = load_session(c)
    adopted = session.model_copy(
        update={
            "agreements": tuple(
                a.model_copy(update={"status": "aangenomen", "review": dt.date(2026, 9, 1)})
                for a in session.agreements
            )
        }
    )
    save_session(adopted, c)
    e = tmp_path / "e.toml"
    new(e, "2026-07-01", "--from", str(c))
    out = capsys.readouterr().out
    assert [(r.id, r.agenda) for r in load_session(e).terugblik] == [
        ("regie-2", 1),
        ("overleg", 3),
    ]
    assert '  - Eén regievoerder per gezin — vervangen door "Eén regievoerder per gezin"' in out
    assert b.exists()


def test_history_marks_an_agreement_late_while_it_stands_on_the_agenda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain(tmp_path, capsys)
    history = collect(tmp_path, TODAY)
    states = {s.id: s.state for s in history.stories}
    assert states == {"regie": "overdue", "overleg": "agenda"}
    assert [len(s.marks) for s in history.stories] == [2, 2]
    text = render_markdown(history)
    assert "⚠ **Eén regievoerder per gezin** — evaluatie te laat" in text
    assert "2× op de agenda" in text
    # Each time it stood on an agenda after its review date, that look back says so too.
    assert text.count("Op de agenda van Regio (10 maart 2026), nog zonder oordeel (⚠ te laat)") == 2
    assert "Op de agenda van Regio (10 maart 2026), nog zonder oordeel. " in text  # overleg


async def test_the_history_screen_marks_a_late_agenda_item_in_the_session_that_had_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain(tmp_path, capsys)
    app = HistoryApp(collect(tmp_path, TODAY))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("down", "down")
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in app.query("Static"))
        assert "⚠ Eén regievoerder per gezin" in shown
        assert "nog niet besproken · ⚠ te laat" in shown
        assert "… Elke maand overleg" in shown
        await pilot.press("q")


def test_a_review_with_a_standing_count_loads_and_saves_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    new(path, "2026-01-10")
    session = load_session(path)
    entry = Review(id="regie", what="Regie", agenda=4, verdict="afgerond")
    save_session(session.model_copy(update={"terugblik": (entry,)}), path)
    text = path.read_text(encoding="utf-8")
    assert 'agenda = 4\nverdict = "afgerond"\n' in text
    again: Session = load_session(path)
    assert again.terugblik == (entry,)
    save_session(again, path)
    assert path.read_text(encoding="utf-8") == text


def test_diff_and_report_name_a_closed_agreement_and_a_standing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, b, _ = chain(tmp_path, capsys)  # the third session: both twice on the agenda
    before = tmp_path / "b-voor.toml"
    shutil.copy(b, before)
    judge(b, "overleg", "afgerond")
    capsys.readouterr()
    assert main(["diff", str(before), str(b)]) == 0
    assert 'afspraak "Elke maand overleg" is afgerond' in capsys.readouterr().out
    assert main(["report", str(b), "-o", "-"]) == 0
    report = capsys.readouterr().out
    assert "afgerond: 1" in report
    assert "Evaluatie: 1 februari 2026 (⚠ te laat)" in report
    assert "Stond 2× op de agenda." in report
