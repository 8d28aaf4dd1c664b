"""The key ring follows its files: a rotation by another process is picked up in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from waspada.privacy import crypto, keyfiles
from waspada.privacy import services as privacy
from waspada.privacy.models import DataKey

OLD = crypto.generate_master_key()
NEW = crypto.generate_master_key()


@pytest.fixture
def key_files(tmp_path: Path, settings) -> tuple[Path, Path]:
    current, previous = tmp_path / "current", tmp_path / "previous"
    current.write_text(OLD + "\n")
    settings.MASTER_KEY, settings.MASTER_KEYS_PREVIOUS = OLD, []
    settings.MASTER_KEY_FILES = (current, previous)
    keyfiles._state = None  # a process that has just started
    return current, previous


def _rotate_on_disk(current: Path, previous: Path) -> None:
    """What ``waspada keys rotate --generate`` does to the files (in another process)."""
    previous.write_text(OLD + "\n")
    current.write_text(NEW + "\n")


def test_the_ring_follows_a_rotation_of_its_files(key_files):
    assert privacy.keyring().current_id == crypto.key_id(crypto.parse_master_key(OLD))
    _rotate_on_disk(*key_files)
    ring = privacy.keyring()
    assert ring.current_id == crypto.key_id(crypto.parse_master_key(NEW))
    assert crypto.key_id(crypto.parse_master_key(OLD)) in {crypto.key_id(k) for k in ring.previous}


def test_a_rotation_before_the_first_use_is_seen(key_files):
    _rotate_on_disk(*key_files)  # between start-up (settings) and the first request
    assert privacy.keyring().current_id == crypto.key_id(crypto.parse_master_key(NEW))


def test_a_half_written_file_keeps_the_ring_until_it_is_complete(key_files, caplog):
    current, _ = key_files
    ring = privacy.keyring()
    current.write_text(NEW[:10])
    assert privacy.keyring() == ring
    assert "cannot be read" in caplog.text
    current.write_text(NEW + "\n")
    assert privacy.keyring().current_id == crypto.key_id(crypto.parse_master_key(NEW))


def test_unknown_key_id_forces_a_reread(key_files, db, monkeypatch):
    ring = crypto.Keyring.from_text(NEW, [OLD])
    data_key = DataKey(wrapped=crypto.wrap_key(raw := crypto.new_data_key(), ring))
    privacy.keyring()
    _rotate_on_disk(*key_files)
    # The files changed without a visible stat change (e.g. copied with their times kept).
    monkeypatch.setattr(keyfiles, "_signature", lambda paths: ("unchanged",))
    keyfiles._state = keyfiles._Loaded(((OLD, ())), ("unchanged",), None)  # type: ignore[arg-type]
    assert privacy.unwrap(data_key) == raw


def test_settings_changed_in_the_process_win_over_files_read_before(key_files, settings):
    _rotate_on_disk(*key_files)
    privacy.keyring()
    other = crypto.generate_master_key()
    settings.MASTER_KEY = other
    assert privacy.keyring().current_id == crypto.key_id(crypto.parse_master_key(other))


def test_keys_in_the_environment_need_no_files(settings):
    settings.MASTER_KEY_FILES = (None, None)
    keyfiles._state = None
    assert privacy.keyring().current_id == crypto.key_id(
        crypto.parse_master_key(settings.MASTER_KEY)
    )
