"""Bodies of the ``waspada case`` commands. Imported by ``cli`` only after Django is set up,
so models and services of other apps are imported here at module level."""

from __future__ import annotations

import argparse
import sys

from django.core.exceptions import PermissionDenied

from waspada.accounts.models import User
from waspada.cases.models import Case, Person
from waspada.cases.selectors import unmatched_origins
from waspada.cases.services import (
    person_cases_find,
    person_erase,
    person_name_tokens_set,
)
from waspada.privacy import services as privacy


def regions_unmatched(args: argparse.Namespace) -> int:
    rows = unmatched_origins()
    for province, regency, people in rows:
        print(f"{people:>6}  province={province!r}  regency={regency!r}")
    print(f"{len(rows)} unmatched value(s).")
    return 0


def erase(args: argparse.Namespace) -> int:
    admin = User.objects.filter(username=args.by).first()
    case = Case.objects.select_related("person__data_key").filter(code=args.code).first()
    if admin is None or case is None:
        print(f"waspada: unknown {'user' if admin is None else 'case'}", file=sys.stderr)
        return 1
    if case.person.erased_at is not None:
        print(f"{case.code}: personal data was already erased.")
        return 0
    # The person, not only this case: every case the blind indexes tie to them is listed.
    same = [s for s in person_cases_find(case=case) if s.case.person.erased_at is None]
    if args.only_this:
        same = [s for s in same if s.case.pk == case.pk]
    print(f"Cases of this person ({len(same)}), erased together:")
    for entry in same:
        matched = ", ".join(entry.matched_on)
        print(f"  {entry.case.code}\t{entry.case.organisation}\tmatched on {matched}")
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "waspada: refusing to erase without --yes (no terminal to confirm)", file=sys.stderr
            )
            return 2
        answer = input(f"Type {case.code} to erase the personal data of these cases for good: ")
        if answer.strip() != case.code:
            print("Not erased.")
            return 1
    try:
        people = person_erase(actor=admin, cases=[entry.case for entry in same])
    except PermissionDenied:
        print(f"waspada: {args.by} is not an administrator", file=sys.stderr)
        return 1
    print(
        f"{case.code}: personal data erased ({len(same)} cases, {people} records); statistics kept."
    )
    return 0


def index_names(args: argparse.Namespace) -> int:
    """Backfill: write the name-word indexes of every person not erased (cases registered
    before search by part of a name existed). Idempotent."""
    done = 0
    for person in Person.objects.filter(erased_at__isnull=True).select_related("data_key"):
        opened = privacy.open_sealed(
            person.data_key, person.sealed, context=f"cases.person:{person.pk}"
        )
        if isinstance(opened, dict):
            person_name_tokens_set(person=person, full_name=str(opened.get("full_name") or ""))
            done += 1
    print(f"{done} people indexed by name words.")
    return 0
