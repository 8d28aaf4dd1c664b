"""Real `waspada run` (waitress) processes for the tests that must go over sockets: the reverse
proxy, request bodies, the shared cache. Each server gets a copy of one demo database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


def need(tool: str, install_hint: str) -> str:
    """The path of a system tool; skipped when missing, except in CI where it must be there."""
    path = shutil.which(tool) or next(
        (p for p in (f"/usr/sbin/{tool}", f"/usr/bin/{tool}") if os.access(p, os.X_OK)), None
    )
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI ({install_hint})")
        pytest.skip(f"{tool} is not installed ({install_hint})")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after 60 s")


def base_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WASPADA_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update({"WASPADA_DATA_DIR": str(data_dir), "WASPADA_DEMO": "1", **extra})
    return env


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite database with the demo users, copied for each server."""
    data_dir = tmp_path_factory.mktemp("server-template")
    result = subprocess.run(
        [sys.executable, "-m", "waspada", "demo"],
        env=base_env(data_dir), capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return data_dir


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    data_dir: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def waspada_server(template: Path, workdir: Path, **env: str) -> Iterator[Server]:
    """Run `waspada run` on a free port over a copy of ``template``, with extra environment."""
    data_dir = workdir / f"data-{time.monotonic_ns()}"
    shutil.copytree(template, data_dir)
    port = free_port()
    log = data_dir.parent / f"{data_dir.name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "waspada", "run", "--host", "127.0.0.1", "--port", str(port)],
            env=base_env(data_dir, **env), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        try:
            wait_for_port(port, process)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}:\n{log.read_text(errors='replace')}") from None
        yield Server(port=port, process=process, data_dir=data_dir, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
