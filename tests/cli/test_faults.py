"""File-system and environment faults: no hang, no traceback, no internal error, nothing left behind."""

import json
import os
import stat
import subprocess

import pytest

from conftest import GAPCLI
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.model import Card

pytestmark = pytest.mark.timeout(30)


def user_card(user_dir, year, slug):
    path = user_dir / "cards" / str(year) / f"{slug}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def device(major, minor):
    """A character device node of the test's own (tests run as root): /dev/zero is 1,5, /dev/urandom 1,9."""
    return lambda p: os.mknod(p, stat.S_IFCHR | 0o600, os.makedev(major, minor))


@pytest.mark.parametrize(
    "make",
    [lambda p: os.mkfifo(p), device(1, 5), device(1, 9), lambda p: p.symlink_to("/dev/zero")],
    ids=["fifo", "dev-zero", "dev-urandom", "link-to-dev-zero"],
)
@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--json"],
        ["stats", "--json"],
        ["states", "--json"],
        ["data", "export"],
        ["show", "vt", "--year", "2021", "--json"],
        ["history", "vt", "--json"],
        ["data", "validate"],
    ],
)
def test_a_card_that_is_not_a_regular_file_is_skipped_with_a_warning(run, user_dir, make, args):
    path = user_card(user_dir, 2021, "vermont")
    make(path)
    result = run(*args)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    if args[:2] == ["data", "validate"]:
        assert result.exit_code == 1 and "not a regular file" in result.stdout
    elif path.is_symlink():  # a link out of the user folder is not followed at all
        assert result.exit_code == 0 and f"{path}: links to /dev/zero, outside the user data folder" in result.stderr
    else:
        assert result.exit_code == 0 and f"{path}: is not a regular file" in result.stderr


def test_a_framework_that_is_a_fifo_is_skipped(run, user_dir):
    framework = user_dir / "frameworks" / "2024.toml"
    framework.parent.mkdir(parents=True)
    os.mkfifo(framework)
    assert run("show", "ct", "--json").exit_code == 0  # never read: show needs no 2024 framework
    result = run("history", "ct", "--json")  # every edition: the FIFO is met, skipped, named
    assert result.exit_code == 0 and "2024.toml: is not a regular file" in result.stderr


def test_a_huge_file_that_reports_size_zero_is_read_no_further_than_the_limit(run, tmp_path):
    link = tmp_path / "card.txt"
    link.symlink_to("/dev/zero")
    result = run("import", str(link))
    assert result.exit_code == 1 and "not a regular file" in result.stderr


def test_an_unreadable_year_folder_leaves_every_state_working(run, user_dir):
    """A path no user can open as a folder (a file in its place: ENOTDIR), so the test can fail as root too."""
    folder = user_dir / "cards" / "2023"
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the year folder should be")
    for args in (
        ["show", "fl"],
        ["history", "tn"],
        ["diff", "ct", "fl"],
        ["gaps", "--state", "ct"],
        ["rank", "--year", "2023"],
    ):
        result = run(*args, "--json")
        assert result.exit_code == 0, (args, result.stderr)
        assert "internal error" not in result.stderr


def test_a_permission_denied_folder_is_a_warning(run, user_dir, monkeypatch):
    """Root reads any folder, so the fault is injected where the OS would raise it."""
    import gapcli.catalog.catalog as catalog_module

    real = catalog_module.os.scandir

    def denied(path):
        if str(path).endswith(os.path.join("cards", "2021")) and str(user_dir) in str(path):
            raise PermissionError(13, "Permission denied")
        return real(path)

    user_card(user_dir, 2021, "vermont").write_text(card_to_toml(Card("Vermont", "VT", 2021, grade="F")))
    monkeypatch.setattr(catalog_module.os, "scandir", denied)
    result = run("rank", "--json")
    assert result.exit_code == 0 and "cannot read directory: Permission denied (skipped)" in result.stderr


def test_nan_and_infinity_are_rejected(run, user_dir):
    path = user_card(user_dir, 2021, "vermont")
    for bad in ("nan", "inf", "-inf"):
        path.write_text(f'state = "Vermont"\ncode = "VT"\nyear = 2021\nscore = {bad}\n')
        result = run("data", "validate")
        assert result.exit_code == 1 and "must be a finite number" in result.stdout
        shown = run("show", "vt", "--year", "2021", "--json")
        json.loads(shown.stdout)  # strict JSON: the bundled card, never NaN
        assert "finite number" in shown.stderr


def test_disk_full_on_export_import_and_data_export_is_one_line(run, tmp_path, monkeypatch, seed_text):
    import gapcli.files.atomic as save

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save.os, "fsync", full)
    for args in (
        ["show", "ct", "--export", str(tmp_path / "ct.svg")],
        ["data", "export", "--out", str(tmp_path / "all.json")],
    ):
        result = run(*args)
        assert (
            result.exit_code == 1 and "No space left on device" in result.stderr and result.stderr.count("\n") == 1
        ), result.stderr
    assert not (tmp_path / "ct.svg").exists() and not (tmp_path / "all.json").exists()
    assert list(tmp_path.glob("**/*.tmp")) == []  # no temporary files left


def test_a_multi_file_import_that_fails_half_way_leaves_nothing(run, user_dir, tmp_path, seed_text, monkeypatch):
    import gapcli.files.atomic as save

    florida = tmp_path / "fl.txt"
    florida.write_text(
        seed_text.replace("CONNECTICUT", "FLORIDA").replace("connecticut", "florida").replace("Connecticut", "Florida")
    )
    ct = tmp_path / "ct.txt"
    ct.write_text(seed_text)
    real, calls = save.os.replace, []

    def second_fails(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(save.os, "replace", second_fails)
    result = run("import", str(ct), str(florida))
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert [p.name for p in (user_dir / "cards" / "2021").iterdir()] == []


def test_read_only_folder_is_one_line(run, tmp_path, seed_text):
    if os.geteuid() == 0:
        target = tmp_path / "file"  # root writes anywhere: a file in the way is the fault instead
        target.write_text("x")
        out = target / "sub"
    else:
        out = tmp_path / "ro"
        out.mkdir(mode=0o500)
    result = run("import", "-", "--out", str(out), input=seed_text)
    assert result.exit_code == 1 and result.stderr.startswith("gapcli: error: ") and result.stderr.count("\n") == 1
    assert "cannot create the folder" in result.stderr or "cannot write" in result.stderr


def test_stdout_to_dev_full_is_one_line(tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [GAPCLI, "show", "ct", "--json"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert result.returncode == 1 and result.stderr.startswith(
        "gapcli: error: cannot write output: No space left on device"
    )
    assert "Traceback" not in result.stderr
