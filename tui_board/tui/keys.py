"""The keyboard contract in one table: bindings, the footer, the help screen and the
command palette are all made from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from textual.binding import Binding

from tui_board.core.i18n import t
from tui_board.tui.keymap import key_name as key_name


@dataclass(frozen=True, slots=True)
class Key:
    """One action and the keys that call it."""

    id: str
    keys: str
    action: str
    short: str
    """i18n key of the short label (footer)."""
    long: str
    """i18n key of the sentence in the help screen and the command palette."""
    footer: bool = True
    display: str | None = None
    palette: bool = True


KEYS: tuple[Key, ...] = (
    Key("column-left", "left,h", "focus_column(-1)", "key.left", "key.left", False, "←/h"),
    Key("column-right", "right,l", "focus_column(1)", "key.right", "key.right", False, "→/l"),
    Key("card-up", "up,k", "cursor(-1)", "key.up", "key.up", False, "↑/k", False),
    Key("card-down", "down,j", "cursor(1)", "key.down", "key.down", False, "↓/j", False),
    Key("new", "n", "new_card", "key.new", "key.new_long"),
    Key("edit", "e,enter", "edit_card", "key.edit", "key.edit_long", True, "e"),
    Key("delete", "d", "delete_card", "key.delete", "key.delete_long"),
    Key("move-left", "shift+left", "move_card(-1)", "key.move_left", "key.move_left", False),
    Key("move-right", "shift+right", "move_card(1)", "key.move_right", "key.move_right", False),
    Key("move-up", "shift+up", "reorder(-1)", "key.move_up", "key.move_up", False),
    Key("move-down", "shift+down", "reorder(1)", "key.move_down", "key.move_down", False),
    Key("mark", "space", "mark", "key.mark", "key.mark_long", False),
    Key("group", "g", "group", "key.group", "key.group_long"),
    Key("ungroup", "G", "ungroup", "key.ungroup", "key.ungroup_long", False, "G"),
    Key("save", "ctrl+s", "save", "key.save", "key.save_long"),
    Key("people", "p", "people", "key.people", "key.people_long"),
    Key("merge-seats", "M", "merge_seats", "key.merge_seats", "key.merge_seats_long", True, "M"),
    Key("remove-seat", "X", "remove_seat", "key.remove_seat", "key.remove_seat_long", True, "X"),
    Key("add-person", "N", "add_person", "key.add_person", "key.add_person_long", False, "N"),
    Key(
        "card-on-behalf",
        "K",
        "card_on_behalf",
        "key.card_on_behalf",
        "key.card_on_behalf_long",
        False,
        "K",
    ),
    Key(
        "answer-on-behalf",
        "J",
        "answer_on_behalf",
        "key.answer_on_behalf",
        "key.answer_on_behalf_long",
        False,
        "J",
    ),
    Key(
        "evaluate-on-behalf",
        "U",
        "evaluate_on_behalf",
        "key.evaluate_on_behalf",
        "key.evaluate_on_behalf_long",
        False,
        "U",
    ),
    Key("admit", "B", "admit", "key.admit", "key.admit_long", True, "B"),
    Key("refuse", "W", "refuse", "key.refuse", "key.refuse_long", True, "W"),
    Key("rules", "r", "rules", "key.rules", "key.rules_long"),
    Key("confirm", "c", "confirm", "key.confirm", "key.confirm_long"),
    Key("mandate", "m", "mandate", "key.mandate", "key.mandate_long", False),
    Key(
        "phase-next",
        "right_square_bracket",
        "phase(1)",
        "key.phase_next",
        "key.phase_next_long",
        True,
        "]",
    ),
    Key(
        "phase-prev",
        "left_square_bracket",
        "phase(-1)",
        "key.phase_prev",
        "key.phase_prev_long",
        True,
        "[",
    ),
    Key("private", "P", "toggle_private", "key.private", "key.private_long", True, "P"),
    Key("reveal", "R", "reveal", "key.reveal", "key.reveal_long", True, "R"),
    Key("spotlight", "s", "spotlight", "key.spotlight", "key.spotlight_long"),
    Key(
        "spotlight-off",
        "escape",
        "spotlight_off",
        "key.spotlight_off",
        "key.spotlight_off",
        False,
        "Esc",
    ),
    Key(
        "spotlight-jump",
        "S",
        "spotlight_jump",
        "key.spotlight_jump",
        "key.spotlight_jump_long",
        True,
        "S",
    ),
    Key("timer", "t", "timer", "key.timer", "key.timer_long"),
    Key("vote-up", "plus,equals_sign", "vote(1)", "key.vote_up", "key.vote_up_long", True, "+"),
    Key("vote-down", "minus", "vote(-1)", "key.vote_down", "key.vote_down_long", True, "-"),
    Key("voice", "O", "voice", "key.voice", "key.voice_long", True, "O"),
    Key("kind", "exclamation_mark", "kind", "key.kind", "key.kind_long", True, "!"),
    Key("propose", "o", "propose", "key.propose", "key.propose_long"),
    Key("agree", "a", "agree", "key.agree", "key.agree_long"),
    Key("agreements", "A", "agreements", "key.agreements", "key.agreements_long", True, "A"),
    Key("answer", "w", "answer", "key.answer", "key.answer_long"),
    Key("terugblik", "T", "terugblik", "key.terugblik", "key.terugblik_long", False, "T"),
    Key(
        "close-voting", "V", "close_voting", "key.close_voting", "key.close_voting_long", True, "V"
    ),
    Key("entrances", "i", "entrances", "key.entrances", "key.entrances_long", False),
    Key("reflex", "x", "reflex", "instr.key.reflex", "instr.key.reflex_long", False),
    Key("evaluate", "E", "evaluate", "instr.key.evaluate", "instr.key.evaluate_long", False, "E"),
    Key(
        "principles",
        "H",
        "principles",
        "instr.key.principles",
        "instr.key.principles_long",
        False,
        "H",
    ),
    Key("help", "question_mark", "help", "key.help", "key.help_long", True, "?"),
    Key("quit", "q", "quit_board", "key.quit", "key.quit_long"),
    Key("palette", "ctrl+p", "command_palette", "key.palette", "key.palette", False, None, False),
)


BY_ID = {k.id: k for k in KEYS}


def defaults() -> dict[str, str]:
    """Every binding id with its own keys (what a keymap file is checked against)."""
    return {k.id: k.keys for k in KEYS}


def bindings() -> list[Binding]:
    """Textual bindings for every key, labelled in the current language."""
    return [
        Binding(
            k.keys,
            k.action,
            t(k.short),
            show=k.footer,
            key_display=bar_name(k),
            id=k.id,
            priority=k.id == "palette",
        )
        for k in KEYS
    ]


_keymap: dict[str, str] = {}
"""The keymap in use on this board (`use_keymap`): binding id → Textual keys."""
_refused: list[str] = []


def use_keymap(keymap: Mapping[str, str], refused: str = "") -> None:
    """Use `keymap` (binding id → keys, checked by `keymap.parse`) from now on: the board
    hands it to Textual at its start, and every place that writes a key writes it mapped.
    `refused`: why the user's keymap file is not used (the board says it once more)."""
    _keymap.clear()
    _keymap.update(keymap)
    _refused[:] = [refused] if refused else []


def keymap_refused() -> str:
    """Why the keymap file is not used; empty when it is (or there is none)."""
    return _refused[0] if _refused else ""


def keymap() -> dict[str, str]:
    """The keymap in use (empty: the board's own keys)."""
    return dict(_keymap)


def keys_of(key: Key) -> list[str]:
    """The Textual keys that call `key` now: mapped, or its own."""
    return _keymap.get(key.id, key.keys).split(",")


def written(key: Key | str, every: bool = False) -> str:
    """How a key is written now, everywhere (the key bar, help, the projector, `keys`):
    its first key (`every`: all of them, `a / ctrl+↑`) as mapped, or its own short display.
    `key` is a Key or a binding id."""
    if isinstance(key, str):
        key = BY_ID[key]
    if key.id not in _keymap and key.display:
        return key.display
    names = [key_name(k) for k in keys_of(key)]
    return " / ".join(names) if every else names[0]


def bar_name(key: Key) -> str:
    """How a key is written in the key bar (its first key, or its own short display)."""
    return written(key)


def display(key: Key) -> str:
    """How a key is written in the help screen: every key that calls it."""
    return written(key, every=True)


def handlers(*groups: object) -> dict[str, Callable[..., object]]:
    """The key actions of `groups` by name: each group's `action_<name>` methods."""
    return {
        name.removeprefix("action_"): getattr(group, name)
        for group in groups
        for name in dir(group)
        if name.startswith("action_")
    }
