"""The dossier's hashes verify, and attaching it to a legal case records custody."""

from __future__ import annotations

import io
import zipfile

import pytest

from waspada.accounts.roles import Role
from waspada.evidence.models import CustodyEvent
from waspada.evidence.services import item_check
from waspada.intel import dossier
from waspada.intel.models import Entity
from waspada.legal.services import legal_case_create

pytestmark = pytest.mark.django_db


def test_dossier_zip_hashes_verify_and_tampering_is_seen(scene):
    cluster = Entity.objects.get(kind="phone").cluster
    built = dossier.dossier_build(viewer=scene.supervisor, cluster=cluster)
    assert built.pdf.startswith(b"%PDF-")
    assert dossier.verify_zip(built.zip)
    assert built.manifest["generated_by"] == "sup.iom"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(built.zip)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data + b"x" if name == "timeline.csv" else data)
    assert not dossier.verify_zip(out.getvalue())


def test_attaching_the_dossier_records_custody(
    scene, make_user, django_capture_on_commit_callbacks
):
    legal = make_user("legal.iom", Role.LEGAL_OFFICER)
    legal_case = legal_case_create(actor=legal, data={"title": "Perkara TPPO"})
    cluster = Entity.objects.get(kind="phone").cluster
    with django_capture_on_commit_callbacks(execute=True):
        item = dossier.dossier_attach(actor=legal, cluster=cluster, legal_case=legal_case)
    assert item.legal_case_id == legal_case.pk
    assert CustodyEvent.objects.filter(item=item).exists()
    assert item_check(item) == ""  # nothing wrong


def test_a_caseworker_may_not_build_a_dossier(scene):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        dossier.dossier_build(viewer=scene.outsider, cluster=Entity.objects.first().cluster)
