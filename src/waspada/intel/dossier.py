"""The dossier for prosecution: a cluster as a PDF, and a ZIP with the PDF, CSV tables and a
manifest holding the SHA-256 of each file, who generated it and when.

Only what the generating user may see goes in (the same rule as the cluster page). Attached to
a legal case, the PDF goes into the evidence vault, which records its chain of custody.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.evidence.models import EvidenceItem, EvidenceKind
from waspada.evidence.services import item_upload
from waspada.intel.models import Cluster
from waspada.intel.selectors import ClusterView, cluster_view
from waspada.legal.models import LegalCase
from waspada.reports.pdf import Document


@dataclass(frozen=True)
class Dossier:
    pdf: bytes
    zip: bytes
    manifest: dict[str, object]
    name: str


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdf(view: ClusterView, who: str, when: str) -> bytes:
    doc = Document(f"Dosir jaringan perekrut {view.cluster.pk}", language="id")
    doc.line(f"Dosir jaringan perekrut #{view.cluster.pk}", size=16, bold=True)
    doc.line(f"Dibuat oleh {who}, {when} (Waspada)", size=9, gap=10)
    doc.line("Pengenal / identifiers", size=12, bold=True)
    for ident in view.identifiers:
        doc.line(f"{ident['kind']}: {ident['value']} (ditulis: {ident['display']}) — "
                 f"{ident['sightings']} kali terlihat", size=9, gap=2)  # fmt: skip
    doc.y += 6
    doc.line("Linimasa / timeline", size=12, bold=True)
    for row in view.visible:
        doc.line(f"{row.seen_on.isoformat()}  {row.kind_label}  {row.ref}  ({row.organisation})",
                 size=9, gap=2)  # fmt: skip
    for hidden in view.hidden:
        doc.line(f"{hidden.count} × {hidden.kind_label} di {hidden.organisation} (tidak terbuka "
                 "bagi pembuat dosir)", size=9, gap=2)  # fmt: skip
    if view.countries:
        doc.line("Negara tujuan: " + ", ".join(view.countries), size=9)
    return doc.render()


def _csv(rows: Sequence[Sequence[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def dossier_build(*, viewer: User, cluster: Cluster, request: HttpRequest | None = None) -> Dossier:
    """Build the dossier of ``cluster`` as ``viewer`` may see it; audited."""
    if not can(viewer, Perm.INTEL_MANAGE):
        raise PermissionDenied
    # The whole timeline (not one page): every source the viewer may open, the rest summed.
    view = cluster_view(viewer=viewer, cluster=cluster, audit_read=False, per_page=None)
    when = timezone.now().replace(microsecond=0).isoformat()
    who = viewer.get_username()
    files = {
        "dossier.pdf": _pdf(view, who, when),
        "identifiers.csv": _csv(
            [["id", "kind", "value", "display", "sightings"]]
            + [
                [i["id"], i["kind"], i["value"], i["display"], i["sightings"]]
                for i in view.identifiers
            ]
        ),
        "timeline.csv": _csv(
            [["date", "source", "reference", "organisation", "identifier_id"]]
            + [
                [r.seen_on.isoformat(), r.kind, r.ref, r.organisation, r.entity_id]
                for r in view.visible
            ]
            + [["", h.kind, f"{h.count} not visible", h.organisation, ""] for h in view.hidden]
        ),
    }
    manifest: dict[str, object] = {
        "cluster": cluster.pk,
        "generated_by": who,
        "generated_at": when,
        "sha256": {name: _sha(data) for name, data in files.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    audit.record("intel.dossier.generated", actor=viewer, obj=cluster, request=request,
                 details={"sha256": manifest["sha256"]})  # fmt: skip
    return Dossier(
        files["dossier.pdf"], buffer.getvalue(), manifest, f"dosir-jaringan-{cluster.pk}"
    )


def verify_zip(data: bytes) -> bool:
    """True when every file in a dossier ZIP has the SHA-256 its manifest gives."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        hashes: dict[str, str] = manifest["sha256"]
        names = set(archive.namelist()) - {"manifest.json"}
        return names == set(hashes) and all(
            _sha(archive.read(name)) == digest for name, digest in hashes.items()
        )


def dossier_attach(
    *, actor: User, cluster: Cluster, legal_case: LegalCase, request: HttpRequest | None = None
) -> EvidenceItem:
    """Put the dossier's PDF into the evidence vault of ``legal_case``: the vault hashes it and
    records the custody event (only those who manage the legal case may)."""
    with transaction.atomic():
        dossier = dossier_build(viewer=actor, cluster=cluster, request=request)
        upload = SimpleUploadedFile(f"{dossier.name}.pdf", dossier.pdf, "application/pdf")
        item = item_upload(
            actor=actor,
            upload=upload,
            kind=EvidenceKind.DOCUMENT,
            description=f"Dosir jaringan perekrut #{cluster.pk} (SHA-256 {_sha(dossier.pdf)})",
            legal_case=legal_case,
            request=request,
        )
        audit.record("intel.dossier.attached", actor=actor, obj=cluster, request=request,
                     details={"legal_case": legal_case.code, "evidence": item.pk})  # fmt: skip
    return item
