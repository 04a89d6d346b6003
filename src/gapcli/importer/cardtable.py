"""The issue table of a card: each area's cells, and its block of highlight text.

Extraction tools put a table's cells in different orders (a row per line, a cell per
line, cells centred so that a row's highlights start above its number), so the table is
read by what each piece is, not where it sits: an area's number and the framework's name
for it (wrapped or not), its grade, its score and maximum — and highlight text, split
into one block per area where a block starts ("Policy goals accomplished…", a second
"Gaps remain…"). Blocks and areas pair in order; a count that does not match stops the
import, with the line. Nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from gapcli.errors import ParseError
from gapcli.importer.goalphrases import KnownPhrases, read_highlights
from gapcli.importer.textlines import Line, join_hyphenated
from gapcli.model import GRADES, Framework, IssueResult

NUMBER = re.compile(r"\d{1,4}(?:\.\d{1,3})?")
ANCHOR = re.compile(r"(\d{1,2})\.")
_NAME_WORDS = 12  # an issue area's name is at most this many words
TABLE_HEADINGS = {"Issue", "Grade", "Score", "Highlights"}

Text = list[tuple[str, int, bool, int]]  # highlight text: (token, line, ends its line, areas begun when read)


@dataclass
class Token:
    text: str
    line: int
    rows: int = 0  # issue areas begun when the token was read


@dataclass
class _Row:
    number: int
    line: int
    name: list[str]
    expected: str  # the framework's name for the area
    grade: str | None = None
    score: float | None = None
    maximum: float | None = None

    def name_done(self) -> bool:
        return name_done(self.expected, self.name) or len(self.name) > _NAME_WORDS

    def name_words(self, tokens: list[str]) -> int:
        return name_words(self.expected, self.name, tokens)


def name_words(expected: str, read: list[str], tokens: list[str]) -> int:
    """How many of ``tokens`` carry the name ``expected`` on from the words ``read`` of it so far.

    Names are compared without case, spaces or hyphens, at the name's word and hyphen
    boundaries, so a name wrapped over lines ("Identification / of and / Response to")
    or broken at its hyphen ("Victim- / Centered", or "VictimCentered" as plain pdftotext
    joins it) is read as the name.
    """
    target, cuts = _name_cuts(expected)
    have = _squash(read)
    count = 0
    while count < len(tokens) and have != target:
        longer = have + _squash(tokens[count : count + 1])
        if longer == have or len(longer) not in cuts or not target.startswith(longer):
            break
        have, count = longer, count + 1
    return count


@cache
def _name_cuts(expected: str) -> tuple[str, frozenset[int]]:
    """The name squashed, and where its words and hyphenated parts end in it."""
    pieces = re.split(r"(?<=[ -])", expected)
    return _squash([expected]), frozenset(accumulate(len(_squash([piece])) for piece in pieces))


def name_done(expected: str, read: list[str]) -> bool:
    return _squash(read) == _squash([expected])


def read_table(
    lines: list[Line],
    framework: Framework,
    source: str,
    words: Container[str],
    known: KnownPhrases,
    column: Text | None = None,
) -> list[tuple[IssueResult, int]]:
    """Each issue area's result, with the line it starts on; ``column``: the highlight text where
    it came after the table's other cells (``highlightcolumn``), not among them."""
    rows, text = _table_cells(lines, framework, source)
    for missing in framework.issues:
        if missing.number not in {row.number for row in rows}:
            raise ParseError(source, f"issue area {missing.number} ({missing.name}) is missing; is the card cut short?")
    if column is not None and text:  # highlights among the cells and in a column of their own: whose are they?
        raise ParseError(
            source, f"text among the table's cells before its Highlights column: {text[0][0]!r}", text[0][1]
        )
    blocks = _blocks(joined(text if column is None else column, words), len(rows))
    if len(blocks) != len(rows):
        first = rows[0].line if rows else None
        if not blocks:
            raise ParseError(
                source, f"{len(rows)} issue areas but no highlights text ('Policy goals…', 'Gaps…')", first
            )
        where = blocks[min(len(blocks), len(rows)) - 1][0].line if rows else blocks[0][0].line
        raise ParseError(
            source,
            f"{len(rows)} issue areas but {len(blocks)} blocks of highlights; cannot tell which belongs to which",
            where,
        )
    for index, block in enumerate(blocks[:-1]):
        later = next((token for token in block if token.rows > index + 1), None)
        if later is not None:  # text read after the next area's row began: its highlights ran into these
            raise ParseError(
                source,
                f"the highlights of issue area {rows[index].number} run into the row of area "
                f"{rows[index + 1].number}; cannot tell where one ends ({later.text!r})",
                later.line,
            )
    results: list[tuple[IssueResult, int]] = []
    for row, block in zip(rows, blocks, strict=True):
        area = framework.issue(row.number)
        assert area is not None
        name = " ".join(row.name)
        if _squash(row.name) != _squash([area.name]):
            raise ParseError(
                source,
                f"issue area {row.number} is {area.name!r} in {framework.year}, the card says {name!r}",
                row.line,
            )
        if row.grade is None or row.score is None or row.maximum is None:
            raise ParseError(source, f"issue area {row.number} ({area.name}) has no 'GRADE SCORE MAXIMUM'", row.line)
        if area.max_score is not None and abs(row.maximum - area.max_score) > 1e-9:
            raise ParseError(
                source,
                f"issue area {row.number}: maximum {row.maximum:g} on the card, {area.max_score:g} in the framework",
                row.line,
            )
        met, gaps, all_areas = read_highlights(
            " ".join(t.text for t in block), known, row.number, source, block[0].line
        )
        printed = row.maximum if area.max_score is None else None  # kept where the framework lacks it
        results.append(
            (IssueResult(row.number, row.grade, row.score, met, gaps, all_areas, max_score=printed), row.line)
        )
    return results


def _table_cells(lines: list[Line], framework: Framework, source: str) -> tuple[list[_Row], Text]:
    """The issue-area cells of every row, and the rest: highlight text as (token, line, ends its line,
    how many areas had begun when it was read)."""
    names = {area.number: area.name for area in framework.issues}
    rows: list[_Row] = []
    text: Text = []
    for line in lines:
        tokens = line.tokens
        if set(tokens) <= TABLE_HEADINGS:
            continue
        if line.text.isupper() and sum(map(str.isalpha, line.text)) >= 5:  # all capitals: no table cell
            raise ParseError(
                source,
                f"cannot place {line.text[:60]!r} in the issue table (a heading or a page's furniture?)",
                line.number,
            )
        at = 0
        anchor = ANCHOR.fullmatch(tokens[0])
        if anchor and _starts_row(int(anchor.group(1)), tokens, rows, names):
            number = int(anchor.group(1))
            if number not in names:
                raise ParseError(source, f"the {framework.year} framework has no issue area {number}", line.number)
            rows.append(_Row(number, line.number, [], names[number]))
            at = 1 + rows[-1].name_words(tokens[1:])
            rows[-1].name = tokens[1:at]
            if at == 1 and len(tokens) > 1 and tokens[1] not in GRADES:  # not the framework's name: read up to
                at = 1 + _name_until_figures(tokens[1:], rows[-1])  # the figures, to say what the card says
        elif rows and not rows[-1].name_done() and rows[-1].name_words(tokens):
            at = rows[-1].name_words(tokens)
            rows[-1].name += tokens[:at]
        if rows:
            at = _figures(tokens, at, rows[-1])
        last, count = len(tokens) - 1, len(rows)
        text += [(token, line.number, index == last, count) for index, token in enumerate(tokens[at:], start=at)]
    return rows, text


def _starts_row(number: int, tokens: list[str], rows: list[_Row], names: dict[int, str]) -> bool:
    """``N.`` at a line's start begins area N's row: before any row, or followed by the area's name,
    or (as the next area) alone on its line or followed by its grade, the name wrapped below."""
    if not rows:
        return True
    if len(tokens) > 1 and number in names and _Row(number, 0, [], names[number]).name_words(tokens[1:]):
        return True
    return number == rows[-1].number + 1 and (len(tokens) == 1 or tokens[1] in GRADES)


def _squash(words: list[str]) -> str:
    return "".join(words).replace("-", "").replace(" ", "").casefold()


def _name_until_figures(tokens: list[str], row: _Row) -> int:
    for end in range(min(len(tokens) - 2, _NAME_WORDS)):
        if tokens[end] in GRADES and NUMBER.fullmatch(tokens[end + 1]) and end > 0:
            row.name = tokens[:end]
            return end
    return 0


def _figures(tokens: list[str], at: int, row: _Row) -> int:
    """GRADE, then SCORE MAXIMUM, where the row still lacks them and they come next on the line."""
    if (
        row.grade is None
        and at < len(tokens)
        and tokens[at] in GRADES
        and (at + 1 == len(tokens) or NUMBER.fullmatch(tokens[at + 1]))
    ):
        row.grade = tokens[at]
        at += 1
    if (
        row.grade is not None
        and row.score is not None
        and row.maximum is None
        and at < len(tokens)
        and NUMBER.fullmatch(tokens[at])
    ):
        row.maximum = float(tokens[at])  # the maximum wrapped onto the next line
        return at + 1
    if row.score is None and at < len(tokens) and NUMBER.fullmatch(tokens[at]):
        if at + 1 < len(tokens) and NUMBER.fullmatch(tokens[at + 1]):
            row.score, row.maximum = float(tokens[at]), float(tokens[at + 1])
            return at + 2
        if at + 1 == len(tokens) and row.grade is not None:  # SCORE at a line's end, MAXIMUM on the next
            row.score = float(tokens[at])
            return at + 1
    return at


def joined(text: Text, words: Container[str]) -> list[Token]:
    """Highlight tokens, a word split by a hyphen at a line's end joined again."""
    out: list[Token] = []
    carry = False
    for token, line, ends_line, rows in text:
        if carry:
            out[-1] = Token(join_hyphenated(out[-1].text, token, words), out[-1].line, out[-1].rows)
        else:
            out.append(Token(token, line, rows))
        carry = ends_line and len(token) > 1 and token.endswith("-") and token[-2].isalpha()
    return out


def _blocks(tokens: list[Token], areas: int) -> list[list[Token]]:
    """One block of highlight text per issue area.

    A block surely starts at "Policy goal(s)…" and at a second "Gap(s) remain(s)…". A
    "Gaps remain…" after goals met may instead start the next area's block (an area can
    have no gaps): where the sure starts are too few, as many of those as are missing are
    taken — all of them if that is the count, else those with an area's number read
    between the goals met and the gaps. Anything else fails the count check: never a guess.
    """
    sure: list[int] = [0]
    maybe: list[tuple[int, bool]] = []  # (token index, an area began between the goals met and this)
    has_gaps, met_at = False, -1
    folded = [token.text.casefold() for token in tokens]
    for index, token in enumerate(tokens):
        if folded[index] not in ("policy", "gaps", "gap"):
            continue  # most tokens: no block starts at them
        pair = (folded[index], folded[index + 1] if index + 1 < len(tokens) else "")
        if pair[0] == "policy" and pair[1] in ("goal", "goals"):
            sure.append(index)
            has_gaps, met_at = False, index
        elif pair[0] in ("gaps", "gap") and pair[1] in ("remain", "remains"):
            if has_gaps or met_at < 0:
                sure.append(index)
            else:
                maybe.append((index, tokens[met_at].rows < token.rows))
            has_gaps, met_at = True, -1
    sure = sorted(set(sure))
    missing = areas - len(sure)
    if 0 < missing == len(maybe):
        sure = sorted(sure + [i for i, _ in maybe])
    elif 0 < missing == sum(evident for _, evident in maybe):
        sure = sorted(sure + [i for i, evident in maybe if evident])
    return [tokens[a:b] for a, b in zip(sure, [*sure[1:], len(tokens)], strict=True) if a < b]  # none empty
