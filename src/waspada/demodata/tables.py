"""The tables the generator fills, with the columns it writes (every NOT NULL column)."""

from __future__ import annotations

from django.db import models

from waspada.assistance.models import FollowUp, ServiceDelivery
from waspada.campaigns.models import Campaign
from waspada.cases.models import (
    Case,
    CaseAccessGrant,
    CaseTransfer,
    Consent,
    Person,
    PersonNameToken,
    StatusChange,
)
from waspada.demodata.writer import Chunk, Table
from waspada.identification.models import Interview
from waspada.lapor.models import PublicReport, ReportContact
from waspada.legal.models import Charge, Hearing, LegalCase, StageChange, Suspect
from waspada.privacy.models import DataKey
from waspada.referrals.models import Referral
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.trainings.models import Participant, Training

# The most rows one case can add to a table (legal rows per case: at most one legal case per
# victim, three suspects, three charges…). A batch of N cases owns ids [first, first + N·bound)
# in each table, so batches can be generated independently, in any process, with the same
# result; ids are therefore not contiguous, as in any database where transactions roll back.
ROWS_PER_CASE = {
    "data_keys": 5, "persons": 1, "name_tokens": 6, "cases": 1, "assigned": 1, "status_changes": 6,
    "consents": 3, "interviews": 1, "services": 3, "follow_ups": 3, "referrals": 1,
    "access_grants": 3, "transfers": 2, "repatriations": 1, "stage_entries": 8, "legal_cases": 1,
    "victim_links": 1, "charges": 3, "suspects": 3, "stage_changes": 7, "hearings": 5,
}  # fmt: skip


# The facts of a case written after its other columns (``demodata.facts``), in this order.
CASE_FACTS = (
    "recruitment_channels", "recruitment_place", "transit_countries", "recruiter_kind",
    "recruiter_agency", "recruiter_licence", "exploitation_platforms", "vulnerabilities",
    "case_source", "also_suspect",
)  # fmt: skip


class Tables:
    """Every table in insertion order (parents before children)."""

    def __init__(self) -> None:
        self.data_keys = Table(DataKey, ["id", "wrapped", "master_key_id", "created_at"])
        self.persons = Table(Person, [
            "id", "data_key_id", "sealed", "nik_index", "passport_index", "phone_index",
            "name_index", "name_birth_index", "sex", "age_at_identification",
            "province_of_origin", "regency_of_origin", "education", "citizenship", "deceased",
            "version",
        ])  # fmt: skip
        self.name_tokens = Table(PersonNameToken, ["id", "person_id", "digest"])
        self.cases = Table(Case, [
            "id", "code", "organisation_id", "person_id", "status", "trafficking_status",
            "trafficking_decided_by_id", "sealed_notes", "exploitation_types", "scam_typology",
            "destination_country", "destination_city", "compound", "recruitment_channel",
            "recruiter_relation", "means_of_control", "recruited_on", "departed_on",
            "arrived_on", "exited_on", "returned_on", "created_by_id", "created_at",
            "updated_at", "version", *CASE_FACTS,
        ])  # fmt: skip
        self.assigned = Table(Case.assigned.through, ["id", "case_id", "user_id"])
        self.status_changes = Table(StatusChange, [
            "id", "case_id", "from_status", "to_status", "changed_by_id", "changed_at",
        ])  # fmt: skip
        self.consents = Table(Consent, [
            "id", "case_id", "kind", "granted", "recorded_by_id", "recorded_at",
        ])  # fmt: skip
        self.interviews = Table(Interview, [
            "id", "case_id", "interviewer_id", "interviewed_on", "process_codes", "means_codes",
            "purpose_codes", "ilo_codes", "indicators_version", "sealed_summary",
            "proposed_status", "proposed_reasons", "state", "decided_status", "decided_by_id",
            "decided_at", "sealed_reason", "requires_approval", "approved_by_id", "approved_at",
            "sealed_rejection", "created_at", "version", "facts", "sealed_facts",
        ])  # fmt: skip
        self.services = Table(ServiceDelivery, [
            "id", "case_id", "service_type", "provider_organisation_id", "provider_name",
            "started_on", "ended_on", "status", "outcome", "sealed_note", "cost_idr",
            "recorded_by_organisation_id", "created_by_id", "created_at", "updated_at", "version",
        ])  # fmt: skip
        self.follow_ups = Table(FollowUp, [
            "id", "case_id", "due_on", "sealed_note", "done_at", "done_by_id", "created_by_id",
            "created_at",
        ])  # fmt: skip
        self.referrals = Table(Referral, [
            "id", "case_id", "from_organisation_id", "to_organisation_id", "service_type",
            "status", "consent_overridden", "sealed_note", "requested_by_id", "requested_at",
            "responded_by_id", "responded_at",
        ])  # fmt: skip
        self.access_grants = Table(CaseAccessGrant, [
            "id", "case_id", "organisation_id", "reason", "source_id", "granted_by_id",
            "granted_at", "revoked_at",
        ])  # fmt: skip
        self.transfers = Table(CaseTransfer, [
            "id", "case_id", "from_organisation_id", "to_organisation_id", "status", "items",
            "sealed_note", "requested_by_id", "requested_at", "answered_by_id", "answered_at",
            "bast_number",
        ])  # fmt: skip
        self.repatriations = Table(Repatriation, [
            "id", "case_id", "current_stage", "current_order", "started_on", "created_at",
            "updated_at",
        ])  # fmt: skip
        self.stage_entries = Table(StageEntry, [
            "id", "repatriation_id", "stage", "order", "reached_on", "organisation_id",
            "responsible_party", "cost_idr", "cost_payer", "sealed_note", "recorded_by_id",
            "recorded_at",
        ])  # fmt: skip
        self.legal_cases = Table(LegalCase, [
            "id", "code", "organisation_id", "title", "data_key_id", "sealed_notes",
            "police_report_number", "police_unit", "police_report_date", "stage", "court",
            "verdict", "verdict_date", "sentence_months", "fine_idr",
            "restitution_requested_idr", "restitution_requested_on", "restitution_awarded_idr",
            "restitution_awarded_on", "restitution_paid_idr", "restitution_paid_on",
            "lpsk_requested", "lpsk_granted", "legal_aid_provider", "lawyer", "created_by_id",
            "created_at", "updated_at", "version",
        ])  # fmt: skip
        self.victim_links = Table(LegalCase.victim_cases.through, ["id", "legalcase_id", "case_id"])
        self.charges = Table(Charge, [
            "id", "legal_case_id", "article_key", "instrument", "article", "offence_id",
            "offence_en", "penalty_before_2026", "penalty_from_2026", "reference_version",
            "offence_date", "created_by_id", "created_at",
        ])  # fmt: skip
        self.suspects = Table(Suspect, [
            "id", "legal_case_id", "data_key_id", "sealed", "name_index", "role",
            "created_by_id", "created_at", "version",
        ])  # fmt: skip
        self.stage_changes = Table(StageChange, [
            "id", "legal_case_id", "from_stage", "to_stage", "sealed_reason", "changed_by_id",
            "changed_at",
        ])  # fmt: skip
        self.hearings = Table(Hearing, [
            "id", "legal_case_id", "scheduled_at", "court", "agenda", "created_by_id",
            "created_at",
        ])  # fmt: skip
        self.trainings = Table(Training, [
            "id", "title", "topic", "start_date", "end_date", "province", "city", "organiser_id",
            "target_institution_types", "notes", "data_key_id", "created_by_id", "created_at",
            "updated_at", "version",
        ])  # fmt: skip
        self.participants = Table(Participant, [
            "id", "training_id", "institution_type", "institution_name", "role", "sex",
            "attended", "pre_score", "post_score", "sealed_name", "created_by_id", "created_at",
        ])  # fmt: skip
        self.campaigns = Table(Campaign, [
            "id", "title", "channel", "province", "regency", "start_date", "end_date",
            "audience_type", "people_reached", "reached_female", "reached_male", "materials",
            "organisation_id", "created_by_id", "created_at", "updated_at", "version",
        ])  # fmt: skip
        self.campaign_partners = Table(
            Campaign.partners.through, ["id", "campaign_id", "organisation_id"]
        )
        self.public_reports = Table(PublicReport, [
            "id", "tracking_code", "kind", "channel", "status", "outcome", "priority",
            "priority_rank", "priority_reasons", "situations", "country", "reporter_province",
            "seen_on", "anonymous", "data_key_id", "sealed", "person_phone_index",
            "person_name_birth_index", "person_name_index", "pin_digest", "pin_failures",
            "created_at", "first_response_at", "organisation_id", "claimed_by_id", "claimed_at",
            "closed_by_id", "closed_at", "case_id", "referred_to_id", "referred_service",
            "duplicate_of_id", "sealed_close_reason", "client_index",
        ])  # fmt: skip
        self.report_contacts = Table(
            ReportContact, ["id", "report_id", "kind", "value_index", "value"]
        )

    def all(self) -> list[Table]:
        return [value for value in vars(self).values() if isinstance(value, Table)]

    def models(self) -> list[type[models.Model]]:
        return [table.model for table in self.all()]

    def start_ids(self) -> None:
        for table in self.all():
            table.start_ids()

    def named(self) -> dict[str, Table]:
        return {name: value for name, value in vars(self).items() if isinstance(value, Table)}

    def next_ids(self) -> dict[str, int]:
        return {name: table.next_id for name, table in self.named().items()}

    def place_batch(self, first_ids: dict[str, int], batch: int, batch_size: int) -> None:
        """Give batch number ``batch`` its own id range in every table it writes."""
        for name, table in self.named().items():
            span = ROWS_PER_CASE.get(name, 0) * batch_size
            start = first_ids[name] + batch * span
            table.place(start, start + span)

    def take(self, vendor: str) -> list[Chunk]:
        """The pending rows of every table, ready to write, parents first."""
        chunks = (table.take(vendor) for table in self.all())
        return [chunk for chunk in chunks if chunk is not None]

    def counts(self) -> dict[str, int]:
        return {table.model._meta.label_lower: table.written for table in self.all()}
