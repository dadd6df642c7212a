"""End to end, the way a new user would try it: a host and two joins from
different organisations cluster cards from two columns, vote on the cluster with a budget,
turn it into a TWO with a reason, owners and a review date, run a consent round with one
concern, adopt it, and find all of it in the saved TOML."""

from __future__ import annotations

from pathlib import Path

from tmuxkit import consent_round, hosted, saved_session


def test_cluster_vote_agree_and_consent(tmp_path: Path) -> None:
    with hosted(tmp_path, size=(160, 44)) as room:
        host, path = room.host, room.path
        anna = room.join("--name", "Anna", "--org", "Gemeente", size=(160, 40))
        bram = room.join("--name", "Bram", "--org", "Wijkteam", size=(160, 40))
        anna.wait_for("3 online")
        host.keys("]")
        anna.wait_for("Fase 2/7")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in")
        anna.type("Niemand houdt de regie")
        anna.keys("Enter")
        bram.keys("l", "n")
        bram.wait_for("Nieuwe kaart in")
        bram.type("Ouders vertellen alles drie keer")
        bram.keys("Enter")
        host.wait_for("Ouders vertellen")
        host.wait_for("Niemand houdt de regie")
        host.keys("]", "]")  # → delen, ordenen
        anna.wait_for("Fase 4/7")
        # The facilitator marks one card in each column and groups them.
        host.keys("Space", "l", "Space")
        host.wait_for("2 gemarkeerd")
        host.keys("g")
        host.wait_for("Titel van het cluster")
        host.type("Regie rond het gezin")  # replaces the suggested title (it is selected)
        host.keys("Enter")
        host.wait_for("◆ Regie rond het gezin")
        anna.wait_for("◆ Regie rond het gezin")
        bram.wait_for("◆ Regie rond het gezin")
        host.keys("]")  # → prioriteren
        anna.wait_for("Fase 5/7")
        # Anna's cursor is on her own card, now in the cluster (in the second column).
        anna.keys("l", "+", "+")
        anna.wait_for("●● jouw stippen")
        bram.wait_for("1 heeft gestemd")
        assert "jouw stippen" not in bram.screen(), "another's votes stay secret"
        bram.keys("+", "+", "+", "+")
        bram.wait_for("Je stippen zijn op")  # the budget (3) holds, with a Dutch reason
        host.keys("V")
        anna.wait_for("Stemronde gesloten")
        anna.wait_for("5 stippen")
        host.keys("]")  # → afspreken
        anna.wait_for("Fase 6/7")
        host.keys("a")
        host.wait_for("Afspraak opstellen")
        # The form starts at the what (the cluster's title, selected): Tab keeps it. One
        # burst, as tmux sends it: every field lands where it was typed; Enter on the date
        # keeps the agreement.
        host.type("\tGezinnen verdwalen tussen loketten\tGemeente, Wijkteam\t2027-03-01\r")
        anna.wait_for("Waarom: Gezinnen verdwalen")
        host.keys("C-p")
        host.wait_for("Zoek een actie")
        host.type("Ronde starten")
        host.wait_for("Ronde starten: Regie rond het gezin")
        host.keys("Enter")
        consent_round(host, anna, bram, "Wie betaalt de uren?")
        host.keys("q")
        host.wait_for("[exit 0]")
    session = saved_session(path, lambda s: bool(s.agreements) and s.agreements[0].concerns)
    (cluster,) = session.clusters
    assert cluster.title == "Regie rond het gezin"
    members = {c.text for c in session.members(cluster.id)}
    assert members == {"Niemand houdt de regie", "Ouders vertellen alles drie keer"}
    assert {(v.card, v.dots) for v in session.votes} == {(cluster.id, 2), (cluster.id, 3)}
    (two,) = session.agreements
    assert two.what == "Regie rond het gezin" and two.source == cluster.id
    assert two.status == "aangenomen" and two.why == "Gezinnen verdwalen tussen loketten"
    assert two.owners == ("Gemeente", "Wijkteam") and str(two.review) == "2027-03-01"
    assert [c.text for c in two.concerns] == ["Wie betaalt de uren?"]
    text = path.read_text(encoding="utf-8")
    assert "[[clusters]]" in text and "Wie betaalt de uren?" in text
