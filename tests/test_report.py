"""`tussenruimte report`: what a report says, what it never says, and that text stays text."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from factories import DATE, PEOPLE, SMALL_CARDS, card, make_session
from markdown_it import MarkdownIt

from tui_board.afterwards.report import build_report, format_date, render
from tui_board.afterwards.reportdoc import Section, md_escape
from tui_board.cli.main import main
from tui_board.core.i18n import set_language
from tui_board.core.model import (
    Agreement,
    Answer,
    Cluster,
    Origin,
    Participant,
    Review,
    Session,
    Vote,
)
from tui_board.core.phases import default_phases
from tui_board.files.store import FileProblem, load_session, save_session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "voorbeeld-rivierenland.toml"
TUSSENRUIMTE = str(Path(sys.executable).parent / "tussenruimte")

SECRET = "GEHEIM-plan-nog-niet-delen"
HOSTILE = (
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    '<img src="http://evil.example/x.png" onerror="alert(1)">',
    '"><a href="https://evil.example/">klik</a>',
    "# geen kop *geen nadruk* `geen code` _ook niet_",
    "- geen lijst | geen tabel \\ geen escape",
    "1. geen genummerde lijst",
    "&lt;b&gt; blijft &amp; staan",
    "![plaatje](http://evil.example/p.png) <http://evil.example/>",
)
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "section", "h1", "h2",
    "h3", "p", "strong", "em", "ul", "ol", "li", "div", "table", "thead", "tbody", "tr", "th",
    "td",
}  # fmt: skip


class Page(HTMLParser):
    """Every tag (with its attributes) and every piece of text of an HTML document."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self._skip = 0
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}


def markdown_as_html(text: str) -> str:
    """What a Markdown viewer makes of `text` (CommonMark with GFM tables)."""
    return str(MarkdownIt("commonmark").enable("table").render(text))


def rebuild(base: Session, **update: Any) -> Session:
    """`base` with `update`, validated like a loaded file."""
    data = base.model_dump(by_alias=True)
    data.update(update)
    return Session.model_validate(data)


def small_session(*, anonymous: bool = False) -> Session:
    """The small session at the end of the afspreken phase: mandates, a hidden card."""
    people = (
        *[p.model_copy(update={"mandate": p.id == "anna"}) for p in PEOPLE if p.id != "bram"],
        PEOPLE[3],  # Bram: mandate not said
        Participant(id="dewi", name="Dewi", organisation="Gemeente", mandate=True),
    )
    cards = (*SMALL_CARDS, card("geheim", "doelen", 1024, author="bram", text=SECRET))
    base = make_session(cards=cards, participants=people)
    hidden = tuple(c.model_copy(update={"hidden": c.id == "geheim"}) for c in base.cards)
    meta = base.session.model_copy(update={"anonymous": anonymous})
    return rebuild(
        base,
        session=meta.model_dump(),
        cards=[c.model_dump() for c in hidden],
        phases=[p.model_dump() for p in default_phases("nl")],
        phase="afspreken",
        confirmed=["anna", "ria"],
    )


def section(text: str, heading: str) -> str:
    """The Markdown of one `## heading` section (up to the next `## `)."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


# --- content -----------------------------------------------------------------------------


def test_the_report_of_a_small_session_says_what_happened() -> None:
    text = render(small_session(), "md")
    assert text.startswith("# Testsessie\n")
    assert "**Verslag** · Datum: 26 november 2026 · Plaats: Tiel" in text
    assert "De sessie eindigde in de fase Afspreken (6 van 7)." in text
    table = section(text, "Wie zat aan tafel")
    assert "Aan tafel: 5 · organisaties: 4 · mandaat: 2 ✓, 2 ✗, 1 ?" in table, "not Olga"
    assert "- **Gemeente**: Dewi (mandaat ✓); Ria (procesbegeleider, geen mandaat ✗)\n" in table
    assert "- **Zorgaanbieder**: Anna (mandaat ✓)\n" in table
    assert "- **School**: Bram (mandaat ?)\n" in table
    assert "- **Wijkteam**: Cor (co-procesbegeleider, geen mandaat ✗)\n" in table
    assert "- **Woningcorporatie**: Olga (waarnemer, geen mandaat ✗)\n" in table
    rules = section(text, "Spelregels")
    assert "1. We praten over oplossingen.\n2. Iedereen spreekt zorgen uit.\n" in rules
    assert "Bevestigd door 2 van de 5 aan tafel." in rules, "observers do not count"
    cards = section(text, "Kaarten per thema")
    assert "Kaarten: 5 · nog niet onthuld: 1" in cards
    lines = [
        "- Kaart a1 — *Anna (Zorgaanbieder)*",
        "- Kaart b1 — *Bram (School)*",
        "- Kaart a2 — *Anna (Zorgaanbieder)*",
        "- Kaart r1 — *Ria (Gemeente)*",
        "- Kaart b2 — *Bram (School)*",
    ]
    found = [cards.index(line + "\n") for line in lines]
    assert found == sorted(found), "cards in board order"
    themes = [cards.index(f"### {title}\n") for title in ("Rollen", "Samen leren", "Doelen")]
    assert themes == sorted(themes), "themes in board order"
    doelen = cards[themes[2] :]
    assert "Nog niet onthuld: 1" in doelen and "Geen kaarten." not in doelen
    assert SECRET not in text


def test_voice_is_counted_per_organisation_never_per_person() -> None:
    voice = section(render(small_session(), "md"), "Inbreng per organisatie")
    rows = [line for line in voice.splitlines() if line.startswith("| ")]
    assert rows == [
        "| Organisatie | Aan tafel | Kaarten |",
        "| Gemeente | 2 | 1 (17%) |",
        "| School | 1 | 3 (50%) |",  # the hidden card counts, its text does not show
        "| Wijkteam | 1 | 0 (0%) |",
        "| Zorgaanbieder | 1 | 2 (33%) |",
    ], "Olga's Woningcorporatie: only an observer, not at the table"
    for person in ("Anna", "Bram", "Ria", "Dewi", "Cor", "Olga"):
        assert person not in voice


def test_sections_come_in_order_and_can_be_found_by_key() -> None:
    report = build_report(small_session())
    assert [s.key for s in report.sections] == [
        "questions",
        "table",
        "spelregels",
        "cards",
        "voice",
    ]
    text = render(small_session(), "md")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Vragen van de sessie",
        "## Wie zat aan tafel",
        "## Spelregels",
        "## Kaarten per thema",
        "## Inbreng per organisatie",
    ]


def test_the_full_example_names_everyone_and_every_card() -> None:
    session = load_session(EXAMPLE)
    text = render(session, "md")
    page = Page(render(session, "html"))
    for person in session.participants:
        line = f"- **{person.organisation}**: {person.name} ("
        assert line in text
        assert person.name in page.text and person.organisation in page.text
    for item in session.cards:
        author = session.participant(item.author)
        assert author is not None
        assert f"- {md_escape(item.text)} — *{author.name} ({author.organisation})*\n" in text
        assert item.text in page.text
    for theme in session.themes:
        assert f"### {theme.title}\n" in text
        assert theme.title in page.text
    assert "Vrij bord, zonder fasen." in text
    assert "Bevestigd door 0 van de 6 aan tafel." in text


def test_an_anonymous_session_lists_people_but_never_links_cards_to_them() -> None:
    session = small_session(anonymous=True)
    text = render(session, "md")
    table = section(text, "Wie zat aan tafel")
    assert "Dewi (mandaat ✓); Ria (procesbegeleider, geen mandaat ✗)" in table
    cards = section(text, "Kaarten per thema")
    assert "- Kaart a1\n" in cards and "- Kaart b2\n" in cards
    for person in PEOPLE:
        assert person.name not in cards and person.organisation not in cards
    voice = section(text, "Inbreng per organisatie")
    assert "| Organisatie | Aan tafel |\n" in voice and "Kaarten" not in voice.split("\n")[2]
    assert "kaarten worden niet per organisatie geteld" in voice
    assert "Anonieme sessie: kaarten staan zonder naam." in text
    page = Page(render(session, "html"))
    cards_html = page.text[page.text.index("Kaarten per thema") : page.text.index("Inbreng")]
    assert "Kaart a1" in cards_html
    for person in PEOPLE:
        assert person.name not in cards_html


def test_a_schema_1_file_with_only_cards_gives_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "oud.toml"
    path.write_text(
        'schema = 1\n\n[session]\ntitle = "Eerste sessie"\ndate = 2025-03-01\n\n'
        '[[themes]]\nid = "alles"\ntitle = "Alles"\n\n'
        '[[cards]]\nid = "k1"\ntheme = "alles"\ntext = "Eén loket voor gezinnen"\n'
        "position = 1\ncreated = 2025-03-01T10:00:00Z\nupdated = 2025-03-01T10:00:00Z\n",
        encoding="utf-8",
    )
    assert main(["report", str(path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Eerste sessie\n")
    assert "Datum: 1 maart 2025" in text and "Plaats" not in text
    assert "Niemand aangemeld." in text and "Geen spelregels vastgelegd." in text
    assert "### Alles\n\n- Eén loket voor gezinnen\n" in text
    assert "| Onbekend | 0 | 1 (100%) |" in text
    assert main(["report", str(path), "--format", "html"]) == 0
    page = Page((tmp_path / "oud.html").read_text(encoding="utf-8"))
    assert "Eén loket voor gezinnen" in page.text


def test_english_with_set_language() -> None:
    set_language("en")
    text = render(small_session(), "md")
    for words in (
        "**Report** · Date: 26 November 2026 · Place: Tiel",
        "The session ended in the phase Agreeing",
        "## Who sat at the table",
        "Ria (facilitator, no mandate ✗)",
        "## Ground rules",
        "Confirmed by 2 of the 5 at the table.",
        "## Cards per theme",
        "Not yet revealed: 1",
        "## Voice per organisation",
        "| Organisation | At the table | Cards |",
    ):
        assert words in text
    for dutch in ("Verslag", "Spelregels", "Kaarten", "mandaat", "Inbreng", "Datum"):
        assert dutch not in text
    document = render(small_session(), "html")
    assert '<html lang="en">' in document and "Who sat at the table" in Page(document).text


def test_english_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "## Who sat at the table" in text and "Wie zat" not in text


# --- text stays text ---------------------------------------------------------------------


def hostile_session() -> Session:
    people = (
        Participant(id="eve", name="**Eve** <b>vet</b>", organisation="| Org | <i>x</i>"),
        Participant(id="mal", name="[Mal](http://evil.example)", organisation="Org\x1b[31m rood"),
    )
    cards = tuple(
        card(f"h{n}", "rollen", (n + 1) * 1024, author=("eve", "mal")[n % 2], text=text)
        for n, text in enumerate(HOSTILE)
    )
    base = make_session(cards=cards, participants=people)
    meta = base.session.model_copy(update={"title": "<h1>Titel</h1> & <script>x</script>"})
    return rebuild(base, session=meta.model_dump(), spelregels=["<b>regel</b> | *één*"])


def test_html_escapes_every_hostile_text() -> None:
    document = render(hostile_session(), "html")
    page = Page(document)
    assert page.names() <= ALLOWED_TAGS, page.names() - ALLOWED_TAGS
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs and "onerror" not in attrs, tag
        for value in attrs.values():
            assert "http" not in (value or ""), (tag, attrs)
    for text in HOSTILE:
        assert text in page.text, text
    assert "**Eve** <b>vet</b>" in page.text and "[Mal](http://evil.example)" in page.text
    assert "<h1>Titel</h1> & <script>x</script>" in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "\x1b" not in document and "Org [31m rood" in page.text
    assert [tag for tag, _ in page.tags].count("h1") == 1


def test_markdown_escapes_every_hostile_text() -> None:
    text = render(hostile_session(), "md")
    assert "\x1b" not in text
    page = Page(markdown_as_html(text))
    assert page.names() <= ALLOWED_TAGS, page.names() - ALLOWED_TAGS
    assert not any("href" in attrs or "src" in attrs for _, attrs in page.tags)
    for hostile in HOSTILE:
        assert hostile in page.text, hostile
    assert "**Eve** <b>vet</b>" in page.text and "[Mal](http://evil.example)" in page.text
    tags = [tag for tag, _ in page.tags]
    assert tags.count("h1") == 1 and tags.count("h3") == 3, "a card never becomes a heading"
    assert tags.count("ol") == 1, "only the spelregels are a numbered list"
    cards_list = len(HOSTILE) + 2 + 1 + 1  # cards, table groups, question, ground rule
    assert tags.count("li") == cards_list, "a card never becomes a list of its own"
    assert tags.count("tr") == 1 + 2, "a | never breaks the voice table"
    assert "| Org | <i>x</i>" in page.text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("- lijst", "\\- lijst"),
        ("+ lijst", "\\+ lijst"),
        ("12. punt", "12\\. punt"),
        ("3) punt", "3\\) punt"),
        ("# kop", "\\# kop"),
        ("a*b_c`d", "a\\*b\\_c\\`d"),
        ("[x](y) <z>", "\\[x\\](y) \\<z\\>"),
        ("a | b \\ c", "a \\| b \\\\ c"),
        ("&amp; & &#60;", "\\&amp; & \\&\\#60;"),
        ("tab\there\x1b[0m", "tab here \\[0m"),
        ("gewoon 1. tekst", "gewoon 1. tekst"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


# --- HTML for phone and paper ------------------------------------------------------------


def test_html_is_one_self_contained_file_for_phone_and_a4() -> None:
    document = render(load_session(EXAMPLE), "html")
    assert document.startswith("<!DOCTYPE html>\n")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in document
    assert "max-width: 42rem" in document and "@media print" in document
    assert "@page { size: A4" in document
    for outside in ("<link", "<script", "@import", "url(", "http://", "https://", "@font-face"):
        assert outside not in document, outside
    page = Page(document)
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy"}.items() <= metas[2].items()
    assert "default-src 'none'" in (metas[2]["content"] or "")


# --- the command -------------------------------------------------------------------------


def test_report_to_the_screen_next_to_the_file_or_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sessie.toml"
    save_session(small_session(), path)
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == render(small_session(), "md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessie.toml"], "md: screen only"

    assert main(["report", str(path), "--format", "html"]) == 0
    assert f"Verslag geschreven: {tmp_path / 'sessie.html'}" in capsys.readouterr().out
    html_text = (tmp_path / "sessie.html").read_text(encoding="utf-8")
    assert "Kaart a1" in Page(html_text).text and SECRET not in html_text

    out_md = tmp_path / "verslagen" / "sessie.md"
    out_md.parent.mkdir()
    assert main(["report", str(path), "-o", str(out_md)]) == 0
    assert out_md.read_text(encoding="utf-8") == render(small_session(), "md")
    assert capsys.readouterr().out == f"Verslag geschreven: {out_md}\n"
    assert [p.name for p in out_md.parent.iterdir()] == ["sessie.md"], "no temporary left"

    assert main(["report", str(path), "--format", "html", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_the_report_never_overwrites_its_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sessie.toml"
    save_session(small_session(), path)
    before = path.read_bytes()
    assert main(["report", str(path), "-o", str(path)]) == 1
    assert "zou het sessiebestand" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_bad_file_gives_its_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text('schema = 2\n[session]\ntitle = "x"\ndate = 2026-13-01\n', encoding="utf-8")
    out = tmp_path / f"verslag.{fmt}"
    assert main(["report", str(path), "--format", fmt]) == 1
    assert main(["report", str(path), "--format", fmt, "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    with pytest.raises(FileProblem) as problem:
        load_session(path)
    assert captured.err == (problem.value.message() + "\n") * 2
    assert f"Het bestand {path} kan niet worden geopend." in captured.err
    assert "Regel 4, kolom 12" in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.toml"]


def test_a_missing_file_and_an_unwritable_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "weg.toml")]) == 1
    assert "weg.toml" in capsys.readouterr().err
    nowhere = tmp_path / "bestaat-niet" / "verslag.md"
    assert main(["report", str(EXAMPLE), "-o", str(nowhere)]) == 1
    assert "Kan het verslag niet schrijven" in capsys.readouterr().err
    assert not nowhere.parent.exists()


def test_the_installed_command_writes_a_report(tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    result = subprocess.run(
        [TUSSENRUIMTE, "report", str(path), "--format", "html", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Report written:" in result.stdout
    page = Page((tmp_path / "voorbeeld.html").read_text(encoding="utf-8"))
    assert "Who sat at the table" in page.text and "Anna Bakker" in page.text


def test_dates_use_the_month_name() -> None:
    assert [format_date(dt.date(2026, m, 1)) for m in (1, 3, 12)] == [
        "1 januari 2026",
        "1 maart 2026",
        "1 december 2026",
    ]
    set_language("en")
    assert format_date(DATE) == "26 November 2026"


# --- clusters, votes, agreements, open problems, terugblik -------------------------------

ANSWER_SECRET = "GEHEIM-antwoord-ronde-loopt"


def decided_session(
    *, anonymous: bool = False, voting: str = "closed", hostile: bool = False
) -> Session:
    """The small session after ordering, voting and agreeing, a follow-up of an earlier one.

    With `hostile`, every new text (cluster titles, agreements, concerns, terugblik, origin)
    is markup that must stay text.
    """

    def text(plain: str, n: int) -> str:
        return HOSTILE[n % len(HOSTILE)] + " " + plain if hostile else plain

    base = make_session()
    loket = {"cluster": "loket"}
    cards = [
        *(c.model_copy(update=loket if c.id in ("a1", "b1") else {}) for c in SMALL_CARDS),
        card("p1", "doelen", 1024, author="anna", text="Gezinnen vallen tussen wal en schip.")
        .model_copy(update={"kind": "probleem"}),
        card("p2", "doelen", 2048, author="bram", text="Niemand houdt de regie.")
        .model_copy(update={"kind": "probleem"}),
        card("v1", "doelen", 3072, author="ria", text="Eén regievoerder per gezin.")
        .model_copy(update={"kind": "voorstel", "answers": "p2"}),
    ]  # fmt: skip
    adopted = Agreement(
        id="t1",
        what=text("Eén regievoerder per gezin", 0),
        why=text("Dan weet een gezin bij wie het terecht kan.", 1),
        owners=(text("Gemeente", 2), "Wijkteam") if hostile else ("Gemeente", "Wijkteam"),
        review=dt.date(2027, 3, 1),
        status="aangenomen",
        source="v1",
        round=2,
        answers=(
            Answer(participant="anna", kind="werkbaar", round=2),
            Answer(participant="bram", kind="bedenking", text=text("Wie betaalt?", 3), round=2),
            Answer(participant="cor", kind="achterban", round=2),
            Answer(participant="ria", kind="werkbaar", round=2),
        ),
        concerns=(
            Answer(
                participant="anna", kind="bedenking", text=text("Dat gaat te snel.", 4), round=1
            ),
            Answer(participant="bram", kind="bedenking", text=text("Wie betaalt?", 3), round=2),
        ),
    )
    agreements = (
        Agreement(id="t4", what="Een wijkagenda", why="Overzicht voor iedereen.", source="loket"),
        Agreement(
            id="t2",
            what="Samen leren, elk kwartaal",
            why="Leren gaat sneller samen.",
            status="in_ronde",
            round=1,
            revisits="oud1",
            answers=(Answer(participant="anna", kind="bedenking", text=ANSWER_SECRET, round=1),),
        ),
        Agreement(id="t3", what="Een gezamenlijk budget", why="Geld volgt de taak.",
                  status="geparkeerd", round=1),
        adopted,
    )  # fmt: skip
    data = rebuild(base).model_dump(by_alias=True)
    data["session"]["anonymous"] = anonymous
    data.update(
        cards=[c.model_dump() for c in cards],
        clusters=[
            Cluster(id="loket", title=text("Eén loket", 5), theme="rollen").model_dump(),
            Cluster(id="leeg", title="Nog leeg", theme="leren").model_dump(),
        ],
        votes=[
            Vote(voter="anna", card="loket", dots=3).model_dump(),
            Vote(voter="bram", card="v1", dots=2).model_dump(),
            Vote(voter="bram", card="r1", dots=1).model_dump(),
            Vote(voter="ria", card="v1", dots=2).model_dump(),
        ],
        voting=voting,
        agreements=[a.model_dump() for a in agreements],
        origin=Origin(
            title=text("Rivierenland, september", 6), date=dt.date(2026, 9, 10), file="sept.toml"
        ).model_dump(),
        terugblik=[
            Review(
                id="oud1",
                what=text("Maandelijks casusoverleg", 7),
                why="Korte lijnen.",
                owners=("Gemeente",),
                review=dt.date(2026, 11, 1),
                concerns=(text("Kost veel tijd.", 8),),
                verdict="bijstellen",
                note=text("Te vaak; liever elk kwartaal.", 0),
            ).model_dump(),
            Review(id="oud2", what="Eén telefoonnummer", verdict="werkt", note="Loopt goed.")
            .model_dump(),
            Review(id="oud3", what="Een gedeelde agenda", verdict="vervallen").model_dump(),
            Review(id="oud4", what="Gedeelde kalender").model_dump(),
        ],
    )  # fmt: skip
    return Session.model_validate(data)


def test_agreements_come_first_grouped_by_status_adopted_first() -> None:
    text = render(decided_session(), "md")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Afspraken (TWO's)",
        "## Terugblik op eerdere afspraken",
        "## Vragen van de sessie",
        "## Wie zat aan tafel",
        "## Spelregels",
        "## Kaarten per thema",
        "## Stemmen",
        "## Problemen zonder voorstel",
        "## Inbreng per organisatie",
    ]
    two = section(text, "Afspraken (TWO's)")
    assert "_Afspraken: 4 · aangenomen: 1 · in ronde: 1 · concept: 1 · geparkeerd: 1_" in two
    groups = [line for line in two.splitlines() if line.startswith("### ")]
    assert groups == [
        "### Aangenomen (1)",
        "### In ronde (1)",
        "### Concept (1)",
        "### Geparkeerd (1)",
    ], "adopted first, whatever the order they were drafted in"
    adopted = two[two.index("### Aangenomen") : two.index("### In ronde")]
    assert (
        "- **Eén regievoerder per gezin**\n"
        "  - *Waarom:* Dan weet een gezin bij wie het terecht kan.\n"
        "  - Eigenaar: Gemeente, Wijkteam\n"
        "  - Evaluatie: 1 maart 2027\n"
        '  - Komt uit: "Eén regievoerder per gezin."\n'
        "  - Reacties in ronde 2: 2× kan ermee werken, 1× bedenking, "
        "1× overleg met achterban nodig\n"
        "  - Bedenking van Anna (Zorgaanbieder), ronde 1: Dat gaat te snel.\n"
        "  - Bedenking van Bram (School), ronde 2: Wie betaalt?\n"
    ) in adopted
    in_round = two[two.index("### In ronde") : two.index("### Concept")]
    assert "Ronde 1 loopt nog: 1 reactie, geheim tot de ronde sluit." in in_round
    assert 'Stelt de afspraak "Maandelijks casusoverleg" uit de vorige sessie bij.' in in_round
    assert ANSWER_SECRET not in text, "answers of an open round are counted, never shown"
    draft = two[two.index("### Concept") : two.index("### Geparkeerd")]
    assert "Komt uit: Cluster: Eén loket" in draft and "Nog geen ronde gehouden." in draft
    assert "Eigenaar: —" in draft and "Evaluatie: geen datum" in draft


def test_clusters_group_their_cards_and_closed_votes_show_dots() -> None:
    text = render(decided_session(), "md")
    cards = section(text, "Kaarten per thema")
    assert "_Kaarten: 8 · nog niet onthuld: 0 · clusters: 2_" in cards
    assert (
        "### Rollen\n\n*Wie doet wat?*\n\n"
        "- **Cluster: Eén loket** · 3 stippen\n"
        "  - Kaart a1 — *Anna (Zorgaanbieder)*\n"
        "  - Kaart b1 — *Bram (School)*\n"
        "- Kaart a2 — *Anna (Zorgaanbieder)*\n"
    ) in cards
    assert "- Kaart r1 — *Ria (Gemeente)* · 1 stip\n" in cards
    assert "- **Cluster: Nog leeg**\n  - (geen kaarten)\n" in cards
    assert "- **Probleem:** Niemand houdt de regie. — *Bram (School)*\n" in cards
    assert (
        '- **Voorstel:** Eén regievoerder per gezin. (bij het probleem "Niemand houdt de '
        'regie.") — *Ria (Gemeente)* · 4 stippen\n'
    ) in cards
    votes = section(text, "Stemmen")
    assert "Stemronde gesloten · gestemd: 3 · stippen gezet: 8 · stippen per deelnemer: 3" in votes
    assert (
        "1. Eén regievoerder per gezin. (Doelen) — 4 stippen\n"
        "2. **Cluster: Eén loket** (Rollen) — 3 stippen\n"
        "3. Kaart r1 (Samen leren) — 1 stip\n"
    ) in votes
    page = Page(markdown_as_html(text))
    assert [tag for tag, _ in page.tags].count("ul") >= 6, "nested lists render as lists"


def test_votes_stay_secret_when_the_round_was_not_closed() -> None:
    text = render(decided_session(voting=""), "md")
    votes = section(text, "Stemmen")
    assert "De stemronde is niet gesloten." in votes and "geen aantallen" in votes
    assert not any(ch.isdigit() for ch in votes), "no number at all"
    cards = section(text, "Kaarten per thema")
    assert "stip" not in cards, cards
    assert "- **Cluster: Eén loket**\n" in cards
    voice = section(text, "Inbreng per organisatie")
    assert "| Organisatie | Aan tafel | Kaarten | Reacties |" in voice
    assert "Stippen" not in voice and "stippen worden niet geteld" in voice
    closed = section(render(decided_session(), "md"), "Inbreng per organisatie")
    assert "| Organisatie | Aan tafel | Kaarten | Stippen | Reacties |" in closed
    assert "| School | 1 | 3 (38%) | 3 | 1 |" in closed
    assert "| Gemeente | 1 | 2 (25%) | 2 | 1 |" in closed
    assert "| Zorgaanbieder | 1 | 3 (38%) | 3 | 2 |" in closed


def test_problems_still_without_a_proposal_are_listed() -> None:
    text = render(decided_session(), "md")
    open_problems = section(text, "Problemen zonder voorstel")
    assert "Nog zonder voorstel: 1." in open_problems
    assert "- Gezinnen vallen tussen wal en schip. (Doelen) — *Anna (Zorgaanbieder)*" in (
        open_problems
    )
    assert "Niemand houdt de regie" not in open_problems, "that one has a proposal"
    session = decided_session()
    answered = session.model_copy(
        update={
            "cards": tuple(
                c.model_copy(update={"kind": ""}) if c.id == "p1" else c for c in session.cards
            )
        }
    )
    assert "Elk probleem heeft een voorstel" in render(answered, "md")
    assert "## Problemen zonder voorstel" not in render(small_session(), "md")


def test_terugblik_says_where_the_session_came_from_and_each_verdict() -> None:
    terugblik = section(render(decided_session(), "md"), "Terugblik op eerdere afspraken")
    assert 'Vervolg op de sessie "Rivierenland, september" van 10 september 2026.' in terugblik
    assert "(bestand: sept.toml)" in terugblik
    assert (
        "_Afspraken uit de vorige sessie · werkt: 1 · wordt bijgesteld: 1 · vervalt: 1 · "
        "nog niet besproken: 1_"
    ) in terugblik
    assert (
        "- **Maandelijks casusoverleg** — *wordt bijgesteld*\n"
        "  - *Ervaring:* Te vaak; liever elk kwartaal.\n"
        "  - *Waarom:* Korte lijnen.\n"
        "  - Eigenaar: Gemeente\n"
        "  - Evaluatie: 1 november 2026 (⚠ te laat)\n"
        "  - Bedenking toen: Kost veel tijd.\n"
        '  - Nieuwe afspraak: "Samen leren, elk kwartaal" (in ronde)\n'
    ) in terugblik
    assert "- **Eén telefoonnummer** — *werkt*\n  - *Ervaring:* Loopt goed.\n" in terugblik
    assert "- **Een gedeelde agenda** — *vervalt*\n" in terugblik
    assert "- **Gedeelde kalender** — *nog niet besproken*\n" in terugblik


def test_an_anonymous_session_names_nobody_beside_the_table() -> None:
    session = decided_session(anonymous=True)
    text = render(session, "md")
    others = text.replace(section(text, "Wie zat aan tafel"), "")
    for person in PEOPLE:
        assert person.name not in others, person.name
    for org in ("Zorgaanbieder", "School"):
        assert org not in section(text, "Afspraken (TWO's)"), org
    assert "- Bedenking, ronde 1: Dat gaat te snel.\n" in text.replace("  - ", "- ")
    page = Page(render(session, "html"))
    body = page.text[page.text.index("Afspraken (TWO") : page.text.index("Wie zat aan tafel")]
    body += page.text[page.text.index("Kaarten per thema") :]
    for person in PEOPLE:
        assert person.name not in body, person.name


def test_english_agreements_votes_and_terugblik() -> None:
    set_language("en")
    text = render(decided_session(), "md")
    for words in (
        "## Agreements (TWOs)",
        "### Adopted (1)",
        "*Why:* Dan weet een gezin",
        "Owner: Gemeente, Wijkteam",
        "Review: 1 March 2027",
        "Answers in round 2: 2× can work with it, 1× concern, 1× needs to consult",
        "Concern from Anna (Zorgaanbieder), round 1: Dat gaat te snel.",
        "## Looking back on earlier agreements",
        "*to be adjusted*",
        "## Voting",
        "Most dots (top 3):",
        "**Cluster: Eén loket** · 3 dots",
        "## Problems without a proposal",
        "| Organisation | At the table | Cards | Dots | Answers |",
    ):
        assert words in text, words
    for dutch in ("Waarom", "Eigenaar", "Bedenking", "stippen", "Terugblik", "Afspraken"):
        assert dutch not in text, dutch


def test_html_escapes_hostile_clusters_agreements_concerns_and_terugblik() -> None:
    session = decided_session(hostile=True)
    document = render(session, "html")
    page = Page(document)
    assert page.names() <= ALLOWED_TAGS, page.names() - ALLOWED_TAGS
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs and "onerror" not in attrs, tag
    for item in (
        session.clusters[0].title,
        *(a.what for a in session.agreements),
        *(a.why for a in session.agreements),
        *(c.text for a in session.agreements for c in a.concerns),
        session.terugblik[0].what,
        session.terugblik[0].note,
        session.terugblik[0].concerns[0],
        session.origin.title if session.origin else "-",
    ):
        assert item in page.text, item
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document and "<script>" not in document
    assert [tag for tag, _ in page.tags].count("h1") == 1


def test_markdown_escapes_hostile_clusters_agreements_concerns_and_terugblik() -> None:
    session = decided_session(hostile=True)
    text = render(session, "md")
    page = Page(markdown_as_html(text))
    assert page.names() <= ALLOWED_TAGS, page.names() - ALLOWED_TAGS
    assert not any("href" in attrs or "src" in attrs for _, attrs in page.tags)
    for item in (
        session.clusters[0].title,
        session.agreements[3].what,
        session.agreements[3].concerns[0].text,
        session.terugblik[0].what,
        session.terugblik[0].note,
    ):
        assert item in page.text, item
    tags = [tag for tag, _ in page.tags]
    assert tags.count("h1") == 1 and tags.count("h2") == 9, "no text became a heading"
    assert tags.count("table") == 1 and tags.count("tr") == 5  # the observer has no row


SCHEMA_2 = """schema = 2
phase = "verzamelen"
private = true
spelregels = ["We luisteren naar elkaar."]
confirmed = ["ria"]

[session]
title = "Tweede sessie"
date = 2025-06-01
anonymous = true

[[phases]]
id = "verzamelen"
title = "Verzamelen"
allows = ["add_card"]

[[themes]]
id = "alles"
title = "Alles"

[[participants]]
id = "ria"
name = "Ria"
organisation = "Gemeente"
role = "facilitator"
mandate = true

[[cards]]
id = "k1"
theme = "alles"
text = "Eén loket"
author = "ria"
position = 1
created = 2025-06-01T10:00:00Z
updated = 2025-06-01T10:00:00Z

[[cards]]
id = "k2"
theme = "alles"
text = "GEHEIM-nog-niet-onthuld"
author = "ria"
position = 2
created = 2025-06-01T10:00:00Z
updated = 2025-06-01T10:00:00Z
hidden = true
"""

SCHEMA_3 = """schema = 3
dots = 2
voting = "closed"

[session]
title = "Derde sessie"
date = 2026-01-15
place = "Culemborg"

[[themes]]
id = "alles"
title = "Alles"

[[participants]]
id = "ria"
name = "Ria"
organisation = "Gemeente"
role = "facilitator"

[[participants]]
id = "wim"
name = "Wim"
organisation = "Wijkteam"

[[cards]]
id = "k1"
theme = "alles"
text = "Niemand houdt de regie."
author = "wim"
position = 1
created = 2026-01-15T10:00:00Z
updated = 2026-01-15T10:00:00Z
kind = "probleem"

[[votes]]
voter = "wim"
card = "k1"
dots = 2

[[agreements]]
id = "t1"
what = "Eén regievoerder"
why = "Korte lijnen."
owners = ["Gemeente"]
review = 2026-06-01
status = "aangenomen"
round = 1

[[agreements.answers]]
participant = "wim"
kind = "bedenking"
text = "Wie betaalt?"
round = 1

[[agreements.concerns]]
participant = "wim"
kind = "bedenking"
text = "Wie betaalt?"
round = 1
"""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_sessions_of_schema_2_and_3_still_render(tmp_path: Path, fmt: str) -> None:
    two, three = tmp_path / "twee.toml", tmp_path / "drie.toml"
    two.write_text(SCHEMA_2, encoding="utf-8")
    three.write_text(SCHEMA_3, encoding="utf-8")
    old = render(load_session(two), fmt)
    text = old if fmt == "md" else Page(old).text
    assert "Eén loket" in text and "GEHEIM" not in text
    assert "Anonieme sessie" in text and "Afspraken" not in text and "Stemmen" not in text
    new = render(load_session(three), fmt)
    text = new if fmt == "md" else Page(new).text
    for words in (
        "Eén regievoerder",
        "Korte lijnen.",
        "Evaluatie: 1 juni 2026",
        "Bedenking van Wim (Wijkteam), ronde 1:",
        "Wie betaalt?",
        "Reacties in ronde 1: 0× kan ermee werken, 1× bedenking",
        "Niemand houdt de regie. (Alles)",
        "stippen per deelnemer: 2",
    ):
        assert words in text, words


def test_a_session_with_only_cards_has_no_empty_new_sections() -> None:
    only_cards = make_session(
        cards=[c.model_copy(update={"author": ""}) for c in SMALL_CARDS], participants=()
    )
    report = build_report(only_cards)
    assert [s.key for s in report.sections] == [
        "questions",
        "table",
        "spelregels",
        "cards",
        "voice",
    ]
    text = render(only_cards, "md")
    for absent in ("Afspraken", "Terugblik", "Stemmen", "Problemen zonder voorstel", "Stippen"):
        assert absent not in text, absent
    assert "- Kaart a1\n" in text


# --- the method's instruments -----------------------------------------------------


def instruments_session(**update: Any) -> Session:
    """The small session with every instrument used (instrumentkit), plus `update`."""
    from instrumentkit import hidden_reflex_card, instrumented

    session = hidden_reflex_card(instrumented())
    return rebuild(session, **update) if update else session


def test_the_report_contains_every_instrument_used() -> None:
    session = instruments_session()
    report = build_report(session)
    assert [s.key for s in report.sections] == [
        "agreements",
        "questions",
        "table",
        "spelregels",
        "cards",
        "reflexes",
        "voice",
        "principles",
        "evaluation",
    ]
    agreements = next(s for s in report.sections if s.key == "agreements")
    keys = [b.key for b in agreements.blocks if isinstance(b, Section)]
    assert keys == ["status-concept", "legs"], "the status groups as before, then the legs"
    text = render(session, "md")

    reflexes = section(text, "Waar grepen we terug op een reflex?")
    assert "Kaarten met een reflex: 4." in reflexes
    assert (
        "- **crisisreflex** (3×) — *De ergste gevallen eerst!*\n"
        "  - Kaart a1 (Rollen)\n"
        "  - Kaart b1 (Rollen)\n"
        "  - Nog niet onthuld: 1\n"
        "- **controlereflex** (1×) — *Partijen ieder apart (aan)sturen op resultaat.*\n"
        "  - Kaart r1 (Samen leren)\n"
    ) in reflexes
    assert "GEHEIM" not in text, "a hidden card's reflex is counted, its text never shown"
    assert "inzichtreflex" not in reflexes, "only the reflexes that were used"

    legs = text[text.index("### Tweebenig: afspraken per been") : text.index("## Vragen")]
    assert "⚠ Op één been: 2." in legs
    assert "#### Op beide benen (1)\n\n- **Eén regievoerder per gezin** (concept)\n" in legs
    assert (
        "#### Alleen het administratieve been (1)\n\n"
        "- **Convenant tekenen** (concept) — *⚠ staat op één been*\n"
    ) in legs
    assert (
        "#### Alleen het adaptieve been (1)\n\n"
        "- **Samen casussen bespreken** (concept) — *⚠ staat op één been*\n"
    ) in legs
    assert "#### Nog zonder been (1)\n\n- **Nog eens praten** (concept)\n" in legs
    assert legs.count("één been*") == 2, "only the one-legged ones are flagged"

    principles = section(text, "Gezondheidscheck: de elf principes")
    assert "● ja: 1 · ◐ deels: 1 · ○ nee: 1 · — nog niet besproken: 8" in principles
    numbered = [line for line in principles.splitlines() if re.match(r"^\d+\. ", line)]
    assert len(numbered) == 11, "all eleven, answered or not"
    assert numbered[0].endswith("— **● ja**: Iedereen aan tafel")
    assert (
        numbered[6] == "7. Neem het thuisfront mee. — **◐ deels**: Thuisfront nog niet overal mee"
    )
    assert numbered[10] == "11. Denk tweebenig. — **○ nee**"
    assert numbered[1].endswith("— *— nog niet besproken*")

    evaluation = section(text, "Procesevaluatie: hoe werkten we vandaag samen?")
    assert "4 mensen gaven de samenwerking van vandaag een cijfer van 1 tot 5" in evaluation
    assert "| Norm | Gemiddeld | 1 | 2 | 3 | 4 | 5 |" in evaluation
    assert "| Afspraken nakomen | 3,0 | 1 | 1 | 0 | 1 | 1 |" in evaluation
    assert "| Kunnen luisteren naar elkaar | 3,5 | 0 | 1 | 1 | 1 | 1 |" in evaluation
    assert evaluation.count("\n| ") == 1 + 9, "a header and one row per norm"
    assert (
        "### Wat nemen we mee?\n\n"
        "- Anna-lijn: eerder de wethouder erbij\n"
        "- bram-lijn: korte lijnen houden\n"
        "- Dewi-lijn: samen leren werkt\n"
    ) in evaluation
    for name in ("Anna (", "Bram", "Dewi (", "Evi", "anna", "Zorgaanbieder"):
        assert name not in evaluation, f"no name in the evaluation: {name}"


def test_an_open_evaluation_shows_nothing_but_the_count() -> None:
    from instrumentkit import ANSWERS, raters_answer

    session = raters_answer(["anna", "bram", "dewi"], close=False)
    evaluation = session.evaluation
    assert evaluation is not None and evaluation.open and evaluation.scores, "the file has them"
    for fmt in ("md", "html"):
        text = render(session, fmt)
        shown = (
            section(text, "Procesevaluatie: hoe werkten we vandaag samen?") if fmt == "md" else text
        )
        assert "de evaluatie is nog niet gesloten" in shown
        assert "Aantal antwoorden: 3." in shown
        assert "Gemiddeld" not in shown and "Wat nemen we mee" not in shown
        for _, line in ANSWERS.values():
            assert not line or line not in text


@pytest.mark.parametrize("answers", [0, 1, 2])
def test_fewer_than_three_answers_are_never_shown(answers: int) -> None:
    from instrumentkit import ANSWERS, raters_answer

    people = ["anna", "bram", "dewi"][:answers]
    closed = raters_answer(people, close=True)
    # Even a file edited by hand to hold counts and lines of a closed evaluation of two: the
    # report shows what the boards would, nothing more.
    forged = closed.model_copy(
        update={
            "evaluation": raters_answer(people, close=False).evaluation.model_copy(  # type: ignore[union-attr]
                update={"open": False}
            )
        }
    )
    for session in (closed, forged):
        text = render(session, "md")
        shown = section(text, "Procesevaluatie: hoe werkten we vandaag samen?")
        assert "te weinig antwoorden om te tonen (minder dan 3)" in shown
        assert f"Aantal antwoorden: {answers}." in shown
        assert "| Norm |" not in shown and "Wat nemen we mee" not in shown
        for _, line in ANSWERS.values():
            assert not line or line not in text


def test_the_report_says_how_many_answers_made_the_figures_and_none_under_the_minimum() -> None:
    from instrumentkit import ANSWERS, raters_answer

    four = raters_answer(["anna", "bram", "dewi", "evi"], close=True)  # minimum 3 (template)
    assert four.evaluation_minimum == 3
    shown = section(render(four, "md"), "Procesevaluatie: hoe werkten we vandaag samen?")
    assert "Gemaakt met 4 antwoorden." in shown and "| Norm |" in shown
    html = render(four, "html")
    assert "Gemaakt met 4 antwoorden." in html
    set_language("en")
    assert "Made from 4 answers." in render(four, "md")
    set_language("nl")
    # The same four answers in a session with the default minimum of five: no figures, even
    # from a file that holds them (edited by hand, or closed under a lower minimum).
    default = four.model_copy(update={"evaluation_minimum": 5})
    for fmt in ("md", "html"):
        text = render(default, fmt)
        assert "te weinig antwoorden om te tonen (minder dan 5)" in text
        assert "Gemaakt met" not in text and "Gemiddeld" not in text
        for _, line in ANSWERS.values():
            assert not line or line not in text


def test_instruments_switched_off_or_unused_get_no_section() -> None:
    off = instruments_session(instruments=[])
    text = render(off, "md")
    for absent in ("reflex", "Tweebenig", "één been", "principes", "Procesevaluatie", "Anna-lijn"):
        assert absent not in text, absent
    assert [s.key for s in build_report(off).sections] == [
        "agreements",
        "questions",
        "table",
        "spelregels",
        "cards",
        "voice",
    ]
    only_legs = instruments_session(instruments=["benen"])
    keys = [s.key for s in build_report(only_legs).sections]
    assert "reflexes" not in keys and "evaluation" not in keys and "principles" not in keys
    assert "### Tweebenig" in render(only_legs, "md")
    unused = make_session()
    assert unused.instruments == ("evaluatie", "reflexen", "benen", "principes")
    text = render(unused, "md")
    for absent in ("reflex", "Tweebenig", "principes", "Procesevaluatie"):
        assert absent not in text, absent


def test_the_instruments_in_english() -> None:
    set_language("en")
    text = render(instruments_session(), "md")
    reflexes = section(text, "Where did we fall back on a reflex?")
    assert "- **crisis reflex** (3×) — *The worst cases first!*" in reflexes
    assert "Not yet revealed: 1" in reflexes
    assert "### Two-legged: agreements per leg" in text
    assert "**Convenant tekenen** (draft) — *⚠ stands on one leg*" in text
    principles = section(text, "Health check: the eleven principles")
    assert "11. Think two-legged. — **○ no**" in principles
    assert "2. With relevant people from the primary process. — *— not discussed yet*" in principles
    evaluation = section(text, "Process evaluation: how did we work together today?")
    # "3.0" at the start of a cell is escaped like a numbered list; it still reads 3.0.
    assert "| Keeping agreements | 3\\.0 | 1 | 1 | 0 | 1 | 1 |" in evaluation
    assert ">3.0</td>" in markdown_as_html(evaluation)
    html = render(instruments_session(), "html")
    assert '<td>Keeping agreements</td><td class="num">3.0</td>' in html
    assert "### What do we take with us?" in evaluation
    for dutch in ("Afspraken nakomen", "crisisreflex", "nog niet besproken", "3,0"):
        assert dutch not in text, dutch


def hostile_instruments() -> Session:
    """Every instrument used, with hostile text wherever text can go."""
    session = instruments_session()
    cards = [
        c.model_copy(update={"text": HOSTILE[n]}) if c.reflex else c
        for n, c in enumerate(session.cards)
    ]
    agreements = [
        a.model_copy(update={"what": HOSTILE[n]}) for n, a in enumerate(session.agreements)
    ]
    principles = [
        p.model_copy(update={"note": HOSTILE[-1 - n]}) for n, p in enumerate(session.principles)
    ]
    evaluation = session.evaluation
    assert evaluation is not None
    lines = (HOSTILE[0], HOSTILE[3], "\x1b[31mrood " + HOSTILE[6])
    return rebuild(
        session,
        cards=[c.model_dump() for c in cards],
        agreements=[a.model_dump() for a in agreements],
        principles=[p.model_dump() for p in principles],
        evaluation=evaluation.model_copy(update={"lines": lines}).model_dump(),
    )


def test_html_escapes_hostile_text_in_every_instrument() -> None:
    session = hostile_instruments()
    document = render(session, "html")
    page = Page(document)
    allowed = ALLOWED_TAGS | {"h4"}  # the groups of agreements by leg
    assert page.names() <= allowed, page.names() - allowed
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs and "onerror" not in attrs, tag
    expected = [
        *(c.text for c in session.cards if c.reflex and not c.hidden),
        *(a.what for a in session.agreements),
        *(p.note for p in session.principles),
        HOSTILE[0],
        HOSTILE[3],
        "[31mrood " + HOSTILE[6],
    ]
    for item in expected:
        assert item in page.text, item
    assert "<script>" not in document and "\x1b" not in document
    assert [tag for tag, _ in page.tags].count("h1") == 1


def test_markdown_escapes_hostile_text_in_every_instrument() -> None:
    session = hostile_instruments()
    text = render(session, "md")
    assert "\x1b" not in text
    page = Page(markdown_as_html(text))
    allowed = ALLOWED_TAGS | {"h4"}  # the groups of agreements by leg
    assert page.names() <= allowed, page.names() - allowed
    assert not any("href" in attrs or "src" in attrs for _, attrs in page.tags)
    for item in (
        *(a.what for a in session.agreements),
        *(p.note for p in session.principles),
        HOSTILE[0],
        HOSTILE[3],
    ):
        assert item in page.text, item
    tags = [tag for tag, _ in page.tags]
    assert tags.count("h1") == 1, "no text became a heading"
    assert tags.count("table") == 2, "the voice and the evaluation; no | broke out"
    assert tags.count("tr") == (1 + 4) + (1 + 9)  # the observer has no row of the voice
