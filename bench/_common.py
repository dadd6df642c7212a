"""Shared helpers for the benchmarks: the 1000-card session and small statistics.

The session is the one the issue asks for: the `rivierenland` template, 200 participants
who each write 5 cards (1000 cards), spread over the template's four themes, with
Dutch-ish card texts of 40-200 characters. Everything is built through `rules.apply`
(Join, then AddCard), the same path the board takes, from a seeded random, so every run
and every script gets the very same session (and the very same file bytes).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import datetime as dt
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The user's own templates must not leak into the benchmark (a user template named
# `rivierenland` would replace the built-in one).
os.environ["TUSSENRUIMTE_TEMPLATES"] = str(ROOT / "bench" / "_no_user_templates")

from tui_board.core.model import Role, Session, board_order  # noqa: E402
from tui_board.core.ops import Actor, AddCard, Join  # noqa: E402
from tui_board.core.rules import Applied, apply  # noqa: E402
from tui_board.files.templates import find_template, new_session  # noqa: E402

SEED = 20261126
# The board's own settings (RelayClient._open); compression stays on, as on the board.
CLIENT_OPTIONS: dict[str, Any] = {
    "max_size": None,
    "open_timeout": 10,
    "ping_interval": 20,
    "ping_timeout": 20,
    "close_timeout": 2,
}
PARTICIPANTS = 200
CARDS_EACH = 5
START = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)

_FIRST = (
    "Anna Annelies Bram Bas Cor Daan Dewi Eva Fatima Femke Gerrit Hanna Hamza Ilse Jan "
    "Jeroen Joost Karin Kees Lotte Marieke Mohamed Nadia Noor Olga Pieter Ria Ruud Sanne "
    "Sem Sophie Thijs Tim Ugo Vera Willem Yara Youssef Zeynep"
).split()
_LAST = (
    "de Vries|Bakker|Jansen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|"
    "Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|"
    "El Amrani|Yilmaz|van Dijk|Kok|Verhoeven|van den Berg|Willems|Hoekstra|Prins"
).split("|")
_ORGS = (
    "Gemeente Tiel|Gemeente Culemborg|Gemeente West Betuwe|Gemeente Buren|"
    "Gemeente Neder-Betuwe|Gemeente Maasdriel|Gemeente Zaltbommel|Wijkteam Tiel-Oost|"
    "Sociaal Team Culemborg|GGD Gelderland-Zuid|Woningcorporatie KleurrijkWonen|"
    "Woonstichting De Kernen|Zorgaanbieder Santé Partners|Ziekenhuis Rivierenland|"
    "Regio Rivierenland|Welzijn Rivierenland|Basisschool De Regenboog|ROC Rivor|"
    "Huisartsenpraktijk Het Rivierenhuis|Politie Rivierenland|Jeugdbescherming Gelderland|"
    "Vluchtelingenwerk|MEE Gelderse Poort|Voedselbank Tiel|Bibliotheek Rivierenland"
).split("|")

_SUBJECTS = (  # (subject, plural?)
    ("We", True),
    ("Het wijkteam", False),
    ("De gemeente", False),
    ("Elke organisatie aan tafel", False),
    ("De scholen in de regio", True),
    ("Huisartsen en het sociaal team", True),
    ("Woningcorporaties", True),
    ("Onze bestuurders", True),
    ("Iedere professional", False),
    ("De GGD", False),
    ("Inwoners", True),
    ("Zorgaanbieders", True),
)
_VERBS = (  # (plural, singular)
    ("moeten", "moet"),
    ("willen", "wil"),
    ("kunnen", "kan"),
    ("gaan", "gaat"),
    ("durven", "durft"),
    ("zouden", "zou"),
)
_ACTIONS = (
    "elkaars mandaat vooraf helder maken",
    "één gezamenlijk aanspreekpunt per gezin afspreken",
    "casuïstiek samen bespreken in plaats van doorverwijzen",
    "de regie bij de inwoner laten, ook als dat spannend is",
    "data over de wijk delen, binnen de regels van de AVG",
    "elk kwartaal samen terugkijken op wat wel en niet werkte",
    "budgetten ontschotten voor preventie",
    "fouten melden zonder dat iemand de schuld krijgt",
    "bij elkaar op de werkvloer meelopen",
    "één plan per gezin maken in plaats van vijf",
    "afspraken vastleggen in een bondig verslag van één pagina",
    "de kleine partijen net zo serieus nemen als de grote",
    "vaker de telefoon pakken in plaats van een formulier te sturen",
    "samen een leerkring starten over armoede en schulden",
    "doelen formuleren die een inwoner ook begrijpt",
    "zorgen en bedenkingen op tafel leggen voordat we besluiten",
)
_TAILS = (
    "",
    "",
    ", zodat niemand tussen wal en schip valt",
    ", want nu loopt iedereen langs elkaar heen",
    " en dat ook echt volhouden na de pilot",
    ", ook als de financiering per jaar verschilt",
    "; dat scheelt inwoners een hoop loketten",
    ", met een duidelijke trekker per afspraak",
    " in Tiel, Culemborg en de dorpen daaromheen",
    ". Voorstel: we beginnen in januari met twee wijken",
    ". Wie neemt dit mee naar het eigen bestuur?",
    ", en dat evalueren we over een half jaar samen",
)


def _sentence(rng: random.Random) -> str:
    subject, plural = rng.choice(_SUBJECTS)
    verb = rng.choice(_VERBS)[0 if plural else 1]
    return f"{subject} {verb} {rng.choice(_ACTIONS)}{rng.choice(_TAILS)}."


def card_text(rng: random.Random) -> str:
    """One realistic card text of 40-200 characters."""
    while True:
        parts = [_sentence(rng)]
        if rng.random() < 0.45:
            parts.append(_sentence(rng))
        text = " ".join(parts).replace("?.", "?")
        if 40 <= len(text) <= 200:
            return text


def build_session(participants: int = PARTICIPANTS, cards_each: int = CARDS_EACH) -> Session:
    """The benchmark session: `participants` people, `cards_each` cards each, via the rules."""
    rng = random.Random(SEED)
    template = find_template("rivierenland")
    session = new_session(
        template,
        title="Duurzaam samenwerken in Rivierenland (benchmark)",
        date=START.date(),
        place="Tiel",
        facilitator="Marieke de Vries",
        organisation="Procesbegeleiding",
    )
    # A template with phases starts in one where participants may not write yet: go to the
    # first phase that lets them add cards (the facilitator would move the room there).
    writing = next((p.id for p in session.phases if "add_card" in p.allows), None)
    if writing is not None:
        session = session.model_copy(update={"phase": writing})
    themes = [theme.id for theme in session.themes]
    now = START
    actors: list[Actor] = []
    for number in range(participants):
        actor = Actor(f"p{number:03d}", Role.PARTICIPANT)
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        outcome = apply(session, Join(name=name, organisation=rng.choice(_ORGS)), actor, now)
        assert isinstance(outcome, Applied), outcome
        session = outcome.session
        actors.append(actor)
    # Cards arrive in a shuffled order, the way a room writes them.
    writes = [(actor, index) for actor in actors for index in range(cards_each)]
    rng.shuffle(writes)
    for actor, index in writes:
        now += dt.timedelta(seconds=rng.randint(1, 4))
        op = AddCard(
            card_id=f"{actor.id}-k{index}",
            theme=rng.choice(themes),
            text=card_text(rng),
        )
        outcome = apply(session, op, actor, now)
        assert isinstance(outcome, Applied), outcome
        session = outcome.session
    # Cards in board order and validated once, exactly as a loaded file gives them.
    session = session.model_copy(update={"cards": board_order(session, session.cards)})
    return Session.model_validate(session.model_dump(by_alias=True))


def write_session(path: Path, session: Session | None = None) -> Session:
    """Save the benchmark session to `path` (with the project's own store)."""
    from tui_board.files.store import save_session

    session = session or build_session()
    save_session(session, path)
    return session


def bytecode_env(folder: Path) -> dict[str, str]:
    """The environment for a child Python that caches bytecode the way an install does.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes and CI) every start would
    compile the whole package from source; a user's install has its .pyc files. The cache
    goes to `folder` (PYTHONPYCACHEPREFIX), so the working tree gets no __pycache__.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def first_cards(session: Session) -> list[str]:
    """The text of the first card of each theme, in board order."""
    texts = []
    for theme in session.themes:
        cards = session.cards_in(theme.id)
        texts.append(cards[0].text if cards else "")
    return texts


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    """The median (nan for no values)."""
    return statistics.median(values) if values else float("nan")


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages (other work on the machine is noise here)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    """One line about the machine and the versions measured."""
    import textual

    return (
        f"machine: nproc={os.cpu_count()} python={platform.python_version()} "
        f"textual={textual.__version__} platform={platform.platform()} loadavg={loadavg()}"
    )


# --- server processes (the relay benchmarks) ---------------------------------------------


def die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the bench dies, so no server is left behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)


def relay_argv(path: Path, code: str, facilitator_code: str) -> list[str]:
    """The real relay command on `path`, on 127.0.0.1 and a free port."""
    argv = [sys.executable, "-m", "tui_board", "relay", str(path)]
    argv += ["--bind", "127.0.0.1", "--port", "0"]
    argv += ["--code", code, "--facilitator-code", facilitator_code]
    argv += ["--new-seats-per-minute", "1000000"]  # every simulated person is on 127.0.0.1
    return argv


def spawn_logged(argv: list[str], folder: Path, log_path: Path) -> subprocess.Popen[bytes]:
    """Start `argv` in `folder` with its output in `log_path` (English, this checkout)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TUSSENRUIMTE_LANG="en")
    with log_path.open("wb") as log:
        return subprocess.Popen(
            argv,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )


def log_tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-2000:]


async def logged_port(
    proc: subprocess.Popen[bytes], log_path: Path, who: str, timeout: float = 30.0
) -> int:
    """The port a server reports in its log (it listens on port 0)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"127\.0\.0\.1:(\d+)", log_path.read_text(errors="replace"))
        if found:
            return int(found.group(1))
        if proc.poll() is not None:
            raise RuntimeError(f"{who} stopped:\n{log_tail(log_path)}")
        await asyncio.sleep(0.05)
    raise RuntimeError(f"{who} did not start:\n{log_tail(log_path)}")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds process `pid` used so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sched(pid: int | str) -> tuple[float, float]:
    """Sum of /proc/PID/task/*/schedstat: seconds on a CPU, seconds runnable but waiting."""
    running = waiting = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            on_cpu, queued = (task / "schedstat").read_text().split()[:2]
            running += int(on_cpu)
            waiting += int(queued)
    return running / 1e9, waiting / 1e9


def kill_process(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


async def stop_process(
    proc: subprocess.Popen[bytes], timeout: float = 15.0
) -> tuple[int | None, float]:
    """SIGTERM (the relay saves and exits); kill after `timeout`. Exit code, seconds."""
    start = time.perf_counter()
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    # Keep this loop running meanwhile: the clients answer the closing handshakes.
    while proc.poll() is None and time.perf_counter() - start < timeout:
        await asyncio.sleep(0.02)
    if proc.poll() is None:
        kill_process(proc)
        return None, time.perf_counter() - start
    return proc.returncode, time.perf_counter() - start


def template_session(title: str) -> Session:
    """A fresh session from the `rivierenland` template, as the relay benchmarks start."""
    return new_session(
        find_template("rivierenland"),
        title=title,
        date=dt.date(2026, 11, 26),
        place="Tiel",
        facilitator="Marieke de Vries",
        organisation="Procesbegeleiding",
    )


async def close_reader(ws: Any, task: asyncio.Task[None]) -> None:
    """Close a client connection and its reading task."""
    with contextlib.suppress(Exception):
        await ws.close()
    task.cancel()
    with contextlib.suppress(BaseException):
        await task
