"""The method's instruments on the board through Pilot, at 80×24: the closing
evaluation (keyboard screen, count, aggregates only after closing with enough answers),
reflex tags, the legs of a TWO and the health check on the eleven principles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from boardkit import make_app, screen_now, screen_text, session_file
from textual.widgets import Checkbox, Input, OptionList, Static

from tui_board.core import i18n
from tui_board.core.model import Participant, Role, Session
from tui_board.core.ops import Actor, Evaluate, Op, StartEvaluation
from tui_board.core.rules import Applied, apply
from tui_board.files.store import load_session, save_session
from tui_board.live.localboard import LocalBoard
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.agreements import AgreementForm
from tui_board.tui.screens.instruments import EvaluationScreen, PrinciplesScreen, ReflexPicker

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


NOW = dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC)
CARDS = {"rollen": ["Wie heeft de regie", "Taken dubbel"], "leren": ["Samen evalueren"]}
PEOPLE = (
    Participant(id="anna", name="Anna", organisation="Gemeente Tiel"),
    Participant(id="bram", name="Bram", organisation="Zorggroep"),
    Participant(id="cor", name="Cor", organisation="Wijkteam"),
)
NORMS = (
    "afspraken",
    "betrouwbaar",
    "bereikbaar",
    "open",
    "informatie",
    "hulpvaardig",
    "verantwoordelijkheid",
    "flexibel",
    "luisteren",
)


def _run(session: Session, op: Op, who: str) -> Session:
    person = session.participant(who)
    assert person is not None
    outcome = apply(session, op, Actor(who, person.role), NOW)
    assert isinstance(outcome, Applied), outcome
    return outcome.session


def _closing(folder: Path, answers: dict[str, tuple[int, str]], **update: object) -> Path:
    """A session in the closing phase with three more people and a started evaluation;
    each of `answers` (person → same score for every norm, open line) already answered."""
    path = session_file(folder, CARDS, phase="afsluiten")
    session = load_session(path)
    session = session.model_copy(
        update={"participants": (*session.participants, *PEOPLE), **update}
    )
    if "evaluatie" in session.instruments:
        session = _run(session, StartEvaluation(), "begeleider")
    for who, (score, line) in answers.items():
        session = _run(session, Evaluate(scores=dict.fromkeys(NORMS, score), line=line), who)
    save_session(session, path)
    _SESSIONS[path] = session
    return path


_SESSIONS: dict[Path, Session] = {}
"""The sessions `_closing` made, as the relay holds them in memory: on disk an open
evaluation is only "open" (views.at_rest), so a board opened from the file would not
know who answered."""


def _open(path: Path) -> BoardApp:
    """The board of `path`, with the running evaluation as in memory."""
    session = _SESSIONS.get(path) or load_session(path)
    return BoardApp(LocalBoard(session, path, "Marieke"))


def _text(app: BoardApp, selector: str) -> str:
    return " ".join(
        " ".join(str(s.render()).split()) for s in app.query(f"{selector} Static").results(Static)
    )


def _screen_text(app: BoardApp) -> str:
    return " ".join(" ".join(str(s.render()).split()) for s in app.screen.query(Static))


async def test_evaluation_screen_scores_nine_norms_and_sends(tmp_path: Path) -> None:
    app = _open(_closing(tmp_path, {}))
    async with app.run_test(size=SIZE) as pilot:
        assert app.evaluation_panel.display, "the closing phase shows the evaluation"
        assert "Evaluatie: 0 ingevuld" in _text(app, "#evaluation")
        await pilot.press("E")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        line = screen.query_one("#eval-line", Input)
        # A digit scores and moves on; → raises the score; ↓ moves without scoring.
        await pilot.press("4", "right", "right", "down")
        await pilot.press("up", "5", "5", "3", "4", "2", "5", "4")
        await pilot.pause()
        assert "Nog 1 van de 9 normen zonder cijfer" in _screen_text(app)
        await pilot.press("1")  # the ninth: the open line takes the keys now
        await pilot.pause()
        assert line.has_focus
        await pilot.press(*"Vaker bellen", "enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        evaluation = app.board.session.evaluation
        assert evaluation is not None and evaluation.count == 1
        assert evaluation.answered == ("begeleider",)
        given = {norm: counts.index(1) + 1 for norm, counts in evaluation.scores.items()}
        assert given == {
            "afspraken": 4,
            "betrouwbaar": 5,
            "bereikbaar": 5,
            "open": 3,
            "informatie": 4,
            "hulpvaardig": 2,
            "verantwoordelijkheid": 5,
            "flexibel": 4,
            "luisteren": 1,
        }
        assert evaluation.lines == ("Vaker bellen",)
        assert "Evaluatie: 1 ingevuld" in str(app.room_bar.render())
        assert any("Dank je wel" in str(n.message) for n in app._notifications)
        # While open, the panel shows the count and nothing of the ratings.
        panel = _text(app, "#evaluation")
        assert "Evaluatie: 1 ingevuld" in panel and "Vaker bellen" not in panel
        assert "█" not in panel and "Jij hebt hem ingevuld" in panel
        # Once answered, E only shows or hides the panel.
        await pilot.press("E")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and not app.evaluation_panel.display


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_the_evaluation_screen_fits_80x24(tmp_path: Path, language: str) -> None:
    i18n.set_language(language)
    app = _open(_closing(tmp_path, {}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        ask = screen.query_one("#eval-ask").region
        assert screen.region.contains_region(ask)
        inside = ask.shrink((1, 1, 1, 1))  # within the dialog's border
        norms = screen.query_one("#eval-norms", OptionList)
        assert norms.region.height == 9 and inside.contains_region(norms.region)
        assert inside.contains_region(screen.query_one("#eval-line", Input).region)
        assert inside.contains_region(screen.query_one("#eval-status").region)


async def test_enter_with_a_norm_missing_says_which(tmp_path: Path) -> None:
    app = _open(_closing(tmp_path, {}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        # Score all but the fourth norm (Open zijn) and the seventh.
        await pilot.press("4", "4", "4", "down", "4", "4", "down", "4", "4")
        await pilot.press("tab", *"Goed", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen), "not sent with a norm missing"
        shown = _screen_text(app)
        assert "Nog geen cijfer voor: Open zijn, Verantwoordelijkheid nemen" in shown
        evaluation = app.board.session.evaluation
        assert evaluation is not None and evaluation.count == 0
        # The cursor went to the first missing norm: one digit fixes it, then the other.
        await pilot.press("2", "down", "down", "2", "tab", "enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        evaluation = app.board.session.evaluation
        assert evaluation is not None and evaluation.count == 1
        assert evaluation.scores["open"] == (0, 1, 0, 0, 0)
        assert evaluation.scores["verantwoordelijkheid"] == (0, 1, 0, 0, 0)
        assert evaluation.lines == ("Goed",)


async def test_escape_cancels_the_evaluation(tmp_path: Path) -> None:
    app = _open(_closing(tmp_path, {}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E", "5", "5", "escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        evaluation = app.board.session.evaluation
        assert evaluation is not None and evaluation.count == 0


async def test_under_three_answers_nothing_is_shown(tmp_path: Path) -> None:
    path = _closing(tmp_path, {"anna": (2, "Meer tijd"), "bram": (4, "")})
    app = _open(path)
    async with app.run_test(size=SIZE) as pilot:
        panel = _text(app, "#evaluation")
        assert "Evaluatie: 2 ingevuld" in panel
        assert "Meer tijd" not in panel and "█" not in panel
        # The facilitator closes it from the command palette.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Evaluatie sluiten")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        evaluation = app.board.session.evaluation
        assert evaluation is not None and not evaluation.open
        assert evaluation.scores == {} and evaluation.lines == ()
        panel = _text(app, "#evaluation")
        assert "Te weinig antwoorden om te tonen" in panel
        assert "Meer tijd" not in panel and "█" not in panel


async def test_after_closing_with_three_answers_the_aggregates_show(tmp_path: Path) -> None:
    answers = {"anna": (3, "Elkaar eerder bellen"), "bram": (4, ""), "cor": (5, "Agenda delen")}
    # As made from a template that set the minimum to 3 (the default is 5).
    app = _open(_closing(tmp_path, answers, evaluation_minimum=3))
    async with app.run_test(size=SIZE) as pilot:
        panel = _text(app, "#evaluation")
        assert "Evaluatie: 3 ingevuld" in panel and "4,0" not in panel, "not while open"
        assert "Agenda delen" not in panel
        app.instruments.close_evaluation()
        await pilot.pause()
        panel = _text(app, "#evaluation")
        assert "Afspraken nakomen" in panel and "Kunnen luisteren naar elkaar" in panel
        assert "████████░░ 4,0 · 0/0/1/1/1" in panel
        assert "Agenda delen" in panel and "Elkaar eerder bellen" in panel
        assert not any(name in panel for name in ("Anna", "Bram", "Cor")), "no names"


async def test_reflex_picker_tags_a_card_and_the_voice_panel_counts(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="delen"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReflexPicker)
        shown = _screen_text(app)
        assert "crisisreflex" in shown and "De ergste gevallen eerst!" in shown
        await pilot.press("2")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        card = app.board.session.card("k1")
        assert card is not None and card.reflex == "crisis"
        assert "↺ crisisreflex — Marieke" in screen_text(app.columns[0].cards)
        await pilot.press("O")
        await pilot.pause()
        voice = _text(app, "#voice")
        assert "Waar grepen we terug op een reflex?" in voice and "crisisreflex: 1" in voice
        # The help explains every reflex in one line.
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Productie! Efficiëntie!" in _screen_text(app)
        await pilot.press("escape")
        # 0 takes the tag off again.
        await pilot.press("x", "0")
        await pilot.pause()
        card = app.board.session.card("k1")
        assert card is not None and card.reflex == ""
        assert "↺" not in screen_text(app.columns[0].cards)


async def test_legs_in_the_form_end_up_in_the_agreement(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="afspreken"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AgreementForm)
        # Tab keeps the card's text as the what; the why, then Tab past the owners and the
        # review date to the first leg; space ticks it.
        await pilot.press("tab", *"Gezinnen verdwalen", "tab", "tab", "tab", "space", "ctrl+s")
        await pilot.pause()
        agreement = app.board.session.agreements[0]
        assert agreement.legs == ("administratief",)
        assert not isinstance(screen_now(app), AgreementForm)
        panel = _text(app, "#agreements")
        assert "⚠ één been: alleen administratief been" in panel
        # Changing it: the boxes start as they were; tick the other leg too.
        app.agreements._open_form(agreement, agreement.what, agreement.source)
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab", "tab", "space")
        await pilot.pause()
        boxes = [str(box.render()) for box in app.screen.query("LegBox").results(Checkbox)]
        assert [box[:3] for box in boxes] == ["[x]", "[x]"], "on and off in signs, not colour"
        assert isinstance(app.screen, AgreementForm), "space ticks, it does not keep"
        await pilot.press("enter")  # Enter on a leg keeps the agreement
        await pilot.pause()
        agreement = app.board.session.agreements[0]
        assert agreement.legs == ("administratief", "adaptief")
        panel = _text(app, "#agreements")
        assert "Benen: administratief been + adaptief been" in panel and "één been" not in panel


async def test_principles_screen_records_answers_with_notes(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="afsluiten")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, PrinciplesScreen)
        first = app.screen.query_one("#princ-list", OptionList).get_option_at_index(0)
        assert "▶ 1. Organiseer echt tussenruimte" in str(first.prompt)
        await pilot.press("j")
        await pilot.pause()
        await pilot.press(*"Iedereen kwam", "enter")  # j and n are text in the note
        await pilot.pause()
        await pilot.press("down", "d", "enter")  # the cursor moved on to 2; now 3, no note
        await pilot.pause()
        await pilot.press("n", *"Nog niet", "enter")  # 4
        await pilot.pause()
        await pilot.press("up", "0")  # 4 → back on 4 after the move to 5; take it back
        await pilot.pause()
        checks = [(p.number, p.answer, p.note) for p in app.board.session.principles]
        assert checks == [(1, "ja", "Iedereen kwam"), (3, "deels", "")]
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and app.principles_panel.display
        panel = _text(app, "#principles")
        assert "2 van de 11 besproken" in panel and "✓ ja" in panel and "◐ deels" in panel
        assert "Notitie: Iedereen kwam" in panel
        await pilot.press("q")
    assert [p.number for p in load_session(path).principles] == [1, 3]


async def test_keys_hidden_when_an_instrument_is_off(tmp_path: Path) -> None:
    path = _closing(tmp_path, {}, instruments=())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        for action in ("evaluate", "reflex", "principles"):
            assert app.check_action(action, ()) is False, action
        await pilot.press("E", "x", "H")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and not app.evaluation_panel.display
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not any("valuatie" in title or "Gezondheidscheck" in title for title in titles)
        app.agreements._open_form(None, "Iets", "")
        await pilot.pause()
        assert not app.screen.query("LegBox"), "no legs when the instrument is off"
    # With the instruments on, the same keys are there for the facilitator.
    (tmp_path / "aan").mkdir()
    app = _open(_closing(tmp_path / "aan", {}))
    async with app.run_test(size=SIZE):
        for action in ("evaluate", "reflex", "principles"):
            assert app.check_action(action, ()) is True, action


async def test_participants_and_observers(tmp_path: Path) -> None:
    path = _closing(tmp_path, {})
    for role, opened, reflex in (
        (Role.PARTICIPANT, (), False),
        (Role.PARTICIPANT, ("reflex",), True),
        (Role.OBSERVER, ("reflex",), False),
    ):
        session = load_session(path).model_copy(update={"open_to_all": opened})
        people = [p.model_copy(update={"role": role}) if p.id == "anna" else p
                  for p in session.participants]  # fmt: skip
        board = LocalBoard(session.model_copy(update={"participants": tuple(people)}), path, "A")
        board.actor = Actor("anna", role)
        app = BoardApp(board)
        async with app.run_test(size=SIZE) as pilot:
            assert app.check_action("reflex", ()) is reflex, (role, opened)
            await pilot.press("E")
            await pilot.pause()
            if role is Role.OBSERVER:  # an observer only sees: E shows or hides the panel
                assert len(app.screen_stack) == 1 and not app.evaluation_panel.display
            else:
                assert isinstance(app.screen, EvaluationScreen)
                await pilot.press("escape")
            await pilot.press("H")
            await pilot.pause()
            assert len(app.screen_stack) == 1, "only facilitators record the principles"
            assert app.principles_panel.display


async def test_a_participant_hears_of_the_phase_before_scoring(tmp_path: Path) -> None:
    path = _closing(tmp_path, {})
    session = load_session(path).model_copy(update={"phase": "ordenen"})
    board = LocalBoard(session, path, "Anna")
    board.actor = Actor("anna", Role.PARTICIPANT)
    app = BoardApp(board)
    async with app.run_test(size=SIZE) as pilot:
        assert "E: invullen" not in str(app.room_bar.render())
        await pilot.press("E")
        await pilot.pause()
        assert len(app.screen_stack) == 1, "no nine scores for a refusal afterwards"
        notes = [str(n.message) for n in app._notifications]
        assert "Evalueren kan pas in de fase Afsluiten." in notes


async def test_quitting_with_an_open_evaluation_warns_first(tmp_path: Path) -> None:
    """An open evaluation keeps its answers only in memory: the facilitator's first q says
    how many would be lost and how to close it; a second q quits anyway."""
    app = _open(_closing(tmp_path, {"anna": (4, "Vaker bellen"), "bram": (3, "")}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        notes = [str(n.message) for n in app._notifications]
        assert any("2 antwoorden gaan verloren" in note for note in notes), notes
        assert any("Evaluatie sluiten" in note for note in notes)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_quitting_after_the_evaluation_closed_is_at_once(tmp_path: Path) -> None:
    app = _open(_closing(tmp_path, {"anna": (4, "")}))
    async with app.run_test(size=SIZE) as pilot:
        assert app.submit(StartEvaluation(close=True))
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
