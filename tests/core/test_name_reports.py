"""Names waiting for the user come out of a pass typed (``PassResult.names_to_change``):
a server name the remote declares it skipped (``ReportsSkippedItems``), a local name the
server cannot store, and a case clash, each an ``ItemError`` of kind "unstorable" or
"clash" with its reason as the title; the shipped engine on the in-memory ports."""

from __future__ import annotations

from cozysync.models import ItemError
from cozysync.sync.name_reports import name_problems
from tests.core.world import World


def _pass_names(world: World) -> list[ItemError]:
    return world.engine().sync_once(confirm_deletes=True).names_to_change


def test_a_name_the_server_skipped_is_reported_typed_from_its_declared_capability():
    world = World()
    world.remote_write("kept.txt", b"k")
    world.server.unrepresentable["/dav/a\x00b.txt"] = "the name contains '/' or a NUL character"
    [report] = _pass_names(world)
    assert report.kind == "unstorable"
    assert report.path == "/dav/a\x00b.txt"
    assert report.title == "on the server: the name contains '/' or a NUL character"
    assert "on the server" in report.hint  # renamed there, not here
    assert world.local["kept.txt"].content == b"k"  # the rest synced


def test_a_local_name_the_server_cannot_store_is_unstorable_with_the_rules_reason():
    world = World()
    world.local_write("a\\b.txt", b"x")  # WebDAV's rules refuse a backslash
    [report] = _pass_names(world)
    assert (report.kind, report.path) == ("unstorable", "a\\b.txt")
    assert report.title and "this computer" in report.hint
    assert "a\\b.txt" not in world.remote


def test_a_case_clash_is_a_clash():
    world = World(local_case_insensitive=True)
    world.remote_write("Notes.txt", b"1")
    world.remote_write("notes.txt", b"2")
    reports = _pass_names(world)
    assert {r.kind for r in reports} == {"clash"}
    assert all(r.title for r in reports)


def test_no_report_no_problem():
    assert name_problems([]) == []
