"""Closing a consent round on a live board, through Pilot: the facilitator's board does not
have the answers while people answer; closing answering brings them (to every board), the
choice opens with the counted reactions and the concerns, and only then is chosen."""

from __future__ import annotations

from pathlib import Path

from boardkit import session_file, until
from relaykit import CODE, FACILITATOR_CODE, eventually, running, start_relay
from textual.widgets import Static

from tui_board.core.model import Agreement, Session
from tui_board.core.ops import AnswerOp, DraftAgreement, Op, StartRound
from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.agreements import DecisionScreen

TWO = "two-1"
CONCERN = "Wie betaalt de regievoerder?"


def the_two(session: Session | None) -> Agreement:
    """Agreement TWO on a board (the test fails when it is not there)."""
    assert session is not None
    two = session.agreement(TWO)
    assert two is not None, TWO
    return two


async def acked(client: RelayClient, op: Op) -> None:
    client.submit(op)
    await eventually(lambda: not client.outbox, message="the relay answers")


async def test_the_choice_comes_after_the_answers(tmp_path: Path) -> None:
    live = await start_relay(session_file(tmp_path, {"rollen": ["Eén regievoerder"]}, "afspreken"))
    try:
        anna = RelayClient(live.url, CODE, name="Anna", organisation="Gemeente")
        bram = RelayClient(live.url, CODE, name="Bram", organisation="Wijkteam")
        lead = RelayClient(live.url, FACILITATOR_CODE, name="Marieke")
        await lead.probe()
        app = BoardApp(LiveBoard(lead))
        async with running(anna), running(bram), app.run_test(size=(100, 32)) as pilot:
            await until(pilot, lambda: app.connected)
            what = "Eén regievoerder per gezin"
            app.submit(DraftAgreement(agreement_id=TWO, what=what, why="Minder overdrachten"))
            app.submit(StartRound(agreement_id=TWO))
            await until(
                pilot, lambda: anna.session is not None and anna.session.agreement(TWO) is not None
            )
            await eventually(lambda: the_two(anna.session).status == "in_ronde")
            await acked(anna, AnswerOp(agreement_id=TWO, kind="werkbaar"))
            await acked(bram, AnswerOp(agreement_id=TWO, kind="bedenking", text=CONCERN))

            def two() -> Agreement:
                return the_two(app.board.session)

            await until(pilot, lambda: len(two().answers) == 2)
            assert {a.kind for a in two().answers} == {"verborgen"}, "not even the facilitator"
            (close,) = [c for c in app.agreements.commands() if c.title.startswith("Ronde sluiten")]
            close.callback()
            # The answers stand in a scroll area, mounted just after the screen itself.
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, DecisionScreen)
                    and bool(app.screen.query("#decide-answers"))
                ),
            )
            decide = app.screen
            counts = str(decide.query_one("#decide-counts", Static).render())
            assert counts.startswith("1 kan ermee werken · 1 bedenking · 0 ")
            assert f"Bram (Wijkteam): {CONCERN}" in str(
                decide.query_one("#decide-answers").render()
            )
            # Everyone sees the answers now, before the choice.
            await eventually(lambda: the_two(anna.session).status == "beraad")
            kinds = {a.kind for a in the_two(anna.session).answers}
            assert kinds == {"werkbaar", "bedenking"}
            await pilot.press("2")  # back to concept, to amend
            await eventually(lambda: the_two(anna.session).status == "concept")
            assert not isinstance(app.screen, DecisionScreen)
            assert [c.text for c in two().concerns] == [CONCERN]
            await lead.close()
    finally:
        await live.stop()
