"""The rules: one pure function decides what an Op does and who may do it.

`apply(session, op, actor, now)` returns either `Applied` (the new session and the
Changes that lead to it) or `Refused` (a message key and its values, so every client can
say why in its own language). The offline board and the relay both call it; nothing else
changes a session. `apply_changes` replays Changes on a copy, as every client does with
what the relay sends.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_never

from tui_board.core.clustering import (
    group,
    leaving,
    may_cluster,
    move_clustered,
    rename,
    suggest,
    ungroup,
)
from tui_board.core.instrument_rules import check_principle, evaluate, start_evaluation, tag_reflex
from tui_board.core.instruments import Instrument
from tui_board.core.model import (
    EDITORS,
    Agreement,
    Answer,
    Capability,
    Card,
    Participant,
    Role,
    Session,
    Timer,
    board_order,
)
from tui_board.core.ops import (
    Actor,
    AddCard,
    AddPerson,
    AgreementPut,
    AnswerOp,
    CardPut,
    CardRemoved,
    Change,
    CheckPrinciple,
    CloseAnswers,
    CloseRound,
    CloseVoting,
    Confirm,
    DeleteCard,
    DraftAgreement,
    EditCard,
    Evaluate,
    GroupCards,
    Join,
    MergeParticipants,
    MoveCard,
    OnBehalf,
    Op,
    ParticipantPut,
    RatifyMinutes,
    RecordedPut,
    RemoveParticipant,
    RenameCluster,
    Reveal,
    ReviewOp,
    SetDots,
    SetKind,
    SetMandate,
    SetPhase,
    SetPrivate,
    SetRole,
    SetSpelregels,
    Spotlight,
    StartEvaluation,
    StartRound,
    SuggestCluster,
    TagReflex,
    TimerOp,
    Ungroup,
    VoteOp,
    VotePut,
    VotesShown,
)
from tui_board.core.outcome import Applied as Applied
from tui_board.core.outcome import Outcome as Outcome
from tui_board.core.outcome import Refused as Refused
from tui_board.core.outcome import apply_changes as apply_changes
from tui_board.core.outcome import done
from tui_board.core.outcome import state_of as state_of
from tui_board.core.placing import GAP as GAP
from tui_board.core.placing import outside_clusters, place
from tui_board.core.seats import merge, remove
from tui_board.core.terugblik import ratify, review
from tui_board.core.text import MAX_CARD_TEXT, clean_card_text, clean_line, clean_text

MAX_TIMER = 24 * 3600
"""The longest timer, in seconds (as `Timer.duration` allows)."""


def apply(session: Session, op: Op, actor: Actor, now: dt.datetime) -> Outcome:
    """Decide whether `actor` may do `op` on `session` at time `now`, and what it changes."""
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    if isinstance(op, Join):
        return _join(session, op, actor)
    who = _who(session, actor, type(op))
    if isinstance(who, Refused):
        return who
    person = who
    # The session says what role someone has now (a role can be handed over mid-session).
    actor = Actor(actor.id, person.role)
    match op:
        case AddCard():
            return _add(session, op, actor, now)
        case EditCard():
            return _edit(session, op, actor, now)
        case DeleteCard():
            return _delete(session, op, actor)
        case MoveCard():
            return _move(session, op, actor, now)
        case Confirm():
            return _confirm(session, actor)
        case SetMandate():
            return _mandate(session, op, person)
        case SetPhase() | SetPrivate() | Reveal() | Spotlight() | TimerOp() | SetSpelregels():
            return facilitate(session, op, now)
        case SetRole():
            return _set_role(session, op, actor)
        case VoteOp():
            return _vote(session, op, actor)
        case SetDots():
            if op.dots == session.dots:
                return Applied(session, ())
            return done(session, [state_of(session).model_copy(update={"dots": op.dots})])
        case CloseVoting():
            return _close_voting(session, op)
        case SetKind():
            return _set_kind(session, op, actor, now)
        case DraftAgreement():
            return _draft(session, op)
        case StartRound() | CloseAnswers() | CloseRound():
            return _round(session, op)
        case AnswerOp():
            return _answer(session, op, actor)
        case GroupCards():
            return group(session, op, actor, now)
        case Ungroup():
            return ungroup(session, op, actor, now)
        case RenameCluster():
            return rename(session, op, actor)
        case SuggestCluster():
            return suggest(session, op, actor)
        case TagReflex():
            return tag_reflex(session, op, actor, now)
        case StartEvaluation():
            return start_evaluation(session, op)
        case Evaluate():
            return evaluate(session, op, actor)
        case CheckPrinciple():
            return check_principle(session, op)
        case ReviewOp():
            return review(session, op)
        case RatifyMinutes():
            return ratify(session, op)
        case MergeParticipants():
            return merge(session, op)
        case RemoveParticipant():
            return remove(session, op)
        case AddPerson():
            return _add_person(session, op, actor, now)
        case OnBehalf():
            return _on_behalf(session, op, actor, now)
        case _:
            assert_never(op)


def allowed(
    session: Session, actor: Actor, kind: type[Op], card_id: str | None = None
) -> Refused | None:
    """Whether `actor` may do an op of this kind now: None if so, else the rules' own
    refusal (why, and the phase in which it will be possible). `card_id` also asks about
    that card (one's own, for editing and deleting it). What an op carries (its text, its
    theme) is not asked: a board asks this before the op is made, to refuse a key before
    anything is typed; `apply` decides on the op itself, with the same answer as here."""
    if kind is Join:
        return None
    who = _who(session, actor, kind)
    if isinstance(who, Refused):
        return who
    if card_id is not None and kind in (EditCard, DeleteCard):
        card = _own_card(session, card_id, Actor(actor.id, who.role))
        if isinstance(card, Refused):
            return card
    return None


def _who(session: Session, actor: Actor, kind: type) -> Participant | Refused:
    """The person at the table who may do an op of this kind in this phase, or why not."""
    if actor.role is Role.OBSERVER:
        return Refused("refused.observer")
    person = session.participant(actor.id)
    if person is None:
        return Refused("refused.not_at_table")
    # The session says what role someone has now (a role can be handed over mid-session).
    actor = Actor(actor.id, person.role)
    if actor.role is Role.OBSERVER:
        return Refused("refused.observer")
    switched_off = _switched_off(session, actor, kind)
    if switched_off is not None:
        return switched_off
    capability = _CAPABILITY.get(kind)
    if capability is not None:
        held_back = _phase_refusal(session, actor, capability)
        if held_back is not None:
            return held_back
    elif kind not in (SetMandate, SuggestCluster) and actor.role not in EDITORS:
        return Refused("refused.facilitator_only")
    return person


FOR_GOOD = frozenset(
    {
        "refused.observer",
        "refused.not_at_table",
        "refused.facilitator_only",
        "refused.instrument_off",
        "refused.reflex_facilitator",
        "refused.cluster_facilitator",
    }
)
"""The refusals of `allowed` that no phase changes: not for this person, or not in this
session (its template's switches). A board does not offer such a key at all; any other
refusal is a "not yet" that the board says when the key is pressed."""

_INSTRUMENT: dict[type, Instrument] = {
    TagReflex: "reflexen",
    StartEvaluation: "evaluatie",
    Evaluate: "evaluatie",
    CheckPrinciple: "principes",
}
"""Ops that belong to one of the method's instruments (a template can leave it out)."""


def _switched_off(session: Session, actor: Actor, kind: type) -> Refused | None:
    """What the session's own switches say about an op of this kind: its instrument is
    not used, or it is for facilitators unless the template opens it to all."""
    instrument = _INSTRUMENT.get(kind)
    if instrument is not None and instrument not in session.instruments:
        return Refused("refused.instrument_off")
    if kind is TagReflex and actor.role not in EDITORS and "reflex" not in session.open_to_all:
        return Refused("refused.reflex_facilitator")
    if kind in (GroupCards, Ungroup, RenameCluster) and not may_cluster(session, actor):
        return Refused("refused.cluster_facilitator")
    return None


_CAPABILITY: dict[type, Capability] = {
    AddCard: "add_card",
    EditCard: "edit_card",
    DeleteCard: "edit_card",
    MoveCard: "move_card",
    Confirm: "confirm",
    VoteOp: "vote",
    AnswerOp: "consent",
    SetKind: "edit_card",
    # Who may cluster is the cluster rules' to say; in a phase, as moving cards.
    GroupCards: "move_card",
    Ungroup: "move_card",
    RenameCluster: "move_card",
    TagReflex: "edit_card",
    Evaluate: "evaluate",
}


def _phase_refusal(session: Session, actor: Actor, capability: Capability) -> Refused | None:
    """Refused when the current phase does not allow this to participants."""
    phase = session.current_phase()
    if phase is None or actor.role in EDITORS or capability in phase.allows:
        return None
    # Point to the next phase that allows it (one that is over would not help), else the first.
    index = session.phases.index(phase)
    later = (p for p in session.phases[index + 1 :] if capability in p.allows)
    where = next(later, next((p for p in session.phases if capability in p.allows), None))
    if where is None:
        return Refused(f"refused.phase.{capability}.never")
    return Refused(f"refused.phase.{capability}", {"phase": where.title})


def _join(session: Session, op: Join, actor: Actor) -> Outcome:
    name = clean_line(op.name, 100)
    if not name:
        return Refused("refused.name_empty")
    known = session.participant(actor.id)
    person = Participant(
        id=actor.id,
        name=name,
        organisation=clean_line(op.organisation, 100),
        role=known.role if known else actor.role,
        mandate=op.mandate if op.mandate is not None else (known.mandate if known else None),
    )
    if known == person:
        return Applied(session, ())
    return done(session, [ParticipantPut(participant=person)])


def _card_text(text: str) -> str | Refused:
    cleaned = clean_card_text(text)  # its lines stay (a blank line at most between them)
    if not cleaned:
        return Refused("refused.text_empty")
    if len(cleaned) > MAX_CARD_TEXT:
        return Refused("refused.text_too_long", {"max": str(MAX_CARD_TEXT)})
    return cleaned


def _own_card(session: Session, card_id: str, actor: Actor) -> Card | Refused:
    card = session.card(card_id)
    if card is None:
        return Refused("refused.no_card")
    if actor.role not in EDITORS and card.author != actor.id:
        return Refused("refused.not_your_card")
    return card


def _add(session: Session, op: AddCard, actor: Actor, now: dt.datetime) -> Outcome:
    if session.theme(op.theme) is None:
        return Refused("refused.no_theme", {"theme": op.theme})
    if session.card(op.card_id) is not None or session.cluster(op.card_id) is not None:
        return Refused("refused.card_exists")
    text = _card_text(op.text)
    if isinstance(text, Refused):
        return text
    ordered = session.cards_in(op.theme)
    placed = place(ordered, [op.card_id], outside_clusters(ordered, op.before))
    if placed is None:
        return Refused("refused.no_card")
    (position,), shifted = placed
    if op.answers:
        problem = session.card(op.answers)
        if problem is None or problem.hidden or problem.kind != "probleem":
            return Refused("refused.not_a_problem")
    card = Card(
        id=op.card_id,
        theme=op.theme,
        text=text,
        author=actor.id,
        position=position,
        created=now,
        updated=now,
        hidden=session.private,
        kind="voorstel" if op.answers else "",
        answers=op.answers,
    )
    return done(session, [*shifted, CardPut(card=card)])


def _edit(session: Session, op: EditCard, actor: Actor, now: dt.datetime) -> Outcome:
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    text = _card_text(op.text)
    if isinstance(text, Refused):
        return text
    if text == card.text:
        return Applied(session, ())
    return done(session, [CardPut(card=card.model_copy(update={"text": text, "updated": now}))])


def _delete(session: Session, op: DeleteCard, actor: Actor) -> Outcome:
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    changes: list[Change] = [
        CardRemoved(card_id=card.id, theme=card.theme, hidden=card.hidden, author=card.author),
        *leaving(session, card),
    ]
    if session.spotlight == card.id:
        changes.append(state_of(session).model_copy(update={"spotlight": ""}))
    return done(session, changes)


def _move(session: Session, op: MoveCard, actor: Actor, now: dt.datetime) -> Outcome:
    clustered = session.card(op.card_id)
    if op.before == op.card_id and clustered is not None and op.theme == clustered.theme:
        return Applied(session, ())
    if clustered is not None and clustered.cluster and may_cluster(session, actor):
        return move_clustered(session, op, clustered, actor, now)  # also others' cards
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    if session.theme(op.theme) is None:
        return Refused("refused.no_theme", {"theme": op.theme})
    if card.cluster:
        return move_clustered(session, op, card, actor, now)
    others = [c for c in session.cards_in(op.theme) if c.id != card.id]
    placed = place(others, [card.id], outside_clusters(others, op.before))
    if placed is None:
        return Refused("refused.no_card")
    (position,), shifted = placed
    if card.theme == op.theme and card.position == position and not shifted:
        return Applied(session, ())
    moved = card.model_copy(update={"theme": op.theme, "position": position, "updated": now})
    return done(session, [*shifted, CardPut(card=moved)])


def _confirm(session: Session, actor: Actor) -> Outcome:
    if actor.id in session.confirmed:
        return Applied(session, ())
    confirmed = (*session.confirmed, actor.id)
    return done(session, [state_of(session).model_copy(update={"confirmed": confirmed})])


def _mandate(session: Session, op: SetMandate, person: Participant) -> Outcome:
    if person.mandate == op.mandate:
        return Applied(session, ())
    return done(
        session, [ParticipantPut(participant=person.model_copy(update={"mandate": op.mandate}))]
    )


def _someone_else(
    session: Session, actor: Actor, participant_id: str, own: str
) -> Participant | Refused:
    """The person at the table a facilitator acts on. Refused when the actor is not the
    facilitator, when no such person is at the table, and (with the key `own`) when it is
    the facilitator themselves."""
    if actor.role is not Role.FACILITATOR:
        return Refused("refused.facilitator_only")
    person = session.participant(participant_id)
    if person is None:
        return Refused("refused.no_person")
    if person.id == actor.id:
        return Refused(own)
    return person


def _set_role(session: Session, op: SetRole, actor: Actor) -> Outcome:
    target = _someone_else(session, actor, op.participant, "refused.own_role")
    if isinstance(target, Refused):
        return target
    if target.role is op.role:
        return Applied(session, ())
    changes: list[Change] = [
        ParticipantPut(participant=target.model_copy(update={"role": op.role}))
    ]
    if op.role is Role.FACILITATOR:
        giver = session.participant(actor.id)
        assert giver is not None
        changes.append(
            ParticipantPut(participant=giver.model_copy(update={"role": Role.PARTICIPANT}))
        )
    return done(session, changes)


FacilitatorOp = SetPhase | SetPrivate | Reveal | Spotlight | TimerOp | SetSpelregels


def facilitate(session: Session, op: FacilitatorOp, now: dt.datetime) -> Outcome:
    """What the facilitator's room-wide ops change (the caller checked the role)."""
    state = state_of(session)
    match op:
        case SetPhase():
            ids = [p.id for p in session.phases]
            target = op.phase
            if not target and ids:
                here = ids.index(session.phase) if session.phase in ids else 0
                target = ids[max(0, min(len(ids) - 1, here + op.step))]
            if target not in ids:
                return Refused("refused.no_phase")
            new = state.model_copy(update={"phase": target})
        case SetPrivate():
            new = state.model_copy(update={"private": op.on})
        case Spotlight():
            if op.card_id is not None:
                card = session.card(op.card_id)
                if card is None or card.hidden:
                    return Refused("refused.no_card")
            new = state.model_copy(update={"spotlight": op.card_id or ""})
        case TimerOp():
            timer = _timer(session.timer, op, now)
            if isinstance(timer, Refused):
                return timer
            new = state.model_copy(update={"timer": timer})
        case SetSpelregels():
            rules = tuple(line for line in (clean_line(r, 500) for r in op.spelregels) if line)
            # Confirmations are for these rules: saving the same rules keeps them.
            confirmed = state.confirmed if rules == state.spelregels else ()
            new = state.model_copy(update={"spelregels": rules, "confirmed": confirmed})
        case Reveal():
            return _reveal(session, op, now)
        case _:
            assert_never(op)
    if new == state:
        return Applied(session, ())
    return done(session, [new])


def _reveal(session: Session, op: Reveal, now: dt.datetime) -> Outcome:
    if op.theme is not None and session.theme(op.theme) is None:
        return Refused("refused.no_theme", {"theme": op.theme})
    changes: list[Change] = [
        CardPut(card=card.model_copy(update={"hidden": False}))
        for card in board_order(session, session.cards)
        if card.hidden and (op.theme is None or card.theme == op.theme)
    ]
    if op.theme is None and session.private:
        # Revealing everything ends private writing: a card written after it is seen at once.
        # Revealing one theme leaves it on (the other themes are still being written).
        changes.append(state_of(session).model_copy(update={"private": False}))
    return done(session, changes)


def _timer(timer: Timer | None, op: TimerOp, now: dt.datetime) -> Timer | None | Refused:
    if op.action == "start":
        if op.seconds <= 0:
            return Refused("refused.timer_length")
        return Timer(duration=op.seconds, ends=now + dt.timedelta(seconds=op.seconds))
    if op.action == "stop":
        return None
    if timer is None:
        return Refused("refused.no_timer")
    if op.action == "pause":
        if timer.ends is None:
            return timer
        return timer.model_copy(update={"ends": None, "left": timer.remaining(now)})
    if op.action == "resume":
        if timer.ends is not None:
            return timer
        return timer.model_copy(update={"ends": now + dt.timedelta(seconds=timer.left), "left": 0})
    # Never past the longest timer a session can hold (a longer one would not load again).
    extra = min(op.seconds or 60, MAX_TIMER - timer.duration)
    if extra <= 0:
        return timer
    if timer.ends is not None:
        ends = max(timer.ends, now) + dt.timedelta(seconds=extra)
        return timer.model_copy(update={"ends": ends, "duration": timer.duration + extra})
    return timer.model_copy(update={"left": timer.left + extra, "duration": timer.duration + extra})


def _vote(session: Session, op: VoteOp, actor: Actor) -> Outcome:
    """A dot on or off a card; the budget is the relay's to guard, whatever a client sends."""
    if session.voting == "closed":
        return Refused("refused.vote_closed")
    card = session.card(op.card_id) or session.cluster(op.card_id)
    if card is None or (isinstance(card, Card) and card.hidden):
        return Refused("refused.no_card")
    if isinstance(card, Card) and card.cluster:
        return Refused("refused.vote_in_cluster")
    mine = next((v.dots for v in session.votes if v.voter == actor.id and v.card == card.id), 0)
    dots = mine + op.delta
    if dots < 0:
        return Applied(session, ())
    if op.delta > 0 and session.dots_used(actor.id) >= session.dots:
        return Refused("refused.vote_budget", {"dots": str(session.dots)})
    # Only a dot going on is held to the most per card: after the facilitator lowered the
    # budget, taking dots back from a card that holds more must still work.
    if op.delta > 0 and dots > session.dots:
        key = "refused.vote_card.one" if session.dots == 1 else "refused.vote_card"
        return Refused(key, {"dots": str(session.dots)})
    return done(session, [VotePut(voter=actor.id, card=card.id, dots=dots)])


def _close_voting(session: Session, op: CloseVoting) -> Outcome:
    state = state_of(session)
    if op.closed:
        if session.voting == "closed":
            return Applied(session, ())
        closed = state.model_copy(update={"voting": "closed"})
        return done(session, [closed, VotesShown(votes=session.votes)])
    if session.voting != "closed":
        return Applied(session, ())
    # Open again: every vote once more (views give each viewer only their own), so boards
    # that were shown the tally let go of others' votes, as a fresh snapshot would.
    opened = state.model_copy(update={"voting": ""})
    return done(session, [opened, VotesShown(votes=session.votes)])


def _draft(session: Session, op: DraftAgreement) -> Outcome:
    """A new TWO, or a changed draft. The why is required (spelregel 6)."""
    what = clean_text(op.what)
    why = clean_text(op.why)
    if not what:
        return Refused("refused.what_needed")
    if not why:
        return Refused("refused.why_needed")
    if len(what) > 500 or len(why) > 1000:
        return Refused("refused.text_too_long", {"max": "500" if len(what) > 500 else "1000"})
    owners = tuple(dict.fromkeys(clean_line(o, 100) for o in op.owners if clean_line(o, 100)))
    at_table = set(session.organisations())
    unknown = [o for o in owners if o not in at_table]
    if unknown:
        return Refused("refused.owner_unknown", {"owner": unknown[0]})
    if op.source and session.card(op.source) is None and session.cluster(op.source) is None:
        return Refused("refused.no_card")
    if op.legs and "benen" not in session.instruments:
        return Refused("refused.instrument_off")
    old = session.agreement(op.agreement_id)
    if old is not None and old.status in ROUND:
        return Refused("refused.in_round")
    base = old or Agreement(id=op.agreement_id, what=what, why=why)
    new = base.model_copy(
        update={
            "what": what,
            "why": why,
            "owners": owners,
            "review": op.review,
            "source": op.source or base.source,
            "legs": tuple(leg for leg in ("administratief", "adaptief") if leg in op.legs),
            "status": "concept",  # an amended agreement goes through a new round
        }
    )
    if new == old:
        return Applied(session, ())
    return done(session, [AgreementPut(agreement=new)])


ROUND = frozenset({"in_ronde", "beraad"})
"""An agreement in a consent round: answering (in_ronde), or answering closed and the
facilitator choosing (beraad)."""


def _round(session: Session, op: StartRound | CloseAnswers | CloseRound) -> Outcome:
    """A consent round in three steps: start it (answers come in, each seen by its answerer
    only); close answering (every answer seen by all: counted reactions and concerns);
    then choose — adopt, back to concept or park. Never a choice before the answers show."""
    agreement = session.agreement(op.agreement_id)
    if agreement is None:
        return Refused("refused.no_agreement")
    if isinstance(op, StartRound):
        if agreement.status == "in_ronde":
            return Applied(session, ())
        if agreement.status == "beraad":
            return Refused("refused.in_round")
        started = agreement.model_copy(
            update={"status": "in_ronde", "round": agreement.round + 1, "answers": ()}
        )
        return done(session, [AgreementPut(agreement=started)])
    if isinstance(op, CloseAnswers):
        if agreement.status == "beraad":
            return Applied(session, ())
        if agreement.status != "in_ronde":
            return Refused("refused.no_round")
        shown = agreement.model_copy(update={"status": "beraad"})
        return done(session, [AgreementPut(agreement=shown)])
    if agreement.status == "in_ronde":
        return Refused("refused.answers_open")
    if agreement.status != "beraad":
        return Refused("refused.no_round")
    # The concerns stay with the agreement, for the next round (the TWO's second round).
    concerns = agreement.concerns + tuple(a for a in agreement.answers if a.kind == "bedenking")
    closed = agreement.model_copy(update={"status": op.outcome, "concerns": concerns})
    return done(session, [AgreementPut(agreement=closed)])


def _answer(session: Session, op: AnswerOp, actor: Actor) -> Outcome:
    agreement = session.agreement(op.agreement_id)
    if agreement is None:
        return Refused("refused.no_agreement")
    if agreement.status == "beraad":
        return Refused("refused.answers_closed")
    if agreement.status != "in_ronde":
        return Refused("refused.no_round")
    text = clean_text(op.text)
    if op.kind == "bedenking" and not text:
        return Refused("refused.concern_text")
    if len(text) > 500:
        return Refused("refused.text_too_long", {"max": "500"})
    answer = Answer(participant=actor.id, kind=op.kind, text=text, round=agreement.round)
    answers = tuple(a for a in agreement.answers if a.participant != actor.id) + (answer,)
    if answers == agreement.answers:
        return Applied(session, ())
    return done(
        session, [AgreementPut(agreement=agreement.model_copy(update={"answers": answers}))]
    )


def _set_kind(session: Session, op: SetKind, actor: Actor, now: dt.datetime) -> Outcome:
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    if card.kind == op.kind:
        return Applied(session, ())
    update: dict[str, object] = {"kind": op.kind, "updated": now}
    if op.kind != "voorstel":
        update["answers"] = ""  # only a proposal answers a problem
    return done(session, [CardPut(card=card.model_copy(update=update))])


def _recorded(session: Session, actor: Actor, now: dt.datetime) -> list[Change]:
    """The first op of the notulist marks the session as recorded afterwards, by whom."""
    if session.session.recorded is not None:
        return []
    person = session.participant(actor.id)
    name = person.name if person is not None else ""
    return [RecordedPut(recorded=now.date(), recorded_by=name)]


def _add_person(session: Session, op: AddPerson, actor: Actor, now: dt.datetime) -> Outcome:
    """Someone who sat at the table, added when recording afterwards (the facilitator)."""
    if actor.role is not Role.FACILITATOR:
        return Refused("refused.facilitator_only")
    name = clean_line(op.name, 100)
    if not name:
        return Refused("refused.name_empty")
    taken = {p.name.casefold() for p in session.participants}
    if name.casefold() in taken or session.participant(op.participant) is not None:
        return Refused("refused.person_exists", {"name": name})
    person = Participant(
        id=op.participant,
        name=name,
        organisation=clean_line(op.organisation, 100),
        mandate=op.mandate,
    )
    return done(session, [ParticipantPut(participant=person), *_recorded(session, actor, now)])


def _on_behalf(session: Session, op: OnBehalf, actor: Actor, now: dt.datetime) -> Outcome:
    """A card, a consent answer or an evaluation of someone at the table, recorded by the
    facilitator: the rules judge it as that person's own op, in any phase."""
    person = _someone_else(session, actor, op.participant, "refused.behalf_self")
    if isinstance(person, Refused):
        return person
    # The session already happened: its phases do not hold the notulist back.
    unphased = session.model_copy(update={"phases": (), "phase": ""})
    outcome = apply(unphased, op.op, Actor(person.id, person.role), now)
    if isinstance(outcome, Refused) or not outcome.changes:
        return outcome
    return done(session, [*outcome.changes, *_recorded(session, actor, now)])
