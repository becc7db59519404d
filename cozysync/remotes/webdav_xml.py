"""WebDAV XML: the PROPFIND body we send and the multistatus answers we read.

Parsing is by namespace, with ``defusedxml`` (entity and DTD tricks are refused).  A body
that cannot be read raises ``ProtocolError``; no partial result is ever returned.
"""

from __future__ import annotations

import email.utils
import xml.etree.ElementTree as StdET
from dataclasses import dataclass, field
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import defusedxml
import defusedxml.ElementTree as SafeET

from cozysync.errors import ProtocolError
from cozysync.models import RemoteState

__all__ = [
    "DAV",
    "OC",
    "PROPFIND_BODY",
    "Listing",
    "UnrepresentableName",
    "href_to_path",
    "normalize_etag",
    "parse_checksums",
    "parse_http_date",
    "parse_multistatus",
    "parse_status_failures",
]

DAV = "DAV:"
OC = "http://owncloud.org/ns"
_UNREADABLE = "the server sent a listing cozysync cannot read"

PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">'
    b"<d:prop><d:resourcetype/><d:getetag/><d:getlastmodified/><d:getcontentlength/>"
    b"<oc:fileid/><oc:checksums/><oc:size/></d:prop></d:propfind>"
)


class UnrepresentableName(Exception):
    """An href whose name cannot be a relative path (``/`` or NUL inside, not UTF-8)."""


@dataclass(slots=True)
class Listing:
    """The items of one multistatus answer, and what it left out."""

    items: list[RemoteState] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (href path, reason)
    failures: list[tuple[str, int]] = field(default_factory=list)  # (path, status) non-200
    has_fileid: bool = False
    has_checksums: bool = False


def normalize_etag(raw: str | None) -> str | None:
    """``W/"abc"`` / ``"abc"`` / ``abc`` → ``abc``; empty → None."""
    if raw is None:
        return None
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip().strip('"')
    return value or None


def parse_http_date(text: str | None) -> int | None:
    """RFC 1123 date → unix seconds; None when absent or unreadable."""
    if not text:
        return None
    try:
        return int(email.utils.parsedate_to_datetime(text.strip()).timestamp())
    except (TypeError, ValueError, IndexError):
        return None


def parse_checksums(text: str | None) -> str | None:
    """The hex MD5 from an ``oc:checksums`` value (``"SHA1:.. MD5:.."``), if any."""
    for entry in (text or "").split():
        algo, _, digest = entry.partition(":")
        if algo.lower() == "md5" and len(digest) == 32:
            return digest.lower()
    return None


def _segments(path: str) -> list[bytes]:
    parts = path.split("/")
    while parts and parts[-1] == "":
        parts.pop()
    if parts and parts[0] == "":
        parts.pop(0)
    return [unquote_to_bytes(p) for p in parts]


def href_to_path(href: str, base_path: str) -> str:
    """A response href → relative path below ``base_path`` (the base URL's path).

    Raises ``ProtocolError`` for an href outside the base or with ``.``/``..``/empty
    segments; ``UnrepresentableName`` for a name that decodes to ``/``, NUL or non-UTF-8.
    """
    path = urlsplit(href.strip()).path
    if not path.startswith("/"):
        raise ProtocolError(_UNREADABLE, hint=f"The server named an item {href!r}.")
    base = _segments(base_path)
    segs = _segments(path)
    if segs[: len(base)] != base:
        raise ProtocolError(_UNREADABLE, hint=f"The server listed {href!r}, outside the folder.")
    names: list[str] = []
    for raw in segs[len(base) :]:
        if raw in (b"", b".", b".."):
            raise ProtocolError(_UNREADABLE, hint=f"The server listed a bad path {href!r}.")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnrepresentableName("the name is not valid UTF-8") from None
        if "/" in name or "\x00" in name:
            raise UnrepresentableName("the name contains '/' or a NUL character")
        names.append(name)
    return "/".join(names)


def _parse_root(body: bytes) -> StdET.Element:
    try:
        root: StdET.Element = SafeET.fromstring(body, forbid_dtd=True)
    except (StdET.ParseError, defusedxml.DefusedXmlException, ValueError) as exc:
        raise ProtocolError(_UNREADABLE) from exc
    if root.tag != f"{{{DAV}}}multistatus":
        raise ProtocolError(_UNREADABLE, hint="The answer is not a WebDAV multistatus.")
    return root


def _status_code(elem: StdET.Element | None) -> int | None:
    if elem is None or not elem.text:
        return None
    parts = elem.text.split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise ProtocolError(_UNREADABLE, hint=f"Unreadable status {elem.text!r}.")
    return int(parts[1])


def _ok_props(response: StdET.Element) -> dict[str, StdET.Element]:
    """Properties from the 200 propstats only, by ``{ns}name``."""
    props: dict[str, StdET.Element] = {}
    for propstat in response.findall(f"{{{DAV}}}propstat"):
        if _status_code(propstat.find(f"{{{DAV}}}status")) != 200:
            continue
        prop = propstat.find(f"{{{DAV}}}prop")
        for elem in prop if prop is not None else ():
            props[elem.tag] = elem
    return props


def _int(text: str | None) -> int:
    try:
        return int((text or "0").strip())
    except ValueError:
        raise ProtocolError(_UNREADABLE, hint=f"Unreadable size {text!r}.") from None


def _text(props: dict[str, StdET.Element], tag: str) -> str | None:
    elem = props.get(tag)
    if elem is None:
        return None
    return "".join(elem.itertext()).strip() or None


def _to_state(path: str, props: dict[str, StdET.Element]) -> RemoteState:
    rtype = props.get(f"{{{DAV}}}resourcetype")
    is_dir = rtype is not None and rtype.find(f"{{{DAV}}}collection") is not None
    size = _text(props, f"{{{DAV}}}getcontentlength") or _text(props, f"{{{OC}}}size")
    return RemoteState(
        path=path,
        is_dir=is_dir,
        size=0 if is_dir else _int(size),
        mtime=parse_http_date(_text(props, f"{{{DAV}}}getlastmodified")),
        etag=normalize_etag(_text(props, f"{{{DAV}}}getetag")),
        remote_id=_text(props, f"{{{OC}}}fileid"),
        content_hash=parse_checksums(_text(props, f"{{{OC}}}checksums")),
    )


def parse_multistatus(body: bytes, base_path: str) -> Listing:
    """Every item of a PROPFIND multistatus, paths relative to ``base_path``."""
    listing = Listing()
    for response in _parse_root(body).findall(f"{{{DAV}}}response"):
        href = response.findtext(f"{{{DAV}}}href")
        if not href:
            raise ProtocolError(_UNREADABLE, hint="A listed item has no href.")
        try:
            path = href_to_path(href, base_path)
        except UnrepresentableName as exc:
            listing.skipped.append((unquote(urlsplit(href).path, errors="replace"), str(exc)))
            continue
        status = _status_code(response.find(f"{{{DAV}}}status"))
        if status is not None and status != 200:
            listing.failures.append((path, status))
            continue
        props = _ok_props(response)
        listing.has_fileid |= f"{{{OC}}}fileid" in props
        listing.has_checksums |= f"{{{OC}}}checksums" in props
        listing.items.append(_to_state(path, props))
    return listing


def parse_status_failures(body: bytes, base_path: str) -> list[tuple[str, int]]:
    """(path, status) of every failed item in a DELETE/MOVE/COPY multistatus."""
    failures: list[tuple[str, int]] = []
    for response in _parse_root(body).findall(f"{{{DAV}}}response"):
        status = _status_code(response.find(f"{{{DAV}}}status"))
        if status is None or 200 <= status < 300:
            continue
        href = response.findtext(f"{{{DAV}}}href") or ""
        try:
            path = href_to_path(href, base_path)
        except (UnrepresentableName, ProtocolError):
            path = unquote(urlsplit(href).path, errors="replace")
        failures.append((path, status))
    return failures
