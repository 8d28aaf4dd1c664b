"""Demo public reports (idempotent): a clearly synthetic set in every state, made through the
same services as real ones (encrypted, audited), and back-dated so the queue shows reports
waiting, late, answered and closed every way."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from waspada.accounts.models import Organisation, User
from waspada.lapor import services, triage
from waspada.lapor.models import PublicReport
from waspada.referrals.models import ServiceOffering

SOS = "sos"
OFFER = "suspicious_offer"
RECRUITER = "+855 00 000 7788"  # the same recruiter in two reports: they match

# (minutes ago, data, what the duty officer does)
DEMO_REPORTS: list[tuple[int, dict[str, Any], str]] = [
    (
        25,
        {
            "kind": SOS,
            "person_name": "Ayu Lestari (contoh)",
            "person_age": 22,
            "person_sex": "female",
            "person_phone": "+855 00 000 0101",
            "country": "KH",
            "city": "Sihanoukville",
            "place": "Gedung contoh Blok A",
            "situations": ["confined", "violence", "forced_scam"],
            "since": "Januari",
            "description": "Data contoh: adik saya dipaksa menipu dan dipukul jika target tidak "
            "tercapai. Dia tidak boleh keluar gedung.",
            "reporter_name": "Kakak Ayu (contoh)",
            "reporter_contact": "0800 0000 0102",
            "reporter_relation": "family",
            "reporter_province": "Jawa Barat",
        },
        "wait",
    ),
    (
        190,
        {
            "kind": SOS,
            "person_name": "Bayu Saputra (contoh)",
            "person_age": 16,
            "person_sex": "male",
            "country": "MM",
            "city": "Myawaddy",
            "situations": ["ransom"],
            "description": "Data contoh: keluarga diminta uang tebusan 50 juta agar anak kami "
            "dilepas.",
            "reporter_relation": "family",
            "reporter_province": "Jawa Tengah",
            "reporter_contact": "0800 0000 0103",
        },
        "wait",
    ),
    (
        600,
        {
            "kind": SOS,
            "person_name": "Citra Ayuningtyas (contoh)",
            "person_age": 27,
            "person_sex": "female",
            "country": "KH",
            "situations": ["passport_taken"],
            "description": "Data contoh: paspornya ditahan perusahaan, dia ingin pulang.",
            "reporter_relation": "friend",
            "reporter_contact": "0800 0000 0104",
        },
        "message",
    ),
    (
        2 * 1440,
        {
            "kind": SOS,
            "person_name": "Dimas Prakoso (contoh)",
            "person_age": 24,
            "person_sex": "male",
            "person_phone": "+855 00 000 0105",
            "country": "KH",
            "city": "Poipet",
            "place": "Kompleks contoh",
            "situations": ["confined", "passport_taken", "forced_scam"],
            "description": "Data contoh: disekap di kompleks dan dipaksa menipu lewat "
            "aplikasi kencan.",
            "reporter_name": "Ibu Dimas (contoh)",
            "reporter_contact": "0800 0000 0106",
            "reporter_relation": "family",
            "reporter_province": "Sulawesi Utara",
        },
        "case",
    ),
    (
        3 * 1440,
        {
            "kind": SOS,
            "person_name": "Eka Wulandari (contoh)",
            "country": "KH",
            "situations": ["passport_taken"],
            "description": "Data contoh: sudah keluar "
            "dari perusahaan, butuh surat perjalanan untuk pulang.",
            "reporter_relation": "self",
            "reporter_contact": "0800 0000 0107",
        },
        "refer",
    ),
    (
        300,
        {
            "kind": OFFER,
            "description": "Data contoh: DICARI admin CS Kamboja, gaji 15 jt, "
            "tanpa pengalaman, tiket ditanggung, visa turis. Hub WA +855 00 000 7788",
            "recruiter_contacts": [RECRUITER, "@loker_contoh_kh"],
            "seen_on": "facebook",
            "country": "KH",
            "anonymous": True,
        },
        "wait",
    ),
    (
        4 * 1440,
        {
            "kind": OFFER,
            "description": "Data contoh: lowongan marketing online luar "
            "negeri, biaya pendaftaran 2 juta ke rekening pribadi.",
            "recruiter_contacts": [RECRUITER, "BANK CONTOH 0000123456"],
            "company": "PT Contoh Sejahtera",
            "seen_on": "tiktok",
            "reporter_relation": "self",
            "reporter_province": "Nusa Tenggara Barat",
        },
        "intelligence",
    ),
    (
        3 * 1440,
        {
            "kind": OFFER,
            "description": "Data contoh: iklan yang sama dikirim lagi oleh orang lain.",
            "recruiter_contacts": [RECRUITER],
            "seen_on": "whatsapp",
        },
        "duplicate",
    ),
    (
        5 * 1440,
        {
            "kind": "other",
            "description": "Data contoh: saya ingin tahu apakah agen di kampung saya berizin.",
            "reporter_relation": "self",
        },
        "not_actionable",
    ),
    (
        900,
        {
            "kind": "other",
            "description": "Data contoh: saya pernah bekerja di Laos dan gaji saya tidak dibayar.",
            "country": "LA",
            "anonymous": True,
        },
        "note",
    ),
]


def demo_reports_load() -> int:
    """Create the demo reports once (skipped when any report exists); return how many."""
    if PublicReport.objects.exists():
        return 0
    duty = User.objects.get(username="piket.iom")
    kbri = Organisation.objects.get(name="KBRI Phnom Penh (demo)")
    made: list[PublicReport] = []
    with transaction.atomic():
        for minutes, data, action in DEMO_REPORTS:
            report = services.report_submit(data=data).report
            received = timezone.now() - timedelta(minutes=minutes)
            PublicReport.objects.filter(pk=report.pk).update(created_at=received)
            report.created_at = received
            _handle(duty, report, action, made, kbri)
            made.append(report)
    return len(made)


def _handle(
    duty: User, report: PublicReport, action: str, made: list[PublicReport], kbri: Organisation
) -> None:
    if action == "wait":
        return
    if action == "message":
        triage.report_message(
            actor=duty, report=report,
            body="Data contoh: kami sudah menghubungi KBRI. Mohon kirim foto halaman paspor "
            "jika ada, lewat nomor yang Anda tulis.",
        )  # fmt: skip
    elif action == "note":
        triage.report_note(actor=duty, report=report, body="Data contoh: tanya detail ke KP2MI.")
    elif action == "case":
        opened = triage.report_open(viewer=duty, report=report) or {}
        triage.report_message(
            actor=duty, report=report,
            body="Data contoh: petugas kami sudah membuka kasus dan akan menghubungi Anda.",
        )  # fmt: skip
        triage.report_convert_to_case(
            actor=duty, report=report, data=triage.case_prefill(report, opened)
        )
    elif action == "refer":
        offering = ServiceOffering.objects.filter(organisation=kbri).first()
        if offering is not None:
            triage.report_refer(actor=duty, report=report, offering=offering)
    elif action == "intelligence":
        triage.report_close_intelligence(actor=duty, report=report)
    elif action == "duplicate":
        earlier = next(r for r in made if r.kind == OFFER and r.status == "closed")
        triage.report_close_duplicate(actor=duty, report=report, of_code=earlier.tracking_code)
    elif action == "not_actionable":
        triage.report_message(
            actor=duty, report=report,
            body="Data contoh: tanyakan izin agen itu ke kantor UPT KP2MI atau Dinas Tenaga Kerja "
            "terdekat sebelum membayar apa pun.",
        )  # fmt: skip
        triage.report_close_not_actionable(
            actor=duty, report=report, reason="Data contoh: pertanyaan umum, sudah dijawab."
        )
    # the first response came some minutes after the report arrived
    PublicReport.objects.filter(pk=report.pk, first_response_at__isnull=False).update(
        first_response_at=report.created_at + timedelta(minutes=45)
    )
