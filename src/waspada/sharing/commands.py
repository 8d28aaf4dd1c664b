"""Bodies of ``waspada export``. Imported by ``cli`` only after Django is set up.

Outside demo mode a release needs a second person's approval, which the command line cannot
give: ``--release ID`` writes the file of a release approved on the page or through the API.
In demo mode the command records a release and skips the approval, and says so."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from waspada.sharing import kanon, ledger, reference, services
from waspada.sharing.files import atomic_file
from waspada.sharing.models import Agreement, BudgetEntry, Release


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(map(str, msgs))}" for field, msgs in exc.message_dict.items()
        )
    return " ".join(map(str, exc.messages))


def _years(text: str) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    first, _sep, last = text.partition("-")
    return int(first), int(last or first)


def _demo_agreement(kind: str) -> Agreement:
    agreement = Agreement.objects.filter(
        partner="Demo (command line)", organisation__isnull=True
    ).first()
    if agreement is None:
        today = timezone.localdate()
        agreement = services.agreement_create(
            actor=None,
            organisation_id=None,
            data={
                "partner": "Demo (command line)",
                "purpose": "Demo releases from the command line",
                "kinds": ["ctdc", "synthetic", "htcds"],
                "tables": reference.get("htcds_tables"),
                "personal_fields": [],
                "valid_from": date(today.year - 10, 1, 1),
                "valid_to": date(today.year + 10, 12, 31),
            },
        )
    return agreement


def _copy_out(source: Path, out: Path) -> None:
    with source.open("rb") as reader, atomic_file(out) as writer:
        shutil.copyfileobj(reader, writer)


def release_command(args: argparse.Namespace) -> int:
    kind = args.export_command
    out = Path(args.out)
    try:
        if args.release:
            release = (
                Release.objects.select_related("agreement")
                .filter(pk=args.release, kind=kind)
                .first()
            )
            if release is None:
                return _fail(f"no {kind} release {args.release}")
            path, _type = services.release_download(actor=None, release=release, channel="cli")
            _copy_out(path, out)
            print(f"Wrote release {release.pk} to {out} (sha256 {release.sha256}).")
            return 0
        if not settings.DEMO_MODE:
            return _fail(
                "outside demo mode a release needs a second person's approval: request it on the "
                "page or through the API, then write it with --release ID"
            )
        if args.agreement:
            agreement = Agreement.objects.filter(pk=args.agreement).first()
            if agreement is None:
                return _fail(f"no agreement {args.agreement}")
        else:
            agreement = _demo_agreement(kind)
        year_from, year_to = _years(args.years)
        data: dict[str, Any] = {"kind": kind, "year_from": year_from, "year_to": year_to}
        if kind == "ctdc":
            data.update(k=args.k, quasi_identifiers=args.qi)
        elif kind == "synthetic":
            data.update(epsilon=args.epsilon, rows=args.rows)
        release = services.release_request(actor=None, agreement=agreement, data=data)
        print("Demo mode: the approval step is skipped (recorded in the release).")
        release = services.release_approve_demo(release=release)
    except ValidationError as exc:
        return _fail(_messages(exc))
    except ValueError as exc:
        return _fail(str(exc))
    _copy_out(services.release_path(release), out)
    checks = release.checks
    print(
        f"Release {release.pk} ({kind}): {release.rows} rows, "
        f"sha256 {release.sha256}, written to {out}."
    )
    if kind == "ctdc":
        print(
            f"k={checks['k']} over {', '.join(checks['quasi_identifiers'])}: "
            f"{checks['rows_generalised']} rows ({checks['values_generalised']} values) "
            f"generalised, {checks['rows_suppressed']} rows suppressed; "
            f"steps: {'; '.join(checks['steps']) or 'none'}."
        )
    elif kind == "synthetic":
        utility = checks["utility"]
        print(
            f"epsilon={checks['epsilon']} delta={checks['delta']:.3g}; "
            f"one-way MAE {utility['one_way_mae']}, "
            f"two-way MAE {utility['two_way_mae']}, two-way within ±10 %: "
            f"{utility['two_way_within_10pct']:.0%}."
        )
        if "rows_fitted" in checks:  # releases made before the fit sample have no such key
            print(
                f"Fitted on {checks['rows_fitted']} of {checks['rows_real']} consented rows "
                f"(Poisson sample, bound {checks['sampling']['fit_rows_max']}, rate "
                f"{checks['sampling']['rate']}); reporting length {checks['reporting_length']}."
            )
    return 0


def check_k(args: argparse.Namespace) -> int:
    try:
        result = kanon.check_file(
            Path(args.file), qis=args.qi.split(","), k=args.k, aliases=reference.get("qi_aliases")
        )
    except kanon.KAnonError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror}")
    print(result.message())
    return 0 if result.ok else 1


def ledger_command(args: argparse.Namespace) -> int:
    year = args.year or timezone.localdate().year
    if args.set_total is not None:
        try:
            epsilon = Decimal(args.set_total)
            ledger.allocate(
                actor=None,
                organisation_id=args.organisation,
                year=year,
                epsilon=epsilon,
                note="command line",
            )
        except (InvalidOperation, ValidationError):
            return _fail("the total must be a number of at least 0")
    entries = BudgetEntry.objects.filter(organisation_id=args.organisation).select_related(
        "release"
    )
    if args.year:
        entries = entries.filter(year=args.year)
    who = f"organisation {args.organisation}" if args.organisation else "the platform"
    print(f"Privacy-budget ledger of {who}:")
    print("recorded (UTC)       year  kind        epsilon  release")
    for entry in entries:
        print(
            f"{entry.recorded_at:%Y-%m-%d %H:%M:%S}  {entry.year}  {entry.kind:<10}  "
            f"{entry.epsilon:>7}  {entry.release_id or ''}"
        )
    current = ledger.budget(args.organisation, year)
    print(f"{year}: total {current.total}, spent {current.spent}, remaining {current.remaining}.")
    return 0
