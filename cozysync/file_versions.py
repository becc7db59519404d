"""The old versions a server keeps of a file (issue 18, item 1), as plain data.

A remote that keeps them declares ``RemoteFeatures.versions`` (``ports.KeepsVersions``);
its adapter turns the server's answer (a Cozy's ``io.cozy.files.versions``, a
Nextcloud's versions DAV collection) into these, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FileVersion"]


@dataclass(frozen=True, slots=True)
class FileVersion:
    """One old version of a file, as the server tells it (the current one is not one)."""

    version_id: str  # the server's name for it (a Cozy's version-id, a Nextcloud timestamp)
    modified_at: float  # unix time: when this content was written
    size: int
    content_hash: str | None = None  # hex MD5, where the server gives one
    made_by: str | None = None  # the device or app that wrote it, where the server says
