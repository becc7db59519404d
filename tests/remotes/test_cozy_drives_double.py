"""The shared-drive routes of the Cozy double follow cozy-stack's code (tests/
cozy_drives_double.py cites it): a member reaches only the drive's items, the changes
feed is the owner's with every other doc turned into a deletion, the root is not moved,
and an unknown or left drive is refused.  Plain HTTP with a token of the whole
``io.cozy.files`` type, as the stack's own web app has."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from tests.cozy_drives_double import Drive
from tests.cozy_server import CozyStackServer


@pytest.fixture(scope="module")
def stack() -> Iterator[CozyStackServer]:
    server = CozyStackServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def http(stack: CozyStackServer) -> Iterator[httpx.Client]:
    stack.reset()
    headers = {"Authorization": f"Bearer {stack.web_token}"}
    with httpx.Client(base_url=stack.url, headers=headers, timeout=30) as client:
        yield client


def test_a_member_reaches_only_the_drive(stack: CozyStackServer, http: httpx.Client):
    drive: Drive = stack.receive_drive("6e B", "Collège")
    inside = drive.put("Cours/chap1.txt", b"v1")
    elsewhere = drive.put("x.txt", b"x")
    with drive.owner.lock:  # the owner's own file, outside the drive
        elsewhere.dir_id = "io.cozy.files.root-dir"
        drive.owner._touch(elsewhere)
    base = f"/sharings/drives/{drive.id}"
    assert http.get(f"{base}/download/{inside.id}").content == b"v1"
    assert http.get(f"{base}/download/{elsewhere.id}").status_code == 403
    assert http.get(f"{base}/{elsewhere.id}").status_code == 403
    root = http.get(f"{base}/{drive.root_id}").json()
    assert root["data"]["attributes"]["path"] == "/Drives/6e B"  # the owner's path
    assert [i["attributes"]["name"] for i in root["included"]] == ["Cours"]
    meta = http.get(f"{base}/metadata", params={"Path": "/Drives/6e B/Cours/chap1.txt"})
    assert meta.json()["data"]["id"] == inside.id
    assert meta.json()["data"]["attributes"]["driveId"] == drive.id
    # the recipient's own files API knows nothing of it
    assert http.get(f"/files/{inside.id}").status_code == 404
    moved = http.patch(
        f"{base}/{drive.root_id}",
        content=json.dumps({"data": {"attributes": {"dir_id": inside.dir_id}}}),
    )
    assert moved.status_code == 422  # drives.go:327-332
    out = http.patch(
        f"{base}/{inside.id}",
        content=json.dumps({"data": {"attributes": {"dir_id": "io.cozy.files.root-dir"}}}),
    )
    assert out.status_code == 403  # the new parent outside the drive (drives.go:392-395)


def test_the_changes_feed_is_the_owner_s_mapped_to_the_drive(
    stack: CozyStackServer, http: httpx.Client
):
    drive = stack.receive_drive("6e B", "Collège")
    inside = drive.put("chap1.txt", b"v1")
    now = http.get(f"/sharings/drives/{drive.id}/_changes", params={"since": "now"}).json()
    assert now["results"] == [] and now["last_seq"]
    feed = http.get(f"/sharings/drives/{drive.id}/_changes", params={"since": "0"}).json()
    rows = {row["id"]: row for row in feed["results"]}
    assert rows[inside.id]["doc"]["driveId"] == drive.id
    assert rows[inside.id]["doc"]["path"] == "/Drives/6e B/chap1.txt"  # not cut
    assert rows[drive.root_id]["deleted"] is True  # the root: not below itself
    assert rows["io.cozy.files.trash-dir"]["deleted"] is True  # the owner's other docs
    assert "io.cozy.files.root-dir" not in rows
    bad = http.get(f"/sharings/drives/{drive.id}/_changes", params={"descending": "true"})
    assert bad.status_code == 400  # files.go:1843-1850: as /files/_changes


def test_unknown_left_and_read_only_drives_are_refused(stack: CozyStackServer, http: httpx.Client):
    assert http.get("/sharings/drives/nope/_changes").status_code == 404
    left = stack.receive_drive("Ancien", "Collège", active=False)
    assert http.get(f"/sharings/drives/{left.id}/_changes").status_code == 403
    assert http.get("/sharings/drives").json()["data"] == []
    svt = stack.receive_drive("SVT", "Mme Martin", read_only=True)
    plan = svt.put("plan.txt", b"v1")
    refused = http.post(
        f"/sharings/drives/{svt.id}/{svt.root_id}",
        params={"Type": "file", "Name": "mine.txt"},
        content=b"mine",
    )
    assert refused.status_code == 403 and "read-only member" in refused.text
    assert http.get(f"/sharings/drives/{svt.id}/download/{plan.id}").content == b"v1"
    assert svt.tree() == {"plan.txt": b"v1"}
