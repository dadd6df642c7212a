"""The plain board (`join --plain`) as a real process on a real relay: what a screen reader
hears, line by line, while a normal board's client works in the same session."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pty
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from factories import DATE
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    LiveRelay,
    eventually,
    running,
    session_file,
    start_relay,
)
from test_ssh import connect, gate_beside
from tmuxkit import TUSSENRUIMTE

from tui_board.core.instruments import NORM_IDS
from tui_board.core.model import Session
from tui_board.core.ops import (
    AddCard,
    AnswerOp,
    CloseAnswers,
    CloseRound,
    CloseVoting,
    DeleteCard,
    DraftAgreement,
    Evaluate,
    GroupCards,
    MoveCard,
    Op,
    RenameCluster,
    Reveal,
    SetKind,
    SetPhase,
    SetPrivate,
    StartEvaluation,
    StartRound,
    TagReflex,
    TimerOp,
    Ungroup,
    VoteOp,
    new_id,
)
from tui_board.entrances.plain import PRESENCE_PAUSE
from tui_board.files.templates import find_template, new_session
from tui_board.live.client import RelayClient

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""What no line of the plain board may hold: ESC and every other control but newline."""


def phased_session() -> Session:
    """The method's session: four themes, seven phases, starting in the opening."""
    return new_session(
        find_template("rivierenland"),
        title="Samenwerken in Rivierenland",
        date=DATE,
        facilitator="Ria",
        organisation="Gemeente",
    )


class Plain:
    """The plain board as a subprocess: lines in on stdin, every byte out kept."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.raw = b""
        self.lines: list[str] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while chunk := await self.process.stdout.read(4096):
            self.raw += chunk
            self.lines = self.raw.decode("utf-8").splitlines()

    async def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()

    async def hears(self, text: str, timeout: float = 10.0) -> str:
        """The first line that holds `text` (waiting for it)."""

        def found() -> str | None:
            return next((line for line in self.lines if text in line), None)

        line = await eventually(found, timeout, f"the plain board to say {text!r}: {self.lines}")
        assert line is not None
        return line

    async def ready(self, greeting: str) -> str:
        """The greeting's first line, once the whole greeting is in (its last line says
        who is online): what comes after it answers what the test does."""
        first = await self.hears(greeting)
        start = self.lines.index(first)
        await eventually(
            lambda: any(line.endswith(" online.") for line in self.lines[start:]),
            10,
            f"the whole greeting: {self.lines}",
        )
        return first

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    async def answer(self, command: str) -> list[str]:
        """The lines that answer `command` (a `fase` after it marks the end)."""
        start = len(self.lines)
        await self.send(command)
        await self.send("fase")
        await eventually(
            lambda: any(line.startswith("Fase ") for line in self.lines[start:]),
            10,
            f"an answer to {command!r}",
        )
        end = next(i for i in range(start, len(self.lines)) if self.lines[i].startswith("Fase "))
        return self.lines[start:end]


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    """A real relay on the phased test session, stopped after the test."""
    live = await start_relay(session_file(tmp_path, phased_session()))
    try:
        yield live
    finally:
        await live.stop()


@contextlib.asynccontextmanager
async def plain_board(
    relay: LiveRelay,
    tmp_path: Path,
    *extra: str,
    name: str = "Fatima Yilmaz",
    org: str = "GGD",
    code: str = CODE,
) -> AsyncIterator[Plain]:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("TUSSENRUIMTE_LANG", None)
    process = await asyncio.create_subprocess_exec(
        TUSSENRUIMTE,
        "join",
        relay.url,
        "--code",
        code,
        "--name",
        name,
        "--org",
        org,
        "--no-mandate",
        "--plain",
        *extra,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
    )
    plain = Plain(process)
    try:
        yield plain
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()
        await asyncio.wait_for(plain.reader, 5)


def assert_clean(plain: Plain) -> None:
    text = plain.raw.decode("utf-8")
    assert "\x1b" not in text
    assert not CONTROL.search(text), CONTROL.findall(text)
    assert all(line.strip() for line in plain.lines), "an empty line"


async def test_a_plain_participant_and_a_board_share_cards_votes_and_a_consent_round(
    tmp_path: Path,
) -> None:
    relay = await start_relay(session_file(tmp_path, phased_session()))
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    bram = RelayClient(relay.url, CODE, name="Bram", organisation="School")
    try:
        async with (
            running(ria),
            plain_board(relay, tmp_path) as plain,
        ):
            first = await plain.ready("Je zit aan tafel")
            assert first == (
                "Je zit aan tafel in Samenwerken in Rivierenland, fase 1 van 7: Opening. "
                "Typ help voor de opdrachten."
            )
            # Not allowed now: the rules' own sentence, and nothing is sent.
            assert await plain.answer("kaart vertrouwen Elkaar vaker bellen") == [
                "Kaarten toevoegen kan pas in de fase Verzamelen."
            ]
            await plain.send("bevestig")
            await plain.hears("Je hebt de spelregels bevestigd.")
            ria.submit(SetPhase(step=1))
            await plain.hears("Fase 2 van 7: Verzamelen. Schrijf je ideeën op kaarten")

            async with running(bram):
                await plain.hears("Bram (School) is erbij gekomen. Er zijn nu 3 mensen online.")
                await plain.send("kaart vertrouwen Elkaar vaker bellen")
                await plain.hears(
                    "Je kaart 1 staat bij Vertrouwen en partnerschap: Elkaar vaker bellen"
                )
                assert bram.session is not None
                mine = await eventually(
                    lambda: (
                        next((c for c in bram.session.cards if c.text.startswith("Elkaar")), None)
                        if bram.session
                        else None
                    )
                )
                assert mine is not None
                bram.submit(AddCard(card_id=new_id("k"), theme="rollen", text="Wie belt wie?"))
                await plain.hears(
                    "Nieuwe kaart 2 van Bram (School) bij Rollen, verantwoordelijkheden en "
                    "gelijkwaardigheid: Wie belt wie?"
                )
                await plain.send("wijzig 1 Elkaar elke week bellen")
                await plain.hears("Kaart 1 gewijzigd: Elkaar elke week bellen")
                await eventually(
                    lambda: (
                        bram.session is not None
                        and any(c.text == "Elkaar elke week bellen" for c in bram.session.cards)
                    )
                )

                # Dots: the plain participant and the board vote, the round closes.
                ria.submit(SetPhase(phase="prioriteren"))
                await plain.hears("Fase 5 van 7: Prioriteren.")
                await plain.send("stip 2")
                await plain.hears("Je hebt nu 1 stip op kaart 2; je hebt er nog 2 over.")
                bram.submit(VoteOp(card_id=mine.id, delta=1))
                await plain.hears("Er hebben nu 2 mensen gestemd.")
                ria.submit(CloseVoting())
                await plain.hears("De stemronde is gesloten.")
                await plain.hears("Kaart 1: 1 stip. Elkaar elke week bellen")
                await plain.hears("Kaart 2: 1 stip. Wie belt wie?")
                await eventually(
                    lambda: (
                        bram.session is not None
                        and any(v.card != mine.id for v in bram.session.votes)
                    )
                )

                # A consent round: both answer, the round closes, everyone sees the answers.
                ria.submit(SetPhase(phase="afspreken"))
                await plain.hears("Fase 6 van 7: Afspreken.")
                ria.submit(
                    DraftAgreement(agreement_id="a1", what="Elke week bellen.", why="Korte lijnen.")
                )
                await plain.hears(
                    "Nieuwe conceptafspraak 1: Elke week bellen. Waarom: Korte lijnen."
                )
                assert await plain.answer("reactie werkbaar") == [
                    "Er loopt nu geen ronde over een afspraak."
                ]
                ria.submit(StartRound(agreement_id="a1"))
                await plain.hears("De ronde over afspraak 1 is begonnen: Elke week bellen.")
                await plain.send("reactie werkbaar")
                await plain.hears("Je reactie op afspraak 1 is ontvangen: werkbaar.")
                bram.submit(AnswerOp(agreement_id="a1", kind="bedenking", text="Te vaak?"))
                await plain.hears("Op afspraak 1 zijn nu 2 reacties.")
                ria.submit(CloseAnswers(agreement_id="a1"))
                await plain.hears("Het reageren op afspraak 1 is gesloten")
                await plain.hears(
                    "Reacties: werkbaar 1, bedenking 1, achterban 0. Bedenkingen: Te vaak?"
                )
                ria.submit(CloseRound(agreement_id="a1", outcome="aangenomen"))
                await plain.hears("De ronde is gesloten: afspraak 1 is aangenomen.")

                def plain_answer() -> str:
                    assert bram.session is not None
                    agreement = bram.session.agreement("a1")
                    kinds = [a.kind for a in agreement.answers] if agreement else []
                    return "werkbaar" if "werkbaar" in kinds else ""

                await eventually(plain_answer, message="the board sees the plain answer")

            await plain.hears("Bram (School) is weggegaan. Er zijn nu 2 mensen online.")
            await plain.send("stop")
            await plain.hears("Je hebt het bord verlaten.")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
        # Every change was said once, and nothing but clean text was written.
        for sentence in (
            "Je kaart 1 staat bij",
            "Nieuwe kaart 2 van Bram",
            "Kaart 1 gewijzigd",
            "Fase 2 van 7",
            "Fase 5 van 7",
            "Je hebt nu 1 stip op kaart 2",
            "De stemronde is gesloten.",
            "De ronde over afspraak 1 is begonnen",
            "Je reactie op afspraak 1",
            "Op afspraak 1 zijn nu 2 reacties.",
            "afspraak 1 is aangenomen",
            "Het reageren op afspraak 1 is gesloten",
            "Reacties: werkbaar 1",
            "Bram (School) is erbij gekomen",
        ):
            assert plain.count(sentence) == 1, (sentence, plain.lines)
        assert_clean(plain)
    finally:
        await relay.stop()


async def test_bad_commands_get_one_sentence_and_change_nothing(
    tmp_path: Path, relay: LiveRelay
) -> None:
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    async with running(ria), plain_board(relay, tmp_path) as plain:
        await plain.ready("Je zit aan tafel")
        ria.submit(SetPhase(phase="verzamelen"))
        await plain.hears("Fase 2 van 7")
        ria.submit(AddCard(card_id="kria", theme="doelen", text="Van Ria"))
        await plain.hears("Nieuwe kaart 1 van Ria (Gemeente)")
        answers = {
            "zing": "De opdracht zing ken ik niet. Typ help voor de opdrachten.",
            "kaart en Iets": (
                "Welk thema bedoel je: 1 Rollen, verantwoordelijkheden en "
                "gelijkwaardigheid; 2 Samen leren en verbeteren of 3 Vertrouwen en "
                "partnerschap? Typ het nummer."
            ),
            "kaart 9 Iets": "Thema 9 bestaat niet; er zijn 4 thema's.",
            "kaart planeet Iets": (
                "Geen thema heet planeet. De thema's: 1 Rollen, verantwoordelijkheden en "
                "gelijkwaardigheid; 2 Samen leren en verbeteren; 3 Vertrouwen en "
                "partnerschap; 4 Gezamenlijke maatschappelijke doelen."
            ),
            "wijzig 1 Anders": "Je kunt alleen je eigen kaarten wijzigen.",
            "weg 7": "Er is geen kaart 7. Typ lijst om de nummers te horen.",
            "stip 1": "Stemmen kan pas in de fase Prioriteren.",
            "reactie werkbaar": "Er loopt nu geen ronde over een afspraak.",
            "evaluatie": "Evalueren kan pas in de fase Afsluiten.",
            "volgende fase": "Dat kan alleen de procesbegeleider; vraag het aan tafel.",
            "timer vijf": ("Typ timer en het aantal minuten, bijvoorbeeld timer 5, of timer stop."),
        }
        for command, expected in answers.items():
            assert await plain.answer(command) == [expected], command
        # A byte that is no UTF-8 (a terminal in another encoding) ends nothing.
        assert plain.process.stdin is not None
        plain.process.stdin.write(b"\xff\xfe\n")
        assert await plain.answer("") == [
            "De opdracht \ufffd\ufffd ken ik niet. Typ help voor de opdrachten."
        ]
        # Nothing changed on the relay: still Ria's one card, in the same phase.
        session = relay.room.session
        assert [c.text for c in session.cards] == ["Van Ria"]
        assert session.phase == "verzamelen"
        await plain.send("stop")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert_clean(plain)


async def test_hidden_cards_are_counted_not_shown_until_the_reveal(
    tmp_path: Path, relay: LiveRelay
) -> None:
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    async with running(ria), plain_board(relay, tmp_path) as plain:
        await plain.ready("Je zit aan tafel")
        ria.submit(SetPhase(phase="verzamelen"))
        ria.submit(SetPrivate(on=True))
        await plain.hears("Privé schrijven staat aan")
        ria.submit(AddCard(card_id="kgeheim", theme="doelen", text="Geheim plan"))
        await plain.hears("Er wacht 1 verborgen kaart tot hij onthuld wordt.")
        await plain.send("kaart doelen Mijn eigen plan")
        await plain.hears(
            "Je kaart 1 staat bij Gezamenlijke maatschappelijke doelen, verborgen tot de "
            "onthulling: Mijn eigen plan"
        )
        await plain.hears("Er wachten 2 verborgen kaarten")
        assert not any("Geheim" in line for line in plain.lines)
        ria.submit(TimerOp(action="start", seconds=1))
        await plain.hears("De tijd is om.")
        ria.submit(Reveal())
        await plain.hears(
            "Nieuwe kaart 2 van Ria (Gemeente) bij Gezamenlijke "
            "maatschappelijke doelen: Geheim plan"
        )
        await plain.hears("Kaart 1 is onthuld: Mijn eigen plan")
        await plain.hears("Er wachten geen verborgen kaarten meer.")
        await plain.send("stop")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert plain.count("De tijd is om.") == 1
    assert plain.count("Geheim plan") == 1
    assert_clean(plain)


async def test_the_plain_board_speaks_english_with_lang_en(
    tmp_path: Path, relay: LiveRelay
) -> None:
    async with plain_board(relay, tmp_path, "--lang", "en") as plain:
        line = await plain.ready("You are at the table")
        assert line == (
            "You are at the table in Samenwerken in Rivierenland, phase 1 of 7: Opening. "
            "Type help for the commands."
        )
        await plain.send("card 3 Something")
        await plain.hears("Adding cards is possible in the phase Verzamelen.")
        await plain.send("sing")
        await plain.hears("I do not know the command sing. Type help for the commands.")
        await plain.send("help")
        await plain.hears("list or l: every card with its number")
        await plain.hears("In another phase you can do more; then type help again.")
        assert not any(line.startswith("card or c") for line in plain.lines)  # not yet
        await plain.send("quit")
        await plain.hears("You have left the board. Goodbye.")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert not any(re.search(r"\b(kaart|Typ|fase)\b", line) for line in plain.lines)
    assert_clean(plain)


async def test_through_a_pty_a_screen_reader_gets_plain_lines(tmp_path: Path) -> None:
    """On a terminal (a pty): the same sentences, and never an escape sequence."""
    relay = await start_relay(session_file(tmp_path, phased_session()))
    master, slave = pty.openpty()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "TERM": "xterm-256color"}
    process = await asyncio.create_subprocess_exec(
        TUSSENRUIMTE,
        "join",
        relay.url,
        "--code",
        CODE,
        "--name",
        "Anna",
        "--org",
        "GGD",
        "--no-mandate",
        "--plain",
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    received = bytearray()
    loop = asyncio.get_running_loop()

    def readable() -> None:
        with contextlib.suppress(OSError):
            received.extend(os.read(master, 4096))

    loop.add_reader(master, readable)
    try:
        await eventually(lambda: b"Typ help voor de opdrachten." in received, 10)
        os.write(master, b"help\n")
        await eventually(lambda: b"stop: het bord verlaten." in received, 10)
        os.write(master, b"stop\n")
        assert await asyncio.wait_for(process.wait(), 10) == 0
        await eventually(lambda: b"Tot ziens." in received, 5)
    finally:
        loop.remove_reader(master)
        os.close(master)
        if process.returncode is None:
            process.kill()
            await process.wait()
        await relay.stop()
    text = received.decode("utf-8").replace("\r\n", "\n")  # the terminal's own line ends
    assert "\x1b" not in text
    assert not CONTROL.search(text), CONTROL.findall(text)


@pytest.mark.parametrize("command", ["kaart", "kaart vertrouwen", "stip", "wijzig 1", "reactie"])
async def test_a_command_without_its_words_says_how(tmp_path: Path, command: str) -> None:
    relay = await start_relay(session_file(tmp_path, phased_session()))
    try:
        async with plain_board(relay, tmp_path) as plain:
            await plain.ready("Je zit aan tafel")
            lines = await plain.answer(command)
            assert len(lines) == 1, lines
            assert lines[0].startswith(("Typ ", "Er is", "Er loopt")), lines
            await plain.send("stop")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    finally:
        await relay.stop()


@pytest.mark.parametrize(("user", "greeting"), [("tekst", "Je zit aan tafel"), ("text", "You are")])
async def test_over_ssh_a_plain_user_name_starts_the_plain_board(
    tmp_path: Path, user: str, greeting: str
) -> None:
    async with gate_beside(tmp_path) as (live, gate):
        conn = await connect(gate.port, username=user)
        process = await conn.create_process(
            term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        received = bytearray()

        async def read() -> None:
            while data := await process.stdout.read(65536):
                received.extend(data)

        reader = asyncio.create_task(read())
        try:
            await eventually(lambda: b": " in received, 20, "the name prompt")
            process.stdin.write(b"Sanne\r")
            await eventually(lambda: received.count(b": ") >= 2, 10, "the organisation prompt")
            process.stdin.write(b"Wijkteam\r")
            await eventually(lambda: b"(j/n" in received or b"(y/n" in received, 10)
            process.stdin.write(b"\r")
            await eventually(lambda: greeting.encode() in received, 20, "the plain greeting")
            await eventually(lambda: any(p.name == "Sanne" for p in live.room.session.participants))
            process.stdin.write(b"stop\r")
            await asyncio.wait_for(reader, 20)
        finally:
            conn.close()
            reader.cancel()
        text = received.decode("utf-8").replace("\r\n", "\n")
        assert "\x1b" not in text
        assert not CONTROL.search(text), CONTROL.findall(text)


async def test_the_evaluation_is_asked_one_score_per_line(tmp_path: Path) -> None:
    session = phased_session().model_copy(update={"evaluation_minimum": 3})
    relay = await start_relay(session_file(tmp_path, session))
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    bram = RelayClient(relay.url, CODE, name="Bram", organisation="School")
    anna = RelayClient(relay.url, CODE, name="Anna", organisation="Wijkteam")
    try:
        async with (
            running(ria),
            running(bram),
            running(anna),
            plain_board(relay, tmp_path) as plain,
        ):
            await plain.ready("Je zit aan tafel")
            ria.submit(SetPhase(phase="afsluiten"))
            await plain.hears("Fase 7 van 7: Afsluiten.")
            assert await plain.answer("evaluatie") == ["Er loopt nu geen evaluatie."]
            ria.submit(StartEvaluation())
            await plain.hears("De evaluatie is begonnen. Typ evaluatie om mee te doen.")
            await plain.send("evaluatie")
            await plain.hears("Vraag 1 van 9: Afspraken nakomen. Je cijfer van 1 tot 5?")
            await plain.send("6")
            await plain.hears("Typ een cijfer van 1 tot 5, of stop.")
            for number, score in enumerate("543214321", 1):
                await plain.send(score)
                if number < 9:
                    await plain.hears(f"Vraag {number + 1} van 9:")
            await plain.hears("Tot slot: wat neem je mee?")
            await plain.send("Goed gesprek")
            await plain.hears("Je evaluatie is ontvangen. Dank je wel.")
            evaluation = relay.room.session.evaluation
            assert evaluation is not None
            assert (evaluation.count, evaluation.lines) == (1, ("Goed gesprek",))
            assert evaluation.scores["afspraken"] == (0, 0, 0, 0, 1)
            assert evaluation.scores["luisteren"] == (1, 0, 0, 0, 0)
            assert await plain.answer("evaluatie") == ["Je hebt de evaluatie al ingevuld."]
            # Two more answers on the board's side, then the figures when it closes.
            for client in (bram, anna):
                client.submit(Evaluate(scores=dict.fromkeys(NORM_IDS, 3), line="Meer tijd"))
            await plain.hears("3 mensen hebben de evaluatie ingevuld.")
            ria.submit(StartEvaluation(close=True))
            await plain.hears("De evaluatie is gesloten.")
            await plain.hears("De uitkomst, gemiddeld op een schaal van 1 tot 5:")
            await plain.hears("Afspraken nakomen: 3,7.")
            await plain.hears("Kunnen luisteren naar elkaar: 2,3.")
            await plain.hears("Wat we meenemen: Goed gesprek; Meer tijd; Meer tijd.")
            await plain.send("stop")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
        assert plain.count("Vraag 1 van 9") == 1
        assert_clean(plain)
    finally:
        await relay.stop()


async def test_the_facilitator_leads_from_the_plain_board(tmp_path: Path, relay: LiveRelay) -> None:
    cor = RelayClient(relay.url, FACILITATOR_CODE, name="Cor")
    bram = RelayClient(relay.url, CODE, name="Bram", organisation="School")
    async with (
        running(cor),
        running(bram),
        plain_board(relay, tmp_path, name="Ria", org="Gemeente", code=FACILITATOR_CODE) as plain,
    ):
        await plain.ready("Je zit aan tafel")
        await plain.send("help leiden")
        await plain.hears("Als procesbegeleider: volgende fase, vorige fase")
        await plain.send("volgende fase")
        await plain.hears("Fase 2 van 7: Verzamelen.")
        await plain.send("vorige fase")
        await plain.hears("Fase 1 van 7: Opening.")
        await plain.send("volgende fase")
        await eventually(lambda: plain.count("Fase 2 van 7") == 2)
        await plain.send("timer 5")
        await plain.hears("De timer loopt: nog 5 minuten.")
        assert relay.room.session.timer is not None
        assert relay.room.session.timer.duration == 300
        await plain.send("privé aan")
        await plain.hears("Privé schrijven staat aan")
        bram.submit(AddCard(card_id="kbram", theme="doelen", text="Samen een doel"))
        await plain.hears("Er wacht 1 verborgen kaart")
        await plain.send("onthul")
        await plain.hears(
            "Nieuwe kaart 1 van Bram (School) bij Gezamenlijke maatschappelijke doelen: "
            "Samen een doel"
        )
        await plain.send("spot 1")
        await plain.hears("In de schijnwerper: kaart 1 van Bram (School): Samen een doel")
        assert relay.room.session.spotlight == "kbram"
        await plain.send("spot uit")
        await plain.hears("De schijnwerper is uit.")
        await plain.send("timer stop")
        await plain.hears("De timer is gestopt.")

        # Votes and a consent round, led from the plain board.
        await plain.send("stemmen sluiten")
        await plain.hears("De stemronde is gesloten.")
        await plain.hears("Er zijn geen stippen gegeven.")
        await plain.send("stemmen open")
        await plain.hears("De stemronde is weer open.")
        assert await plain.answer("wie")  # all that came with reopening is in
        assert plain.count("Er zijn geen stippen gegeven.") == 1
        assert await plain.answer("afspraak Elke week bellen") == [
            "Typ afspraak, wat we afspreken, dan het woord waarom en de reden."
        ]
        await plain.send("afspraak Elke week bellen waarom Korte lijnen")
        await plain.hears("Nieuwe conceptafspraak 1: Elke week bellen. Waarom: Korte lijnen")
        await plain.send("ronde 1")
        await plain.hears("De ronde over afspraak 1 is begonnen: Elke week bellen.")
        [agreement] = relay.room.session.agreements
        cor.submit(SetPhase(phase="afspreken"))
        await plain.hears("Fase 6 van 7: Afspreken.")
        bram.submit(AnswerOp(agreement_id=agreement.id, kind="achterban"))
        await plain.hears("Op afspraak 1 is nu 1 reactie.")
        await plain.send("ronde 1 geparkeerd")  # not yet: the relay says why
        await plain.hears("Sluit eerst het reageren: dan ziet iedereen de reacties")
        await plain.send("ronde 1 sluiten")
        await plain.hears("Het reageren op afspraak 1 is gesloten")
        await plain.hears("Reacties: werkbaar 0, bedenking 0, achterban 1.")
        await plain.send("ronde 1 geparkeerd")
        await plain.hears("Afspraak 1 is geparkeerd.")
        await plain.send("evaluatie start")
        await plain.hears("De evaluatie is begonnen.")
        await plain.send("evaluatie sluiten")
        await plain.hears("De evaluatie is gesloten.")
        await plain.send("stop")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert plain.count("Samen een doel") == 2  # once new, once in the spotlight
    assert_clean(plain)


async def test_a_session_that_stops_is_said_once_and_the_board_ends(
    tmp_path: Path, relay: LiveRelay
) -> None:
    async with plain_board(relay, tmp_path) as plain:
        await plain.ready("Je zit aan tafel")
        await relay.stop()
        await plain.hears("De sessie is gestopt.")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert plain.count("De verbinding is weg") == 0, plain.lines
    assert_clean(plain)


async def test_after_a_relay_restart_the_plain_board_goes_on(
    tmp_path: Path, relay: LiveRelay
) -> None:
    async with plain_board(relay, tmp_path) as plain:
        await plain.ready("Je zit aan tafel")
        await relay.restart()
        ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
        async with running(ria):
            ria.submit(AddCard(card_id="kna", theme="doelen", text="Na de herstart"))
            await plain.hears("Nieuwe kaart 1 van Ria (Gemeente) bij")
        await plain.send("stop")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    # A drop is said at most once, and then also that the connection is back.
    dropped = plain.count("De verbinding is weg")
    assert dropped <= 1
    assert plain.count("De verbinding is er weer.") == dropped
    assert_clean(plain)


async def test_after_a_relay_restart_who_comes_back_a_little_later_has_not_left(
    tmp_path: Path, relay: LiveRelay
) -> None:
    # After a restart everyone comes back within a few seconds, each on its own backoff.
    # Who is back two seconds after this board was not said to have gone and come again.
    bram = RelayClient(relay.url, CODE, name="Bram", organisation="School")
    async with plain_board(relay, tmp_path) as plain:
        await plain.ready("Je zit aan tafel")
        async with running(bram):
            await plain.hears("Bram (School) is erbij gekomen.")
        token = bram.token
        await relay.restart()
        await eventually(lambda: len(relay.room.online()) == 1, 15, "the plain board back")
        await asyncio.sleep(2 * PRESENCE_PAUSE)  # Bram's board takes a little longer
        again = RelayClient(relay.url, CODE, token=token)
        async with running(again):
            await eventually(lambda: len(relay.room.online()) == 2, 10, "Bram back")
            await plain.send("stop")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert plain.count("Bram (School) is weggegaan") == 0, plain.lines
    assert plain.count("Bram (School) is erbij gekomen") == 1, plain.lines
    assert_clean(plain)


async def test_the_plain_board_never_loads_textual(tmp_path: Path, relay: LiveRelay) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-X", "importtime", "-m", "tui_board", "join", relay.url,
        "--code", CODE, "--name", "Anna", "--org", "GGD", "--no-mandate", "--plain",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(b"wie\nstop\n"), 30)
    assert process.returncode == 0
    assert "Alleen jij bent online." in out.decode()
    imported = err.decode()
    assert "tui_board.entrances.plain" in imported  # the check sees what was loaded
    assert "textual" not in imported and "rich" not in imported


async def test_a_plain_view_watches_and_changes_nothing(tmp_path: Path, relay: LiveRelay) -> None:
    bram = RelayClient(relay.url, CODE, name="Bram", organisation="School")
    async with plain_board(relay, tmp_path, "--view") as plain:
        await plain.ready("Je kijkt mee in Samenwerken in Rivierenland, fase 1 van 7")
        assert plain.lines[-1] == "Er zijn nu 0 mensen online."
        async with running(bram):
            await plain.hears("Bram (School) is erbij gekomen. Er is nu 1 persoon online.")
            assert await plain.answer("wie") == ["Er is 1 persoon online: Bram (School)."]
            assert await plain.answer("kaart 1 Hallo") == [
                "Je kijkt mee als waarnemer: je kunt niets veranderen."
            ]
        await plain.send("stop")
        assert await asyncio.wait_for(plain.process.wait(), 10) == 0
    assert not relay.room.session.cards
    assert_clean(plain)


async def test_what_others_do_on_the_board_is_said_once_each(tmp_path: Path) -> None:
    """Moving, grouping, marking and removing cards on the normal board: one sentence each."""
    relay = await start_relay(session_file(tmp_path, phased_session()))
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    try:
        async with running(ria), plain_board(relay, tmp_path) as plain:
            await plain.ready("Je zit aan tafel")
            ria.submit(AddCard(card_id="ka", theme="rollen", text="Eerste"))
            ria.submit(AddCard(card_id="kb", theme="rollen", text="Tweede"))
            ria.submit(AddCard(card_id="kc", theme="rollen", text="Derde"))
            await plain.hears("Nieuwe kaart 3 van Ria (Gemeente)")
            steps: list[tuple[Op, str]] = [
                (MoveCard(card_id="ka", theme="doelen"), "Kaart 1 staat nu bij Gezamenlijke"),
                (SetKind(card_id="kb", kind="probleem"), "Kaart 2 is nu een probleem."),
                (TagReflex(card_id="kb", reflex="inzicht"), "Bij kaart 2 staat nu de reflex"),
                (
                    GroupCards(cluster_id="cl1", title="Samen", cards=("kb", "kc")),
                    "Nieuw cluster bij Rollen, verantwoordelijkheden en gelijkwaardigheid: Samen.",
                ),
                (RenameCluster(cluster_id="cl1", title="Samen op"), "Het cluster Samen heet nu"),
                (Ungroup(cluster_id="cl1"), "Het cluster Samen op is opgeheven."),
                (DeleteCard(card_id="ka"), "Kaart 1 is weggehaald."),
            ]
            for op, sentence in steps:
                ria.submit(op)
                await plain.hears(sentence)
            await plain.hears("Kaart 3 hoort niet meer bij een cluster.")
            # A card with lines, and with what a terminal would obey: one clean line.
            ria.submit(
                AddCard(
                    card_id="kd",
                    theme="leren",
                    text="Eerste regel\ntweede regel \x1b]0;titel\x07\x1b[31mrood\x9b2J",
                )
            )
            line = await plain.hears("Nieuwe kaart 4 van Ria (Gemeente) bij Samen leren")
            assert line.split(": ", 1)[1].startswith("Eerste regel; tweede regel ")
            await plain.send("stop")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
        for _, sentence in steps:
            assert plain.count(sentence) == 1, (sentence, plain.lines)
        for grouped in (
            "Kaart 2 hoort nu bij het cluster Samen.",
            "Kaart 3 hoort nu bij het cluster",
        ):
            assert plain.count(grouped) == 1, plain.lines
        assert plain.count("hoort niet meer bij een cluster.") == 2
        assert_clean(plain)
    finally:
        await relay.stop()


async def test_a_plain_participant_marks_problems_answers_them_moves_and_says_its_mandate(
    tmp_path: Path,
) -> None:
    relay = await start_relay(session_file(tmp_path, phased_session()))
    ria = RelayClient(relay.url, FACILITATOR_CODE, name="Ria")
    try:
        async with running(ria), plain_board(relay, tmp_path) as plain:
            await plain.ready("Je zit aan tafel")
            ria.submit(SetPhase(phase="verzamelen"))
            await plain.hears("Fase 2 van 7")
            await plain.send("kaart rollen Te weinig tijd")
            await plain.hears("Je kaart 1 staat bij Rollen")
            await plain.send("probleem 1")
            await plain.hears("Kaart 1 is nu een probleem.")
            await plain.send("voorstel 1 Een uur per week vrij")
            await plain.hears(
                "Je kaart 2 staat bij Rollen, verantwoordelijkheden en "
                "gelijkwaardigheid: Een uur per week vrij"
            )
            await plain.hears("Kaart 2 is een voorstel bij het probleem op kaart 1.")
            await plain.send("verplaats 2 doelen")
            await plain.hears("Kaart 2 staat nu bij Gezamenlijke maatschappelijke doelen.")
            await plain.send("gewoon 2")
            await plain.hears("Kaart 2 is geen probleem of voorstel meer.")
            await plain.send("mandaat ja")
            await plain.hears("Je hebt nu mandaat om namens je organisatie afspraken te maken.")
            assert await plain.answer("mandaat misschien") == ["Typ mandaat ja of mandaat nee."]
            assert await plain.answer("verplaats 2") == [
                "Typ verplaats, het nummer van de kaart en het thema."
            ]
            await plain.send("stop")
            assert await asyncio.wait_for(plain.process.wait(), 10) == 0
        session = relay.room.session
        kinds = {c.text: (c.kind, c.theme) for c in session.cards}
        assert kinds == {
            "Te weinig tijd": ("probleem", "rollen"),
            "Een uur per week vrij": ("", "doelen"),
        }
        me = next(p for p in session.participants if p.name == "Fatima Yilmaz")
        assert me.mandate is True
        assert_clean(plain)
    finally:
        await relay.stop()


async def test_the_plain_facilitator_lets_people_in_from_the_lobby(tmp_path: Path) -> None:
    """With a lobby, the plain board tells the facilitator who waits and how to let them
    in (once); a number that is not in the list is said so; `binnen 1` lets the first in."""
    from relaykit import knock

    from tui_board.live.protocol import SERVER_MESSAGE, Hello, Welcome

    session = phased_session()
    session = session.model_copy(
        update={"session": session.session.model_copy(update={"lobby": True})}
    )
    relay = await start_relay(session_file(tmp_path, session))
    try:
        async with plain_board(relay, tmp_path, name="Ria", code=FACILITATOR_CODE) as plain:
            await plain.ready("Je zit aan tafel")
            noor = await knock(relay.url, Hello(code=CODE, name="Noor", organisation="GGD"))
            await plain.hears("Noor (GGD) wacht om binnen te komen (nummer 1). Typ binnen 1")
            await plain.send("binnen 7")
            await plain.hears("Welk nummer? Er wacht er 1")
            await plain.send("binnen 1")
            await plain.hears("Je laat Noor (GGD) binnen.")

            async def welcomed() -> bool:
                message = SERVER_MESSAGE.validate_json(await noor.ws.recv())
                return isinstance(message, Welcome)

            assert await asyncio.wait_for(_first_true(welcomed), 10)
            await noor.close()
            assert (
                plain.lines.count(
                    "Noor (GGD) wacht om binnen te komen (nummer 1). Typ binnen 1 of weiger 1."
                )
                == 1
            )
    finally:
        await relay.stop()


async def _first_true(check: Callable[[], Awaitable[bool]]) -> bool:
    while not await check():
        pass
    return True
