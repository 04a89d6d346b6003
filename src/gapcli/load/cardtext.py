"""Card text (as extracted from a report card PDF) → Card.

Extraction mangles layout, so every line is first reduced to single-space-separated
tokens (tabs, runs of spaces, non-breaking spaces, ``**`` bold marks all become one
space) and the card is read token by token. There are no backtracking regular
expressions over whole lines, and input size is bounded, so time is linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gapcli.errors import NotFound, ParseError
from gapcli.load.validate import problems
from gapcli.model import GRADES, TIERS, Card, Citation, ExtraCredit, Framework, IssueResult, PolicyGoal
from gapcli.states import Jurisdiction, resolve

MAX_TEXT_CHARS = 256 * 1024  # a card is ~4 KB
MAX_LINE_CHARS = 10_000

_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "*": " ", "\ufeff": " "})
_NUMBER = re.compile(r"\d{1,4}(?:\.\d{1,3})?")
_TITLE = re.compile(r"(\d{4}) Report Card on\b", re.IGNORECASE)
_URL = re.compile(r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s,;)]*)?")
_MET = re.compile(r"Policy goals? (?:was |were )?accomplished (?:in (?:an )?areas? )?related to ", re.IGNORECASE)
_GAPS = re.compile(r"Gaps? remains? in (?:(all areas), including|(?:an )?areas? related to) ", re.IGNORECASE)
# a comma after one of these words does not end a list item ("alternatives to live, in-court testimony")
_DANGLING = {"a", "an", "the", "to", "of", "for", "in", "on", "and", "or", "live"}
_FILLER = {"and", "the", "as", "well", "of", "to", "a", "an"}
# heads a card shares among several objects: "training for law enforcement, prosecutors, and ..."
_HEADS = ("training for", "screening through")
_BARE_OBJECT_WORDS = 3


@dataclass
class _Line:
    number: int
    tokens: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


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
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError(source, f"text is {len(text):,} characters; a card is at most {MAX_TEXT_CHARS:,}")
    lines = _tokenise(text, source)
    if not lines:
        raise ParseError(source, "no text")
    title = next((ln for ln in lines if _TITLE.match(ln.text)), None)
    if title is None and year is None:
        raise ParseError(source, "no 'YEAR Report Card on …' title line; give --year")
    printed_year = _title_year(title)
    card_year = _agree(source, "year", printed_year, year, title)
    try:
        framework = framework_for(card_year)
    except NotFound as error:
        raise ParseError(source, str(error), title.number if title else None) from None
    place = _find_state(lines, title, state, source)
    draft = _Draft()
    sections = _sections(lines)
    _read_header(sections["header"], draft)
    _read_issues(sections["issues"], framework, draft, source)
    _read_extra(sections["extra"], framework, draft, source)
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
        first = found[0]
        field_name = first.split(":", 1)[0].split(".")[0]
        raise ParseError(source, "; ".join(found), draft.lines.get(field_name))
    return card


def _tokenise(text: str, source: str) -> list[_Line]:
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if len(raw) > MAX_LINE_CHARS:
            raise ParseError(
                source, f"line is {len(raw):,} characters; card lines are at most {MAX_LINE_CHARS:,}", number
            )
        if any((ord(ch) < 32 and ch != "\t") or 0x7F <= ord(ch) < 0xA0 for ch in raw):
            raw = "".join(" " if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 else ch for ch in raw)
        tokens = raw.translate(_SPACES).split()
        if tokens:
            lines.append(_Line(number, tokens))
    return lines


def _title_year(title: _Line | None) -> int | None:
    found = _TITLE.match(title.text) if title else None
    return int(found.group(1)) if found else None


def _agree(source: str, what: str, printed: int | None, given: int | None, line: _Line | None) -> int:
    if printed is not None and given is not None and printed != given:
        raise ParseError(
            source, f"the card says {what} {printed}, but {given} was given", line.number if line else None
        )
    chosen = printed if printed is not None else given
    if chosen is None:
        raise ParseError(source, f"no {what} on the card; give --{what}")
    return chosen


def _find_state(lines: list[_Line], title: _Line | None, given: str | None, source: str) -> Jurisdiction:
    printed = None
    if title is not None:
        before = [ln for ln in lines if ln.number < title.number]
        for line in reversed(before):
            try:
                printed = resolve(line.text)
                break
            except NotFound:
                continue
    try:
        wanted = resolve(given) if given is not None else None
    except NotFound as error:
        raise ParseError(source, str(error)) from None
    if printed is None and wanted is None:
        raise ParseError(source, "no state name above the title line; give --state", title.number if title else None)
    if printed is not None and wanted is not None and printed != wanted:
        raise ParseError(
            source,
            f"the card is for {printed.name}, but --state {wanted.name} was given",
            title.number if title else None,
        )
    found = printed or wanted
    assert found is not None
    return found


def _sections(lines: list[_Line]) -> dict[str, list[_Line]]:
    """Split the card at its section heads; the head's own tokens stay on its first line."""
    sections: dict[str, list[_Line]] = {"header": [], "issues": [], "extra": [], "overall": [], "links": []}
    current = "header"
    for line in lines:
        upper = line.text.upper()
        if current == "header" and (upper.startswith("ISSUE GRADE") or _is_issue_line(line)):
            current = "issues"
        elif upper.startswith("EXTRA CREDIT") and current in ("header", "issues"):
            current = "extra"
            line = _Line(line.number, line.tokens[2:])
        elif upper.startswith("OVERALL GRADE") and current != "links":
            current = "overall"
            line = _Line(line.number, line.tokens[2:])
        elif upper.startswith("LEARN MORE"):
            current = "links"
        if line.tokens:
            sections[current].append(line)
    return sections


def _is_issue_line(line: _Line) -> bool:
    return len(line.tokens) > 1 and re.fullmatch(r"\d{1,2}\.", line.tokens[0]) is not None


def _grade_and_tier(tokens: list[str]) -> tuple[str | None, str | None]:
    grade = tier = None
    for index, token in enumerate(tokens):
        if token.upper() == "TIER" and index + 1 < len(tokens) and tokens[index + 1] in TIERS:
            tier = tokens[index + 1]
        elif token in GRADES and (index == 0 or tokens[index - 1].upper() != "TIER"):
            grade = grade or token
    return grade, tier


def _read_header(lines: list[_Line], draft: _Draft) -> None:
    for line in lines:
        grade, tier = _grade_and_tier(line.tokens)
        if tier:
            draft.tier, draft.grade = tier, grade
            draft.lines.update(tier=line.number, grade=line.number)
            return


def _read_issues(lines: list[_Line], framework: Framework, draft: _Draft, source: str) -> None:
    rows: list[tuple[_Line, int, str, str, float, float, list[str]]] = []
    for line in lines:
        if _is_issue_line(line):
            rows.append((line, *_issue_columns(line, source)))
        elif rows:
            rows[-1][-1].extend(line.tokens)  # a highlight wrapped onto the next line
    numbers = [row[1] for row in rows]
    for area in framework.issues:
        if area.number not in numbers:
            raise ParseError(source, f"issue area {area.number} ({area.name}) is missing; is the card cut short?")
    for line, number, name, grade, score, maximum, highlight in rows:
        known = framework.issue(number)
        if known is None:
            raise ParseError(source, f"the {framework.year} framework has no issue area {number}", line.number)
        area = known
        if name.casefold() != area.name.casefold():
            raise ParseError(
                source, f"issue area {number} is {area.name!r} in {framework.year}, the card says {name!r}", line.number
            )
        if area.max_score is not None and abs(maximum - area.max_score) > 1e-9:
            raise ParseError(
                source,
                f"issue area {number}: maximum {maximum:g} on the card, {area.max_score:g} in the framework",
                line.number,
            )
        met, gaps, all_areas = _read_highlights(" ".join(highlight), framework, number, source, line.number)
        draft.issues.append(IssueResult(number, grade, score, met, gaps, all_areas))
        draft.lines[f"issues[{number}]"] = line.number


_Columns = tuple[int, str, str, float, float, list[str]]


def _issue_columns(line: _Line, source: str) -> _Columns:
    tokens = line.tokens
    for index in range(2, len(tokens) - 2):
        if tokens[index] in GRADES and _NUMBER.fullmatch(tokens[index + 1]) and _NUMBER.fullmatch(tokens[index + 2]):
            name = " ".join(tokens[1:index])
            return (
                int(tokens[0][:-1]),
                name,
                tokens[index],
                float(tokens[index + 1]),
                float(tokens[index + 2]),
                tokens[index + 3 :],
            )
    raise ParseError(source, f"issue area line has no 'GRADE SCORE MAXIMUM' columns: {line.text[:80]!r}", line.number)


def _read_highlights(
    text: str, framework: Framework, number: int, source: str, line: int
) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    met: list[str] = []
    gaps: list[str] = []
    all_areas = False
    marks = sorted(
        [(m.start(), m.end(), "met", m) for m in _MET.finditer(text)]
        + [(m.start(), m.end(), "gaps", m) for m in _GAPS.finditer(text)]
    )
    if not marks or text[: marks[0][0]].strip():
        raise ParseError(source, f"issue area {number}: cannot read highlights {text[:80]!r}", line)
    for index, (_start, end, kind, match) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        body = text[end:stop].strip().rstrip(".").strip()
        if not body:
            raise ParseError(source, f"issue area {number}: empty list after {match.group(0).strip()!r}", line)
        items = _goal_items(body, framework, number)
        if kind == "met":
            met += items
        else:
            gaps += items
            all_areas = all_areas or bool(match.group(1))
    return tuple(met), tuple(gaps), all_areas


def _goal_items(body: str, framework: Framework, number: int) -> list[str]:
    """Split "a, b, c, and d" into items, then name known goals where an item covers them."""
    fragments: list[str] = []
    for fragment in (f.strip() for f in body.split(", ")):
        if fragment.startswith("and "):
            fragment = fragment[4:]
        if fragments and fragments[-1].split()[-1].lower() in _DANGLING:
            fragments[-1] = f"{fragments[-1]}, {fragment}"
        else:
            fragments.append(fragment)
    items = [part.strip() for fragment in _distribute_head(fragments) for part in fragment.split(" as well as ")]
    goals = [g for g in framework.goals if g.issue == number and g.phrase]
    return [phrase for item in items for phrase in _expand(item, goals)]


def _distribute_head(fragments: list[str]) -> list[str]:
    """``training for law enforcement, prosecutors, and school personnel`` names three goals.

    The head of the first item is given to every later item only when all of them are
    bare objects (a few words, no head of their own), so a list of unrelated goals is kept.
    """
    head = next((h for h in _HEADS if fragments[0].lower().startswith(h + " ")), None)
    rest = fragments[1:]
    if head is None or not rest:
        return fragments
    if any(len(f.split()) > _BARE_OBJECT_WORDS or f.lower().startswith(_HEADS) for f in rest):
        return fragments
    return [fragments[0]] + [f"{fragments[0][: len(head)]} {f}" for f in rest]


def _expand(item: str, goals: list[PolicyGoal]) -> list[str]:
    """``buyer and trafficker accountability under state CSEC laws`` → the two goals it names."""
    words = item.lower().split()
    phrases = [g.phrase for g in goals if g.phrase]
    matched = [p for p in phrases if _is_subsequence(p.lower().split(), words)]
    covered = {w for p in matched for w in p.lower().split()}
    if matched and all(w in covered or w in _FILLER for w in words):
        return matched
    return [item]


def _is_subsequence(needle: list[str], words: list[str]) -> bool:
    remaining = iter(words)
    return all(any(word == wanted for word in remaining) for wanted in needle)


def _read_extra(lines: list[_Line], framework: Framework, draft: _Draft, source: str) -> None:
    categories = sorted(framework.extra_credit, key=len, reverse=True)
    for line in lines:
        text = line.text
        category = next((c for c in categories if text.lower().startswith(c.lower() + " ")), None)
        rest = text[len(category) :].split() if category else []
        if category is None and not framework.extra_credit:
            split = next((i for i, t in enumerate(line.tokens) if _NUMBER.fullmatch(t)), None)
            if split:
                category, rest = " ".join(line.tokens[:split]), line.tokens[split:]
        if category and rest and _NUMBER.fullmatch(rest[0]):
            draft.extra.append(ExtraCredit(category, float(rest[0]), " ".join(rest[1:])))
            draft.lines["extra_credit"] = line.number
        elif draft.extra:
            last = draft.extra[-1]
            draft.extra[-1] = ExtraCredit(last.category, last.points, f"{last.description} {text}".strip())
        else:
            raise ParseError(source, f"extra credit line has no 'CATEGORY POINTS' start: {text[:80]!r}", line.number)


def _read_overall(lines: list[_Line], draft: _Draft, source: str) -> None:
    if not lines:
        raise ParseError(source, "the OVERALL GRADE section (grade and score) is missing; is the card cut short?")
    tokens = [token for line in lines for token in line.tokens]
    grade, tier = _grade_and_tier(tokens)
    index = tokens.index(grade) if grade else -1
    score = tokens[index + 1] if grade and index + 1 < len(tokens) else None
    if grade is None or score is None or not _NUMBER.fullmatch(score):
        raise ParseError(source, "OVERALL GRADE section has no 'GRADE SCORE'", lines[0].number)
    for name, value, printed in (("grade", grade, draft.grade), ("tier", tier, draft.tier)):
        if printed is not None and value is not None and printed != value:
            raise ParseError(
                source, f"overall {name} {value} disagrees with the {name} {printed} at the top", lines[0].number
            )
    draft.grade, draft.tier, draft.score = grade, tier or draft.tier, float(score)
    draft.lines.update(grade=lines[0].number, score=lines[0].number)


def _read_links(lines: list[_Line], draft: _Draft) -> None:
    label = None
    for line in lines[1:]:
        head, _, rest = line.text.partition(":")
        if head.isupper() and rest:
            label, text = head, rest
        elif line.text.isupper():
            label, text = line.text, ""
        else:
            text = line.text
        for url in _URL.findall(text):
            url = url.rstrip(".")
            key = _link_key(label or "link")
            draft.links.setdefault(key, url if "://" in url else f"https://{url}")


def _link_key(label: str) -> str:
    words = label.lower().split()
    if words[-2:] == ["specific", "resources"]:
        return "state_page"
    return "_".join(words)
