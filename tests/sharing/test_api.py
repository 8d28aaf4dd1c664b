"""API: /api/v1/releases with Bearer tokens, scoped like the pages."""

from __future__ import annotations

import hashlib

import pytest

from waspada.accounts.services import token_create
from waspada.sharing import services
from waspada.sharing.models import Release, ReleaseDownload

pytestmark = pytest.mark.django_db
URL = "/api/v1/releases"


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_request_list_and_download_after_approval(client, people, agreement, make_case):
    make_case()
    body = {"agreement_id": agreement.pk, "kind": "ctdc", "k": 2, "quasi_identifiers": ["gender"]}
    response = client.post(URL, body, content_type="application/json", **_auth(people["analyst"]))
    assert response.status_code == 201, response.content
    release_id = response.json()["id"]
    assert response.json()["status"] == "requested"
    file_url = f"{URL}/{release_id}/file"
    assert client.get(file_url, **_auth(people["analyst"])).status_code == 409
    services.release_approve(actor=people["supervisor"], release=Release.objects.get(pk=release_id))
    listed = client.get(URL, **_auth(people["analyst"])).json()
    assert [item["id"] for item in listed["results"]] == [release_id]
    answer = client.get(file_url, **_auth(people["analyst"]))
    assert answer.status_code == 200
    content = b"".join(answer.streaming_content)
    assert hashlib.sha256(content).hexdigest() == answer["X-Content-Sha256"]
    assert ReleaseDownload.objects.get().channel == "api"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"kind": "ctdc", "k": 1}, "k"),
        ({"kind": "ctdc", "quasi_identifiers": ["shoeSize"]}, "quasi_identifiers"),
        ({"kind": "synthetic", "epsilon": 0}, "epsilon"),
        ({"kind": "synthetic", "epsilon": 7}, "epsilon"),  # over the default budget of 6
    ],
)
def test_bad_input_is_400_naming_the_field(client, people, agreement, extra, field):
    body = {"agreement_id": agreement.pk, **extra}
    response = client.post(URL, body, content_type="application/json", **_auth(people["analyst"]))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Release.objects.exists()


def test_caseworker_403_and_other_organisations_agreement_404(
    client, people, agreement, make_user, org_ngo
):
    body = {"agreement_id": agreement.pk, "kind": "ctdc"}
    answer = client.post(URL, body, content_type="application/json", **_auth(people["caseworker"]))
    assert answer.status_code == 403
    outsider = make_user("analyst.ngo", "analyst", organisation=org_ngo)
    answer = client.post(URL, body, content_type="application/json", **_auth(outsider))
    assert answer.status_code == 404
    assert client.get(URL, **_auth(outsider)).json()["results"] == []
