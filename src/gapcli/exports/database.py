"""``data export --format sqlite``: every card in a normalised SQLite database, for SQL, sqlite-utils and Datasette.

Every table has a single-column integer key and every relation a single-column foreign key,
which is what Datasette turns into links (edition → cards → issue areas → goals → policy
goals; card → links, sources, extra credit; jurisdiction → cards). The composite keys of
the first layout (``year, number``; ``card_id, number``) stay as unique keys and foreign
keys, and every table, column and view of it stays: the schema is a public interface
(README: "SQLite schema"). ``label`` columns name a row for a reader; ``meta`` says which
gapcli, data and time made the file and where the figures come from; FTS5 indexes search
goal phrases, policy goals and extra-credit text. Figures are NUMERIC (43.5 reads back as
43.5, 21 as 21); unknown is NULL. Nothing assumes tiers, goal lists or policy goals exist.

The file is built in a temporary file beside the target, without a journal (nothing reads
it until it is renamed into place), checked and renamed (``gapcli.files.output``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from gapcli import __version__
from gapcli.errors import DataError
from gapcli.files import output
from gapcli.model import GRADES, Framework
from gapcli.states import JURISDICTIONS
from gapcli.views.provenance import CODE_LICENCE, HOW_TO_CITE, STATEMENT, public_url, source_line, without_paths

if TYPE_CHECKING:
    from gapcli.records import CardRecord

# 1: the first layout (composite keys); 2: integer keys, labels, links, meta, FTS, views;
# 3: fips (jurisdictions, cards), editions.counts_consistent and counts_note; 4: goals_fts with full
# detail (phrase queries), card_goal_status.goal_lists, grades_by_edition.counts_consistent
SCHEMA_VERSION = "4"  # a changed table or column changes it: tests/exports/test_database.py holds each layout's digest

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE jurisdictions (code TEXT PRIMARY KEY, name TEXT NOT NULL, fips TEXT NOT NULL);
CREATE TABLE editions (
    year INTEGER PRIMARY KEY, framework_id TEXT NOT NULL, framework TEXT NOT NULL, framework_short TEXT NOT NULL,
    max_score NUMERIC, released TEXT, graded INTEGER, national_average NUMERIC, ranked INTEGER, goal_points NUMERIC,
    label TEXT NOT NULL, source TEXT NOT NULL, counts_consistent INTEGER NOT NULL, counts_note TEXT
);
CREATE TABLE edition_grade_counts (
    year INTEGER NOT NULL REFERENCES editions(year), grade TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (year, grade)
);
CREATE TABLE edition_sources (
    id INTEGER PRIMARY KEY, year INTEGER NOT NULL REFERENCES editions(year), position INTEGER NOT NULL,
    fields TEXT NOT NULL, url TEXT, note TEXT NOT NULL, UNIQUE (year, position)
);
CREATE TABLE issue_areas (
    id INTEGER PRIMARY KEY, year INTEGER NOT NULL REFERENCES editions(year), number INTEGER NOT NULL, name TEXT NOT NULL,
    max_score NUMERIC, label TEXT NOT NULL, UNIQUE (year, number)
);
CREATE TABLE policy_goals (
    policy_goal_id INTEGER PRIMARY KEY, year INTEGER NOT NULL REFERENCES editions(year), id TEXT NOT NULL,
    issue INTEGER NOT NULL, statement TEXT NOT NULL, phrase TEXT,
    issue_area_id INTEGER REFERENCES issue_areas(id), label TEXT NOT NULL,
    UNIQUE (year, id), FOREIGN KEY (year, issue) REFERENCES issue_areas(year, number)
);
CREATE TABLE cards (
    id INTEGER PRIMARY KEY, year INTEGER NOT NULL REFERENCES editions(year), code TEXT NOT NULL REFERENCES jurisdictions(code),
    state TEXT NOT NULL, grade TEXT, score NUMERIC, max_score NUMERIC, tier TEXT, published_rank INTEGER,
    published_rank_of INTEGER, complete INTEGER NOT NULL, derived TEXT NOT NULL, origin TEXT NOT NULL,
    label TEXT NOT NULL, fips TEXT NOT NULL, UNIQUE (year, code)
);
CREATE TABLE card_issues (
    id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL REFERENCES cards(id), year INTEGER NOT NULL REFERENCES editions(year),
    number INTEGER NOT NULL,
    grade TEXT, score NUMERIC, max_score NUMERIC, goal_lists TEXT CHECK (goal_lists IN ('complete', 'partial')),
    gaps_in_all_areas INTEGER NOT NULL,
    issue_area_id INTEGER NOT NULL REFERENCES issue_areas(id), code TEXT NOT NULL REFERENCES jurisdictions(code),
    name TEXT NOT NULL, label TEXT NOT NULL,
    FOREIGN KEY (year, number) REFERENCES issue_areas(year, number)
);
CREATE TABLE goals (
    id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL REFERENCES cards(id), issue INTEGER NOT NULL, phrase TEXT NOT NULL,
    goal TEXT, status TEXT NOT NULL CHECK (status IN ('met', 'unmet')), brief TEXT, brief_url TEXT,
    card_issue_id INTEGER NOT NULL REFERENCES card_issues(id),
    policy_goal_id INTEGER REFERENCES policy_goals(policy_goal_id),
    year INTEGER NOT NULL REFERENCES editions(year), code TEXT NOT NULL REFERENCES jurisdictions(code),
    FOREIGN KEY (card_id, issue) REFERENCES card_issues(card_id, number)
);
CREATE TABLE extra_credit (
    id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL REFERENCES cards(id), position INTEGER NOT NULL, category TEXT,
    points NUMERIC NOT NULL, description TEXT
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL REFERENCES cards(id), position INTEGER NOT NULL,
    fields TEXT NOT NULL, url TEXT, note TEXT NOT NULL
);
CREATE TABLE links (
    id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL REFERENCES cards(id), name TEXT NOT NULL, label TEXT NOT NULL,
    url TEXT NOT NULL
);
"""

# made after the rows are in: one sort per index instead of an update per row (the unique keys of a
# card's rows too: kept up row by row they cost more than the rows once a database outgrows the page cache)
INDEXES = """
CREATE UNIQUE INDEX card_issues_card_number ON card_issues(card_id, number);
CREATE UNIQUE INDEX goals_card_issue_phrase ON goals(card_id, issue, phrase);
CREATE UNIQUE INDEX extra_credit_card_position ON extra_credit(card_id, position);
CREATE UNIQUE INDEX sources_card_position ON sources(card_id, position);
CREATE UNIQUE INDEX links_card_name ON links(card_id, name);
CREATE INDEX cards_code ON cards(code);
CREATE INDEX goals_goal ON goals(goal);
CREATE INDEX goals_phrase ON goals(phrase);
CREATE INDEX card_issues_issue_area_id ON card_issues(issue_area_id);
CREATE VIRTUAL TABLE goals_fts USING fts5(phrase, content="goals", content_rowid="id");
INSERT INTO goals_fts(goals_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE policy_goals_fts USING fts5(statement, phrase, content="policy_goals", content_rowid="policy_goal_id");
INSERT INTO policy_goals_fts(policy_goals_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE extra_credit_fts USING fts5(category, description, content="extra_credit", content_rowid="id");
INSERT INTO extra_credit_fts(extra_credit_fts) VALUES ('rebuild');
"""

VIEWS = f"""
CREATE VIEW card_goal_status AS
    SELECT c.id AS card_id, c.year, c.code, c.state, p.id AS goal, p.issue, p.phrase,
           COALESCE(g.status, 'unknown') AS status, ci.goal_lists
    FROM cards c JOIN policy_goals p ON p.year = c.year
    LEFT JOIN goals g ON g.card_id = c.id AND g.goal = p.id
    LEFT JOIN card_issues ci ON ci.card_id = c.id AND ci.number = p.issue;
CREATE VIEW unmet_goals_by_state AS
    SELECT c.id AS card_id, c.state, c.code, c.year, g.issue, ci.name AS issue_name, g.goal, g.phrase,
           ci.goal_lists, g.brief, g.brief_url
    FROM goals g JOIN cards c ON c.id = g.card_id JOIN card_issues ci ON ci.id = g.card_issue_id
    WHERE g.status = 'unmet';
CREATE VIEW grades_by_edition AS
    SELECT e.year, e.framework, e.counts_consistent, l.grade,
           (SELECT count(*) FROM cards c WHERE c.year = e.year AND c.grade IS l.grade) AS cards,
           (SELECT n.count FROM edition_grade_counts n WHERE n.year = e.year AND n.grade = l.grade) AS published
    FROM editions e CROSS JOIN ({" UNION ALL ".join(f"SELECT '{g}' AS grade" for g in GRADES)} UNION ALL SELECT NULL) l
    ORDER BY e.year, l.grade IS NULL, l.grade;
"""

_BATCH = 500  # cards per executemany round


def write_database(
    target: output.Target,
    records: Iterable[str],
    frameworks: list[Framework],
    force: bool,
    metadata: dict[str, Any] | None = None,
    then: Callable[[], None] | None = None,
) -> int:
    """Build the database from cards as compact JSON lines; the number of cards written.

    ``then`` runs once the database is built, just before it is renamed into place (the
    metadata file beside it is written there, so that a failed build replaces neither).
    """
    with output.building(target, database=True, force=force) as temporary:
        try:
            db = sqlite3.connect(temporary, isolation_level=None)
            collecting = gc.isenabled()
            gc.disable()  # a card's rows make no reference cycles: the collector's passes over them are pure cost
            try:
                count = _build(db, records, frameworks, metadata)
            finally:
                if collecting:
                    gc.enable()
                db.close()
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
            if then is not None:
                then()
        except sqlite3.Error as error:
            raise DataError(target.shown, f"cannot write: {error}") from None
    return count


def _build(db: sqlite3.Connection, records: Iterable[str], frameworks: list[Framework], metadata: dict | None) -> int:
    db.execute("PRAGMA journal_mode = OFF")  # a temporary file: a failed build is thrown away, not rolled back
    db.execute("PRAGMA synchronous = OFF")  # synced once, whole, before the rename
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB: indexes are built in memory, not page by page on disk
    db.execute("PRAGMA temp_store = MEMORY")
    db.executescript("BEGIN;" + TABLES)  # one transaction for the rows; executescript commits it before the indexes
    digest = hashlib.sha256()
    keys = _editions(db, frameworks, digest)
    tables = _Rows()
    count = 0
    for line in records:
        card: CardRecord = json.loads(line)
        path = card["source"]["path"]
        digest.update((line.replace(json.dumps(path, ensure_ascii=False), "") if path else line).encode())
        count += 1
        tables.add(count, card, keys)
        if count % _BATCH == 0:
            tables.flush(db)
    tables.flush(db)
    places = [(code, *named) for code, named in sorted(tables.places.items())]
    db.executemany("INSERT OR IGNORE INTO jurisdictions VALUES (?, ?, ?)", places)
    db.executescript(INDEXES + VIEWS)
    _meta(db, frameworks, count, digest.hexdigest()[:16], metadata)
    return count


class _Keys:
    """The integer keys of an edition's issue areas and policy goals, for the cards' foreign keys."""

    def __init__(self) -> None:
        self.areas: dict[tuple[int, int], tuple[int, str]] = {}  # (year, number) -> (id, name)
        self.goals: dict[tuple[int, str | None], int] = {}  # (year, goal id) -> policy_goal_id


def _editions(db: sqlite3.Connection, frameworks: list[Framework], digest: Any) -> _Keys:
    keys = _Keys()
    db.executemany("INSERT INTO jurisdictions VALUES (?, ?, ?)", [(j.code, j.name, j.fips) for j in JURISDICTIONS])
    for f in frameworks:
        facts = f.facts
        row = (f.year, f.id, f.name, f.short_name, f.max_score, facts.released, facts.graded, facts.national_average,
               facts.ranked, facts.goal_points, f"{f.year} · {f.name}", source_line([f]), facts.counts_consistent,
               facts.counts_note)  # fmt: skip
        db.execute(f"INSERT INTO editions VALUES ({', '.join('?' * len(row))})", row)
        digest.update(repr((row[:10], facts.grade_counts, f.issues and [(a.number, a.name, a.max_score) for a in f.issues],
                            [(g.id, g.issue, g.statement, g.phrase) for g in f.goals])).encode())  # fmt: skip
        db.executemany(
            "INSERT INTO edition_grade_counts VALUES (?, ?, ?)", [(f.year, g, n) for g, n in facts.grade_counts.items()]
        )
        db.executemany(
            "INSERT INTO edition_sources (year, position, fields, url, note) VALUES (?, ?, ?, ?, ?)",
            [(f.year, i, json.dumps(list(c.fields)), public_url(c.url), without_paths(c.note))
             for i, c in enumerate(facts.citations, start=1)],
        )  # fmt: skip
        for area in f.issues:
            cursor = db.execute(
                "INSERT INTO issue_areas (year, number, name, max_score, label) VALUES (?, ?, ?, ?, ?)",
                (f.year, area.number, area.name, area.max_score, f"{f.year} · {area.number}. {area.name}"),
            )
            keys.areas[(f.year, area.number)] = (int(cursor.lastrowid or 0), area.name)
        for goal in f.goals:
            area_key = keys.areas.get((f.year, goal.issue))
            cursor = db.execute(
                "INSERT INTO policy_goals (year, id, issue, statement, phrase, issue_area_id, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f.year, goal.id, goal.issue, goal.statement, goal.phrase, area_key and area_key[0],
                 f"{goal.id} {goal.phrase or goal.statement}"),
            )  # fmt: skip
            keys.goals[(f.year, goal.id)] = int(cursor.lastrowid or 0)
    return keys


@cache
def _json(values: tuple[str, ...]) -> str:
    return json.dumps(list(values))


@cache
def _link_label(name: str) -> str:
    from gapcli.views.cards import link_label

    return link_label(name)


class _Rows:
    """Rows of a batch of cards, each table's in one list, their integer keys counted here."""

    def __init__(self) -> None:
        self.places: dict[str, tuple[str, str]] = {}  # code -> (name, FIPS code)
        self.issue_id = self.goal_id = self.extra_id = self.source_id = self.link_id = 0
        self._clear()

    def _clear(self) -> None:
        self.cards: list[tuple] = []
        self.issues: list[tuple] = []
        self.goals: list[tuple] = []
        self.extras: list[tuple] = []
        self.sources: list[tuple] = []
        self.links: list[tuple] = []

    def add(self, card_id: int, card: CardRecord, keys: _Keys) -> None:
        year, code, state = card["year"], card["code"], card["state"]
        self.places.setdefault(code, (state, card["fips"]))
        label = f"{state} {year}"
        self.cards.append(
            (card_id, year, code, state, card["grade"], card["score"], card["max_score"], card["tier"],
             card["published_rank"], card["published_rank_of"], card["complete"], _json(tuple(card["derived"])),
             card["source"]["origin"], label, card["fips"])
        )  # fmt: skip
        numbered = keys.goals
        for issue in card["issues"]:
            self.issue_id += 1
            issue_id, number = self.issue_id, issue["number"]
            area_id, name = keys.areas[(year, number)]
            self.issues.append(
                (issue_id, card_id, year, number, issue["grade"], issue["score"], issue["max_score"],
                 issue["goal_lists"], issue["gaps_in_all_areas"], area_id, code, name, f"{label} · {number}. {name}")
            )  # fmt: skip
            goals = issue["goals"]
            if not goals:
                continue
            if len({g["phrase"] for g in goals}) != len(goals):  # a phrase listed twice in one area is one goal
                goals = list({g["phrase"]: g for g in reversed(goals)}.values())[::-1]
            first = self.goal_id + 1
            self.goal_id += len(goals)
            self.goals += [
                (first + i, card_id, number, g["phrase"], g["goal"], "met" if g["met"] else "unmet", g["brief"],
                 g["brief_url"], issue_id, numbered.get((year, g["goal"])), year, code)
                for i, g in enumerate(goals)
            ]  # fmt: skip
        for position, e in enumerate(card["extra_credit"], start=1):
            self.extra_id += 1
            self.extras.append((self.extra_id, card_id, position, e["category"], e["points"], e["description"]))
        for position, c in enumerate(card["source"]["citations"], start=1):
            self.source_id += 1
            self.sources.append(
                (self.source_id, card_id, position, _json(tuple(c["fields"])), public_url(c["url"]), without_paths(c["note"]))
            )  # fmt: skip
        for name, url in card["links"].items():
            if public_url(url):
                self.link_id += 1
                self.links.append((self.link_id, card_id, name, _link_label(name), url))

    def flush(self, db: sqlite3.Connection) -> None:
        for table, rows in (
            ("cards", self.cards), ("card_issues", self.issues), ("goals", self.goals),
            ("extra_credit", self.extras), ("sources", self.sources), ("links", self.links),
        ):  # fmt: skip
            if rows:
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
        self._clear()


def _meta(db: sqlite3.Connection, frameworks: list[Framework], count: int, digest: str, metadata: dict | None) -> None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = int(epoch) if epoch.isdigit() else time.time()
    origins = dict(db.execute("SELECT origin, count(*) FROM cards GROUP BY origin").fetchall())
    rows = {
        "gapcli_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "data_version": digest,
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment)),
        "source": source_line(frameworks),
        "about_the_data": STATEMENT,
        "how_to_cite": HOW_TO_CITE,
        "licence": f"gapcli code and database layout: {CODE_LICENCE}; report card content: Shared Hope International",
        "editions": ", ".join(str(f.year) for f in frameworks),
        "cards": str(count),
        "bundled_cards": str(origins.get("bundled", 0)),
        "user_cards": str(origins.get("user", 0)),
    }
    if metadata is not None:
        rows["datasette_metadata"] = json.dumps(metadata, ensure_ascii=False)
    db.executemany("INSERT INTO meta VALUES (?, ?)", rows.items())
