"""Three clearly synthetic trainings of officials for the demo (idempotent).

Titles end in "(contoh)" and participants have no names, so nobody mistakes them for real
records. Scores come from a seeded generator: the same demo every time.
"""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction

from waspada.accounts.models import User
from waspada.trainings.models import Training
from waspada.trainings.services import participant_add, training_create

DEMO_MARK = "(contoh)"
DEMO_TRAININGS: list[tuple[dict[str, Any], list[tuple[str, str, str]]]] = [
    (
        {
            "title": "Identifikasi korban TPPO penipuan daring bagi aparat daerah (contoh)",
            "topic": "victim_identification",
            "start_date": "2022-09-13",
            "end_date": "2022-09-15",
            "province": "Jawa Barat",
            "city": "Bandung",
            "target_institution_types": ["police", "labour_office", "village_official", "kp2mi"],
            "notes": "Data contoh untuk demo.",
        },
        [
            ("police", "Polda Jawa Barat (contoh)", "Penyidik"),
            ("labour_office", "Disnaker Kab. Cianjur (contoh)", "Pengantar kerja"),
            ("village_official", "Desa Sukamaju (contoh)", "Kepala desa"),
            ("kp2mi", "UPT KP2MI Bandung (contoh)", "Staf pelindungan"),
        ],
    ),
    (
        {
            "title": "Penyidikan TPPO melalui penipuan daring dan bukti digital (contoh)",
            "topic": "online_scam_investigation",
            "start_date": "2023-03-07",
            "end_date": "2023-03-09",
            "province": "DKI Jakarta",
            "city": "Jakarta Selatan",
            "target_institution_types": ["police", "prosecutor", "immigration"],
            "notes": "Data contoh untuk demo.",
        },
        [
            ("police", "Bareskrim Polri (contoh)", "Penyidik siber"),
            ("police", "Polda Sumatera Utara (contoh)", "Penyidik PPA"),
            ("prosecutor", "Kejati DKI Jakarta (contoh)", "Jaksa"),
            ("immigration", "Kanim Soekarno-Hatta (contoh)", "Petugas pemeriksaan"),
        ],
    ),
    (
        {
            "title": "Penuntutan berpusat pada korban, restitusi dan LPSK (contoh)",
            "topic": "victim_centred_prosecution",
            "start_date": "2023-10-24",
            "end_date": "2023-10-25",
            "province": "Sulawesi Utara",
            "city": "Manado",
            "target_institution_types": ["prosecutor", "judge", "ngo"],
            "notes": "Data contoh untuk demo.",
        },
        [
            ("prosecutor", "Kejari Manado (contoh)", "Jaksa penuntut umum"),
            ("judge", "PN Manado (contoh)", "Hakim"),
            ("ngo", "LBH Pelita Keadilan (contoh)", "Advokat"),
            ("embassy", "KBRI Manila (contoh)", "Fungsi pelindungan WNI"),
        ],
    ),
]
PARTICIPANTS_PER_TRAINING = 15


def _participants(
    rng: random.Random, institutions: list[tuple[str, str, str]]
) -> list[dict[str, Any]]:
    rows = []
    for number in range(PARTICIPANTS_PER_TRAINING):
        institution_type, institution_name, role = institutions[number % len(institutions)]
        attended = rng.random() > 0.1
        pre = rng.randint(35, 70)
        post = min(100, pre + rng.randint(5, 30)) if attended else None
        rows.append({
            "institution_type": institution_type, "institution_name": institution_name,
            "role": role, "sex": rng.choice(["female", "male", "male"]), "attended": attended,
            "pre_score": pre, "post_score": post,
        })  # fmt: skip
    return rows


def demo_trainings_load() -> int:
    """Create the demo trainings once, by the demo user ``prog.iom`` (IOM Indonesia);
    skipped when any demo training exists. Returns how many trainings were made."""
    if Training.objects.filter(created_by__is_demo=True, title__endswith=DEMO_MARK).exists():
        return 0
    officer = User.objects.get(username="prog.iom")
    rng = random.Random(20230307)  # noqa: S311  (reproducible demo data, not security)
    with transaction.atomic():
        for data, institutions in DEMO_TRAININGS:
            training = training_create(actor=officer, data=data)
            for row in _participants(rng, institutions):
                participant_add(actor=officer, training=training, data=row)
    return len(DEMO_TRAININGS)
