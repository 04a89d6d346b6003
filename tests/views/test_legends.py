"""Every mark has its legend in every renderer: table, plain, Markdown, HTML and SVG (visual #10/#11/#17/#18)."""

import html
import io
import re

import pytest

from gapcli.exports.document import export
from gapcli.formats import format as render
from gapcli.formats.table import draw, make_console
from views.sample_views import every_view

UNNUMBERED = "its number is not known"


def _table(view):
    stream = io.StringIO()
    draw(view, make_console(stream, width=100, terminal=True), unicode=True)
    return stream.getvalue()


def _words(text):
    """Text as a reader sees it: escape sequences, markup, entities and line breaks gone."""
    text = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)  # a Markdown autolink
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def outputs(view):
    shown = {"table": _table(view), "plain": render(view, "plain"), "markdown": render(view, "markdown")}
    shown |= {suffix: export(view, f".{suffix}") for suffix in ("html", "svg")}
    return {name: _words(text) for name, text in shown.items()}


@pytest.fixture(scope="module")
def views():
    from gapcli.catalog.catalog import Catalog
    from gapcli.query.cards import card_record
    from gapcli.states import by_code

    catalog = Catalog.open(user=False, cache_dir=False)
    return every_view(catalog, card_record(catalog.card(by_code("CT"), 2021), catalog.framework(2021)))


@pytest.mark.parametrize("name", ["show", "plan", "gaps", "gaps --state"])
def test_a_goal_without_its_number_is_marked_and_the_mark_explained_everywhere(views, name):
    for fmt, text in outputs(views[name]).items():
        assert f"Goal '?': {UNNUMBERED}; the framework file does not number this goal" in text, (name, fmt)
        if name in ("show", "plan"):
            assert "? expanded non-criminalization" in text, (name, fmt)


@pytest.mark.parametrize("name", ["show (PIC)", "plan (PIC)", "history", "rank"])
def test_no_legend_where_no_goal_lacks_its_number(views, name):
    assert not any(UNNUMBERED in text for text in outputs(views[name]).values())


def test_brief_links_are_named_and_the_plan_has_them(views):
    for name in ("gaps --state", "plan"):
        for fmt, text in outputs(views[name]).items():
            assert "N.N" not in text, (name, fmt)
            assert "Issue briefs by goal: https://reportcards.sharedhope.org/related-resources/" in text, (name, fmt)


def test_the_plan_says_its_share_is_of_all_the_headroom(views):
    for fmt, text in outputs(views["plan"]).items():
        assert "% of all headroom" in text and "Share %" not in text, fmt


def test_history_keys_its_trend_where_it_is_drawn_and_says_why_a_score_has_no_maximum(views):
    for fmt, text in outputs(views["history (PIC and later)"]).items():  # Kansas
        assert "Score with no '/maximum' (2023)" in text, fmt
        key = "Grade trend: a mark per edition, oldest first" in text
        assert key is (fmt != "plain"), fmt  # plain text draws no sparkline: no key to one
