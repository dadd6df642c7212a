"""End to end in real terminals: a `join` killed with -9 and started again with the same line
sits in the same seat (its card still its own); when the host quits, every board says so."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from tmuxkit import Terminal, hosted, saved_session


def pids_of(terminal: Terminal, pattern: str) -> list[int]:
    """The pids of the processes matching `pattern` that the terminal's shell started."""
    pane = terminal._tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").split()
    found = subprocess.run(["pgrep", "-f", pattern, "-P", pane[0]], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def test_a_restarted_join_keeps_its_seat_and_hears_the_end(tmp_path: Path) -> None:
    laptop = tmp_path / "laptop-state"  # Ingrid's laptop, before and after the crash
    with hosted(tmp_path, (120, 32)) as room:
        host = room.host
        host.keys("]")
        ingrid = room.join(state=laptop)
        ingrid.wait_for("Je naam:")
        ingrid.type("Ingrid Ünal")
        ingrid.keys("Enter")
        ingrid.wait_for("Je organisatie:")
        ingrid.type("Gemeente Tiel")
        ingrid.keys("Enter")
        ingrid.wait_for("Heb je mandaat")
        ingrid.keys("Enter")
        ingrid.wait_for("Fase 2/7")
        ingrid.keys("n")
        ingrid.wait_for("Nieuwe kaart in")
        ingrid.type("Kaart van Ingrid")
        ingrid.keys("Enter")
        host.wait_for("Kaart van Ingrid")

        # Her laptop crashes: kill -9, then the same line again (no questions this time).
        for pid in pids_of(ingrid, "tussenruimte join"):
            os.kill(pid, signal.SIGKILL)
        ingrid.wait_for("[exit 137]")
        again = room.join(state=laptop)
        again.wait_for("Kaart van Ingrid")
        again.wait_for("2 online")
        again.keys("e")  # her own card: the editor opens, no "alleen je eigen kaarten"
        again.wait_for("Kaart wijzigen")
        again.keys("End")
        again.type(" herzien")
        again.keys("Enter")
        host.wait_for("Kaart van Ingrid herzien")
        host.wait_for("2 online")
        view = room.join("--view", state=laptop)
        view.wait_for("Kaart van Ingrid herzien")

        # The host quits: every board says the session stopped, and closes on a key.
        host.keys("q")
        host.wait_for("[exit 0]", timeout=30)
        for board in (again, view):
            board.wait_for("De sessie is gestopt", timeout=15)
            board.wait_for("Druk op een toets om het bord te sluiten")
            board.keys("x")
            board.wait_for("[exit 0]")
    session = saved_session(room.path, lambda s: any("herzien" in c.text for c in s.cards))
    ingrids = [p for p in session.participants if p.name == "Ingrid Ünal"]
    assert len(ingrids) == 1, "one person, one seat"
    (card,) = [c for c in session.cards if c.text == "Kaart van Ingrid herzien"]
    assert card.author == ingrids[0].id


def test_join_new_seat_starts_fresh(tmp_path: Path) -> None:
    laptop = tmp_path / "laptop-state"
    with hosted(tmp_path, (120, 32)) as room:
        first = room.join("--name", "Noor", "--org", "GGD", state=laptop)
        first.wait_for("2 online")
        first.keys("q")
        first.wait_for("[exit 0]")
        # A second seat on the same laptop under the same name, asked for.
        second = room.join("--new-seat", "--name", "Noor", "--org", "GGD", state=laptop)
        second.wait_for("2 online")
        second.keys("q")
        second.wait_for("[exit 0]")
        # Another name on the same laptop is another person: never Noor's seat.
        third = room.join("--name", "Bram", "--org", "GGD", state=laptop)
        third.wait_for("2 online")
        room.host.keys("q")
        room.host.wait_for("[exit 0]", timeout=30)
    session = saved_session(room.path, lambda s: len(s.participants) >= 4)
    names = [p.name for p in session.participants]
    assert names.count("Noor") == 2 and names.count("Bram") == 1, names
