"""``waspada keys``: master-key status and rotation."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    keys = subparsers.add_parser("keys", help="encryption keys of personal data")
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="how many data keys each master key wraps")
    status.set_defaults(func=lambda args: _status(args, setup))
    rotate = actions.add_parser(
        "rotate",
        help="re-wrap every data key under the current master key (no downtime)",
        description=(
            "Re-wrap every data key under the current master key. With keys from the "
            "environment: set WASPADA_MASTER_KEY to the new key and WASPADA_MASTER_KEY_PREVIOUS "
            "to the old one everywhere, restart, then run this. With keys generated into the "
            "data folder, --generate makes the new key and keeps the old one as previous."
        ),
    )
    rotate.add_argument(
        "--generate",
        action="store_true",
        help="generate a new master key in the data folder first (embedded setups)",
    )
    rotate.set_defaults(func=lambda args: _rotate(args, setup))
    actions.add_parser("generate", help="print a new random master key").set_defaults(
        func=_generate
    )


def _generate(args: argparse.Namespace) -> int:
    from waspada.privacy.crypto import generate_master_key

    print(generate_master_key())
    return 0


def _status(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.privacy import commands  # needs Django set up: imported after it

    return commands.status(args)


def _rotate(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.privacy import commands  # needs Django set up: imported after it

    return commands.rotate(args)
