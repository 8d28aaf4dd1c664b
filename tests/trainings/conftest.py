"""A fixed cast around trainings organised by IOM Indonesia, and one training to work on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import Role
from waspada.trainings import services
from waspada.trainings.models import Training

TRAINING: dict[str, Any] = {
    "title": "Identifikasi korban bagi aparat daerah",
    "topic": "victim_identification",
    "start_date": "2023-03-07",
    "end_date": "2023-03-09",
    "province": "Jawa Barat",
    "city": "Bandung",
    "target_institution_types": ["police", "labour_office"],
    "notes": "",
}
PARTICIPANT: dict[str, Any] = {
    "institution_type": "police",
    "institution_name": "Polda Jawa Barat",
    "role": "Penyidik",
    "sex": "female",
    "attended": True,
    "pre_score": 50,
    "post_score": 80,
}
CERTIFICATE_NAME = "Bripka Sri Wahyuningsih"


@dataclass
class TrainingCast:
    organisation: Organisation
    other_organisation: Organisation
    officer: User  # programme officer of the organiser: created the training
    supervisor: User
    legal_officer: User
    caseworker: User
    analyst: User
    admin: User
    other_officer: User  # programme officer of another organisation
    other_legal_officer: User
    no_role: User


@pytest.fixture
def cast_t(
    make_user: Callable[..., User], org_iom: Organisation, org_ngo: Organisation
) -> TrainingCast:
    return TrainingCast(
        organisation=org_iom,
        other_organisation=org_ngo,
        officer=make_user("prog.iom", Role.PROGRAMME_OFFICER),
        supervisor=make_user("sup.iom", Role.SUPERVISOR),
        legal_officer=make_user("legal.iom", Role.LEGAL_OFFICER),
        caseworker=make_user("cw.iom", Role.CASEWORKER),
        analyst=make_user("analyst", Role.ANALYST),
        admin=make_user("admin", Role.ADMIN),
        other_officer=make_user("prog.ngo", Role.PROGRAMME_OFFICER, org_ngo),
        other_legal_officer=make_user("legal.ngo", Role.LEGAL_OFFICER, org_ngo),
        no_role=make_user("nobody", ""),
    )


@pytest.fixture
def training(cast_t: TrainingCast) -> Training:
    return services.training_create(actor=cast_t.officer, data=TRAINING)


def add(training: Training, actor: User, **overrides: Any) -> Any:
    return services.participant_add(
        actor=actor, training=training, data={**PARTICIPANT, **overrides}
    )
