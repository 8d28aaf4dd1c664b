"""Progress on stderr: a redrawn bar on a terminal, otherwise one line per tenth of the work."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class Progress:
    def __init__(self, total: int, *, label: str = "cases", stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self._next_tenth = 1

    def __call__(self, done: int) -> None:
        fraction = min(done / self.total, 1.0)
        elapsed = time.monotonic() - self.started
        if self.tty:
            filled = int(WIDTH * fraction)
            eta = elapsed / fraction - elapsed if fraction else 0.0
            bar = "#" * filled + "." * (WIDTH - filled)
            self.stream.write(
                f"\r[{bar}] {fraction:4.0%} {done:,}/{self.total:,} {self.label}"
                f"  {_clock(elapsed)} elapsed, {_clock(eta)} left "
            )
            if done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = int(fraction * 10 + 1e-9)
        if tenth >= self._next_tenth:
            self._next_tenth = tenth + 1
            print(f"{fraction:.0%} {done:,}/{self.total:,} {self.label} ({_clock(elapsed)})",
                  file=self.stream, flush=True)  # fmt: skip


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s"
