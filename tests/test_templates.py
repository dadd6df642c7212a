"""Templates: the built-in ones, the user's own, and sessions made from them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tui_board.core import i18n
from tui_board.core.model import Role, Session
from tui_board.files.store import FileProblem, dumps_session, load_session, save_session
from tui_board.files.templates import (
    builtin_dir,
    discover,
    find_template,
    load_template,
    new_session,
    user_template_dirs,
)

BUILTIN = ("consensus", "rivierenland", "schutting")

RIVIERENLAND_THEMES = (
    "Rollen, verantwoordelijkheden en gelijkwaardigheid",
    "Samen leren en verbeteren",
    "Vertrouwen en partnerschap",
    "Gezamenlijke maatschappelijke doelen",
)

SPELREGELS = (
    "We praten alleen over oplossingen die we zelf kunnen inzetten of realiseren.",
    "Problemen benoemen mag, maar altijd gevolgd door een voorstel of een oplossing!",
    "Iedereen zit aan tafel namens zijn of haar organisatie en heeft het mandaat om afspraken "
    "te maken.",
    "Na elke bijeenkomst vernieuwt iedere persoon zijn/haar mandaat op basis van de uitkomst "
    "van de bijeenkomst.",
    "Elke deelnemer spreekt zijn zorgen, of bedenkingen uit.",
    "We werken met bondige, concrete verslagen die uitleggen welke afspraken en keuzes we maken "
    "en waarom.",
    "Verantwoordelijkheid voor een deel = medeverantwoordelijkheid voor het geheel.",
)


def template_text(name: str, title: str, themes: tuple[str, ...] = ("een", "twee")) -> str:
    tables = "".join(f'\n[[themes]]\nid = "{t}"\ntitle = "Thema {t}"\n' for t in themes)
    return (
        f'spelregels = ["Eigen regel"]\n\n[template]\nname = "{name}"\ntitle = "{title}"\n' + tables
    )


def test_the_user_folder_comes_from_the_environment(own_templates_dir: Path) -> None:
    assert user_template_dirs() == [own_templates_dir]


def test_the_user_folder_defaults_to_the_config_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TUSSENRUIMTE_TEMPLATES")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_template_dirs() == [tmp_path / "tussenruimte" / "templates"]


def test_the_three_built_in_templates_are_found() -> None:
    found, problems = discover()
    assert problems == []
    assert sorted(found) == list(BUILTIN)
    for name, item in found.items():
        assert item.builtin
        assert item.path.parent == builtin_dir()
        assert item.template.template.name == name


@pytest.mark.parametrize("name", BUILTIN)
def test_each_built_in_template_loads(name: str) -> None:
    template = load_template(builtin_dir() / f"{name}.toml")
    assert template == find_template(name)
    assert template.template.language == "nl"
    assert template.template.title and template.template.description
    assert template.themes and template.questions
    assert len({theme.id for theme in template.themes}) == len(template.themes)
    assert all(theme.question for theme in template.themes)
    assert template.spelregels == SPELREGELS


def test_rivierenland_has_its_four_themes_and_seven_spelregels() -> None:
    template = find_template("rivierenland")
    assert tuple(theme.title for theme in template.themes) == RIVIERENLAND_THEMES
    assert len(template.spelregels) == 7
    assert template.spelregels == SPELREGELS
    assert "Wat maakt samenwerking in Rivierenland duurzaam?" in template.questions


def test_a_user_template_is_found(own_templates_dir: Path) -> None:
    path = own_templates_dir / "eigen.toml"
    path.write_text(template_text("eigen", "Eigen sessie"), encoding="utf-8")
    found, problems = discover()
    assert problems == []
    assert sorted(found) == sorted([*BUILTIN, "eigen"])
    assert found["eigen"].path == path and not found["eigen"].builtin
    template = find_template("eigen")
    assert template.template.title == "Eigen sessie"
    assert [t.id for t in template.themes] == ["een", "twee"]


def test_a_user_template_overrides_a_built_in_one(own_templates_dir: Path) -> None:
    path = own_templates_dir / "mijn-rivierenland.toml"
    path.write_text(template_text("rivierenland", "Ons eigen Rivierenland"), encoding="utf-8")
    found, problems = discover()
    assert problems == []
    assert found["rivierenland"].path == path
    assert not found["rivierenland"].builtin
    assert find_template("rivierenland").template.title == "Ons eigen Rivierenland"
    assert sorted(found) == list(BUILTIN)


def test_several_user_folders_later_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first, second = tmp_path / "eerst", tmp_path / "later"
    first.mkdir()
    second.mkdir()
    (first / "x.toml").write_text(template_text("gedeeld", "Eerste"), encoding="utf-8")
    (second / "y.toml").write_text(template_text("gedeeld", "Tweede"), encoding="utf-8")
    monkeypatch.setenv("TUSSENRUIMTE_TEMPLATES", f"{first}{os.pathsep}{second}")
    assert find_template("gedeeld").template.title == "Tweede"


BROKEN = {
    "syntax": 'spelregels = ["open\n[template]\nname = "kapot"\n',
    "no-themes": '[template]\nname = "leeg"\ntitle = "Leeg"\n',
    "bad-name": template_text("Met Hoofdletters", "Fout"),
    "duplicate-theme": template_text("dubbel", "Dubbel", themes=("een", "een")),
    "extra-field": template_text("extra", "Extra") + 'kleur = "rood"\n',
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_user_template_is_reported_not_raised(own_templates_dir: Path, case: str) -> None:
    path = own_templates_dir / f"{case}.toml"
    path.write_text(BROKEN[case], encoding="utf-8")
    before = path.read_bytes()
    found, problems = discover()
    assert sorted(found) == list(BUILTIN), "the good templates are still there"
    assert [problem.path for problem in problems] == [path]
    assert isinstance(problems[0], FileProblem)
    assert str(path) in problems[0].message()
    assert path.read_bytes() == before
    with pytest.raises(FileProblem):
        load_template(path)


def test_a_broken_template_does_not_hide_the_built_in_one(own_templates_dir: Path) -> None:
    (own_templates_dir / "rivierenland.toml").write_text("[template\n", encoding="utf-8")
    found, problems = discover()
    assert found["rivierenland"].builtin
    assert len(problems) == 1


def test_a_duplicate_theme_id_is_named_with_its_line(own_templates_dir: Path) -> None:
    path = own_templates_dir / "dubbel.toml"
    path.write_text(BROKEN["duplicate-theme"], encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_template(path)
    lines = BROKEN["duplicate-theme"].splitlines()
    assert caught.value.line == len(lines) - 1  # the second `id = "een"`
    assert lines[caught.value.line - 1] == 'id = "een"'
    assert "het id 'een' komt twee keer voor in themes" in caught.value.message()


def test_the_evaluation_minimum_is_five_unless_a_template_sets_it(
    own_templates_dir: Path, tmp_path: Path
) -> None:
    default = new_session(find_template("rivierenland"), date=dt.date(2026, 3, 2), facilitator="M")
    assert default.evaluation_minimum == 5
    assert "evaluation_minimum" not in dumps_session(default), "the default is not written"
    path = own_templates_dir / "drie.toml"
    path.write_text("evaluation_minimum = 3\n" + template_text("drie", "Drie"), encoding="utf-8")
    template = load_template(path)
    assert template.evaluation_minimum == 3, "three is the lowest a template may ask for"
    session = new_session(template, date=dt.date(2026, 3, 2), facilitator="M")
    assert session.evaluation_minimum == 3
    saved = tmp_path / "sessie.toml"
    save_session(session, saved)
    assert "\nevaluation_minimum = 3\n" in saved.read_text(encoding="utf-8")
    assert load_session(saved).evaluation_minimum == 3


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "het minimum voor de evaluatie is 2, maar moet minstens 3 zijn"),
        ("en", "the evaluation minimum is 2 but must be at least 3"),
    ],
)
def test_a_template_asking_for_fewer_than_three_answers_is_refused_clearly(
    own_templates_dir: Path, tmp_path: Path, language: str, expected: str
) -> None:
    i18n.set_language(language)
    path = own_templates_dir / "twee.toml"
    path.write_text("evaluation_minimum = 2\n" + template_text("twee", "Twee"), encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_template(path)
    message = caught.value.message()
    assert expected in message and "evaluation_minimum" in message, message
    assert caught.value.line == 1
    found, problems = discover()
    assert "twee" not in found and [p.path for p in problems] == [path]
    # A session file that asks for it is refused the same way.
    session = tmp_path / "sessie.toml"
    text = dumps_session(
        new_session(find_template("rivierenland"), date=dt.date(2026, 3, 2), facilitator="M")
    )
    session.write_text(
        text.replace("\nschema = 4\n", "\nschema = 4\nevaluation_minimum = 2\n"), encoding="utf-8"
    )
    with pytest.raises(FileProblem) as caught:
        load_session(session)
    assert expected in caught.value.message()


def test_other_files_in_the_user_folder_are_ignored(own_templates_dir: Path) -> None:
    (own_templates_dir / "LEESMIJ.txt").write_text("geen sjabloon", encoding="utf-8")
    (own_templates_dir / "sub").mkdir()
    found, problems = discover()
    assert sorted(found) == list(BUILTIN) and problems == []


def test_a_missing_user_folder_is_fine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TUSSENRUIMTE_TEMPLATES", str(tmp_path / "bestaat-niet"))
    found, problems = discover()
    assert sorted(found) == list(BUILTIN) and problems == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Er is geen sjabloon 'nergens'. Beschikbaar: consensus, rivierenland, schutting."),
        ("en", "There is no template 'nergens'. Available: consensus, rivierenland, schutting."),
    ],
)
def test_an_unknown_template_lists_the_known_names(language: str, expected: str) -> None:
    i18n.set_language(language)
    with pytest.raises(LookupError) as caught:
        find_template("nergens")
    assert expected in str(caught.value)


def test_an_unknown_template_lists_user_templates_too(own_templates_dir: Path) -> None:
    (own_templates_dir / "eigen.toml").write_text(template_text("eigen", "E"), encoding="utf-8")
    with pytest.raises(LookupError, match="consensus, eigen, rivierenland, schutting"):
        find_template("nergens")


# --- new sessions --------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN)
def test_new_session_is_valid(tmp_path: Path, name: str) -> None:
    template = find_template(name)
    session = new_session(
        template, date=dt.date(2026, 11, 26), facilitator="Marieke", organisation="Begeleiding"
    )
    assert Session.model_validate(session.model_dump(by_alias=True)) == session
    assert session.session.title == template.template.title
    assert session.session.template == name
    assert session.session.date == dt.date(2026, 11, 26)
    assert session.session.language == template.template.language
    assert session.themes == template.themes
    assert session.spelregels == template.spelregels
    assert session.questions == template.questions
    assert session.cards == ()
    (person,) = session.participants
    assert (person.name, person.organisation, person.role) == (
        "Marieke",
        "Begeleiding",
        Role.FACILITATOR,
    )
    path = tmp_path / "nieuw.toml"
    save_session(session, path)
    assert load_session(path) == session
    assert dumps_session(load_session(path)) == path.read_text(encoding="utf-8")


def test_new_session_takes_title_and_place() -> None:
    session = new_session(
        find_template("schutting"),
        title="Schutting in Tiel",
        date=dt.date(2027, 1, 5),
        place="Tiel",
        facilitator="Ria",
    )
    assert (session.session.title, session.session.place) == ("Schutting in Tiel", "Tiel")


def test_new_session_from_a_user_template(own_templates_dir: Path) -> None:
    (own_templates_dir / "eigen.toml").write_text(template_text("eigen", "E"), encoding="utf-8")
    session = new_session(find_template("eigen"), date=dt.date(2026, 1, 1), facilitator="Ria")
    assert [t.id for t in session.themes] == ["een", "twee"]
    assert session.spelregels == ("Eigen regel",)
    assert session.session.template == "eigen"
