"""The workbench sections of the apps this lane reads, registered from ``ready()``.

Other apps register theirs the same way (``waspada.ui.workbench.register_section``).
Items show codes, dates and services only: nothing is decrypted for the workbench.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm, can
from waspada.cases.transfers import incoming_for as transfers_incoming
from waspada.intel.selectors import alerts_queryset
from waspada.legal.models import Stage
from waspada.sharing.access import releases_to_decide
from waspada.ui.workbench import Item, Section, register_section
from waspada.workbench import selectors
from waspada.workbench.model_evaluation import Evaluation, last_evaluation


def _case_url(code: str, tab: str = "") -> str:
    url = reverse("cases:detail", args=[code])
    return f"{url}?tab={tab}" if tab else url


def _date(value: Any) -> str:
    return str(formats.date_format(value, "j M Y"))


def _follow_up(row: Any) -> Item:
    overdue = row.due_on < timezone.localdate()
    return Item(row.case.code, _case_url(row.case.code, "layanan"), _date(row.due_on), overdue)


def _case(row: Any) -> Item:
    return Item(row.code, _case_url(row.code), _date(timezone.localtime(row.updated_at)))


def _incoming(row: Any) -> Item:
    sender = row.from_organisation.short_name or row.from_organisation.name
    return Item(
        row.case.code, reverse("referrals_inbox:incoming"), f"{sender} · {row.service_type}"
    )


def _sent(row: Any) -> Item:
    to = row.to_organisation.short_name or row.to_organisation.name
    meta = f"{to} · {_date(timezone.localtime(row.requested_at))}"
    return Item(row.case.code, _case_url(row.case.code, "rujukan"), meta)


def _decision(row: Any) -> Item:
    url = reverse("identification:detail", args=[row.case.code, row.pk])
    return Item(row.case.code, url, str(row.get_decided_status_display()))


def _hearing(row: Any) -> Item:
    when = timezone.localtime(row.scheduled_at)
    url = reverse("legal:detail", args=[row.legal_case.code])
    return Item(row.legal_case.code, url, str(formats.date_format(when, "j M Y H:i")))


def _text(row: Any) -> Item:
    meta = f"{row.verdict} · {_date(timezone.localtime(row.created_at))}"
    return Item(f"#{row.pk}", reverse("prevention:review"), meta)


def _report(row: Any) -> Item:
    meta = f"{row.get_kind_display()} · {row.get_priority_display()}"
    return Item(row.tracking_code, reverse("lapor:detail", args=[row.tracking_code]), meta,
                row.priority_rank == 0)  # fmt: skip


def _transfer(row: Any) -> Item:
    sender = row.from_organisation.short_name or row.from_organisation.name
    meta = f"{sender} · {_date(timezone.localtime(row.requested_at))}"
    return Item(row.case.code, reverse("cases:transfers_incoming"), meta)


def _alert(row: Any) -> Item:
    url = reverse("intel:cluster", args=[row.cluster_id])
    meta = f"{row.get_reason_display()} · {_date(timezone.localtime(row.created_at))}"
    return Item(f"JR-{row.cluster_id}", url, meta)


def _release(row: Any) -> Item:
    meta = f"{row.get_kind_display()} · {_date(timezone.localtime(row.requested_at))}"
    return Item(f"#{row.pk}", reverse("sharing:detail", args=[row.pk]), meta)


def _stage_deadline(row: Any) -> Item:
    url = reverse("legal:detail", args=[row.code])
    deadline = timezone.localtime(row.deadline)
    meta = f"{Stage(row.stage).label} · {_('tenggat')} {_date(deadline)}"
    return Item(row.code, url, meta, deadline < timezone.now())


def _percent(value: float | None) -> str:
    # number_format cuts a float at the decimal places instead of rounding it (95.36 → "95,3"),
    # so round first.
    return "–" if value is None else f"{formats.number_format(round(value * 100, 1), 1)} %"


_FIGURE_LABELS = {
    "precision": _("Presisi"),
    "recall": _("Recall (penipuan yang tertangkap)"),
    "false_positive_rate": _("Positif palsu pada teks sah"),
    "high_on_legit": _("Risiko tinggi pada lowongan sah"),
}
_SOURCES = {
    "loaded": _("model yang dipakai"),
    "data_dir": _("model instalasi ini"),
    "shipped": _("model bawaan"),
}


def evaluation_rows(user: Any) -> list[tuple[str, Any]]:
    """The model's last evaluation as rows of the section: the model, then one per figure."""
    evaluation = last_evaluation()
    if evaluation is None:
        return []
    rows: list[tuple[str, Any]] = [("model", evaluation)]
    rows += [(name, evaluation) for name in evaluation.figures]
    return rows


def _evaluation(row: tuple[str, Evaluation]) -> Item:
    name, evaluation = row
    url = reverse("prevention:home")
    if name == "model":
        when = _date(evaluation.evaluated_at) if evaluation.evaluated_at else ""
        held = _("%(n)s teks uji") % {"n": evaluation.n_held_out}
        meta = " · ".join(str(p) for p in (_SOURCES[evaluation.source], when, held) if p)
        return Item(evaluation.model_version, url, meta)
    return Item(str(_FIGURE_LABELS[name]), url, _percent(evaluation.figures[name]))


def _manages(user: Any) -> bool:
    return can(user, Perm.PROTECTION_MANAGE)


def register_all() -> None:
    overdue_url = reverse_lazy_str("assistance_overview:overdue")
    register_section(Section(
        "follow_ups_overdue", _("Tindak lanjut terlambat"),
        _("Tidak ada tindak lanjut yang terlambat."), _manages,
        selectors.follow_ups_overdue, _follow_up, overdue_url, order=10,
    ))  # fmt: skip
    register_section(Section(
        "follow_ups_due", _("Tindak lanjut minggu ini"),
        _("Tidak ada tindak lanjut yang jatuh tempo dalam 7 hari."), _manages,
        selectors.follow_ups_due_soon, _follow_up, order=20,
    ))  # fmt: skip
    register_section(Section(
        "referrals_incoming", _("Rujukan masuk menunggu jawaban"),
        _("Tidak ada rujukan masuk yang menunggu jawaban."), _manages,
        selectors.referrals_incoming, _incoming,
        reverse_lazy_str("referrals_inbox:incoming"), order=30,
    ))  # fmt: skip
    register_section(Section(
        "decisions_awaiting", _("Keputusan identifikasi menunggu persetujuan saya"),
        _("Tidak ada keputusan yang menunggu persetujuan."),
        lambda user: can(user, Perm.PROTECTION_APPROVE),
        selectors.decisions_awaiting_approval, _decision, order=35,
    ))  # fmt: skip
    register_section(Section(
        "hearings_soon", _("Sidang 7 hari ke depan"),
        _("Tidak ada sidang dalam 7 hari ke depan."),
        lambda user: can(user, Perm.PROSECUTION_MANAGE),
        selectors.hearings_soon, _hearing, reverse_lazy_str("legal:calendar"), order=40,
    ))  # fmt: skip
    register_section(Section(
        "referrals_sent", _("Rujukan yang saya kirim belum dijawab"),
        _("Semua rujukan yang dikirim sudah dijawab."), _manages,
        selectors.referrals_sent_unanswered, _sent, order=50,
    ))  # fmt: skip
    register_section(Section(
        "stale_cases", _("Kasus tanpa kegiatan 30 hari"),
        _("Tidak ada kasus yang terbengkalai."), _manages,
        selectors.stale_cases, _case, order=60,
    ))  # fmt: skip
    register_section(Section(
        "texts_to_review", _("Teks dibagikan untuk ditinjau"),
        _("Tidak ada teks yang menunggu tinjauan."),
        lambda user: can(user, Perm.SCREENING_REVIEW),
        selectors.texts_to_review, _text, reverse_lazy_str("prevention:review"), order=70,
    ))  # fmt: skip
    register_section(Section(
        "model_evaluation", _("Evaluasi terakhir model penyaringan"),
        _("Belum ada model penyaringan dengan hasil evaluasi."),
        lambda user: can(user, Perm.SCREENING_REVIEW),
        evaluation_rows, _evaluation, reverse_lazy_str("prevention:home"), order=75,
        counted=False,
    ))  # fmt: skip
    register_section(Section(
        "stage_deadlines", _("Tenggat tahap perkara"),
        _("Tidak ada tenggat tahap perkara yang lewat atau dekat."),
        lambda user: can(user, Perm.PROSECUTION_MANAGE),
        selectors.stage_deadlines_due, _stage_deadline, reverse_lazy_str("legal:list"),
        order=42,
    ))  # fmt: skip
    register_section(Section(
        "public_reports", _("Laporan publik dan SOS menunggu petugas"),
        _("Tidak ada laporan yang menunggu."),
        lambda user: can(user, Perm.LAPOR_TRIAGE),
        selectors.public_reports_waiting, _report, reverse_lazy_str("lapor:queue"), order=5,
    ))  # fmt: skip
    register_section(Section(
        "transfers_incoming", _("Serah terima kasus menunggu jawaban"),
        _("Tidak ada serah terima yang menunggu jawaban."), _manages,
        transfers_incoming, _transfer, reverse_lazy_str("cases:transfers_incoming"), order=25,
    ))  # fmt: skip
    register_section(Section(
        "intel_alerts", _("Peringatan intelijen"),
        _("Tidak ada peringatan baru."),
        lambda user: can(user, Perm.INTEL_VIEW),
        alerts_queryset, _alert, reverse_lazy_str("intel:alerts"), order=8,
    ))  # fmt: skip
    register_section(Section(
        "releases_to_decide", _("Rilis data menunggu keputusan saya"),
        _("Tidak ada rilis data yang menunggu keputusan Anda."),
        lambda user: can(user, Perm.SHARING_APPROVE),
        releases_to_decide, _release, reverse_lazy_str("sharing:list"), order=80,
    ))  # fmt: skip


def reverse_lazy_str(name: str) -> Any:
    return lambda user: reverse(name)
