"""``cozysync export``: a complete copy of the server folder (a folder or a zip) whose
manifests match the server's files, byte for byte."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.engine.test_cli import Cli, make_cli
from tests.engine.test_modes_e2e import files, folders, link, make_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def server_with_files(tmp_path: Path, cli: Cli, server: DavServer) -> dict[str, bytes]:
    """A synced folder, plus files only on the server (and an empty folder there)."""
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    (local / "vide").mkdir()
    link(cli, local, server, name="docs")
    assert cli.sync().code == 0
    server.write("Cours/déposé par le prof.pdf", b"%PDF-1.4 " + bytes(range(256)) * 900)
    server.write("MANIFEST.md5", b"a file of the user's with this name\n")
    return files(server.root)


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def check_manifests(root_files: dict[str, bytes], md5_text: str, manifest: dict) -> None:
    copied = {rel: data for rel, data in root_files.items() if not rel.startswith("MANIFEST-")}
    expected = "".join(f"{md5(copied[rel])}  {rel}\n" for rel in sorted(copied))
    assert md5_text == expected
    assert [(f["path"], f["size"], f["md5"]) for f in manifest["files"]] == [
        (rel, len(copied[rel]), md5(copied[rel])) for rel in sorted(copied)
    ]


def test_export_to_a_folder_is_a_complete_copy_its_manifest_matches_the_server(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    on_server = server_with_files(tmp_path, cli, dav_server)
    dest = tmp_path / "export" / "mes fichiers"
    result = cli("export", "docs", str(dest))
    assert result.code == 0, result.err
    # the user's own MANIFEST.md5 is copied; the manifests take free names
    assert "MANIFEST-cozysync-2.md5" in result.out
    exported = files(dest)
    manifests = {"MANIFEST-cozysync-2.md5", "MANIFEST-cozysync-2.json"}
    assert {rel: data for rel, data in exported.items() if rel not in manifests} == on_server
    assert folders(dest) == folders(dav_server.root)  # the empty folder too
    manifest = json.loads(exported["MANIFEST-cozysync-2.json"])
    assert manifest["source"] == dav_server.url
    check_manifests(on_server, exported["MANIFEST-cozysync-2.md5"].decode(), manifest)
    checked = subprocess.run(
        ["md5sum", "-c", "--quiet", "MANIFEST-cozysync-2.md5"], cwd=dest, capture_output=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not [p for p in dest.parent.iterdir() if p.name.startswith(".")]  # no staging left

    again = cli("export", "docs", str(dest))  # never into a folder that holds something
    assert again.code == 1
    assert "already exists and is not an empty folder" in again.err
    assert files(dest) == exported


def test_export_to_a_zip(tmp_path: Path, cli: Cli, dav_server: DavServer):
    on_server = server_with_files(tmp_path, cli, dav_server)
    dav_server.write("MANIFEST.md5", b"")  # still the user's file; still needs another name
    on_server["MANIFEST.md5"] = b""
    result = cli("export", "docs", str(tmp_path / "sauvegarde"), "--zip")
    assert result.code == 0, result.err
    archive_path = tmp_path / "sauvegarde.zip"
    with zipfile.ZipFile(archive_path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        inside = {n: archive.read(n) for n in names if not n.endswith("/")}
    md5_name, json_name = "MANIFEST-cozysync-2.md5", "MANIFEST-cozysync-2.json"
    md5_text, manifest = inside.pop(md5_name).decode(), json.loads(inside.pop(json_name))
    assert inside == on_server
    assert "vide/" in names
    check_manifests(on_server, md5_text, manifest)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".sauvegarde")]

    again = cli("export", "docs", str(archive_path), "--zip")
    assert again.code == 1
    assert "already exists" in again.err


def test_export_without_a_clash_uses_plain_manifest_names(tmp_path: Path, cli: Cli, wsgidav_server):
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    link(cli, local, wsgidav_server, name="docs")
    assert cli.sync().code == 0
    dest = tmp_path / "empty dest"
    dest.mkdir()  # an empty folder is fine
    assert cli("export", "docs", str(dest)).code == 0
    exported = files(dest)
    assert set(exported) == set(files(local)) | {"MANIFEST.md5", "MANIFEST.json"}
    checked = subprocess.run(["md5sum", "-c", "MANIFEST.md5"], cwd=dest, capture_output=True)
    assert checked.returncode == 0
