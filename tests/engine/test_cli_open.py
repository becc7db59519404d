"""``cozysync open PATH [--online]`` (issue 17, item 4), through the CLI (in this process)
against the strict Cozy double (its office, notes and capabilities routes:
tests/cozy_open_double.py), the Nextcloud double (a real WsgiDAV answering ``oc:fileid``:
tests/nextcloud_fileids.py) and a plain WsgiDAV (no web app: said so)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from tests.cozy_server import ROOT
from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, Result, make_cli
from tests.nextcloud_double import NextcloudDouble
from tests.servers import WsgiDavServer

OO = "https://documentserver.example/"
FILEID = re.compile(rb"<[^>]*fileid>(\d+)</")


def opened(cli: Cli, *args: str) -> dict[str, str]:
    result = in_process(cli)("open", "--json", *args)
    assert result.code == 0, result.out + result.err
    data: dict[str, str] = json.loads(result.out)
    return data


def synced(linked: Linked) -> None:
    result = in_process(linked.cli).sync()
    assert result.code == 0, result.out + result.err


def doc_id(linked: Linked, path: str) -> str:
    doc = linked.cozy.by_path("/" + path)
    assert doc is not None, path
    return doc.id


def test_an_office_document_opens_in_the_online_editor(linked: Linked):
    linked.cozy.open_online.onlyoffice_url = OO
    linked.cozy.instance_host = "alice.cozy.test"
    (linked.local / "Devoirs").mkdir()
    (linked.local / "Devoirs" / "rédaction.docx").write_bytes(b"PK\x03\x04 docx")
    synced(linked)
    data = opened(linked.cli, "--online", str(linked.local / "Devoirs" / "rédaction.docx"))
    file_id = doc_id(linked, "Devoirs/rédaction.docx")
    assert data == {
        "folder": "docs",
        "path": "Devoirs/rédaction.docx",
        "url": f"https://alice-drive.cozy.test/#/onlyoffice/{file_id}",
        "kind": "editor",
    }
    assert ("GET", f"/office/{file_id}/open", "") in linked.cozy.requests


def test_without_an_office_server_the_document_opens_in_drive_at_its_folder(linked: Linked):
    assert linked.cozy.open_online.onlyoffice_url is None  # most Cozies have none
    (linked.local / "Devoirs").mkdir()
    (linked.local / "Devoirs" / "tableau.ods").write_bytes(b"PK ods")
    synced(linked)
    start = len(linked.cozy.answers)
    data = opened(linked.cli, "--online", str(linked.local / "Devoirs" / "tableau.ods"))
    file_id, dir_id = doc_id(linked, "Devoirs/tableau.ods"), doc_id(linked, "Devoirs")
    host = linked.cozy.domain.replace(".", "-drive.", 1)  # flat: 127-drive.0.0.1:port
    assert data["kind"] == "folder-view"
    assert data["url"] == f"http://{host}/#/folder/{dir_id}/file/{file_id}"
    asked = [(m, p, status) for m, p, _, status in linked.answered(start)]
    assert ("GET", f"/office/{file_id}/open", 404) in asked  # the editor was asked first


def test_a_note_opens_in_the_notes_app_even_without_online(linked: Linked):
    linked.cozy.instance_host = "alice.cozy.test"
    linked.cozy.open_online.flat_subdomains = False
    linked.cozy.write_note("Sortie au musée.cozy-note", "# Sortie\n\nmardi")
    synced(linked)
    note = linked.local / "Sortie au musée.cozy-note"
    assert note.is_file()
    data = opened(linked.cli, str(note))  # a note only opens in a browser
    note_id = doc_id(linked, "Sortie au musée.cozy-note")
    assert data["kind"] == "note"
    assert data["url"] == f"https://notes.alice.cozy.test/#/n/{note_id}"  # nested subdomains


def test_any_other_file_or_a_folder_opens_in_drive(linked: Linked):
    synced(linked)
    a_file = opened(linked.cli, "--online", str(linked.local / "a.txt"))
    folder = opened(linked.cli, "--online", str(linked.local))
    host = linked.cozy.domain.replace(".", "-drive.", 1)
    assert a_file["url"] == f"http://{host}/#/folder/{ROOT}/file/{doc_id(linked, 'a.txt')}"
    assert folder == {
        "folder": "docs",
        "path": "",
        "url": f"http://{host}/#/folder/{ROOT}",
        "kind": "folder-view",
    }


def test_print_url_prints_only_the_address(linked: Linked):
    synced(linked)
    result = in_process(linked.cli)("open", "--online", "--print-url", str(linked.local / "a.txt"))
    assert result.code == 0, result.err
    assert result.out.strip().startswith("http://") and len(result.out.splitlines()) == 1


def test_an_item_not_on_the_server_yet_is_said(linked: Linked):
    (linked.local / "nouveau.txt").write_bytes(b"pas encore envoye")
    result = in_process(linked.cli)("open", "--online", "--json", str(linked.local / "nouveau.txt"))
    assert result.code != 0 and result.out == ""
    assert "nouveau.txt" in result.err and "not" in result.err


def test_a_path_outside_every_synced_folder_is_said_in_english_and_french(
    linked: Linked, tmp_path: Path
):
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("x", encoding="utf-8")
    english = in_process(linked.cli)("open", "--online", str(outside))
    assert english.code != 0
    assert f"'{outside}' is not in a synced folder" in english.err
    assert "cozysync list" in english.err
    french_cli = Cli(linked.cli.home, {**linked.cli.env, "LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"})
    french = in_process(french_cli)("open", "--online", str(outside))
    assert french.code == english.code
    assert f"« {outside} » n’est dans aucun dossier synchronisé" in french.err


def test_a_shortcut_opens_at_its_address(linked: Linked):
    shortcut = linked.local / "Cours de maths.url"
    shortcut.write_text("[InternetShortcut]\r\nURL=https://bob-drive.cozy.test/#/folder/42\r\n")
    data = opened(linked.cli, str(shortcut))
    assert data["url"] == "https://bob-drive.cozy.test/#/folder/42"
    assert data["kind"] == "shortcut"
    shortcut.write_text("[InternetShortcut]\nURL=javascript:alert(1)\n")
    refused = in_process(linked.cli)("open", "--print-url", str(shortcut))
    assert refused.code != 0 and "holds no web address" in refused.err


def test_without_online_a_file_opens_here(linked: Linked):
    data = opened(linked.cli, str(linked.local / "a.txt"))
    assert data["kind"] == "local"
    assert data["url"] == (linked.local / "a.txt").as_uri()


# --- Nextcloud and plain WebDAV ---------------------------------------------------------


def fileid_of(nextcloud: NextcloudDouble, rel: str) -> str:
    body = '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:fileid/></d:prop></d:propfind>'
    response = httpx.request(
        "PROPFIND", nextcloud.webdav_url + rel, headers={"Depth": "0"}, content=body,
        auth=(nextcloud.user, nextcloud.password),
    )  # fmt: skip
    assert response.status_code == 207, response.text
    found = FILEID.search(response.content)
    assert found is not None, response.text
    return found.group(1).decode()


def linked_to(tmp_path: Path, url: str, user: str, password: str) -> tuple[Cli, Path]:
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Classe"
    local.mkdir()
    linking: Result = cli(
        "link", str(local), url, "--user", user, "--password-stdin", "--name", "classe",
        "--insecure-file-store", stdin=f"{password}\n",
    )  # fmt: skip
    assert linking.code == 0, linking.out + linking.err
    assert cli.sync().code == 0
    return cli, local


def test_a_nextcloud_file_opens_in_the_files_app_by_its_id(
    tmp_path: Path, nextcloud: NextcloudDouble
):
    nextcloud.write("Cours/lundi.txt", b"maths")
    cli, local = linked_to(tmp_path, nextcloud.webdav_url, nextcloud.user, nextcloud.password)
    data = opened(cli, "--online", str(local / "Cours" / "lundi.txt"))
    file_id = fileid_of(nextcloud, "Cours/lundi.txt")
    assert data == {
        "folder": "classe",
        "path": "Cours/lundi.txt",
        "url": f"{nextcloud.url}/index.php/f/{file_id}",
        "kind": "files-app",
    }
    folder = opened(cli, "--online", str(local / "Cours"))
    assert folder["url"] == f"{nextcloud.url}/index.php/f/{fileid_of(nextcloud, 'Cours')}"


def test_the_nextcloud_double_keeps_an_id_through_a_move_and_gives_a_copy_a_new_one(
    nextcloud: NextcloudDouble,
):
    nextcloud.write("a.txt", b"a")
    first = fileid_of(nextcloud, "a.txt")
    auth = (nextcloud.user, nextcloud.password)
    moved = httpx.request(
        "MOVE", nextcloud.webdav_url + "a.txt", auth=auth,
        headers={"Destination": nextcloud.webdav_url + "b.txt"},
    )  # fmt: skip
    assert moved.status_code == 201
    assert fileid_of(nextcloud, "b.txt") == first
    copied = httpx.request(
        "COPY", nextcloud.webdav_url + "b.txt", auth=auth,
        headers={"Destination": nextcloud.webdav_url + "c.txt"},
    )  # fmt: skip
    assert copied.status_code == 201
    assert fileid_of(nextcloud, "c.txt") not in (first, "")
    assert fileid_of(nextcloud, "b.txt") == first


def test_a_plain_webdav_server_has_no_web_app_to_open(
    tmp_path: Path, wsgidav_server: WsgiDavServer
):
    cli, local = linked_to(
        tmp_path, wsgidav_server.url, wsgidav_server.user, wsgidav_server.password
    )
    result = cli("open", "--online", str(local))
    assert result.code != 0
    assert "'classe' is synced with a server that has no web app cozysync can open" in result.err


def test_app_request_says_when_the_app_is_not_running(linked: Linked):
    french_cli = Cli(linked.cli.home, {**linked.cli.env, "LANG": "fr_FR.UTF-8"})
    result = in_process(french_cli)("app-request", "versions", str(linked.local / "a.txt"))
    assert result.code == 1
    assert "L’app cozysync n’est pas lancée : lancez-la, puis réessayez." in result.err
