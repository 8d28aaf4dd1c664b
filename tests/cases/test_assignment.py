"""Assignment by supervisors, with each caseworker's load."""

from __future__ import annotations

from waspada.accounts.roles import Role
from waspada.cases.assignment import caseworker_load
from waspada.cases.services import case_register


def test_load_counts_open_cases_of_the_organisation(case_cast, make_user):
    case_register(actor=case_cast.colleague, data={"full_name": "A", "sex": "male"})
    closed = case_register(actor=case_cast.colleague, data={"full_name": "B", "sex": "male"})
    closed.status = "closed"
    closed.save()
    loads = {load.user.username: load.open_cases for load in
             caseworker_load(organisation_id=case_cast.case.organisation_id)}  # fmt: skip
    assert loads["cw.colleague"] == 1 and loads["cw.assigned"] == 1 and loads["sup"] == 0
    assert "analyst" not in loads and "admin" not in loads and "cw.other" not in loads


def test_assign_page_reassigns(client, case_cast, make_user):
    client.force_login(case_cast.supervisor)
    url = f"/perlindungan/kasus/{case_cast.case.code}/petugas/"
    page = client.get(url)
    assert page.status_code == 200 and b"cw.colleague" in page.content
    response = client.post(url, {"users": [case_cast.colleague.pk]})
    assert response.status_code == 302
    assert list(case_cast.case.assigned.all()) == [case_cast.colleague]
    client.force_login(case_cast.assigned)
    assert client.get(url).status_code in (403, 404)
    other_supervisor = make_user("sup.other", Role.SUPERVISOR,
                                 organisation=case_cast.outsider.organisation)  # fmt: skip
    client.force_login(other_supervisor)
    assert client.get(url).status_code == 404
