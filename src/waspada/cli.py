"""The ``waspada`` command line: run the platform, prepare demo data, manage tokens, verify
the audit trail, and pass anything else through to Django's management commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from waspada import __version__
from waspada.cases.cli import add_parsers as add_case_parsers
from waspada.demodata.cli import add_parsers as add_demo_data_parsers
from waspada.evidence.cli import add_parsers as add_evidence_parsers
from waspada.privacy.cli import add_parsers as add_keys_parsers
from waspada.reports.cli import add_parsers as add_reports_parsers
from waspada.screening.cli import add_parsers as add_screening_parsers

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


def _cmd_run(args: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.db import connection, connections
    from django.db.migrations.executor import MigrationExecutor

    from waspada.config.server import serve
    from waspada.config.wsgi import application

    processes = args.processes or settings.WASPADA_PROCESSES
    if processes > 1 and not settings.WASPADA_SHARED_CACHE:
        raise ImproperlyConfigured(
            "WASPADA_PROCESSES above 1 needs WASPADA_CACHE_URL (a shared Redis), or each process "
            "counts rate limits and failed logins on its own"
        )
    if processes > 1 and not hasattr(os, "fork"):
        raise ImproperlyConfigured("WASPADA_PROCESSES above 1 needs a POSIX system (fork)")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print(
            "waspada: the database has unapplied migrations; run `waspada manage migrate` "
            "(or `waspada demo` for the demo database).",
            file=sys.stderr,
        )
        return 2
    host = args.host
    if host not in settings.ALLOWED_HOSTS and host not in ("0.0.0.0", "::"):  # noqa: S104
        settings.ALLOWED_HOSTS.append(host)
    print(f"Waspada {__version__} serving on http://{host}:{args.port}/ (Ctrl+C to stop)")
    if settings.DEMO_MODE:
        print("Demo mode is on: demo accounts can log in with the password 'waspada-demo'.")
    threads = args.threads or settings.WASPADA_THREADS
    connections.close_all()  # each process opens its own
    serve(application, host=host, port=args.port, threads=threads, processes=processes)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from waspada.accounts.demo import DEMO_PASSWORD, DEMO_USERS, demo_load
    from waspada.cases.demo import demo_cases_load
    from waspada.evidence.demo import demo_evidence_load
    from waspada.legal.demo import demo_legal_load
    from waspada.trainings.demo import demo_trainings_load

    call_command("migrate", interactive=False, verbosity=0)
    created_orgs, created_users = demo_load()
    created_cases = demo_cases_load()
    created_legal = demo_legal_load()
    created_trainings = demo_trainings_load()
    created_evidence = demo_evidence_load()
    print(
        f"Demo data ready ({created_orgs} organisations, {created_users} users, "
        f"{created_cases} cases, {created_legal} legal cases, {created_evidence} evidence items "
        f"and {created_trainings} trainings created)."
    )
    print(f"Demo logins (password '{DEMO_PASSWORD}'):")
    for demo in DEMO_USERS:
        print(f"  {demo.username:<10} {demo.role.value:<18} {demo.organisation}")
    if not settings.DEMO_MODE:
        print("Note: demo accounts can only log in when WASPADA_DEMO=1 is set.")
    return 0


def _cmd_token_create(args: argparse.Namespace) -> int:
    _setup_django()
    from waspada.accounts.models import User
    from waspada.accounts.services import token_create

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"waspada: no user named {args.username!r}", file=sys.stderr)
        return 1
    print(token_create(user=user, name=args.name))
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    _setup_django()
    from waspada.audit.services import Anchor, verify

    anchor = None
    if args.anchor:
        try:
            with open(args.anchor, encoding="utf-8") as handle:
                anchor = Anchor.parse(handle.read())
        except OSError as exc:
            print(f"waspada: cannot read the anchor file: {exc.strerror}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(f"waspada: {args.anchor} is not an anchor: {exc}", file=sys.stderr)
            return 2
    result = verify(anchor)
    if result.ok:
        against = f", up to the anchor's seq={anchor.seq}" if anchor else ""
        print(f"Audit trail intact: {result.checked} events checked{against}.")
        return 0
    print(
        f"Audit trail BROKEN at event seq={result.bad_seq} (id={result.bad_id}): {result.reason}. "
        f"{result.checked} events before it are intact.",
        file=sys.stderr,
    )
    return 1


def _cmd_audit_anchor(args: argparse.Namespace) -> int:
    _setup_django()
    from waspada.audit.services import anchor

    head = anchor()
    if head is None:
        print("waspada: the audit trail is empty: nothing to anchor", file=sys.stderr)
        return 1
    print(head.to_json())
    return 0


def _cmd_permissions(args: argparse.Namespace) -> int:
    _setup_django()
    from waspada.accounts.permissions import matrix_markdown

    print(matrix_markdown(), end="")
    return 0


def _cmd_i18n_compile(args: argparse.Namespace) -> int:
    from waspada.i18n import compile_catalogues

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

    run = sub.add_parser("run", help="serve the platform (WSGI server waitress)")
    run.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    run.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or 8000),
        help="port to bind (default $PORT or 8000)",
    )
    run.add_argument(
        "--threads", type=int, default=None,
        help="worker threads per process (default $WASPADA_THREADS or 8)",
    )  # fmt: skip
    run.add_argument(
        "--processes", type=int, default=None,
        help="server processes sharing the port (default $WASPADA_PROCESSES or 1)",
    )  # fmt: skip
    run.set_defaults(func=_cmd_run)

    sub.add_parser(
        "demo", help="migrate the database and load demo organisations and users (idempotent)"
    ).set_defaults(func=_cmd_demo)

    token = sub.add_parser("token", help="API tokens").add_subparsers(
        dest="token_command", metavar="ACTION", required=True
    )
    create = token.add_parser("create", help="print a new API token for USERNAME")
    create.add_argument("username")
    create.add_argument("--name", default="cli", help="a label for the token")
    create.set_defaults(func=_cmd_token_create)

    audit = sub.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    verify = audit.add_parser(
        "verify", help="walk the hash chain; exit 1 naming the first altered row"
    )
    verify.add_argument(
        "--anchor", metavar="FILE",
        help="a head exported earlier by 'waspada audit anchor': also detect deleted newest rows",
    )  # fmt: skip
    verify.set_defaults(func=_cmd_audit_verify)
    audit.add_parser(
        "anchor", help="print the chain's head (seq and hash) as JSON, to keep outside the database"
    ).set_defaults(func=_cmd_audit_anchor)

    sub.add_parser("permissions", help="print the role permission matrix as Markdown").set_defaults(
        func=_cmd_permissions
    )

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
    add_screening_parsers(sub)
    add_keys_parsers(sub, _setup_django)
    add_case_parsers(sub, _setup_django)
    add_evidence_parsers(sub, _setup_django)
    add_demo_data_parsers(sub, _setup_django)
    add_reports_parsers(sub, _setup_django)
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
