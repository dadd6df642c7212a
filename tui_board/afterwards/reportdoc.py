"""The report's document: plain blocks of text, and the two renderers (Markdown, HTML).

`report.build_report` fills these blocks from a session; the renderers here are the only
place where text meets markup, and every piece of text is escaped on the way: a card saying
`<script>` or `[x](javascript:…)` stays text in both formats. Blocks know nothing about
sessions, so a new report section (agreements, clusters, votes) needs no renderer change.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from tui_board.core.i18n import language, t

Style = Literal["", "strong", "em"]


@dataclass(frozen=True, slots=True)
class Span:
    """A run of plain text with one style; a line break (LF) in it is kept (a card's lines):
    Markdown breaks the line there, indented under its list item, HTML with `<br>`."""

    text: str
    style: Style = ""


Line = tuple[Span, ...]
"""One line of text: spans side by side."""


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph; `note` ones are shown quieter (counts, explanations)."""

    line: Line
    note: bool = False


@dataclass(frozen=True, slots=True)
class Items:
    """A bulleted (or numbered) list; an item is a line, or a line with a list under it."""

    items: tuple[Line | Item, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """A list item with a list under it (a cluster and its cards; an agreement and its why,
    owners and concerns)."""

    line: Line
    sub: Items


@dataclass(frozen=True, slots=True)
class Table:
    """A small table; `numeric` columns are aligned right."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what is under it; `key` is a fixed name (never user text)."""

    key: str
    heading: str
    blocks: tuple[Block, ...]


Block = Para | Items | Table | Section


@dataclass(frozen=True, slots=True)
class Report:
    """The whole report: a title, the lines under it, and the sections."""

    title: str
    lead: tuple[Line, ...]
    sections: tuple[Section, ...]


# --- Markdown ----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~]|&(?=#?\w+;))")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """`text` as inert Markdown: control characters out, markup characters backslashed.

    Escapes \\ ` * _ [ ] < > # | ~ everywhere, & where it would start an entity, and a
    leading - + = or "1." / "1)" that would start a list or a heading. Leading and trailing
    spaces are kept (they separate spans).
    """
    text = _CONTROL.sub(" ", text)
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    stripped = escaped.lstrip(" ")
    indent = escaped[: len(escaped) - len(stripped)]
    ordered = _MD_ORDERED.match(stripped)
    if ordered:
        stripped = f"{ordered[1]}\\{ordered[2]}{stripped[ordered.end() :]}"
    elif stripped[:1] in ("-", "+", "="):
        stripped = "\\" + stripped
    return indent + stripped


def _md_span(span: Span) -> str:
    text = md_escape(span.text)
    if not span.style or not text.strip():
        return text
    core = text.strip(" ")
    before = text[: len(text) - len(text.lstrip(" "))]
    after = text[len(text.rstrip(" ")) :]
    mark = "**" if span.style == "strong" else "*"
    return f"{before}{mark}{core}{mark}{after}"


def _md_lines(span: Span, indent: str) -> str:
    """A span with line breaks: each line escaped on its own (so none starts a list or a
    heading), a hard break (backslash) between two lines, the next line indented to stay
    in its list item; a blank line stays blank (a new paragraph in the item)."""
    pieces = span.text.split("\n")
    out = ""
    for number, piece in enumerate(pieces):
        out += _md_span(Span(piece, span.style)) if piece else ""
        if number + 1 < len(pieces):
            following = pieces[number + 1]
            out += "\\" if piece.strip() and following.strip() else ""
            out += "\n" + (indent if following.strip() else "")
    return out


def _md_line(line: Line, indent: str = "") -> str:
    return "".join(
        _md_lines(span, indent) if "\n" in span.text else _md_span(span) for span in line
    )


def _md_blocks(blocks: tuple[Block, ...], level: int, out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Para):
            text = _md_line(block.line)
            out.extend([f"_{text}_" if block.note and text.strip() else text, ""])
        elif isinstance(block, Items):
            _md_items(block, "", out)
            out.append("")
        elif isinstance(block, Table):
            cells = [md_escape(cell) for cell in block.header]
            out.append("| " + " | ".join(cells) + " |")
            out.append("|" + "|".join("---:" if n else "---" for n in block.numeric) + "|")
            for row in block.rows:
                out.append("| " + " | ".join(md_escape(cell) for cell in row) + " |")
            out.append("")
        else:
            out.extend([f"{'#' * level} {md_escape(block.heading)}", ""])
            _md_blocks(block.blocks, min(level + 1, 6), out)


def _md_items(block: Items, indent: str, out: list[str]) -> None:
    for number, item in enumerate(block.items, 1):
        line, sub = (item.line, item.sub) if isinstance(item, Item) else (item, None)
        marker = f"{number}. " if block.numbered else "- "
        out.append(f"{indent}{marker}{_md_line(line, indent + ' ' * len(marker))}")
        if sub is not None and sub.items:
            _md_items(sub, indent + " " * len(marker), out)


def render_markdown(report: Report) -> str:
    """The report as Markdown (CommonMark plus a GFM table)."""
    out = [f"# {md_escape(report.title)}", ""]
    for line in report.lead:
        out.extend([_md_line(line), ""])
    _md_blocks(report.sections, 2, out)
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML --------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem;
  border-bottom: 0.1rem solid #c9d3dc; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
p, li, td, th { overflow-wrap: anywhere; }
ul, ol { padding-left: 1.4rem; margin: 0.25rem 0 0.75rem; }
li { margin: 0.2rem 0; }
li > ul, li > ol { margin: 0.15rem 0 0.4rem; }
.note { color: #4a5560; font-size: 0.92rem; }
.lead { margin: 0.2rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 0.05rem solid #dde3e8; }
.num { text-align: right; white-space: nowrap; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; color: #000; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, tr { break-inside: avoid; page-break-inside: avoid; }
  .note { color: #333; }
}
""".strip()


def _html_text(text: str) -> str:
    return html.escape(_CONTROL.sub(" ", text), quote=True)


def _html_line(line: Line) -> str:
    parts = []
    for span in line:
        text = "<br>".join(_html_text(piece) for piece in span.text.split("\n"))
        if span.style == "strong":
            text = f"<strong>{text}</strong>"
        elif span.style == "em":
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts)


def _html_blocks(blocks: tuple[Block, ...], level: int, out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Para):
            css = ' class="note"' if block.note else ""
            out.append(f"<p{css}>{_html_line(block.line)}</p>")
        elif isinstance(block, Items):
            _html_items(block, out)
        elif isinstance(block, Table):
            out.append('<div class="scroll"><table>')
            heads = "".join(
                f'<th scope="col"{_num(n)}>{_html_text(h)}</th>'
                for h, n in zip(block.header, block.numeric, strict=True)
            )
            out.append(f"<thead><tr>{heads}</tr></thead><tbody>")
            for row in block.rows:
                cells = "".join(
                    f"<td{_num(n)}>{_html_text(c)}</td>"
                    for c, n in zip(row, block.numeric, strict=True)
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</tbody></table></div>")
        else:
            out.append(f'<section class="{block.key}">')
            out.append(f"<h{level}>{_html_text(block.heading)}</h{level}>")
            _html_blocks(block.blocks, min(level + 1, 6), out)
            out.append("</section>")


def _html_items(block: Items, out: list[str]) -> None:
    tag = "ol" if block.numbered else "ul"
    out.append(f"<{tag}>")
    for item in block.items:
        if isinstance(item, Item):
            out.append(f"<li>{_html_line(item.line)}")
            if item.sub.items:
                _html_items(item.sub, out)
            out.append("</li>")
        else:
            out.append(f"<li>{_html_line(item)}</li>")
    out.append(f"</{tag}>")


def _num(numeric: bool) -> str:
    return ' class="num"' if numeric else ""


def render_html(report: Report) -> str:
    """The report as one self-contained HTML file: inline CSS, nothing loaded from elsewhere.

    Readable on a phone (viewport, relative units, a narrow column) and printable on A4.
    A Content-Security-Policy forbids scripts and every outside request, as a second lock
    behind the escaping.
    """
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="generator" content="tussenruimte">',
        f"<title>{_html_text(report.title)} — {_html_text(t('report.kind'))}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{_html_text(report.title)}</h1>",
    ]
    out.extend(f'<p class="lead">{_html_line(line)}</p>' for line in report.lead)
    out.append("</header>")
    _html_blocks(report.sections, 2, out)
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"
