"""Links in the user data folder: a link leading outside it is skipped with a warning.

Otherwise a private file elsewhere (a 0600 token) would be read, and copied into the
parse cache. Tests run as root, who can read any file, so the test cannot rely on the
token being unreadable: it checks that gapcli does not read it.
"""

import json
import os
import subprocess

import pytest

from conftest import GAPCLI
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.model import Card

pytestmark = pytest.mark.timeout(60)

TOKEN = "TOKEN-4f9c2a1e"


def private_card(tmp_path):
    """A valid Vermont card outside the user folder, 0600, with a secret in it."""
    secret = tmp_path / "elsewhere" / "secret.toml"
    secret.parent.mkdir()
    card = Card("Vermont", "VT", 2021, grade="F", links={"state_page": f"https://example.org/{TOKEN}"})
    secret.write_text(card_to_toml(card), "utf-8")
    secret.chmod(0o600)
    return secret


def cache_bytes(isolated_dirs):
    return b"".join(p.read_bytes() for p in (isolated_dirs / "xdg-cache").rglob("*") if p.is_file())


@pytest.mark.parametrize("args", [["rank", "--json"], ["show", "vt", "--year", "2021", "--json"], ["data", "export"]])
def test_a_link_to_a_private_file_outside_is_skipped(run, user_dir, tmp_path, isolated_dirs, args):
    secret = private_card(tmp_path)
    link = user_dir / "cards" / "2021" / "vermont.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    result = run(*args)
    assert result.exit_code == 0 and TOKEN not in result.stdout
    assert result.stderr == (f"gapcli: warning: {link}: links to {secret}, outside the user data folder (skipped)\n")
    assert TOKEN.encode() not in cache_bytes(isolated_dirs)


def test_a_linked_folder_outside_is_skipped(run, user_dir, tmp_path, isolated_dirs):
    secret = private_card(tmp_path)
    (secret.parent / "vermont.toml").symlink_to(secret.name)  # a card file inside the linked folder
    (user_dir / "cards").mkdir(parents=True)
    (user_dir / "cards" / "2021").symlink_to(secret.parent)
    result = run("rank", "--json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) > 0
    assert result.stderr == (
        f"gapcli: warning: {user_dir}/cards/2021: links to {secret.parent}, outside the user data folder (skipped)\n"
    )
    assert TOKEN.encode() not in cache_bytes(isolated_dirs)


def test_links_inside_the_folder_and_a_linked_user_folder_are_fine(tmp_path):
    """A dotfiles-style setup: the user folder is itself a link, and a card links to a sibling."""
    real = tmp_path / "dotfiles" / "gapcli"
    folder = real / "cards" / "2021"
    folder.mkdir(parents=True)
    (real / "keep.toml").write_text(card_to_toml(Card("Vermont", "VT", 2021, grade="F", score=30)), "utf-8")
    (folder / "vermont.toml").symlink_to(real / "keep.toml")
    data_home = tmp_path / "xdg-data"
    data_home.mkdir(exist_ok=True)
    (data_home / "gapcli").symlink_to(real)
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_CACHE_HOME": str(tmp_path / "c")}
    done = subprocess.run(
        [GAPCLI, "show", "vt", "--year", "2021", "--json"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["score"] == 30
