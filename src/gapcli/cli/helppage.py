"""A command's help page, written here rather than by Typer: gh's layout, gapcli's words.

Typer's own help shows a parameter's Python type (``STATE <str>``, ``FILE... <list[str]>``)
and writes an optional argument's brackets around its metavar (``[[QUERY]]``); what it prints
changes from one Typer release to the next. This page is made from Click's public parts of a
command (its parameters' names, metavars, help and defaults) and a formatter, the same on every
Typer gapcli supports: the usage line, the help text, arguments, options, a group's commands,
and examples (``cli/examples.py``).

A help text may name a default only the data knows (``DEFAULT_EDITION``, "the latest edition with
a full framework"): the page adds the year (": 2021") from the run's catalog when it is printed,
so no other run pays for it (the root page names none and opens no catalog), and the text reads
whole where it is shown without it (a shell completion's description).
"""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

from gapcli.cli.arguments import DEFAULT_EDITION
from gapcli.cli.session import Session


def format_help(command: Any, ctx: Any, formatter: Any) -> None:
    """``command``'s help page into ``formatter`` (Click's ``Command.format_help``)."""
    from gapcli.cli.examples import EXAMPLES

    _fit(ctx, formatter)
    _write_usage(ctx.command_path, usage_pieces(command, ctx), formatter)
    command.format_help_text(ctx, formatter)
    records = [(p, help_record(p, ctx)) for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    for title, kind in (("Arguments", "argument"), ("Options", "option")):
        rows = [record for param, record in records if param.param_type_name == kind]
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows, col_max=_column(formatter))
    if hasattr(command, "format_commands"):
        command.format_commands(ctx, formatter)
    examples = EXAMPLES.get(_name(ctx), ())
    if examples:
        with formatter.section("Examples"):
            _write_examples(examples, formatter)


def usage_pieces(command: Any, ctx: Any) -> list[str]:
    """``[OPTIONS]`` and each argument: ``STATE``, ``[QUERY]``, ``FILE...``, ``[PATH...]``."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            name = argument_name(param)
            pieces.append(name if param.required else f"[{name}]")
    if hasattr(command, "format_commands"):
        pieces.append("COMMAND [ARGS]...")
    return pieces


def argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    return name if param.nargs == 1 or name.endswith("...") else f"{name}..."


def help_record(param: Any, ctx: Any) -> tuple[str, str]:
    """(``-y, --year YEAR``, its help and default) for an option, (``STATE``, its help) for an argument."""
    text = " ".join((param.help or "").split())
    if DEFAULT_EDITION in text:  # "the latest edition with a full framework: 2021"
        text = text.replace(DEFAULT_EDITION, f"{DEFAULT_EDITION}: {default_edition(ctx)}")
    if param.param_type_name == "argument":
        return argument_name(param), text
    names = ", ".join(sorted(param.opts, key=lambda name: len(name) - len(name.lstrip("-"))))  # -y, --year
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not (param.is_flag or param.count):
        names += f" {param.metavar or param.name.upper()}"
    default = param.default
    if param.show_default and default not in (None, False, (), []) and not param.is_flag and not callable(default):
        text += f" (default: {default})"
    return names, text


def default_edition(ctx: Any) -> int | str:
    """The edition questions across states answer for without --year; what the page says if no catalog opens."""
    from gapcli.errors import GapcliError

    session: Session | None = ctx.find_object(Session)
    try:
        if session is not None:
            return session.catalog.default_year()
        with Session() as own:
            return own.catalog.default_year()
    except (GapcliError, OSError):
        return "not known (the data did not open)"


def _name(ctx: Any) -> str:
    """The command's name as the registry writes it: "" for gapcli itself, "data export"."""
    return " ".join(ctx.command_path.split()[1:])


def _fit(ctx: Any, formatter: Any) -> None:
    """A terminal narrower than 52 columns gets a page that narrow (Click's floor is 50)."""
    if ctx.terminal_width is None:
        columns = shutil.get_terminal_size().columns
        formatter.width = max(min(columns, ctx.max_content_width or 80) - 2, 30)


def _column(formatter: Any) -> int:
    """The widest first column: Click's 30; on a narrow page every help goes under its option."""
    return 30 if formatter.width >= 60 else 2


def _write_usage(path: str, pieces: list[str], formatter: Any) -> None:
    """``Usage: gapcli rank [OPTIONS]``: on one line where it fits, else wrapped under its start, or
    on a page too narrow for that, under ``Usage: gapcli data validate``."""
    start, arguments = f"Usage: {path} ", " ".join(pieces)
    indent = len(start) if formatter.width - len(start) >= 16 else 4
    lines = textwrap.wrap(arguments, max(formatter.width - indent, 16), break_on_hyphens=False)
    if indent == len(start):
        lines[0] = start + lines[0]
    else:
        lines.insert(0, start.rstrip())
    formatter.write(f"\n{' ' * indent}".join(lines) + "\n")


def _write_examples(examples: tuple[tuple[str, str], ...], formatter: Any) -> None:
    indent = " " * formatter.current_indent
    width = max(formatter.width - formatter.current_indent - 2, 20)
    for index, (what, line) in enumerate(examples):
        if index:
            formatter.write("\n")
        for said in textwrap.wrap(what, width):
            formatter.write(f"{indent}# {said}\n")
        formatter.write(f"{indent}$ {line}\n")
