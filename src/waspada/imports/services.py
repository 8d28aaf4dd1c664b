"""Importing cases from a spreadsheet: a dry run that reports every bad row by line and field,
and an all-or-nothing commit. Every row is checked by the case validator, the same one the
registration page and the API use; the import as a whole is audited (never its content)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases.services import case_register
from waspada.cases.validation import validate_case_fields
from waspada.imports.reading import Sheet, read_cases


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportResult:
    sheet: Sheet
    dry_run: bool
    errors: list[RowError] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # case codes, when committed

    @property
    def committed(self) -> bool:
        return bool(self.created)


def _check(sheet: Sheet) -> list[RowError]:
    errors: list[RowError] = []
    for line, values in sheet.rows:
        try:
            validate_case_fields({"full_name": "", "sex": "", **values})
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.extend(RowError(line, name, str(message)) for message in messages)
    return errors


def cases_import(
    *,
    actor: User,
    content: bytes,
    filename: str = "",
    mapping: dict[str, str] | None = None,
    dry_run: bool = True,
    request: HttpRequest | None = None,
) -> ImportResult:
    """Check every row; unless ``dry_run``, and only when no row has an error, register them
    all in the actor's organisation in one transaction (each case audited as registered, and
    assigned to the actor). A file with any bad row commits nothing."""
    if not can(actor, Perm.PROTECTION_MANAGE):
        raise PermissionDenied
    sheet = read_cases(content, filename=filename, mapping=mapping)
    result = ImportResult(sheet=sheet, dry_run=dry_run, errors=_check(sheet))
    if dry_run or result.errors or not sheet.rows:
        return result
    with transaction.atomic():
        for _line, values in sheet.rows:
            case = case_register(actor=actor, data=values, request=request)
            result.created.append(case.code)
        columns = sorted(f for f in sheet.mapping.values() if f)
        audit.record("imports.cases.imported", actor=actor, obj=None, request=request,
                     details={"rows": len(sheet.rows), "columns": columns})  # fmt: skip
    return result
