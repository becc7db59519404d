"""Selective sync the Cozy knows (issue 15, item 10; brief ``cozy-protocol.md`` §7): the
top-level folders a pair excludes are kept in each folder's ``not_synchronized_on``
relationship with this OAuth client's id, as the stack's code reads them.

- ``POST``/``DELETE /files/:dir-id/relationships/not_synchronized_on`` with
  ``{"data": [{"type": "io.cozy.oauth.clients", "id": <client_id>}]}`` (cozy-stack
  web/files/notsynchronized.go:16-80; the scope ``io.cozy.files`` covers them: the PATCH
  permission on the folder).  The choice shows in the Cozy (its settings list a device's
  unsynced folders) and survives a reinstall: ``excluded_on_cozy`` reads it back at link.
- The stack then rewrites this client's feed rows of those folders as deletions
  (web/files/files.go:1899-1904); a folder included again comes back alone, without its
  content (§7): the tree cache is rebuilt by a full listing then.
- Each device's choice is its own: the relationship holds the ids of every client that
  does not sync the folder, and a client hides only the folders naming its own id (the
  stack's feed filter compares the token's client id, model/vfs/directory.go:352-433;
  cozy-desktop's ``isExcludedDirectory`` keeps ``id === clientID``, core/remote/cozy.js
  486-494).  ``excluded_on_cozy`` therefore reads back only this client's entries: a
  phone or a classroom PC that leaves "Photos" out says nothing about this computer.
  A client the user deletes leaves its id on the folders (model/oauth/client.go:650-690
  cleans nothing); a reinstall is a new client and starts with everything synced, as
  cozy-desktop does.
- A reinstall cannot tell its own earlier client from another device's: this token
  reads no client doc (``GET /settings/clients`` asks the whole type
  ``io.cozy.oauth.clients``, web/settings/clients.go:50, "only client-side apps",
  docs/settings.md:1038; ``/data`` refuses the doctype, model/permission/doctype.go:27),
  and the name is no identity (the stack suffixes a taken one, "cozysync (PC)-2",
  model/oauth/client.go:412-456; cloned classroom PCs share a host name).  So the
  folders other clients leave out (``excluded_elsewhere``) are only offered at link,
  never taken unasked: ``cozysync link --keep-left-out`` takes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cozysync.paths import path_key
from cozysync.remotes.cozy_auth import CozySession, json_body
from cozysync.remotes.cozy_changes import TreeCache, next_cursor

__all__ = ["CozyExclusions", "LeftOut", "TopFolder", "excluded_on_cozy", "left_out_on_cozy"]

OAUTH_CLIENTS = "io.cozy.oauth.clients"
PAGE = 1000
NOTE = "excluded"  # the tree cache's record of the names the Cozy was last told


@dataclass(frozen=True, slots=True)
class TopFolder:
    """A folder at the top of the synced tree with the clients that do not sync it."""

    id: str
    name: str
    not_synchronized_on: frozenset[str]


def top_folders(session: CozySession, root_id: str) -> Iterator[TopFolder]:
    """The folders directly in ``root_id`` (``GET /files/:id``, paginated), each with
    ``relationships.not_synchronized_on`` (web/files/paginated.go:204-209)."""
    params = {"page[limit]": str(PAGE)}
    while True:
        response = session.request("GET", f"/files/{root_id}", params=params)
        if response.status_code != 200:
            session.fail(response, "")
        page = json_body(response)
        for item in page.get("included") or []:
            folder = _top_folder(item)
            if folder is not None:
                yield folder
        cursor = next_cursor(page)
        if cursor is None:
            return
        params = {"page[limit]": str(PAGE), "page[cursor]": cursor}


def _top_folder(item: Any) -> TopFolder | None:
    if not isinstance(item, dict) or (item.get("attributes") or {}).get("type") != "directory":
        return None
    relation = (item.get("relationships") or {}).get("not_synchronized_on") or {}
    refs = relation.get("data") if isinstance(relation, dict) else None
    clients = frozenset(
        str(ref["id"])
        for ref in (refs if isinstance(refs, list) else [])
        if isinstance(ref, dict) and ref.get("type") == OAUTH_CLIENTS and ref.get("id")
    )
    name = str((item.get("attributes") or {}).get("name", ""))
    return TopFolder(str(item.get("id", "")), name, clients)


def excluded_on_cozy(session: CozySession, root_id: str) -> tuple[str, ...]:
    """The top-level folders the Cozy says THIS client (the session's OAuth client) does
    not sync, sorted; other devices' choices are theirs (see the module)."""
    return left_out_on_cozy(session, root_id).here


@dataclass(frozen=True, slots=True)
class LeftOut:
    """The top-level folders left out on the Cozy, by name, sorted."""

    here: tuple[str, ...]  # by this client
    elsewhere: tuple[str, ...]  # by other clients only (another device, an old install)


def left_out_on_cozy(session: CozySession, root_id: str) -> LeftOut:
    """One listing of the top folders: those this client leaves out, and those only
    other clients leave out (offered at link, never taken unasked: see the module)."""
    client_id = session.tokens().client_id
    here: set[str] = set()
    elsewhere: set[str] = set()
    for folder in top_folders(session, root_id):
        if client_id in folder.not_synchronized_on:
            here.add(folder.name)
        elif folder.not_synchronized_on:
            elsewhere.add(folder.name)
    return LeftOut(_sorted(here), _sorted(elsewhere - here))


def _sorted(names: set[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=str.casefold))


class CozyExclusions:
    """Keeps the Cozy's ``not_synchronized_on`` of the top-level folders equal to the
    names a pair excludes; asks the server only when the wanted names changed."""

    def __init__(self, session: CozySession, cache: TreeCache) -> None:
        self.session = session
        self._cache = cache  # keeps the names last made true (none: nothing excluded yet)

    def apply(self, root_id: str, wanted: Iterable[str]) -> bool:
        """Exclude the folders named in ``wanted`` (NFC keys compared, as the engine
        does) for this client, include the others again.  True when one came back: its
        content must be listed again (the feed does not bring it, §7)."""
        keys = frozenset(path_key(name) for name in wanted)
        applied = json.loads(self._cache.note(NOTE) or "[]")
        if keys == frozenset(applied):
            return False
        client_id = self.session.tokens().client_id
        included_again = False
        for folder in top_folders(self.session, root_id):
            should = path_key(folder.name) in keys
            if should != (client_id in folder.not_synchronized_on):
                self._relate("POST" if should else "DELETE", folder, client_id)
                included_again = included_again or not should
        self._cache.remember_note(NOTE, json.dumps(sorted(keys)))
        return included_again

    def _relate(self, method: str, folder: TopFolder, client_id: str) -> None:
        body = {"data": [{"type": OAUTH_CLIENTS, "id": client_id}]}
        response = self.session.request(
            method, f"/files/{folder.id}/relationships/not_synchronized_on",
            content=json.dumps(body).encode(),
            headers={"Content-Type": "application/vnd.api+json"}, error_path=folder.name,
        )  # fmt: skip
        if response.status_code != 200:
            self.session.fail(response, folder.name)
        response.close()
