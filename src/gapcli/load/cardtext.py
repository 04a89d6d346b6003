"""Card text (as extracted from a report card PDF, by any tool) → Card.

``textlines`` makes the lines clean; the card is cut into its sections (header, issue
table, extra credit, overall grade, links); ``cardtable`` reads the issue table and
``goalphrases`` its highlights. Extra credit is read as the table is: cells by what
they are, descriptions paired with categories in order. Nothing is guessed: what
cannot be read stops the import with its line number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gapcli.errors import NotFound, ParseError
from gapcli.load.cardtable import ANCHOR, NUMBER, TABLE_HEADINGS, joined, read_table
from gapcli.load.textlines import TITLE, Line, drop_furniture, read_lines, tokens_of, vocabulary
from gapcli.load.validate import problems
from gapcli.model import GRADES, TIERS, Card, Citation, ExtraCredit, Framework, IssueResult
from gapcli.states import JURISDICTIONS, Jurisdiction, resolve

_URL = re.compile(r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s,;)]*)?")
_STATE_NAMES = {j.name.casefold() for j in JURISDICTIONS}


@dataclass
class _Draft:
    grade: str | None = None
    tier: str | None = None
    score: float | None = None
    issues: list[IssueResult] = field(default_factory=list)
    extra: list[ExtraCredit] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # card field → source line, for messages


def parse_card_text(
    text: str,
    framework_for: Callable[[int], Framework],
    source: str,
    year: int | None = None,
    state: str | None = None,
) -> Card:
    """Read one card; raise ParseError naming the line for anything missing or contradictory."""
    raw = read_lines(text, source)
    lines = tokens_of(drop_furniture(raw, _STATE_NAMES))
    if not lines:
        raise ParseError(source, "no text")
    card_year = _year(tokens_of(raw), year, source)  # running titles count: they must agree with the title
    try:
        framework = framework_for(card_year)
    except NotFound as error:
        raise ParseError(source, str(error), _first_title(lines)) from None
    sections = _sections(lines)
    place = _state(sections["header"], state, source)
    words = vocabulary(lines, [g.phrase for g in framework.goals if g.phrase])
    draft = _Draft()
    _read_header(sections["header"], draft)
    for result, line in read_table(sections["issues"], framework, source, words):
        draft.issues.append(result)
        draft.lines[f"issues[{result.number}]"] = line
    _read_extra(sections["extra"], framework, draft, source, words)
    _read_overall(sections["overall"], draft, source)
    _read_links(sections["links"], draft)
    card = Card(
        state=place.name,
        code=place.code,
        year=card_year,
        grade=draft.grade,
        score=draft.score,
        tier=draft.tier,
        issues=tuple(draft.issues),
        extra_credit=tuple(draft.extra),
        links=draft.links,
        citations=(Citation(("card",), source, "card text"),),
        origin="user",
    )
    found = problems(card, framework)
    if found:
        field_name = found[0].split(":", 1)[0].split(".")[0]
        raise ParseError(source, "; ".join(found), draft.lines.get(field_name))
    return card


def _first_title(lines: list[Line]) -> int | None:
    return next((ln.number for ln in lines if TITLE.match(ln.text)), None)


def _year(lines: list[Line], given: int | None, source: str) -> int:
    """The year every title line prints; two titles that disagree are an error, not a choice."""
    titles = [(ln, int(found.group(1))) for ln in lines if (found := TITLE.match(ln.text))]
    years = {y for _, y in titles}
    if len(years) > 1:
        shown = ", ".join(f"line {ln.number}: {y}" for ln, y in titles)
        raise ParseError(source, f"the title lines name different years ({shown}); give the card's own text")
    printed = years.pop() if years else None
    if printed is not None and given is not None and printed != given:
        raise ParseError(source, f"the card says year {printed}, but {given} was given", titles[0][0].number)
    chosen = printed if printed is not None else given
    if chosen is None:
        raise ParseError(source, "no 'YEAR Report Card on …' title line; give --year")
    return chosen


def _state(header: list[Line], given: str | None, source: str) -> Jurisdiction:
    """The state's name on a line of its own above the issue table (a running title may come first)."""
    printed = None
    for line in header:
        if line.text.casefold() in _STATE_NAMES:
            printed = resolve(line.text)
            break
    try:
        wanted = resolve(given) if given is not None else None
    except NotFound as error:
        raise ParseError(source, str(error)) from None
    if printed is not None and wanted is not None and printed != wanted:
        raise ParseError(source, f"the card is for {printed.name}, but --state {wanted.name} was given")
    chosen = printed or wanted
    if chosen is None:
        raise ParseError(source, "no state name on a line of its own above the issue table; give --state")
    return chosen


def _sections(lines: list[Line]) -> dict[str, list[Line]]:
    """Split the card at its section heads; the head's own tokens stay on its first line."""
    sections: dict[str, list[Line]] = {"header": [], "issues": [], "extra": [], "overall": [], "links": []}
    current = "header"
    for line in lines:
        upper = line.text.upper()
        heading = line.tokens[0] == "Issue" and set(line.tokens) <= TABLE_HEADINGS  # the table's own header row
        if current == "header" and (heading or (ANCHOR.fullmatch(line.tokens[0]) and len(line.tokens) > 1)):
            current = "issues"
        elif upper.startswith("EXTRA CREDIT") and current in ("header", "issues"):
            current = "extra"
            line = Line(line.number, line.tokens[2:])
        elif upper.startswith("OVERALL GRADE") and current != "links":
            current = "overall"
            line = Line(line.number, line.tokens[2:])
        elif upper.startswith("LEARN MORE"):
            current = "links"
        if line.tokens:
            sections[current].append(line)
    return sections


def _grade_and_tier(tokens: list[str]) -> tuple[str | None, str | None]:
    grade = tier = None
    for index, token in enumerate(tokens):
        if token.upper() == "TIER" and index + 1 < len(tokens) and tokens[index + 1] in TIERS:
            tier = tokens[index + 1]
        elif token in GRADES and (index == 0 or tokens[index - 1].upper() != "TIER"):
            grade = grade or token
    return grade, tier


def _read_header(lines: list[Line], draft: _Draft) -> None:
    tokens = [t for line in lines for t in line.tokens]
    grade, tier = _grade_and_tier(tokens)
    if tier:
        draft.tier, draft.grade = tier, grade
        line = next(ln.number for ln in lines if "TIER" in (t.upper() for t in ln.tokens))
        draft.lines.update(tier=line, grade=line)


def _read_extra(lines: list[Line], framework: Framework, draft: _Draft, source: str, words: set[str]) -> None:
    """CATEGORY POINTS, and descriptions: one sentence each, paired with the categories in order."""
    categories = sorted((c.split() for c in framework.extra_credit), key=len, reverse=True)
    entries: list[tuple[str, float, int]] = []
    text: list[tuple[str, int, bool, int]] = []
    for line in lines:
        tokens, at = line.tokens, 0
        category = next((c for c in categories if _starts_with(tokens, c)), None)
        if category is None and not framework.extra_credit:  # categories not known: words before the points
            split = next((i for i, t in enumerate(tokens) if NUMBER.fullmatch(t)), 0)
            category = tokens[:split] if split else None
        if category and len(tokens) > len(category) and NUMBER.fullmatch(tokens[len(category)]):
            entries.append((" ".join(category), float(tokens[len(category)]), line.number))
            at = len(category) + 1
        elif category and len(tokens) == len(category):  # a cell per line: the points come next
            entries.append((" ".join(category), -1.0, line.number))
            at = len(tokens)
        elif entries and entries[-1][1] < 0 and len(tokens) == 1 and NUMBER.fullmatch(tokens[0]):
            entries[-1] = (entries[-1][0], float(tokens[0]), entries[-1][2])
            at = 1
        elif not entries:
            raise ParseError(source, f"extra credit has no 'CATEGORY POINTS' start: {line.text[:60]!r}", line.number)
        text += [
            (token, line.number, index == len(tokens) - 1, len(entries))
            for index, token in enumerate(tokens)
            if index >= at
        ]
    descriptions = _sentences(" ".join(t.text for t in joined(text, words)), len(entries))
    if len(descriptions) != len(entries) or any(points < 0 for _, points, _ in entries):
        raise ParseError(
            source,
            f"cannot pair {len(entries)} extra-credit categories with their points and descriptions",
            entries[0][2] if entries else None,
        )
    for (name, points, number), description in zip(entries, descriptions, strict=True):
        draft.extra.append(ExtraCredit(name, points, description))
        draft.lines["extra_credit"] = number


def _starts_with(tokens: list[str], words: list[str]) -> bool:
    return len(tokens) >= len(words) and all(t.casefold() == w.casefold() for t, w in zip(tokens, words, strict=False))


def _sentences(text: str, wanted: int) -> list[str]:
    """One description per entry: the text as is for one entry, else split at sentence ends."""
    if wanted <= 1:
        return [text] if text or wanted else []
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if part.strip()]


def _read_overall(lines: list[Line], draft: _Draft, source: str) -> None:
    if not lines:
        raise ParseError(source, "the OVERALL GRADE section (grade and score) is missing; is the card cut short?")
    tokens = [token for line in lines for token in line.tokens]
    grade, tier = _grade_and_tier(tokens)
    index = tokens.index(grade) if grade else -1
    score = tokens[index + 1] if grade and index + 1 < len(tokens) else None
    if grade is None or score is None or not NUMBER.fullmatch(score):
        raise ParseError(source, "OVERALL GRADE section has no 'GRADE SCORE'", lines[0].number)
    for name, value, printed in (("grade", grade, draft.grade), ("tier", tier, draft.tier)):
        if printed is not None and value is not None and printed != value:
            raise ParseError(
                source, f"overall {name} {value} disagrees with the {name} {printed} at the top", lines[0].number
            )
    draft.grade, draft.tier, draft.score = grade, tier or draft.tier, float(score)
    draft.lines.update(grade=lines[0].number, score=lines[0].number)


def _read_links(lines: list[Line], draft: _Draft) -> None:
    label = None
    for line in lines[1:]:
        head, _, rest = line.text.partition(":")
        if head.isupper() and rest.strip():
            label, text = head, rest
        elif line.text.isupper():
            label, text = line.text.rstrip(":"), ""
        else:
            text = line.text
        for url in _URL.findall(text):
            url = url.rstrip(".")
            draft.links.setdefault(_link_key(label or "link"), url if "://" in url else f"https://{url}")


def _link_key(label: str) -> str:
    words = label.lower().split()
    if words[-2:] == ["specific", "resources"]:
        return "state_page"
    return "_".join(words)
