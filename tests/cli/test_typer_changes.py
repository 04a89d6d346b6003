"""Typer's private internals changed under gapcli: the fast path is off, every answer the same.

A corpus of commands (help pages, records, every kind of refused value) is answered with
the fast path as this Typer allows it, then with it turned off (``GAPCLI_TYPER_FAST=0``)
and under simulated upstream changes to what the hook touches (``RuntimeParam`` renamed,
given a field, its method another signature, its module gone): stdout, stderr and exit
code must be the same, byte for byte, and never a traceback.
"""

import dataclasses
import importlib
import subprocess
import sys
import types
from abc import ABC, abstractmethod
from typing import Any

import pytest

from conftest import GAPCLI
from gapcli.cli import COMMANDS, typerhooks, values

CORPUS = [
    ["--help"],
    ["--version"],
    ["data"],
    *([*name.split(), "--help"] for name in sorted(COMMANDS)),
    ["show", "ct", "--json"],
    ["show", "ct", "--year", "2021", "-f", "plain"],
    ["show", "ct@2021", "-f", "markdown"],
    ["rank", "--top", "3", "--grade", "a", "--json"],
    ["rank", "--tier", "tier i", "-f", "csv"],
    ["gaps", "--json"],
    ["compare", "ct", "ny", "--json"],
    ["history", "ct", "-f", "plain"],
    ["stats", "--json"],
    ["schema", "show"],
    ["rank", "--grade", "f", "--grade", "F", "--json"],
    ["show", "ct", "-f", "yaml"],
    ["show", "ct", "--theme", "blue"],
    ["rank", "--top", "0"],
    ["rank", "--top", "x"],
    ["rank", "--top", "1.5"],
    ["rank", "--grade", "E"],
    ["rank", "--tier", "IV"],
    ["show", "ct", "--year", "2021.0"],
    ["show", "ct", "--year", "2021", "--year", "2023"],
    ["show", "ct", "--export", ""],
    ["show", "ct", "--export", "."],
    ["data", "export", "--out", ""],
    ["data", "export", "--out", "/"],
    ["import", "-", "--out", __file__],
    ["data", "validate", ""],
    ["--show-completion", "tcsh"],
    ["show", "narnia"],
    ["show"],
    ["rank", "--nope"],
]


def _module(monkeypatch, name: str) -> Any:
    """Typer's module ``name``, or (on a Typer that has none) an empty one put in its place."""
    try:
        return importlib.import_module(name)
    except ImportError:
        module = types.ModuleType(name)
        monkeypatch.setitem(sys.modules, name, module)
        return module


def _renamed(monkeypatch):
    coercion = _module(monkeypatch, "typer._coercion")
    monkeypatch.setattr(coercion, "RuntimeParamBase", getattr(coercion, "RuntimeParam", object), raising=False)
    monkeypatch.delattr(coercion, "RuntimeParam", raising=False)


def _runtime_param(**changes: Any) -> type:
    """A ``RuntimeParam`` as a later Typer might have it."""

    @dataclasses.dataclass(frozen=True)
    class RuntimeParam(ABC):
        parameter_info: Any
        annotation: Any

        @abstractmethod
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any: ...

    if "field" in changes:
        return dataclasses.make_dataclass(
            "RuntimeParam", [("source", Any, dataclasses.field(default=None))], bases=(RuntimeParam,), frozen=True
        )
    return type("RuntimeParam", (RuntimeParam,), {"_coerce_value": abstractmethod(changes["method"])})


def _given_a_field(monkeypatch):
    monkeypatch.setattr(
        _module(monkeypatch, "typer._coercion"), "RuntimeParam", _runtime_param(field=True), raising=False
    )


def _another_signature(monkeypatch):
    def coerce(self: Any, value: Any, *, param: Any, ctx: Any, source: Any = None) -> Any: ...

    monkeypatch.setattr(
        _module(monkeypatch, "typer._coercion"), "RuntimeParam", _runtime_param(method=coerce), raising=False
    )


def _module_gone(monkeypatch):
    """typer._coercion cannot be imported, as gapcli's check sees it (Typer's own code still needs it here)."""

    def import_module(name: str, package: str | None = None) -> Any:
        if name == "typer._coercion":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return importlib.import_module(name, package)

    monkeypatch.setattr(typerhooks, "importlib", types.SimpleNamespace(import_module=import_module))


def _switched_off(monkeypatch):
    monkeypatch.setenv(typerhooks.SWITCH, "0")


CHANGES = [_switched_off, _renamed, _given_a_field, _another_signature, _module_gone]


def _answers(run) -> list[tuple[str, int, str, str]]:
    values._runtime_param_class.cache_clear()  # decided once per run: a fresh decision for these runs
    try:
        return [(" ".join(args), *_answer(run, args)) for args in CORPUS]
    finally:
        values._runtime_param_class.cache_clear()


def _answer(run, args: list[str]) -> tuple[int, str, str]:
    result = run(*args)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (args, result.stderr)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def usual() -> dict[str, Any]:
    return {}


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_an_upstream_change_turns_the_fast_path_off_and_changes_no_answer(change, run, monkeypatch, usual):
    monkeypatch.delenv(typerhooks.SWITCH, raising=False)
    if "answers" not in usual:
        usual["answers"] = _answers(run)
    with monkeypatch.context() as changed:
        change(changed)
        values._runtime_param_class.cache_clear()
        assert not values.fast_path()
        answers = _answers(run)
    assert [a[0] for a in answers] == [a[0] for a in usual["answers"]]
    for got, wanted in zip(answers, usual["answers"], strict=True):
        assert got == wanted, got[0]


SIMULATED = """
import sys
try:
    import typer._coercion as coercion
    coercion.RuntimeParamBase = coercion.RuntimeParam
    del coercion.RuntimeParam
except ImportError:  # a Typer before 0.29: no such module, nothing to rename
    pass
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.__main__ import main
main()
"""


@pytest.mark.parametrize("args", [["--help"], ["rank", "--top", "3", "--json"], ["rank", "--top", "0"]])
def test_a_renamed_runtime_param_at_start_up_is_no_traceback(args, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    simulated = subprocess.run([sys.executable, "-c", SIMULATED, *args], capture_output=True, text=True, env=env)
    usual = subprocess.run([GAPCLI, *args], capture_output=True, text=True, env=env)
    assert "Traceback" not in simulated.stderr
    assert (simulated.returncode, simulated.stdout, simulated.stderr) == (usual.returncode, usual.stdout, usual.stderr)
