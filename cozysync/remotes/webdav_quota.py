"""The account's space on a WebDAV server: RFC 4331's ``quota-used-bytes`` and
``quota-available-bytes``, asked by a PROPFIND of depth 0 on the synced root.

A server that does not keep them answers them in a 404 propstat (or leaves them out):
then "not told".  Nextcloud and ownCloud send a negative ``quota-available-bytes`` when
there is no number: -3 is "unlimited" (``FileInfo::SPACE_UNLIMITED`` in
nextcloud/server lib/public/Files/FileInfo.php), -1 and -2 are "not computed" and
"unknown".  WsgiDAV's filesystem provider tells the disk's own used and free bytes
(wsgidav/fs_dav_provider.py, ``get_used_bytes``/``get_available_bytes``).
"""

from __future__ import annotations

import defusedxml
import defusedxml.ElementTree as SafeET

from cozysync.models import StorageQuota
from cozysync.remotes.webdav_xml import DAV

__all__ = ["QUOTA_PROPFIND_BODY", "SPACE_UNLIMITED", "parse_quota"]

QUOTA_PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:">'
    b"<d:prop><d:quota-used-bytes/><d:quota-available-bytes/></d:prop></d:propfind>"
)
SPACE_UNLIMITED = -3  # Nextcloud's and ownCloud's "no limit"


def _number(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None


def parse_quota(body: bytes) -> StorageQuota | None:
    """The quota a multistatus answer tells (its first response's 200 propstat); None
    when it tells neither number or cannot be read."""
    try:
        root = SafeET.fromstring(body, forbid_dtd=True)
    except (SafeET.ParseError, defusedxml.DefusedXmlException, ValueError):
        return None
    used = available = None
    for propstat in root.iterfind(f"{{{DAV}}}response/{{{DAV}}}propstat"):
        status = propstat.findtext(f"{{{DAV}}}status") or ""
        if " 200 " not in f"{status} ":
            continue
        prop = propstat.find(f"{{{DAV}}}prop")
        if prop is None:
            continue
        used = _number(prop.findtext(f"{{{DAV}}}quota-used-bytes"))
        available = _number(prop.findtext(f"{{{DAV}}}quota-available-bytes"))
        break
    if used is None and available is None:
        return None
    if available is not None and available < 0:
        return StorageQuota(used, None, is_unlimited=available == SPACE_UNLIMITED)
    return StorageQuota(used if used is None or used >= 0 else None, available)
