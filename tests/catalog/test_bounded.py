"""Bounded reading: no TOML file, however made, costs more than a small multiple of its size.

Each hostile file is refused by ``scan`` before tomllib sees it, with a short DataError that
has a line; CPU time and peak memory of the refusal are measured (generous bounds: the
files these stand for took 5 s and 1.5 GB, or raised RecursionError, before).
"""

import contextlib
import sys
import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcli.catalog import tomlfile
from gapcli.catalog.tomlfile import MAX_FILE_BYTES, parse_toml
from gapcli.errors import DataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

pytestmark = pytest.mark.timeout(60)

HEAD = 'state = "Vermont"\ncode = "VT"\nyear = 2021\n'


def dotted(parts: int) -> str:
    return HEAD + ".".join(["a"] * parts) + " = 1\n"


HOSTILE = {
    "2,000 nested arrays": (HEAD + "x = " + "[" * 2000 + "]" * 2000 + "\n", "nested more than 16 deep"),
    "2,000 nested inline tables": (HEAD + "x = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n", "nested more than 16"),
    "a 21,000-part dotted key (42 KB)": (dotted(21_000), "of more than 16 parts"),
    "a 21,000-part table header": (HEAD + "[" + ".".join(["a"] * 21_000) + "]\n", "of more than 16 parts"),
    "quoted key parts": (HEAD + ".".join(['"a"'] * 5000) + " = 1\n", "of more than 16 parts"),
    "90,877 issue entries (1 MB)": (HEAD + "[[issues]]\n" * 90_877, "more than 10,000 keys"),
    "200,000 array items": (HEAD + "x = [" + "1," * 200_000 + "]\n", "more than 10,000 keys"),
    "a 900 KB string": (HEAD + 'note = "' + "x" * 900_000 + '"\n', "a string of more than 16,384"),
    "a 900 KB multi-line literal": (HEAD + "note = '''" + "x\n" * 450_000 + "'''\n", "a string of more than"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_cheaply_with_a_short_message(name):
    text, said = HOSTILE[name]
    raw = text.encode()
    assert len(raw) <= MAX_FILE_BYTES  # each one is small enough to be read at all
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(DataError) as refused:
            parse_toml(raw, "card.toml")
        spent = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert said in str(refused.value) and refused.value.line is not None
    assert len(str(refused.value)) < 200, str(refused.value)
    assert spent < 2.0, f"{name}: {spent:.2f} s of CPU"
    assert peak < 8 * len(raw) + (8 << 20), f"{name}: {peak / 2**20:.1f} MiB at peak for {len(raw) / 2**10:.0f} KiB"


def test_a_file_of_many_issue_entries_within_the_key_limit_is_one_short_problem():
    text = HEAD + "[[issues]]\nnumber = 1\n" * 3000
    with pytest.raises(DataError, match=r"3,000 issue entries; gapcli reads at most 64$"):
        parse_toml(text.encode(), "card.toml")


@pytest.mark.parametrize(
    "text",
    [
        HEAD + 'note = "' + "[" * 5000 + '"\n',  # brackets inside strings are text
        HEAD + "note = '" + "{" * 5000 + "'\n",
        HEAD + "# " + "[" * 5000 + "\nx = 1\n",  # ... and inside comments
        HEAD + 'note = """' + ".[" * 3000 + '\\"""\n"""\n',
        HEAD + "note = '''" + "[" * 4000 + "''''\n",  # a quote right before the closing three
        HEAD + 'note = """a""""\nb = "\\\\"\nc = [[1.5, 2.5], {x.y.z = 3}]\n',
        HEAD + '"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q" = 1\n',  # dots inside a quoted key part
        HEAD + "x = [" + ", ".join(["1.5"] * 2000) + "]\n",  # a dot per float, not per key
    ],
    ids=["basic", "literal", "comment", "multiline", "quote-before-close", "escapes", "quoted-key", "floats"],
)
def test_brackets_and_dots_inside_strings_and_comments_do_not_count(text):
    assert parse_toml(text.encode(), "card.toml") == tomllib.loads(text)


def test_every_limit_is_far_above_what_bundled_data_needs(catalog):
    """Each bundled file passes with room: at a quarter of each limit it would still pass."""
    from conftest import ROOT

    limits = ("MAX_DEPTH", "MAX_KEY_PARTS", "MAX_ENTRIES", "MAX_STRING")
    for path in sorted((ROOT / "data").glob("*/**/*.toml")):
        text = path.read_text("utf-8")
        with pytest.MonkeyPatch.context() as patch:
            for limit in limits:
                patch.setattr(tomlfile, limit, getattr(tomlfile, limit) // 4)
            tomlfile.scan(text, str(path))
        assert len(tomllib.loads(text).get("issues", [])) <= tomlfile.MAX_ISSUES // 4


TOKENS = st.sampled_from(['"', "'", '"""', "'''", "\\", "#", "\n", "[", "]", "{", "}", "=", ",", ".", "a", " ", "1"])


@settings(max_examples=300, deadline=None)
@given(prefix=st.lists(TOKENS, max_size=40).map("".join), suffix=st.lists(TOKENS, max_size=10).map("".join))
def test_no_text_smuggles_deep_nesting_past_the_scan(prefix, suffix):
    """Whatever comes first (an odd quote, a backslash, a comment), 3,000 brackets never reach
    tomllib's recursion: the outcome is a DataError or a parsed document, nothing else."""
    text = prefix + "\nx = " + "[" * 3000 + "]" * 3000 + suffix
    with contextlib.suppress(DataError):
        parse_toml(text.encode(), "card.toml")


@settings(max_examples=500, deadline=None)
@given(text=st.lists(TOKENS, max_size=80).map("".join))
def test_the_quick_check_clears_only_what_the_token_loop_clears(text):
    """``_plainly_within`` may send a file to the token loop, never past a limit the loop would find
    (limits made small so that short texts reach them)."""
    with pytest.MonkeyPatch.context() as patch:
        for limit, small in (("MAX_DEPTH", 3), ("MAX_KEY_PARTS", 3), ("MAX_ENTRIES", 8), ("MAX_STRING", 60)):
            patch.setattr(tomlfile, limit, small)
        cleared = tomlfile._plainly_within(text) is not None
        patch.setattr(tomlfile, "_plainly_within", lambda _text: None)
        if cleared:
            tomlfile.scan(text, "card.toml")  # the loop alone: raises if a limit is passed


def test_the_quick_check_clears_every_bundled_file():
    """The token loop is for files out of the ordinary: every bundled file is cleared without it."""
    from conftest import ROOT

    paths = sorted((ROOT / "data").glob("*/**/*.toml"))
    assert paths and all(tomlfile._plainly_within(p.read_text("utf-8")) is not None for p in paths)
