"""Notifications: who gets them, e-mails in the outbox without personal data, sent once."""

from __future__ import annotations

import pytest
from django.core.management import call_command  # noqa: F401

from tests.case_fixtures import SECRETS
from waspada.accounts.roles import Role
from waspada.cases.services import case_assign
from waspada.jobs.models import Job
from waspada.jobs.runner import job_enqueue, run_job
from waspada.notifications.models import Delivery, EmailState, Kind, MandatoryKind, Notification
from waspada.notifications.services import notify, preferences_set
from waspada.referrals.services import referral_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "waspada.notifications.mail.OutboxBackend"
    settings.WASPADA_OUTBOX_DIR = tmp_path / "outbox"
    return tmp_path / "outbox"


def eml_texts(folder) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.read_text() for p in sorted(folder.glob("*.eml"))] if folder.exists() else []


def test_referral_notifies_the_receiving_organisation_with_an_email_without_personal_data(
    case_cast, outbox, django_capture_on_commit_callbacks, make_user, org_ngo
):
    supervisor_ngo = make_user(
        "sup.ngo", Role.SUPERVISOR, organisation=org_ngo, email="s@ngo.example"
    )
    case_cast.recipient.email = "cw@ngo.example"
    case_cast.recipient.save()
    with django_capture_on_commit_callbacks(execute=True):
        referral_create(
            actor=case_cast.assigned,
            case=case_cast.case,
            to_organisation=org_ngo.pk,
            service_type="shelter",
        )
    got = Notification.objects.filter(kind=Kind.REFERRAL_RECEIVED)
    assert sorted(n.user.username for n in got) == sorted(
        [case_cast.recipient.username, supervisor_ngo.username]
    )
    assert not Notification.objects.filter(user=case_cast.outsider).exists()
    mails = eml_texts(outbox)
    assert len(mails) == 2
    for mail in mails:
        assert case_cast.case.code in mail
        assert "/perlindungan/rujukan-masuk/" in mail
        for secret in SECRETS:
            assert secret not in mail
    assert set(got.values_list("email", flat=True)) == {EmailState.SENT}


def test_case_assigned_notifies_the_new_caseworker_only(
    case_cast, outbox, django_capture_on_commit_callbacks
):
    case_cast.colleague.email = "col@iom.example"
    case_cast.colleague.save()
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(
            actor=case_cast.supervisor,
            case=case_cast.case,
            users=[case_cast.assigned, case_cast.colleague],
        )
    got = Notification.objects.filter(kind=Kind.CASE_ASSIGNED)
    assert [n.user for n in got] == [case_cast.colleague]  # the assigned one already was
    (mail,) = eml_texts(outbox)
    assert case_cast.case.code in mail
    assert not any(secret in mail for secret in SECRETS)


def test_an_email_is_sent_at_most_once_even_if_the_job_runs_again(
    case_cast, outbox, django_capture_on_commit_callbacks
):
    case_cast.assigned.email = "a@iom.example"
    case_cast.assigned.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users=[case_cast.assigned],
            kind=Kind.CASE_ASSIGNED,
            params={"code": case_cast.case.code},
        )
    job = Job.objects.get(kind="notifications.email")
    Job.objects.filter(pk=job.pk).update(state="running")  # a worker died; redelivered
    assert run_job(job.pk) == "done"
    assert len(eml_texts(outbox)) == 1


def test_notification_parameters_refuse_anything_but_codes_dates_and_numbers(case_cast):
    with pytest.raises(ValueError):
        notify(
            users=[case_cast.assigned], kind=Kind.CASE_ASSIGNED, params={"code": "Siti Rahmawati"}
        )
    with pytest.raises(ValueError):
        notify(users=[case_cast.assigned], kind=Kind.CASE_ASSIGNED, params={"name": "X"})


def test_preferences_off_digest_and_mandatory(
    case_cast, outbox, django_capture_on_commit_callbacks
):
    user = case_cast.assigned
    user.email = "a@iom.example"
    user.save()
    preferences_set(
        user=user, choices={Kind.CASE_ASSIGNED: Delivery.OFF, Kind.FOLLOW_UP_DUE: Delivery.DIGEST}
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[user], kind=Kind.CASE_ASSIGNED, params={"code": "K-1"})
        notify(users=[user], kind=Kind.FOLLOW_UP_DUE, params={"code": "K-2", "date": "2026-12-04"})
        notify(users=[user], kind=Kind.FOLLOW_UP_DUE, params={"code": "K-3", "date": "2026-12-04"})
    assert eml_texts(outbox) == []
    assert Notification.objects.filter(user=user).count() == 3  # always in the app
    with django_capture_on_commit_callbacks(execute=True):
        job_enqueue(kind="notifications.digest")
    (digest,) = eml_texts(outbox)
    assert "K-2" in digest and "K-3" in digest and "K-1" not in digest
    # The organisation makes case assignments mandatory: the user's "off" no longer applies.
    MandatoryKind.objects.create(organisation=user.organisation, kind=Kind.CASE_ASSIGNED)
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[user], kind=Kind.CASE_ASSIGNED, params={"code": "K-4"})
    assert len(eml_texts(outbox)) == 2


def test_a_reminder_key_notifies_once(case_cast):
    for _ in range(2):
        notify(
            users=[case_cast.assigned],
            kind=Kind.FOLLOW_UP_DUE,
            params={"code": "K-1", "date": "2026-12-04"},
            key="follow-up:1",
        )
    assert Notification.objects.filter(user=case_cast.assigned).count() == 1
