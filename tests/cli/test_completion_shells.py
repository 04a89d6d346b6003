"""Completion in the real shells: bash, zsh and fish, each started fresh in a terminal (tmux).

Each test makes a private HOME (and XDG folders, ZDOTDIR), installs gapcli's completion the
documented way (``gapcli --install-completion SHELL``), starts the shell, types a partial
command, presses Tab and reads what the shell shows. None skips: a missing shell or tmux is a
failure (``.ci/run`` installs them). Waits are for the screen, with a deadline.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.terminal import Terminal, environment
from conftest import GAPCLI

PROMPT = "$ "


def install(shell: str, env: dict[str, str]) -> str:
    out = subprocess.run([GAPCLI, "--install-completion", shell], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return out.stdout


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.close()


def start(terminals: list[Terminal], command: list[str], env: dict[str, str]) -> Terminal:
    terminal = Terminal(command, env)
    terminals.append(terminal)
    terminal.ready()
    return terminal


def tab(terminal: Terminal, typed: str, shown, what: str, tabs: int = 1) -> str:
    """Type ``typed``, press Tab (``tabs`` times), wait for ``shown(screen)``; then clear the line."""
    terminal.type(typed)
    for _ in range(tabs):
        terminal.press("Tab")
    screen = terminal.wait(shown, what)
    terminal.clear()
    return screen


def line(text: str):
    return lambda screen: text in screen.splitlines()


def test_bash(tmp_path, terminals):
    home = tmp_path / "home"
    home.mkdir()
    mine = "PS1='$ '\n# a user's own settings stay as they are\n"
    (home / ".bashrc").write_text(mine)
    env = environment(home, GAPCLI)
    said = install("bash", env)
    script = home / ".local" / "share" / "bash-completion" / "completions" / "gapcli"
    assert f"bash completion installed: {script}" in said
    rc = (home / ".bashrc").read_text()
    assert rc.startswith(mine) and len(rc.splitlines()) == len(mine.splitlines()) + 1
    bash = start(terminals, ["bash", "-i"], env)
    tab(bash, "gapcli sh", line(f"{PROMPT}gapcli show"), "the first Tab completing 'show'")
    tab(bash, "gapcli show ct@201", line(f"{PROMPT}gapcli show ct@2015"), "STATE@YEAR completed in bash")
    tab(bash, "gapcli show ct@20", line("@2015  @2021  @2023  @2025"), "Connecticut's editions after '@'", tabs=2)
    tab(bash, "gapcli show ct --year 20", line("2015  2021  2023  2025"), "Connecticut's editions", tabs=2)


def test_zsh_with_zdotdir(tmp_path, terminals):
    home, zdotdir = tmp_path / "home", tmp_path / "zsh-config"
    home.mkdir()
    zdotdir.mkdir()
    mine = f"PS1='{PROMPT}'\n"
    (zdotdir / ".zshrc").write_text(mine)
    env = environment(home, GAPCLI, ZDOTDIR=str(zdotdir))
    assert f"zsh completion installed: {zdotdir / '.zfunc' / '_gapcli'}" in install("zsh", env)
    rc = (zdotdir / ".zshrc").read_text()
    assert rc.startswith(mine) and len(rc.splitlines()) == 2 and "zstyle" not in rc
    assert not list(home.iterdir())  # nothing written outside ZDOTDIR
    zsh = start(terminals, ["zsh", "-i"], env)
    tab(zsh, "gapcli sh", line(f"{PROMPT}gapcli show"), "the first Tab of a new zsh completing 'show'")
    screen = tab(zsh, "gapcli d", line("data  -- Where gapcli's data lives; check it;..."), "descriptions")
    assert any(row.startswith("diff  -- Two cards side by side: ") for row in screen.splitlines())
    tab(zsh, "gapcli show ct --year 20", line("2015  2021  2023  2025"), "Connecticut's editions")
    tab(zsh, "gapcli show ct@20", line("ct@2015  ct@2021  ct@2023  ct@2025"), "Connecticut's editions after '@'")
    (home / "cards.txt").write_text("")
    tab(zsh, "gapcli import car", line(f"{PROMPT}gapcli import cards.txt"), "file names where gapcli offers nothing")


def test_zsh_autoloading_the_script_from_fpath(tmp_path, terminals):
    """The other documented way: the script saved into a folder of $fpath, loaded on the first Tab."""
    home = tmp_path / "home"
    functions = home / "functions"
    functions.mkdir(parents=True)
    env = environment(home, GAPCLI)
    shown = subprocess.run([GAPCLI, "--show-completion", "zsh"], env=env, capture_output=True, text=True, timeout=60)
    (functions / "_gapcli").write_text(shown.stdout)
    (home / ".zshrc").write_text(f"fpath=({functions} $fpath)\nautoload -Uz compinit && compinit\nPS1='{PROMPT}'\n")
    zsh = start(terminals, ["zsh", "-i"], env)
    tab(zsh, "gapcli show conn", line(f"{PROMPT}gapcli show connecticut"), "the first Tab of a new zsh")


def test_fish_with_xdg_config_home(tmp_path, terminals):
    home, config = tmp_path / "home", tmp_path / "config-elsewhere"
    (home / ".local" / "share" / "fish" / "generated_completions").mkdir(parents=True)  # no man-page scan at start
    (config / "fish").mkdir(parents=True)
    (config / "fish" / "config.fish").write_text(
        f"set -g fish_greeting\nfunction fish_prompt; echo -n '{PROMPT}'; end\n"
    )
    env = environment(home, GAPCLI, XDG_CONFIG_HOME=str(config))
    script = config / "fish" / "completions" / "gapcli.fish"
    assert install("fish", env).startswith(f"fish completion installed: {script};")
    assert not (home / ".config").exists()
    fish = start(terminals, ["fish", "-i"], env)
    tab(fish, "gapcli show conn", line(f"{PROMPT}gapcli show connecticut"), "the first Tab completing a state")
    screen = tab(fish, "gapcli d", lambda s: "(Where gapcli's data lives; check it;...)" in s, "descriptions")
    assert "(Two cards side by side: two states in one...)" in screen
    tab(fish, "gapcli show ct --year ", line("2015  2021  2023  2025"), "Connecticut's editions")
    tab(fish, "gapcli show ct@", line("ct@2015  ct@2021  ct@2023  ct@2025"), "Connecticut's editions after '@'")
    (home / "cards.txt").write_text("")
    tab(fish, "gapcli import car", line(f"{PROMPT}gapcli import cards.txt"), "file names where gapcli offers nothing")


def test_terminal_reads_what_is_on_screen(tmp_path, terminals):
    """The harness itself: a screen that never comes is a failure with the screen shown, not a hang."""
    terminal = start(terminals, ["bash", "--norc", "-i"], environment(Path(tmp_path), GAPCLI, PS1=PROMPT))
    terminal.type("echo one two")
    terminal.press("Enter")
    assert "one two" in terminal.wait(line("one two"), "the echo").splitlines()
    import cli.terminal

    before, cli.terminal.DEADLINE = cli.terminal.DEADLINE, 0.2
    try:
        with pytest.raises(AssertionError, match="never showed something else"):
            terminal.wait(line("three"), "something else")
    finally:
        cli.terminal.DEADLINE = before
