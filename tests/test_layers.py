"""The layering, verified: each package imports only the layers below it (README, "Architecture").

Every ``import`` of a gapcli module counts, wherever it stands: at the top, inside a function
(the lazy imports that keep start-up fast) or under ``TYPE_CHECKING``.
"""

import ast
from collections import defaultdict

from conftest import ROOT

SOURCE = ROOT / "src" / "gapcli"
# the base: modules every layer may use, each only those before it
BASE = ["gapcli", "errors", "safe", "streams", "model", "states", "records", "rows", "fields"]
# package or module -> what it may import besides the base
LAYERS = {
    "files": set(),  # writing files whole
    "catalog": {"files", "query"},  # reading data (asking query.select which card); the import journal finished first
    "query": set(),  # pure functions
    "importer": {"files", "catalog", "query"},
    "views": {"query"},
    "formats": {"views.blocks"},  # a format draws blocks: no view builder, no query
    "exports": {"files", "views", "formats"},
    "api": {"catalog", "query", "files"},
    "contract": set(),  # the JSON Schema of the records
    "cli": {"files", "catalog", "query", "importer", "views", "formats", "exports", "api", "contract"},
    "__main__": {"cli"},
}


def unit(module: str) -> str:
    """``gapcli.catalog.cache`` -> ``catalog``; ``gapcli`` -> ``gapcli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def is_module(name: str) -> bool:
    path = SOURCE.joinpath(*name.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports() -> dict[str, set[str]]:
    """Each gapcli module and the gapcli modules it imports."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in SOURCE.rglob("*.py"):
        name = ".".join(("gapcli", *path.relative_to(SOURCE).with_suffix("").parts)).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found[name] |= {a.name for a in node.names if a.name.split(".")[0] == "gapcli"}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "gapcli":
                assert node.level == 0, f"{name}: relative import"
                for alias in node.names:  # `from gapcli.views import blocks` imports gapcli.views.blocks
                    submodule = f"{node.module}.{alias.name}"
                    found[name].add(submodule if is_module(submodule) else node.module)
    return found


def allowed(importer: str, imported: str) -> bool:
    source, target = unit(importer), unit(imported)
    if source == target:
        return True
    if target in BASE:
        return source not in BASE or BASE.index(target) < BASE.index(source)
    if source in BASE:
        return False
    rules = LAYERS[source]
    return target in rules or any(imported == f"gapcli.{r}" or imported.startswith(f"gapcli.{r}.") for r in rules)


def test_every_import_goes_down_the_layers():
    found = imports()
    assert len(found) > 50 and {unit(m) for m in found} - {"gapcli", *BASE} == set(LAYERS)  # every package placed
    wrong = sorted(f"{a} imports {b}" for a, targets in found.items() for b in targets if not allowed(a, b))
    assert wrong == []


def test_the_rules_see_a_wrong_import():
    assert not allowed("gapcli.files.output", "gapcli.cli.output")
    assert not allowed("gapcli.formats.table", "gapcli.views.cards")
    assert allowed("gapcli.formats.table", "gapcli.views.blocks")
    assert not allowed("gapcli.model", "gapcli.states") and allowed("gapcli.states", "gapcli.errors")
    assert not allowed("gapcli.query.rank", "gapcli.catalog.catalog")
