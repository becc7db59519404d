"""A server that only lets in the computers IT gave a certificate to (issue 19, item 2):
WsgiDAV over TLS on 127.0.0.1 asking for a client certificate signed by a CA made in the
test, the server's own CA in the system store of the ``python -m cozysync`` subprocess
(``SSL_CERT_FILE``), and a real gnome-keyring.

Without a certificate, ``link`` is refused with a clear message and nothing is linked;
with ``--client-cert``/``--client-key`` (an encrypted key, its passphrase read from
standard input) it links and syncs.  The settings keep the files' paths, never the
passphrase: it is in the keyring, and leaves it with ``unlink``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from cozysync.config import client_key_account
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.remotes.tls_world import Issued, TlsDavServer, issue, make_ca, system_store
from tests.servers import PASSWORD, USER

PASSPHRASE = "clé du poste 12"


@pytest.fixture
def pki(tmp_path: Path) -> Path:
    return tmp_path / "pki"


@pytest.fixture
def it_ca(pki: Path) -> Issued:
    return make_ca(pki, "Rectorat Clients CA")


@pytest.fixture
def server_ca(pki: Path) -> Issued:
    return make_ca(pki / "server-ca", "Académie des Tests CA")


@pytest.fixture
def guarded_dav(
    tmp_path: Path, pki: Path, server_ca: Issued, it_ca: Issued
) -> Iterator[TlsDavServer]:
    server = TlsDavServer(tmp_path / "served", issue(server_ca, pki, "server"), client_ca=it_ca)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cli(tmp_path: Path, server_ca: Issued, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    cli = make_cli(tmp_path)
    cli.env.pop("SSL_CERT_DIR", None)
    cli.env.update(system_store(server_ca, tmp_path / "store"))
    return cli


def link(cli: Cli, local: Path, server: TlsDavServer, *extra: str, stdin: str = ""):
    return cli(
        "link", str(local), server.url, "--user", USER, "--password-stdin", "--name", "docs",
        *extra, stdin=f"{PASSWORD}\n{stdin}",
    )  # fmt: skip


def test_a_server_asking_for_a_client_certificate_refuses_a_computer_without_one(
    tmp_path: Path, cli: Cli, guarded_dav: TlsDavServer
) -> None:
    local = tmp_path / "Cours"
    local.mkdir()

    refused = link(cli, local, guarded_dav)

    assert refused.code != 0
    assert "the server 127.0.0.1 asks for a client certificate" in refused.err
    assert "--client-cert and --client-key" in refused.err  # what to do
    assert "unexpected error" not in refused.err
    assert cli.folders() == []
    assert guarded_dav.requests.seen == []


def test_with_its_certificate_the_computer_links_and_syncs(
    tmp_path: Path, cli: Cli, guarded_dav: TlsDavServer, it_ca: Issued, pki: Path
) -> None:
    pupil = issue(it_ca, pki, "poste-12", client=True, passphrase=PASSPHRASE.encode())
    local = tmp_path / "Cours"
    local.mkdir()
    (local / "devoir.txt").write_text("mon devoir\n", encoding="utf-8")

    linked = link(
        cli, local, guarded_dav, "--client-cert", str(pupil.cert_file), "--client-key",
        str(pupil.key_file), "--client-key-passphrase-stdin", stdin=f"{PASSPHRASE}\n",
    )  # fmt: skip
    assert linked.code == 0, linked.err
    synced = cli("sync", "--once")

    assert synced.code == 0, synced.err
    assert (guarded_dav.root / "devoir.txt").read_text(encoding="utf-8") == "mon devoir\n"
    [folder] = cli.folders()
    assert (folder["client_cert"], folder["client_key"]) == (
        str(pupil.cert_file), str(pupil.key_file),
    )  # fmt: skip
    assert PASSPHRASE not in cli.locations.folders_file.read_text(encoding="utf-8")
    account = client_key_account(folder["folder_id"])
    assert keyring.get_password("cozysync", account) == PASSPHRASE
    assert cli("unlink", "--name", "docs").code == 0
    assert keyring.get_password("cozysync", account) is None


def test_a_wrong_passphrase_is_said_and_nothing_is_linked(
    tmp_path: Path, cli: Cli, guarded_dav: TlsDavServer, it_ca: Issued, pki: Path
) -> None:
    pupil = issue(it_ca, pki, "poste-12", client=True, passphrase=PASSPHRASE.encode())
    (tmp_path / "Cours").mkdir()

    refused = link(
        cli, tmp_path / "Cours", guarded_dav, "--client-cert", str(pupil.cert_file),
        "--client-key", str(pupil.key_file), "--client-key-passphrase-stdin",
        stdin="pas la bonne\n",
    )  # fmt: skip

    assert refused.code != 0
    assert f"the client certificate {pupil.cert_file} cannot be used" in refused.err
    assert "passphrase" in refused.err
    assert cli.folders() == []
