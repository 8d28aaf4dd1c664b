"""Check new corpus examples before they join the screening corpus.

    .venv/bin/python scripts/check_corpus_file.py NEW.jsonl [NEW2.jsonl ...] [--out OUT.jsonl]
        [--drop-cosine 0.8]

Per example: valid JSON with every field the corpus needs, a known ``text_type``, a label
consistent with it (news, warnings, stories and questions are never offers: label 0; a risky
text written as a notice — a scam channel's announcement, a fake "pengumuman kelulusan" — is
an offer to the reader dressed as a notice, so it is retyped ``offer`` and the script says so),
a unique id and text. Near-duplicates: each new text's highest cosine (normalised
word 1–2-gram TF-IDF, as ``crossval.near_duplicate_groups``) against the shipped corpus and
the new texts before it; at or above ``--drop-cosine`` it is dropped (it would add a copy,
not variety). With ``--out`` the kept examples are written there, fields in the corpus order.
Prints every problem and the counts per label, kind, language and text type.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from waspada.screening.corpus import (
    REQUIRED,
    TEXT_TYPES,
    corpus_files,
    default_corpus_dir,
    load_examples,
)
from waspada.screening.normalize import normalize

THIRD_PARTY = ("news", "warning", "story", "question", "notice")
FIELDS = ("id", "text", "label", "kind", "lang", "text_type", "noisy", "provenance")


def _problems(row: dict[str, Any]) -> list[str]:
    out = [f"missing {k}" for k in (*REQUIRED, "text_type") if k not in row]
    if row.get("label") not in (0, 1):
        out.append("label must be 0 or 1")
    if not isinstance(row.get("text"), str) or not row.get("text", "").strip():
        out.append("empty text")
    if row.get("text_type") not in TEXT_TYPES:
        out.append(f"text_type {row.get('text_type')!r} unknown")
    elif row["text_type"] in THIRD_PARTY and row.get("label") != 0:
        out.append(f"a {row['text_type']} is label 0 (it is no offer)")
    return out


def _max_cosines(old: list[str], new: list[str]) -> list[tuple[float, int]]:
    """For each new text, the highest cosine to an old text or an earlier new text, and the
    index of that text in ``old + new``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(old + new)
    sim = (x[len(old) :] @ x.T).toarray()
    out = []
    for j in range(len(new)):
        row = sim[j, : len(old) + j]
        k = int(row.argmax()) if len(row) else -1
        out.append((float(row[k]) if k >= 0 else 0.0, k))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--drop-cosine", type=float, default=0.8)
    args = ap.parse_args(argv)

    old = [e for f in corpus_files(default_corpus_dir()) for e in load_examples(f)]
    ids = {e.id for e in old}
    texts = {e.text for e in old}
    rows: list[dict[str, Any]] = []
    bad = 0
    for path in args.files:
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                print(f"{path}:{n}: invalid JSON ({exc})")
                bad += 1
                continue
            if row.get("label") == 1 and row.get("text_type") == "notice":
                print(f"{path}:{n} {row.get('id')}: risky notice retyped as offer")
                row["text_type"] = "offer"
            problems = _problems(row)
            if row.get("id") in ids:
                problems.append(f"id {row.get('id')} already used")
            if row.get("text") in texts:
                problems.append("same text as an earlier example")
            if problems:
                print(f"{path}:{n} {row.get('id')}: {'; '.join(problems)}")
                bad += 1
                continue
            ids.add(row["id"])
            texts.add(row["text"])
            rows.append(row)

    old_norm = [normalize(e.text).text for e in old]
    new_norm = [normalize(r["text"]).text for r in rows]
    kept: list[dict[str, Any]] = []
    bands: Counter[str] = Counter()
    everything = [e.id for e in old] + [r["id"] for r in rows]
    for row, (cos, k) in zip(rows, _max_cosines(old_norm, new_norm), strict=True):
        bands["≥ 0.8" if cos >= 0.8 else "0.5–0.8" if cos >= 0.5 else "< 0.5"] += 1
        if cos >= args.drop_cosine:
            print(f"drop {row['id']}: cosine {cos:.2f} with {everything[k]}")
            continue
        kept.append(row)
    print(f"{bad} rejected, {len(rows) - len(kept)} near-duplicates dropped, {len(kept)} kept")
    print(f"highest cosine to an earlier text: {dict(bands)}")
    for key in ("label", "kind", "lang", "text_type", "noisy"):
        print(f"{key}: {dict(sorted(Counter(str(r.get(key)) for r in kept).items()))}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for r in kept:
                fh.write(json.dumps({k: r[k] for k in FIELDS if k in r}, ensure_ascii=False))
                fh.write("\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
