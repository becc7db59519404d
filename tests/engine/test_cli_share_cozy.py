"""Sharing from the CLI with a Cozy (issue 17, items 1-3), end to end through the
in-process CLI against the strict double (tests/cozy_permissions_double.py: links,
contacts and groups, sharings made as their owner; each rule cites cozy-stack).

A link to a folder is a share-by-link permission on its id whose shortcode is in the
printed address (Drive's ``/public`` page); ``shares`` lists it with its rights and
``unshare --link`` revokes it on the Cozy.  ``share --with`` finds people and groups in
the address book (no case, no accents) and makes one sharing; a login made before the
contacts scope was asked is told to sign in again once."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import segno

from tests.cozy_permissions_double import PAGE
from tests.cozy_server import CozyStackServer
from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

OLD_SCOPE = "io.cozy.files io.cozy.settings:GET:io.cozy.settings.disk-usage"


def _synced(linked: Linked) -> InProcessCli:
    (linked.local / "Exposé SVT").mkdir()
    (linked.local / "Exposé SVT" / "plan.txt").write_bytes(b"v1")
    cli = in_process(linked.cli)
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    return cli


def _folder_id(cozy: CozyStackServer, path: str) -> str:
    doc = cozy.by_path(path)
    assert doc is not None
    return doc.id


def test_a_read_only_link_is_printed_listed_and_revoked(linked: Linked):
    cli = _synced(linked)
    made = cli("share", str(linked.local / "Exposé SVT"), "--read-only", "--expires", "7d")
    assert made.code == 0, made.out + made.err
    [link] = linked.cozy.shares.links.values()
    assert link.permissions == {
        "files": {
            "type": "io.cozy.files",
            "verbs": ["GET"],
            "values": [_folder_id(linked.cozy, "/Exposé SVT")],
        }
    }
    assert link.expires_at and not link.password
    code = link.shortcodes["code"]
    host = linked.cozy.domain
    first, _, rest = host.partition(".")
    assert made.out.strip() in (
        f"http://{first}-drive.{rest}/public?sharecode={code}#/",  # flat subdomains
        f"http://drive.{host}/public?sharecode={code}#/",  # nested
    ), made.out  # the address alone on stdout: cozysync share x | xclip
    assert "Exposé SVT: link (read-only, until " in made.err, made.err

    listed = cli("shares")
    assert listed.code == 0, listed.out + listed.err
    assert "Exposé SVT: link (read-only, until " in listed.out, listed.out
    assert made.out.strip() in listed.out
    [data] = json.loads(cli("shares", "--json").out)
    assert (data["kind"], data["path"], data["read_only"], data["mine"]) == (
        "link", "Exposé SVT", True, True,
    )  # fmt: skip
    assert data["since"] and data["expires"] and data["url"] == made.out.strip()

    stopped = cli("unshare", str(linked.local / "Exposé SVT"), "--link")
    assert stopped.code == 0, stopped.out + stopped.err
    assert "Stopped: Exposé SVT: link (read-only" in stopped.out
    assert linked.cozy.shares.links == {}
    assert ("DELETE", f"/permissions/{link.id}", "") in linked.cozy.requests
    assert cli("shares").out.strip() == "Nothing is shared."


def test_an_editable_link_with_a_password_and_its_qr_code(linked: Linked):
    cli = _synced(linked)
    made = cli(
        "share", str(linked.local / "Exposé SVT" / "plan.txt"), "--password-stdin", "--qr",
        stdin="mot de passe 1\n",
    )  # fmt: skip
    assert made.code == 0, made.out + made.err
    [link] = linked.cozy.shares.links.values()
    assert link.password and link.permissions["files"]["verbs"] == ["GET", "POST", "PUT", "PATCH"]
    url, scan, *qr = made.out.splitlines()
    assert url.endswith(f"?sharecode={link.shortcodes['code']}#/")
    assert scan == "Scan this code with a phone to open the link:"
    expected = io.StringIO()
    segno.make(url, error="m").terminal(out=expected, compact=True, border=2)
    assert qr == expected.getvalue().splitlines()  # the link's own QR code, in the terminal
    assert "plan.txt: link (can edit, password" in made.err


def test_sharing_with_a_pupil_and_a_class_of_the_address_book(linked: Linked):
    book = linked.cozy.shares
    group = book.add_group("3e B")
    book.add_contact("Léa", "Martin", "lea@example.net")
    book.add_contact("Léo", "Martin", "leo@example.net", groups=(group,))
    book.add_contact("Hugo", "Bernard", "hugo@example.net", groups=(group,))
    book.add_contact("Alice", "Moi", "alice@example.net", me=True)
    cli = _synced(linked)
    folder = str(linked.local / "Exposé SVT")

    vague = cli("share", folder, "--with", "martin")
    assert vague.code != 0
    assert "could be several people or groups (Léa Martin, Léo Martin)" in vague.err, vague.err
    nobody = cli("share", folder, "--with", "Zoé")
    assert nobody.code != 0 and "no one called Zoé is in your address book" in nobody.err
    assert book.owned == {}  # nothing shared while a name is wrong

    made = cli("share", folder, "--with", "lea martin", "3e b", "--read-only")
    assert made.code == 0, made.out + made.err
    [(sharing_id, sharing)] = book.owned.items()
    assert sharing["rules"] == [{
        "title": "Exposé SVT", "doctype": "io.cozy.files",
        "values": [_folder_id(linked.cozy, "/Exposé SVT")],
        "add": "sync", "update": "sync", "remove": "sync",
    }]  # fmt: skip
    people = [(m.get("email"), m["read_only"], bool(m.get("only_in_groups"))) for m in
              sharing["members"][1:]]  # fmt: skip
    assert sorted(people) == [
        ("hugo@example.net", True, True), ("lea@example.net", True, False),
        ("leo@example.net", True, True),
    ]  # fmt: skip
    assert "Exposé SVT: shared with Léa Martin (read-only, waiting for an answer)" in made.out
    assert "Exposé SVT: shared with 3e B (read-only" in made.out

    listed = json.loads(cli("shares", "--json").out)
    assert sorted((s["kind"], s["who"], s["read_only"]) for s in listed) == [
        ("group", "3e B", True), ("person", "Léa Martin", True),
    ]  # fmt: skip
    stopped = cli("unshare", folder, "--with", "Léa Martin")
    assert stopped.code == 0, stopped.out + stopped.err
    statuses = {m.get("email"): m["status"] for m in sharing["members"][1:]}
    assert statuses["lea@example.net"] == "revoked" and statuses["leo@example.net"] == "pending"
    assert ("DELETE", f"/sharings/{sharing_id}/recipients/1", "") in linked.cozy.requests
    assert [s["who"] for s in json.loads(cli("shares", "--json").out)] == ["3e B"]


def test_a_login_without_the_contacts_scope_is_asked_to_sign_in_again(linked: Linked):
    linked.cozy.shares.add_contact("Léa", "Martin", "lea@example.net")
    cli = _synced(linked)
    with linked.cozy.lock:  # the login was made by an older cozysync: files and disk only
        linked.cozy.tokens = {t: (c, OLD_SCOPE, e) for t, (c, _, e) in linked.cozy.tokens.items()}
        linked.cozy.granted = dict.fromkeys(linked.cozy.granted, OLD_SCOPE)
    refused = cli("share", str(linked.local / "Exposé SVT"), "--with", "Léa")
    assert refused.code != 0
    assert "cannot read your contacts yet. Sign in again once with: cozysync login" in refused.err
    assert linked.cozy.shares.owned == {}
    made = cli("share", str(linked.local / "Exposé SVT"))  # a link needs no new permission
    assert made.code == 0, made.out + made.err
    assert re.search(r"/public\?sharecode=\S+#/$", made.out.strip())


def test_a_path_not_on_the_cozy_yet_is_said(linked: Linked):
    cli = _synced(linked)
    (linked.local / "brouillon.txt").write_bytes(b"pas encore")
    refused = cli("share", str(linked.local / "brouillon.txt"))
    assert refused.code != 0
    assert "brouillon.txt is not on the server yet. Sync it first" in refused.err, refused.err
    assert linked.cozy.shares.links == {}


def test_links_past_one_page_are_all_listed(linked: Linked):
    cli = _synced(linked)
    folder = str(linked.local / "Exposé SVT")
    for _ in range(3):
        assert cli("share", folder, "--read-only").code == 0
    more = PAGE  # the stack sends 30 a page with links.next (permissions.go:288-340)
    made = list(linked.cozy.shares.links.values())
    for n in range(more):
        copy = dataclasses.replace(made[0], id=f"{n:032x}")
        linked.cozy.shares.links[copy.id] = copy
    listed = json.loads(cli("shares", "--json").out)
    assert len(listed) == 3 + more
    assert {s["share_id"] for s in listed} == {f"link:{i}" for i in linked.cozy.shares.links}
    pages = [q for m, p, q in linked.cozy.requests if p.endswith("/shared-by-link")]
    assert pages[-2:] == ["", "page%5Bcursor%5D=30&page%5Blimit%5D=30"]
