"""Real ``waspada`` processes for tests: the command line and a server on a free port.

Each call is a separate operating-system process sharing only the data folder (and the
database named by ``DATABASE_URL`` when a test passes one), as in a deployment where the web
server runs while an operator types commands.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.server import free_port, wait_for_port


def process_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "WASPADA_DATA_DIR": str(data_dir), **extra}
    if "DATABASE_URL" not in extra:
        env.pop("DATABASE_URL", None)  # the embedded database unless a test names another
    return env


def cli(args: list[str], data_dir: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "waspada", *args],
        env=process_env(data_dir, **extra), capture_output=True, text=True, check=False,
        timeout=300,
    )  # fmt: skip


@dataclass
class Server:
    base: str
    process: subprocess.Popen[str]

    def request(
        self, method: str, path: str, *, token: str = "", body: Any = None
    ) -> tuple[int, Any]:
        """One HTTP request; returns the status and the decoded JSON (or text) answer."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)  # noqa: S310
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw.decode("utf-8", "replace")


@contextmanager
def server(data_dir: Path, **extra: str) -> Iterator[Server]:
    """``waspada run`` on a free port until the block ends (then stopped by its pid)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "waspada", "run", "--port", str(port), "--threads", "2"],
        env=process_env(data_dir, **extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    running = Server(f"http://127.0.0.1:{port}", process)
    try:
        try:
            wait_for_port(port, process)
        except RuntimeError as exc:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"waspada run: {exc}: {output}") from None
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
