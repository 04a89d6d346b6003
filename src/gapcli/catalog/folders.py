"""Where data lies: the bundled and user data folders, and what each folder holds.

Listing a folder is where a problem of the user's data is met first: a broken user file
or folder becomes a warning naming it (collected here, printed once by the command
line) and is skipped; a broken bundled file is a bug and raises. A symbolic link in the
user folder that leads outside it (to a file that may be private, which the parse cache
would copy) is skipped with a warning too; links within it, and the user folder itself
being a link, are fine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from gapcli.errors import DataError


def bundled_data_dir() -> Path:
    """``gapcli/data`` inside an installed wheel, ``data/`` beside ``src`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if (candidate / "frameworks").is_dir():
            return candidate
    raise DataError(str(here / "data"), "bundled data is missing; reinstall gapcli")


def user_data_dir() -> Path:
    if _XDG:
        return _xdg("XDG_DATA_HOME", ".local/share")
    from platformdirs import user_data_dir as platform_dir

    return Path(platform_dir("gapcli", appauthor=False))


def user_cache_dir() -> Path:
    if _XDG:
        return _xdg("XDG_CACHE_HOME", ".cache")
    from platformdirs import user_cache_dir as platform_dir

    return Path(platform_dir("gapcli", appauthor=False))


# Where platformdirs follows the XDG base directories (Linux and the BSDs: not macOS, Windows or
# Android), its answer is computed here, as it does: importing it cost 16 M instructions at every start
_XDG = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and not hasattr(sys, "getandroidapilevel")


def _xdg(variable: str, default: str) -> Path:
    """``$VARIABLE/gapcli`` where that is an absolute path, else ``~/DEFAULT/gapcli`` with a HOME that
    is not absolute taken as unset (platformdirs' _xdg.xdg_dir and expand_user)."""
    base = os.environ.get(variable, "")
    if not base.startswith("/"):
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        base = os.path.join(home, default)
    return Path(base) / "gapcli"


class Root(NamedTuple):
    path: Path
    origin: str  # "bundled" or "user"


class Folders:
    """The data roots (bundled first, then the user's), the warnings met reading them, and their listings."""

    def __init__(self, roots: list[Root], on_warning: Callable[[str], None] | None = None):
        self.roots = roots
        self.warnings: list[str] = []
        self.on_warning = on_warning  # told each warning as it is met (the library's warnings.warn)
        self._folders_inside: dict[Path, bool] = {}  # user folders, by whether they lie inside the user folder
        self._real_user: str | None = None  # the user folder, links resolved

    @property
    def bundled(self) -> Root:
        return next(root for root in self.roots if root.origin == "bundled")

    def fail(self, root: Root, error: DataError) -> None:
        if root.origin == "bundled":
            raise error
        self.warn(f"{error} (skipped)")

    def warn(self, warning: str) -> None:
        """Keep a warning about the user's data, each once (a folder listed twice in one run is warned of once)."""
        if warning not in self.warnings:
            self.warnings.append(warning)
            if self.on_warning is not None:
                self.on_warning(warning)

    def toml_files(self, root: Root, folder: Path) -> list[Path]:
        return [folder / name for name in self.toml_names(root, folder)]

    def toml_names(self, root: Root, folder: Path) -> list[str]:
        try:
            entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".toml")]
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            self.fail(root, DataError(str(folder), "is a file where a folder should be"))
            return []
        except OSError as error:
            self.fail(root, DataError(str(folder), f"cannot read directory: {error.strerror or error}"))
            return []
        if root.origin == "user" and self._folder_outside(root, folder):
            return []
        return sorted(
            entry.name
            for entry in entries
            if not (root.origin == "user" and entry.is_symlink() and self._link_outside(root, Path(entry.path)))
        )

    def leads_outside(self, root: Root, path: Path) -> bool:
        """Whether a user file is, or lies in, a link to somewhere outside the user folder (warned of)."""
        if root.origin != "user":
            return False
        return self._folder_outside(root, path.parent) or (path.is_symlink() and self._link_outside(root, path))

    def _outside(self, root: Root, path: Path) -> str | None:
        """Where ``path`` leads, links resolved, if that is not inside the user folder; else None."""
        if self._real_user is None:
            self._real_user = os.path.realpath(root.path).rstrip(os.sep) + os.sep
        target = os.path.realpath(path)
        return None if (target + os.sep).startswith(self._real_user) else target

    def _folder_outside(self, root: Root, folder: Path) -> bool:
        if folder not in self._folders_inside:
            target = self._outside(root, folder)
            self._folders_inside[folder] = target is None
            if target is not None:
                self.fail(root, DataError(str(folder), f"links to {target}, outside the user data folder"))
        return not self._folders_inside[folder]

    def _link_outside(self, root: Root, path: Path) -> bool:
        target = self._outside(root, path)
        if target is not None:
            self.fail(root, DataError(str(path), f"links to {target}, outside the user data folder"))
        return target is not None
