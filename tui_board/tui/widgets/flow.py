"""Forms that keep every key, in the order it was typed.

Textual hands a key to the focused widget's queue, but runs that widget's bindings only once
the key has bubbled back up to the app. In a burst (tmux, fast hands, a paste of keys) the
next typed character can land before the Backspace before it has run, and a key typed after
Tab or Enter can land in the field that was left. Two rules fix the order:

- a field runs its own bindings itself, in its own queue, in order with the typed characters
  (`OwnKeys`, `FlowInput`);
- a key that moves between fields or sends the form is a priority binding of the screen: it
  runs before any later key is handed on, and first waits until every field has handled the
  keys it already holds (`settle`), so it sees all that was typed before it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import Any, cast

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

SETTLE_SECONDS = 2.0
"""At most this long a form waits for its fields to handle the keys they hold."""


class OwnKeys:
    """Mixed in before a widget class: the widget runs its own (non-priority) bindings when
    the key reaches it. (A plain mixin, so that the widget keeps its CSS type and styles.)"""

    async def _on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue
            if await widget.app.run_action(binding.action, widget):
                event.stop()
                event.prevent_default()  # the widget's own key handling is skipped
                return
        # Otherwise Textual goes on to the widget's own `_on_key` (typed characters).


class FlowInput(OwnKeys, Input):
    """An input field whose Backspace, arrows and the like keep the typed order."""


async def settle(widgets: Iterable[Widget], timeout: float = SETTLE_SECONDS) -> None:
    """Wait until each of `widgets` has handled every message it already holds."""
    loop = asyncio.get_running_loop()
    waits: list[asyncio.Future[None]] = []
    for widget in widgets:
        if not widget.is_attached:
            continue
        done: asyncio.Future[None] = loop.create_future()
        if widget.call_later(lambda done=done: done.done() or done.set_result(None)):
            waits.append(done)
    if waits:
        await asyncio.wait(waits, timeout=timeout)


async def walk(screen: Screen[Any], fields: Sequence[Widget], step: int) -> None:
    """Tab / shift+Tab in a form: the focus to the next / previous of `fields` (round the
    form), once each field holds every key typed before."""
    await settle(fields)
    here = fields.index(screen.focused) if screen.focused in fields else -1
    screen.set_focus(fields[(here + step) % len(fields)])
