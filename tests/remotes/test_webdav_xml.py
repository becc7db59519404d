"""Pure parsing rules of ``cozysync.remotes.webdav_xml``."""

from __future__ import annotations

import pytest

from cozysync.errors import ProtocolError
from cozysync.remotes.webdav_xml import (
    UnrepresentableName,
    href_to_path,
    normalize_etag,
    parse_checksums,
    parse_http_date,
    parse_multistatus,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<d:multistatus xmlns:d="DAV:"><d:response><d:href>&lol4;</d:href></d:response></d:multistatus>"""

NEXTCLOUD = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/al%20ice/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype>
   <d:getetag>"root1"</d:getetag><oc:fileid>7</oc:fileid></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>https://cloud.example/remote.php/dav/files/al%20ice/Docs/plan%2BB.txt</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>5</d:getcontentlength>
   <d:getetag>W/"abc"</d:getetag>
   <d:getlastmodified>Tue, 04 Mar 2025 08:00:03 GMT</d:getlastmodified>
   <oc:fileid>42</oc:fileid>
   <oc:checksums>
    <oc:checksum>SHA1:aaaa md5:0123456789ABCDEF0123456789abcdef</oc:checksum>
   </oc:checksums>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getetag>ignored</d:getetag><oc:size>99</oc:size></d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
</d:multistatus>"""


def test_etags_are_normalised():
    assert normalize_etag('W/"5-abc"') == "5-abc"
    assert normalize_etag('"x"') == "x" == normalize_etag("x")
    assert normalize_etag("") is None and normalize_etag(None) is None


def test_dates_and_checksums():
    assert parse_http_date("Tue, 04 Mar 2025 08:00:03 GMT") == 1741075203
    assert parse_http_date("garbage") is None
    assert parse_checksums("SHA1:ab MD5:" + "F" * 32) == "f" * 32
    assert parse_checksums("SHA1:ab") is None


def test_nextcloud_listing_by_namespace_with_only_200_props():
    listing = parse_multistatus(NEXTCLOUD, "/remote.php/dav/files/al%20ice/")
    root, plan = listing.items
    assert root.path == "" and root.is_dir and root.etag == "root1" and root.remote_id == "7"
    assert plan.path == "Docs/plan+B.txt" and not plan.is_dir and plan.size == 5
    assert plan.etag == "abc" and plan.mtime == 1741075203 and plan.remote_id == "42"
    assert plan.content_hash == "0123456789abcdef0123456789abcdef"
    assert listing.has_fileid and listing.has_checksums


@pytest.mark.parametrize(
    ("href", "expected"),
    [("/dav/", ""), ("/dav", ""), ("/dav/a%20b/c%23d/", "a b/c#d"), ("http://h:1/dav/%C3%A9", "é")],
)
def test_hrefs_become_relative_paths(href, expected):
    assert href_to_path(href, "/dav/") == expected


@pytest.mark.parametrize("href", ["/other/x", "/dav/../x", "/dav/a/./b", "/dav/a//b", "/davx/y"])
def test_bad_hrefs_are_protocol_errors(href):
    with pytest.raises(ProtocolError):
        href_to_path(href, "/dav/")


@pytest.mark.parametrize("href", ["/dav/a%2Fb", "/dav/nul%00", "/dav/latin%E9"])
def test_unrepresentable_names(href):
    with pytest.raises(UnrepresentableName):
        href_to_path(href, "/dav/")


@pytest.mark.parametrize(
    "body",
    [
        BILLION_LAUGHS,
        b"<d:multistatus xmlns:d='DAV:'><d:response>",
        b"",
        b"<html>nope</html>",
        b"<d:multistatus xmlns:d='DAV:'><d:response><d:href>/x</d:href><d:propstat><d:prop>"
        b"<d:getcontentlength>lots</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK"
        b"</d:status></d:propstat></d:response></d:multistatus>",
    ],
)
def test_unreadable_bodies_are_protocol_errors(body):
    with pytest.raises(ProtocolError):
        parse_multistatus(body, "/")
