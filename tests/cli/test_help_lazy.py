"""`gapcli --help` lists every command without building one, and lists them as built commands would."""

import pytest
import typer.main

from gapcli.cli.app import app
from gapcli.cli.clicks import click


def help_of(group, width: int) -> str:
    return group.get_help(click.Context(group, info_name="gapcli", terminal_width=width, max_content_width=width))


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_root_help_builds_no_command_and_reads_as_the_built_ones_would(width):
    lazy = typer.main.get_command(app)
    listed = help_of(lazy, width)
    assert [name for name in lazy.commands._built if name != "data"] == []  # data: a group, cheap to build
    built = typer.main.get_command(app)
    for name in list(built.commands):
        built.commands[name]
    assert listed == help_of(built, width)
    assert "show " in listed and "import " in listed


def test_a_group_s_help_builds_none_of_its_commands():
    from gapcli.cli.app import build_command

    lazy = build_command("data")
    listed = help_of(lazy, 80)
    assert lazy.commands._built == {}
    built = build_command("data")
    for name in list(built.commands):
        built.commands[name]
    assert listed == help_of(built, 80) and "export" in listed
