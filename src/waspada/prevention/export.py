"""Reviewed public texts as a JSON Lines file for ``waspada screening train --include-reviewed``."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def reviewed_jsonl(directory: Path | None = None) -> tuple[Path, int]:
    """Write the labelled shared texts to a new file (mode 600); return its path and size.

    Starts Django if the caller (the plain-Python screening CLI) has not.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.config.settings")
    import django

    django.setup()
    from waspada.audit import services as audit
    from waspada.prevention.services import reviewed_examples

    examples = reviewed_examples()
    fd, name = tempfile.mkstemp(prefix="reviewed-", suffix=".jsonl", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example, ensure_ascii=False) + "\n")
    audit.record("prevention.reviewed.exported", details={"count": len(examples)})
    return Path(name), len(examples)
