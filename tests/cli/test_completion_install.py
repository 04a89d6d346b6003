"""``gapcli --install-completion SHELL``: gapcli's own file where the shell reads it, one line in its
start-up file, nothing else touched; twice is once; a user's file is replaced only with --force;
all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gapcli.cli.shells import script

MINE = "# my own settings\nzstyle ':completion:*' menu no\nexport EDITOR=vi"  # no final newline


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("ZDOTDIR", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


def places(home: Path) -> dict[str, tuple[Path, Path | None]]:
    return {
        "bash": (home / ".local/share/bash-completion/completions/gapcli", home / ".bashrc"),
        "zsh": (home / ".zfunc/_gapcli", home / ".zshrc"),
        "fish": (home / ".config/fish/completions/gapcli.fish", None),
    }


def everything(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_writes_gapclis_file_and_appends_one_line(run, home, shell):
    file, startup = places(home)[shell]
    if startup is not None:
        startup.write_text(MINE)
    result = run("--install-completion", shell)
    assert result.exit_code == 0 and result.stderr == ""
    loaded = f", loaded by {startup}" if startup else ""
    assert result.stdout == f"{shell} completion installed: {file}{loaded}; it takes effect in a new shell\n"
    assert file.read_text() == script(shell)
    if startup is not None:
        rc = startup.read_text()
        assert rc.startswith(MINE + "\n")  # the user's lines as they were, the last one ended
        added = rc.removeprefix(MINE + "\n").splitlines()
        assert len(added) == 1 and added[0].endswith("# gapcli completion") and str(file) in added[0]
        assert "menu select" not in rc
    before = everything(home)
    again = run("--install-completion", shell)
    assert again.exit_code == 0 and again.stdout.startswith(f"{shell} completion is installed already: {file}")
    assert everything(home) == before


def test_zsh_follows_zdotdir_and_fish_xdg_config_home(run, home, tmp_path, monkeypatch):
    monkeypatch.setenv("ZDOTDIR", str(tmp_path / "zdot"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert run("--install-completion", "zsh").exit_code == 0
    assert run("--install-completion", "fish").exit_code == 0
    assert (tmp_path / "zdot" / ".zfunc" / "_gapcli").is_file() and (tmp_path / "zdot" / ".zshrc").is_file()
    assert (tmp_path / "config" / "fish" / "completions" / "gapcli.fish").is_file()
    assert everything(home) == {}


def test_a_relative_xdg_folder_is_ignored_as_the_spec_says(run, home, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert run("--install-completion", "fish").exit_code == 0
    assert places(home)["fish"][0].is_file()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_users_own_file_is_replaced_only_with_force(run, home, shell):
    file, _ = places(home)[shell]
    file.parent.mkdir(parents=True)
    file.write_text("# my own completion for gapcli\n")
    before = everything(home)
    refused = run("--install-completion", shell)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == f"gapcli: error: {file} exists and is not gapcli's; use --force to replace it\n"
    assert everything(home) == before  # refused before anything was written: the start-up file too
    forced = run("--install-completion", shell, "--force")
    assert forced.exit_code == 0 and file.read_text() == script(shell)


def test_an_older_gapclis_file_is_replaced_without_force(run, home):
    file, _ = places(home)["fish"]
    file.parent.mkdir(parents=True)
    file.write_text(script("fish").replace("__gapcli_complete", "__gapcli_old"))
    assert run("--install-completion", "fish").exit_code == 0 and file.read_text() == script("fish")


TYPERS_ZSH = """#compdef gapcli

_gapcli_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _GAPCLI_COMPLETE=complete_zsh gapcli)
}

compdef _gapcli_completion gapcli
"""  # what gapcli 0.x installed through Typer's install_zsh


def test_the_script_typer_installed_for_an_older_gapcli_is_replaced_without_force(run, home):
    file, startup = places(home)["zsh"]
    file.parent.mkdir(parents=True)
    file.write_text(TYPERS_ZSH)
    typers_lines = "fpath+=~/.zfunc; autoload -Uz compinit; compinit\n\nzstyle ':completion:*' menu select\n"
    startup.write_text(typers_lines)
    assert run("--install-completion", "zsh").exit_code == 0 and file.read_text() == script("zsh")
    assert startup.read_text().startswith(typers_lines)  # its lines are the user's now: left as they are


def test_a_users_file_that_mentions_typers_instruction_further_down_is_not_replaced(run, home):
    file, _ = places(home)["zsh"]
    file.parent.mkdir(parents=True)
    own = "#compdef gapcli\n# my own gapcli completion\n_arguments '*: :_files'\n\n\n\n" + TYPERS_ZSH
    file.write_text(own)
    result = run("--install-completion", "zsh")
    assert result.exit_code == 1 and "is not gapcli's; use --force" in result.stderr
    assert file.read_text() == own


def test_a_completion_file_linked_elsewhere_stays_a_link(run, home, tmp_path):
    file, _ = places(home)["fish"]
    dotfiles = tmp_path / "dotfiles" / "gapcli.fish"
    dotfiles.parent.mkdir()
    dotfiles.write_text(script("fish").replace("__gapcli_complete", "__gapcli_old"))
    file.parent.mkdir(parents=True)
    os.symlink(dotfiles, file)
    assert run("--install-completion", "fish").exit_code == 0
    assert file.is_symlink() and dotfiles.read_text() == script("fish")


def test_a_startup_file_that_cannot_be_written_leaves_nothing_behind(run, home, tmp_path):
    file, startup = places(home)["bash"]
    os.symlink(tmp_path / "no-such-folder" / "bashrc", startup)  # a dotfiles link to a folder that is gone
    result = run("--install-completion", "bash")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"gapcli: error: {startup}: cannot write: ")
    assert not file.exists()  # all or nothing: the completion file taken back out


def test_a_startup_file_linked_elsewhere_stays_a_link(run, home, tmp_path):
    dotfiles = tmp_path / "dotfiles" / "zshrc"
    dotfiles.parent.mkdir()
    dotfiles.write_text(MINE + "\n")
    os.symlink(dotfiles, home / ".zshrc")
    assert run("--install-completion", "zsh").exit_code == 0
    rc = dotfiles.read_text()
    assert (home / ".zshrc").is_symlink() and rc.startswith(MINE + "\n") and rc.count("# gapcli completion") == 1


def test_an_unknown_shell_is_a_usage_error(run, home):
    result = run("--install-completion", "tcsh")
    assert result.exit_code == 2 and "expected one of bash, zsh, fish; got 'tcsh'" in result.stderr
    assert everything(home) == {}


def test_no_command_is_still_help_or_a_usage_error(run):
    assert run().exit_code == 0 and "Commands" in run().stdout
    result = run("--")
    assert (result.exit_code, result.stderr) == (2, "gapcli: error: Missing command (see 'gapcli --help')\n")


@pytest.mark.parametrize(
    "args, said",
    [
        (["--force"], "--force goes with --install-completion only"),
        (["--force", "show", "ks"], "--force goes with --install-completion only"),
        (["--force", "--show-completion", "zsh"], "--force goes with --install-completion only"),
        (
            ["--show-completion", "bash", "--install-completion", "zsh"],
            "--show-completion and --install-completion exclude each other",
        ),
    ],
)
def test_completion_options_given_where_they_do_nothing_are_usage_errors(run, home, args, said):
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"gapcli: error: {said} (see 'gapcli --help')\n"
    assert everything(home) == {}
