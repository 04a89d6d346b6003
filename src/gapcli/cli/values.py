"""Option values made Python values in gapcli's words, on any Typer, without pydantic where it can.

gapcli's parameters are of few kinds (text, whole numbers, years, paths, fixed choices, lists
of these), so ``adopt`` gives each of them a converter here; a kind not listed keeps Typer's
own coercion. tests/cli/test_values.py fails when a parameter has no converter.

The converter is put in place in one of two ways, decided once per run (``fast_path``):

- the fast path: Typer 0.29 coerces every value through a pydantic ``TypeAdapter``, and importing
  pydantic costs more than the rest of a ``gapcli rank --json`` run. Where Typer's internals are
  the ones this was written for (``RuntimeParam``, a parameter's ``_runtime_param``, checked by
  ``cli/typerhooks.py``), the converter replaces that coercion, for every parameter.
- otherwise (another Typer, or ``GAPCLI_TYPER_FAST=0``): the converter runs first, through
  Click's public ``Parameter.process_value``, and Typer's own coercion then gets a value already
  converted. Slower where that Typer imports pydantic; the same answers, in the same words.

Two rules for every option and argument, here rather than in each command: an option that
takes one value, given twice with different values, is a usage error (Click would keep the
last, so ``--year 2021 --year 2023`` would silently answer for 2023); an empty path is a usage
error (``Path("")`` is the current folder).
"""

from __future__ import annotations

import functools
import inspect
import os
import stat
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from typer import BadParameter
from typer.models import OptionInfo, ParameterInfo

from gapcli.cli import typerhooks
from gapcli.cli.clicks import click

Convert = Callable[[Any, Any, Any], Any]  # (value, param, ctx) -> the Python value; ValueError: rejected
Declared = Mapping[str, tuple[Any, ParameterInfo]]  # a parameter's name: its type and its typer.Option/Argument


def fast_path() -> bool:
    """Whether this run replaces Typer's coercion (bench/bench.py prints it)."""
    return _runtime_param_class() is not None


@functools.cache
def _runtime_param_class() -> Any:
    """A ``RuntimeParam`` that converts with a gapcli converter, or None where the hook must not be used.

    Typer 0.29.x: ``_TyperParameter.process_value`` coerces through ``get_runtime_param()``,
    which returns ``_runtime_param`` once set; ``RuntimeParam`` is a frozen dataclass of
    (parameter_info, annotation) whose one abstract method is ``_coerce_value(value, param, ctx)``.
    Anything else: None.
    """
    if not typerhooks.enabled():
        return None
    try:
        return _hook_class()
    except Exception:  # noqa: BLE001 - a check or a base that fails in any way: not the Typer the hook knows
        return None


def _hook_class() -> Any:
    runtime: Any = typerhooks.private("typer._coercion", "RuntimeParam")
    parameter: Any = typerhooks.private("typer.core", "_TyperParameter")
    kinds = [typerhooks.private("typer.core", name) for name in ("TyperOption", "TyperArgument")]
    known = (
        typerhooks.fields(runtime) == ("parameter_info", "annotation")
        and getattr(runtime, "__abstractmethods__", None) == frozenset({"_coerce_value"})
        and typerhooks.parameters(getattr(runtime, "_coerce_value", None)) == ("self", "value", "param", "ctx")
        and isinstance(parameter, type)
        and callable(getattr(runtime, "coerce", None))
        and {"get_runtime_param", "coerce"} <= typerhooks.names_used(vars(parameter).get("process_value"))
        and "_runtime_param" in typerhooks.names_used(vars(parameter).get("get_runtime_param"))
        and all(
            isinstance(kind, type)
            and issubclass(kind, parameter)
            and "_runtime_param" in typerhooks.names_used(vars(kind).get("__init__"))
            for kind in kinds
        )
    )
    if not known:
        return None

    class Converted(runtime):
        """``RuntimeParam`` with a gapcli converter, its fields set as a frozen dataclass sets them; a
        plain subclass (``dataclasses.make_dataclass`` compiled methods at every start-up: ~10 M instructions)."""

        def __init__(self, parameter_info: Any, annotation: Any, convert: Convert) -> None:
            object.__setattr__(self, "parameter_info", parameter_info)
            object.__setattr__(self, "annotation", annotation)
            object.__setattr__(self, "convert", convert)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, param, ctx)
            except ValueError as error:
                raise BadParameter(str(error), ctx=ctx, param=param) from None

    return Converted


def declared(signature: inspect.Signature) -> dict[str, tuple[Any, ParameterInfo]]:
    """Each parameter's type (``Optional`` taken off, as Typer does) and its ``typer.Option``/``Argument``."""
    found: dict[str, tuple[Any, ParameterInfo]] = {}
    for name, parameter in signature.parameters.items():
        annotation, info = parameter.annotation, parameter.default
        if get_origin(annotation) is Annotated:
            annotation, *extras = get_args(annotation)
            info = next((e for e in extras if isinstance(e, ParameterInfo)), info)
        if get_origin(annotation) in (Union, types.UnionType):
            kinds = [a for a in get_args(annotation) if a is not type(None)]
            annotation = kinds[0] if len(kinds) == 1 else annotation
        found[name] = (annotation, info if isinstance(info, ParameterInfo) else OptionInfo())
    return found


def adopt(command: Any, help_names: list[str], parameters: Declared) -> Any:
    """Give every parameter of ``command`` that ``parameters`` declares a converter it knows.

    The help option (``help_names``) is made now too: Click builds it on first use,
    out of ``params``, and caches it on the command.
    """
    help_option = command.get_help_option(click.Context(command, help_option_names=help_names))
    parameters = {help_option.name: (bool, OptionInfo()), **parameters}
    hook = _runtime_param_class()
    for param in [*command.params, help_option]:
        if _single_valued(param):
            param.add_to_parser = _once(param)
        if param.name not in parameters:
            continue
        annotation, info = parameters[param.name]
        convert = converter(annotation, info)
        if convert is None:
            continue
        param.gapcli_convert = convert
        if hook is not None:
            param._runtime_param = hook(info, annotation, convert)
        else:
            param.process_value = _converting_first(param, convert)
    return command


def _converting_first(param: Any, convert: Convert) -> Callable[[Any, Any], Any]:
    """``param.process_value`` that converts with gapcli's converter before Typer's own coercion."""
    process = param.process_value

    def process_value(ctx: Any, value: Any) -> Any:
        if value is not None and not ((param.multiple or param.nargs == -1) and isinstance(value, str)):
            try:
                value = convert(value, param, ctx)
            except ValueError as error:
                raise BadParameter(str(error), ctx=ctx, param=param) from None
        return process(ctx, value)

    return process_value


def _single_valued(param: Any) -> bool:
    return bool(
        getattr(param, "param_type_name", "") == "option"
        and not (param.multiple or param.count or param.is_flag)
        and param.nargs == 1
    )


def _once(param: Any) -> Callable[[Any, Any], None]:
    """``param.add_to_parser``, with a parser that refuses a second, different value."""
    add = type(param).add_to_parser

    def add_to_parser(parser: Any, ctx: Any) -> None:
        add(param, parser, ctx)
        found = {id(o): o for o in (parser._long_opt.get(n) or parser._short_opt.get(n) for n in param.opts) if o}
        for option in found.values():  # -y and --year are one parser option
            if option.obj is param:
                option.process = _refusing_repeats(option, option.process, param.opts[0], ctx)

    return add_to_parser


def _refusing_repeats(
    option: Any, process: Callable[[Any, Any], None], name: str, ctx: Any
) -> Callable[[Any, Any], None]:
    def refuse(value: Any, state: Any) -> None:
        earlier = state.opts.get(option.dest)
        if earlier is not None and not _same(option.obj, earlier, value, ctx):
            shown = " and ".join(repr(str(v)[:40]) for v in (earlier, value))
            raise click.exceptions.BadOptionUsage(
                name, f"{name} given twice with different values, {shown}; give it once", ctx
            )
        process(value, state)

    return refuse


def _same(param: Any, a: Any, b: Any, ctx: Any) -> bool:
    """The same value, once converted: ``--grade a --grade A`` asks for one grade."""
    if a == b:
        return True
    convert = getattr(param, "gapcli_convert", None)
    if convert is None:
        return False
    try:
        return bool(convert(a, param, ctx) == convert(b, param, ctx))
    except (ValueError, BadParameter):
        return False  # a value that does not convert is reported as such when it is processed


def converter(annotation: Any, info: ParameterInfo) -> Convert | None:
    """The converter for one parameter's type, or None where Typer's own must do."""
    if info.parser is not None:
        parse = info.parser
        return lambda value, _param, _ctx: parse(value)
    if get_origin(annotation) is list:
        each = converter(get_args(annotation)[0], info)
        return None if each is None else lambda value, p, c: [each(item, p, c) for item in value]
    if get_origin(annotation) is Literal:
        return _choice(get_args(annotation), info.case_sensitive)
    if annotation is str:
        return lambda value, _param, _ctx: str(value)
    if annotation is bool:
        return _flag
    if annotation is int and info.max is None and not info.clamp:  # a maximum or clamping: Typer's
        return _whole_number(info.min)
    if annotation is Path:
        return lambda value, _param, _ctx: _path(value, info)
    return None


def _path(value: Any, info: ParameterInfo) -> Path:
    """The path, checked as ``typer.Option(exists=..., dir_okay=...)`` asks, in Typer 0.29's words on every Typer."""
    if isinstance(value, str) and not value:
        raise ValueError("an empty path names no file or folder")
    path = Path(value)
    if info.file_okay and info.allow_dash and str(value) == "-":
        return path
    if info.resolve_path:
        path = Path(os.path.realpath(path))
    label = "path" if info.file_okay == info.dir_okay else "file" if info.file_okay else "dir"
    shown = repr(os.fsdecode(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        if info.exists:
            raise ValueError(f"{label} {shown} does not exist.") from None
        return path
    for refused, problem in (
        (not info.file_okay and stat.S_ISREG(mode), "is a file"),
        (not info.dir_okay and stat.S_ISDIR(mode), "is a directory"),
        (info.readable and not os.access(path, os.R_OK), "is not readable"),
        (info.writable and not os.access(path, os.W_OK), "is not writable"),
    ):
        if refused:
            raise ValueError(f"{label} {shown} {problem}.")
    return path


def _flag(value: Any, _param: Any, _ctx: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected a flag, got {value!r}")


def _choice(choices: tuple[str, ...], case_sensitive: bool) -> Convert:
    fold = (lambda text: text) if case_sensitive else str.casefold
    known = {fold(choice): choice for choice in choices}

    def convert(value: Any, _param: Any, _ctx: Any) -> str:
        found = known.get(fold(str(value)))
        if found is None:
            from gapcli.query.arguments import suggestion

            raise ValueError(
                f"expected one of {', '.join(choices)}; got {str(value)[:40]!r}{suggestion(value, choices)}"
            )
        return found

    return convert


def _whole_number(least: float | None) -> Convert:
    def convert(value: Any, _param: Any, _ctx: Any) -> int:
        text = str(value)
        if not (text.isascii() and text.lstrip("-").isdigit()):
            raise ValueError(f"expected a whole number, got {text[:20]!r}")
        number = int(text)
        if least is not None and number < least:
            raise ValueError(f"expected a number of at least {least:g}, got {text[:20]!r}")
        return number

    return convert
