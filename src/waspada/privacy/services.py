"""Encrypting personal data with per-subject data keys, blind indexes, rotation and erasure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from waspada.privacy import crypto, keyfiles, ledger
from waspada.privacy.blind_index import blind_index
from waspada.privacy.models import DataKey

ERASED = object()  # returned by ``open_sealed`` for data whose key was destroyed


@lru_cache(maxsize=4)
def _keyring(current: str, previous: tuple[str, ...]) -> crypto.Keyring:
    return crypto.Keyring.from_text(current, previous)


def keyring(*, reload: bool = False) -> crypto.Keyring:
    """The newest master keys: those of the settings, or of the key files when another
    process rotated them since (``keyfiles``); ``reload`` re-reads the files regardless."""
    base = (settings.MASTER_KEY, tuple(settings.MASTER_KEYS_PREVIOUS))
    return _keyring(*keyfiles.current_texts(base, settings.MASTER_KEY_FILES, reload=reload))


def unwrap(data_key: DataKey) -> bytes:
    """The raw data key. Wrapped under a master key this process does not know yet (rotated
    by another process), the key files are re-read once before giving up."""
    try:
        return crypto.unwrap_key(data_key.wrapped, keyring())
    except crypto.UnknownMasterKey:
        return crypto.unwrap_key(data_key.wrapped, keyring(reload=True))


def index(kind: str, value: str, *, extra: str = "") -> str:
    """Blind index of a personal identifier (``nik``, ``passport``, ``phone``, ``name``,
    ``account``, ``email``)."""
    key = crypto.parse_master_key(settings.INDEX_KEY, name="WASPADA_INDEX_KEY")
    return blind_index(key, kind, value, extra=extra)


def data_key_create() -> DataKey:
    ring = keyring()
    return DataKey.objects.create(
        wrapped=crypto.wrap_key(crypto.new_data_key(), ring), master_key_id=ring.current_id
    )


def seal(data_key: DataKey, payload: Mapping[str, Any], *, context: str) -> str:
    """Encrypt a JSON-serialisable mapping under ``data_key``, bound to ``context``."""
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()
    return crypto.encrypt(unwrap(data_key), raw, context=context)


def open_sealed(data_key: DataKey, token: str, *, context: str) -> dict[str, Any] | object:
    """Decrypt what ``seal`` produced; ``ERASED`` when the key was destroyed."""
    if data_key.destroyed_at is not None or not data_key.wrapped:
        return ERASED
    return json.loads(crypto.decrypt(unwrap(data_key), token, context=context))


def data_key_destroy(data_key: DataKey) -> None:
    """Crypto-shredding: forget the data key so everything under it is unreadable for good.

    The destruction is also appended to the erasure ledger outside the database (``ledger``),
    so that restoring an older backup cannot bring the key back; if the ledger cannot be
    written, this raises and the caller's transaction (the erasure) rolls back."""
    if data_key.destroyed_at is None:
        ledger.ledger_append(data_key.pk)
    DataKey.objects.filter(pk=data_key.pk).update(wrapped="", destroyed_at=timezone.now())
    data_key.wrapped = ""
    data_key.destroyed_at = timezone.now()


def erasures_reapply(entries: Iterable[ledger.Entry]) -> int:
    """Destroy every data key the ledger lists that is still live (after a restore); returns
    how many were. Nothing is appended to the ledger: these are its own entries."""
    ids = [entry.data_key for entry in entries]
    destroyed = 0
    for start in range(0, len(ids), 500):
        destroyed += DataKey.objects.filter(
            pk__in=ids[start : start + 500], destroyed_at__isnull=True
        ).update(wrapped="", destroyed_at=timezone.now())
    return destroyed


@dataclass(frozen=True)
class RotationResult:
    rewrapped: int
    already_current: int
    destroyed: int
    current_key_id: str


def keys_rotate(*, batch_size: int = 500) -> RotationResult:
    """Re-wrap every live data key under the current master key, in small transactions.

    Readers keep working throughout: the keyring still holds the previous master keys, each
    data key is replaced atomically by the same key wrapped differently, and running processes
    re-read rotated key files (``keyfiles``). It stops only after a pass finds nothing left,
    so keys that other processes created under the old key meanwhile are re-wrapped too.
    """
    ring = keyring()
    rewrapped = 0
    while True:
        with transaction.atomic():
            batch = list(
                DataKey.objects.select_for_update()
                .filter(destroyed_at__isnull=True)
                .exclude(master_key_id=ring.current_id)
                .order_by("pk")[:batch_size]
            )
            for data_key in batch:
                data_key.wrapped = crypto.rewrap_key(data_key.wrapped, ring)
                data_key.master_key_id = ring.current_id
            DataKey.objects.bulk_update(batch, ["wrapped", "master_key_id"])
        rewrapped += len(batch)
        if not batch:
            break
    live = DataKey.objects.filter(destroyed_at__isnull=True)
    return RotationResult(
        rewrapped=rewrapped,
        already_current=live.count() - rewrapped,
        destroyed=DataKey.objects.filter(destroyed_at__isnull=False).count(),
        current_key_id=ring.current_id,
    )
