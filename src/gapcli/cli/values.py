"""Option values made Python values in gapcli's words, without pydantic.

Typer 0.29 coerces every non-flag parameter through a pydantic ``TypeAdapter``, and
importing pydantic costs more than the rest of a ``gapcli rank --json`` run. gapcli's
parameters are of few kinds (text, whole numbers, years, paths, fixed choices, lists of
these), so ``adopt`` gives each of them a converter here; a kind not listed keeps Typer's
own coercion. tests/cli/test_values.py fails when a parameter is left to pydantic. The hook
(``RuntimeParam``, a parameter's ``_runtime_param``) is Typer 0.29's: pyproject.toml pins it.

Two rules for every option and argument, here rather than in each command: an option that
takes one value, given twice with different values, is a usage error (Click would keep the
last, so ``--year 2021 --year 2023`` would silently answer for 2023); an empty path is a usage
error (``Path("")`` is the current folder).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from typer import BadParameter
from typer._coercion import RuntimeParam
from typer._param_types import coerce_cli_path
from typer.models import ParameterInfo

from gapcli.cli.clicks import click

Convert = Callable[[Any, Any, Any], Any]  # (value, param, ctx) -> the Python value; ValueError: rejected


@dataclass(frozen=True)
class _Converted(RuntimeParam):
    convert: Convert

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.convert(value, param, ctx)
        except ValueError as error:
            raise BadParameter(str(error), ctx=ctx, param=param) from None


def adopt(command: Any, help_names: list[str]) -> Any:
    """Give every parameter of ``command`` and of its subcommands a converter it knows.

    The help option (``help_names``) is made now too: Click builds it on first use,
    out of ``params``, and caches it on the command.
    """
    help_option = command.get_help_option(click.Context(command, help_option_names=help_names))
    for param in [*command.params, help_option]:
        if _single_valued(param):
            param.add_to_parser = _once(param)
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", True) is not None:
            continue
        convert = converter(descriptor.annotation, descriptor.parameter_info)
        if convert is not None:
            param._runtime_param = _Converted(descriptor.parameter_info, descriptor.annotation, convert)
    for sub in getattr(command, "commands", {}).values():
        adopt(sub, help_names)
    return command


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
    runtime = getattr(param, "_runtime_param", None)
    if not isinstance(runtime, _Converted):
        return False
    try:
        return bool(runtime.convert(a, param, ctx) == runtime.convert(b, param, ctx))
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
        return lambda value, param, ctx: coerce_cli_path(_path(value), info, path_type=Path, param=param, ctx=ctx)
    return None


def _path(value: Any) -> Path:
    if isinstance(value, str) and not value:
        raise ValueError("an empty path names no file or folder")
    return Path(value)


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
