"""Board templates: the themes, guiding questions and spelregels a session starts from.

Templates are TOML files. The built-in ones live in `themes/` (shipped inside the wheel);
a user adds one by dropping a file in their templates folder (see `user_template_dirs`).
A user template with the same name as a built-in one replaces it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tui_board.core.i18n import t
from tui_board.core.instruments import INSTRUMENTS, MIN_ANSWERS, Instrument
from tui_board.core.model import (
    ID_PATTERN,
    SCHEMA_VERSION,
    Meta,
    Opening,
    Participant,
    Phase,
    Role,
    Session,
    Theme,
    _unique,
    check_evaluation_minimum,
    new_identity,
)
from tui_board.core.phases import default_phases
from tui_board.core.text import clean_line
from tui_board.files.store import FileProblem, read_toml, validate_data


class TemplateInfo(BaseModel):
    """The `[template]` table of a template file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(pattern=ID_PATTERN)
    """Short name, used with `--template`."""
    title: str = Field(min_length=1, max_length=200)
    """Default title of a session made from it."""
    description: str = Field(default="", max_length=1000)
    """One or two sentences: when to use this template."""
    language: Literal["nl", "en"] = "nl"
    """The language of its texts."""
    lobby: bool = False
    """Newcomers wait until the facilitator lets them in (`lobby = true`; docs/protocol.md)."""


class Template(BaseModel):
    """A whole template file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    template: TemplateInfo
    """Name, title and description."""
    questions: tuple[str, ...] = ()
    """The questions the session asks itself."""
    spelregels: tuple[str, ...] = ()
    """The ground rules."""
    themes: tuple[Theme, ...] = Field(min_length=1)
    """The columns of the board."""
    phases: tuple[Phase, ...] = ()
    """The steps of a session; none: the method's default flow (phases.DEFAULT_PHASES)."""
    open_to_all: tuple[Opening, ...] = ()
    """Facilitator actions this template opens to every participant: "cluster", "reflex"."""
    instruments: tuple[Instrument, ...] = INSTRUMENTS
    """The method's instruments sessions of this template use (all by default)."""
    evaluation_minimum: int = MIN_ANSWERS
    """How many people must answer the closing evaluation before its figures are shown
    (default 5; not fewer than 3)."""

    @field_validator("evaluation_minimum")
    @classmethod
    def _enough_answers(cls, value: int) -> int:
        return check_evaluation_minimum(value)

    @model_validator(mode="after")
    def _unique_themes(self) -> Template:
        # A session made from it would be invalid; say so when the template is read.
        _unique("themes", [theme.id for theme in self.themes])
        return self


@dataclass(frozen=True, slots=True)
class Found:
    """A template with the file it came from."""

    template: Template
    path: Path
    builtin: bool


def builtin_dir() -> Path:
    """The folder of built-in templates: inside the package when installed, else the repo's."""
    package = Path(__file__).parent.parent
    inside = package / "themes"
    return inside if inside.is_dir() else package.parent / "themes"


def user_template_dirs() -> list[Path]:
    """Folders with the user's own templates: $TUSSENRUIMTE_TEMPLATES, else the config dir."""
    env = os.environ.get("TUSSENRUIMTE_TEMPLATES")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path(config) / "tussenruimte" / "templates"]


def load_template(path: Path) -> Template:
    """Load one template file; raise FileProblem when it is bad."""
    text, data = read_toml(path)
    return validate_data(Template, data, text, path)


def discover() -> tuple[dict[str, Found], list[FileProblem]]:
    """Every usable template by name, and the problems of files that could not be used."""
    found: dict[str, Found] = {}
    problems: list[FileProblem] = []
    sources = [(builtin_dir(), True)] + [(d, False) for d in user_template_dirs()]
    for folder, builtin in sources:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                template = load_template(path)
            except FileProblem as problem:
                problems.append(problem)
                continue
            found[template.template.name] = Found(template, path, builtin)
    return found, problems


def find_template(name: str) -> Template:
    """The template called `name`; raise LookupError with a helpful message if none."""
    found, _ = discover()
    if name in found:
        return found[name].template
    raise LookupError(t("template.unknown", name=name, known=", ".join(sorted(found)) or "-"))


def new_session(
    template: Template,
    *,
    title: str | None = None,
    date: dt.date,
    place: str = "",
    facilitator: str,
    organisation: str = "",
    anonymous: bool = False,
) -> Session:
    """A fresh session from a template, with the facilitator at the table, in its first phase.

    The title, place, name and organisation are cleaned as the rules clean typed text. The
    session gets a fresh identity (`model.new_identity`), which every save keeps."""
    phases = template.phases or default_phases(template.template.language)
    return Session(
        schema_version=SCHEMA_VERSION,
        session=Meta(
            id=new_identity(date),
            title=clean_line(title or "", 200) or template.template.title,
            date=date,
            place=clean_line(place, 200),
            template=template.template.name,
            language=template.template.language,
            anonymous=anonymous,
            lobby=template.template.lobby,
        ),
        questions=template.questions,
        spelregels=template.spelregels,
        themes=template.themes,
        phases=phases,
        phase=phases[0].id,
        open_to_all=template.open_to_all,
        instruments=template.instruments,
        evaluation_minimum=template.evaluation_minimum,
        participants=(
            Participant(
                id="begeleider",
                name=clean_line(facilitator, 100) or t("cli.default_facilitator"),
                organisation=clean_line(organisation, 100),
                role=Role.FACILITATOR,
            ),
        ),
    )
