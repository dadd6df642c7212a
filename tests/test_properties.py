"""Properties: any sequence of ops by anyone keeps a session valid and its file stable."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from factories import (
    ACTORS,
    ANNA,
    BRAM,
    COFACILITATOR,
    DATE,
    FACILITATOR,
    NOW,
    SMALL_CARDS,
    THEMES,
    make_session,
)
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tui_board.core import i18n
from tui_board.core.model import (
    EDITORS,
    Agreement,
    Card,
    Cluster,
    Meta,
    Origin,
    Participant,
    Review,
    Role,
    Session,
    Theme,
    Vote,
)
from tui_board.core.ops import (
    Actor,
    AddCard,
    CardPut,
    CardRemoved,
    DeleteCard,
    EditCard,
    Join,
    MoveCard,
    Op,
)
from tui_board.core.rules import Applied, Refused, apply, apply_changes
from tui_board.core.text import INVISIBLE
from tui_board.core.views import at_rest
from tui_board.files.store import dumps_session, load_session, save_session, session_to_dict

FAST = settings(max_examples=120, deadline=None)

NEW_IDS = [f"k{n}" for n in range(12)]
CARD_IDS = [c.id for c in SMALL_CARDS] + NEW_IDS
THEME_IDS = [t.id for t in THEMES] + ["nergens"]
NEWCOMER = Actor("nieuw", Role.OBSERVER)

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "   ", "\x1b[31mrood", "\x9b2J", "a\x00b", "regel\nregel", "[bold]vet[/]", "x" * 501]
    ),
    st.text(alphabet="ab \x1b\n\u00a0", min_size=495, max_size=510),
    st.text(alphabet="abc", min_size=499, max_size=502),
)
theme_ids = st.sampled_from(THEME_IDS)
# Those who may act come up more often, so that most steps get past the permission check.
actors = st.sampled_from([*ACTORS, NEWCOMER, FACILITATOR, COFACILITATOR, ANNA, BRAM])
seconds = st.integers(0, 10_000)


def steps_for(session: Session) -> st.SearchStrategy[tuple[Op, Actor, int]]:
    """One step on `session`: mostly about cards it has, sometimes about cards it has not."""
    present = [c.id for c in session.cards]
    card_ids = st.sampled_from(present * 4 + CARD_IDS)
    befores = st.none() | card_ids
    ops: st.SearchStrategy[Op] = st.one_of(
        st.builds(
            AddCard,
            card_id=st.sampled_from(NEW_IDS + CARD_IDS),
            theme=theme_ids,
            text=texts,
            before=befores,
        ),
        st.builds(EditCard, card_id=card_ids, text=texts),
        st.builds(DeleteCard, card_id=card_ids),
        # Twice: moves are where positions run out, so they get double weight.
        st.builds(MoveCard, card_id=card_ids, theme=theme_ids, before=befores),
        st.builds(MoveCard, card_id=card_ids, theme=theme_ids, before=befores),
        st.builds(Join, name=st.text(max_size=120), organisation=st.text(max_size=120)),
    )
    return st.tuples(ops, actors, seconds)


def crowded() -> Session:
    """The small session with its cards on adjacent positions: the first insert renumbers."""
    rank: Counter[str] = Counter()
    cards = []
    for c in SMALL_CARDS:
        cards.append(c.model_copy(update={"position": rank[c.theme]}))
        rank[c.theme] += 1
    return make_session(cards=cards)


starts = st.sampled_from([make_session(), crowded()])


def dump(session: Session) -> dict[str, Any]:
    return session.model_dump(by_alias=True)


def is_clean(text: str) -> bool:
    return not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text)


def check_session(session: Session) -> None:
    again = Session.model_validate(dump(session))
    assert again == session
    assert dump(again) == dump(session)
    for theme in session.themes:
        spots = [c.position for c in session.cards if c.theme == theme.id]
        duplicates = [p for p, n in Counter(spots).items() if n > 1]
        assert not duplicates, f"positions {duplicates} twice in {theme.id}"
        assert all(p >= 0 for p in spots)


def check_permissions(old: Session, outcome: Applied, op: Op, actor: Actor) -> None:
    if not outcome.changes:
        return
    if isinstance(op, Join):
        assert [c.type for c in outcome.changes] == ["participant_put"]
        return
    assert actor.role is not Role.OBSERVER
    assert old.participant(actor.id) is not None
    if actor.role in EDITORS:
        return
    for change in outcome.changes:
        if isinstance(change, CardRemoved):
            gone = old.card(change.card_id)
            assert gone is not None and gone.author == actor.id
        elif isinstance(change, CardPut):
            before = old.card(change.card.id)
            if before is None or before.author == actor.id:
                continue
            # Someone else's card may only be renumbered, never changed.
            changed = change.card.model_dump(exclude={"position"})
            assert changed == before.model_dump(exclude={"position"})
        else:
            raise AssertionError(f"unexpected change {change!r}")


def round_trip(session: Session) -> Session:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessie.toml"
        save_session(session, path)
        first = path.read_bytes()
        loaded = load_session(path)
        save_session(loaded, path)
        assert path.read_bytes() == first
        assert first.decode("utf-8") == dumps_session(session)
    assert session_to_dict(loaded) == session_to_dict(session)
    return loaded


@FAST
@given(start=starts, data=st.data())
def test_any_ops_keep_the_session_valid_and_the_file_stable(
    start: Session, data: st.DataObject
) -> None:
    session = start
    for _ in range(data.draw(st.integers(5, 30), label="steps")):
        op, actor, offset = data.draw(steps_for(session))
        outcome = apply(session, op, actor, NOW + dt.timedelta(seconds=offset))
        event(f"{op.type}: {outcome.key if isinstance(outcome, Refused) else 'applied'}")
        if isinstance(outcome, Refused):
            assert outcome.key in i18n.MESSAGES
            assert i18n.t(outcome.key, **outcome.values)
            continue
        assert dump(apply_changes(session, outcome.changes)) == dump(outcome.session)
        if len(outcome.changes) > 1:
            event("renumbered")
        check_permissions(session, outcome, op, actor)
        for change in outcome.changes:
            if isinstance(change, CardPut):
                text = change.card.text
                # Line breaks stay, as LF, never at the ends, never two blank lines in a row.
                assert is_clean(text.replace("\n", "")) and text == text.strip()
                assert "\n\n\n" not in text and 1 <= len(text) <= 500
        session = outcome.session
        check_session(session)
    round_trip(session)


# --- any session, however odd its texts, survives the file -------------------------------


def visible_text(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Any text without the invisible characters a file loses when it loads (bidi controls,
    zero-width characters: `text.INVISIBLE`; tests/test_invisible_text.py checks those)."""
    alphabet = st.characters(exclude_categories=["Cs"], exclude_characters=INVISIBLE)
    return st.text(alphabet, min_size=min_size, max_size=max_size)


any_text = visible_text(min_size=1, max_size=60)
ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2100, 1, 1),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=2))]),
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    theme_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    people = draw(st.lists(ids, max_size=4, unique=True))
    themes = tuple(
        Theme(id=t, title=draw(any_text), question=draw(visible_text())) for t in theme_ids
    )
    participants = tuple(
        Participant(
            id=p,
            name=draw(visible_text(min_size=1, max_size=30)),
            organisation=draw(visible_text(max_size=30)),
            role=draw(st.sampled_from(list(Role))),
        )
        for p in people
    )
    card_ids = draw(st.lists(ids, max_size=8, unique=True))
    cards = tuple(
        Card(
            id=c,
            theme=draw(st.sampled_from(theme_ids)),
            text=draw(any_text),
            author=draw(st.sampled_from(["", *people])),
            position=draw(st.integers(0, 2**53)),
            created=draw(moments),
            updated=draw(moments),
        )
        for c in card_ids
    )
    return Session(
        session=Meta(
            title=draw(any_text),
            date=draw(st.dates(min_value=DATE.replace(year=2000), max_value=DATE)),
            place=draw(visible_text(max_size=30)),
            language=draw(st.sampled_from(["nl", "en"])),
        ),
        questions=tuple(draw(st.lists(visible_text(max_size=80), max_size=3))),
        spelregels=tuple(draw(st.lists(visible_text(max_size=80), max_size=3))),
        themes=themes,
        participants=participants,
        cards=cards,
    )


@FAST
@given(session=sessions())
def test_any_session_round_trips_through_its_file(session: Session) -> None:
    loaded = round_trip(session)
    assert {c.id: c for c in loaded.cards} == {c.id: c for c in session.cards}
    # The file keeps cards in board order, whatever order the session had them in.
    rank = {t.id: i for i, t in enumerate(loaded.themes)}
    keys = [(rank[c.theme], c.position, c.id) for c in loaded.cards]
    assert keys == sorted(keys)


# --- schema 4: clusters, terugblik, origin, invited, open_to_all survive the file too -----------


@st.composite
def schema_4_sessions(draw: st.DrawFn) -> Session:
    """A session of `sessions()` with clusters (voted on), a terugblik, an origin, invited
    organisations, open_to_all and a TWO that revisits an entry, all with odd texts."""
    base = draw(sessions())
    taken = {c.id for c in base.cards}
    cluster_ids = [i for i in draw(st.lists(ids, max_size=3, unique=True)) if i not in taken]
    theme_ids = [t.id for t in base.themes]
    clusters = tuple(
        Cluster(id=i, title=draw(any_text), theme=draw(st.sampled_from(theme_ids)))
        for i in cluster_ids
    )
    cards = tuple(
        card.model_copy(
            update={
                "cluster": draw(
                    st.sampled_from(["", *(c.id for c in clusters if c.theme == card.theme)])
                )
            }
        )
        for card in base.cards
    )
    people = [p.id for p in base.participants]
    targets = st.lists(st.sampled_from(cluster_ids), unique=True) if cluster_ids else st.just([])
    votes = tuple(
        Vote(voter=voter, card=target, dots=draw(st.integers(1, 20)))
        for voter in people
        for target in draw(targets)
    )
    reviews = tuple(
        Review(
            id=i,
            what=draw(any_text),
            why=draw(visible_text(max_size=60)),
            owners=tuple(draw(st.lists(visible_text(max_size=20), max_size=2))),
            review=draw(st.none() | st.dates(min_value=DATE, max_value=DATE.replace(year=2030))),
            concerns=tuple(draw(st.lists(visible_text(max_size=60), max_size=3))),
            verdict=draw(st.sampled_from(["", "werkt", "bijstellen", "vervallen"])),
            note=draw(visible_text(max_size=60)),
        )
        for i in draw(st.lists(ids, max_size=3, unique=True))
    )
    agreements = tuple(
        Agreement(id=f"two-{r.id}"[:40], what=r.what, why=r.why or r.what, revisits=r.id)
        for r in reviews
        if r.verdict == "bijstellen"
    )
    origin = draw(
        st.none()
        | st.builds(
            Origin,
            title=any_text,
            date=st.dates(min_value=DATE.replace(year=2000), max_value=DATE),
            file=visible_text(max_size=40),
        )
    )
    return Session.model_validate(
        base.model_copy(
            update={
                "clusters": clusters,
                "cards": cards,
                "votes": votes,
                "terugblik": reviews,
                "agreements": agreements,
                "origin": origin,
                "invited": tuple(draw(st.lists(visible_text(max_size=30), max_size=3))),
                "open_to_all": draw(st.sampled_from([(), ("cluster",)])),
            }
        ).model_dump(by_alias=True)
    )


@FAST
@given(session=schema_4_sessions())
def test_any_schema_4_session_round_trips_through_its_file(session: Session) -> None:
    loaded = round_trip(session)
    for name in ("clusters", "terugblik", "origin", "invited", "open_to_all", "agreements"):
        assert getattr(loaded, name) == getattr(session, name), name
    assert {c.id: c.cluster for c in loaded.cards} == {c.id: c.cluster for c in session.cards}
    assert sorted(loaded.votes, key=repr) == sorted(session.votes, key=repr)


# --- schema 4: the instruments survive the file, however odd their texts ----------------------


@st.composite
def instrument_sessions(draw: st.DrawFn) -> Session:
    """A session of `schema_4_sessions()` with reflex tags, legs, the principles check, an
    evaluation (open or closed, with any counts and odd open lines) and any instruments on."""
    from tui_board.core.instruments import INSTRUMENTS, NORM_IDS, REFLEX_IDS
    from tui_board.core.model import Evaluation, PrincipleCheck

    base = draw(schema_4_sessions())
    cards = tuple(
        c.model_copy(update={"reflex": draw(st.sampled_from(["", *REFLEX_IDS]))})
        for c in base.cards
    )
    legs = st.sampled_from([(), ("administratief",), ("adaptief",), ("administratief", "adaptief")])
    agreements = tuple(a.model_copy(update={"legs": draw(legs)}) for a in base.agreements)
    numbers = draw(st.lists(st.integers(1, 11), max_size=11, unique=True))
    principles = tuple(
        PrincipleCheck(
            number=n,
            answer=draw(st.sampled_from(["ja", "deels", "nee"])),
            note=draw(visible_text(max_size=60)),
        )
        for n in sorted(numbers)
    )
    counts = st.tuples(*[st.integers(0, 40)] * 5)
    evaluation = draw(
        st.none()
        | st.builds(
            Evaluation,
            open=st.booleans(),
            count=st.integers(0, 200),
            answered=st.lists(ids, max_size=5, unique=True).map(tuple),
            scores=st.dictionaries(st.sampled_from(NORM_IDS), counts),
            lines=st.lists(visible_text(max_size=60), max_size=4).map(tuple),
        )
    )
    instruments = draw(st.lists(st.sampled_from(INSTRUMENTS), unique=True).map(tuple))
    return Session.model_validate(
        base.model_copy(
            update={
                "cards": cards,
                "agreements": agreements,
                "principles": principles,
                "evaluation": evaluation,
                "instruments": instruments,
                "open_to_all": draw(st.sampled_from([(), ("reflex",), ("cluster", "reflex")])),
            }
        ).model_dump(by_alias=True)
    )


@FAST
@given(session=instrument_sessions())
def test_any_session_with_instruments_round_trips_through_its_file(session: Session) -> None:
    loaded = round_trip(session)
    for name in ("principles", "instruments", "open_to_all", "agreements"):
        assert getattr(loaded, name) == getattr(session, name), name
    # An open evaluation is only "open" on disk (no running count: views.at_rest).
    expected = session.evaluation and at_rest(session.evaluation)
    assert loaded.evaluation == expected
    assert {c.id: c.reflex for c in loaded.cards} == {c.id: c.reflex for c in session.cards}
