"""``data export --format sqlite``: every card in a normalised SQLite database, for SQL and Datasette.

Tables: ``editions`` (with their published facts) and ``edition_grade_counts``,
``issue_areas``, ``policy_goals`` (the goals known by number), ``cards``, ``card_issues``,
``goals`` (each goal a card names: met or unmet), ``extra_credit``, ``sources``. The view
``card_goal_status`` gives every card × known goal as met, unmet or unknown. Primary and
foreign keys throughout, indexes on what questions join by. Figures are NUMERIC, so 43.5
reads back as 43.5 and 21 as 21; unknown is NULL. The file is built beside its target
and renamed into place.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from gapcli.errors import DataError, RefusedWrite
from gapcli.load.save import file_mode, uninterrupted
from gapcli.model import Framework

if TYPE_CHECKING:
    from gapcli.records import CardRecord

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE editions (
    year INTEGER PRIMARY KEY, framework_id TEXT NOT NULL, framework TEXT NOT NULL, framework_short TEXT NOT NULL,
    max_score NUMERIC, released TEXT, graded INTEGER, national_average NUMERIC, ranked INTEGER, goal_points NUMERIC
);
CREATE TABLE edition_grade_counts (
    year INTEGER NOT NULL REFERENCES editions(year), grade TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (year, grade)
);
CREATE TABLE issue_areas (
    year INTEGER NOT NULL REFERENCES editions(year), number INTEGER NOT NULL, name TEXT NOT NULL, max_score NUMERIC,
    PRIMARY KEY (year, number)
);
CREATE TABLE policy_goals (
    year INTEGER NOT NULL, id TEXT NOT NULL, issue INTEGER NOT NULL, statement TEXT NOT NULL, phrase TEXT,
    PRIMARY KEY (year, id), FOREIGN KEY (year, issue) REFERENCES issue_areas(year, number)
);
CREATE TABLE cards (
    id INTEGER PRIMARY KEY, year INTEGER NOT NULL REFERENCES editions(year), code TEXT NOT NULL, state TEXT NOT NULL,
    grade TEXT, score NUMERIC, max_score NUMERIC, tier TEXT, published_rank INTEGER, published_rank_of INTEGER,
    complete INTEGER NOT NULL, derived TEXT NOT NULL, origin TEXT NOT NULL, UNIQUE (year, code)
);
CREATE INDEX cards_code ON cards(code);
CREATE TABLE card_issues (
    card_id INTEGER NOT NULL REFERENCES cards(id), year INTEGER NOT NULL, number INTEGER NOT NULL, grade TEXT,
    score NUMERIC, max_score NUMERIC, goal_lists TEXT CHECK (goal_lists IN ('complete', 'partial')),
    gaps_in_all_areas INTEGER NOT NULL, PRIMARY KEY (card_id, number),
    FOREIGN KEY (year, number) REFERENCES issue_areas(year, number)
);
CREATE TABLE goals (
    card_id INTEGER NOT NULL, issue INTEGER NOT NULL, phrase TEXT NOT NULL, goal TEXT,
    status TEXT NOT NULL CHECK (status IN ('met', 'unmet')), brief TEXT, brief_url TEXT,
    PRIMARY KEY (card_id, issue, phrase), FOREIGN KEY (card_id, issue) REFERENCES card_issues(card_id, number)
);
CREATE INDEX goals_goal ON goals(goal);
CREATE INDEX goals_phrase ON goals(phrase);
CREATE TABLE extra_credit (
    card_id INTEGER NOT NULL REFERENCES cards(id), position INTEGER NOT NULL, category TEXT, points NUMERIC NOT NULL,
    description TEXT, PRIMARY KEY (card_id, position)
);
CREATE TABLE sources (
    card_id INTEGER NOT NULL REFERENCES cards(id), position INTEGER NOT NULL, fields TEXT NOT NULL, url TEXT NOT NULL,
    note TEXT NOT NULL, PRIMARY KEY (card_id, position)
);
CREATE VIEW card_goal_status AS
    SELECT c.id AS card_id, c.year, c.code, c.state, p.id AS goal, p.issue, p.phrase,
           COALESCE(g.status, 'unknown') AS status
    FROM cards c JOIN policy_goals p ON p.year = c.year
    LEFT JOIN goals g ON g.card_id = c.id AND g.goal = p.id;
"""


def write_database(path: Path, cards: Iterable[CardRecord], frameworks: list[Framework], force: bool) -> int:
    """Build the database beside ``path`` and rename it into place; the number of cards written."""
    if (path.exists() or path.is_symlink()) and not force:
        raise RefusedWrite(f"{path} exists; use --force to overwrite it")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with uninterrupted():
        try:
            temporary.unlink(missing_ok=True)
            db = sqlite3.connect(temporary)
            try:
                db.executescript(SCHEMA)
                _editions(db, frameworks)
                count = sum(1 for card in cards if _card(db, card) is not None)
                db.commit()
            finally:
                db.close()
            os.chmod(temporary, file_mode())
            os.replace(temporary, path)
        except (OSError, sqlite3.Error) as error:
            raise DataError(str(path), f"cannot write: {getattr(error, 'strerror', None) or error}") from None
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
    return count


def _editions(db: sqlite3.Connection, frameworks: list[Framework]) -> None:
    for f in frameworks:
        facts = f.facts
        db.execute(
            "INSERT INTO editions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f.year,
                f.id,
                f.name,
                f.short_name,
                f.max_score,
                facts.released,
                facts.graded,
                facts.national_average,
                facts.ranked,
                facts.goal_points,
            ),
        )
        db.executemany(
            "INSERT INTO edition_grade_counts VALUES (?, ?, ?)", [(f.year, g, n) for g, n in facts.grade_counts.items()]
        )
        db.executemany(
            "INSERT INTO issue_areas VALUES (?, ?, ?, ?)", [(f.year, a.number, a.name, a.max_score) for a in f.issues]
        )
        db.executemany(
            "INSERT INTO policy_goals VALUES (?, ?, ?, ?, ?)",
            [(f.year, g.id, g.issue, g.statement, g.phrase) for g in f.goals],
        )


def _card(db: sqlite3.Connection, card: CardRecord) -> int | None:
    cursor = db.execute(
        "INSERT INTO cards (year, code, state, grade, score, max_score, tier, published_rank, published_rank_of, complete, derived, origin)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (card["year"], card["code"], card["state"], card["grade"], card["score"], card["max_score"], card["tier"], card["published_rank"],
         card["published_rank_of"], card["complete"], json.dumps(card["derived"]), card["source"]["origin"]),
    )  # fmt: skip
    card_id = cursor.lastrowid
    for issue in card["issues"]:
        db.execute(
            "INSERT INTO card_issues VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                card_id,
                card["year"],
                issue["number"],
                issue["grade"],
                issue["score"],
                issue["max_score"],
                issue["goal_lists"],
                issue["gaps_in_all_areas"],
            ),
        )
        db.executemany(
            "INSERT OR IGNORE INTO goals VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    card_id,
                    issue["number"],
                    g["phrase"],
                    g["goal"],
                    "met" if g["met"] else "unmet",
                    g["brief"],
                    g["brief_url"],
                )
                for g in issue["goals"] or ()
            ],
        )
    db.executemany(
        "INSERT INTO extra_credit VALUES (?, ?, ?, ?, ?)",
        [
            (card_id, i, e["category"], e["points"], e["description"])
            for i, e in enumerate(card["extra_credit"], start=1)
        ],
    )
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        [
            (card_id, i, json.dumps(c["fields"]), c["url"], c["note"])
            for i, c in enumerate(card["source"]["citations"], start=1)
        ],
    )
    return card_id
