"""``gapcli --install-completion SHELL``: gapcli's completion file where the shell reads it.

- bash: ``$XDG_DATA_HOME/bash-completion/completions/gapcli`` (bash-completion loads it on
  demand there), and one line in ``~/.bashrc`` that sources it, for a bash without bash-completion.
- zsh: ``$ZDOTDIR/.zfunc/_gapcli`` (``$ZDOTDIR`` defaults to ``~``), and one line in
  ``$ZDOTDIR/.zshrc`` that starts zsh's completion system if nothing did yet (``compinit``) and
  sources the file. No ``zstyle``: how menus look is the user's choice.
- fish: ``$XDG_CONFIG_HOME/fish/completions/gapcli.fish``; fish loads it itself.

Nothing else is touched: the start-up file gets its line appended where it is not there yet,
and no other line of it changes; the completion file is replaced only where it is gapcli's
(its header says so) or with ``--force``. Every refusal comes before any write; a start-up
file that cannot be appended to takes the new completion file back out (all or nothing).
Installing twice changes nothing.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import NamedTuple

from gapcli.cli.shells import COMPLETE_VAR, HEADER, script
from gapcli.errors import DataError, RefusedWrite

MARK = "# gapcli completion"


class Place(NamedTuple):
    """Where ``shell`` reads gapcli's completion: the file, and the start-up file that loads it (or None)."""

    file: Path
    startup: Path | None
    line: str | None


def place(shell: str) -> Place:
    if shell == "fish":
        return Place(_base("XDG_CONFIG_HOME", ".config") / "fish" / "completions" / "gapcli.fish", None, None)
    if shell == "bash":
        file = _base("XDG_DATA_HOME", ".local/share") / "bash-completion" / "completions" / "gapcli"
        quoted = shlex.quote(str(file))
        return Place(file, Path.home() / ".bashrc", f"[ -f {quoted} ] && . {quoted}  {MARK}")
    zdotdir = os.environ.get("ZDOTDIR", "")
    home = Path(zdotdir) if zdotdir.startswith("/") else Path.home()
    file = home / ".zfunc" / "_gapcli"
    quoted = shlex.quote(str(file))
    start = "autoload -Uz compinit; (( ${+functions[compdef]} )) || compinit -i"
    return Place(file, home / ".zshrc", f"[[ -f {quoted} ]] && {{ {start}; . {quoted}; }}  {MARK}")


def install(shell: str, force: bool = False) -> str:
    """Install ``shell``'s completion; what was done, in one line."""
    where = place(shell)
    text = script(shell)
    old = _read(where.file)
    if old is not None and old != text and not force and not _ours(old, shell):
        raise RefusedWrite(f"{_shown(where.file)} exists and is not gapcli's; use --force to replace it")
    startup = _read(where.startup) if where.startup is not None else None
    add_line = where.line is not None and where.line not in (startup or "").splitlines()
    loaded = f", loaded by {_shown(where.startup)}" if where.startup is not None else ""
    if old == text and not add_line:
        return f"{shell} completion is installed already: {_shown(where.file)}{loaded}"
    if old != text:
        _write(where.file, text)
    if add_line:
        assert where.startup is not None and where.line is not None
        try:
            _append(where.startup, startup or "", where.line)
        except DataError:
            if old != text:  # all or nothing: the completion file as it was
                _restore(where.file, old)
            raise
    return f"{shell} completion installed: {_shown(where.file)}{loaded}; it takes effect in a new shell"


def _base(variable: str, default: str) -> Path:
    """An XDG base folder: ``$VARIABLE`` where it is an absolute path, else ``~/DEFAULT``."""
    value = os.environ.get(variable, "")
    return Path(value) if value.startswith("/") else Path.home() / default


def _ours(text: str, shell: str) -> bool:
    """Written by gapcli: headed as ``shell.script`` heads it, or by an older gapcli through Typer,
    whose scripts (a few lines) call gapcli with ``_GAPCLI_COMPLETE=complete_SHELL`` in the first six.
    A longer file, or one that says so further down, is the user's own (it may only source Typer's)."""
    lines = text.splitlines()
    if HEADER.format(shell=shell) in lines[:2]:
        return True
    return len(lines) <= _TYPERS_LINES and f"{COMPLETE_VAR}=complete_{shell}" in "\n".join(lines[:6])


_TYPERS_LINES = 10  # Typer's bash script, the longest: 9 lines after a blank one


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DataError(_shown(path), f"cannot read: {error.strerror or error}") from None


def _write(path: Path, text: str) -> None:
    from gapcli.files import output
    from gapcli.files.atomic import make_folder

    make_folder(path.parent)
    output.write(output.resolve(path, force=True, stream_ok=False), [text])


def _restore(path: Path, old: str | None) -> None:
    try:
        if old is None:
            path.unlink()
        else:
            _write(path, old)
    except (OSError, DataError):
        pass  # the error that made this necessary is the one to report


def _append(path: Path, text: str, line: str) -> None:
    """``line`` at the end of ``path`` in one write; nothing before it changes (a link stays a link)."""
    from gapcli.files.atomic import make_folder

    make_folder(path.parent)
    before = "\n" if text and not text.endswith("\n") else ""
    try:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(f"{before}{line}\n")
    except OSError as error:
        raise DataError(_shown(path), f"cannot write: {error.strerror or error}") from None


def _shown(path: Path | None) -> str:
    from gapcli.safe import clean

    return clean(str(path))
