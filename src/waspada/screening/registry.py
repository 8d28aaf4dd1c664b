"""Registry of licensed P3MI placement agencies, imported from a CSV file.

The real list is published by KP2MI (SISKOP2MI). The package ships only a clearly
labelled SAMPLE (``data/p3mi_registry_sample.csv``) with fictitious names so that the check
can be tested; deployments point ``WASPADA_P3MI_REGISTRY`` at the official export.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import RulesFormatError

REGISTRY_ENV = "WASPADA_P3MI_REGISTRY"
_LEGAL_FORM = re.compile(r"^(?:pt|p\s*t|perseroan terbatas)\b\.?\s*", re.IGNORECASE)


def normalize_agency_name(name: str) -> str:
    """Return the comparable form of an agency name ("PT. Maju-Jaya " → "maju jaya")."""
    name = _LEGAL_FORM.sub("", name.strip())
    name = re.sub(r"\(persero\)|\btbk\b", " ", name, flags=re.IGNORECASE)
    return " ".join(re.findall(r"[^\W_]+", name.lower()))


@dataclass(frozen=True, slots=True)
class Agency:
    name: str
    license_number: str
    province: str
    status: str
    valid_until: str

    @property
    def active(self) -> bool:
        return self.status.strip().lower() in ("active", "aktif", "berlaku")


@dataclass(frozen=True)
class AgencyRegistry:
    """Licensed agencies by normalised name; ``is_sample`` is True for the shipped sample."""

    agencies: dict[str, Agency]
    source: str
    is_sample: bool

    def lookup(self, name: str) -> Agency | None:
        """Return the agency whose normalised name equals that of ``name``, if any."""
        return self.agencies.get(normalize_agency_name(name))


def parse_registry(text: str, *, source: str = "<string>") -> AgencyRegistry:
    """Parse registry CSV text: columns ``name`` and ``license_number`` at least.

    Lines starting with ``#`` are comments. A file whose comments or ``note`` column say
    "sample" is marked as a sample so the engine can say the check is not authoritative.
    """
    lines = text.splitlines()
    comments = [ln for ln in lines if ln.lstrip().startswith("#")]
    body = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(body)))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"name", "license_number"} <= fields:
        raise RulesFormatError(f"{source}: registry needs 'name' and 'license_number' columns")
    agencies: dict[str, Agency] = {}
    sample = any("sample" in c.lower() for c in comments)
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("name"):
            continue
        sample = sample or "sample" in row.get("note", "").lower()
        agency = Agency(
            name=row["name"],
            license_number=row.get("license_number", ""),
            province=row.get("province", ""),
            status=row.get("status", "active") or "active",
            valid_until=row.get("valid_until", ""),
        )
        agencies[normalize_agency_name(agency.name)] = agency
    return AgencyRegistry(agencies=agencies, source=source, is_sample=sample)


def load_registry(path: str | os.PathLike[str] | None = None) -> AgencyRegistry:
    """Import the registry CSV at ``path``, ``$WASPADA_P3MI_REGISTRY``, or the shipped sample."""
    chosen = path or os.environ.get(REGISTRY_ENV)
    if chosen:
        p = Path(chosen)
        try:
            return parse_registry(p.read_text("utf-8-sig"), source=str(p))
        except OSError as exc:
            raise RulesFormatError(f"cannot read P3MI registry {p}: {exc}") from exc
    return sample_registry()


def sample_registry() -> AgencyRegistry:
    """The shipped sample registry (fictitious agencies), whatever the environment says."""
    res = resources.files("waspada.screening").joinpath("data/p3mi_registry_sample.csv")
    return parse_registry(res.read_text("utf-8"), source="sample")
