"""Cards → TOML text → cards: nothing lost, hostile text kept as text."""

from gapcli.catalog.schema import card_from_dict
from gapcli.catalog.tomlfile import parse_toml
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.model import Card, Citation, ExtraCredit, IssueResult


def test_round_trip_keeps_every_field_and_hostile_text():
    card = Card(
        "Connecticut",
        "CT",
        2021,
        grade="F",
        score=43.5,
        tier="II",
        published_rank=7,
        issues=(
            IssueResult(1, "F", 8.5, ('quote " and \\ backslash',), ("[red]x[/red]", "\x1b[2J esc\x7f del"), True),
        ),
        extra_credit=(ExtraCredit("Youth", 1, "line\nbreak\ttab"),),
        links={"state_page": "https://example.org/ct"},
        citations=(Citation(("grade",), "https://example.org", "note"),),
        derived=("grade",),
        origin="user",
        path="p.toml",
    )
    back = card_from_dict(parse_toml(card_to_toml(card).encode(), "p.toml"), "p.toml", "user")
    assert back == card


def test_partial_lists_and_unknown_extra_credit_round_trip():
    card = Card(
        "Kansas",
        "KS",
        2021,
        grade="F",
        issues=(
            IssueResult(1, gaps=("financial penalties",), partial=True),
            IssueResult(2, accomplished=("x",), partial=True),
            IssueResult(3, score=4),
        ),
        extra_credit=(ExtraCredit(None, 4, None),),
    )
    back = card_from_dict(parse_toml(card_to_toml(card).encode(), "p.toml"), "p.toml", "bundled")
    assert back.issues == card.issues and back.extra_credit == card.extra_credit
    assert [r.goal_lists for r in back.issues] == ["partial", "partial", None]
    assert back.issues[0].accomplished is None  # not known, not empty
