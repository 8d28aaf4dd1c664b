"""The labelled corpus: loading, validation, content hash and the fixed held-out split."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ScreeningError

REQUIRED = ("id", "text", "label", "kind", "lang", "provenance")
HELD_OUT_BUCKETS = 5  # one id in five (by hash) is held out
# What kind of text an example is, for the text-type model (docs/screening.md, *Text type*).
TEXT_TYPES = ("offer", "recruiter_chat", "news", "warning", "story", "question", "notice", "chat")
# The type of an example that does not say (reviewed labels, older files), from its kind.
_KIND_TYPES = {
    "scam_ad": "offer",
    "subtle_scam": "offer",
    "scam_chat": "recruiter_chat",
    "legit_domestic": "offer",
    "legit_abroad_work_permit": "offer",
    "legit_overseas_official": "offer",
    "legit_domestic_chat": "chat",
    "not_offer": "chat",
    "warning_news": "news",
    "awareness_post": "warning",
}


class CorpusError(ScreeningError, ValueError):
    """A corpus file is missing, unreadable or has a malformed example."""


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    label: int
    kind: str
    lang: str
    provenance: str
    text_type: str = "offer"

    @property
    def held_out(self) -> bool:
        """True for the fixed held-out split, chosen by a hash of the id."""
        digest = hashlib.sha256(self.id.encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") % HELD_OUT_BUCKETS == 0


def default_corpus_dir() -> Path:
    """The corpus shipped in the package (``data/corpus``)."""
    return Path(str(resources.files("waspada.screening").joinpath("data/corpus")))


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The ``*.jsonl`` files of a corpus directory, sorted by name."""
    files = sorted(corpus_dir.glob("*.jsonl"))
    if not files:
        raise CorpusError(f"no *.jsonl files in {corpus_dir}")
    return files


def load_examples(path: Path, *, strict: bool = True) -> list[Example]:
    """Read one JSONL file. ``strict`` requires every field of :data:`REQUIRED`.

    Non-strict files (``--extra``, reviewed labels) need only ``text`` and ``label``.
    """
    out: list[Example] = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise CorpusError(f"{path}:{n}: invalid JSON ({exc})") from exc
        missing = [k for k in (REQUIRED if strict else ("text", "label")) if k not in row]
        if missing or row.get("label") not in (0, 1) or not isinstance(row.get("text"), str):
            raise CorpusError(f"{path}:{n}: needs {missing or 'label 0/1 and text'}")
        text = row["text"]
        kind = str(row.get("kind") or "extra")
        text_type = str(row.get("text_type") or _KIND_TYPES.get(kind, "offer"))
        if text_type not in TEXT_TYPES:
            raise CorpusError(f"{path}:{n}: text_type must be one of {', '.join(TEXT_TYPES)}")
        ident = str(row.get("id") or "x-" + hashlib.sha256(text.encode()).hexdigest()[:12])
        out.append(
            Example(
                id=ident,
                text=text,
                label=int(row["label"]),
                kind=kind,
                lang=str(row.get("lang") or "-"),
                provenance=str(row.get("provenance") or f"extra file {path.name}"),
                text_type=text_type,
            )
        )
    return out


def files_hash(files: list[Path]) -> str:
    """SHA-256 over the names and bytes of ``files``: the training-data version.

    Windows line ends count as Unix ones, so a checkout that converts them (git autocrlf)
    still matches the shipped model.
    """
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()
