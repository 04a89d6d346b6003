"""Card text (as extracted from a report card PDF, by any tool) → Card.

``textlines`` makes the lines clean; the card is cut into its sections (header, issue
table, extra credit, overall grade, links); ``cardtable`` reads the issue table and
``goalphrases`` its highlights (``highlightcolumn`` splits them from the extra-credit
descriptions where both come after the table's other cells). Extra credit is read as the
table is: cells by what they are, descriptions paired with categories in order. Nothing
is guessed: what cannot be read stops the import with its line number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gapcli.catalog.validate import problems
from gapcli.errors import NotFound, ParseError
from gapcli.importer.cardtable import ANCHOR, NUMBER, TABLE_HEADINGS, read_table
from gapcli.importer.extracredit import category_around_label, read_extra, rows_before_label
from gapcli.importer.goalphrases import KnownPhrases, known_phrases
from gapcli.importer.highlightcolumn import HEADING, split_column
from gapcli.importer.textlines import TITLE, Line, Vocabulary, drop_furniture, read_lines, title_years, tokens_of
from gapcli.model import GRADES, TIERS, Card, Citation, ExtraCredit, Framework, IssueResult
from gapcli.states import JURISDICTIONS, Jurisdiction, resolve

_URL = re.compile(r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s,;)]*)?")
_STATE_NAMES = {j.name.casefold() for j in JURISDICTIONS}
_TIER_LIKE = re.compile(r"[IVX]{1,4}|\d{1,2}")


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
    known_for: Callable[[Framework], KnownPhrases] = known_phrases,
) -> Card:
    """Read one card; raise ParseError naming the line for anything missing or contradictory.

    ``known_for(framework)`` gives the goal phrases gapcli has seen (the framework's alone
    by default; the importer adds every earlier card's): ``goalphrases`` names no goal by a
    phrase that is neither the card's own words nor one of these.
    """
    raw = read_lines(text, source)
    lines = tokens_of(drop_furniture(raw, _STATE_NAMES))
    if not lines:
        raise ParseError(source, "no text")
    card_year = _year(title_years(raw), year, source)  # running titles count: they must agree with the title
    try:
        framework = framework_for(card_year)
    except NotFound as error:
        raise ParseError(source, str(error), _first_title(lines)) from None
    sections = _sections(lines, framework)
    place = _state(sections["header"], state, source)
    known = known_for(framework)
    words = Vocabulary(lines, known.words)
    draft = _Draft()
    _read_header(sections["header"], draft)
    column = split_column(sections["column"]) if sections["column"] else (None, None)
    for result, line in read_table(sections["issues"], framework, source, words, known, column[0]):
        draft.issues.append(result)
        draft.lines[f"issues[{result.number}]"] = line
    for extra, line in read_extra(sections["extra"], framework, source, words, column[1]):
        draft.extra.append(extra)
        draft.lines["extra_credit"] = line
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
    found = [_what_was_read(card, draft) if "is not the sum of" in p else p for p in problems(card, framework)]
    if found:
        field_name = found[0].split(":", 1)[0].split(".")[0]
        raise ParseError(source, "; ".join(found), draft.lines.get(field_name))
    return card


def _what_was_read(card: Card, draft: _Draft) -> str:
    """Figures that do not add up: what was read where, for the user to compare with the card."""
    areas = " + ".join(
        f"{r.score:g} (area {r.number}, line {draft.lines.get(f'issues[{r.number}]')})" for r in card.issues
    )
    extra = " + ".join(f"{e.points:g} ({e.category})" for e in card.extra_credit) or "no extra-credit row"
    total = sum(r.score or 0 for r in card.issues) + sum(e.points for e in card.extra_credit)
    return (
        f"score: the overall score read is {card.score:g}, but the issue scores read, {areas}, and {extra} "
        f"add up to {total:g}; is a row of the card missing from the text, or read in the wrong place?"
    )


def _first_title(lines: list[Line]) -> int | None:
    return next((ln.number for ln in lines if TITLE.match(ln.text)), None)


def _year(titles: list[tuple[int, int]], given: int | None, source: str) -> int:
    """The year every title line prints; two titles that disagree are an error, not a choice."""
    years = {y for _, y in titles}
    if len(years) > 1:
        shown = ", ".join(f"line {number}: {y}" for number, y in titles)
        raise ParseError(source, f"the title lines name different years ({shown}); give the card's own text")
    printed = years.pop() if years else None
    if printed is not None and given is not None and printed != given:
        raise ParseError(source, f"the card says year {printed}, but {given} was given", titles[0][0])
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


def _sections(lines: list[Line], framework: Framework) -> dict[str, list[Line]]:
    """Split the card at its section heads; the head's own tokens stay on its first line."""
    sections: dict[str, list[Line]] = {
        "header": [],
        "issues": [],
        "extra": [],
        "column": [],
        "overall": [],
        "links": [],
    }
    current = "header"
    for line in _label_lines(lines):
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
        elif current == "extra" and line.tokens == HEADING:  # the Highlights column, after every other cell
            current = "column"
            continue
        if line.tokens:
            sections[current].append(line)
    if framework.extra_credit:
        if not any(ln.tokens for ln in sections["extra"][:1]):  # the label alone: the rows came before it
            start = rows_before_label(sections["issues"], framework)
        else:  # a category begun above the label's line (the row's cells centred on it)
            start = category_around_label(sections["issues"], sections["extra"], framework)
        if start is not None:
            sections["extra"] = sections["issues"][start:] + sections["extra"]
            sections["issues"] = sections["issues"][:start]
    return sections


def _label_lines(lines: list[Line]) -> list[Line]:
    """A two-word label wrapped in its cell ("EXTRA" above "CREDIT", the row's cells beside each word)
    becomes a line of its own, the cells beside it lines of their own after it."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 1] if index + 1 < len(lines) else None
        for first, second in (("EXTRA", "CREDIT"), ("OVERALL", "GRADE")):
            if (
                after is not None
                and line.tokens[0].upper() == first
                and (len(line.tokens) == 1 or line.tokens[1].upper() != second)
                and after.tokens[0].upper() == second
            ):
                out.append(Line(line.number, [first, second]))
                out += [Line(ln.number, ln.tokens[1:]) for ln in (line, after) if len(ln.tokens) > 1]
                index += 2
                break
        else:
            out.append(line)
            index += 1
    return out


def _grade_and_tier(tokens: list[str]) -> tuple[str | None, str | None]:
    grade = tier = None
    for index, token in enumerate(tokens):
        if token.upper() == "TIER" and index + 1 < len(tokens) and _TIER_LIKE.fullmatch(tokens[index + 1]):
            tier = tokens[index + 1]  # an unknown tier ("IV") is read as printed, for validation to refuse
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
        if printed in (*GRADES, *TIERS) and value in (*GRADES, *TIERS) and printed != value:
            raise ParseError(
                source, f"overall {name} {value} disagrees with the {name} {printed} at the top", lines[0].number
            )
    if tier is not None and tier not in TIERS:
        draft.lines["tier"] = lines[0].number
    draft.grade, draft.score = grade, float(score)
    draft.tier = tier if tier is not None and (tier not in TIERS or draft.tier is None) else draft.tier
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
