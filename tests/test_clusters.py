"""Clusters (ordenen): grouping, adding to, renaming and ungrouping; moving a clustered card
or a whole cluster; deleting, voting and drafting with clusters; who may do what; the file;
and properties over any sequence of ops.

A cluster stands in one theme and its cards stand together there: for every cluster, its
members are consecutive in `Session.cards_in(theme)`. Facilitators and co-facilitators may
cluster; `open_to_all = ["cluster"]` opens it to participants (who are then still held to
the phase's "move_card"). A cluster is voted on as one card.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from factories import (
    ANNA,
    BRAM,
    COFACILITATOR,
    FACILITATOR,
    LATER,
    NOW,
    OBSERVER,
    SMALL_CARDS,
    STRANGER,
    make_session,
)
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from tui_board.core import i18n
from tui_board.core.model import EDITORS, Cluster, Opening, Review, Role, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    CardPut,
    Change,
    ClusterPut,
    ClusterRemoved,
    DeleteCard,
    DraftAgreement,
    GroupCards,
    MoveCard,
    Op,
    RenameCluster,
    Reveal,
    ReviewOp,
    SetPrivate,
    Ungroup,
    VoteOp,
)
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, Outcome, Refused, apply, apply_changes
from tui_board.files.store import dumps_session, load_session, save_session, session_to_dict

CHANGES: TypeAdapter[tuple[Change, ...]] = TypeAdapter(tuple[Change, ...])


def dump(session: Session) -> dict[str, Any]:
    return session.model_dump(by_alias=True)


def check_clusters(session: Session) -> None:
    """Every cluster has cards, all in its theme, standing next to each other there."""
    for cluster in session.clusters:
        members = [c for c in session.cards if c.cluster == cluster.id]
        assert members, f"cluster {cluster.id} has no cards"
        assert all(c.theme == cluster.theme for c in members), f"{cluster.id} left its theme"
        spots = [
            i for i, c in enumerate(session.cards_in(cluster.theme)) if c.cluster == cluster.id
        ]
        assert spots == list(range(spots[0], spots[-1] + 1)), f"{cluster.id} is split"


def ok(old: Session, outcome: Outcome) -> Applied:
    """Applied; its changes replay (also over the wire) to a valid session that keeps every
    cluster together."""
    assert isinstance(outcome, Applied), outcome
    assert dump(apply_changes(old, outcome.changes)) == dump(outcome.session)
    wire = CHANGES.validate_json(CHANGES.dump_json(outcome.changes))
    assert dump(apply_changes(old, wire)) == dump(outcome.session)
    assert dump(Session.model_validate(dump(outcome.session))) == dump(outcome.session)
    check_clusters(outcome.session)
    return outcome


def refused(outcome: Outcome, key: str, **values: str) -> Refused:
    assert isinstance(outcome, Refused), f"applied: {outcome!r}"
    assert (outcome.key, outcome.values) == (key, values)
    assert i18n.t(key, **values) != key, "a message exists for it"
    return outcome


def run(session: Session, op: Op, actor: Actor = FACILITATOR, now: dt.datetime = LATER) -> Outcome:
    return apply(session, op, actor, now)


def order(session: Session, theme: str) -> list[str]:
    return [c.id for c in session.cards_in(theme)]


def cluster_of(session: Session, card_id: str) -> str:
    found = session.card(card_id)
    assert found is not None, card_id
    return found.cluster


def board(
    *clusters: tuple[str, str, tuple[str, ...]],
    open_to_all: tuple[Opening, ...] = (),
    phase: str = "",
    terugblik: tuple[Review, ...] = (),
) -> Session:
    """The small session of `factories` (rollen: a1 b1 a2; leren: r1 b2) with these clusters
    (id, theme, card ids) set directly, not through the rules."""
    where = {card_id: cluster_id for cluster_id, _, ids in clusters for card_id in ids}
    data = make_session().model_dump(by_alias=True)
    for item in data["cards"]:
        item["cluster"] = where.get(item["id"], "")
    data["clusters"] = [
        {"id": cluster_id, "title": f"Groep {cluster_id}", "theme": theme}
        for cluster_id, theme, _ in clusters
    ]
    data["open_to_all"] = list(open_to_all)
    data["terugblik"] = [r.model_dump() for r in terugblik]
    if phase:
        data["phases"] = [p.model_dump() for p in default_phases("nl")]
        data["phase"] = phase
    session = Session.model_validate(data)
    check_clusters(session)
    return session


C1 = ("c1", "rollen", ("a1", "b1"))
"""A cluster of the first two cards of rollen (a1 by Anna, b1 by Bram); a2 stays loose."""


# --- grouping ------------------------------------------------------------------------------


def test_group_makes_a_cluster_of_cards_of_one_theme() -> None:
    session = make_session()
    outcome = ok(
        session, run(session, GroupCards(cluster_id="c1", title="Rollen", cards=("a1", "a2")))
    )
    new = outcome.session
    assert new.clusters == (Cluster(id="c1", title="Rollen", theme="rollen"),)
    assert order(new, "rollen") == ["a1", "a2", "b1"], "a2 joins a1, where a1 stood"
    assert [c.id for c in new.members("c1")] == ["a1", "a2"]
    assert cluster_of(new, "b1") == ""
    assert all(c.updated == LATER for c in new.members("c1"))
    assert outcome.changes[0] == ClusterPut(cluster=new.clusters[0])
    assert {c.card.id for c in outcome.changes if isinstance(c, CardPut)} == {"a1", "a2"}
    assert order(new, "leren") == order(session, "leren")


def test_group_stands_where_its_first_card_in_the_theme_stood() -> None:
    session = make_session()
    new = ok(
        session, run(session, GroupCards(cluster_id="c1", title="x", cards=("a2", "b1")))
    ).session
    # b1 comes first in the theme, so the cluster stands where b1 stood, in theme order.
    assert order(new, "rollen") == ["a1", "b1", "a2"]
    assert [c.id for c in new.members("c1")] == ["b1", "a2"]


def test_the_first_card_decides_the_theme_and_cards_from_other_themes_move_in() -> None:
    session = make_session()
    new = ok(
        session, run(session, GroupCards(cluster_id="c1", title="x", cards=("r1", "a2")))
    ).session
    assert new.cluster("c1") == Cluster(id="c1", title="x", theme="leren")
    assert order(new, "leren") == ["r1", "a2", "b2"]
    assert order(new, "rollen") == ["a1", "b1"]
    moved = new.card("a2")
    assert moved is not None and (moved.theme, moved.cluster) == ("leren", "c1")

    other_way = ok(
        session, run(session, GroupCards(cluster_id="c1", title="x", cards=("a2", "r1")))
    )
    assert other_way.session.cluster("c1") == Cluster(id="c1", title="x", theme="rollen")
    assert order(other_way.session, "rollen") == ["a1", "b1", "a2", "r1"]
    assert order(other_way.session, "leren") == ["b2"]


def test_cards_of_the_clusters_theme_keep_their_order_and_others_follow() -> None:
    session = make_session()
    op = GroupCards(cluster_id="c1", title="x", cards=("b2", "a1", "r1"))
    new = ok(session, run(session, op)).session
    # b2's theme; r1 (same theme) keeps its place before b2, a1 comes from elsewhere, after.
    assert order(new, "leren") == ["r1", "b2", "a1"]
    assert all(c.cluster == "c1" for c in new.cards_in("leren"))


def test_group_adds_to_an_existing_cluster_and_can_rename_it() -> None:
    session = board(C1)
    outcome = ok(
        session, run(session, GroupCards(cluster_id="c1", title="Groep c1", cards=("r1",)))
    )
    assert [c.id for c in outcome.session.members("c1")] == ["a1", "b1", "r1"]
    assert order(outcome.session, "rollen") == ["a1", "b1", "r1", "a2"]
    assert not any(isinstance(c, ClusterPut) for c in outcome.changes), "same title"

    renamed = ok(session, run(session, GroupCards(cluster_id="c1", title="Nieuw", cards=("a2",))))
    assert renamed.session.cluster("c1") == Cluster(id="c1", title="Nieuw", theme="rollen")
    assert [c.id for c in renamed.session.members("c1")] == ["a1", "b1", "a2"]


def test_group_of_cards_already_in_the_cluster_only_renames() -> None:
    session = board(C1)
    same = ok(
        session, run(session, GroupCards(cluster_id="c1", title="Groep c1", cards=("b1", "a1")))
    )
    assert same.changes == () and same.session == session
    renamed = ok(session, run(session, GroupCards(cluster_id="c1", title="Ander", cards=("a1",))))
    assert renamed.changes == (ClusterPut(cluster=Cluster(id="c1", title="Ander", theme="rollen")),)


def test_a_card_leaves_its_old_cluster_which_stays_while_it_has_cards() -> None:
    session = board(("c1", "rollen", ("a1", "b1", "a2")))
    outcome = ok(session, run(session, GroupCards(cluster_id="c2", title="x", cards=("r1", "b1"))))
    new = outcome.session
    assert [c.id for c in new.members("c1")] == ["a1", "a2"]
    assert [c.id for c in new.members("c2")] == ["r1", "b1"]
    assert not any(isinstance(c, ClusterRemoved) for c in outcome.changes)
    assert {c.id for c in new.clusters} == {"c1", "c2"}


def test_taking_a_card_out_of_the_middle_of_a_cluster_keeps_both_together() -> None:
    session = board(("c1", "rollen", ("a1", "b1", "a2")))
    new = ok(
        session, run(session, GroupCards(cluster_id="c2", title="x", cards=("b1", "a2")))
    ).session
    assert [c.id for c in new.members("c1")] == ["a1"]
    assert [c.id for c in new.members("c2")] == ["b1", "a2"]
    # Taking a card out of c2 into a cluster of another theme leaves the rest of c2 whole.
    again = ok(new, run(new, GroupCards(cluster_id="c3", title="y", cards=("b2", "a2")))).session
    assert [c.id for c in again.members("c2")] == ["b1"]
    assert order(again, "leren") == ["r1", "b2", "a2"]


def test_a_new_cluster_made_from_the_middle_of_another_goes_after_it() -> None:
    session = board(("c1", "rollen", ("a1", "b1", "a2")))
    op = GroupCards(cluster_id="c2", title="x", cards=("b1", "r1"))
    new = ok(session, run(session, op)).session
    # Where b1 stood, c1 goes on (a2): c2 may not stand there, so it comes after c1.
    assert order(new, "rollen") == ["a1", "a2", "b1", "r1"]
    assert [c.id for c in new.members("c1")] == ["a1", "a2"]
    assert [c.id for c in new.members("c2")] == ["b1", "r1"]


def test_a_cluster_that_loses_its_last_card_is_removed_with_its_dots() -> None:
    session = board(C1)
    session = ok(session, run(session, VoteOp(card_id="c1", delta=1), ANNA)).session
    assert session.dots_used("anna") == 1
    outcome = ok(
        session, run(session, GroupCards(cluster_id="c2", title="x", cards=("r1", "a1", "b1")))
    )
    assert ClusterRemoved(cluster_id="c1") in outcome.changes
    new = outcome.session
    assert [c.id for c in new.clusters] == ["c2"]
    assert new.votes == () and new.dots_used("anna") == 0, "the dot went back"
    assert order(new, "leren") == ["r1", "a1", "b1", "b2"]


def test_group_into_the_cluster_a_card_is_already_in_removes_nothing() -> None:
    session = board(C1)
    outcome = ok(
        session, run(session, GroupCards(cluster_id="c1", title="Groep c1", cards=("a1", "a2")))
    )
    assert not any(isinstance(c, ClusterRemoved) for c in outcome.changes)
    assert [c.id for c in outcome.session.members("c1")] == ["a1", "b1", "a2"]


@pytest.mark.parametrize("title", ["", "   ", "\n\t", "\x1b\x9b\x00"])
def test_a_cluster_needs_a_title(title: str) -> None:
    session = board(C1)
    refused(
        run(session, GroupCards(cluster_id="c2", title=title, cards=("a2", "r1"))),
        "refused.cluster_title",
    )
    refused(
        run(session, GroupCards(cluster_id="c1", title=title, cards=("a2",))),
        "refused.cluster_title",
    )
    refused(run(session, RenameCluster(cluster_id="c1", title=title)), "refused.cluster_title")


def test_a_cluster_title_is_cleaned_and_limited() -> None:
    session = make_session()
    op = GroupCards(cluster_id="c1", title="  \x1b[31mSamen\x9b  ", cards=("a1", "b1"))
    cluster = ok(session, run(session, op)).session.cluster("c1")
    assert cluster is not None and cluster.title == "[31mSamen"
    long = GroupCards(cluster_id="c1", title="x" * 201, cards=("a1", "b1"))
    refused(run(session, long), "refused.text_too_long", max="200")
    assert ok(session, run(session, long.model_copy(update={"title": "x" * 200})))


def test_group_refuses_hidden_cards_single_cards_and_unknown_cards() -> None:
    session = make_session()
    private = ok(session, run(session, SetPrivate(on=True))).session
    hidden = ok(
        private, run(private, AddCard(card_id="h1", theme="rollen", text="geheim"), ANNA)
    ).session
    refused(
        run(hidden, GroupCards(cluster_id="c1", title="x", cards=("a1", "h1"))),
        "refused.cluster_hidden",
    )
    refused(
        run(hidden, GroupCards(cluster_id="c1", title="x", cards=("h1", "a1"))),
        "refused.cluster_hidden",
    )
    refused(
        run(session, GroupCards(cluster_id="c1", title="x", cards=("a1",))), "refused.cluster_two"
    )
    refused(
        run(session, GroupCards(cluster_id="c1", title="x", cards=("a1", "a1"))),
        "refused.cluster_two",
    )
    refused(
        run(session, GroupCards(cluster_id="c1", title="x", cards=("a1", "zz"))), "refused.no_card"
    )
    existing = board(C1)
    refused(
        run(existing, GroupCards(cluster_id="c1", title="x", cards=("a2", "zz"))), "refused.no_card"
    )
    # Adding one card to an existing cluster is fine.
    ok(existing, run(existing, GroupCards(cluster_id="c1", title="x", cards=("a2",))))


def test_a_cluster_id_may_not_be_a_card_id() -> None:
    session = make_session()
    refused(
        run(session, GroupCards(cluster_id="a2", title="x", cards=("a1", "b1"))),
        "refused.card_exists",
    )
    refused(
        run(session, GroupCards(cluster_id="a1", title="x", cards=("a1", "b1"))),
        "refused.card_exists",
    )


def test_a_card_id_may_not_be_a_cluster_id() -> None:
    session = board(C1)
    refused(run(session, AddCard(card_id="c1", theme="leren", text="x")), "refused.card_exists")
    # Once the cluster is gone its id is free again.
    gone = ok(session, run(session, Ungroup(cluster_id="c1"))).session
    ok(gone, run(gone, AddCard(card_id="c1", theme="leren", text="x")))


# --- ungroup and rename --------------------------------------------------------------------


def test_ungroup_keeps_the_cards_in_place_and_gives_the_dots_back() -> None:
    session = board(("c1", "rollen", ("b1", "a2")))
    session = ok(session, run(session, VoteOp(card_id="c1", delta=1), ANNA)).session
    session = ok(session, run(session, VoteOp(card_id="c1", delta=1), BRAM)).session
    session = ok(session, run(session, VoteOp(card_id="r1", delta=1), BRAM)).session
    outcome = ok(session, run(session, Ungroup(cluster_id="c1")))
    new = outcome.session
    assert new.clusters == ()
    assert outcome.changes[-1] == ClusterRemoved(cluster_id="c1")
    for before in session.cards:
        after = new.card(before.id)
        assert after is not None
        assert (after.theme, after.position, after.cluster) == (before.theme, before.position, "")
    assert {c.card.updated for c in outcome.changes if isinstance(c, CardPut)} == {LATER}
    assert new.tally() == {"r1": 1}
    assert new.dots_used("anna") == 0 and new.dots_used("bram") == 1


def test_ungroup_and_rename_of_an_unknown_cluster() -> None:
    session = board(C1)
    refused(run(session, Ungroup(cluster_id="c9")), "refused.no_cluster")
    refused(run(session, RenameCluster(cluster_id="c9", title="x")), "refused.no_cluster")
    refused(run(session, Ungroup(cluster_id="a1")), "refused.no_cluster")


def test_rename_changes_only_the_title() -> None:
    session = board(C1)
    outcome = ok(session, run(session, RenameCluster(cluster_id="c1", title=" Wie doet wat ")))
    assert outcome.changes == (
        ClusterPut(cluster=Cluster(id="c1", title="Wie doet wat", theme="rollen")),
    )
    assert outcome.session.cards == session.cards
    same = ok(session, run(session, RenameCluster(cluster_id="c1", title="Groep c1")))
    assert same.changes == () and same.session is session


# --- moving --------------------------------------------------------------------------------


def test_moving_a_clustered_card_to_another_theme_moves_the_whole_cluster() -> None:
    session = board(C1)
    outcome = ok(session, run(session, MoveCard(card_id="b1", theme="leren", before="b2")))
    new = outcome.session
    assert order(new, "leren") == ["r1", "a1", "b1", "b2"]
    assert order(new, "rollen") == ["a2"]
    assert new.cluster("c1") == Cluster(id="c1", title="Groep c1", theme="leren")
    assert [c.id for c in new.members("c1")] == ["a1", "b1"], "the cluster keeps its order"
    assert ClusterPut(cluster=new.cluster("c1")) in outcome.changes
    to_end = ok(session, run(session, MoveCard(card_id="a1", theme="doelen"))).session
    assert order(to_end, "doelen") == ["a1", "b1"]


def test_reorder_within_a_cluster_before_another_member() -> None:
    session = board(("c1", "rollen", ("a1", "b1", "a2")))
    new = ok(session, run(session, MoveCard(card_id="a2", theme="rollen", before="b1"))).session
    assert order(new, "rollen") == ["a1", "a2", "b1"]
    assert all(c.cluster == "c1" for c in new.cards_in("rollen"))
    again = ok(new, run(new, MoveCard(card_id="b1", theme="rollen", before="a1"))).session
    assert order(again, "rollen") == ["b1", "a1", "a2"]


def test_before_the_card_just_after_the_cluster_moves_the_card_to_the_clusters_end() -> None:
    session = board(C1)
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="rollen", before="a2")))
    assert order(outcome.session, "rollen") == ["b1", "a1", "a2"]
    assert [c.id for c in outcome.session.members("c1")] == ["b1", "a1"]
    assert [c.card.id for c in outcome.changes if isinstance(c, CardPut)] == ["a1"]


def test_to_the_end_when_the_cluster_stands_last_reorders_within_it() -> None:
    session = board(("c1", "rollen", ("b1", "a2")))
    new = ok(session, run(session, MoveCard(card_id="b1", theme="rollen"))).session
    assert order(new, "rollen") == ["a1", "a2", "b1"]
    assert [c.id for c in new.members("c1")] == ["a2", "b1"]


def test_any_other_target_in_the_theme_moves_the_whole_cluster() -> None:
    session = board(("c1", "rollen", ("b1", "a2")))
    new = ok(session, run(session, MoveCard(card_id="a2", theme="rollen", before="a1"))).session
    assert order(new, "rollen") == ["b1", "a2", "a1"]
    first = board(C1)
    to_end = ok(first, run(first, MoveCard(card_id="a1", theme="rollen"))).session
    assert order(to_end, "rollen") == ["a2", "a1", "b1"]


def test_moving_a_clustered_card_onto_itself_changes_nothing_for_a_participant() -> None:
    session = board(C1)
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="rollen", before="a1"), ANNA))
    assert outcome.changes == ()


def test_moving_a_clustered_card_onto_itself_changes_nothing_for_a_facilitator() -> None:
    session = board(C1)
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="rollen", before="a1")))
    assert outcome.changes == ()


def test_a_loose_card_never_lands_inside_a_cluster() -> None:
    session = board(("c2", "leren", ("r1", "b2")))
    # Pointing at the second card of a cluster: before the cluster, in another theme ...
    new = ok(session, run(session, MoveCard(card_id="a1", theme="leren", before="b2"))).session
    assert order(new, "leren") == ["a1", "r1", "b2"]
    assert cluster_of(new, "a1") == ""
    # ... and in its own.
    own = board(C1)
    moved = ok(own, run(own, MoveCard(card_id="a2", theme="rollen", before="b1"))).session
    assert order(moved, "rollen") == ["a2", "a1", "b1"]
    assert cluster_of(moved, "a2") == ""


def test_a_new_card_never_lands_inside_a_cluster() -> None:
    session = board(C1)
    inside = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text="x", before="b1")))
    assert order(inside.session, "rollen") == ["n1", "a1", "b1", "a2"]
    assert cluster_of(inside.session, "n1") == ""
    at_start = ok(
        session, run(session, AddCard(card_id="n1", theme="rollen", text="x", before="a1"))
    )
    assert order(at_start.session, "rollen") == ["n1", "a1", "b1", "a2"]
    after = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text="x", before="a2")))
    assert order(after.session, "rollen") == ["a1", "b1", "n1", "a2"]


def test_a_whole_cluster_never_lands_inside_another() -> None:
    session = board(C1, ("c2", "leren", ("r1", "b2")))
    new = ok(session, run(session, MoveCard(card_id="a1", theme="leren", before="b2"))).session
    assert order(new, "leren") == ["a1", "b1", "r1", "b2"]


def test_a_participant_reorders_their_own_card_within_a_cluster_only() -> None:
    session = board(("c1", "rollen", ("a1", "b1", "a2")))
    new = ok(
        session, run(session, MoveCard(card_id="a2", theme="rollen", before="a1"), ANNA)
    ).session
    assert order(new, "rollen") == ["a2", "a1", "b1"]
    refused(
        run(session, MoveCard(card_id="b1", theme="rollen", before="a1"), ANNA),
        "refused.not_your_card",
    )
    refused(
        run(session, MoveCard(card_id="a1", theme="leren"), ANNA), "refused.cluster_facilitator"
    )
    two = board(C1)
    refused(run(two, MoveCard(card_id="a1", theme="rollen"), ANNA), "refused.cluster_facilitator")


def test_open_to_all_a_participant_moves_a_whole_cluster_with_others_cards() -> None:
    session = board(C1, open_to_all=("cluster",))
    new = ok(session, run(session, MoveCard(card_id="b1", theme="leren"), ANNA)).session
    assert order(new, "leren") == ["r1", "b2", "a1", "b1"]
    # A loose card of someone else stays theirs to move.
    refused(run(session, MoveCard(card_id="r1", theme="rollen"), ANNA), "refused.not_your_card")


def test_moving_a_cluster_to_an_unknown_theme_or_card() -> None:
    session = board(C1)
    refused(
        run(session, MoveCard(card_id="a1", theme="nergens")), "refused.no_theme", theme="nergens"
    )
    refused(run(session, MoveCard(card_id="a1", theme="leren", before="a2")), "refused.no_card")


# --- deleting ------------------------------------------------------------------------------


def test_deleting_the_last_card_of_a_cluster_removes_it() -> None:
    session = board(C1)
    session = ok(session, run(session, VoteOp(card_id="c1", delta=1), BRAM)).session
    first = ok(session, run(session, DeleteCard(card_id="a1")))
    assert not any(isinstance(c, ClusterRemoved) for c in first.changes)
    assert [c.id for c in first.session.members("c1")] == ["b1"]
    assert first.session.tally() == {"c1": 1}
    last = ok(first.session, run(first.session, DeleteCard(card_id="b1"), BRAM))
    assert ClusterRemoved(cluster_id="c1") in last.changes
    assert last.session.clusters == () and last.session.votes == ()


# --- voting and agreements -----------------------------------------------------------------


def test_a_cluster_is_voted_on_as_one_card_within_the_budget() -> None:
    session = board(C1)
    session = ok(session, run(session, VoteOp(card_id="c1", delta=1), ANNA)).session
    session = ok(session, run(session, VoteOp(card_id="c1", delta=1), ANNA)).session
    session = ok(session, run(session, VoteOp(card_id="a2", delta=1), ANNA)).session
    assert session.tally() == {"c1": 2, "a2": 1} and session.dots_used("anna") == 3
    refused(run(session, VoteOp(card_id="c1", delta=1), ANNA), "refused.vote_budget", dots="3")
    back = ok(session, run(session, VoteOp(card_id="c1", delta=-1), ANNA)).session
    assert back.tally() == {"c1": 1, "a2": 1}


@pytest.mark.parametrize("delta", [1, -1])
def test_a_card_in_a_cluster_is_not_voted_on_by_itself(delta: int) -> None:
    session = board(C1)
    refused(run(session, VoteOp(card_id="b1", delta=delta), ANNA), "refused.vote_in_cluster")


def test_an_agreement_may_grow_from_a_cluster() -> None:
    session = board(C1)
    op = DraftAgreement(agreement_id="two-1", what="Eén regisseur", why="Overzicht", source="c1")
    outcome = ok(session, run(session, op))
    agreement = outcome.session.agreement("two-1")
    assert agreement is not None and agreement.source == "c1"
    refused(run(session, op.model_copy(update={"source": "c9"})), "refused.no_card")


# --- who may do what -----------------------------------------------------------------------

ENTRY = Review(id="t1", what="Elke maand overleg", why="Korte lijnen")

MATRIX_OPS: dict[str, Op] = {
    "group": GroupCards(cluster_id="c2", title="Nieuw", cards=("a2", "r1")),
    "add_to": GroupCards(cluster_id="c1", title="Groep c1", cards=("a2",)),
    "ungroup": Ungroup(cluster_id="c1"),
    "rename": RenameCluster(cluster_id="c1", title="Anders"),
    "move_cluster": MoveCard(card_id="a1", theme="leren"),
    "review": ReviewOp(review_id="t1", verdict="werkt", note="Loopt goed"),
}


def expected(actor: Actor, open_to_all: bool, name: str) -> str:
    """ "applied" or the refusal key."""
    if actor.role is Role.OBSERVER:
        return "refused.observer"
    if actor.role in EDITORS:
        return "applied"
    if name == "review":
        return "refused.facilitator_only"
    return "applied" if open_to_all else "refused.cluster_facilitator"


@pytest.mark.parametrize("name", list(MATRIX_OPS))
@pytest.mark.parametrize("open_to_all", [False, True], ids=["closed", "open"])
@pytest.mark.parametrize(
    "actor", [FACILITATOR, COFACILITATOR, ANNA, OBSERVER], ids=lambda a: a.role.value
)
def test_who_may_cluster_and_review(actor: Actor, open_to_all: bool, name: str) -> None:
    session = board(C1, open_to_all=("cluster",) if open_to_all else (), terugblik=(ENTRY,))
    outcome = run(session, MATRIX_OPS[name], actor)
    want = expected(actor, open_to_all, name)
    if want != "applied":
        refused(outcome, want)
        return
    applied = ok(session, outcome)
    assert applied.changes, "something changed"
    assert applied.session != session


@pytest.mark.parametrize("name", list(MATRIX_OPS))
def test_someone_not_at_the_table_may_not(name: str) -> None:
    session = board(C1, open_to_all=("cluster",), terugblik=(ENTRY,))
    refused(run(session, MATRIX_OPS[name], STRANGER), "refused.not_at_table")


def test_the_session_role_counts_not_the_claimed_one() -> None:
    session = board(C1, terugblik=(ENTRY,))
    claims = Actor("anna", Role.FACILITATOR)
    refused(run(session, MATRIX_OPS["group"], claims), "refused.cluster_facilitator")
    refused(run(session, MATRIX_OPS["review"], claims), "refused.facilitator_only")


@pytest.mark.parametrize("name", ["group", "add_to", "ungroup", "rename", "move_cluster"])
def test_open_to_all_participants_are_held_to_the_phase(name: str) -> None:
    ordering = board(C1, open_to_all=("cluster",), phase="ordenen")
    ok(ordering, run(ordering, MATRIX_OPS[name], ANNA))
    voting = board(C1, open_to_all=("cluster",), phase="prioriteren")
    no = run(voting, MATRIX_OPS[name], ANNA)
    assert isinstance(no, Refused) and no.key == "refused.phase.move_card", no
    assert i18n.t(no.key, **no.values) != no.key
    # Facilitators are never held back by the phase; closed clustering stays closed.
    ok(voting, run(voting, MATRIX_OPS[name], FACILITATOR))
    closed = board(C1, phase="ordenen")
    refused(run(closed, MATRIX_OPS[name], ANNA), "refused.cluster_facilitator")


# --- the file ------------------------------------------------------------------------------


def test_clusters_and_open_to_all_survive_the_file(tmp_path: Path) -> None:
    session = board(C1, ("c2", "leren", ("r1", "b2")), open_to_all=("cluster",))
    session = ok(session, run(session, VoteOp(card_id="c2", delta=1), ANNA)).session
    path = tmp_path / "ordenen.toml"
    save_session(session, path)
    first = path.read_bytes()
    text = first.decode("utf-8")
    assert 'open_to_all = [\n    "cluster",\n]' in text or 'open_to_all = ["cluster"]' in text
    assert text.count("[[clusters]]") == 2 and 'cluster = "c1"' in text
    loaded = load_session(path)
    assert loaded.clusters == session.clusters
    assert loaded.open_to_all == ("cluster",)
    assert {c.id: c.cluster for c in loaded.cards} == {c.id: c.cluster for c in session.cards}
    assert loaded.votes == session.votes
    save_session(loaded, path)
    assert path.read_bytes() == first
    assert session_to_dict(loaded) == session_to_dict(session)
    assert dumps_session(loaded) == text
    # Without clusters the file stays quiet about them.
    assert "cluster" not in dumps_session(make_session())


# --- properties ----------------------------------------------------------------------------

CLUSTER_IDS = ["g1", "g2", "g3"]
# One of them is also a cluster id: a card may not take a cluster's id.
NEW_CARD_IDS = ["k1", "k2", "k3", "g1"]
THEME_IDS = ["rollen", "leren", "doelen", "nergens"]
TITLES = ["Samen", "Anders", "", "  ", "x" * 201]
STEP_ACTORS = [FACILITATOR, FACILITATOR, FACILITATOR, COFACILITATOR, ANNA, ANNA, BRAM, OBSERVER]


def cluster_steps(session: Session) -> st.SearchStrategy[tuple[Op, Actor]]:
    """One step: mostly about the cards and clusters the session has."""
    present = [c.id for c in session.cards]
    clusters = [c.id for c in session.clusters]
    card_ids = st.sampled_from(present * 3 + ["zz", *NEW_CARD_IDS])
    known = st.sampled_from(present) if present else card_ids
    clustered = [c.id for c in session.cards if c.cluster]
    cluster_ids = st.sampled_from(clusters * 3 + CLUSTER_IDS + ["a1"])
    befores = st.none() | card_ids
    themes = st.sampled_from(THEME_IDS)
    ops: st.SearchStrategy[Op] = st.one_of(
        st.builds(
            AddCard,
            card_id=st.sampled_from(NEW_CARD_IDS),
            theme=themes,
            text=st.just("Kaart"),
            before=befores,
        ),
        st.builds(MoveCard, card_id=card_ids, theme=themes, before=befores),
        (st.sampled_from(clustered) if clustered else known).flatmap(
            lambda card_id: moves_of(session, card_id)
        ),
        st.builds(DeleteCard, card_id=card_ids),
        st.builds(
            GroupCards,
            cluster_id=cluster_ids,
            title=st.sampled_from(TITLES),
            cards=st.lists(card_ids, min_size=1, max_size=4).map(tuple),
        ),
        st.builds(
            GroupCards,
            cluster_id=cluster_ids,
            title=st.sampled_from(TITLES[:2]),
            cards=st.lists(known, min_size=1, max_size=3).map(tuple),
        ),
        st.builds(Ungroup, cluster_id=cluster_ids),
        st.builds(RenameCluster, cluster_id=cluster_ids, title=st.sampled_from(TITLES)),
        st.builds(
            VoteOp,
            card_id=st.sampled_from(clusters * 3 + present + ["g1"]),
            delta=st.sampled_from([1, 1, -1]),
        ),
        st.builds(SetPrivate, on=st.booleans()),
        st.just(Reveal()),
    )
    return st.tuples(ops, st.sampled_from(STEP_ACTORS))


def moves_of(session: Session, card_id: str) -> st.SearchStrategy[Op]:
    """Moves of one card, mostly within its own theme, before a card of the target theme."""
    home = session.card(card_id)
    assert home is not None
    theme = st.sampled_from([home.theme] * 3 + THEME_IDS)
    return theme.flatmap(
        lambda target: st.builds(
            MoveCard,
            card_id=st.just(card_id),
            theme=st.just(target),
            before=st.none()
            | st.sampled_from([c.id for c in session.cards_in(target)] or [card_id]),
        )
    )


def cluster_starts() -> st.SearchStrategy[Session]:
    crowded = [
        c.model_copy(update={"position": i}) for i, c in enumerate(SMALL_CARDS)
    ]  # adjacent positions: the first insert renumbers
    return st.sampled_from(
        [
            make_session(),
            make_session(cards=crowded),
            board(C1),
            board(C1, ("c2", "leren", ("r1", "b2")), open_to_all=("cluster",)),
            board(open_to_all=("cluster",)),
        ]
    )


def check_step(old: Session, op: Op, actor: Actor, outcome: Applied) -> None:
    new = outcome.session
    assert apply_changes(old, outcome.changes) == new
    wire = CHANGES.validate_json(CHANGES.dump_json(outcome.changes))
    assert dump(apply_changes(old, wire)) == dump(new)
    again = Session.model_validate(dump(new))
    assert dump(again) == dump(new)
    check_clusters(new)
    for person in new.participants:
        assert new.dots_used(person.id) <= new.dots, person.id
    for theme in new.themes:
        spots = Counter(c.position for c in new.cards if c.theme == theme.id)
        assert all(n == 1 for n in spots.values()), f"two cards on one position in {theme.id}"
    for cluster in new.clusters:
        assert not any(c.hidden for c in new.members(cluster.id))
    who = old.participant(actor.id)
    if outcome.changes and who is not None and who.role not in EDITORS:
        if "cluster" not in old.open_to_all:
            # Without clustering opened, a participant never groups, ungroups or renames:
            # only their own delete can end a cluster.
            assert not any(isinstance(c, ClusterPut) for c in outcome.changes), op
            for change in outcome.changes:
                if isinstance(change, CardPut) and (before := old.card(change.card.id)):
                    assert change.card.cluster == before.cluster, op
                if isinstance(change, ClusterRemoved):
                    assert isinstance(op, DeleteCard), op


@settings(max_examples=150, deadline=None)
@given(start=cluster_starts(), data=st.data())
def test_any_cluster_ops_keep_the_session_valid_and_clusters_together(
    start: Session, data: st.DataObject
) -> None:
    session = start
    for _ in range(data.draw(st.integers(5, 30), label="steps")):
        op, actor = data.draw(cluster_steps(session))
        outcome = apply(session, op, actor, NOW)
        event(f"{op.type}: {outcome.key if isinstance(outcome, Refused) else 'applied'}")
        if isinstance(outcome, Refused):
            assert outcome.key in i18n.MESSAGES, outcome.key
            continue
        check_step(session, op, actor, outcome)
        if isinstance(op, MoveCard) and (moved := session.card(op.card_id)) and moved.cluster:
            whole = len([c for c in outcome.changes if isinstance(c, CardPut)]) > 1
            event("moved a whole cluster" if whole else "moved within a cluster")
        session = outcome.session
    event(f"clusters at the end: {min(len(session.clusters), 3)}")
    assert dumps_session(Session.model_validate(dump(session))) == dumps_session(session)


def test_dots_on_cards_move_to_the_cluster_they_join() -> None:
    # Dots placed before grouping are not stuck on a card nobody can vote on any more:
    # they move to the cluster, and the voter's budget stays exactly as spent.
    session = make_session()
    session = ok(session, run(session, VoteOp(card_id="a1", delta=1), ANNA)).session
    session = ok(session, run(session, VoteOp(card_id="a2", delta=1), ANNA)).session
    session = ok(session, run(session, VoteOp(card_id="b1", delta=1), BRAM)).session
    grouped = ok(
        session, run(session, GroupCards(cluster_id="c9", title="Regie", cards=("a1", "a2")))
    ).session
    votes = {(v.voter, v.card): v.dots for v in grouped.votes}
    assert votes == {(ANNA.id, "c9"): 2, (BRAM.id, "b1"): 1}
    assert grouped.dots_used(ANNA.id) == session.dots_used(ANNA.id) == 2
    # Taking a dot back now works on the cluster.
    back = ok(grouped, run(grouped, VoteOp(card_id="c9", delta=-1), ANNA)).session
    assert {(v.voter, v.card): v.dots for v in back.votes}[(ANNA.id, "c9")] == 1
