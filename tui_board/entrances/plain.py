"""The plain board: a line-by-line board for screen readers and braille lines.

`tussenruimte join URL --plain` reads typed commands from stdin, one per line, and writes
one sentence per line to stdout: where you are when you join, every change once as it
happens, and an answer to every command. No cursor addressing, no box drawing, no colour,
no escape sequence: every text from the wire is cleaned (`text.clean_text`) and so is every
line written. The same live client as the full board (`client.RelayClient`) and the same
rules (`rules.allowed` refuses before sending; otherwise the relay answers).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import math
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TextIO

from tui_board.core.clustering import may_cluster
from tui_board.core.i18n import MESSAGES, language, t, t_count, t_wire
from tui_board.core.instruments import (
    NORM_IDS,
    PRINCIPLES,
    REFLEX_IDS,
    mean,
    norm_title,
    principle_text,
    reflex_text,
)
from tui_board.core.model import (
    EDITORS,
    MAX_DOTS,
    Agreement,
    Card,
    Evaluation,
    Participant,
    Phase,
    Review,
    Role,
    Session,
    Theme,
    board_order,
)
from tui_board.core.ops import (
    Actor,
    AddCard,
    AgreementPut,
    AnswerOp,
    CardPut,
    CardRemoved,
    Change,
    CheckPrinciple,
    CloseAnswers,
    CloseRound,
    CloseVoting,
    ClusterPut,
    ClusterRemoved,
    ClusterSuggested,
    Confirm,
    DeleteCard,
    DraftAgreement,
    EditCard,
    Evaluate,
    EvaluationPut,
    GroupCards,
    MergeParticipants,
    MoveCard,
    Op,
    OriginPut,
    ParticipantPut,
    ParticipantRemoved,
    PrinciplePut,
    RatifyMinutes,
    RemoveParticipant,
    RenameCluster,
    Reveal,
    ReviewOp,
    ReviewPut,
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
    StatePut,
    SuggestCluster,
    TagReflex,
    TimerOp,
    Ungroup,
    VoteOp,
    VotePut,
    VotesShown,
    Waiting,
    new_id,
)
from tui_board.core.phases import phase_ask, phase_title
from tui_board.core.rules import FOR_GOOD, Refused, allowed, apply_changes
from tui_board.core.text import card_lines, clean_text
from tui_board.entrances.ways import newcomer_words
from tui_board.live.client import ENDED, JoinFailed, RelayClient
from tui_board.live.protocol import Newcomer

PRESENCE_PAUSE = 1.0
"""Seconds to gather presence changes into one sentence (a room that fills at once)."""
OFFLINE_PAUSE = 1.0
"""Seconds before a dropped connection is said (a stopped session says only that)."""
DETAILS = ("owners", "review", "legs")
"""The details of an agreement that the facilitator sets one by one, in the order said."""
RECONNECT_SETTLE = 5.0
"""Seconds after coming back in which presence is gathered before it is said: after a
relay restart everyone comes back within a few seconds, and who is not back yet has not
left."""

ANSWER_WORDS = {
    "werkbaar": "werkbaar",
    "workable": "werkbaar",
    "bedenking": "bedenking",
    "concern": "bedenking",
    "achterban": "achterban",
    "consult": "achterban",
}
"""The kinds of answer in a consent round, as typed (Dutch and English)."""

COMMANDS = {
    "help": ("help", "h", "hulp", "?"),
    "card": ("kaart", "k", "card", "c"),
    "list": ("lijst", "l", "list"),
    "edit": ("wijzig", "edit"),
    "delete": ("weg", "delete", "verwijder"),
    "dot": ("stip", "s", "dot", "vote"),
    "answer": ("reactie", "r", "answer"),
    "evaluate": ("evaluatie", "e", "evaluation", "evaluate"),
    "confirm": ("bevestig", "b", "confirm"),
    "rules": ("spelregels", "regels", "rules"),
    "phase": ("fase", "f", "phase"),
    "who": ("wie", "who"),
    "stop": ("stop", "q", "quit", "exit"),
    "next": ("volgende", "next"),
    "previous": ("vorige", "previous"),
    "timer": ("timer",),
    "reveal": ("onthul", "reveal"),
    "spot": ("spot", "spotlight"),
    "voting": ("stemmen", "stemronde", "voting"),
    "private": ("privé", "prive", "private"),
    "agreement": ("afspraak", "agreement"),
    "round": ("ronde", "round"),
    "move": ("verplaats", "move"),
    "problem": ("probleem", "problem"),
    "proposal": ("voorstel", "proposal"),
    "plain_card": ("gewoon", "plain"),
    "mandate": ("mandaat", "mandate"),
    "admit": ("binnen", "binnenlaten", "admit"),
    "refuse": ("weiger", "refuse"),
    "lobby": ("wachtrij", "wachtenden", "lobby"),
    "group": ("cluster", "cl", "groep", "g", "clusteren", "group"),
    "rename": ("hernoem", "hn", "rename"),
    "ungroup": ("ontgroep", "og", "ontcluster", "ungroup", "uncluster"),
    "up": ("omhoog", "oh", "up"),
    "down": ("omlaag", "ol", "down"),
    "reflex": ("reflex", "x"),
    "agreements": ("afspraken", "a", "agreements"),
    "owner": ("eigenaar", "eigenaren", "ei", "owner", "owners"),
    "date": ("datum", "d", "date"),
    "legs": ("benen", "been", "bn", "legs"),
    "terugblik": ("terugblik", "t", "lookback", "look"),
    "minutes": ("notulen", "n", "minutes"),
    "principle": ("principe", "principes", "p", "principle", "principles"),
    "budget": ("stippen", "sp", "budget"),
    "role": ("rol", "ro", "role"),
    "seat": ("plek", "plekken", "pl", "seat", "seats"),
    "rule": ("spelregel", "sr", "rule"),
}
"""Every command with its Dutch name, short forms and English equivalents."""

COMMAND_OPS: dict[str, tuple[type[Op], ...]] = {
    "card": (AddCard,),
    "edit": (EditCard,),
    "delete": (DeleteCard,),
    "move": (MoveCard,),
    "up": (MoveCard,),
    "down": (MoveCard,),
    "problem": (SetKind,),
    "proposal": (SetKind, AddCard),
    "plain_card": (SetKind,),
    "dot": (VoteOp,),
    "answer": (AnswerOp,),
    "evaluate": (Evaluate, StartEvaluation),
    "confirm": (Confirm,),
    "mandate": (SetMandate,),
    "next": (SetPhase,),
    "previous": (SetPhase,),
    "timer": (TimerOp,),
    "reveal": (Reveal,),
    "spot": (Spotlight,),
    "voting": (CloseVoting,),
    "private": (SetPrivate,),
    "agreement": (DraftAgreement,),
    "owner": (DraftAgreement,),
    "date": (DraftAgreement,),
    "legs": (DraftAgreement,),
    "round": (StartRound, CloseAnswers, CloseRound),
    "group": (GroupCards, SuggestCluster),
    "rename": (RenameCluster,),
    "ungroup": (Ungroup,),
    "reflex": (TagReflex,),
    "terugblik": (ReviewOp,),
    "minutes": (RatifyMinutes,),
    "principle": (CheckPrinciple,),
    "budget": (SetDots,),
    "role": (SetRole,),
    "seat": (MergeParticipants, RemoveParticipant),
    "rule": (SetSpelregels,),
}
"""Command → the ops it can make (the commands that only tell something make none)."""

HELP: tuple[tuple[str, tuple[type[Op], ...]], ...] = (
    ("help", ()),
    ("card", (AddCard,)),
    ("list", ()),
    ("edit", (EditCard,)),
    ("delete", (DeleteCard,)),
    ("move", (MoveCard,)),
    ("order", (MoveCard,)),
    ("kind", (SetKind,)),
    ("group", (GroupCards,)),
    ("suggest", (SuggestCluster,)),
    ("reflex", (TagReflex,)),
    ("dot", (VoteOp,)),
    ("agreements", ()),
    ("answer", (AnswerOp,)),
    ("evaluate", (Evaluate,)),
    ("rules", ()),
    ("mandate", (SetMandate,)),
    ("phase", ()),
    ("who", ()),
    ("facilitator", (SetPhase,)),
    ("agreements_lead", (DraftAgreement,)),
    ("agreement_details", (DraftAgreement,)),
    ("terugblik", (ReviewOp,)),
    ("terugblik_view", ()),
    ("minutes", (RatifyMinutes,)),
    ("principles", (CheckPrinciple,)),
    ("principles_view", ()),
    ("people", (SetRole,)),
    ("seats", (MergeParticipants,)),
    ("rule", (SetSpelregels,)),
    ("stop", ()),
    ("changes", ()),
)
"""The lines of `help`, in order, each with the ops one of which this person must be able
to do now for the line to be said (none: always said)."""

LEAD_HELP = frozenset(
    {
        "facilitator",
        "agreements_lead",
        "agreement_details",
        "terugblik",
        "minutes",
        "principles",
        "people",
        "seats",
        "rule",
    }
)
"""The lines of `help` about leading the session: said after `help leiden`."""
LEAD_WORDS = ("leiden", "leid", "begeleiden", "procesbegeleider", "lead", "facilitator")
"""The words after `help` that ask for what a facilitator does."""

_COMMAND_OF = {word: name for name, words in COMMANDS.items() for word in words}
_OFF_WORDS = ("weg", "uit", "off", "remove")
_ON_WORDS = ("aan", "on", "open")
_CLOSE_WORDS = ("sluit", "sluiten", "dicht", "close")
_START_WORDS = ("start", "starten", "begin")
_WHY_WORDS = ("waarom", "why")
_NONE_WORDS = ("geen", "niets", "none", "nothing")
_UNDO_WORDS = ("open", "weg", "terug", "undo", "remove")
VERDICT_WORDS = {
    "werkt": "werkt",
    "works": "werkt",
    "afgerond": "afgerond",
    "klaar": "afgerond",
    "done": "afgerond",
    "bijstellen": "bijstellen",
    "bijstelling": "bijstellen",
    "adjust": "bijstellen",
    "vervallen": "vervallen",
    "vervalt": "vervallen",
    "lapse": "vervallen",
    "lapsed": "vervallen",
}
"""What the group says of an earlier agreement (terugblik), as typed."""
PRINCIPLE_WORDS = {
    "ja": "ja",
    "yes": "ja",
    "deels": "deels",
    "partly": "deels",
    "nee": "nee",
    "no": "nee",
}
"""The answers on a principle, as typed."""
LEG_WORDS: dict[str, tuple[str, ...]] = {
    "administratief": ("administratief",),
    "administrative": ("administratief",),
    "adaptief": ("adaptief",),
    "adaptive": ("adaptief",),
    "beide": ("administratief", "adaptief"),
    "both": ("administratief", "adaptief"),
    "geen": (),
    "none": (),
}
"""The legs an agreement rests on, as typed."""
ROLE_WORDS = {
    "deelnemer": Role.PARTICIPANT,
    "participant": Role.PARTICIPANT,
    "co": Role.COFACILITATOR,
    "tweede": Role.COFACILITATOR,
    "cofacilitator": Role.COFACILITATOR,
    "procesbegeleider": Role.FACILITATOR,
    "facilitator": Role.FACILITATOR,
}
"""The roles a facilitator gives, as typed."""
OUTCOME_WORDS = {
    "aangenomen": "aangenomen",
    "adopted": "aangenomen",
    "concept": "concept",
    "draft": "concept",
    "geparkeerd": "geparkeerd",
    "parked": "geparkeerd",
}
"""How a facilitator closes a consent round, as typed (Dutch and English)."""


def _count_hidden(waiting: Waiting) -> int:
    return sum(waiting.by_theme.values())


class PlainBoard:
    """A `client.Listener` that speaks every change as one sentence, and the commands."""

    def __init__(self, client: RelayClient, write: Callable[[str], None]) -> None:
        if client.session is None or client.you is None:
            raise ValueError("join the relay first (RelayClient.probe)")
        self.client = client
        self.me = client.you.id
        self.session: Session = client.session
        self._write = write
        self.numbers: dict[str, int] = {}
        """Card id → the number this board calls it by (stable for the whole session)."""
        self._number_cards(self.session)
        self.online: tuple[str, ...] = client.online
        self._announced_online = set(client.online)
        self._presence_due: asyncio.TimerHandle | None = None
        self._settle_until = 0.0
        """Until when (event loop time) presence waits for others to come back too."""
        self._timer_due: asyncio.TimerHandle | None = None
        self.hidden = _count_hidden(client.waiting)
        self.voters = client.waiting.voters
        self._lost = False
        self._offline_due: asyncio.TimerHandle | None = None
        self.stopped = False
        self.greeted = False
        self._asking: list[str] | None = None
        """While the evaluation is asked: the norms still to rate (then "" for the line)."""
        self._scores: dict[str, int] = {}
        self.lobby: tuple[Newcomer, ...] = client.lobby
        """Who waits in the lobby, oldest first (facilitators only ever hear of it)."""
        self._announced_lobby = {w.lobby_id for w in client.lobby}

    # --- writing -------------------------------------------------------------------------------

    def say(self, sentence: str) -> None:
        """Write one line: cleaned of every control character, never empty."""
        line = clean_text(sentence)
        if line:
            self._write(line)

    # --- names ---------------------------------------------------------------------------------

    def _number_cards(self, session: Session) -> None:
        for card in board_order(session, session.cards):
            self._number(card.id)

    def _number(self, card_id: str) -> int:
        if card_id not in self.numbers:
            self.numbers[card_id] = len(self.numbers) + 1
        return self.numbers[card_id]

    def _card_by_number(self, word: str) -> Card | None:
        if not word.isdigit():
            return None
        wanted = int(word)
        found = next((cid for cid, n in self.numbers.items() if n == wanted), None)
        return self.session.card(found) if found is not None else None

    def _person(self, person_id: str, session: Session | None = None) -> str:
        person = (session or self.session).participant(person_id)
        if person is None:
            return ""
        name = clean_text(person.name)
        organisation = clean_text(person.organisation)
        return f"{name} ({organisation})" if organisation else name

    def _theme_title(self, theme_id: str, session: Session | None = None) -> str:
        theme = (session or self.session).theme(theme_id)
        return clean_text(theme.title) if theme is not None else theme_id

    def _actor(self) -> Actor:
        person = self.session.participant(self.me)
        role = person.role if person is not None else self._you_role()
        return Actor(self.me, role)

    def _you_role(self) -> Role:
        you = self.client.you
        return you.role if you is not None else Role.PARTICIPANT

    def _phase_line(self) -> str:
        phase = self.session.current_phase()
        if phase is None:
            return t("plain.no_phases")
        number = self.session.phases.index(phase) + 1
        return t(
            "plain.phase",
            number=number,
            total=len(self.session.phases),
            title=clean_text(phase_title(phase.id, phase.title)),
            ask=_ask(phase),
        )

    # --- joining -------------------------------------------------------------------------------

    def greet(self) -> None:
        """Where you are, in one sentence, and what is on the board."""
        title = clean_text(self.session.session.title)
        phase = self.session.current_phase()
        watching = self._you_role() is Role.OBSERVER
        if phase is None:
            key = "plain.welcome_watch_free" if watching else "plain.welcome_free"
            self.say(t(key, title=title))
        else:
            self.say(
                t(
                    "plain.welcome_watch" if watching else "plain.welcome",
                    title=title,
                    number=self.session.phases.index(phase) + 1,
                    total=len(self.session.phases),
                    phase=clean_text(phase_title(phase.id, phase.title)),
                )
            )
            self.say(_ask(phase))
        shown = sum(1 for card in self.session.cards if not card.hidden)
        self.say(t_count("plain.cards_on_board", shown))
        if self.hidden:
            self.say(t_count("plain.hidden", self.hidden))
        origin = self.session.origin
        pending = [entry for entry in self.session.terugblik if not entry.verdict]
        if pending:  # a session that follows another starts looking back
            self.say(t_count("plain.terugblik_first", len(pending)))
        elif origin is not None and origin.vastgesteld is None:
            self.say(t("plain.minutes_first", title=clean_text(origin.title)))
        self._announced_online = set(self.online)
        self.say(t_count("plain.online", self._online_count()))  # the greeting's last line
        self._schedule_timer()

    # --- the Listener protocol ------------------------------------------------------------------

    def on_session(self, session: Session, you: Participant) -> None:
        """A fresh board after a resync: number what is new, say so once."""
        known = set(self.numbers)
        self.me = you.id
        self.session = session
        self._number_cards(session)
        if set(self.numbers) != known:
            shown = sum(1 for card in session.cards if not card.hidden)
            self.say(t_count("plain.reloaded", shown))
        self._schedule_timer()

    def on_changes(self, changes: Sequence[Change]) -> None:
        """Every change once, in the relay's order."""
        for change in changes:
            before = self.session
            if not isinstance(change, Waiting | ClusterSuggested):
                self.session = apply_changes(before, [change])
            for sentence in self._describe(change, before, self.session):
                self.say(sentence)

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        """The relay said no: why, in one sentence."""
        self.say(_refusal(key, {k: clean_text(str(v)) for k, v in values.items()}))

    def on_lobby(self, waiting: tuple[Newcomer, ...]) -> None:
        """Someone new waits in the lobby: say who, and how to let them in (facilitators
        only ever receive this)."""
        self.lobby = waiting
        for number, newcomer in enumerate(waiting, 1):
            if newcomer.lobby_id in self._announced_lobby:
                continue
            self._announced_lobby.add(newcomer.lobby_id)
            self.say(t("plain.lobby_new", who=_newcomer(newcomer), number=number))

    def on_presence(self, online: tuple[str, ...]) -> None:
        """Who is online: gathered for a moment, then said in one sentence."""
        self.online = online
        if self._presence_due is None:
            loop = asyncio.get_running_loop()
            pause = max(PRESENCE_PAUSE, self._settle_until - loop.time())
            self._presence_due = loop.call_later(pause, self._say_presence)

    def on_connection(self, connected: bool) -> None:
        """Say when the connection drops and when it is back (once each). A drop is said
        after a moment: a session that stops says only that, and a quick reconnect nothing."""
        if not connected and self._offline_due is None and not self._lost and not self.stopped:
            loop = asyncio.get_running_loop()
            self._offline_due = loop.call_later(OFFLINE_PAUSE, self._say_offline)
        elif connected:
            self.quiet_offline()
            if not self.greeted:  # the first time in: where you are
                self.greeted = True
                self.greet()
                return
            loop = asyncio.get_running_loop()
            self._settle_until = loop.time() + RECONNECT_SETTLE
            if self._presence_due is not None:  # the welcome's: wait for the others too
                self._presence_due.cancel()
                self._presence_due = loop.call_later(RECONNECT_SETTLE, self._say_presence)
            if self._lost:
                self._lost = False
                self.say(t("plain.online_again"))

    def _say_offline(self) -> None:
        self._offline_due = None
        self._lost = True
        self.say(t("plain.offline"))

    def quiet_offline(self) -> None:
        """Forget a drop not said yet."""
        if self._offline_due is not None:
            self._offline_due.cancel()
            self._offline_due = None

    # --- presence and the timer --------------------------------------------------------------

    def _online_count(self) -> int:
        """How many people are online, this board's person included (a view is nobody)."""
        watching = self._you_role() is Role.OBSERVER
        return len(set(self.online) | (set() if watching else {self.me}))

    def _say_presence(self) -> None:
        self._presence_due = None
        now = set(self.online)
        came = sorted(now - self._announced_online - {self.me})
        left = sorted(self._announced_online - now - {self.me})
        self._announced_online = now
        count = self._online_count()
        if len(came) == 1 and not left:
            self.say(t_count("plain.came", count, name=self._person(came[0]) or "?"))
        elif len(left) == 1 and not came:
            self.say(t_count("plain.left", count, name=self._person(left[0]) or "?"))
        elif came or left:
            self.say(t_count("plain.online", count))

    def _schedule_timer(self) -> None:
        if self._timer_due is not None:
            self._timer_due.cancel()
            self._timer_due = None
        timer = self.session.timer
        if timer is None or timer.ends is None:
            return
        left = (timer.ends - self.client.relay_now()).total_seconds()
        if left <= 0:
            return
        with contextlib.suppress(RuntimeError):  # no loop yet: the greeting schedules again
            loop = asyncio.get_running_loop()
            self._timer_due = loop.call_later(left, self._time_up)

    def _time_up(self) -> None:
        self._timer_due = None
        self.say(t("plain.time_up"))

    # --- changes into sentences ---------------------------------------------------------------

    def _describe(self, change: Change, before: Session, after: Session) -> list[str]:
        match change:
            case CardPut():
                return self._card_put(change.card, before, after)
            case CardRemoved():
                if change.card_id not in self.numbers or before.card(change.card_id) is None:
                    return []
                return [t("plain.card_removed", nr=self.numbers[change.card_id])]
            case ParticipantPut():
                return self._participant_put(change.participant, before)
            case ParticipantRemoved():
                name = self._person(change.participant, before)
                into = self._person(change.into, after) if change.into else ""
                if name and into:
                    return [t("plain.person_merged", name=name, into=into)]
                return [t("plain.person_removed", name=name)] if name else []
            case StatePut():
                return self._state_put(before, after)
            case Waiting():
                return self._waiting(change)
            case VotePut():
                if change.voter != self.me:
                    return []
                return [
                    t_count(
                        "plain.you_dotted",
                        change.dots,
                        target=self._target(change.card, after),
                        left=max(0, after.dots - after.dots_used(self.me)),
                    )
                ]
            case VotesShown():  # also sent when a round opens again: then no result
                return self._votes_shown(after) if after.voting == "closed" else []
            case AgreementPut():
                return self._agreement_put(change.agreement, before, after)
            case ClusterPut():
                old = before.cluster(change.cluster.id)
                title = clean_text(change.cluster.title)
                if old is None:
                    theme = self._theme_title(change.cluster.theme, after)
                    return [t("plain.cluster_new", title=title, theme=theme)]
                if old.title != change.cluster.title:
                    return [t("plain.cluster_renamed", old=clean_text(old.title), title=title)]
                return []
            case ClusterRemoved():
                gone = before.cluster(change.cluster_id)
                return [t("plain.cluster_removed", title=clean_text(gone.title))] if gone else []
            case ClusterSuggested():
                numbers = [str(self.numbers[c]) for c in change.cards if c in self.numbers]
                title = clean_text(change.title)
                return [
                    t(
                        "plain.cluster_suggested" if title else "plain.cluster_suggested_untitled",
                        name=self._person(change.by, after) or "?",
                        title=title,
                        cards=_and(numbers) or "-",
                        command=" ".join([t("plain.group_word"), *numbers, title]).strip(),
                    )
                ]
            case ReviewPut():
                entry = change.review
                ids = [r.id for r in after.terugblik]
                number = ids.index(entry.id) + 1 if entry.id in ids else len(ids) + 1
                return [self._review_line(number, entry)]
            case OriginPut():
                origin = change.origin
                title = clean_text(origin.title)
                if origin.vastgesteld is None:
                    return [t("plain.unratified", title=title)]
                corrections = clean_text(origin.correcties)
                if corrections:
                    corrections = _ended(corrections)
                    return [t("plain.ratified_corrections", title=title, corrections=corrections)]
                return [t("plain.ratified", title=title)]
            case EvaluationPut():
                return self._evaluation_put(change, before)
            case PrinciplePut():
                if change.check is None:
                    return [t("plain.principle_undone", number=change.number)]
                check = change.check
                return [self._principle_line(change.number, check.answer, check)]
        return []

    def _card_put(self, card: Card, before: Session, after: Session) -> list[str]:
        old = before.card(card.id)
        nr = self._number(card.id)
        theme = self._theme_title(card.theme, after)
        text = _card_text(card.text)
        if old is None:
            if card.author == self.me:
                key = "plain.your_card_hidden" if card.hidden else "plain.your_card"
                said = [t(key, nr=nr, theme=theme, text=text)]
            elif who := self._person(card.author, after):
                said = [t("plain.new_card", nr=nr, name=who, theme=theme, text=text)]
            else:
                said = [t("plain.new_card_anonymous", nr=nr, theme=theme, text=text)]
            if card.answers:  # a proposal that answers a problem (spelregel 2)
                said.append(t("plain.answers_problem", nr=nr, problem=self._number(card.answers)))
            return said
        said = []
        if old.hidden and not card.hidden:
            said.append(t("plain.card_revealed", nr=nr, text=text))
        if old.text != card.text:
            said.append(t("plain.card_changed", nr=nr, text=text))
        if old.theme != card.theme:
            said.append(t("plain.card_moved", nr=nr, theme=theme))
        elif old.position != card.position and old.cluster == card.cluster:
            place = [c.id for c in after.cards_in(card.theme)]
            if [c.id for c in before.cards_in(card.theme)].index(card.id) != place.index(card.id):
                where = place.index(card.id) + 1
                said.append(
                    t("plain.card_place", nr=nr, place=where, count=len(place), theme=theme)
                )
        if old.kind != card.kind:
            said.append(t(f"plain.kind.{card.kind or 'none'}", nr=nr))
        if old.cluster != card.cluster:
            cluster = after.cluster(card.cluster) if card.cluster else None
            if cluster is not None:
                said.append(t("plain.card_grouped", nr=nr, title=clean_text(cluster.title)))
            else:
                said.append(t("plain.card_ungrouped", nr=nr))
        if old.reflex != card.reflex:
            if card.reflex:
                name = clean_text(reflex_text(card.reflex, language())[0])
                said.append(t("plain.reflex", nr=nr, reflex=name))
            else:
                said.append(t("plain.reflex_off", nr=nr))
        return said

    def _participant_put(self, person: Participant, before: Session) -> list[str]:
        old = before.participant(person.id)
        if old is None:
            return []  # a newcomer is announced with who is online
        if old.mandate != person.mandate and person.mandate is not None:
            key = "mandate_yes" if person.mandate else "mandate_no"
            if person.id == self.me:
                return [t(f"plain.your_{key}")]
            return [t(f"plain.{key}", name=self._person(person.id))]
        if old.role == person.role:
            return []  # a new name or organisation shows in what comes next
        role = t(f"plain.role.{person.role.value}")
        if person.id == self.me:
            return [t("plain.your_role", role=role)]
        return [t("plain.role_of", name=self._person(person.id), role=role)]

    def _state_put(self, before: Session, after: Session) -> list[str]:
        said: list[str] = []
        if before.phase != after.phase:
            said.append(self._phase_line())
        if before.private != after.private:
            said.append(t("plain.private_on" if after.private else "plain.private_off"))
        if before.spotlight != after.spotlight:
            said.append(self._spotlight(after))
        if before.timer != after.timer:
            said.extend(self._timer_line(before, after))
            self._schedule_timer()
        if before.spelregels != after.spelregels:
            said.append(t("plain.rules_changed"))
        for person in after.confirmed:
            if person in before.confirmed:
                continue
            if person == self.me:
                said.append(t("plain.you_confirmed"))
            else:
                said.append(t("plain.confirmed", name=self._person(person, after) or "?"))
        if before.dots != after.dots:
            said.append(t_count("plain.dots", after.dots))
        if before.voting != after.voting:
            said.append(t("plain.voting_closed" if after.voting else "plain.voting_open"))
        return said

    def _spotlight(self, after: Session) -> str:
        card = after.card(after.spotlight) if after.spotlight else None
        if card is None:
            return t("plain.spotlight_off")
        who = self._person(card.author, after)
        return t(
            "plain.spotlight",
            nr=self._number(card.id),
            name=who or t("plain.nobody"),
            text=_card_text(card.text),
        )

    def _timer_line(self, before: Session, after: Session) -> list[str]:
        timer = after.timer
        if timer is None:
            return [t("plain.timer_stopped")]
        minutes = math.ceil(timer.remaining(self.client.relay_now()) / 60)
        if timer.ends is None:
            return [t_count("plain.timer_paused", minutes)]
        return [t_count("plain.timer_runs", minutes)]

    def _waiting(self, change: Waiting) -> list[str]:
        said: list[str] = []
        hidden = _count_hidden(change)
        if hidden != self.hidden:
            self.hidden = hidden
            said.append(t_count("plain.hidden", hidden) if hidden else t("plain.hidden_none"))
        if change.voters != self.voters:
            self.voters = change.voters
            if change.voters:
                said.append(t_count("plain.voters", change.voters))
        return said

    def _target(self, target: str, session: Session) -> str:
        cluster = session.cluster(target)
        if cluster is not None:
            return t("plain.group_name", title=clean_text(cluster.title))
        return t("plain.card_name", nr=self._number(target))

    def _votes_shown(self, after: Session) -> list[str]:
        tally = sorted(after.tally().items(), key=lambda item: (-item[1], item[0]))
        if not tally:
            return [t("plain.no_votes")]
        said = [t("plain.result")]
        for target, dots in tally:
            card = after.card(target)
            text = _card_text(card.text) if card is not None else ""
            name = self._target(target, after)
            said.append(t_count("plain.result_line", dots, target=name[:1].upper() + name[1:]))
            if text:
                said[-1] = f"{said[-1]} {text}"
        return said

    def _agreement_number(self, agreement_id: str, session: Session) -> int:
        ids = [a.id for a in session.agreements]
        return ids.index(agreement_id) + 1 if agreement_id in ids else len(ids) + 1

    def _agreement_put(self, new: Agreement, before: Session, after: Session) -> list[str]:
        old = before.agreement(new.id)
        nr = self._agreement_number(new.id, after)
        what = clean_text(new.what)
        details = self._details(new)
        if old is None:
            why = _ended(clean_text(new.why))
            said = [t("plain.agreement_new", nr=nr, what=_ended(what), why=why)]
            if new.revisits:
                said.append(self._revisits(nr, new, after))
            if details:
                said.append(t("plain.agreement_details", nr=nr, details=details))
            return said
        said = []
        changed = self._changed_details(old, new)
        if changed:
            said.append(t("plain.agreement_details", nr=nr, details=changed))
        if old.status != new.status:
            if new.status == "in_ronde":
                said.append(t("plain.round_started", nr=nr, what=_ended(what)))
            else:
                key = f"plain.status.{new.status}"
                if key in MESSAGES:
                    said.append(t(key, nr=nr))
                else:  # a status of a newer relay: said as it is
                    said.append(t("plain.status", nr=nr, status=clean_text(new.status)))
                if old.status == "in_ronde":  # answering closed: now everyone sees them
                    said.append(self._answers_line(new))
            return said
        if (old.what, old.why) != (new.what, new.why):
            said.append(t("plain.agreement_changed", nr=nr, what=what))
        if old.answers != new.answers:
            mine_before = next((a for a in old.answers if a.participant == self.me), None)
            mine = next((a for a in new.answers if a.participant == self.me), None)
            if mine is not None and mine != mine_before:
                said.append(t("plain.you_answered", nr=nr, kind=t(f"plain.answer.{mine.kind}")))
            elif len(new.answers) != len(old.answers):
                said.append(t_count("plain.answers", len(new.answers), nr=nr))
        return said

    def _answers_line(self, agreement: Agreement) -> str:
        counts = {kind: 0 for kind in ("werkbaar", "bedenking", "achterban")}
        for answer in agreement.answers:
            if answer.kind in counts:
                counts[answer.kind] += 1
        concerns = [clean_text(a.text) for a in agreement.answers if a.kind == "bedenking"]
        line = t("plain.answers_summary", **{k: str(v) for k, v in counts.items()})
        if concerns:
            text = _ended("; ".join(c for c in concerns if c))
            line = f"{line} {t('plain.concerns', text=text)}"
        return line

    def _evaluation_put(self, change: EvaluationPut, before: Session) -> list[str]:
        new = change.evaluation
        old = before.evaluation
        if old is None or (new.open and not old.open):
            return [t("plain.evaluation_started")]
        said: list[str] = []
        if self.me in new.answered and self.me not in old.answered:
            said.append(t("plain.you_evaluated"))
        elif new.count != old.count:
            said.append(t_count("plain.evaluated", new.count))
        if old.open and not new.open:
            said.append(t("plain.evaluation_closed"))
            said.extend(self._evaluation_result(new))
        return said

    def _evaluation_result(self, evaluation: Evaluation) -> list[str]:
        if not evaluation.scores:
            return [t("plain.evaluation_too_few")]
        said = [t("plain.evaluation_result")]
        for norm in NORM_IDS:
            average = mean(evaluation.scores.get(norm, (0, 0, 0, 0, 0)))
            if average is not None:
                figure = f"{average:.1f}"
                figure = figure.replace(".", ",") if language() == "nl" else figure
                said.append(
                    t("plain.evaluation_norm", norm=norm_title(norm, language()), mean=figure)
                )
        lines = [clean_text(line) for line in evaluation.lines if clean_text(line)]
        if lines:
            said.append(t("plain.evaluation_lines", lines="; ".join(lines)))
        return said

    # --- commands ------------------------------------------------------------------------------

    def handle(self, line: str) -> None:
        """One typed line: a command, or the next answer of the evaluation."""
        line = clean_text(line)
        if self._asking is not None:
            self._evaluation_step(line)
            return
        if not line:
            return
        words = line.split()
        command = _COMMAND_OF.get(words[0].casefold())
        rest = words[1:]
        if command is None:
            self.say(t("plain.unknown", word=words[0]))
            return
        getattr(self, f"_do_{command}")(rest)

    def _submit(self, op: Op, card_id: str | None = None) -> bool:
        """Send `op` if the rules allow it now; else say why (nothing is sent)."""
        refused = allowed(self.session, self._actor(), type(op), card_id)
        if refused is not None:
            self._refuse(refused)
            return False
        self.client.submit(op)
        if not self.client.connected:
            self.say(t("plain.queued"))
        return True

    def _do_lobby(self, rest: list[str]) -> None:
        if not self._lobby_open():
            return
        for number, newcomer in enumerate(self.lobby, 1):
            self.say(t("plain.lobby_line", number=number, who=_newcomer(newcomer)))

    def _lobby_open(self) -> bool:
        """Whether there is a lobby to act on: a facilitator's, with someone waiting (else
        it says why not)."""
        if self._actor().role not in EDITORS:
            self.say(t("plain.lobby_facilitator"))
            return False
        if not self.lobby:
            self.say(t("lobby.none"))
            return False
        return True

    def _do_admit(self, rest: list[str]) -> None:
        self._decide(rest, admit=True)

    def _do_refuse(self, rest: list[str]) -> None:
        self._decide(rest, admit=False)

    def _decide(self, rest: list[str], admit: bool) -> None:
        """`binnen N` / `weiger N`: let the N-th who waits in, or not (the relay decides
        whether we may; it answers a refusal as any other)."""
        if not self._lobby_open():
            return
        number = int(rest[0]) if rest and rest[0].isdigit() else 0
        if not 1 <= number <= len(self.lobby):
            self.say(t_count("plain.lobby_which", len(self.lobby)))
            return
        newcomer = self.lobby[number - 1]
        if not self.client.decide(newcomer.lobby_id, admit):
            self.say(t("plain.queued"))
            return
        key = "plain.lobby_admitted" if admit else "plain.lobby_refused"
        self.say(t(key, who=_newcomer(newcomer)))

    def _do_help(self, rest: list[str]) -> None:
        """What this person may do now, one line each; a last line when more comes later.
        What only a facilitator does comes apart, after `help leiden`: a screen reader
        reads every line, and a facilitator's whole help is some 25."""
        session, actor = self.session, self._actor()
        leading = bool(rest) and rest[0].casefold() in LEAD_WORDS
        later = lead_more = False
        for key, kinds in HELP:
            refusals = [allowed(session, actor, kind) for kind in kinds]
            if kinds and None not in refusals:
                later = later or any(r is not None and r.key not in FOR_GOOD for r in refusals)
                continue
            if key == "suggest" and may_cluster(session, actor):
                continue  # they group cards themselves
            if not self._help_fits(key):
                continue
            if (key in LEAD_HELP) != leading:
                lead_more = lead_more or key in LEAD_HELP
                continue
            self.say(t(f"plain.help.{key}"))
        if actor.role in EDITORS:
            if leading:
                self.say(t("plain.help.lobby"))
            else:
                lead_more = True
        if lead_more:
            self.say(t("plain.help.lead_more"))
        if later:
            self.say(t("plain.help.later"))

    def _help_fits(self, key: str) -> bool:
        """Whether a line of help is about this session (beyond what the rules allow)."""
        session = self.session
        leads = self._may(ReviewOp)
        if key in ("terugblik", "terugblik_view"):  # a session that follows another
            return bool(session.terugblik) and leads == (key == "terugblik")
        if key == "minutes":
            return session.origin is not None
        if key == "principles_view":
            return "principes" in session.instruments and not self._may(CheckPrinciple)
        return True

    def _theme(self, word: str) -> Theme | None:
        """The theme `word` names (its number, id or any unambiguous word of its title);
        None after saying why not."""
        themes = self.session.themes
        if word.isdigit():
            if 1 <= int(word) <= len(themes):
                return themes[int(word) - 1]
            self.say(t_count("plain.no_theme_number", len(themes), word=word))
            return None
        wanted = word.casefold()
        exact = [th for th in themes if wanted == th.id or wanted in th.title.casefold().split()]
        found = exact or [
            th
            for th in themes
            if any(w.startswith(wanted) for w in th.title.casefold().split()) and len(wanted) >= 3
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            self.say(t("plain.no_theme", word=word, themes=self._theme_list(themes)))
            return None
        names = [f"{themes.index(th) + 1} {clean_text(th.title)}" for th in found]
        self.say(t("plain.which_theme", themes=_either(names, "; ")))
        return None

    def _theme_list(self, themes: Sequence[Theme]) -> str:
        return "; ".join(f"{i} {clean_text(th.title)}" for i, th in enumerate(themes, 1))

    def _do_card(self, rest: list[str]) -> None:
        if len(rest) < 2:
            self.say(t("plain.card_how", themes=self._theme_list(self.session.themes)))
            return
        theme = self._theme(rest[0])
        if theme is None:
            return
        op = AddCard(card_id=new_id("k"), theme=theme.id, text=" ".join(rest[1:]))
        self._submit(op)

    def _do_list(self, rest: list[str]) -> None:
        themes: Sequence[Theme] = self.session.themes
        if rest:
            chosen = self._theme(rest[0])
            if chosen is None:
                return
            themes = (chosen,)
        votes = self.session.tally() if self.session.voting == "closed" else {}
        for theme in themes:
            number = self.session.themes.index(theme) + 1
            cards = self.session.cards_in(theme.id)
            self.say(t_count("plain.list_theme", len(cards), number=number, theme=theme.title))
            for card in cards:
                self.say(self._card_line(card, votes.get(card.id, 0)))
        if self.hidden:
            self.say(t_count("plain.hidden", self.hidden))

    def _card_line(self, card: Card, dots: int) -> str:
        who = self._person(card.author)
        key = "plain.list_card" if who else "plain.list_card_anonymous"
        line = t(key, nr=self._number(card.id), name=who, text=_card_text(card.text))
        if card.hidden:
            line = f"{line} {t('plain.list_hidden')}"
        notes = []
        cluster = self.session.cluster(card.cluster) if card.cluster else None
        if cluster is not None:
            notes.append(t("plain.list_group", title=clean_text(cluster.title)))
        if card.reflex:
            reflex = clean_text(reflex_text(card.reflex, language())[0])
            notes.append(t("plain.list_reflex", reflex=reflex))
        if notes:
            line = f"{line} ({'; '.join(notes)})"
        if dots:
            line = f"{line} {t_count('plain.list_dots', dots)}"
        return line

    def _card_arg(self, rest: list[str], how: str) -> Card | None:
        if not rest:
            self.say(t(how))
            return None
        card = self._card_by_number(rest[0])
        if card is None:
            self.say(t("plain.no_card", word=rest[0]))
        return card

    def _card_with_more(self, rest: list[str], how: str) -> Card | None:
        """The card `rest` starts with, when more words follow it (else it says `how`)."""
        card = self._card_arg(rest, how)
        if card is not None and len(rest) < 2:
            self.say(t(how))
            return None
        return card

    def _do_edit(self, rest: list[str]) -> None:
        card = self._card_with_more(rest, "plain.edit_how")
        if card is None:
            return
        text = " ".join(rest[1:])
        if clean_text(text) == card.text:
            self.say(t("plain.same_text", nr=self._number(card.id)))
            return
        self._submit(EditCard(card_id=card.id, text=text), card.id)

    def _do_delete(self, rest: list[str]) -> None:
        card = self._card_arg(rest, "plain.delete_how")
        if card is not None:
            self._submit(DeleteCard(card_id=card.id), card.id)

    def _do_dot(self, rest: list[str]) -> None:
        delta: int = 1
        if rest and rest[0].casefold() in _OFF_WORDS:
            delta, rest = -1, rest[1:]
        card = self._card_arg(rest, "plain.dot_how")
        if card is None:
            return
        # A card in a group is voted on as its group (the board does the same).
        target = card.cluster or card.id
        self._submit(VoteOp(card_id=target, delta=1 if delta > 0 else -1))

    def _do_answer(self, rest: list[str]) -> None:
        rounds = [a for a in self.session.agreements if a.status == "in_ronde"]
        chosen: Agreement | None = None
        if rest and rest[0].isdigit():
            number = int(rest[0])
            agreements = self.session.agreements
            if 1 <= number <= len(agreements):
                chosen = agreements[number - 1]
            rest = rest[1:]
            if chosen is None or chosen.status != "in_ronde":
                self.say(t("plain.no_round_for", nr=number))
                return
        elif len(rounds) == 1:
            chosen = rounds[0]
        elif not rounds:
            self.say(t("plain.no_round"))
            return
        else:
            numbers = [str(self._agreement_number(a.id, self.session)) for a in rounds]
            self.say(t("plain.which_round", numbers=_either(numbers)))
            return
        kind = ANSWER_WORDS.get(rest[0].casefold()) if rest else None
        if kind is None:
            self.say(t("plain.answer_how"))
            return
        text = " ".join(rest[1:])
        if kind == "bedenking" and not clean_text(text):
            self.say(t("plain.concern_how"))
            return
        assert kind in ("werkbaar", "bedenking", "achterban")
        self._submit(AnswerOp(agreement_id=chosen.id, kind=kind, text=text))

    def _do_evaluate(self, rest: list[str]) -> None:
        word = rest[0].casefold() if rest else ""
        if word in _START_WORDS or word in _CLOSE_WORDS:  # the facilitator's
            self._submit(StartEvaluation(close=word in _CLOSE_WORDS))
            return
        evaluation = self.session.evaluation
        refused = allowed(self.session, self._actor(), Evaluate)
        if refused is not None:
            self._refuse(refused)
        elif evaluation is None or not evaluation.open:
            self.say(t("plain.no_evaluation"))
        elif self.me in evaluation.answered:
            self.say(t("plain.evaluated_already"))
        else:
            self._asking = [*NORM_IDS, ""]
            self._scores = {}
            self.say(t("plain.evaluation_how"))
            self._ask_next()

    def _ask_next(self) -> None:
        assert self._asking is not None
        norm = self._asking[0]
        if norm:
            number = len(NORM_IDS) - len(self._asking) + 2
            self.say(t("plain.evaluation_ask", number=number, norm=norm_title(norm, language())))
        else:
            self.say(t("plain.evaluation_line"))

    def _evaluation_step(self, line: str) -> None:
        assert self._asking is not None
        if line.casefold() in COMMANDS["stop"]:
            self._asking = None
            self.say(t("plain.evaluation_cancelled"))
            return
        norm = self._asking[0]
        if norm:
            if line not in ("1", "2", "3", "4", "5"):
                self.say(t("plain.evaluation_score"))
                return
            self._scores[norm] = int(line)
            self._asking = self._asking[1:]
            self._ask_next()
            return
        self._asking = None
        self._submit(Evaluate(scores=dict(self._scores), line=line))

    def _do_confirm(self, rest: list[str]) -> None:
        if self.me in self.session.confirmed:
            self.say(t("plain.confirmed_already"))
        else:
            self._submit(Confirm())

    def _do_rules(self, rest: list[str]) -> None:
        if not self.session.spelregels:
            self.say(t("plain.no_rules"))
            return
        for number, rule in enumerate(self.session.spelregels, 1):
            self.say(t("plain.rule", number=number, text=clean_text(rule)))
        if self.me not in self.session.confirmed:
            self.say(t("plain.confirm_how"))

    def _do_phase(self, rest: list[str]) -> None:
        self.say(self._phase_line())
        timer = self.session.timer
        if timer is not None:
            left = timer.remaining(self.client.relay_now())
            if left > 0:
                self.say(t_count("plain.timer_left", math.ceil(left / 60)))

    def _do_who(self, rest: list[str]) -> None:
        others = [self._person(p) for p in self.online if p != self.me]
        names = [n for n in others if n]
        count = self._online_count()
        watching = self._you_role() is Role.OBSERVER
        if names:
            key = "plain.who_watching" if watching else "plain.who"
            self.say(t_count(key, count, names=", ".join(names)))
        else:
            self.say(t("plain.who_nobody" if watching else "plain.who_alone"))

    def _do_stop(self, rest: list[str]) -> None:
        self.stopped = True

    def _do_next(self, rest: list[str]) -> None:
        self._submit(SetPhase(step=1))

    def _do_previous(self, rest: list[str]) -> None:
        self._submit(SetPhase(step=-1))

    def _do_timer(self, rest: list[str]) -> None:
        word = rest[0].casefold() if rest else ""
        if word in _OFF_WORDS or word == "stop":
            self._submit(TimerOp(action="stop"))
        elif word in ("pauze", "pause"):
            self._submit(TimerOp(action="pause"))
        elif word in ("verder", "resume"):
            self._submit(TimerOp(action="resume"))
        elif word in ("erbij", "langer", "add") and len(rest) == 2 and rest[1].isdigit():
            self._submit(TimerOp(action="add", seconds=min(int(rest[1]), 24 * 60) * 60))
        elif word.isdigit() and 1 <= int(word) <= 24 * 60:
            self._submit(TimerOp(action="start", seconds=int(word) * 60))
        else:
            self.say(t("plain.timer_how"))

    def _do_reveal(self, rest: list[str]) -> None:
        if not rest:
            self._submit(Reveal())
            return
        theme = self._theme(rest[0])  # only that theme; private writing stays on
        if theme is not None:
            self._submit(Reveal(theme=theme.id))

    def _yes_or_no(
        self, rest: list[str], yes: tuple[str, ...], no: tuple[str, ...], how: str
    ) -> bool | None:
        """True or False for the first word when it is one of `yes` or `no`; else None (and
        it says `how`)."""
        word = rest[0].casefold() if rest else ""
        if word in yes or word in no:
            return word in yes
        self.say(t(how))
        return None

    def _do_voting(self, rest: list[str]) -> None:
        closed = self._yes_or_no(rest, _CLOSE_WORDS, _ON_WORDS, "plain.voting_how")
        if closed is not None:
            self._submit(CloseVoting(closed=closed))

    def _do_private(self, rest: list[str]) -> None:
        on = self._yes_or_no(rest, _ON_WORDS, _OFF_WORDS, "plain.private_how")
        if on is not None:
            self._submit(SetPrivate(on=on))

    def _do_agreement(self, rest: list[str]) -> None:
        split = next((i for i, w in enumerate(rest) if w.casefold() in _WHY_WORDS), None)
        if split is None or split == 0 or split == len(rest) - 1:
            self.say(t("plain.agreement_how"))
            return
        what, why = " ".join(rest[:split]), " ".join(rest[split + 1 :])
        self._submit(DraftAgreement(agreement_id=new_id("a"), what=what, why=why))

    def _do_round(self, rest: list[str]) -> None:
        agreements = self.session.agreements
        if not rest or not rest[0].isdigit() or not 1 <= int(rest[0]) <= len(agreements):
            self.say(t("plain.round_how"))
            return
        agreement = agreements[int(rest[0]) - 1]
        if len(rest) == 1:
            self._submit(StartRound(agreement_id=agreement.id))
            return
        if rest[1].casefold() in _CLOSE_WORDS:  # answering closes; then the choice
            self._submit(CloseAnswers(agreement_id=agreement.id))
            return
        outcome = OUTCOME_WORDS.get(rest[1].casefold())
        if outcome is None:
            self.say(t("plain.round_how"))
            return
        assert outcome in ("aangenomen", "concept", "geparkeerd")
        self._submit(CloseRound(agreement_id=agreement.id, outcome=outcome))

    def _do_move(self, rest: list[str]) -> None:
        card = self._card_with_more(rest, "plain.move_how")
        if card is None:
            return
        theme = self._theme(rest[1])
        if theme is not None:
            self._submit(MoveCard(card_id=card.id, theme=theme.id))

    def _do_problem(self, rest: list[str]) -> None:
        card = self._card_arg(rest, "plain.problem_how")
        if card is not None:
            self._submit(SetKind(card_id=card.id, kind="probleem"), card.id)

    def _do_proposal(self, rest: list[str]) -> None:
        card = self._card_arg(rest, "plain.proposal_how")
        if card is None:
            return
        if len(rest) < 2:  # mark the card itself as a proposal
            self._submit(SetKind(card_id=card.id, kind="voorstel"), card.id)
            return
        # A new card that answers this problem (spelregel 2), in the problem's theme.
        text = " ".join(rest[1:])
        self._submit(AddCard(card_id=new_id("k"), theme=card.theme, text=text, answers=card.id))

    def _do_plain_card(self, rest: list[str]) -> None:
        card = self._card_arg(rest, "plain.plain_card_how")
        if card is not None:
            self._submit(SetKind(card_id=card.id, kind=""), card.id)

    def _do_mandate(self, rest: list[str]) -> None:
        mandate = self._yes_or_no(rest, ("ja", "yes"), ("nee", "no"), "plain.mandate_how")
        if mandate is not None:
            self._submit(SetMandate(mandate=mandate))

    def _do_spot(self, rest: list[str]) -> None:
        if rest and rest[0].casefold() in _OFF_WORDS:
            self._submit(Spotlight(card_id=None))
            return
        card = self._card_arg(rest, "plain.spot_how")
        if card is not None:
            self._submit(Spotlight(card_id=card.id))

    # --- permission ---------------------------------------------------------------------------

    def _refuse(self, refused: Refused) -> None:
        """Say why not: the plain board's own words where the board's name a key."""
        self.say(_refusal(refused.key, refused.values))

    def _refused(self, kind: type[Op]) -> bool:
        """Whether the rules refuse this person an op of `kind` now (then say why)."""
        refused = allowed(self.session, self._actor(), kind)
        if refused is not None:
            self._refuse(refused)
        return refused is not None

    def _may(self, kind: type[Op]) -> bool:
        return allowed(self.session, self._actor(), kind) is None

    # --- clusters ------------------------------------------------------------------------------

    def _numbered_cards(self, rest: list[str]) -> tuple[list[Card], str] | None:
        """The cards numbered at the start of `rest`, and the words after them; None after
        saying which number is no card."""
        cards: list[Card] = []
        index = 0
        while index < len(rest) and rest[index].rstrip(",").isdigit():
            word = rest[index].rstrip(",")
            card = self._card_by_number(word)
            if card is None:
                self.say(t("plain.no_card", word=word))
                return None
            if card not in cards:
                cards.append(card)
            index += 1
        return cards, " ".join(rest[index:])

    def _do_group(self, rest: list[str]) -> None:
        refused = allowed(self.session, self._actor(), GroupCards)
        suggesting = refused is not None and refused.key == "refused.cluster_facilitator"
        if suggesting and self._refused(SuggestCluster):
            return
        if refused is not None and not suggesting:
            self._refuse(refused)
            return
        parsed = self._numbered_cards(rest)
        if parsed is None:
            return
        cards, title = parsed
        if not cards:
            self.say(t("plain.suggest_how" if suggesting else "plain.group_how"))
            return
        ids = tuple(card.id for card in cards)
        if suggesting:
            if len(cards) < 2:
                self.say(t("plain.group_two"))
            elif any(card.hidden for card in cards):  # as the rules would refuse it
                self.say(_refusal("refused.cluster_hidden", {}))
            elif self._submit(SuggestCluster(title=title, cards=ids)):
                self.say(t("plain.suggest_sent"))
            return
        cluster = self.session.cluster(cards[0].cluster) if cards[0].cluster else None
        if cluster is not None:  # more cards into the first card's group
            if all(card.cluster == cluster.id for card in cards) and not title:
                self.say(t("plain.group_already", nr=self._number(cards[0].id)))
                return
            self._submit(GroupCards(cluster_id=cluster.id, title=title or cluster.title, cards=ids))
            return
        if len(cards) < 2:
            self.say(t("plain.group_two"))
            return
        title = title or _card_text(cards[0].text)[:60]
        self._submit(GroupCards(cluster_id=new_id("c"), title=title, cards=ids))

    def _grouped_card(self, rest: list[str], how: str, kind: type[Op]) -> Card | None:
        """The card named first in `rest`, if it is in a group (else None, said why)."""
        if self._refused(kind):
            return None
        card = self._card_arg(rest, how)
        if card is not None and not card.cluster:
            self.say(t("plain.not_grouped", nr=self._number(card.id)))
            return None
        return card

    def _do_rename(self, rest: list[str]) -> None:
        card = self._grouped_card(rest, "plain.rename_how", RenameCluster)
        if card is None:
            return
        if len(rest) < 2:
            self.say(t("plain.rename_how"))
            return
        self._submit(RenameCluster(cluster_id=card.cluster, title=" ".join(rest[1:])))

    def _do_ungroup(self, rest: list[str]) -> None:
        card = self._grouped_card(rest, "plain.ungroup_how", Ungroup)
        if card is not None:
            self._submit(Ungroup(cluster_id=card.cluster))

    # --- the order within a theme ----------------------------------------------------------

    def _do_up(self, rest: list[str]) -> None:
        self._reorder(rest, -1)

    def _do_down(self, rest: list[str]) -> None:
        self._reorder(rest, 1)

    def _reorder(self, rest: list[str], step: int) -> None:
        """One place up or down in its theme, as the board's keys do."""
        if self._refused(MoveCard):
            return
        card = self._card_arg(rest, "plain.up_how" if step < 0 else "plain.down_how")
        if card is None:
            return
        listing = [c.id for c in self.session.cards_in(card.theme)]
        index = listing.index(card.id)
        nr = self._number(card.id)
        if step < 0:
            if index == 0:
                self.say(t("plain.at_top", nr=nr))
                return
            before: str | None = listing[index - 1]
        else:
            if index >= len(listing) - 1:
                self.say(t("plain.at_bottom", nr=nr))
                return
            before = listing[index + 2] if index + 2 < len(listing) else None
        self._submit(MoveCard(card_id=card.id, theme=card.theme, before=before), card.id)

    # --- reflexes ------------------------------------------------------------------------------

    def _do_reflex(self, rest: list[str]) -> None:
        if self._refused(TagReflex):
            return
        card = self._card_arg(rest, "plain.reflex_how")
        if card is None:
            return
        reflex = _reflex(rest[1:]) if len(rest) > 1 else None
        if reflex is None:
            names = [f"{i} {reflex_text(r, language())[0]}" for i, r in enumerate(REFLEX_IDS, 1)]
            self.say(t("plain.reflex_which", reflexes="; ".join(names)))
            return
        if reflex == card.reflex:
            self.say(t("plain.reflex_same", nr=self._number(card.id)))
            return
        self._submit(TagReflex.model_validate({"card_id": card.id, "reflex": reflex}), card.id)

    # --- agreements: the list, owners, review date, legs ------------------------------------

    def _do_agreements(self, rest: list[str]) -> None:
        agreements = self.session.agreements
        if not agreements:
            self.say(t("plain.no_agreements"))
            return
        for number, agreement in enumerate(agreements, 1):
            line = t(
                "plain.agreement_line",
                nr=number,
                status=t(f"two.status.{agreement.status}"),
                what=_ended(clean_text(agreement.what)),
                why=_ended(clean_text(agreement.why)),
            )
            details = self._details(agreement)
            if details:
                line = f"{line} {_ended(_capital(details))}"
            if agreement.revisits:
                line = f"{line} {self._revisits(number, agreement, self.session)}".rstrip()
            self.say(line)

    def _revisits(self, nr: int, agreement: Agreement, session: Session) -> str:
        """Which terugblik entry a draft adjusts ("" when none)."""
        ids = [r.id for r in session.terugblik]
        if agreement.revisits not in ids:
            return ""
        entry = session.terugblik[ids.index(agreement.revisits)]
        number = ids.index(agreement.revisits) + 1
        what = _ended(clean_text(entry.what))
        return t("plain.agreement_revisits", nr=nr, review=number, what=what)

    def _details(self, agreement: Agreement) -> str:
        """Owners, review date and legs, as one phrase ("" when none is set)."""
        return "; ".join(part for part in self._detail_parts(agreement) if part)

    def _changed_details(self, old: Agreement, new: Agreement) -> str:
        """What changed of owners, review date and legs, as one phrase: a detail that
        was taken away is said as gone ("" when none changed)."""
        parts = zip(self._detail_parts(old), self._detail_parts(new), DETAILS, strict=True)
        return "; ".join(
            now or t(f"plain.detail.no_{field}") for was, now, field in parts if was != now
        )

    def _detail_parts(self, agreement: Agreement) -> tuple[str, str, str]:
        """The phrase of each of owners, review date and legs ("" when not set)."""
        owners = review = legs = ""
        if agreement.owners:
            names = _and([clean_text(o) for o in agreement.owners])
            owners = t("plain.detail.owners", owners=names)
        if agreement.review is not None:
            review = t("plain.detail.review", date=_date(agreement.review))
        if agreement.legs:
            words = _and([t(f"plain.leg.{leg}") for leg in agreement.legs])
            legs = t("plain.detail.legs", legs=words)
        return owners, review, legs

    def _agreement_arg(self, rest: list[str], how: str) -> Agreement | None:
        agreements = self.session.agreements
        if not rest or not rest[0].isdigit():
            self.say(t(how))
            return None
        number = int(rest[0])
        if not 1 <= number <= len(agreements):
            self.say(t_count("plain.no_agreement_nr", len(agreements), nr=number))
            return None
        return agreements[number - 1]

    def _to_redraft(self, rest: list[str], how: str) -> Agreement | None:
        """The agreement `rest` names, when this person may draft agreements (else it says
        why not, or `how`)."""
        if self._refused(DraftAgreement):
            return None
        return self._agreement_arg(rest, how)

    def _redraft(
        self,
        agreement: Agreement,
        owners: tuple[str, ...] | None = None,
        review: dt.date | None | bool = True,
        legs: tuple[str, ...] | None = None,
    ) -> None:
        """The agreement again with other owners, review date or legs (`review` True: as
        it is); the rules decide whether it may change now."""
        data = {
            "agreement_id": agreement.id,
            "what": agreement.what,
            "why": agreement.why,
            "owners": agreement.owners if owners is None else owners,
            "review": agreement.review if review is True else review,
            "source": agreement.source,
            "legs": agreement.legs if legs is None else legs,
        }
        self._submit(DraftAgreement.model_validate(data))

    def _do_owner(self, rest: list[str]) -> None:
        agreement = self._to_redraft(rest, "plain.owner_how")
        if agreement is None:
            return
        text = " ".join(rest[1:])
        if not text:
            organisations = "; ".join(clean_text(o) for o in self.session.organisations())
            self.say(t("plain.owner_which", organisations=organisations or "-"))
            return
        owners: tuple[str, ...] = ()
        if text.casefold() not in _NONE_WORDS:
            at_table = {o.casefold(): o for o in self.session.organisations()}
            named = (part.strip() for part in text.split(","))
            owners = tuple(at_table.get(part.casefold(), part) for part in named if part)
        self._redraft(agreement, owners=owners)

    def _do_date(self, rest: list[str]) -> None:
        agreement = self._to_redraft(rest, "plain.date_how")
        if agreement is None:
            return
        word = rest[1] if len(rest) == 2 else ""
        if word.casefold() in _NONE_WORDS:
            self._redraft(agreement, review=None)
            return
        day = _parse_date(word)
        if day is None:
            self.say(t("plain.date_how"))
            return
        self._redraft(agreement, review=day)

    def _do_legs(self, rest: list[str]) -> None:
        agreement = self._to_redraft(rest, "plain.legs_how")
        if agreement is None:
            return
        words = [w.casefold().strip(",") for w in rest[1:] if w.casefold() not in ("en", "and")]
        if not words or any(w not in LEG_WORDS for w in words):
            self.say(t("plain.legs_how"))
            return
        legs = {leg for word in words for leg in LEG_WORDS[word]}
        self._redraft(agreement, legs=tuple(sorted(legs)))

    # --- the terugblik and the minutes --------------------------------------------------------

    def _do_terugblik(self, rest: list[str]) -> None:
        entries = self.session.terugblik
        if not rest:
            if not entries:
                self.say(t("plain.no_terugblik"))
                return
            for number, entry in enumerate(entries, 1):
                self.say(self._review_line(number, entry))
            if self._may(ReviewOp):
                self.say(t("plain.terugblik_how"))
            return
        number = int(rest[0]) if rest[0].isdigit() else 0
        if len(rest) == 1 and 1 <= number <= len(entries):  # hear that one
            self.say(self._review_line(number, entries[number - 1]))
            return
        if self._refused(ReviewOp):
            return
        if not entries:
            self.say(t("plain.no_terugblik"))
            return
        word = rest[1].casefold() if len(rest) > 1 else ""
        verdict = VERDICT_WORDS.get(word, "" if word in _UNDO_WORDS else None)
        if not 1 <= number <= len(entries) or verdict is None:
            self.say(t_count("plain.terugblik_how_count", len(entries)))
            return
        op = ReviewOp.model_validate(
            {
                "review_id": entries[number - 1].id,
                "verdict": verdict,
                "note": " ".join(rest[2:]),
                "agreement_id": new_id("a") if verdict == "bijstellen" else "",
            }
        )
        self._submit(op)

    def _review_line(self, number: int, entry: Review) -> str:
        verdict = entry.verdict
        said = t(
            "plain.terugblik_line",
            nr=number,
            what=_ended(clean_text(entry.what)),
            verdict=t(f"plain.verdict.{verdict}") if verdict else t("plain.verdict.open"),
        )
        note = clean_text(entry.note)
        return f"{said} {t('plain.review_note', note=_ended(note))}" if note else said

    def _do_minutes(self, rest: list[str]) -> None:
        origin = self.session.origin
        if origin is None:
            self.say(t("refused.no_origin"))
            return
        word = rest[0].casefold() if rest else ""
        if not word:
            title = clean_text(origin.title)
            if origin.vastgesteld is None:
                self.say(t("plain.minutes_open", title=title))
            else:
                self.say(self._describe(OriginPut(origin=origin), self.session, self.session)[0])
            if self._may(RatifyMinutes):
                self.say(t("plain.minutes_how"))
            return
        if self._refused(RatifyMinutes):
            return
        if word in ("vaststellen", "vast", "ratify"):
            self._submit(RatifyMinutes(note=" ".join(rest[1:])))
        elif word in _UNDO_WORDS:
            self._submit(RatifyMinutes(ratified=False))
        else:
            self.say(t("plain.minutes_how"))

    # --- the principles ------------------------------------------------------------------

    def _do_principle(self, rest: list[str]) -> None:
        if "principes" not in self.session.instruments:
            self.say(t("refused.instrument_off"))
            return
        if not rest:
            checks = {check.number: check for check in self.session.principles}
            self.say(t_count("plain.principles_said", len(checks)))
            for number in range(1, len(PRINCIPLES) + 1):
                check = checks.get(number)
                self.say(self._principle_line(number, check.answer if check else "", check))
            if self._may(CheckPrinciple):
                self.say(t("plain.principle_how"))
            return
        number = int(rest[0]) if rest[0].isdigit() else 0
        if len(rest) == 1 and 1 <= number <= len(PRINCIPLES):  # hear that one
            check = next((c for c in self.session.principles if c.number == number), None)
            self.say(self._principle_line(number, check.answer if check else "", check))
            return
        if self._refused(CheckPrinciple):
            return
        word = rest[1].casefold() if len(rest) > 1 else ""
        answer = PRINCIPLE_WORDS.get(word, "" if word in _UNDO_WORDS else None)
        if not 1 <= number <= len(PRINCIPLES) or answer is None:
            self.say(t("plain.principle_how"))
            return
        data = {"number": number, "answer": answer, "note": " ".join(rest[2:])}
        self._submit(CheckPrinciple.model_validate(data))

    def _principle_line(self, number: int, answer: str, check: object) -> str:
        text = _ended(clean_text(principle_text(number, language())))
        said = t(
            "plain.principle_line",
            number=number,
            text=text,
            answer=t(f"plain.principle_answer.{answer or 'open'}"),
        )
        note = clean_text(getattr(check, "note", ""))
        return f"{said} {_ended(note)}" if note else said

    # --- the dots and the roles ------------------------------------------------------------

    def _do_budget(self, rest: list[str]) -> None:
        if not rest:  # how many dots everyone has, and how many are left to you
            left = max(0, self.session.dots - self.session.dots_used(self.me))
            self.say(t_count("plain.budget_left", self.session.dots, left=left))
            return
        if not self._may(SetDots):
            self.say(t("plain.budget_facilitator"))
            return
        if len(rest) != 1 or not rest[0].isdigit() or not 1 <= int(rest[0]) <= MAX_DOTS:
            self.say(t("plain.budget_how", most=MAX_DOTS))
            return
        self._submit(SetDots(dots=int(rest[0])))

    def _do_role(self, rest: list[str]) -> None:
        if self._refused(SetRole):
            return
        role = ROLE_WORDS.get(rest[-1].casefold()) if len(rest) > 1 else None
        if role is None:
            self.say(t("plain.role_how"))
            return
        person = self._seat(rest[:-1])
        if person is not None:
            self._submit(SetRole(participant=person.id, role=role))

    def _seats(self) -> list[Participant]:
        """Everyone at the table (not who watches), numbered from 1 in this order."""
        return [p for p in self.session.participants if p.role is not Role.OBSERVER]

    def _seat(self, words: Sequence[str]) -> Participant | None:
        """The person `words` name: their seat number, their name, or its start; None after
        saying who is at the table."""
        seats = self._seats()
        wanted = " ".join(words).casefold()
        if wanted.isdigit() and 1 <= int(wanted) <= len(seats):
            return seats[int(wanted) - 1]
        found = [p for p in seats if p.name.casefold() == wanted] or [
            p for p in seats if wanted and p.name.casefold().startswith(wanted)
        ]
        if len(found) == 1:
            return found[0]
        names = [f"{i} {self._person(p.id)}" for i, p in enumerate(seats, 1)]
        self.say(t("plain.role_who", word=" ".join(words), names="; ".join(names) or "-"))
        return None

    def _do_seat(self, rest: list[str]) -> None:
        if not rest:
            for number, person in enumerate(self._seats(), 1):
                role = t(f"plain.role.{person.role.value}")
                online = t("plain.seat_online" if person.id in self.online else "plain.seat_away")
                self.say(
                    t("plain.seat_line", nr=number, name=self._person(person.id), role=role)
                    + f" {online}"
                )
            if self._may(MergeParticipants):
                self.say(t("plain.seat_how"))
            return
        words = [w.casefold() for w in rest]
        if words[-1] in _OFF_WORDS or words[-1] in ("weghalen",):
            if self._refused(RemoveParticipant):
                return
            empty = self._seat(rest[:-1])
            if empty is not None:
                self._submit(RemoveParticipant(participant=empty.id))
            return
        split = next((i for i, w in enumerate(words) if w in ("in", "into", "bij")), None)
        if split is None or split == 0 or split == len(rest) - 1:
            self.say(t("plain.seat_how"))
            return
        if self._refused(MergeParticipants):
            return
        gone = self._seat(rest[:split])
        keep = self._seat(rest[split + 1 :]) if gone is not None else None
        if gone is not None and keep is not None:
            self._submit(MergeParticipants(keep=keep.id, merge=gone.id))

    # --- editing the spelregels ----------------------------------------------------------

    def _do_rule(self, rest: list[str]) -> None:
        if self._refused(SetSpelregels):
            return
        rules = list(self.session.spelregels)
        word = rest[0].casefold() if rest else ""
        text = " ".join(rest[1:])
        if word in ("erbij", "nieuw", "add", "new") and text:
            rules.append(text)
        elif word.isdigit() and 1 <= int(word) <= len(rules) and text:
            number = int(word)
            if text.casefold() in _OFF_WORDS:
                del rules[number - 1]
            else:
                rules[number - 1] = text
        else:
            self.say(t_count("plain.rule_how", len(rules)))
            return
        self._submit(SetSpelregels(spelregels=tuple(rules)))


def _ask(phase: Phase) -> str:
    """What a phase asks, with typed commands where the board's text names a key."""
    key = f"plain.ask.{phase.id}"
    return t(key) if key in MESSAGES else clean_text(phase_ask(phase.id, phase.ask))


def _card_text(text: str) -> str:
    """A card's text on one line: its lines (a card may have several) joined by "; ",
    or by a space after a line that already ends a sentence."""
    joined = ""
    for line in card_lines(text):
        if line:
            between = " " if not joined or joined[-1] in ".!?…:;," else "; "
            joined = f"{joined}{between}{line}" if joined else line
    return joined


def _refusal(key: str, values: dict[str, str]) -> str:
    """A refusal of the rules in one sentence: the plain board's own words where the
    board's name a key or a mark, else the rules' own."""
    own = f"plain.{key}"
    if own in MESSAGES:
        with contextlib.suppress(KeyError, IndexError, ValueError):
            return t(own, **values)
    return t_wire(key, values)


def _reflex(words: Sequence[str]) -> str | None:
    """The reflex `words` name: its number, "uit", or a word of its name (either language)."""
    word = words[0].casefold() if words else ""
    if word in _OFF_WORDS or word in _NONE_WORDS:
        return ""
    if word.isdigit():
        number = int(word)
        return REFLEX_IDS[number - 1] if 1 <= number <= len(REFLEX_IDS) else None
    wanted = " ".join(words).casefold()
    found = [
        reflex
        for reflex in REFLEX_IDS
        for lang in ("nl", "en")
        if reflex.startswith(word) or reflex_text(reflex, lang)[0].casefold().startswith(wanted)
    ]
    unique = set(found)
    return found[0] if len(unique) == 1 and len(word) >= 3 else None


def _parse_date(word: str) -> dt.date | None:
    """A typed date: 2027-03-01, or as written in Dutch 1-3-2027 (also with / or .)."""
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(word)
    parts = word.replace("/", "-").replace(".", "-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        with contextlib.suppress(ValueError):
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    return None


def _date(day: dt.date) -> str:
    """A date as people say it: "1 maart 2027"."""
    months = t("report.months").split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _and(names: Sequence[str]) -> str:
    """The names with the language's word for "and" before the last: "GGD, School en Wijk"."""
    if len(names) < 2:
        return "".join(names)
    return t("plain.and", first=", ".join(names[:-1]), last=names[-1])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ended(text: str) -> str:
    """`text` as a sentence: with a full stop unless it already ends like one."""
    return text if not text or text[-1] in ".!?…" else f"{text}."


def _either(names: Sequence[str], between: str = ", ") -> str:
    """The names with the language's word for "or" before the last: "1, 2 of 3"."""
    if len(names) < 2:
        return "".join(names)
    return t("plain.or", first=between.join(names[:-1]), last=names[-1])


def _read_lines(
    stream: TextIO, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]
) -> None:
    """Read `stream` line by line into `queue` (None at the end), in its own thread."""
    while True:
        try:
            line = stream.readline()
        except (OSError, ValueError):
            line = ""
        try:
            loop.call_soon_threadsafe(queue.put_nowait, line or None)
        except RuntimeError:  # the loop is closed: the board has ended
            return
        if not line:
            return


async def run_plain(
    client: RelayClient,
    stdin: TextIO | None = None,
    write: Callable[[str], None] | None = None,
) -> int:
    """The plain board on a joined client until `stop`, the end of input, or a fatal close."""
    output = sys.stdout
    for stream in (sys.stdin, sys.stdout):  # a wrong byte or a plain locale ends nothing
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]

    def say(line: str) -> None:
        output.write(line + "\n")
        output.flush()

    board = PlainBoard(client, write or say)  # it greets once the connection is up
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    loop = asyncio.get_running_loop()
    reader = threading.Thread(
        target=_read_lines, args=(stdin or sys.stdin, loop, queue), daemon=True, name="stdin"
    )
    reader.start()
    running = asyncio.create_task(client.run(board))
    code = 0
    while not board.stopped:
        line_task = asyncio.ensure_future(queue.get())
        done, _ = await asyncio.wait({line_task, running}, return_when=asyncio.FIRST_COMPLETED)
        if running in done:
            line_task.cancel()
            board.quiet_offline()
            try:
                running.result()
            except JoinFailed as failed:
                board.say(t_wire(failed.key, failed.values))
                return 0 if failed.key in ENDED else 1
            return 0
        line = line_task.result()
        if line is None:
            break
        board.handle(line)
    board.stopped = True
    board.say(t("plain.bye"))
    await client.close()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(running, 5)
    return code


def _newcomer(newcomer: Newcomer) -> str:
    """ "Noor (GGD, via ssh)": who waits, as far as they said."""
    name, details = newcomer_words(newcomer)
    return f"{name} ({details})" if details else name
