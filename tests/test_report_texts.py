"""Every text the group wrote reaches the report, in Markdown and in HTML, with its line
breaks: cards, clusters, agreements (what, why), concerns of closed rounds (also one
written by hand only among the answers), notes with an answer, the open lines of a released
evaluation, terugblik notes and concerns, principle notes, corrections to the minutes."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from factories import NOW, PEOPLE, THEMES, card, make_session

from tui_board.afterwards.report import render
from tui_board.core.instruments import NORM_IDS
from tui_board.core.model import (
    Agreement,
    Answer,
    Cluster,
    Evaluation,
    Origin,
    PrincipleCheck,
    Review,
    Session,
)

TEXTS = {
    "card line 1": "Kaartregel een",
    "card line 2": "kaartregel twee",
    "cluster": "Clustertitel samen",
    "what": "Afspraaktekst wat",
    "why": "Afspraakreden waarom",
    "closed concern": "Bedenking uit ronde een",
    "hand concern": "Bedenking met de hand",
    "last round concern": "Bedenking laatste ronde",
    "achterban note": "Eerst overleggen met het bestuur",
    "werkbaar note": "Prima, mits op tijd",
    "evaluation line 1": "Meenemen regel een",
    "evaluation line 2": "Meenemen regel twee",
    "terugblik note": "Ervaring van de groep",
    "terugblik concern": "Oude bedenking terugblik",
    "principle note": "Notitie bij principe",
    "corrections": "Correctie op de notulen",
    "spelregel": "Wij spreken zorgen uit",
    "question": "Wat is de vraag van vandaag",
}


def session_with_every_text() -> Session:
    cards = (
        card("k1", "rollen", 1024, text=f"{TEXTS['card line 1']}\n{TEXTS['card line 2']}"),
        card("k2", "rollen", 2048, author="bram"),
    )
    cards = (cards[0], cards[1].model_copy(update={"cluster": "c1"}))
    adopted = Agreement(
        id="a1",
        what=TEXTS["what"],
        why=TEXTS["why"],
        owners=("Gemeente",),
        status="aangenomen",
        round=2,
        concerns=(
            Answer(participant="anna", kind="bedenking", text=TEXTS["closed concern"], round=1),
        ),
        answers=(
            Answer(participant="anna", kind="werkbaar", text=TEXTS["werkbaar note"], round=2),
            # Written by hand: a concern of the last round, only among the answers.
            Answer(participant="bram", kind="bedenking", text=TEXTS["hand concern"], round=2),
        ),
    )
    parked = Agreement(
        id="a2",
        what="Tweede afspraak",
        why="Omdat",
        status="geparkeerd",
        round=1,
        answers=(
            Answer(participant="anna", kind="bedenking", text=TEXTS["last round concern"]),
            Answer(participant="bram", kind="achterban", text=TEXTS["achterban note"]),
        ),
    )
    five = (0, 0, 1, 2, 2)
    built = make_session(cards=()).model_copy(
        update={
            "cards": cards,
            "questions": (TEXTS["question"],),
            "spelregels": (TEXTS["spelregel"],),
            "themes": THEMES,
            "participants": PEOPLE,
            "clusters": (Cluster(id="c1", title=TEXTS["cluster"], theme="rollen"),),
            "agreements": (adopted, parked),
            "evaluation": Evaluation(
                open=False,
                count=5,
                scores={norm: five for norm in NORM_IDS},
                lines=(TEXTS["evaluation line 1"], TEXTS["evaluation line 2"]),
            ),
            "principles": (PrincipleCheck(number=1, answer="deels", note=TEXTS["principle note"]),),
            "origin": Origin(
                title="Vorige",
                date=dt.date(2026, 10, 1),
                vastgesteld=NOW.date(),
                correcties=TEXTS["corrections"],
            ),
            "terugblik": (
                Review(
                    id="t1",
                    what="Oude afspraak",
                    verdict="werkt",
                    note=TEXTS["terugblik note"],
                    concerns=(f"Anna (Zorgaanbieder): {TEXTS['terugblik concern']}",),
                ),
            ),
        }
    )
    return Session.model_validate(built.model_dump(by_alias=True))


def visible(text: str, fmt: str) -> str:
    """The words a reader sees: HTML without its tags and escapes, Markdown without its
    escapes."""
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_text_the_group_wrote_reaches_the_report(fmt: str) -> None:
    shown = visible(render(session_with_every_text(), fmt), fmt)
    missing = [name for name, text in TEXTS.items() if text not in shown]
    assert missing == []


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_cards_lines_stay_lines(fmt: str) -> None:
    text = render(session_with_every_text(), fmt)
    first, second = TEXTS["card line 1"], TEXTS["card line 2"]
    if fmt == "html":
        assert re.search(f"{first}<br>\\s*{second}", text), "one line each"
    else:
        at = text.index(first)
        between = text[at + len(first) : text.index(second, at)]
        assert "\n" in between, "one line each"
