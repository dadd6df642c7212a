"""The plain board's commands for everything the board offers: clusters, the order within a
theme, reflexes, an agreement's owners, date and legs, the terugblik, the minutes, the
principles, the dots and the roles. In process against a real relay on port 0: each
`PlainBoard` has its own real `RelayClient`; what it writes is what a screen reader hears."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import get_args

import pytest
from factories import DATE
from relaykit import CODE, FACILITATOR_CODE, LiveRelay, eventually, start_relay
from relaykit import session_file as write_session
from test_plain import CONTROL, phased_session

from tui_board.core.model import Origin, Review, Role, Session
from tui_board.core.ops import RECORDING_OPS, AnyOp, Join, SetPhase
from tui_board.entrances.plain import COMMAND_OPS, COMMANDS, PlainBoard
from tui_board.live.client import RelayClient
from tui_board.tui.offers import ACTION_OPS


class Ear:
    """One plain board on its own client: every line it wrote, and a way to wait for one."""

    def __init__(self, board: PlainBoard, lines: list[str]) -> None:
        self.board = board
        self.lines = lines

    async def hears(self, text: str, timeout: float = 10.0) -> str:
        def found() -> str | None:
            return next((line for line in self.lines if text in line), None)

        line = await eventually(found, timeout, f"{text!r} in {self.lines}")
        assert line is not None
        return line

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    async def answer(self, command: str) -> list[str]:
        """What the board says to `command`: at once, or once the relay has answered it
        (the relay sends an op's events before it acknowledges the op)."""
        start = len(self.lines)
        self.board.handle(command)
        await self.round_trip()
        return self.lines[start:]

    async def round_trip(self) -> None:
        """Wait until the relay has answered everything this board sent so far."""
        client = self.board.client
        await eventually(lambda: not client.outbox, 10, "the relay to answer every op")


@contextlib.asynccontextmanager
async def plain_in(
    relay: LiveRelay, name: str, org: str = "", code: str = CODE, view: bool = False
) -> AsyncIterator[Ear]:
    client = RelayClient(relay.url, code, name=name, organisation=org, mandate=False, view=view)
    await client.probe()
    lines: list[str] = []
    board = PlainBoard(client, lines.append)
    task = asyncio.create_task(client.run(board))
    try:
        await eventually(lambda: any(line.endswith(" online.") for line in lines), 10, "greeting")
        yield Ear(board, lines)
    finally:
        board.stopped = True
        await client.close()
        await asyncio.wait_for(task, 10)
    for line in lines:
        assert "\x1b" not in line and not CONTROL.search(line), line
        assert line.strip(), "an empty line"


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    live = await start_relay(write_session(tmp_path, phased_session()))
    try:
        yield live
    finally:
        await live.stop()


def test_every_op_the_board_offers_has_a_plain_command() -> None:
    """A new op behind a board key fails here until the plain board has a command for it."""
    made = {kind for kinds in COMMAND_OPS.values() for kind in kinds}
    missing = {kind.__name__ for kind in ACTION_OPS.values()} - {k.__name__ for k in made}
    assert not missing, f"ops the board offers with no plain command: {sorted(missing)}"
    for command in COMMAND_OPS:
        assert command in COMMANDS and hasattr(PlainBoard, f"_do_{command}"), command


def test_every_op_a_person_can_make_live_has_a_plain_command() -> None:
    """Beyond the board's keys: its palette's ops too (all but joining and what only the
    notulist records afterwards on the offline board)."""
    made = {kind for kinds in COMMAND_OPS.values() for kind in kinds}
    live = set(get_args(AnyOp)) - {Join, *RECORDING_OPS}
    missing = sorted(kind.__name__ for kind in live - made)
    assert not missing, f"ops with no plain command: {missing}"


def test_every_command_has_one_meaning_for_each_word() -> None:
    words = [word for words in COMMANDS.values() for word in words]
    assert len(words) == len(set(words)), sorted(w for w in words if words.count(w) > 1)


async def cards(ria: Ear, *texts: str, phase: str = "ordenen") -> None:
    """Cards by the facilitator, then the phase; every plain board numbers them 1, 2, 3…"""
    for text in texts:
        ria.board.handle(f"kaart rollen {text}")
    ria.board.client.submit(SetPhase(phase=phase))
    await ria.round_trip()


async def test_clusters_from_the_plain_board(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        await cards(ria, "Te weinig tijd", "Geen overleg", "Wie doet wat")
        await fatima.hears("Nieuwe kaart 3 van Ria")
        # A participant may not group: the same command proposes it to the facilitator.
        assert await fatima.answer("ontgroep 1") == [
            "Alleen de procesbegeleider en de tweede procesbegeleider maken clusters. Stel er "
            "een voor: cluster, de nummers van de kaarten en een titel."
        ]
        assert await fatima.answer("groep 1 2 Tijd") == [
            "Je voorstel voor een cluster is naar de procesbegeleider gestuurd."
        ]
        await ria.hears(
            "Fatima (GGD) stelt een cluster voor: Tijd, met de kaarten 1 en 2. Typ cluster 1 2 "
            "Tijd om het te maken."
        )
        assert await ria.answer("cl 1") == [
            "Een cluster heeft minstens twee kaarten: typ cluster en twee of meer nummers."
        ]
        answer = await ria.answer("cluster 1 2 Tijd")
        assert answer == [
            "Nieuw cluster bij Rollen, verantwoordelijkheden en gelijkwaardigheid: Tijd.",
            "Kaart 1 hoort nu bij het cluster Tijd.",
            "Kaart 2 hoort nu bij het cluster Tijd.",
        ]
        await fatima.hears("Kaart 2 hoort nu bij het cluster Tijd.")
        assert await ria.answer("groep 1 3") == ["Kaart 3 hoort nu bij het cluster Tijd."]
        assert await ria.answer("hernoem 3 Tijd en taken") == [
            "Het cluster Tijd heet nu Tijd en taken."
        ]
        listing = await fatima.answer("lijst rollen")
        assert "Kaart 3 van Ria (Gemeente): Wie doet wat (cluster Tijd en taken)" in listing
        assert await ria.answer("ontgroep 9") == [
            "Er is geen kaart 9. Typ lijst om de nummers te horen."
        ]
        await ria.answer("ontgroep 2")
        await fatima.hears("Het cluster Tijd en taken is opgeheven.")
        assert await ria.answer("hernoem 2 Iets") == ["Kaart 2 hoort niet bij een cluster."]
        await fatima.round_trip()
        await ria.round_trip()
        session = relay.room.session
        assert not session.clusters and not any(card.cluster for card in session.cards)
    for ear in (ria, fatima):  # every change once on every board
        for said in ("Nieuw cluster bij", "Kaart 3 hoort nu bij", "heet nu Tijd en taken"):
            assert ear.count(said) == 1, (said, ear.lines)
        assert ear.count("hoort niet meer bij een cluster") == 3, ear.lines
    assert fatima.count("stelt een cluster voor") == 0  # only the facilitator hears it
    assert ria.count("stelt een cluster voor") == 1


async def test_the_order_within_a_theme(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        await cards(ria, "Eerste", "Tweede", phase="opening")
        assert await fatima.answer("omhoog 2") == [
            "Kaarten verplaatsen kan pas in de fase Verzamelen."
        ]
        ria.board.handle("volgende fase")
        await fatima.hears("Fase 2 van 7: Verzamelen.")
        fatima.board.handle("kaart rollen Derde")
        await ria.hears("Nieuwe kaart 3 van Fatima (GGD)")
        assert await fatima.answer("omhoog 3") == [
            "Kaart 3 staat nu op plek 2 van 3 bij Rollen, verantwoordelijkheden en "
            "gelijkwaardigheid."
        ]
        await ria.hears("Kaart 3 staat nu op plek 2 van 3")
        await fatima.answer("oh 3")
        await ria.hears("Kaart 3 staat nu op plek 1 van 3")
        assert await fatima.answer("up 3") == ["Kaart 3 staat al bovenaan in zijn thema."]
        assert await fatima.answer("omlaag 1") == ["Je kunt alleen je eigen kaarten wijzigen."]
        assert await ria.answer("omlaag 1") == [
            "Kaart 1 staat nu op plek 3 van 3 bij Rollen, verantwoordelijkheden en "
            "gelijkwaardigheid."
        ]
        assert await ria.answer("omlaag 1") == ["Kaart 1 staat al onderaan in zijn thema."]
        await fatima.hears("Kaart 1 staat nu op plek 3 van 3")
        order = [card.text for card in relay.room.session.cards_in("rollen")]
        assert order == ["Derde", "Tweede", "Eerste"]
    for ear in (ria, fatima):
        assert ear.count("staat nu op plek") == 3, ear.lines


async def test_reflexes_on_cards(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        await cards(ria, "Harder rennen")
        assert await fatima.answer("reflex 1 crisis") == [
            "Alleen de procesbegeleider en de tweede procesbegeleider hangen een reflex aan "
            "een kaart; noem hem hardop."
        ]
        assert await ria.answer("reflex 1 vlug") == [
            "Welke reflex? Typ reflex, het nummer van de kaart en een van deze: "
            "1 inzichtreflex; 2 crisisreflex; 3 harder-werken-reflex; "
            "4 (concrete) oplossingsreflex; 5 controlereflex; of uit."
        ]
        assert await ria.answer("x 1 harder") == [
            "Bij kaart 1 staat nu de reflex: harder-werken-reflex."
        ]
        await fatima.hears("Bij kaart 1 staat nu de reflex: harder-werken-reflex.")
        assert await ria.answer("reflex 1 3") == ["Die reflex staat al bij kaart 1."]
        listing = await fatima.answer("lijst 1")
        assert (
            listing[1] == "Kaart 1 van Ria (Gemeente): Harder rennen (reflex: harder-werken-reflex)"
        )
        assert await ria.answer("reflex 1 uit") == ["Bij kaart 1 staat geen reflex meer."]
        await fatima.hears("Bij kaart 1 staat geen reflex meer.")
        assert relay.room.session.cards[0].reflex == ""


async def test_an_agreement_gets_owners_a_date_and_legs(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
        plain_in(relay, "Bram", "School") as bram,
    ):
        assert await ria.answer("afspraken") == ["Er zijn nog geen afspraken."]
        ria.board.handle("afspraak Elke week bellen waarom Korte lijnen")
        await fatima.hears("Nieuwe conceptafspraak 1: Elke week bellen. Waarom: Korte lijnen")
        assert await fatima.answer("eigenaar 1 GGD") == [
            "Dat kan alleen de procesbegeleider; vraag het aan tafel."
        ]
        assert await ria.answer("eigenaar 1") == [
            "Welke organisatie? Aan tafel zitten: Gemeente; GGD; School."
        ]
        assert await ria.answer("eigenaar 1 Bakkerij") == [
            "Bakkerij zit niet aan tafel; een eigenaar is een organisatie aan tafel."
        ]
        assert await ria.answer("eigenaar 1 ggd, School") == ["Afspraak 1: eigenaar GGD en School."]
        assert await ria.answer("datum 1 morgen") == [
            "Typ datum, het nummer van de afspraak en de datum, bijvoorbeeld datum 1 "
            "15-3-2027; of datum, het nummer en geen."
        ]
        assert await ria.answer("datum 2 15-3-2027") == [
            "Er is geen afspraak 2; er is er 1. Typ afspraken om hem te horen."
        ]
        # A change says what changed, not every detail again.
        assert await ria.answer("datum 1 15-3-2027") == [
            "Afspraak 1: opnieuw bekijken op 15 maart 2027."
        ]
        assert await ria.answer("benen 1 beide") == [
            "Afspraak 1: rust op het administratieve been en het adaptieve been."
        ]
        for ear in (fatima, bram):
            await ear.hears("rust op het administratieve been en het adaptieve been.")
            assert await ear.answer("afspraken") == [
                "Afspraak 1, concept: Elke week bellen. Waarom: Korte lijnen. Eigenaar GGD en "
                "School; opnieuw bekijken op 15 maart 2027; rust op het administratieve been "
                "en het adaptieve been."
            ]
        [agreement] = relay.room.session.agreements
        assert agreement.owners == ("GGD", "School")
        assert agreement.review == dt.date(2027, 3, 15)
        assert agreement.legs == ("administratief", "adaptief")
        assert await ria.answer("eigenaar 1 geen") == ["Afspraak 1: geen eigenaar meer."]
        assert await ria.answer("datum 1 geen") == [
            "Afspraak 1: geen datum meer om hem opnieuw te bekijken."
        ]
        assert await ria.answer("benen 1 geen") == ["Afspraak 1: rust niet meer op een been."]
        assert await ria.answer("afspraken") == [
            "Afspraak 1, concept: Elke week bellen. Waarom: Korte lijnen."
        ]
    for ear in (ria, fatima, bram):
        assert ear.count("Afspraak 1: eigenaar GGD en School.") == 1, ear.lines


def follow_up() -> Session:
    """A session that follows an earlier one: two agreements to look back on, minutes."""
    session = phased_session()
    return session.model_copy(
        update={
            "origin": Origin(title="Eerste keer", date=DATE - dt.timedelta(days=30)),
            "terugblik": (
                Review(id="oud1", what="Elke maand een lunch", why="Elkaar kennen"),
                Review(id="oud2", what="Een gedeeld dossier", why="Minder dubbel werk"),
            ),
        }
    )


async def test_the_terugblik_and_the_minutes(tmp_path: Path) -> None:
    relay = await start_relay(write_session(tmp_path, follow_up()))
    try:
        async with (
            plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
            plain_in(relay, "Fatima", "GGD") as fatima,
        ):
            greeting = fatima.lines[: fatima.lines.index("Er zijn nu 2 mensen online.")]
            assert greeting[-1] == (
                "Eerst kijken we terug op 2 afspraken van de vorige keer. Typ terugblik om ze "
                "te horen."
            )
            assert await fatima.answer("terugblik") == [
                "Terugblik 1: Elke maand een lunch. Oordeel: nog niet besproken.",
                "Terugblik 2: Een gedeeld dossier. Oordeel: nog niet besproken.",
            ]
            assert await fatima.answer("terugblik 2") == [
                "Terugblik 2: Een gedeeld dossier. Oordeel: nog niet besproken."
            ]
            assert await fatima.answer("terugblik 1 werkt") == [
                "Dat kan alleen de procesbegeleider; vraag het aan tafel."
            ]
            assert await fatima.answer("notulen vaststellen") == [
                "Dat kan alleen de procesbegeleider; vraag het aan tafel."
            ]
            assert await ria.answer("terugblik 3 werkt") == [
                "Typ terugblik, een nummer van 1 tot 2 en werkt, afgerond, bijstellen of "
                "vervallen, met de ervaring erachter."
            ]
            assert await ria.answer("t 1 werkt Iedereen komt") == [
                "Terugblik 1: Elke maand een lunch. Oordeel: het werkt. Ervaring: Iedereen komt."
            ]
            await fatima.hears("Oordeel: het werkt. Ervaring: Iedereen komt.")
            await ria.answer("terugblik 2 bijstellen")
            await fatima.hears("Terugblik 2: Een gedeeld dossier. Oordeel: bijstellen.")
            await fatima.hears(
                "Nieuwe conceptafspraak 1: Een gedeeld dossier. Waarom: Minder dubbel werk."
            )
            await fatima.hears("Afspraak 1 stelt terugblik 2 bij: Een gedeeld dossier.")
            assert await ria.answer("notulen") == [
                'De notulen van "Eerste keer" zijn nog niet vastgesteld.',
                "Typ notulen vaststellen, met de correcties erachter als die er zijn; of "
                "notulen terug.",
            ]
            await ria.answer("notulen vaststellen Bram heet Bram")
            await fatima.hears(
                'De notulen van "Eerste keer" zijn vastgesteld, met correcties: Bram heet Bram.'
            )
            assert await ria.answer("terugblik 1 open") == [
                "Terugblik 1: Elke maand een lunch. Oordeel: nog niet besproken."
            ]
            await ria.answer("terugblik 2 afgerond")
            await fatima.hears("Oordeel: het werkte en is afgerond.")
            session = relay.room.session
            assert [r.verdict for r in session.terugblik] == ["", "afgerond"]
            assert session.origin is not None and session.origin.correcties == "Bram heet Bram"
            assert [a.revisits for a in session.agreements] == ["oud2"]
        assert fatima.count("Oordeel: het werkt.") == 1
    finally:
        await relay.stop()


async def test_the_principles(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        assert await fatima.answer("principe 3 ja") == [
            "Dat kan alleen de procesbegeleider; vraag het aan tafel."
        ]
        assert await ria.answer("principe 12 ja") == [
            "Typ principe, het nummer en ja, deels of nee, met een korte toelichting "
            "erachter; of principe, het nummer en weg."
        ]
        assert await ria.answer("p 3 deels Nog niet iedereen") == [
            "Principe 3: Zet de gezamenlijke opgave centraal, met oog voor belangen. "
            "Antwoord: deels. Nog niet iedereen."
        ]
        listing = await fatima.answer("principes")
        assert listing[0] == "Over 1 van de 11 principes is iets gezegd:"
        assert len(listing) == 12
        assert listing[1].endswith("Antwoord: nog niet besproken.")
        assert listing[3].endswith("Antwoord: deels. Nog niet iedereen.")
        assert await fatima.answer("p 3") == [listing[3]]
        assert await ria.answer("principe 3 weg") == ["Het antwoord op principe 3 is teruggenomen."]
        await fatima.hears("Het antwoord op principe 3 is teruggenomen.")
        assert relay.room.session.principles == ()


async def test_dots_and_roles(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        assert await fatima.answer("stippen 5") == [
            "Hoeveel stippen iedereen heeft, kiest de procesbegeleider. Een stip geven: stip "
            "en het nummer van de kaart."
        ]
        assert await fatima.answer("stippen") == [
            "Iedereen heeft 3 stippen; jij hebt er nog 3 over."
        ]
        assert await fatima.answer("rol Ria deelnemer") == [
            "Dat kan alleen de procesbegeleider; vraag het aan tafel."
        ]
        assert await ria.answer("stippen 5") == ["Iedereen heeft nu 5 stippen."]
        await fatima.hears("Iedereen heeft nu 5 stippen.")
        assert await ria.answer("rol Bob tweede") == [
            "Aan tafel heet niemand Bob. Aan tafel, met het nummer van hun plek: 1 Ria "
            "(Gemeente); 2 Fatima (GGD)."
        ]
        assert await ria.answer("rol fat tweede") == ["Fatima (GGD) is nu tweede procesbegeleider."]
        await fatima.hears("Je bent nu tweede procesbegeleider.")
        fatima_seat = next(p for p in relay.room.session.participants if p.name == "Fatima")
        assert fatima_seat.role is Role.COFACILITATOR
        assert relay.room.session.dots == 5


async def test_help_says_what_this_person_may_do_now(relay: LiveRelay) -> None:
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        opening = await fatima.answer("help")
        assert not any(line.startswith("kaart of k") for line in opening)
        assert opening[-1] == "In een andere fase kun je meer; typ dan opnieuw help."
        assert not any("procesbegeleider:" in line for line in opening)
        assert any(
            line.startswith("principe of p: de elf principes en wat de groep") for line in opening
        )
        ria.board.handle("volgende fase")
        await fatima.hears("Fase 2 van 7")
        gathering = await fatima.answer("help")
        assert any(line.startswith("kaart of k") for line in gathering)
        assert any(line.startswith("omhoog en het nummer") for line in gathering)
        assert any(
            line.startswith("cluster of cl, de nummers en een titel: een cluster voor")
            for line in gathering
        )
        # A facilitator's help comes in two: what everyone does, then (help leiden) what
        # leading the session takes.
        first = await ria.answer("help")
        assert first[-1] == (
            "Wat je als procesbegeleider kunt (fasen, timer, afspraken, mensen): typ help leiden."
        )
        leading = await ria.answer("help leiden")
        for start in ("cluster of cl, de nummers en een titel: de kaarten", "reflex of x"):
            assert any(line.startswith(start) for line in first), (start, first)
            assert not any(line.startswith(start) for line in leading), (start, leading)
        for start in (
            "Als procesbegeleider: volgende fase",
            "Bij een afspraak",
            "principe of p: de elf principes en wat erover",
            "stippen en een aantal",
            "Met een wachtrij",
        ):
            assert any(line.startswith(start) for line in leading), (start, leading)
            assert not any(line.startswith(start) for line in first), (start, first)
        assert len(leading) < 12, leading  # what leading takes is a short list of its own
        assert not any("help leiden" in line for line in gathering)  # a participant
        lead = first + leading
        assert not any(
            line.startswith("cluster of cl, de nummers en een titel: een cluster voor")
            for line in lead
        )
        assert not any(line.startswith("In een andere fase") for line in lead)
        assert not any(line.startswith("terugblik") for line in lead)  # no earlier session
        async with plain_in(relay, "", view=True) as projector:  # watches, changes nothing
            watching = await projector.answer("help")
            assert not any(
                line.startswith(("cluster", "kaart", "stip", "Als ")) for line in watching
            )
            assert any(line.startswith("lijst of l") for line in watching)
            assert not any(line.startswith("In een andere fase") for line in watching)
            assert await projector.answer("groep 1 2 Iets") == [
                "Je kijkt mee als waarnemer: je kunt niets veranderen."
            ]


@pytest.mark.parametrize(
    ("command", "heard"),
    [
        ("group 1 2 Time", "Your suggestion for a cluster went to the facilitator."),
        ("ungroup 1", "Only the facilitator and the co-facilitator make clusters."),
        ("reflex 1 crisis", "Only the facilitator and the co-facilitator tag a card"),
        ("owner 1 GGD", "Only the facilitator can do that; ask for it at the table."),
        ("principle 1 yes", "Only the facilitator can do that; ask for it at the table."),
        ("lookback", "This session has no look back"),
        ("minutes ratify", "This session does not follow an earlier one"),
    ],
)
async def test_the_commands_in_english(relay: LiveRelay, command: str, heard: str) -> None:
    from tui_board.core import i18n

    i18n.set_language("en")
    try:
        async with (
            plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
            plain_in(relay, "Fatima", "GGD") as fatima,
        ):
            await cards(ria, "One", "Two")
            await fatima.hears("New card 2")
            [line] = await fatima.answer(command)
            assert line.startswith(heard), line
            assert not re.search(r"\b(kaart|Typ|groep)\b", line)
    finally:
        i18n.set_language("nl")


async def test_private_writing_holds_for_the_new_commands(relay: LiveRelay) -> None:
    """Reordering a hidden card is heard by its author only; nobody else can name it."""
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
        plain_in(relay, "Bram", "School") as bram,
    ):
        await cards(ria, "Open kaart", phase="verzamelen")
        ria.board.handle("privé aan")
        await bram.hears("Privé schrijven staat aan")
        fatima.board.handle("kaart rollen Geheim plan")
        await fatima.hears("Je kaart 2 staat bij Rollen")
        assert await fatima.answer("omhoog 2") == [
            "Kaart 2 staat nu op plek 1 van 2 bij Rollen, verantwoordelijkheden en "
            "gelijkwaardigheid."
        ]
        await bram.hears("Er wacht 1 verborgen kaart")
        for ear in (ria, bram):
            assert await ear.answer("reflex 2 crisis") in (
                ["Er is geen kaart 2. Typ lijst om de nummers te horen."],
                [
                    "Alleen de procesbegeleider en de tweede procesbegeleider hangen een "
                    "reflex aan een kaart; noem hem hardop."
                ],
            )
            assert await ear.answer("groep 1 2 Samen") in (
                ["Er is geen kaart 2. Typ lijst om de nummers te horen."],
            )
        assert await fatima.answer("groep 1 2 Samen") == [
            "Een verborgen kaart kan nog niet in een cluster: eerst onthullen."
        ]
        await ria.round_trip()
    for ear in (ria, bram):
        assert not any("Geheim" in line or "plek" in line for line in ear.lines), ear.lines
        assert ear.count("stelt een cluster voor") == 0


async def test_seats_spelregels_the_timer_and_one_theme_revealed(relay: LiveRelay) -> None:
    for name in ("Bram", "Fatima Y"):  # two seats that did nothing (and are not online)
        await RelayClient(relay.url, CODE, name=name, organisation="GGD").probe()
    async with (
        plain_in(relay, "Ria", "Gemeente", FACILITATOR_CODE) as ria,
        plain_in(relay, "Fatima", "GGD") as fatima,
    ):
        assert await fatima.answer("plekken") == [
            "Plek 1: Ria (Gemeente), procesbegeleider. Online.",
            "Plek 2: Bram (GGD), deelnemer. Niet online.",
            "Plek 3: Fatima Y (GGD), deelnemer. Niet online.",
            "Plek 4: Fatima (GGD), deelnemer. Online.",
        ]
        assert await fatima.answer("plek 2 weg") == [
            "Dat kan alleen de procesbegeleider; vraag het aan tafel."
        ]
        assert await fatima.answer("spelregel erbij Iets") == [
            "Dat kan alleen de procesbegeleider; vraag het aan tafel."
        ]
        assert await ria.answer("plek 2 weg") == ["Bram (GGD) zit niet meer aan tafel."]
        await fatima.hears("Bram (GGD) zit niet meer aan tafel.")
        assert await ria.answer("plek 1 in 2") == [
            "Ria is procesbegeleider: die plek blijft. Voeg de andere plek samen met die van Ria."
        ]
        assert await ria.answer("plek Fatima Y in 3") == [
            "Fatima Y (GGD) en Fatima (GGD) zijn één plek: alles van Fatima Y (GGD) staat "
            "nu op naam van Fatima (GGD)."
        ]
        await fatima.hears("zijn één plek")
        assert [p.name for p in relay.room.session.participants] == ["Ria", "Fatima"]

        rules = relay.room.session.spelregels
        assert await ria.answer("spelregel erbij Telefoons op stil") == [
            "De spelregels zijn gewijzigd. Typ spelregels om ze te horen."
        ]
        await ria.answer("spelregel 1 weg")
        assert relay.room.session.spelregels == (*rules[1:], "Telefoons op stil")
        assert fatima.count("De spelregels zijn gewijzigd.") == 2

        assert await ria.answer("timer 5") == ["De timer loopt: nog 5 minuten."]
        assert await ria.answer("timer erbij 2") == ["De timer loopt: nog 7 minuten."]
        await fatima.hears("De timer loopt: nog 7 minuten.")

        await cards(ria, phase="verzamelen")
        ria.board.handle("privé aan")
        await fatima.hears("Privé schrijven staat aan")
        fatima.board.handle("kaart rollen Over rollen")
        fatima.board.handle("kaart doelen Over doelen")
        await ria.hears("Er wachten 2 verborgen kaarten")
        await ria.answer("onthul rollen")
        await fatima.hears("Kaart 1 is onthuld: Over rollen")
        await ria.hears("Er wacht 1 verborgen kaart")
        assert relay.room.session.private
        assert [c.hidden for c in relay.room.session.cards] == [False, True]
    assert fatima.count("is onthuld") == 1
