"""The permission matrix: which role may do what. The only place that grants anything.

Deny by default: a permission not listed here, an inactive user, a user without an
organisation or role, or an inactive organisation gets nothing. docs/permissions.md is
generated from this table (``waspada permissions --markdown``) and a test keeps them equal.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from waspada.accounts.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from waspada.accounts.models import User


class Perm(StrEnum):
    PREVENTION_VIEW = "prevention.view"
    SCREENING_REVIEW = "screening.review"
    LAPOR_TRIAGE = "lapor.triage"
    PROTECTION_VIEW = "protection.view"
    PROTECTION_MANAGE = "protection.manage"
    PROTECTION_APPROVE = "protection.approve"
    REFERRAL_RESPOND = "referrals.respond"
    PROSECUTION_VIEW = "prosecution.view"
    PROSECUTION_MANAGE = "prosecution.manage"
    CAMPAIGNS_MANAGE = "campaigns.manage"
    TRAININGS_MANAGE = "trainings.manage"
    INTEL_VIEW = "intel.view"
    INTEL_MANAGE = "intel.manage"
    REPORTS_VIEW = "reports.view"
    ADMIN_VIEW = "admin.view"
    ADMIN_MANAGE_USERS = "admin.manage_users"
    AUDIT_VIEW = "audit.view"
    API_USE = "api.use"
    SHARING_REQUEST = "sharing.request"
    SHARING_APPROVE = "sharing.approve"
    SHARING_AGREEMENTS = "sharing.agreements"


DESCRIPTIONS: dict[Perm, Any] = {
    Perm.PREVENTION_VIEW: _("Melihat bagian Pencegahan (cek lowongan, kampanye)"),
    Perm.SCREENING_REVIEW: _("Meninjau dan memberi label teks yang dibagikan publik"),
    Perm.LAPOR_TRIAGE: _("Menangani laporan publik dan SOS (antrean piket)"),
    Perm.PROTECTION_VIEW: _("Melihat kasus korban milik organisasinya"),
    Perm.PROTECTION_MANAGE: _("Mendaftarkan dan mengelola kasus korban"),
    Perm.PROTECTION_APPROVE: _("Menyetujui identifikasi, rujukan darurat dan penutupan kasus"),
    Perm.REFERRAL_RESPOND: _("Menjawab rujukan yang dikirim ke organisasinya"),
    Perm.PROSECUTION_VIEW: _("Melihat perkara hukum organisasinya"),
    Perm.PROSECUTION_MANAGE: _("Mengelola perkara hukum dan barang bukti"),
    Perm.CAMPAIGNS_MANAGE: _("Mencatat dan mengubah kampanye organisasinya"),
    Perm.TRAININGS_MANAGE: _("Mengelola pelatihan aparat yang diselenggarakan organisasinya"),
    Perm.INTEL_VIEW: _(
        "Mencari nomor/akun perekrut dan melihat jaringannya (sebatas sumber yang boleh dilihat)"
    ),
    Perm.INTEL_MANAGE: _("Menggabung/memisah jaringan perekrut, entri analis, dosir"),
    Perm.REPORTS_VIEW: _("Melihat dasbor dan laporan agregat"),
    Perm.ADMIN_VIEW: _("Membuka bagian Administrasi"),
    Perm.ADMIN_MANAGE_USERS: _("Mengelola organisasi, pengguna dan peran"),
    Perm.AUDIT_VIEW: _("Melihat jejak audit"),
    Perm.API_USE: _("Memakai API dengan token"),
    Perm.SHARING_REQUEST: _("Melihat dan meminta rilis data (HTCDS, CTDC, sintetis)"),
    Perm.SHARING_APPROVE: _("Menyetujui rilis data yang diminta orang lain"),
    Perm.SHARING_AGREEMENTS: _("Mencatat perjanjian berbagi data"),
}

_ALL = frozenset(Role)

MATRIX: dict[Perm, frozenset[Role]] = {
    Perm.PREVENTION_VIEW: _ALL,
    Perm.SCREENING_REVIEW: frozenset({Role.SUPERVISOR, Role.PROGRAMME_OFFICER}),
    Perm.LAPOR_TRIAGE: frozenset({Role.SUPERVISOR, Role.DUTY_OFFICER}),
    # Duty officers turn public reports into cases: they register cases and see the ones
    # assigned to them (the case kernel's scope), nothing else of protection.
    Perm.PROTECTION_VIEW: frozenset(
        {Role.SUPERVISOR, Role.CASEWORKER, Role.LEGAL_OFFICER, Role.DUTY_OFFICER}
    ),
    Perm.PROTECTION_MANAGE: frozenset({Role.SUPERVISOR, Role.CASEWORKER, Role.DUTY_OFFICER}),
    Perm.PROTECTION_APPROVE: frozenset({Role.SUPERVISOR}),
    # A legal-aid organisation's legal officer answers the legal-aid referrals sent to it.
    Perm.REFERRAL_RESPOND: frozenset(
        {Role.SUPERVISOR, Role.CASEWORKER, Role.LEGAL_OFFICER, Role.DUTY_OFFICER}
    ),
    Perm.PROSECUTION_VIEW: frozenset({Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.CASEWORKER}),
    Perm.PROSECUTION_MANAGE: frozenset({Role.SUPERVISOR, Role.LEGAL_OFFICER}),
    Perm.CAMPAIGNS_MANAGE: frozenset({Role.SUPERVISOR, Role.PROGRAMME_OFFICER}),
    Perm.TRAININGS_MANAGE: frozenset({Role.SUPERVISOR, Role.PROGRAMME_OFFICER, Role.LEGAL_OFFICER}),
    # Recruitment intelligence: each sighting is shown only as far as the viewer may see its
    # source (selectors); caseworkers may look a number up (they meet recruiters' numbers in
    # their cases) but not merge, split or export.
    Perm.INTEL_VIEW: frozenset(
        {Role.SUPERVISOR, Role.CASEWORKER, Role.LEGAL_OFFICER, Role.PROGRAMME_OFFICER, Role.ANALYST}
    ),
    Perm.INTEL_MANAGE: frozenset({Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.ANALYST}),
    Perm.REPORTS_VIEW: frozenset(
        {Role.ADMIN, Role.SUPERVISOR, Role.PROGRAMME_OFFICER, Role.ANALYST}
    ),
    Perm.ADMIN_VIEW: frozenset({Role.ADMIN}),
    Perm.ADMIN_MANAGE_USERS: frozenset({Role.ADMIN}),
    Perm.AUDIT_VIEW: frozenset({Role.ADMIN}),
    Perm.API_USE: _ALL,
    # Releases leave the platform: requested by those who work with aggregates, approved by
    # a second person who answers for the data (four eyes), under an agreement an
    # administrator recorded.
    Perm.SHARING_REQUEST: frozenset({Role.ADMIN, Role.SUPERVISOR, Role.ANALYST}),
    Perm.SHARING_APPROVE: frozenset({Role.ADMIN, Role.SUPERVISOR}),
    Perm.SHARING_AGREEMENTS: frozenset({Role.ADMIN}),
}


# Permissions that open victims' personal data, evidence, public reports with their senders'
# contacts, the accounts of other people, or the audit trail. A role holding any of them must
# sign in with a second factor (``second_factor_required``); derived from the matrix, so a new
# role with such access is covered without a second list to keep in step.
PERSONAL_DATA: frozenset[Perm] = frozenset(
    {
        Perm.PROTECTION_VIEW,
        Perm.PROSECUTION_VIEW,
        Perm.LAPOR_TRIAGE,
        Perm.ADMIN_MANAGE_USERS,
        Perm.AUDIT_VIEW,
    }
)


def second_factor_required(role: Role | str) -> bool:
    """True when ``role`` holds a permission on personal data or evidence."""
    return any(role in MATRIX[perm] for perm in PERSONAL_DATA)


def can(user: User | AnonymousUser | None, perm: Perm) -> bool:
    """True only for an active user of an active organisation whose role the matrix lists."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    organisation = user.organisation
    if organisation is None or not organisation.is_active or not user.role:
        return False
    return user.role in MATRIX.get(perm, frozenset())


def permissions_for(role: Role | str) -> list[Perm]:
    return [perm for perm in Perm if role in MATRIX[perm]]


def matrix_markdown() -> str:
    """The matrix as a Markdown table (English role codes, one row per permission)."""
    roles = list(Role)
    lines = [
        "| permission | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for perm in Perm:
        cells = ["yes" if role in MATRIX[perm] else "–" for role in roles]
        lines.append(f"| `{perm.value}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
