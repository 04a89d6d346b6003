"""How bash, zsh and fish ask gapcli for completions, and how each is answered.

The scripts are gapcli's own (``--show-completion SHELL`` prints one, ``cli/install.py``
installs it). Each passes the command line up to the cursor (``_GAPCLI_COMPLETE_LINE``) and
reads back one completion a line, never evaluating what it reads: a description keeps its
apostrophes and quotes, and nothing in it can run. The zsh script is the completion function
itself when zsh autoloads it, so the first Tab of a new shell completes too.

The answers come from Click's public ``shell_completion`` API: ``ShellComplete.get_completions``
resolves the line as a run would parse it and asks the parameter (``cli/complete.py``) or the
command being completed. A Click without that API, or any error, is an empty answer (the shell
then offers file names), never a traceback in the middle of a command line.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, Literal

from gapcli.safe import clean

PROG, COMPLETE_VAR = "gapcli", "_GAPCLI_COMPLETE"
LINE_VAR = "_GAPCLI_COMPLETE_LINE"
SHELLS = ("bash", "zsh", "fish")
if TYPE_CHECKING:
    ShellName = str
else:  # the choices Typer checks
    ShellName = Literal[SHELLS]
HEADER = "# gapcli completion for {shell}: written by `gapcli --show-completion {shell}`"

# bash splits COMP_WORDS at COMP_WORDBREAKS (`ct@20` is `ct`, `@`, `20`); the line up to the
# cursor is whole, and COMP_WORDBREAKS says which part of the word readline replaces
_BASH = """\
_gapcli_completion() {
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        COMPREPLY+=("$line")
    done < <(env _GAPCLI_COMPLETE=bash _GAPCLI_COMPLETE_LINE="${COMP_LINE:0:COMP_POINT}" \\
        COMP_WORDBREAKS="$COMP_WORDBREAKS" gapcli)
    return 0
}
complete -o default -F _gapcli_completion gapcli
"""

# autoloaded from $fpath, the file is the completion function (it completes the first Tab);
# sourced or eval'ed, it defines the function and registers it with compdef
_ZSH = """\
#compdef gapcli
_gapcli_completion() {
    local -a found
    found=("${(@f)$(env _GAPCLI_COMPLETE=zsh _GAPCLI_COMPLETE_LINE="${words[1,CURRENT]}" gapcli)}")
    found=(${found:#})
    if (( $#found )); then
        _describe -V gapcli found
    else
        _files
    fi
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _gapcli_completion "$@"
else
    compdef _gapcli_completion gapcli
fi
"""

_FISH = """\
function __gapcli_complete
    set -l line (commandline -cp | string collect)
    set -l found (env _GAPCLI_COMPLETE=fish _GAPCLI_COMPLETE_LINE="$line" gapcli)
    if set -q found[1]
        printf '%s\\n' $found
    else
        __fish_complete_path (commandline -ct)
    end
end
complete --command gapcli --no-files --arguments '(__gapcli_complete)'
"""

_SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def script(shell: str) -> str:
    """The completion script for ``shell``, headed by the line that marks a file as gapcli's."""
    if shell == "zsh":  # '#compdef' must stay the first line
        first, _, rest = _ZSH.partition("\n")
        return f"{first}\n{HEADER.format(shell=shell)}\n{rest}"
    return f"{HEADER.format(shell=shell)}\n{_SCRIPTS[shell]}"


def answer(command: Any, shell: str, obj: Any = None) -> int:
    """Print the completions of ``_GAPCLI_COMPLETE_LINE`` for ``shell``; always exit 0.

    An instruction gapcli does not know is a script of an older gapcli (or Typer's, whose
    instructions name the shell: ``source_bash``, ``complete_zsh``): a note on stderr says how
    to replace it, for that shell where the instruction names one.
    """
    if shell not in _SCRIPTS:
        from gapcli.streams import tell

        named = shell.rpartition("_")[2]
        which = named if named in SHELLS else "SHELL (bash, zsh or fish)"
        tell(f"gapcli: note: this completion script is out of date; run: gapcli --install-completion {which}")
        return 0
    try:
        lines = _completions(command, shell, os.environ.get(LINE_VAR, ""), obj)
    except Exception:
        if os.environ.get("GAPCLI_DEBUG"):
            raise
        return 0
    if lines:
        print("\n".join(lines))
    return 0


def _completions(command: Any, shell: str, line: str, obj: Any) -> list[str]:
    """One line per completion, in the form ``shell``'s script reads."""
    from gapcli.cli.clicks import click

    api = importlib.import_module(f"{click.__name__}.shell_completion")
    words = api.split_arg_string(line)
    args = words[1:]
    incomplete = args.pop() if args and not line[-1:].isspace() else ""

    class Asked(api.ShellComplete):  # type: ignore[name-defined]
        name, source_template = shell, ""

        def source_vars(self) -> dict[str, Any]:
            return {}

        def get_completion_args(self) -> tuple[list[str], str]:
            return args, incomplete

        def format_completion(self, item: Any) -> str:
            return str(item.value)

    items = Asked(command, {"obj": obj}, PROG, COMPLETE_VAR).get_completions(list(args), incomplete)
    found = [(_one_line(item.value), _one_line(item.help or "")) for item in items if item.type == "plain"]
    if shell == "bash":
        cut = _replaced_from(incomplete, os.environ.get("COMP_WORDBREAKS", ""))
        return [value[cut:] for value, _ in found if len(value) >= cut]
    if shell == "zsh":  # _describe's "value:description", a colon in the value escaped
        return [value.replace("\\", "\\\\").replace(":", "\\:") + (f":{text}" if text else "") for value, text in found]
    return [f"{value}\t{text}" if text else value for value, text in found]


def _one_line(text: object) -> str:
    """Whitespace runs as one space, escapes for what a terminal would act on (``gapcli.safe``)."""
    return clean(" ".join(str(text).split()))


def _replaced_from(incomplete: str, breaks: str) -> int:
    """Where the part of ``incomplete`` that readline replaces begins: after its last word-break
    character (``=`` in ``--year=20``, for which Click completes the value alone), or at it for
    ``@`` and ``$``, which readline keeps in the word (bash's ``rl_special_prefixes``)."""
    if incomplete.startswith("-") and "=" in incomplete:
        incomplete = incomplete.partition("=")[2]
    marks = set(breaks) - set(" \t\n\"'")
    return max((at + (char not in "@$") for at, char in enumerate(incomplete) if char in marks), default=0)
