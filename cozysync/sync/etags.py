"""Ambiguous ETags: where "the same ETag" cannot be read as "unchanged" (pure).

Apache's file ETag is the size and the mtime, WsgiDAV's and rclone's too (plus an inode
on WsgiDAV): two files of one size written in the same second share it.  A server-side
``MOVE src/file1 → dst/file1`` over such a file leaves at ``dst/file1`` the very ETag the
journal recorded there; read as "unchanged", the old bytes would stay here for ever.

An ETag is *ambiguous* when it **left more paths where the journal recorded it** (paths
gone from the listing) **than it reached paths where it was not recorded** (new paths,
or paths that had another ETag), while **another path where the journal recorded it
still shows it**: a file carrying it went nowhere visible, so it was deleted, or moved
onto that path.  For those items the journal's record of the
server's version is set aside (``version_unknown``), so the reconciler reads their server
side as modified unless the server's content hash equals the recorded one
(``changes.remote_change``): downloaded (temp file + atomic replace) when this computer's
copy is unchanged, compared by content (``COMPARE_CONTENT``, conflict copy if they
differ) when it changed too.  The next pass finds the ETag where the journal now records
it: the check is made once.

Not ambiguous:

- a stable id (``oc:fileid``) at that path equal to the recorded one: the file stayed and
  the ETag is its own (a different id is another file, whatever its ETag);
- an ETag that reached as many new places as it left (a folder of same-size files moved
  on the server: each file has a visible new place, and the move is detected as usual);
- an ETag shared by several paths exactly as the journal recorded them, or newly shown at
  a path while none left one: nothing moved away from a recorded place.  A swap between
  two such files, or a rewrite of the same size in the same second (with as many other
  same-second writes), stays invisible to ETags (docs/webdav-protocol.md, pitfall 7):
  checking every shared ETag would download those files at every pass;
- a file whose folder shows the ETag recorded for it: nothing was moved into that
  folder (a MOVE onto a file rewrites its folder's entry, which changes the folder's ETag
  on Apache, its mtime in microseconds, and on Nextcloud, propagated).  Without folder
  ETags (WsgiDAV, rclone), and at the top of the synced folder (whose own ETag is not
  recorded), this cannot be told and the file is checked;
- a twin edited in place (its path shows a new ETag): its old bytes went nowhere (a move
  onto the other twin *and* a new file written at its path would go unseen);
- folders (their ETags are not compared);
- the rows of frozen names (``views.TreeViews``: a Unicode or case clash, an unstorable
  or held-back name), which ``reconcile`` leaves out of the check: such a row is not
  updated while its name is frozen, so an ETag that left its path would count as "left"
  at every pass, and the file now showing it (the one moved away, downloaded and
  recorded at its new path) would be downloaded again at every pass.  The price: a
  frozen file moved on the server onto a same-ETag twin goes unseen, like a swap.

Cost: one dict of the listing's files by path and one walk of the journal, dict lookups
only; the rest runs only when an ETag left a recorded path (a change, reconciled anyway).
A poll whose listing is the journal's (``changes.is_listing_as_journal``, the watch-mode
fast path) has no ETag that left a path, so it can never hide an ambiguous one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection, Mapping

from cozysync.models import JournalEntry, RemoteState
from cozysync.paths import parent_of

__all__ = ["ambiguous_entries", "distrust_ambiguous_etags", "version_unknown"]


def distrust_ambiguous_etags(
    journal: dict[str, JournalEntry], remote_items: Collection[RemoteState]
) -> dict[str, JournalEntry]:
    """The journal as the reconciler should read it: the entries whose ETag is ambiguous
    with their server version set aside (``journal`` itself when there are none)."""
    ambiguous = ambiguous_entries(journal, remote_items)
    if not ambiguous:
        return journal
    view = dict(journal)
    for entry in ambiguous:
        view[entry.key] = version_unknown(entry)
    return view


def ambiguous_entries(
    journal: Mapping[str, JournalEntry], remote_items: Collection[RemoteState]
) -> list[JournalEntry]:
    """The journal's files whose recorded ETag the listing still shows at their path but
    cannot vouch for: the same ETag left more recorded paths than it reached new ones,
    and their folder may have received a file since the last sync."""
    listed = {r.path: r for r in remote_items if not r.is_dir}
    left = Counter(e.etag for e in journal.values() if _has_left(e, listed.get(e.remote_path)))
    if not left:
        return []
    recorded = {e.remote_path: e.etag for e in journal.values() if not e.is_dir}
    reached = Counter(
        r.etag for r in listed.values() if r.etag in left and recorded.get(r.path) != r.etag
    )
    unaccounted = {etag for etag, count in left.items() if count > reached[etag]}
    if not unaccounted:
        return []
    folders = _FolderChanges(journal, remote_items)
    return [
        e
        for e in journal.values()
        if e.etag in unaccounted
        and _is_ambiguous(e, listed.get(e.remote_path))
        and folders.may_have_received(e.remote_path)
    ]


def version_unknown(entry: JournalEntry) -> JournalEntry:
    """``entry`` with no server version recorded: no ETag and no mtime that the listing
    could match (``changes.is_remote_unchanged``), so only a content hash can show the
    server's file unchanged.  (ETags collide only where they are made of the size and
    mtime, so such a server always gives the mtime.)"""
    return dataclasses.replace(entry, etag=None, remote_mtime=None)


def _has_left(entry: JournalEntry, listed: RemoteState | None) -> bool:
    """The recorded file's path is gone from the listing (as a file): its ETag left it.
    (A path showing another ETag was edited in place, in all likelihood: its old bytes
    went nowhere.)"""
    return not entry.is_dir and entry.etag is not None and listed is None


def _is_ambiguous(entry: JournalEntry, listed: RemoteState | None) -> bool:
    if entry.is_dir or listed is None or listed.etag != entry.etag:
        return False  # gone, or its ETag changed: not read as unchanged anyway
    if listed.remote_id is not None and entry.remote_id is not None:
        return listed.remote_id != entry.remote_id  # the id says which file is there
    return True


class _FolderChanges:
    """Whether a file's folder may have received another file since the last sync: a
    MOVE onto a file rewrites its folder's entry, which changes the folder's ETag where
    the server gives folders one (Apache: the folder's mtime in microseconds; Nextcloud:
    propagated from below)."""

    def __init__(
        self, journal: Mapping[str, JournalEntry], remote_items: Collection[RemoteState]
    ) -> None:
        self.listed = {r.path: r.etag for r in remote_items if r.is_dir}
        self.recorded = {e.remote_path: e.etag for e in journal.values() if e.is_dir}

    def may_have_received(self, path: str) -> bool:
        folder = parent_of(path)
        if not folder:
            return True  # the synced folder's own ETag is not recorded
        now, then = self.listed.get(folder), self.recorded.get(folder)
        return now is None or then is None or now != then
