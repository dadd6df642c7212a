"""`tussenruimte report`: what a report says, what it never says, and that text stays text."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from factories import DATE, PEOPLE, SMALL_CARDS, card, make_session
from markdown_it import MarkdownIt

from tui_board.cli import main
from tui_board.i18n import set_language
from tui_board.model import Participant, Session
from tui_board.phases import default_phases
from tui_board.report import build_report, format_date, render
from tui_board.reportdoc import md_escape
from tui_board.store import FileProblem, load_session, save_session

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
    assert "Aan tafel: 6 · organisaties: 5 · mandaat: 2 ✓, 3 ✗, 1 ?" in table
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
        "| Woningcorporatie | 1 | 0 (0%) |",
        "| Zorgaanbieder | 1 | 2 (33%) |",
    ]
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
