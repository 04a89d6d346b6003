"""The 51 graded jurisdictions: names, postal codes, FIPS codes, tile-map places, name resolution."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from gapcli.errors import NotFound


class Jurisdiction(NamedTuple):  # a constant record; a NamedTuple is cheaper to define at start-up than a dataclass
    name: str
    code: str
    fips: str  # the 2-digit state code of FIPS 5-2 (ANSI INCITS 38), as text: "09" keeps its zero
    row: int  # place on the common US tile-grid map (8 rows, 11 columns)
    col: int

    @property
    def slug(self) -> str:
        """File-name form: ``new-york``, ``district-of-columbia``."""
        return self.name.lower().replace(" ", "-")


# name, postal code, FIPS state code, tile row and column. The FIPS codes are the U.S. Census
# Bureau's "FIPS Codes for the States and the District of Columbia" (FIPS PUB 5-2, now ANSI INCITS
# 38:2009), https://www.census.gov/library/reference/code-lists/ansi.html
_TABLE = """
Alabama AL 01 6 6|Alaska AK 02 0 0|Arizona AZ 04 5 1|Arkansas AR 05 5 4|California CA 06 4 0
Colorado CO 08 4 2|Connecticut CT 09 3 9|Delaware DE 10 4 9|District of Columbia DC 11 5 8
Florida FL 12 7 8|Georgia GA 13 6 7|Hawaii HI 15 7 0|Idaho ID 16 2 1|Illinois IL 17 2 5|Indiana IN 18 3 5
Iowa IA 19 3 4|Kansas KS 20 5 3|Kentucky KY 21 4 5|Louisiana LA 22 6 4|Maine ME 23 0 10|Maryland MD 24 4 8
Massachusetts MA 25 2 10|Michigan MI 26 2 7|Minnesota MN 27 2 4|Mississippi MS 28 6 5|Missouri MO 29 4 4
Montana MT 30 2 2|Nebraska NE 31 4 3|Nevada NV 32 3 1|New Hampshire NH 33 1 10|New Jersey NJ 34 3 8
New Mexico NM 35 5 2|New York NY 36 2 8|North Carolina NC 37 5 6|North Dakota ND 38 2 3|Ohio OH 39 3 6
Oklahoma OK 40 6 3|Oregon OR 41 3 0|Pennsylvania PA 42 3 7|Rhode Island RI 44 2 9|South Carolina SC 45 5 7
South Dakota SD 46 3 3|Tennessee TN 47 5 5|Texas TX 48 7 3|Utah UT 49 4 1|Vermont VT 50 1 9|Virginia VA 51 4 7
Washington WA 53 2 0|West Virginia WV 54 4 6|Wisconsin WI 55 2 6|Wyoming WY 56 3 2
"""


def _parse_table() -> tuple[Jurisdiction, ...]:
    rows = []
    for entry in _TABLE.replace("\n", "|").split("|"):
        if entry.strip():
            *name, code, fips, row, col = entry.split()
            rows.append(Jurisdiction(" ".join(name), code, fips, int(row), int(col)))
    return tuple(rows)


JURISDICTIONS = _parse_table()
_ALIASES = {"dc": "DC", "d c": "DC", "washington dc": "DC", "washington d c": "DC"}
# The abbreviations journalists and clerks write (AP style, the GPO Style Manual) and common
# short forms, in key form (``W. Va.`` → ``w va``). Postal codes and full names need no entry.
_ABBREVIATIONS = """
AL ala|AZ ariz|AR ark|CA cal calif|CO colo|CT conn|DE del|FL fla|GA ga|IL ill|IN ind
KS kan kans|MA mass|MI mich|MN minn|MS miss|MO mo|MT mont|NE neb nebr|NV nev|NH n_h
NJ n_j|NM n_m n_mex|NY n_y|NC n_c|ND n_d n_dak|OK okla|OR ore oreg|PA penn penna|RI r_i
SC s_c|SD s_d s_dak|TN tenn|TX tex|VT vt|VA va|WA wash|WV w_va w_virg|WI wis wisc|WY wyo
"""  # an underscore stands for a space inside one form
_DIRECTIONS = {"n": "north", "s": "south", "w": "west"}  # "N. Carolina", "W Virginia"
_WRAPPERS = ("state of ", "commonwealth of ")  # "State of New York", "New York State"


def _key(text: str) -> str:
    """``New_York``, ``new-york``, ``NEW YORK``, ``Ｎｅｗ Ｙｏｒｋ`` → ``new york``; ``D.C.`` → ``d c``."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.replace(".", " ").replace(",", " ").replace("_", " ").replace("-", " ").split())


_LOOKUP: dict[str, Jurisdiction] = {j.name.lower(): j for j in JURISDICTIONS}  # the table is plain ASCII
_LOOKUP.update({j.code.lower(): j for j in JURISDICTIONS})
_CODES = {j.code: j for j in JURISDICTIONS}
_LOOKUP.update({alias: _CODES[code] for alias, code in _ALIASES.items()})
for _entry in _ABBREVIATIONS.replace("\n", "|").split("|"):
    if _entry.strip():
        _code, *_forms = _entry.split()
        _LOOKUP.update({form.replace("_", " "): _CODES[_code] for form in _forms})
_UNSPACED = {name.replace(" ", ""): j for name, j in _LOOKUP.items()}  # "NewYork", "NorthCarolina"


def _find(key: str) -> Jurisdiction | None:
    found = _LOOKUP.get(key) or _UNSPACED.get(key.replace(" ", ""))
    if found is None:
        first, _, rest = key.partition(" ")
        if first in _DIRECTIONS and rest:
            found = _LOOKUP.get(f"{_DIRECTIONS[first]} {rest}")
    return found


def resolve(text: str) -> Jurisdiction:
    """Find a jurisdiction by name, postal code or a usual abbreviation, in any case and spelling of spaces."""
    key = _key(text)
    found = _find(key)
    if found is None:
        bare = key.removesuffix(" state")
        for wrapper in _WRAPPERS:
            bare = bare.removeprefix(wrapper)
        found = _find(bare) if bare != key else None
    if found is not None:
        return found
    shown = text if len(text) <= 40 else text[:40] + "…"
    message = f"unknown state {shown!r}"
    guesses = suggest(text)
    if guesses:
        message += f"; did you mean {' or '.join(guesses)}?"
    raise NotFound(message)


def suggest(text: str) -> list[str]:
    """Up to three jurisdiction names close to ``text``: a name it begins, or a near spelling (a typo, not a guess)."""
    import difflib

    names = {_key(j.name): j.name for j in JURISDICTIONS}
    wanted = _key(text)[:60]
    starting = [names[n] for n in names if len(wanted) >= 3 and n.startswith(wanted)]  # "missi" → Mississippi
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.75)
    return list(dict.fromkeys(starting[:3] + [names[c] for c in close]))[:3]


def by_code(code: str) -> Jurisdiction:
    return _CODES[code]


def fips(code: str) -> str:
    """The FIPS state code of a postal code: ``CT`` → ``"09"`` (the key other state data sets join on)."""
    return _CODES[code].fips
