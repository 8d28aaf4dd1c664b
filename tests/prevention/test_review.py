"""The review queue: reviewers label shared texts; labels feed the next model."""

from __future__ import annotations

import pytest

from tests.prevention.conftest import SCAM
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.prevention import services
from waspada.prevention.models import ReviewLabel, SharedOffer
from waspada.screening.rules import indicator_titles

QUEUE = "/pencegahan/tinjauan/"


@pytest.fixture
def shared(db) -> SharedOffer:
    assessment = services.offer_screen(text=SCAM, lang=None, channel="web")
    return services.offer_share(text=SCAM, assessment=assessment)


@pytest.mark.parametrize("role", [Role.PROGRAMME_OFFICER, Role.SUPERVISOR])
def test_reviewers_see_queue_and_the_read_is_audited(client, make_user, shared, role):
    client.force_login(make_user("rev", role))
    page = client.get(QUEUE).text
    assert "Kamboja" in page
    event = AuditEvent.objects.get(action="prevention.review_queue.viewed")
    assert event.details["ids"] == [shared.pk]


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ANALYST, Role.ADMIN, Role.LEGAL_OFFICER])
def test_other_roles_cannot_see_or_label(client, make_user, shared, role):
    client.force_login(make_user("other", role))
    assert client.get(QUEUE).status_code == 403
    response = client.post(f"{QUEUE}{shared.pk}/label/", {"label": "scam"})
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.label == ""


def test_label_is_saved_audited_and_exported(client, make_user, shared):
    reviewer = make_user("prog", Role.PROGRAMME_OFFICER)
    client.force_login(reviewer)
    response = client.post(f"{QUEUE}{shared.pk}/label/", {"label": "scam"})
    assert response.status_code == 302
    shared.refresh_from_db()
    assert (shared.label, shared.reviewed_by) == (ReviewLabel.SCAM, reviewer)
    event = AuditEvent.objects.get(action="prevention.offer.labelled")
    assert event.details == {"label": "scam", "previous": ""}
    examples = services.reviewed_examples()
    assert examples == [
        {
            "id": f"reviewed-{shared.pk}",
            "text": SCAM,
            "label": 1,
            "kind": "reviewed",
            "lang": shared.language,
            "provenance": ("shared by a member of the public with consent; labelled by a reviewer"),
        }
    ]
    assert "Kamboja" not in client.get(QUEUE).text  # no longer pending
    assert "Kamboja" in client.get(QUEUE + "?status=done").text


def test_unsure_is_not_exported_and_bad_label_refused(client, make_user, shared):
    client.force_login(make_user("prog", Role.PROGRAMME_OFFICER))
    client.post(f"{QUEUE}{shared.pk}/label/", {"label": "unsure"})
    assert services.reviewed_examples() == []
    client.post(f"{QUEUE}{shared.pk}/label/", {"label": "banana"})
    shared.refresh_from_db()
    assert shared.label == ReviewLabel.UNSURE


@pytest.mark.parametrize(("language", "verdict"), [("id", "Risiko tinggi"), ("en", "High risk")])
def test_queue_shows_red_flag_titles_not_rule_codes(client, make_user, shared, language, verdict):
    client.force_login(make_user("rev", Role.PROGRAMME_OFFICER))
    client.cookies["waspada_lang"] = language
    page = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE=language).text
    titles = indicator_titles()
    assert shared.indicator_codes
    for code in shared.indicator_codes:
        assert titles[code][language] in page.replace("&#x27;", "'").replace("&quot;", '"')
        assert code not in page
    assert verdict in page and ">high<" not in page
