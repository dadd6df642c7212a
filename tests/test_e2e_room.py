"""End to end: a facilitator runs the room for two participants and the projector."""

from __future__ import annotations

from pathlib import Path

from tmuxkit import hosted


def test_private_writing_reveal_spotlight_timer(tmp_path: Path) -> None:
    with hosted(tmp_path, size=(120, 34)) as room:
        host = room.host
        anna = room.join("--name", "Anna", "--org", "Gemeente", size=(100, 30))
        bram = room.join("--name", "Bram", "--org", "Wijkteam")
        wall = room.join("--view")
        anna.wait_for("3 online")
        bram.wait_for("3 online")
        wall.wait_for("Fase 1/7")
        anna.keys("c")  # confirm the spelregels
        anna.wait_for("Je hebt de spelregels")
        host.keys("]", "P")
        anna.wait_for("privé schrijven")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in")
        anna.type("Alleen voor Anna zichtbaar")
        anna.keys("Enter")
        anna.wait_for("alleen jij ziet deze kaart")
        bram.wait_for("1 kaart wacht")
        host.wait_for("1 wachten (Gemeente 1)")
        for other in (bram, host, wall):
            assert "Alleen voor Anna" not in other.screen()
        host.keys("R")
        bram.wait_for("Alleen voor Anna zichtbaar")
        wall.wait_for("Alleen voor Anna zichtbaar")
        host.keys("s")
        for board in (anna, bram, wall):
            board.wait_for("IN DE SCHIJNWERPER")
        host.keys("t")
        host.wait_for("Hoeveel minuten?")
        host.keys("Enter")  # five minutes is the default
        for board in (anna, bram, wall):
            board.wait_for("⏱ 0")
        host.keys("Escape")
        for board in (anna, bram, wall):
            board.wait_gone("IN DE SCHIJNWERPER")
        assert "⏱" in wall.screen(), "the timer stays when the spotlight ends"
        host.keys("q")
        host.wait_for("[exit 0]")


def test_the_spotlight_moves_no_cursor_and_reveal_ends_private_writing(tmp_path: Path) -> None:
    with hosted(tmp_path, size=(120, 34)) as room:
        host = room.host
        anna = room.join("--name", "Anna", "--org", "Gemeente", size=(80, 24))
        wall = room.join("--view", size=(120, 36))
        anna.wait_for("2 online")
        host.keys("]", "P")  # collecting, private writing on
        anna.wait_for("privé schrijven")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in")
        anna.type("Kaart van Anna")
        anna.keys("Enter")
        anna.wait_for("alleen jij ziet deze kaart")
        host.keys("l", "n")  # the facilitator writes in the second column
        host.wait_for("Nieuwe kaart in")
        host.type("Kaart van de gespreksleider")
        host.keys("Enter")
        host.wait_for("2 wachten")
        host.keys("R")  # reveal everything: private writing ends on every board
        anna.wait_gone("privé schrijven")
        host.wait_gone("privé schrijven")
        anna.wait_for("2 kaarten")
        host.keys("s")
        for board in (anna, wall):
            board.wait_for("IN DE SCHIJNWERPER")
        # Anna's cursor stayed on her own card: e opens it, with her text.
        anna.keys("e")
        anna.wait_for("Kaart wijzigen")
        anna.keys("Escape")
        anna.wait_gone("Kaart wijzigen")
        anna.keys("S")  # to the spotlight: the facilitator's card is not hers to change
        anna.keys("e")
        anna.wait_for("alleen je eigen")  # the toast may wrap at 80 columns
        assert "Kaart wijzigen" not in anna.screen()
        host.keys("Escape")
        for board in (anna, wall):
            board.wait_gone("IN DE SCHIJNWERPER")
        host.keys("q")
        host.wait_for("[exit 0]")
