"""The ``waspada`` command line. Each package contributes its own commands (``add_parsers``
in its ``cli`` module, which imports nothing that needs Django at module level; a handler sets
Django up first). This module wires them together and passes anything else through to
Django's management commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from waspada import __version__
from waspada.accounts.cli import add_parsers as add_account_parsers
from waspada.audit.cli import add_parsers as add_audit_parsers
from waspada.backup.cli import add_parsers as add_backup_parsers
from waspada.cases.cli import add_parsers as add_case_parsers
from waspada.config.cli import add_parsers as add_server_parsers
from waspada.demodata.cli import add_parsers as add_demo_data_parsers
from waspada.evidence.cli import add_parsers as add_evidence_parsers
from waspada.i18n import compile_catalogues
from waspada.intel.cli import add_parsers as add_intel_parsers
from waspada.jobs.cli import add_parsers as add_jobs_parsers
from waspada.prevention.cli import add_parsers as add_prevention_parsers
from waspada.privacy.cli import add_parsers as add_keys_parsers
from waspada.reports.cli import add_parsers as add_reports_parsers
from waspada.screening.cli import add_parsers as add_screening_parsers
from waspada.sharing.cli import add_parsers as add_sharing_parsers

Handler = Callable[[argparse.Namespace], int]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.config.settings")
    import django
    from django.utils import translation

    django.setup()
    translation.activate("en")  # operators read the command line in English


def _cmd_version(args: argparse.Namespace) -> int:
    print(f"waspada {__version__}")
    return 0


def _cmd_i18n_compile(args: argparse.Namespace) -> int:
    written = compile_catalogues()
    print(f"Compiled {len(written)} translation catalogue(s).")
    return 0


def _cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["waspada manage", *args.django_args])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="waspada",
        description="Waspada: prevention, protection and prosecution against trafficking "
        "through online scams.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("version", help="print the version").set_defaults(func=_cmd_version)
    add_server_parsers(sub, _setup_django)
    add_demo_data_parsers(sub, _setup_django)
    add_account_parsers(sub, _setup_django)
    add_audit_parsers(sub, _setup_django)

    i18n = sub.add_parser("i18n", help="translations").add_subparsers(
        dest="i18n_command", metavar="ACTION", required=True
    )
    i18n.add_parser("compile", help="compile .po catalogues to .mo").set_defaults(
        func=_cmd_i18n_compile
    )

    manage = sub.add_parser(
        "manage", help="run a Django management command (e.g. `waspada manage migrate`)"
    )
    manage.add_argument("django_args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_cmd_manage)

    # Domain packages contribute their own commands (`screen`, `screening …`, `keys …`).
    add_prevention_parsers(add_screening_parsers(sub), _setup_django)
    add_keys_parsers(sub, _setup_django)
    add_case_parsers(sub, _setup_django)
    add_evidence_parsers(sub, _setup_django)
    add_reports_parsers(sub, _setup_django)
    add_intel_parsers(sub, _setup_django)
    add_sharing_parsers(sub, _setup_django)
    add_backup_parsers(sub, _setup_django)
    add_jobs_parsers(sub, _setup_django)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    # Whatever a command writes (database, keys, models, exports) is for this account alone.
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except ImproperlyConfigured as exc:
        print(f"waspada: configuration error: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(
            f"waspada: database error: {exc} (has `waspada manage migrate` been run?)",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
