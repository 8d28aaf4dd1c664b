"""What each kind of job runs, and which run on a schedule, registered from ``ready()``.

A job function takes the ``Job`` row and returns a JSON-able result. It must be idempotent:
a job may run again after a worker died or an error (see ``runner.run_job``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

JobFunc = Callable[[Any], dict[str, Any]]
# Whether a user may still download the file a finished job of this kind made (checked at
# every download: a right withdrawn after the job ran withdraws the file too).
DownloadCheck = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Periodic:
    kind: str
    # Celery crontab fields (local time), e.g. {"hour": 6, "minute": 0}.
    crontab: dict[str, Any]


_kinds: dict[str, JobFunc] = {}
_labels: dict[str, Any] = {}  # what the jobs pages call a kind (translatable), when given
_periodic: dict[str, Periodic] = {}
_download_checks: dict[str, DownloadCheck] = {}


def register(
    kind: str, func: JobFunc, *, label: Any = None, may_download: DownloadCheck | None = None
) -> None:
    _kinds[kind] = func
    if label is not None:
        _labels[kind] = label
    if may_download is not None:
        _download_checks[kind] = may_download


def may_download(kind: str, user: Any, job: Any) -> bool:
    """Deny by default: a kind that registered no check hands out no file."""
    check = _download_checks.get(kind)
    return check is not None and bool(check(user, job))


def label(kind: str) -> str:
    """The kind's name for people (its code when none was registered)."""
    return str(_labels.get(kind, kind))


def register_periodic(kind: str, func: JobFunc, **crontab: Any) -> None:
    """A job run on a schedule by ``waspada scheduler`` (and ``waspada jobs run-periodic``)."""
    _kinds[kind] = func
    _periodic[kind] = Periodic(kind, crontab)


def function(kind: str) -> JobFunc:
    return _kinds[kind]


def periodic() -> list[Periodic]:
    return sorted(_periodic.values(), key=lambda item: item.kind)
