"""Several cards written all or nothing: a process killed at every step leaves all or none, once recovered."""

import os
import signal

import pytest

from gapcli.catalog.catalog import Catalog
from gapcli.errors import DataError, RefusedWrite
from gapcli.files import journal

OLD, NEW = "old\n", "new\n"


def cards(root, count=6):
    """Card paths in two editions' folders."""
    return [root / "cards" / ("2021" if i % 2 else "2023") / f"state-{'abcdefgh'[i]}.toml" for i in range(count)]


def state(root) -> dict[str, str]:
    """Every file under root but the lock, with its text."""
    return {
        str(p.relative_to(root)): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != journal.LOCK
    }


def test_commit_writes_every_card_and_leaves_only_the_lock(tmp_path):
    targets = cards(tmp_path)
    journal.commit(tmp_path, [(t, NEW) for t in targets], replace=False)
    assert all(t.read_text() == NEW for t in targets)
    assert sorted(p.name for p in tmp_path.iterdir()) == [journal.LOCK, "cards"]


def test_without_replace_a_card_that_appeared_refuses_all(tmp_path):
    targets = cards(tmp_path)
    targets[3].parent.mkdir(parents=True)
    targets[3].write_text(OLD)
    with pytest.raises(RefusedWrite, match="appeared while importing"):
        journal.commit(tmp_path, [(t, NEW) for t in targets], replace=False)
    assert state(tmp_path) == {str(targets[3].relative_to(tmp_path)): OLD}


def crash_at(root, targets, step: int) -> None:
    """In a child process: commit, dying as kill -9 would at the ``step``-th write, sync or rename."""
    pid = os.fork()
    if pid == 0:  # the child: no cleanup of any kind runs when it dies
        calls = [0]

        def counted(real):
            def call(*args, **kwargs):
                calls[0] += 1
                if calls[0] == step:
                    os._exit(9)
                return real(*args, **kwargs)

            return call

        os.replace, os.fsync, os.rename = counted(os.replace), counted(os.fsync), counted(os.rename)
        try:
            journal.commit(root, [(t, NEW) for t in targets], replace=True)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status)


def test_killed_at_any_step_the_next_reader_finds_every_card_or_none(tmp_path):
    outcomes = set()
    for step in range(1, 40):
        root = tmp_path / str(step)
        targets = cards(root)
        for target in targets[:3]:  # three old cards, replaced by the import
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(OLD)
        before = state(root)
        crash_at(root, targets, step)
        journal.recover(root)
        after = state(root)
        all_new = {str(t.relative_to(root)): NEW for t in targets}
        assert after in (before, all_new), (step, after)
        assert not (root / journal.PENDING).exists()
        outcomes.add("none" if after == before else "all")
    assert outcomes == {"none", "all"}  # the steps cover both sides of the commit point


def test_the_catalog_finishes_a_killed_import_before_reading(tmp_path, seed_text):
    from gapcli.importer.cardtext import parse_card_text
    from gapcli.importer.tomlwrite import card_to_toml

    bundled = Catalog.open(user=False, cache_dir=False)
    card = parse_card_text(
        seed_text.replace("Connecticut", "Vermont").replace("CONNECTICUT", "VERMONT"), bundled.framework, "vt.txt"
    )
    target = tmp_path / "cards" / "2021" / "vermont.toml"
    pending = tmp_path / journal.PENDING
    pending.mkdir(parents=True)
    (pending / "0.staged").write_text(card_to_toml(card))
    (pending / "journal").write_text("gapcli import journal 1\n0.staged\tcards/2021/vermont.toml\n")
    from gapcli.states import by_code

    opened = Catalog.open(user=tmp_path, cache_dir=False)
    assert opened.card(by_code("VT"), 2021).origin == "user" and target.is_file() and not pending.exists()


def test_a_journal_that_is_not_gapclis_is_a_warning_and_nothing_moves(tmp_path):
    pending = tmp_path / journal.PENDING
    pending.mkdir()
    (pending / "0.staged").write_text(NEW)
    (pending / "journal").write_text("gapcli import journal 1\n0.staged\t../../etc/passwd\n")
    opened = Catalog.open(user=tmp_path, cache_dir=False)
    assert any("not a journal of gapcli's" in w for w in opened.warnings)
    assert (pending / "0.staged").read_text() == NEW
    with pytest.raises(DataError, match="not a journal of gapcli's"):
        journal.recover(tmp_path)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_staging_rolls_back_then_takes_effect(tmp_path, monkeypatch, signum):
    real = journal._write_synced
    written = []

    def staged(path, text):
        written.append(path)
        if len(written) == 3:
            os.kill(os.getpid(), signum)
        real(path, text)

    monkeypatch.setattr(journal, "_write_synced", staged)
    delivered = []
    monkeypatch.setattr(journal, "_deliver", delivered.append)
    targets = cards(tmp_path)
    journal.commit(tmp_path, [(t, NEW) for t in targets], replace=False)
    assert delivered == [signum] and state(tmp_path) == {} and not (tmp_path / journal.PENDING).exists()


def test_a_signal_while_committing_waits_for_the_commit(tmp_path, monkeypatch):
    real = journal._fsync_folder

    def synced(folder):
        if folder.name == "2021":  # renaming onto the cards has begun
            os.kill(os.getpid(), signal.SIGINT)
        real(folder)

    monkeypatch.setattr(journal, "_fsync_folder", synced)
    targets = cards(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        journal.commit(tmp_path, [(t, NEW) for t in targets], replace=False)
    assert all(t.read_text() == NEW for t in targets) and not (tmp_path / journal.PENDING).exists()
