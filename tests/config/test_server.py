"""`waspada run` over real sockets: request bodies never in clear on disk, the size limit before
the body is read, and the connection settings."""

from __future__ import annotations

import fcntl
import os
import secrets
import select
import socket
import struct
import termios
import time
from pathlib import Path

from tests.server import Server, demo_data_dir, waspada_server  # noqa: F401  (fixture)
from waspada.config import server as server_config

MiB = 1024 * 1024


def _queued(sock: socket.socket) -> int:
    """Bytes sent on ``sock`` that the server has not read yet: ours unsent, its unread."""
    unsent = struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0" * 4))[0]
    client_port = sock.getsockname()[1]
    server_port = sock.getpeername()[1]
    unread = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == (
            client_port
        ):
            unread += int(fields[4].split(":")[1], 16)
    return int(unsent) + unread


def _wait_until_read(sock: socket.socket) -> bool:
    """Wait until the server has read all that was sent; False when it answered instead."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if select.select([sock], [], [], 0.01)[0]:
            return False
        if _queued(sock) == 0:
            return True
    raise AssertionError("the server neither read the body nor answered in 30 s")


def _response(sock: socket.socket) -> bytes:
    sock.settimeout(30)
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _files_holding(marker: bytes, server: Server, folders: list[Path]) -> list[str]:
    """Every file the server has open, and every file in ``folders``, that contains ``marker``."""
    found = []
    fd_dir = Path(f"/proc/{server.process.pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
            if not target.startswith("/") or target.startswith(("/dev/", "/proc/")):
                continue  # sockets, pipes, devices
            if marker in fd.read_bytes():
                found.append(target)
        except OSError:
            continue
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and marker in path.read_bytes():
                found.append(str(path))
    return found


def _multipart(marker: bytes, size: int) -> tuple[bytes, bytes]:
    boundary = secrets.token_hex(12).encode()
    filler = (marker + b" ") * (size // (len(marker) + 1))
    body = (
        b"--" + boundary + b"\r\n"
        b'Content-Disposition: form-data; name="file"; filename="chat.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n" + filler + b"\r\n--" + boundary + b"--\r\n"
    )
    return boundary, body


def test_an_upload_is_never_in_clear_in_a_temporary_folder(demo_data_dir, tmp_path):  # noqa: F811
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    marker = b"MARKER-" + secrets.token_hex(8).encode()
    boundary, body = _multipart(marker, 6 * MiB)
    with waspada_server(demo_data_dir, tmp_path, TMPDIR=str(system_tmp)) as server:
        sock = socket.create_connection(("127.0.0.1", server.port))
        head = (
            f"POST /cek/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary.decode()}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        sent = len(body) - 4096  # all but the end: the server holds the body, still waiting
        sock.sendall(head + body[:sent])
        assert _wait_until_read(sock)

        folders = [system_tmp, server.data_dir / "tmp"]
        assert _files_holding(marker, server, folders) == []

        sock.sendall(body[sent:])
        answer = _response(sock)
        sock.close()
        assert answer.startswith(b"HTTP/1.1 403"), answer[:200]  # reached Django: no CSRF token
        assert _files_holding(marker, server, folders) == []


def _post_head(port: int, extra: str) -> bytes:
    return (
        f"POST /cek/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/octet-stream\r\n{extra}Connection: close\r\n\r\n"
    ).encode()


def test_a_content_length_over_the_limit_is_refused_before_the_body_is_read(
    demo_data_dir,  # noqa: F811
    tmp_path,
):
    with waspada_server(demo_data_dir, tmp_path, WASPADA_EVIDENCE_MAX_MB="1") as server:
        limit = 2 * MiB  # the evidence limit and 1 MB for the rest of a form
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(_post_head(server.port, f"Content-Length: {limit + 1}\r\n"))
        answer = _response(sock)  # not one byte of the body was sent
        sock.close()
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"Kiriman terlalu besar: batasnya 2 MB" in answer
    assert b"The request is too large: the limit is 2 MB" in answer


def test_a_body_of_exactly_the_limit_reaches_the_application(demo_data_dir, tmp_path):  # noqa: F811
    with waspada_server(demo_data_dir, tmp_path, WASPADA_EVIDENCE_MAX_MB="1") as server:
        body = b"x" * (2 * MiB)
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(_post_head(server.port, f"Content-Length: {len(body)}\r\n") + body)
        answer = _response(sock)
        sock.close()
    assert answer.startswith(b"HTTP/1.1 403 "), answer[:200]  # Django's CSRF refusal


def test_a_chunked_body_is_stopped_at_the_limit(demo_data_dir, tmp_path):  # noqa: F811
    with waspada_server(demo_data_dir, tmp_path, WASPADA_EVIDENCE_MAX_MB="1") as server:
        sock = socket.create_connection(("127.0.0.1", server.port))
        head = _post_head(server.port, "Transfer-Encoding: chunked\r\n")
        sock.sendall(head)
        sent = len(head)
        chunk = b"10000\r\n" + b"y" * 0x10000 + b"\r\n"
        answered = False
        while sent < 8 * MiB:  # four times the limit, unless the server stops reading
            sock.sendall(chunk)
            sent += len(chunk)
            if not _wait_until_read(sock):
                answered = True
                break
        answer = _response(sock)
        sock.close()
    assert answered, "the server read four times the limit"
    assert sent <= 2 * MiB + 2 * len(chunk)  # it stopped reading at the limit
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"Kiriman terlalu besar" in answer


def test_waitress_options_follow_the_settings(settings):
    settings.WASPADA_THREADS = 12
    settings.WASPADA_CONNECTION_LIMIT = 700
    settings.WASPADA_REQUEST_MAX_BYTES = 5 * MiB
    options = server_config.options()
    assert options["threads"] == 12
    assert options["connection_limit"] == 700
    assert options["asyncore_use_poll"] is True  # select() stops at 1,024 sockets
    assert options["max_request_body_size"] == 5 * MiB + 1
    assert options["inbuf_overflow"] >= options["max_request_body_size"]
    assert options["outbuf_overflow"] >= 2**40
    assert options["clear_untrusted_proxy_headers"] is False  # ClientAddressMiddleware decides


def test_the_too_large_message_is_in_both_languages():
    assert server_config.too_large_message(50 * MiB).splitlines() == [
        "Kiriman terlalu besar: batasnya 50 MB. Tidak ada yang disimpan.",
        "The request is too large: the limit is 50 MB. Nothing was stored.",
    ]


def test_idle_keep_alive_clients_do_not_lock_out_new_ones(demo_data_dir, tmp_path):  # noqa: F811
    # waitress's default of 100 connections let the first 100 keep-alive clients hold the
    # server while the others waited in the listen queue (the review: 102 of 200 never served).
    with waspada_server(demo_data_dir, tmp_path) as server:
        idle = []
        for _ in range(150):
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            idle.append(sock)
        latecomer = socket.create_connection(("127.0.0.1", server.port))
        latecomer.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        answer = _response(latecomer)
        latecomer.close()
        for sock in idle:
            sock.close()
    assert answer.startswith(b"HTTP/1.1 200 ")


def test_several_processes_need_a_shared_cache(tmp_path):
    import subprocess
    import sys

    from tests.server import base_env

    result = subprocess.run(
        [sys.executable, "-m", "waspada", "run", "--processes", "2", "--port", "1"],
        env=base_env(tmp_path), capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "WASPADA_CACHE_URL" in result.stderr
