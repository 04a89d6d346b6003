"""Writing files whole: a Ctrl-C waits for the step it must not cut, modes follow the umask, folders fail in one line."""

import os
import signal

import pytest

from gapcli.errors import DataError
from gapcli.files.atomic import file_mode, make_folder, uninterrupted
from gapcli.files.output import resolve, write


def test_an_interrupt_inside_the_step_waits_for_it(tmp_path):
    """The signal is held and raised after the block: the file is whole, then the interrupt."""
    target, before = tmp_path / "card.toml", signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), uninterrupted():
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C lands in the middle of the write
        target.write_text("whole\n")
    assert target.read_text() == "whole\n"
    assert signal.getsignal(signal.SIGINT) is before  # the handler of before is back


def test_written_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        assert file_mode() == 0o644
        write(resolve(tmp_path / "shared.svg", force=False), ["x"])
    finally:
        os.umask(old)
    assert (tmp_path / "shared.svg").stat().st_mode & 0o777 == 0o644


def test_a_folder_that_cannot_be_made_is_one_error(tmp_path):
    (tmp_path / "cards").write_text("")
    with pytest.raises(DataError, match=r"/cards: cannot create the folder: a file is in the way$"):
        make_folder(tmp_path / "cards")
    with pytest.raises(DataError, match=r"/cards/2021: cannot create the folder: Not a directory$"):
        make_folder(tmp_path / "cards" / "2021")
    make_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
