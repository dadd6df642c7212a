"""Lean strip caches: the board's lines cost less memory and draw the very same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from factories import make_session
from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.cache import FIFOCache
from textual.strip import Strip

from tui_board.files.store import save_session
from tui_board.tui.widgets import leanstrips
from tui_board.tui.widgets.leanstrips import NULL, UNUSED, LeanCache

# A sequence of cache calls: ("set", key, value), ("get", key), ("clear",).
calls = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.integers(0, 9), st.integers()),
        st.tuples(st.just("get"), st.integers(0, 9)),
        st.tuples(st.just("clear")),
    ),
    max_size=60,
)


@given(st.sampled_from([1, 4, 16]), calls)
def test_lean_cache_answers_as_textuals_fifo_cache(
    maxsize: int, steps: list[tuple[Any, ...]]
) -> None:
    lean: LeanCache = LeanCache(maxsize)
    fifo: FIFOCache[int, int] = FIFOCache(maxsize)
    for step in steps:
        if step[0] == "set":
            lean[step[1]] = step[2]
            fifo[step[1]] = step[2]
        elif step[0] == "get":
            assert lean.get(step[1], "none") == fifo.get(step[1], "none")
            assert (step[1] in lean) == (step[1] in fifo.keys())
        else:
            lean.clear()
            fifo.clear()
        assert len(lean) == len(fifo)
        assert bool(lean) == bool(fifo)
        assert list(lean.keys()) == list(fifo.keys())


def test_lean_cache_makes_its_dict_only_when_used() -> None:
    cache = LeanCache(4)
    assert cache._cache is None and len(cache) == 0 and not cache
    cache.set("a", 1)
    assert cache["a"] == 1 and cache._cache == {"a": 1}


def test_null_cache_keeps_nothing() -> None:
    NULL["a"] = 1
    NULL.set("b", 2)
    assert NULL.get("a") is None and "a" not in NULL and len(NULL) == 0
    assert list(NULL.keys()) == []


def test_the_installed_textual_builds_its_strips_with_lean_caches() -> None:
    """Fails when a Textual upgrade builds strips another way (then the board's memory must
    be measured again): every name in UNUSED must still be a strip cache."""
    leanstrips.install()
    leanstrips.install()  # twice: Strip.__init__ is wrapped once
    assert leanstrips.installed()
    assert set(UNUSED) <= set(Strip.__slots__)
    strip = Strip([Segment("hallo wereld")], 12)
    # Textual types these caches as FIFOCache; install() puts a LeanCache in their place.
    divide: object = strip._divide_cache
    filters: object = strip._filter_cache
    assert isinstance(divide, LeanCache)
    assert isinstance(filters, LeanCache)


def test_lean_strips_give_the_same_lines_and_still_cache_divisions() -> None:
    leanstrips.install()
    bold = Style(bold=True)
    strip = Strip([Segment("▶ Samen ", bold), Segment("leren en verbeteren")], 27)
    assert strip.crop(2, 7).text == "Samen"
    assert strip.crop(2, 7).text == "Samen"  # nothing kept, the same answer again
    parts = strip.divide([2, 8, 27])
    assert [part.text for part in parts] == ["▶ ", "Samen ", "leren en verbeteren"]
    assert strip.divide([2, 8, 27]) is parts, "divisions are still cached"
    assert strip.adjust_cell_length(30).cell_length == 30
    assert strip.apply_style(bold).text == strip.text
    assert strip.extend_cell_length(30).cell_length == 30


def test_a_board_installs_the_lean_caches_itself(tmp_path: Path) -> None:
    """In a fresh process: strips are Textual's own until a board is made."""
    path = tmp_path / "sessie.toml"
    save_session(make_session(), path)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui_board.live.localboard import LocalBoard\n"
        "from tui_board.files.store import load_session\n"
        "from tui_board.tui.widgets import leanstrips\n"
        "from tui_board.tui.app import BoardApp\n"
        "before = leanstrips.installed()\n"
        "path = Path(sys.argv[1])\n"
        "BoardApp(LocalBoard(load_session(path), path, 'Marieke'))\n"
        "print(before, leanstrips.installed())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]
