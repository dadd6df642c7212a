"""Ratified minutes: the next session's opening marks the last session's minutes as
vastgesteld (with corrections); the file, the report and the history say so."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from boardkit import make_app
from factories import ANNA, COFACILITATOR, FACILITATOR, NOW, make_session
from markdown_it import MarkdownIt
from relaykit import FACILITATOR_CODE, eventually, running, session_file, start_relay
from test_plain import phased_session, plain_board
from textual.widgets import Static

from tui_board.afterwards.diffing import changes, textconv
from tui_board.afterwards.history import build, render_markdown
from tui_board.afterwards.report import render
from tui_board.core import i18n
from tui_board.core.model import Meta, Origin, Participant, Role, Session
from tui_board.core.ops import Actor, OriginPut, RatifyMinutes
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, Refused, apply
from tui_board.core.terugblik import carry_over
from tui_board.files.store import dumps_session, load_session, save_session
from tui_board.live.client import RelayClient
from tui_board.tui.screens.terugblik import TerugblikScreen

MARCH = dt.date(2026, 3, 12)
APRIL = dt.date(2026, 4, 9)


def earlier() -> Session:
    base = make_session()
    meta = Meta(id="2026-03-12-0a1b2c3d", title="Maart", date=MARCH, place="Tiel")
    return base.model_copy(update={"session": meta})


def later() -> Session:
    fresh = make_session().model_copy(
        update={"session": Meta(id="2026-04-09-4e5f6a7b", title="April", date=APRIL)}
    )
    return carry_over(fresh, earlier(), "maart.toml", participants=False)


def ratified(corrections: str = "Bram was er ook bij.") -> Session:
    outcome = apply(later(), RatifyMinutes(note=corrections), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    return outcome.session


def test_the_facilitator_ratifies_the_minutes_with_corrections() -> None:
    session = later()
    outcome = apply(session, RatifyMinutes(note="  Bram was er\nook bij. "), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    assert session.origin is not None
    origin = session.origin.model_copy(
        update={"vastgesteld": APRIL, "correcties": "Bram was er ook bij."}
    )
    assert outcome.changes == (OriginPut(origin=origin),)
    assert outcome.session.origin == origin
    # The co-facilitator may too; the same again changes nothing.
    again = apply(outcome.session, RatifyMinutes(note="Bram was er ook bij."), COFACILITATOR, NOW)
    assert isinstance(again, Applied) and again.changes == ()
    # Taken back: both fields cleared.
    back = apply(outcome.session, RatifyMinutes(ratified=False), FACILITATOR, NOW)
    assert isinstance(back, Applied) and back.session.origin == session.origin


def test_only_facilitators_and_only_with_an_origin() -> None:
    assert apply(later(), RatifyMinutes(), ANNA, NOW) == Refused("refused.facilitator_only")
    outsider = apply(later(), RatifyMinutes(), Actor("zoe", Role.FACILITATOR), NOW)
    assert outsider == Refused("refused.not_at_table")
    assert apply(make_session(), RatifyMinutes(), FACILITATOR, NOW) == Refused("refused.no_origin")
    too_long = apply(later(), RatifyMinutes(note="x" * 2001), FACILITATOR, NOW)
    assert too_long == Refused("refused.text_too_long", {"max": "2000"})


def test_the_file_holds_it_and_an_older_file_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "april.toml"
    save_session(ratified(), path)
    text = path.read_text(encoding="utf-8")
    origin = text[text.index("[origin]") :].split("\n\n")[0]
    assert "vastgesteld = 2026-04-09\n" in origin + "\n"
    assert 'correcties = "Bram was er ook bij."' in origin
    assert load_session(path) == ratified()
    plain = dumps_session(later())
    assert "vastgesteld" not in plain and "correcties" not in plain
    without = dumps_session(ratified(""))
    assert "vastgesteld = 2026-04-09" in without and "correcties" not in without


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_says_the_minutes_were_ratified(fmt: str) -> None:
    text = render(ratified(), fmt)
    if fmt == "md":
        text = MarkdownIt().render(text)
    said = (
        "De notulen van &quot;Maart&quot; van 12 maart 2026 zijn vastgesteld op 9 april 2026 "
        "(met correcties: Bram was er ook bij)."
    )
    assert said in text
    plain = render(ratified(""), "md")
    assert "zijn vastgesteld op 9 april 2026 (zonder correcties)." in plain
    assert "vastgesteld" not in render(later(), "md")
    i18n.set_language("en")
    try:
        english = render(ratified(), "md")
    finally:
        i18n.set_language("nl")
    assert "were ratified on 9 April 2026 (with corrections: Bram was er ook bij)." in english


def test_history_shows_it_at_the_earlier_session() -> None:
    history = build([("maart.toml", earlier()), ("april.toml", ratified())], APRIL)
    assert history.sessions[0].ratified == (APRIL, 1, "Bram was er ook bij.")
    assert history.sessions[1].ratified is None
    md = render_markdown(history)
    assert (
        "Maart (12 maart 2026): notulen vastgesteld op 9 april 2026 in April (9 april 2026) "
        "(met correcties: Bram was er ook bij)."
    ) in md
    plain = build([("maart.toml", earlier()), ("april.toml", later())], APRIL)
    assert "vastgesteld" not in render_markdown(plain)


async def test_the_facilitator_ratifies_on_the_board(tmp_path: Path) -> None:
    path = tmp_path / "april.toml"
    session = later()
    people = (Participant(id="begeleider", name="Marieke", role=Role.FACILITATOR),)
    phased = {"phases": default_phases("nl"), "phase": "opening"}  # as `new --from` makes it
    update = {"participants": people, "cards": (), **phased}
    save_session(session.model_copy(update=update), path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # The opening shows the terugblik: no earlier agreements, but minutes to ratify.
        assert app.terugblik_panel.display
        panel = str(app.terugblik_panel.query_one(Static).render())
        assert "nog niet vastgesteld (procesbegeleider: T, dan v)" in panel
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TerugblikScreen)
        shown = str(app.screen.query_one("#terugblik-list").render())
        assert "Notulen van die sessie: nog niet vastgesteld" in shown
        await pilot.press("v")
        await pilot.pause()
        await pilot.press(*"Bram was er ook", "enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#terugblik-list").render())
        assert "vastgesteld op 2026-04-09 (met correcties: Bram was er ook)." in shown
        await pilot.press("escape")
        await pilot.pause()
        origin = app.board.session.origin
        assert origin is not None and origin.vastgesteld == APRIL
        await pilot.press("q")
    saved = load_session(path).origin
    assert saved is not None
    assert (saved.vastgesteld, saved.correcties) == (APRIL, "Bram was er ook")


def test_diff_and_textconv_say_it() -> None:
    said = (
        'De notulen van "Maart" van 12 maart 2026 zijn vastgesteld op 9 april 2026 '
        "(met correcties: Bram was er ook bij)."
    )
    assert changes(later(), ratified()) == [said]
    assert said in textconv(ratified())
    back = changes(ratified(), later())
    assert back == ['de notulen van de sessie "Maart" zijn niet meer vastgesteld']


async def test_live_the_relay_ratifies_and_the_plain_board_says_it(tmp_path: Path) -> None:
    """Over a real relay: the facilitator ratifies, the relay keeps it in the file, and the
    plain board (screen readers) says it in one sentence."""
    origin = Origin(title="Maart", date=MARCH)
    session = phased_session().model_copy(update={"origin": origin})
    path = session_file(tmp_path, session)
    relay = await start_relay(path)
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    try:
        async with running(ria), plain_board(relay, tmp_path) as plain:
            await plain.ready("Je zit aan tafel")
            ria.submit(RatifyMinutes(note="Jan was er ook."))
            await plain.hears('De notulen van "Maart" zijn vastgesteld, met correcties: Jan was')
            await eventually(
                lambda: (
                    ria.session is not None
                    and ria.session.origin is not None
                    and ria.session.origin.correcties == "Jan was er ook."
                ),
                10,
                "the ratification on the facilitator's board",
            )
            await plain.send("stop")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
        assert plain.count("zijn vastgesteld") == 1, plain.lines
        # The greeting said what the session starts with, and how to hear it.
        assert plain.count('Eerst stellen we de notulen van "Maart" vast.') == 1, plain.lines
    finally:
        await relay.stop()
    saved = load_session(path).origin
    assert saved is not None
    assert (saved.vastgesteld, saved.correcties) == (session.session.date, "Jan was er ook.")
