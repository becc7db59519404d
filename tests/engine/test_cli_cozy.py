"""The CLI with a Cozy: `link` detects the Cozy, the user approves this computer in a
browser (here, a test browser driven from the printed address), `sync --once` syncs
through the Cozy remote, and `unlink` unregisters this computer on the Cozy.

Against the strict Cozy Stack double of tests/cozy_server.py on 127.0.0.1, with the
tokens in a real gnome-keyring."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest

from cozysync.cli.exitcodes import EXIT_AUTH
from tests.chaos.proxy import ChaosProxy, FaultSchedule
from tests.cozy_server import CozyStackServer, CozyUser, UserBrowser
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

URL = re.compile(r"^\s+(http://\S+)$", re.M)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["COZYSYNC_HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cozysync", *args], capture_output=True, text=True, env=env,
        timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _link_with_browser(env: dict[str, str], local: Path, url: str, *extra: str) -> str:
    """Run `link --no-browser`, open the printed address in the test browser."""
    return _with_browser(env, "link", str(local), url, "--no-browser", *extra)


def _with_browser(
    env: dict[str, str], *args: str, browser: UserBrowser | None = None, code: int = 0
) -> str:
    """Run a CLI command that logs in to a Cozy; the test browser opens the address it
    prints.  Returns what it printed (stdout, then stderr when ``code`` is not 0)."""
    printed: list[str] = []
    browser = browser or UserBrowser()
    with subprocess.Popen(
        [sys.executable, "-m", "cozysync", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        stdin=subprocess.DEVNULL,
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:  # the browser opens the address as soon as it is printed
            printed.append(line)
            found = URL.match(line)
            if found:
                threading.Thread(target=browser, args=(found.group(1),), daemon=True).start()
        err = proc.stderr.read()
        exit_code = proc.wait(timeout=120)
    assert exit_code == code, err + "".join(printed)
    assert browser.visited, "the login address was not printed"
    return "".join(printed) + (err if code else "")


def test_link_a_cozy_sync_both_ways_and_unlink(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    env = _env(tmp_path)
    local = tmp_path / "Cozy"
    local.mkdir()
    (local / "devoir.txt").write_text("Mon devoir de français", encoding="utf-8")
    cozy_user.write("Classe/cours.txt", b"cours du lundi")

    printed = _link_with_browser(env, local, cozy_server.url)  # detected, no --cozy
    assert "Linked" in printed

    result = _cli(env, "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert cozy_server.tree()["devoir.txt"] == "Mon devoir de français".encode()
    assert (local / "Classe" / "cours.txt").read_bytes() == b"cours du lundi"
    config = (tmp_path / "home" / "config" / "folders.json").read_text()
    assert '"remote_kind": "cozy"' in config and "access_token" not in config

    clients_before = len(cozy_server.clients)
    result = _cli(env, "unlink")
    assert result.returncode == 0, result.stderr
    assert len(cozy_server.clients) == clients_before - 1  # unregistered on the Cozy
    assert (local / "devoir.txt").exists()  # a plain unlink keeps the files


def test_relink_from_a_webdav_server_to_a_cozy_keeps_everything(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    """A student leaving the school's server for their own Cozy: every local file goes
    up to the Cozy, nothing is deleted on either side, the old password is removed."""
    env = _env(tmp_path)
    local = tmp_path / "Cours"
    local.mkdir()
    (local / "notes.txt").write_text("notes", encoding="utf-8")
    linked = subprocess.run(
        [sys.executable, "-m", "cozysync", "link", str(local), wsgidav_server.url,
         "--user", wsgidav_server.user, "--password-stdin", "--name", "cours"],
        input=wsgidav_server.password + "\n", capture_output=True, text=True, env=env,
        timeout=120,
    )  # fmt: skip
    assert linked.returncode == 0, linked.stderr
    assert _cli(env, "sync", "--once").returncode == 0
    folders = json.loads((tmp_path / "home" / "config" / "folders.json").read_text())
    folder_id = folders["folders"][0]["folder_id"]
    assert keyring.get_password("cozysync", folder_id) == wsgidav_server.password

    printed = _with_browser(env, "relink", "cours", cozy_server.url, "--no-browser")
    assert "Relinked" in printed

    result = _cli(env, "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert cozy_server.tree()["notes.txt"] == b"notes"
    assert (wsgidav_server.root / "notes.txt").read_text() == "notes"  # the old one: untouched
    assert (local / "notes.txt").read_text() == "notes"
    assert keyring.get_password("cozysync", folder_id) is None  # the old password is gone


def test_cancel_in_the_browser_ends_the_link_at_once(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    env = _env(tmp_path)
    local = tmp_path / "Cozy"
    local.mkdir()
    cozy_server.consent = "cancel"  # the Cancel link of the consent page
    started = time.monotonic()
    printed = _with_browser(
        env, "link", str(local), cozy_server.url, "--cozy", "--no-browser", code=EXIT_AUTH
    )
    assert time.monotonic() - started < 60  # not the 10-minute wait
    assert "you cancelled the login in the browser; nothing was linked" in printed
    assert "Run cozysync link again to retry" in printed
    assert cozy_server.clients == {}  # unregistered again
    assert "folder_id" not in _folders_json(tmp_path)


def test_the_device_limit_is_explained_and_the_link_goes_on_once_one_is_removed(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    env = _env(tmp_path)
    local = tmp_path / "Cozy"
    local.mkdir()
    phone = httpx.post(
        cozy_server.url + "/auth/register",
        json={"redirect_uris": ["http://127.0.0.1:1/cb"], "client_name": "phone",
              "software_id": "y", "client_kind": "mobile"},
    ).json()  # fmt: skip
    cozy_server.oauth_clients_max = 2  # the phone and this computer
    limit_pages: list[httpx.Response] = []

    class User(UserBrowser):
        def __call__(self, url: str) -> None:
            super().__call__(url)  # the device-limit page: 200, no redirect
            assert self.final is not None
            limit_pages.append(self.final)
            cozy_server.delete_client(phone["client_id"])  # Settings > Connected devices
            super().__call__(url)  # the page reloads itself

    printed = _with_browser(
        env, "link", str(local), cozy_server.url, "--cozy", "--no-browser", browser=User()
    )
    assert "most devices it allows" in printed and "Connected devices" in printed
    assert "Linked" in printed
    [page] = limit_pages
    assert page.status_code == 200 and not page.history


def _folders_json(tmp_path: Path) -> str:
    path = tmp_path / "home" / "config" / "folders.json"
    return path.read_text() if path.exists() else ""


class ProxiedBrowser(UserBrowser):
    """The test browser, reaching ``*.cozy.test`` through the proxy (its DNS)."""

    def __init__(self, proxy: str) -> None:
        super().__init__()
        self.proxy = proxy

    def __call__(self, url: str) -> None:
        self.visited.append(url)
        mounts = {"all://*.cozy.test": httpx.HTTPTransport(proxy=self.proxy)}
        with httpx.Client(
            follow_redirects=True, timeout=30.0, mounts=mounts, trust_env=False
        ) as http:
            self.final = http.get(url)


@pytest.fixture
def named_cozy(cozy_server: CozyStackServer) -> Iterator[ChaosProxy]:
    """The double as the Cozy ``alice.cozy.test``, its Drive on ``alice-drive.cozy.test``
    (flat subdomains), both reached through an HTTP proxy that sends every name to it."""
    cozy_server.instance_host = f"alice.cozy.test:{cozy_server.port}"
    with ChaosProxy(cozy_server.port, FaultSchedule(seed=0)) as proxy:
        yield proxy
    cozy_server.instance_host = None


@pytest.mark.parametrize(
    ("pasted", "extra"),
    [
        ("http://alice-drive.cozy.test:{port}/#/folder/io.cozy.files.root-dir", ()),
        ("http://alice-photos.cozy.test:{port}/#/albums", ("--cozy",)),
    ],
    ids=["drive-detected", "photos-forced"],
)
def test_a_drive_address_pasted_from_the_browser_links_the_cozy(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    named_cozy: ChaosProxy,
    real_keyring: KeyringSession,  # noqa: F811
    pasted: str,
    extra: tuple[str, ...],
) -> None:
    """Issue 15, item 6: the app's host serves the app, not the API (a 401 on /version,
    405 on a POST): the Cozy is the instance without the app slug."""
    env = {**_env(tmp_path), "HTTP_PROXY": named_cozy.url, "NO_PROXY": ""}
    local = tmp_path / "Cozy"
    cozy_user.write("Photos/plage.jpg", b"sable")
    address = pasted.format(port=cozy_server.port)
    browser = ProxiedBrowser(named_cozy.url)
    printed = _with_browser(
        env, "link", str(local), address, "--no-browser", *extra, browser=browser
    )
    assert "Linked" in printed and "WebDAV" not in printed
    instance = f"http://alice.cozy.test:{cozy_server.port}"
    assert browser.visited[0].startswith(f"{instance}/auth/authorize?")
    folders = json.loads((tmp_path / "home" / "config" / "folders.json").read_text())
    assert folders["folders"][0]["remote_kind"] == "cozy"
    assert folders["folders"][0]["remote_url"] == instance

    result = _cli(env, "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert (local / "Photos" / "plage.jpg").read_bytes() == b"sable"


def test_an_address_linked_as_webdav_says_so(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    """Never a silent WebDAV setup: a folder linked as WebDAV says so, and an address that
    is neither a Cozy nor a WebDAV folder says both."""
    env = _env(tmp_path)

    def link(local: str, url: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cozysync", "link", str(tmp_path / local), url,
             "--user", wsgidav_server.user, "--password-stdin"],
            input=wsgidav_server.password + "\n", capture_output=True, text=True, env=env,
            timeout=120,
        )  # fmt: skip

    neither = link("Other", wsgidav_server.url.rstrip("/") + "/nothing-here/")
    assert neither.returncode != 0
    assert "nor does it answer like a Cozy" in neither.stderr, neither.stderr
    linked = link("Dav", wsgidav_server.url)
    assert linked.returncode == 0, linked.stderr
    assert "does not answer like a Cozy: it is linked as a WebDAV folder" in linked.stdout
