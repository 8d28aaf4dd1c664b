"""A few clearly synthetic victims' cases for the demo users (idempotent)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from waspada.accounts.models import Organisation, User
from waspada.assistance.models import FollowUp
from waspada.assistance.services import follow_up_create, goal_create, service_record
from waspada.cases.models import Case, ConsentKind
from waspada.cases.services import case_register, case_transition, consent_record
from waspada.cases.transfers import transfer_answer, transfer_request
from waspada.identification.services import decision_record, interview_record
from waspada.referrals.models import ServiceOffering
from waspada.referrals.services import referral_create
from waspada.repatriation.services import repatriation_stage_record

# Names end in "(contoh)" and NIKs start with 9999 so nobody mistakes them for real people.
DEMO_CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("cw.iom", {"full_name": "Rina Lestari (contoh)", "sex": "female", "birth_date": "1999-03-12",
                "nik": "9999010312990001", "destination_country": "KH",
                "destination_city": "Sihanoukville", "recruitment_channel": "facebook",
                "scam_typology": "romance", "exploitation_types": ["forced_criminality_scam"],
                "means_of_control": ["passport_confiscated", "quota_punishment"],
                "province_of_origin": "Jawa Barat", "regency_of_origin": "Cianjur",
                "departed_on": "2023-01-15", "arrived_on": "2023-01-18", "exited_on": "2023-05-02"},
     ["identification", "assistance"]),
    ("cw.iom", {"full_name": "Agus Pratama (contoh)", "sex": "male", "birth_date": "1996-11-02",
                "nik": "9999021102960002", "destination_country": "MM", "compound": "KK Park",
                "recruitment_channel": "telegram", "scam_typology": "investment_crypto",
                "exploitation_types": ["forced_criminality_scam"],
                "means_of_control": ["confinement", "violence", "ransom"],
                "province_of_origin": "Sumatera Utara", "regency_of_origin": "Medan",
                "departed_on": "2022-08-01", "exited_on": "2022-12-20"},
     ["identification"]),
    ("cw.iom", {"full_name": "Dewi Anggraini (contoh)", "sex": "female", "birth_date": "2001-07-30",
                "nik": "9999033007010003", "destination_country": "PH", "destination_city": "Pasay",
                "recruitment_channel": "tiktok", "scam_typology": "gambling",
                "province_of_origin": "Sulawesi Utara", "departed_on": "2023-03-10"}, []),
    ("cw.ngo", {"full_name": "Yusuf Hidayat (contoh)", "sex": "male", "birth_date": "1994-05-05",
                "nik": "9999040505940004", "destination_country": "LA", "destination_city": "Bokeo",
                "recruitment_channel": "friend_family",
                "exploitation_types": ["forced_criminality_scam"],
                "province_of_origin": "Nusa Tenggara Barat"}, []),
]  # fmt: skip

DEMO_SERVICES = [
    ("Yayasan Migran Sejahtera (demo)", "shelter", "Jawa Barat, DKI Jakarta", "Rumah aman"),
    ("Yayasan Migran Sejahtera (demo)", "psychosocial", "Jawa Barat", "Konseling"),
    ("LBH Pelita Keadilan (demo)", "legal_aid", "Nasional", "Pendampingan hukum korban"),
    ("UPT KP2MI Jakarta (demo)", "return_travel", "DKI Jakarta", "Penjemputan di bandara"),
    ("KBRI Phnom Penh (demo)", "documents", "Kamboja", "SPLP / dokumen perjalanan"),
]


def demo_cases_load() -> int:
    """Create the demo cases once (skipped when any exists); return how many were made."""
    if Case.objects.filter(created_by__is_demo=True).exists():
        return 0
    with transaction.atomic():
        for org_name, service_type, regions, description in DEMO_SERVICES:
            organisation = Organisation.objects.get(name=org_name)
            ServiceOffering.objects.get_or_create(
                organisation=organisation, service_type=service_type,
                defaults={"regions": regions, "description": description},
            )  # fmt: skip
        created = []
        for username, data, steps in DEMO_CASES:
            user = User.objects.get(username=username)
            case = case_register(actor=user, data=data)
            for kind in ConsentKind:
                consent_record(case=case, kind=kind, granted=True, actor=user)
            for status in steps:
                case = case_transition(actor=user, case=case, to_status=status)
            created.append(case)
        caseworker = User.objects.get(username="cw.iom")
        referral_create(
            actor=caseworker,
            case=created[0],
            to_organisation=Organisation.objects.get(name="Yayasan Migran Sejahtera (demo)"),
            service_type="shelter",
            needs="Rumah aman 2 minggu setelah tiba, pendampingan psikososial (contoh).",
            contact="Petugas kasus IOM, 0812-0000-0001 (contoh)",
            urgency="soon",
        )
        # A legal-aid referral for the demo legal-aid organisation's legal officer to answer.
        referral_create(
            actor=caseworker,
            case=created[1],
            to_organisation=Organisation.objects.get(name="LBH Pelita Keadilan (demo)"),
            service_type="legal_aid",
            needs="Pendampingan laporan polisi terhadap perekrut; korban siap bersaksi (contoh).",
            contact="Petugas kasus IOM, 0812-0000-0001 (contoh)",
            urgency="routine",
        )
        _demo_case_work(caseworker, created[0], created[1])
        created.append(_demo_hand_over())
    return len(created)


def _demo_hand_over() -> Case:
    """A person registered by KBRI Phnom Penh, handed to KP2MI at debarkation (accepted, with
    its BAST), and now offered to the UPTD PPA of the home province (awaiting its answer)."""
    kbri = User.objects.get(username="cw.kbri")
    kp2mi = User.objects.get(username="cw.kp2mi")
    case = case_register(
        actor=kbri,
        data={"full_name": "Sri Wahyuni (contoh)", "sex": "female", "birth_date": "2000-02-14",
              "nik": "9999011402000005", "destination_country": "KH",
              "destination_city": "Phnom Penh", "recruitment_channel": "facebook",
              "exploitation_types": ["forced_criminality_scam"],
              "province_of_origin": "Jawa Barat", "regency_of_origin": "Kabupaten Cianjur"},
    )  # fmt: skip
    for kind in ConsentKind:
        consent_record(case=case, kind=kind, granted=True, actor=kbri)
    first = transfer_request(
        actor=kbri, case=case, to_organisation_id=kp2mi.organisation_id,
        items=["case_file", "passport_splp", "the_person"],
        note="Diserahkan di Bandara Soekarno-Hatta (contoh).",
    )  # fmt: skip
    transfer_answer(actor=kp2mi, transfer=first, accept=True)
    case.refresh_from_db()
    transfer_request(
        actor=kp2mi, case=case,
        to_organisation_id=User.objects.get(username="cw.ppa").organisation_id,
        items=["case_file", "the_person"],
    )  # fmt: skip
    return case


def _demo_case_work(caseworker: User, first: Case, second: Case) -> None:
    """An interview awaiting approval, a plan with an overdue follow-up, and a return."""
    today = timezone.localdate()
    interview = interview_record(
        actor=caseworker,
        case=first,
        data={
            "interviewed_on": "2023-05-10",
            "process": ["recruitment", "transport"],
            "means": ["fraud_deception", "confinement"],
            "purpose": ["forced_criminality_scam"],
            "ilo": ["deception", "restriction_of_movement", "retention_of_documents"],
            "summary": "Wawancara contoh: direkrut lewat Facebook, paspor ditahan.",
        },
    )
    decision_record(
        actor=caseworker,
        interview=interview,
        status="actual",
        reason="Ketiga unsur terpenuhi (contoh).",
    )
    goal_create(
        actor=caseworker,
        case=first,
        data={
            "description": "Pemulihan psikososial (contoh)",
            "target_date": today + timedelta(60),
        },
    )
    follow_up = follow_up_create(
        actor=caseworker, case=first, data={"due_on": today, "note": "Telepon keluarga (contoh)"}
    )
    # Backdate it so the demo shows an overdue follow-up (a new one cannot be due in the past).
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=today - timedelta(days=5))
    service_record(
        actor=caseworker,
        case=first,
        data={"service_type": "psychosocial", "status": "ongoing", "started_on": "2023-05-12"},
    )
    for stage, reached in (("embassy_shelter", "2022-12-21"), ("travel_documents", "2023-01-05")):
        repatriation_stage_record(
            actor=caseworker,
            case=second,
            data={"stage": stage, "reached_on": reached, "responsible_party": "KBRI Yangon"},
        )
