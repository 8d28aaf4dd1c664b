"""Command-line functions: ``waspada screen`` and ``waspada screening
train|build-model|evaluate``.

The platform's console script calls :func:`add_parsers` with its argparse subparsers; each
command sets ``func`` to a callable taking the parsed args and returning an exit code. This
module stays plain Python: options that need the platform (``train --include-reviewed``) are
added by the platform's own command line (``waspada/cli.py``) to the parsers returned here.
Exit status is non-zero only for usage (2) and I/O (1) errors; bad records are reported as
``{"id": ..., "line": N, "error": "..."}`` and the run continues.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

from .errors import MAX_TEXT_CHARS, ScreeningError, ScreeningInputError

Record = tuple[Any, int, str | None, str | None]  # (id, line, text, error)


def add_parsers(subparsers: Any) -> dict[str, argparse.ArgumentParser]:
    """Add ``screen`` and ``screening`` (``train``, ``build-model``, ``evaluate``) to
    ``subparsers``; return the new parsers by command name."""
    p = subparsers.add_parser(
        "screen",
        help="screen job offers (JSON Lines, CSV or plain text) and print JSON Lines",
        description="Screen job offers. Reads FILEs or standard input; writes one JSON "
        "object per record to standard output.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (default: stdin)")
    p.add_argument(
        "--format",
        choices=("jsonl", "csv", "text"),
        default=None,
        help="input format (default: from the extension, jsonl for stdin)",
    )
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--lang", choices=("id", "en", "mixed"), default=None)
    p.add_argument(
        "--model-dir", type=Path, default=None,
        help="screen with the model in this directory only (default: the data dir's model "
        "if fresh, else the shipped one)",
    )  # fmt: skip
    p.set_defaults(func=cmd_screen)

    s = subparsers.add_parser("screening", help="train, build and evaluate the screening model")
    ss = s.add_subparsers(dest="screening_command", required=True)
    t = ss.add_parser(
        "train",
        help="train a model for this installation and store it in the data dir "
        "(needs the 'train' extra)",
    )
    t.add_argument("--corpus", type=Path, default=None, help="corpus directory of *.jsonl")
    t.add_argument("--out", type=Path, default=None, help="model directory to write")
    t.add_argument(
        "--if-missing", action="store_true",
        help="do nothing if an up-to-date model exists (older rules or corpus: retrain)",
    )  # fmt: skip
    t.add_argument(
        "--extra",
        type=Path,
        nargs="*",
        default=[],
        metavar="FILE.jsonl",
        help="more labelled examples (text, label; optional id, kind)",
    )
    t.set_defaults(func=cmd_train)
    b = ss.add_parser(
        "build-model",
        help="rebuild the model shipped in the package from the corpus, reproducibly "
        "(needs the 'train' extra)",
    )
    b.add_argument(
        "--out", type=Path, default=None,
        help="directory to write (default: the package's data/model)",
    )  # fmt: skip
    b.add_argument(
        "--check", action="store_true",
        help="write nothing; exit 1 if the shipped model differs from a fresh build",
    )  # fmt: skip
    b.set_defaults(func=cmd_build_model)
    e = ss.add_parser("evaluate", help="quality figures on a labelled JSON Lines file")
    e.add_argument("file", type=Path, metavar="FILE")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument("--model-dir", type=Path, default=None, help="use the model in this directory")
    e.set_defaults(func=cmd_evaluate)
    return {"screen": p, "train": t, "build-model": b, "evaluate": e}


# -- reading ---------------------------------------------------------------------------------
def _decode(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _check(ident: Any, line: int, text: Any) -> Record:
    if not isinstance(text, str):
        return (ident, line, None, "missing text")
    if len(text) > MAX_TEXT_CHARS:
        return (ident, line, None, f"text longer than {MAX_TEXT_CHARS} characters")
    if not text.strip():
        return (ident, line, None, "empty text")
    return (ident, line, text, None)


def read_jsonl(stream: IO[bytes]) -> Iterator[Record]:
    """Records of a JSON Lines byte stream; blank lines are skipped."""
    for n, raw in enumerate(stream, 1):
        line = _decode(raw)
        if line is None:
            yield (None, n, None, "undecodable bytes (not UTF-8)")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield (None, n, None, f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            yield (None, n, None, "a record must be a JSON object")
            continue
        yield _check(obj.get("id", n), n, obj.get("text"))


def read_csv(stream: IO[bytes]) -> Iterator[Record]:
    """Records of a CSV byte stream with ``id`` and ``text`` columns."""
    data = stream.read().decode("utf-8-sig", errors="surrogateescape")
    reader = csv.DictReader(io.StringIO(data, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise UsageError("CSV input needs a header with a 'text' column (and 'id')")
    for row in reader:
        n = reader.line_num
        ident = row.get("id") or n
        text = row.get("text")
        if any("\udc80" <= ch <= "\udcff" for ch in (text or "") + str(ident)):
            yield (None, n, None, "undecodable bytes (not UTF-8)")
            continue
        yield _check(ident, n, text)


def read_text(stream: IO[bytes], name: str) -> Iterator[Record]:
    """The whole stream as one record."""
    text = _decode(stream.read())
    if text is None:
        yield (name, 1, None, "undecodable bytes (not UTF-8)")
    else:
        yield _check(name, 1, text)


class UsageError(Exception):
    pass


def _format_for(path: str | None, explicit: str | None) -> str:
    if explicit:
        return explicit
    if path and path.lower().endswith(".csv"):
        return "csv"
    if path and path.lower().endswith((".txt", ".text")):
        return "text"
    return "jsonl"


def _records(stream: IO[bytes], fmt: str, name: str) -> Iterator[Record]:
    if fmt == "csv":
        return read_csv(stream)
    if fmt == "text":
        return read_text(stream, name)
    return read_jsonl(stream)


# -- screening --------------------------------------------------------------------------------
_WORKER: Any = None


def _screener(model_dir: str | os.PathLike[str] | None) -> Any:
    """A Screener: with ``--model-dir`` exactly that model, else the usual loading order."""
    from .engine import Screener

    return Screener(model_dir, fallback=model_dir is None)


def _init_worker(model_dir: str | None) -> None:
    global _WORKER
    _WORKER = _screener(model_dir)


def _screen_batch(batch: list[tuple[Any, int, str, str | None]]) -> list[str]:
    return [_screen_one(_WORKER, r) for r in batch]


def _screen_one(screener: Any, rec: tuple[Any, int, str, str | None]) -> str:
    ident, line, text, lang = rec
    try:
        d = screener.screen(text, lang).to_dict()
    except ScreeningInputError as exc:
        return json.dumps({"id": ident, "line": line, "error": str(exc)}, ensure_ascii=False)
    return json.dumps({"id": ident, **d}, ensure_ascii=False)


def _batches(recs: Iterable[Record], lang: str | None, size: int) -> Iterator[list[Any]]:
    """Group records; error records travel as pre-rendered strings."""
    batch: list[Any] = []
    for ident, line, text, err in recs:
        if err is not None:
            batch.append(json.dumps({"id": ident, "line": line, "error": err}, ensure_ascii=False))
        else:
            batch.append((ident, line, text, lang))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def cmd_screen(
    args: argparse.Namespace, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None
) -> int:
    """``waspada screen``: screen every record and print one JSON line each."""
    out = stdout or sys.stdout
    err = sys.stderr
    if args.workers < 1:
        print("--workers must be at least 1", file=err)
        return 2
    sources: list[tuple[str, IO[bytes] | None]] = (
        [(f, None) for f in args.files] if args.files else [("-", stdin or sys.stdin.buffer)]
    )
    model_dir = str(args.model_dir) if args.model_dir else None
    try:
        screener = _screener(model_dir)  # also checks the model before any worker starts
    except ScreeningError as exc:
        print(f"waspada screen: {exc}", file=err)
        return 1
    pool = (
        ProcessPoolExecutor(args.workers, initializer=_init_worker, initargs=(model_dir,))
        if args.workers > 1
        else None
    )
    progress = err.isatty()
    status, done = 0, 0
    try:
        for name, stream in sources:
            fmt = _format_for(None if name == "-" else name, args.format)
            try:
                fh = stream if stream is not None else open(name, "rb")  # noqa: SIM115
            except OSError as exc:
                print(f"waspada screen: cannot read {name}: {exc.strerror}", file=err)
                status = 1
                continue
            try:
                batches = _batches(_records(fh, fmt, name), args.lang, 64)
                for lines in _run(batches, screener, pool, args.workers):
                    for line in lines:
                        out.write(line + "\n")
                    done += len(lines)
                    if progress:
                        err.write(f"\rscreened {done} records")
            except UsageError as exc:
                print(f"waspada screen: {name}: {exc}", file=err)
                status = 2
            except OSError as exc:
                print(f"waspada screen: error reading {name}: {exc}", file=err)
                status = 1
            finally:
                if stream is None:
                    fh.close()
    finally:
        if pool is not None:
            pool.shutdown()
        if progress:
            err.write("\n")
    out.flush()
    return status


def _run(
    batches: Iterator[list[Any]], screener: Any, pool: ProcessPoolExecutor | None, workers: int
) -> Iterator[list[str]]:
    def render(batch: list[Any]) -> list[Any]:
        return [b if isinstance(b, str) else None for b in batch]

    if pool is None:
        for batch in batches:
            yield [b if isinstance(b, str) else _screen_one(screener, b) for b in batch]
        return
    # A bounded window of batches in flight keeps memory flat on large inputs, in order.
    window: list[tuple[list[Any], Any]] = []
    for batch in batches:
        todo = [b for b in batch if not isinstance(b, str)]
        window.append((render(batch), pool.submit(_screen_batch, todo)))
        if len(window) >= workers * 4:
            yield _merge(*window.pop(0))
    for item in window:
        yield _merge(*item)


def _merge(rendered: list[Any], fut: Any) -> list[str]:
    results = iter(fut.result())
    return [r if r is not None else next(results) for r in rendered]


# -- training and evaluation -------------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    """``waspada screening train``: train from the corpus (and ``--extra`` files) and store
    the model in the data dir."""
    from .training import train

    try:
        result = train(args.corpus, args.out, extra=tuple(args.extra), if_missing=args.if_missing)
    except (ScreeningError, OSError) as exc:
        print(f"waspada screening train: {exc}", file=sys.stderr)
        return 1
    m = result.manifest
    if result.skipped:
        print(f"model already present in {result.out_dir} ({m.get('model_version')}); kept")
        return 0
    for note in result.notes:
        print(note)
    h = m["evaluation"]["held_out"]
    print(
        f"trained {m['model_version']} on {m['n_train']} examples "
        f"(data {m['training_data_version']}, rules {m['rules_version']}) → {result.out_dir}"
    )
    print(
        f"held-out ({m['n_held_out']}): precision {h['precision']:.3f} recall {h['recall']:.3f} "
        f"FPR {h['false_positive_rate']:.3f} high-on-legit {h['high_on_legit']:.3f}"
    )
    return 0


def cmd_build_model(args: argparse.Namespace) -> int:
    """``waspada screening build-model [--check]``: the model shipped in the package."""
    from .loading import BUILD_COMMAND, shipped_model_dir
    from .model import model_differences
    from .training import build_model

    target = args.out or shipped_model_dir()
    try:
        if not args.check:
            result = build_model(target)
            print(f"built {result.manifest['model_version']} → {target}")
            return 0
        with tempfile.TemporaryDirectory(prefix="waspada-model-") as scratch:
            build_model(scratch)
            differences = model_differences(target, Path(scratch))
    except (ScreeningError, OSError) as exc:
        print(f"waspada screening build-model: {exc}", file=sys.stderr)
        return 1
    if differences:
        print(f"the model in {target} is not the one the corpus and rules give:", file=sys.stderr)
        for line in differences:
            print(f"  {line}", file=sys.stderr)
        print(f"run `{BUILD_COMMAND}` and commit the result", file=sys.stderr)
        return 1
    print(f"the model in {target} is up to date")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``waspada screening evaluate FILE``: figures on a labelled JSON Lines file."""
    from .evaluate import format_report, metrics

    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        print(
            f"waspada screening evaluate: cannot read {args.file}: {exc.strerror}", file=sys.stderr
        )
        return 1
    try:
        screener = _screener(args.model_dir)
    except ScreeningError as exc:
        print(f"waspada screening evaluate: {exc}", file=sys.stderr)
        return 1
    labels: list[int] = []
    risks: list[float] = []
    verdicts: list[str] = []
    kinds: list[str | None] = []
    skipped = 0
    for n, line in enumerate(raw.splitlines(), 1):
        try:
            obj = json.loads(line.decode("utf-8"))
            label = obj["label"]
            if label not in (0, 1):
                raise ValueError("label must be 0 or 1")
            a = screener.screen(obj["text"])
        except (ValueError, KeyError, TypeError, ScreeningInputError):
            if line.strip():
                skipped += 1
                print(f"line {n}: skipped (needs text and label 0/1)", file=sys.stderr)
            continue
        labels.append(label)
        risks.append(a.risk)
        verdicts.append(a.verdict)
        kinds.append(obj.get("kind"))
    if not labels:
        print("waspada screening evaluate: no usable labelled record", file=sys.stderr)
        return 1
    m = metrics(labels, risks, verdicts, kinds)
    m["skipped"] = skipped
    m["model_version"] = screener.model.version
    print(json.dumps(m, indent=2) if args.json else format_report(m))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m waspada.screening.cli screen ...``."""
    parser = argparse.ArgumentParser(prog="waspada")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
