"""Bulk screening of an uploaded file (CSV, JSONL or XLSX of offers), as a background job.

Each line is screened with the screening engine's public entry point (``screening.screen``);
a line that cannot be read or screened (bad JSON, no text, too long) is reported by its line
number in the result and the rest are screened. The result is a CSV file next to the input,
rewritten from the start if the job runs again (idempotent).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from waspada.jobs.models import Job
from waspada.jobs.runner import job_enqueue, job_progress
from waspada.screening import screen
from waspada.screening.errors import ScreeningInputError
from waspada.xlsx import WorkbookError, is_xlsx, read_rows

JOB = "prevention.bulk_screen"
MAX_LINES = 100_000
MAX_BYTES = 20 * 1024 * 1024
PROGRESS_EVERY = 200
TEXT_COLUMNS = ("text", "teks", "content", "isi", "message", "pesan")
RESULT_HEADER = ["line", "verdict", "risk", "red_flags", "error"]


class BulkFileError(ValueError):
    """The file as a whole cannot be read (wrong format, too large)."""


def _text_column(header: list[Any]) -> int:
    names = [str(value or "").strip().casefold() for value in header]
    for name in TEXT_COLUMNS:
        if name in names:
            return names.index(name)
    return 0


def lines(path: Path, fmt: str) -> Iterator[tuple[int, str | None, str]]:
    """(line number in the file, text or None, why not) for each record of the file."""
    content = path.read_bytes()
    if fmt == "xlsx":
        try:
            rows = read_rows(content, max_rows=MAX_LINES + 1)
        except WorkbookError as exc:
            raise BulkFileError(str(exc)) from exc
        column = _text_column(rows[0]) if rows else 0
        for number, values in enumerate(rows[1:], start=2):
            value = values[column] if column < len(values) else None
            yield number, (str(value) if value not in (None, "") else None), "empty"
        return
    text = content.decode("utf-8-sig", errors="replace")
    if fmt == "jsonl":
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError:
                yield number, None, "invalid_json"
                continue
            value = record.get("text") if isinstance(record, dict) else record
            yield number, (value if isinstance(value, str) and value.strip() else None), "no_text"
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    column = _text_column(next(reader, []))
    for row in reader:
        number = reader.line_num
        cell = row[column] if column < len(row) else ""
        yield number, (cell if cell.strip() else None), "empty"


def detect_format(name: str, head: bytes) -> str:
    lowered = name.lower()
    if lowered.endswith(".xlsx") or is_xlsx(head):
        return "xlsx"
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lowered.endswith((".csv", ".txt")):
        return "csv"
    raise BulkFileError("unknown_format")


def bulk_screen_start(*, actor: Any, name: str, content: bytes) -> Job:
    """Store the uploaded file (under the data folder) and enqueue its screening."""
    if len(content) > MAX_BYTES:
        raise BulkFileError("too_large")
    fmt = detect_format(name, content[:8])
    folder = Path(settings.WASPADA_JOB_FILES) / f"bulk-{uuid.uuid4().hex}"
    folder.mkdir(mode=0o700, parents=True)
    (folder / "input").write_bytes(content)
    return job_enqueue(kind=JOB, params={"folder": folder.name, "format": fmt}, created_by=actor)


def result_path(job: Job) -> Path | None:
    name = job.result.get("file") if job.result else None
    if not name:
        return None
    path = Path(settings.WASPADA_JOB_FILES) / job.params["folder"] / name
    return path if path.exists() else None


def bulk_screen_job(job: Job) -> dict[str, Any]:
    folder = Path(settings.WASPADA_JOB_FILES) / job.params["folder"]
    records = list(lines(folder / "input", job.params["format"]))[:MAX_LINES]
    job_progress(job, done=0, total=len(records))
    partial = folder / "result.csv.part"
    screened = 0
    bad: list[int] = []
    verdicts: dict[str, int] = {}
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RESULT_HEADER)
        for index, (number, text, why) in enumerate(records, start=1):
            if text is None:
                bad.append(number)
                writer.writerow([number, "", "", "", why])
            else:
                try:
                    # The engine's public entry point, read through its dict as prevention does.
                    result = screen(text).to_dict()
                except ScreeningInputError as exc:
                    bad.append(number)
                    writer.writerow([number, "", "", "", type(exc).__name__])
                else:
                    screened += 1
                    verdict = str(result["verdict"])
                    verdicts[verdict] = verdicts.get(verdict, 0) + 1
                    flags = " ".join(
                        str(i["code"]) for i in result.get("indicators", [])
                        if i.get("polarity", "risk") == "risk"
                    )  # fmt: skip
                    writer.writerow([number, verdict, f"{float(result['risk']):.3f}", flags, ""])
            if index % PROGRESS_EVERY == 0:
                job_progress(job, done=index)
    shutil.move(partial, folder / "result.csv")
    return {"file": "result.csv", "screened": screened, "bad_lines": bad[:1000],
            "bad_count": len(bad), "verdicts": verdicts}  # fmt: skip
