"""Synthetic people, encrypted exactly as ``waspada.cases.services.case_register`` stores them.

Each person gets a data key of their own, wrapped by the current master key; the personal
fields are sealed as one JSON document bound to ``cases.person:<id>``; NIK, passport, phone and
name are searchable only through the keyed blind indexes of ``waspada.privacy``. The
cryptographic primitives are called directly (not ``privacy.seal``) only so that the data key is
not unwrapped again for every person: the stored format is the same, byte for byte in layout.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings

from waspada.cases.models import PERSONAL_FIELDS
from waspada.demodata.weights import below, between, load, one_of
from waspada.privacy import crypto, normalise
from waspada.privacy import services as privacy
from waspada.privacy.blind_index import blind_index

NARRATIVE = "Data sintetis untuk demo: orang ini tidak nyata."


@dataclass(frozen=True)
class Identity:
    """The clear personal fields of one synthetic person (kept only to encrypt them)."""

    full_name: str
    nik: str
    passport_number: str
    phone: str
    birth_date: date
    address: str
    family_contact: str


def _names() -> tuple[list[str], list[str], list[str]]:
    data = load("names")
    return data["male"], data["female"], data["family"]


def identity(
    rng: random.Random, *, person_id: int, sex: str, birth_date: date, regency: str
) -> Identity:
    """Names from the shipped lists; NIK 9999 + birth date + id (never a real NIK)."""
    male, female, family = _names()
    given = one_of(rng, female if sex == "female" else male if sex == "male" else male + female)
    surname = one_of(rng, family)
    full_name = f"{given} {surname}" if rng.random() < 0.85 else given
    day = birth_date.day + (40 if sex == "female" else 0)  # as real NIKs encode sex
    nik = f"9999{day:02d}{birth_date:%m%y}{person_id % 1_000_000:06d}"
    passport = f"DM{person_id % 10_000_000:07d}" if rng.random() < 0.8 else ""
    phone = f"+62 800 {below(rng, 10_000_000):07d}" if rng.random() < 0.9 else ""
    street = one_of(rng, family)
    address = f"Jl. {street} No. {between(rng, 1, 200)} (contoh), {regency}"
    relative = one_of(rng, male + female)
    contact = f"{relative} (keluarga), +62 800 {below(rng, 10_000_000):07d}"
    return Identity(full_name, nik, passport, phone, birth_date, address, contact)


def birth_date_for(rng: random.Random, *, age: int, on: date) -> date:
    """A birth date giving exactly ``age`` on the day ``on``."""
    latest = date(on.year - age, on.month, min(on.day, 28))
    return latest - timedelta(days=below(rng, 365))


class Sealer:
    """Encrypts people under fresh data keys wrapped by the current master key."""

    def __init__(self) -> None:
        self.ring = privacy.keyring()

    def data_key(self) -> tuple[bytes, str, str]:
        """(raw key, wrapped key, master key id) of a new data key."""
        raw = crypto.new_data_key()
        return raw, crypto.wrap_key(raw, self.ring), self.ring.current_id

    def seal(self, raw_key: bytes, payload: dict[str, Any], *, context: str) -> str:
        # The same serialisation as privacy.seal.
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()
        return crypto.encrypt(raw_key, text, context=context)


def personal_payload(person: Identity, *, recruiter_contacts: str = "") -> dict[str, Any]:
    """The document ``case_register`` seals: every personal field, '' when absent."""
    values = {
        "full_name": person.full_name,
        "aliases": "",
        "nik": person.nik,
        "passport_number": person.passport_number,
        "birth_date": person.birth_date,
        "phone": person.phone,
        "address": person.address,
        "family_contact": person.family_contact,
        "narrative": NARRATIVE,
        "recruiter_contacts": recruiter_contacts,
    }
    return {field: values.get(field) or "" for field in PERSONAL_FIELDS}


@lru_cache(maxsize=2)
def _index_key(text: str) -> bytes:
    return crypto.parse_master_key(text, name="WASPADA_INDEX_KEY")


def blind_indexes(person: Identity) -> tuple[str, str, str, str, str]:
    """nik, passport, phone, name and name+birth indexes, as ``cases.services._indexes``.

    The same computation as ``privacy.index`` with the index key decoded once, not per call.
    """
    key = _index_key(settings.INDEX_KEY)
    birth = str(person.birth_date)
    return (
        blind_index(key, "nik", person.nik),
        blind_index(key, "passport", person.passport_number),
        blind_index(key, "phone", person.phone),
        _name_index(key, person.full_name),
        blind_index(key, "name", person.full_name, extra=birth),
    )


def name_word_indexes(person: Identity) -> list[str]:
    """The name-word indexes of ``cases.services.name_tokens``, with the key decoded once."""
    key = _index_key(settings.INDEX_KEY)
    words = sorted(set(normalise.name(person.full_name).split()))
    return [_word_index(key, word) for word in words if len(word) >= 2][:6]  # ROWS_PER_CASE


@lru_cache(maxsize=20_000)
def _word_index(key: bytes, word: str) -> str:
    return blind_index(key, "name_token", word)


@lru_cache(maxsize=20_000)
def _name_index(key: bytes, full_name: str) -> str:
    # A few thousand name combinations recur across a million people.
    return blind_index(key, "name", full_name)
