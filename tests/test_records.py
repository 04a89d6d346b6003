"""The README's JSON contract and the TypedDicts the code is checked against list the same fields."""

import re
import typing

from conftest import ROOT
from gapcli.records import CONTRACT


def readme_contract() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("### JSON contract") : text.index("### Exit codes")]
    entries = {}
    for line in section.splitlines():
        found = re.match(r"- \*\*([\w. -]+?)\*\*[^:]*: (.*)$", line)
        if found and re.fullmatch(r"(`\w+`, )*`\w+`", found.group(2)):
            entries[found.group(1)] = re.findall(r"`(\w+)`", found.group(2))
    return entries


def test_every_record_is_documented_with_exactly_its_fields():
    documented = readme_contract()
    assert sorted(documented) == sorted(CONTRACT)
    for name, record in CONTRACT.items():
        assert documented[name] == list(typing.get_type_hints(record)), name
