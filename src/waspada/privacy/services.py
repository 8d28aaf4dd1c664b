"""Encrypting personal data with per-subject data keys, blind indexes, rotation and erasure."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from waspada.privacy import crypto
from waspada.privacy.blind_index import blind_index
from waspada.privacy.models import DataKey

ERASED = object()  # returned by ``open_sealed`` for data whose key was destroyed


@lru_cache(maxsize=4)
def _keyring(current: str, previous: tuple[str, ...]) -> crypto.Keyring:
    return crypto.Keyring.from_text(current, previous)


def keyring() -> crypto.Keyring:
    return _keyring(settings.MASTER_KEY, tuple(settings.MASTER_KEYS_PREVIOUS))


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
    return crypto.encrypt(crypto.unwrap_key(data_key.wrapped, keyring()), raw, context=context)


def open_sealed(data_key: DataKey, token: str, *, context: str) -> dict[str, Any] | object:
    """Decrypt what ``seal`` produced; ``ERASED`` when the key was destroyed."""
    if data_key.destroyed_at is not None or not data_key.wrapped:
        return ERASED
    key = crypto.unwrap_key(data_key.wrapped, keyring())
    return json.loads(crypto.decrypt(key, token, context=context))


def data_key_destroy(data_key: DataKey) -> None:
    """Crypto-shredding: forget the data key so everything under it is unreadable for good."""
    DataKey.objects.filter(pk=data_key.pk).update(wrapped="", destroyed_at=timezone.now())
    data_key.wrapped = ""
    data_key.destroyed_at = timezone.now()


@dataclass(frozen=True)
class RotationResult:
    rewrapped: int
    already_current: int
    destroyed: int
    current_key_id: str


def keys_rotate(*, batch_size: int = 500) -> RotationResult:
    """Re-wrap every live data key under the current master key, in small transactions.

    Readers keep working throughout: the keyring still holds the previous master keys, and
    each data key is replaced atomically by the same key wrapped differently.
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
        if len(batch) < batch_size:
            break
    live = DataKey.objects.filter(destroyed_at__isnull=True)
    return RotationResult(
        rewrapped=rewrapped,
        already_current=live.count() - rewrapped,
        destroyed=DataKey.objects.filter(destroyed_at__isnull=False).count(),
        current_key_id=ring.current_id,
    )
