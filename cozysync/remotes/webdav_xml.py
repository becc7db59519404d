"""WebDAV XML: the PROPFIND body we send and the multistatus answers we read.

Parsing is by namespace, with ``defusedxml`` (entity and DTD tricks are refused).  A body
that cannot be read raises ``ProtocolError``; no partial result is ever returned.  So does
a listing that would fill memory: one item (its ``<response>``, or what comes before the
first) over ``ENTRY_MAX`` bytes, a text read over ``TEXT_MAX`` characters.
"""

from __future__ import annotations

import email.utils
import functools
import xml.etree.ElementTree as StdET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import defusedxml
import defusedxml.ElementTree as SafeET

from cozysync.errors import ProtocolError
from cozysync.models import RemoteState

__all__ = [
    "DAV",
    "ENTRY_MAX",
    "OC",
    "PROPFIND_BODY",
    "PROPFIND_DAV_BODY",
    "TEXT_MAX",
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
ENTRY_MAX = 1 << 20  # bytes of one listed item: ~1 KiB on Nextcloud, a few hundred elsewhere
TEXT_MAX = 64 << 10  # characters of one href, status or property value

PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">'
    b"<d:prop><d:resourcetype/><d:getetag/><d:getlastmodified/><d:getcontentlength/>"
    b"<oc:fileid/><oc:checksums/><oc:size/></d:prop></d:propfind>"
)
# For a server without ownCloud's properties (Apache, WsgiDAV): asking for them costs a
# 404 propstat per item, 6 of the 15 elements Apache sends per item.
PROPFIND_DAV_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:">'
    b"<d:prop><d:resourcetype/><d:getetag/><d:getlastmodified/><d:getcontentlength/>"
    b"</d:prop></d:propfind>"
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
    has_oc_size: bool = False
    unchanged: bool = False  # the very answer of an earlier listing (not parsed again)


def normalize_etag(raw: str | None) -> str | None:
    """``W/"abc"`` / ``"abc"`` / ``abc`` → ``abc``; empty → None."""
    if raw is None:
        return None
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip().strip('"')
    return value or None


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def parse_http_date(text: str | None) -> int | None:
    """RFC 1123 date → unix seconds; None when absent or unreadable."""
    if not text:
        return None
    text = text.strip()
    if len(text) == 29 and text[3:5] == ", " and text.endswith(" GMT"):
        # "Sun, 06 Nov 1994 08:49:37 GMT", what servers send: read by position
        month = _MONTHS.get(text[8:11])
        try:
            if month is not None:
                moment = datetime(
                    int(text[12:16]), month, int(text[5:7]),
                    int(text[17:19]), int(text[20:22]), int(text[23:25]), tzinfo=UTC,
                )  # fmt: skip
                return int(moment.timestamp())
        except ValueError:
            pass  # e.g. a day 31 in April: let the general parser judge
    try:
        return int(email.utils.parsedate_to_datetime(text).timestamp())
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
    return [unquote_to_bytes(p) if "%" in p else p.encode() for p in parts]


@functools.lru_cache(maxsize=16)
def _base_segments(base_path: str) -> tuple[bytes, ...]:
    return tuple(_segments(base_path))


def href_to_path(href: str, base_path: str) -> str:
    """A response href → relative path below ``base_path`` (the base URL's path).

    Raises ``ProtocolError`` for an href outside the base or with ``.``/``..``/empty
    segments; ``UnrepresentableName`` for a name that decodes to ``/``, NUL or non-UTF-8.
    """
    href = href.strip()
    path = href if href.startswith("/") and "?" not in href and "#" not in href else None
    path = path or urlsplit(href).path  # a full URL (Nextcloud), or a query part
    if not path.startswith("/"):
        raise ProtocolError(_UNREADABLE, hint=f"The server named an item {href!r}.")
    base = _base_segments(base_path)
    segs = _segments(path)
    if tuple(segs[: len(base)]) != base:
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
    return _status_text_code(elem.text if elem is not None else None)


def _int(text: str | None) -> int:
    try:
        return int((text or "0").strip())
    except ValueError:
        raise ProtocolError(_UNREADABLE, hint=f"Unreadable size {text!r}.") from None


def parse_multistatus(body: bytes | Iterable[bytes], base_path: str) -> Listing:
    """Every item of a PROPFIND multistatus, paths relative to ``base_path``.  ``body``
    may come in chunks (a streamed answer): it is parsed as it arrives and each
    ``<response>`` is converted and dropped, so memory holds only the items."""
    target = _MultistatusTarget(base_path)
    parser = SafeET.DefusedXMLParser(target=target, forbid_dtd=True)
    target.position = lambda: int(parser.parser.CurrentByteIndex)
    # Its expat parser keeps defusedxml's DTD and entity guards; the element handlers go
    # straight to the target (tags as "DAV:}href"), skipping ElementTree's per-element
    # Python wrappers (a third of the parse).
    expat = parser.parser
    expat.StartElementHandler = target.start
    expat.EndElementHandler = target.end
    expat.CharacterDataHandler = target.data
    fed = 0
    try:
        for chunk in _pieces(body):
            fed += len(chunk)
            if fed - target.entry_start > ENTRY_MAX:
                raise ProtocolError(_UNREADABLE, hint=_TOO_LARGE)
            parser.feed(chunk)
        parser.close()
    except (StdET.ParseError, defusedxml.DefusedXmlException, ValueError) as exc:
        raise ProtocolError(_UNREADABLE) from exc
    if not target.saw_root:
        raise ProtocolError(_UNREADABLE, hint="The answer is not a WebDAV multistatus.")
    return target.listing


_TOO_LARGE = f"One listed item takes more than {ENTRY_MAX >> 20} MiB; it was not read."


def _pieces(body: bytes | Iterable[bytes]) -> Iterable[bytes]:
    if not isinstance(body, bytes):
        return body
    return (body[i : i + ENTRY_MAX] for i in range(0, len(body), ENTRY_MAX))


# Tags as expat names them with namespaces on: "<namespace>}<local name>".
_MULTISTATUS, _RESPONSE = f"{DAV}}}multistatus", f"{DAV}}}response"
_PROPSTAT, _PROP = f"{DAV}}}propstat", f"{DAV}}}prop"
_HREF, _STATUS = f"{DAV}}}href", f"{DAV}}}status"
_COLLECTION, _RESOURCETYPE = f"{DAV}}}collection", f"{DAV}}}resourcetype"


class _MultistatusTarget:
    """An XML parser target reading ``multistatus/response`` one at a time (depths:
    1 multistatus, 2 response, 3 href/status/propstat, 4 propstat's status/prop,
    5 a property, 6 inside a property)."""

    def __init__(self, base_path: str) -> None:
        self.base_path = base_path
        self.listing = Listing()
        self.saw_root = False
        self._depth = 0
        self._text: list[str] | None = None  # collecting the text of an element
        self._text_room = TEXT_MAX  # characters it may still take
        self.entry_start = 0  # byte where the current item starts (after the last one)
        self.position: Callable[[], int] = lambda: 0  # the parser's byte index
        self._href: str | None = None
        self._status: str | None = None
        self._ok: dict[str, str] = {}  # the properties of the 200 propstats, as text
        self._props: dict[str, str] = {}  # the current propstat's
        self._prop_status: str | None = None
        self._is_dir = False  # the current propstat's resourcetype has a collection
        self._ok_is_dir = False
        self._prop_tag = ""

    def start(self, tag: str, attrib: object) -> None:
        self._depth += 1
        depth = self._depth
        if depth == 1:
            if tag != _MULTISTATUS:
                raise ProtocolError(_UNREADABLE, hint="The answer is not a WebDAV multistatus.")
            self.saw_root = True
        elif depth == 2 and tag == _RESPONSE:
            self._href = self._status = None
            self._ok, self._ok_is_dir = {}, False
        elif depth == 3 and tag == _PROPSTAT:
            self._props, self._prop_status, self._is_dir = {}, None, False
        elif (depth == 3 and tag in (_HREF, _STATUS)) or (depth == 4 and tag == _STATUS):
            self._text, self._text_room = [], TEXT_MAX
        elif depth == 5 and self._prop_tag == _PROP:
            self._prop_tag, self._text, self._text_room = tag, [], TEXT_MAX
            self._props[tag] = ""
        elif depth == 6 and tag == _COLLECTION and self._prop_tag == _RESOURCETYPE:
            self._is_dir = True
        if depth == 4 and tag == _PROP:
            self._prop_tag = _PROP

    def data(self, text: str) -> None:
        if self._text is not None:
            self._text.append(text)
            self._text_room -= len(text)
            if self._text_room < 0:
                hint = f"One of its texts is longer than {TEXT_MAX >> 10} KiB."
                raise ProtocolError(_UNREADABLE, hint=hint)

    def end(self, tag: str) -> None:
        depth = self._depth
        self._depth -= 1
        if depth == 5 and self._text is not None:
            self._props[self._prop_tag] = "".join(self._text).strip()
            self._prop_tag, self._text = _PROP, None
        elif depth == 4 and tag == _PROP:
            self._prop_tag = ""
        elif depth == 4 and tag == _STATUS and self._text is not None:
            self._prop_status, self._text = "".join(self._text), None
        elif depth == 3 and tag == _PROPSTAT:
            if _status_text_code(self._prop_status) == 200:
                self._ok.update(self._props)
                self._ok_is_dir |= self._is_dir
        elif depth == 3 and self._text is not None:
            text, self._text = "".join(self._text), None
            if tag == _HREF and self._href is None:
                self._href = text
            elif tag == _STATUS:
                self._status = text
        elif depth == 2 and tag == _RESPONSE:
            self._add_response()
            self.entry_start = self.position()

    def close(self) -> None:
        return None

    def _add_response(self) -> None:
        href, listing = self._href, self.listing
        if not href:
            raise ProtocolError(_UNREADABLE, hint="A listed item has no href.")
        try:
            path = href_to_path(href, self.base_path)
        except UnrepresentableName as exc:
            listing.skipped.append((unquote(urlsplit(href).path, errors="replace"), str(exc)))
            return
        status = _status_text_code(self._status)
        if status is not None and status != 200:
            listing.failures.append((path, status))
            return
        props = self._ok
        listing.has_fileid |= _FILEID in props
        listing.has_checksums |= _CHECKSUMS in props
        listing.has_oc_size |= _OC_SIZE in props
        is_dir = self._ok_is_dir
        size = props.get(_LENGTH) or props.get(_OC_SIZE)
        listing.items.append(
            RemoteState(
                path=path,
                is_dir=is_dir,
                size=0 if is_dir else _int(size),
                mtime=parse_http_date(props.get(_LASTMODIFIED)),
                etag=normalize_etag(props.get(_ETAG)),
                remote_id=props.get(_FILEID) or None,
                content_hash=parse_checksums(props.get(_CHECKSUMS)),
            )
        )


_LENGTH, _OC_SIZE = f"{DAV}}}getcontentlength", f"{OC}}}size"
_LASTMODIFIED, _ETAG = f"{DAV}}}getlastmodified", f"{DAV}}}getetag"
_FILEID, _CHECKSUMS = f"{OC}}}fileid", f"{OC}}}checksums"


def _status_text_code(text: str | None) -> int | None:
    if not text:
        return None
    parts = text.split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise ProtocolError(_UNREADABLE, hint=f"Unreadable status {text!r}.")
    return int(parts[1])


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
