import pytest

from gapcli.catalog.schema import card_from_dict
from gapcli.catalog.tomlfile import parse_toml
from gapcli.errors import DataError, RefusedWrite
from gapcli.importer.tomlwrite import card_to_toml, write_atomic
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


def test_write_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "a" / "card.toml"
    target.parent.mkdir()
    write_atomic(target, "one\n")
    with pytest.raises(RefusedWrite, match="exists; use --force"):
        write_atomic(target, "two\n")
    assert target.read_text() == "one\n"
    write_atomic(target, "two\n", force=True)
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["card.toml"]  # no temporary left behind


def test_a_failed_write_leaves_nothing(tmp_path, monkeypatch):
    import os

    def broken_replace(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DataError, match=r"card\.toml: cannot write: No space left on device"):
        write_atomic(tmp_path / "card.toml", "text")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    with pytest.raises(DataError, match="cannot write"):
        write_atomic(tmp_path / "nowhere" / "card.toml", "text")
    assert not (tmp_path / "nowhere").exists()


def test_written_files_follow_the_umask(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "shared.svg", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "shared.svg").stat().st_mode & 0o777 == 0o644


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
