"""Old versions on a Cozy, odd cases: a folder has none (said in words), and the
unreadable entries of a ``GET /files/:id`` answer's ``included`` versions
(``io.cozy.files.versions``, cozy-stack model/vfs/version.go) are skipped, not fatal."""

from __future__ import annotations

import pytest

from cozysync.errors import RemoteItemMissingError
from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.cozy_versions import VERSIONS_TYPE, versions_of
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.test_cozy_versions import remote  # noqa: F401


def test_a_folder_s_versions_are_refused_in_words(remote: CozyRemote):  # noqa: F811
    remote.mkdir("Cours")
    versions = remote.features.versions
    assert versions is not None
    with pytest.raises(RemoteItemMissingError) as refused:
        versions.list_versions("Cours")
    assert "'Cours' is a folder on your Cozy" in str(refused.value)


def test_unreadable_versions_are_skipped():
    def item(doc_id: object, **attrs: object) -> dict[str, object]:
        return {"type": VERSIONS_TYPE, "id": doc_id, "attributes": attrs}

    good = item("f1/2-bb", updated_at="2026-09-01T08:00:00.123456789Z", size="12")
    body = {
        "included": [
            item("no-slash", updated_at="2026-09-01T08:00:00Z", size="1"),
            item("f1/1-aa", updated_at="2026-09-01T08:00:00Z", size="twelve"),
            item("f1/1-cc", updated_at="not a date", size="3"),
            {"type": VERSIONS_TYPE, "id": "f1/1-dd", "attributes": "not an object"},
            good,
        ]
    }
    [version] = versions_of(body)
    assert (version.version_id, version.size) == ("2-bb", 12)
