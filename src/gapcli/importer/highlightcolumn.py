"""The Highlights column, where a tool puts it after every other cell of the table.

Plain ``pdftotext`` of a table whose Highlights cells make one tall column gives the Issue,
Grade and Score cells one per line, the extra-credit cells, and only then the "Highlights"
heading and the column's cells from top to bottom: each issue area's block, then each
extra-credit description. The areas' text ends where the sentence of the last goal list
("Policy goals accomplished…", "Gaps remain…") ends, since every highlight sentence starts
a goal list; what follows is the descriptions. The readers then pair both with their rows
and refuse any count that does not match: nothing here is a guess about whose text it is.
"""

from __future__ import annotations

import re

from gapcli.importer.cardtable import Text
from gapcli.importer.textlines import Line

HEADING = ["Highlights"]
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


def split_column(lines: list[Line]) -> tuple[Text, Text]:
    """(The issue areas' highlight text, the extra-credit descriptions' text)."""
    text: Text = [
        (t, ln.number, i == len(ln.tokens) - 1, 0) for ln in lines for i, t in enumerate(ln.tokens)
    ]  # 0: no area begun
    folded = [token.casefold() for token, *_ in text]
    heads = [i for i in range(len(folded) - 1) if _starts_list(folded[i], folded[i + 1])]
    if not heads:
        return text, []  # no goal list at all: the table's reader says so
    end = next(
        (
            i + 1
            for i in range(heads[-1], len(text) - 1)
            if _SENTENCE_END.search(text[i][0]) and text[i + 1][0][:1].isupper()
        ),
        len(text),
    )
    return text[:end], text[end:]


def _starts_list(word: str, after: str) -> bool:
    return (word == "policy" and after in ("goal", "goals")) or (
        word in ("gaps", "gap") and after in ("remain", "remains")
    )
