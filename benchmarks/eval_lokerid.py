"""False-alarm rate of the screener on 2,159 real, legitimate Loker.id job ads.

Measurement only: the file lives in ../shared/data/ and is never copied into the repository
nor used for training. Usage:

    python benchmarks/eval_lokerid.py [--data PATH] [--model-dir DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from waspada.screening import Screener

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "lokerid_legit_ads.jsonl"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--model-dir", type=Path, default=None)
    p.add_argument("--show", type=int, default=10, help="print this many flagged ads")
    args = p.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    screener = Screener(args.model_dir)
    t0 = time.perf_counter()
    verdicts: Counter[str] = Counter()
    flagged = []
    codes: Counter[str] = Counter()
    for row in rows:
        a = screener.screen(row["text"][:20_000])
        verdicts[a.verdict] += 1
        for i in a.red_flags:
            codes[i.code] += 1
        if a.verdict != "low":
            flagged.append((a.risk, row["id"], a))
    dt = time.perf_counter() - t0
    n = len(rows)
    rate = (verdicts["medium"] + verdicts["high"]) / n
    print(f"ads: {n}  verdicts: {dict(verdicts)}  ({n / dt:.0f} ads/s)")
    high = verdicts["high"] / n
    print(f"false-alarm rate (medium or high): {100 * rate:.2f}%   high: {100 * high:.2f}%")
    print("red flags raised (any verdict):", dict(codes.most_common()))
    for risk, ident, a in sorted(flagged, key=lambda t: -t[0])[: args.show]:
        flags = ", ".join(
            f"{i.code}:{'|'.join(e.text for e in i.evidence[:2])}" for i in a.indicators
        )
        print(f"  {ident} {a.verdict} {risk:.2f} {flags}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
