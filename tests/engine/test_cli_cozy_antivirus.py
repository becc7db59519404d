"""A Cozy whose context runs the antivirus, end to end through ``python -m cozysync``.

With the antivirus on, the stack writes each uploaded file's doc twice more, content
untouched (cozy-stack model/job/trigger_antivirus.go: status pending, then the worker's
result): the rev this computer got back is stale within seconds.  A file the antivirus
blocks answers 451 (``code: antivirus_blocked``) to a download and to a move to the trash
(web/files/antivirus.go).  Against the strict double of ``tests/cozy_server.py``
(``antivirus``, ``antivirus_blocked``), linked as a user does it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import Linked, is_download, is_upload, link_folder
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


@pytest.fixture
def linked(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> Linked:
    cozy_server.antivirus = True
    return link_folder(tmp_path, cozy_server, cozy_user)


def _is_feed_read(method: str, path: str) -> bool:
    """The changes feed, or the root's stat every run starts with (``CozyRemote.check``),
    or the account's calls of every run (``_is_account_call``)."""
    feed = (method, path) in (("GET", "/files/_changes"), ("GET", "/files/metadata"))
    return feed or _is_account_call(method, path)


def _is_account_call(method: str, path: str) -> bool:
    """The Cozy's warnings at a run's first listing, the pass noted at its end (issue 15,
    item 10): no transfer, no file doc."""
    return (method, path) in (("GET", "/settings/warnings"), ("POST", "/settings/synchronized"))


def test_the_scans_writes_after_uploads_cost_nothing(linked: Linked):
    """Each upload is followed by two writes of its doc with the same MD5: the next pass
    reads them in the feed and does nothing else (no transfer, no other request), and a
    later edit goes up at once (its If-Match is the rev the feed showed, not a 412)."""
    for i in range(5):
        (linked.local / f"n{i}.txt").write_bytes(b"n" * (i + 1))
    start = linked.mark()
    sent = linked.cli.sync()
    assert sent.code == 0, sent.out + sent.err
    # the pass that uploads reads the feed once more to see them, as without the
    # antivirus: the two writes after each are learnt there, with no round after it
    seen = [(m, p) for m, p, _ in linked.since(start) if not _is_account_call(m, p)]
    assert seen.count(("GET", "/files/_changes")) == 2, seen
    assert len(seen) == 1 + 2 + 5, seen  # the root's stat, two feed reads, five uploads
    assert "5 changes made" in sent.out, sent.out
    revs = {name: doc.rev for name, doc in _docs(linked).items()}
    assert all(int(rev.split("-")[0]) == 3 for rev in revs.values())  # upload + 2 scans
    assert all(doc.antivirus_scan == {"status": "clean"} for doc in _docs(linked).values())

    start = linked.mark()
    again = linked.cli.sync()
    assert again.code == 0, again.out + again.err
    seen = linked.since(start)
    assert seen and all(_is_feed_read(m, p) for m, p, _ in seen), seen
    assert "change made" not in again.out and "changes made" not in again.out, again.out

    start = linked.mark()
    third = linked.cli.sync()
    assert third.code == 0 and all(_is_feed_read(m, p) for m, p, _ in linked.since(start))

    (linked.local / "n0.txt").write_bytes(b"edited here")
    start, answers = linked.mark(), linked.mark_answers()
    edit = linked.cli.sync()
    assert edit.code == 0, edit.out + edit.err
    ups = [s for m, p, q, s in linked.answered(answers) if is_upload(m, p, q)]
    assert ups == [200], linked.answered(answers)
    assert linked.cozy.tree()["n0.txt"] == b"edited here"
    assert not list(linked.local.glob("*conflict*"))

    # a move and a deletion right after the uploads: each sent once with the rev the feed
    # showed (the one the upload's answer gave is two writes behind), none refused
    (linked.local / "n1.txt").rename(linked.local / "moved.txt")
    (linked.local / "n2.txt").unlink()
    answers = linked.mark_answers()
    changed = linked.cli.sync()
    assert changed.code == 0, changed.out + changed.err
    writes = [(m, s) for m, p, q, s in linked.answered(answers) if m in ("PATCH", "DELETE")]
    assert sorted(writes) == [("DELETE", 200), ("PATCH", 200)], linked.answered(answers)
    assert set(linked.cozy.tree()) == {"a.txt", "n0.txt", "moved.txt", "n3.txt", "n4.txt"}


def test_a_file_the_antivirus_blocks_is_one_clear_problem_not_a_loop(linked: Linked):
    """A download answered 451: one per-item problem saying the antivirus blocked it,
    a non-zero exit, one request per pass (not retried in a loop), and the rest synced."""
    linked.user.write("virus.exe", b"X5O!P%@AP")
    linked.cozy.antivirus_blocked.add(linked.user.doc("virus.exe").id)
    linked.user.write("ok.txt", b"fine")
    for i in range(3):
        (linked.local / f"up{i}.txt").write_bytes(b"u")

    start, answers = linked.mark(), linked.mark_answers()
    result = linked.cli.sync()

    assert result.code != 0, result.out + result.err
    blocked = [s for m, p, q, s in linked.answered(answers) if is_download(m, p, q) and s == 451]
    assert blocked == [451], "\n".join(map(str, linked.answered(answers)))
    said = result.out + result.err
    assert "virus.exe" in said and "antivirus" in said, said
    assert (linked.local / "ok.txt").read_bytes() == b"fine"
    assert not (linked.local / "virus.exe").exists()
    assert linked.cozy.tree()["up0.txt"] == b"u"

    status = json.loads(linked.cli("status", "--json").out)
    problems = json.dumps(status)
    assert "error.antivirus_blocked" in problems, problems

    start = linked.mark()
    again = linked.cli.sync()
    assert again.code != 0
    assert sum(1 for m, p, q in linked.since(start) if is_download(m, p, q)) == 1


def test_a_blocked_file_deleted_here_is_one_clear_problem(linked: Linked):
    """Its move to the Cozy trash answers 451 too: one problem, the file kept there."""
    (linked.local / "b.txt").write_bytes(b"B")
    assert linked.cli.sync().code == 0
    linked.cozy.antivirus_blocked.add(linked.user.doc("b.txt").id)
    (linked.local / "b.txt").unlink()

    answers = linked.mark_answers()
    result = linked.cli.sync()

    assert result.code != 0
    deletes = [(m, s) for m, p, q, s in linked.answered(answers) if m == "DELETE"]
    assert deletes == [("DELETE", 451)], linked.answered(answers)
    said = result.out + result.err
    assert "b.txt" in said and "antivirus" in said, said
    assert linked.cozy.tree()["b.txt"] == b"B"


def _docs(linked: Linked) -> dict[str, object]:
    with linked.cozy.lock:
        return {
            d.name: d
            for d in linked.cozy.docs.values()
            if d.type == "file" and not linked.cozy.in_trash(d)
        }
