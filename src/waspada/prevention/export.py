"""Reviewed public texts as a JSON Lines file for ``waspada screening train --include-reviewed``."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from waspada.audit import services as audit
from waspada.prevention.services import reviewed_examples


def reviewed_jsonl(directory: Path | None = None) -> tuple[Path, int]:
    """Write the labelled shared texts to a new file (mode 600); return its path and size.

    The export is audited (count only, no text). Called by the platform's command line
    (``waspada/cli.py``) after Django is set up.
    """
    examples = reviewed_examples()
    fd, name = tempfile.mkstemp(prefix="reviewed-", suffix=".jsonl", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example, ensure_ascii=False) + "\n")
    audit.record("prevention.reviewed.exported", details={"count": len(examples)})
    return Path(name), len(examples)
