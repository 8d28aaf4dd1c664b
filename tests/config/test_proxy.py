"""The README's production set-up, for real: Debian's nginx terminating TLS in front of
`waspada run`, configured with the README's own server block."""

from __future__ import annotations

import datetime
import http.client
import re
import sqlite3
import ssl
import subprocess
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.server import (  # noqa: F401  (fixture)
    Server,
    demo_data_dir,
    free_port,
    need,
    wait_for_port,
    waspada_server,
)

README = Path(__file__).resolve().parents[2] / "README.md"
PROXY_ADDRESS = "127.0.0.2"  # nginx connects to waspada from here: the only trusted peer


def _readme_block(language: str) -> str:
    text = README.read_text()
    production = text[text.index("## Production\n") : text.index("## Configuration\n")]
    blocks = re.findall(rf"```{language}\n(.*?)```", production, flags=re.S)
    assert len(blocks) == 1, f"expected one {language} block in the README's Production steps"
    return "\n".join(line[3:] if line.startswith("   ") else line for line in blocks[0].split("\n"))


def _readme_environment() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in _readme_block("sh").splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _nginx_conf(folder: Path, *, port: int, upstream: int, cert: Path, key: Path) -> Path:
    site = _readme_block("nginx")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;")
    site = site.replace("server_name waspada.example.org;", "server_name localhost;")
    site = re.sub(r"ssl_certificate \S+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};", site)
    site = site.replace("http://127.0.0.1:8000;", f"http://127.0.0.1:{upstream};")
    # Test only: nginx speaks to waspada from 127.0.0.2, so that this test, connecting from
    # 127.0.0.1, is an untrusted peer when it goes to waspada directly.
    site = site.replace("location / {", f"location / {{\n        proxy_bind {PROXY_ADDRESS};")
    temp = {kind: folder / kind for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off;\nworker_processes 1;\nuser root;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n  access_log off;\n"
        + "".join(f"  {kind}_temp_path {path};\n" for kind, path in temp.items())
        + site
        + "}\n"
    )
    return conf


@pytest.fixture
def behind_nginx(demo_data_dir, tmp_path) -> Iterator[tuple[int, Server]]:  # noqa: F811
    nginx = need("nginx", "apt-get install nginx")
    environment = _readme_environment()
    assert environment["WASPADA_TRUSTED_PROXIES"] == "127.0.0.1"
    environment.update(
        WASPADA_ALLOWED_HOSTS="localhost",  # the certificate's name here
        WASPADA_TRUSTED_PROXIES=PROXY_ADDRESS,
    )
    environment.pop("WASPADA_CACHE_URL")  # one process: local memory (Redis: test_cache.py)
    cert, key = _certificate(tmp_path)
    with waspada_server(demo_data_dir, tmp_path, **environment) as server:
        port = free_port()
        conf = _nginx_conf(tmp_path, port=port, upstream=server.port, cert=cert, key=key)
        process = subprocess.Popen([nginx, "-c", str(conf), "-e", str(tmp_path / "error.log")])
        try:
            wait_for_port(port, process)  # type: ignore[arg-type]
            yield port, server
        finally:
            process.terminate()
            process.wait(timeout=10)


class Browser:
    """Just enough of a browser: one client address, cookies, the CSRF token of a form."""

    def __init__(self, port: int, *, source: str, tls: bool, cafile: Path | None = None) -> None:
        self.port, self.source, self.tls = port, source, tls
        self.context = ssl.create_default_context(cafile=str(cafile)) if tls else None
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        if self.tls:
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "localhost", self.port, context=self.context, source_address=(self.source, 0)
            )
        else:
            connection = http.client.HTTPConnection(
                "localhost", self.port, source_address=(self.source, 0)
            )
        sent = {"Host": f"localhost:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            scheme = "https" if self.tls else "http"
            sent.setdefault("Origin", f"{scheme}://localhost:{self.port}")
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body.encode(), headers=sent)
        response = connection.getresponse()
        text = response.read().decode()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, dict(response.headers.items()), text

    def log_in(self, username: str, password: str, **headers: str) -> tuple[int, dict[str, str]]:
        status, _headers, page = self.request("GET", "/akun/login/", headers=headers)
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        form = f"csrfmiddlewaretoken={token.group(1)}&username={username}&password={password}"
        status, answer_headers, _page = self.request("POST", "/akun/login/", form, headers)
        return status, answer_headers


def _audit(server: Server, action: str) -> list[str]:
    db = sqlite3.connect(server.data_dir / "waspada.sqlite3")
    try:
        rows = db.execute(
            "SELECT ip FROM audit_auditevent WHERE action = ? ORDER BY seq", (action,)
        )
        return [row[0] for row in rows]
    finally:
        db.close()


def test_behind_nginx_each_client_is_audited_with_its_own_address(behind_nginx, tmp_path):
    port, server = behind_nginx
    first = Browser(port, source="127.0.0.3", tls=True, cafile=tmp_path / "cert.pem")
    second = Browser(port, source="127.0.0.4", tls=True, cafile=tmp_path / "cert.pem")
    # The first client also sends an X-Forwarded-For of its own: nginx appends the real one.
    status, headers = first.log_in("cw.iom", "wrong-password", **{"X-Forwarded-For": "10.6.6.6"})
    assert status == 200
    status, headers = second.log_in("sup.iom", "waspada-demo")
    assert status == 302, "the login form was refused through the proxy"
    assert headers["Location"] == "/dasbor/"
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    status, _headers, _page = second.request("GET", "/dasbor/")
    assert status == 200
    assert _audit(server, "accounts.user.login_failed") == ["127.0.0.3"]
    assert _audit(server, "accounts.user.login") == ["127.0.0.4"]


def test_forwarded_headers_from_anyone_but_the_proxy_are_ignored(behind_nginx):
    _port, server = behind_nginx
    direct = Browser(server.port, source="127.0.0.1", tls=False)
    spoofed = {"X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https"}
    status, headers = direct.log_in("cw.iom", "wrong-password", **spoofed)
    assert status == 200
    assert "Strict-Transport-Security" not in headers  # not believed to be HTTPS either
    assert _audit(server, "accounts.user.login_failed") == ["127.0.0.1"]
