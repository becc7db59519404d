"""The Cozy address a pasted one leads to (issue 15, item 6): a Drive or Photos address
from the browser is the app's host, not the Cozy's (cozy-stack SplitCozyHost; as
cozy-desktop's dropAppName and correctAddress)."""

from __future__ import annotations

import pytest

from cozysync.remotes.cozy_address import cozy_instance_url, with_scheme

CASES = {
    "the instance itself": ("https://alice.mycozy.cloud", "https://alice.mycozy.cloud"),
    "a Drive folder from the browser": (
        "https://alice-drive.mycozy.cloud/#/folder/io.cozy.files.root-dir",
        "https://alice.mycozy.cloud",
    ),
    "Photos, no scheme": ("alice-photos.mycozy.cloud/#/albums", "https://alice.mycozy.cloud"),
    "an app in the path": ("https://alice.mycozy.cloud/drive/", "https://alice.mycozy.cloud"),
    "a nested app host": ("http://drive.cozy.localhost:8080/#/", "http://cozy.localhost:8080"),
    "capitals and the default port": (
        "https://Alice-Notes.MyCozy.cloud:443/",
        "https://alice.mycozy.cloud",
    ),
    "a dash that is no app": ("https://jean-homer.example.org/", "https://jean-homer.example.org"),
    "a slug inside a name": (
        "https://drivers-club.example.org",
        "https://drivers-club.example.org",
    ),
    "a slug with nothing before": ("https://-drive.example.org", "https://-drive.example.org"),
    "a two-label domain": ("https://drive.example", "https://drive.example"),
    "an IPv4 address": ("http://127.0.0.1:8080/dav/", "http://127.0.0.1:8080"),
    "an IPv6 address": ("https://[::1]:8443/a", "https://[::1]:8443"),
    "the user's login dropped": (
        "https://bob@alice-drive.mycozy.cloud",
        "https://alice.mycozy.cloud",
    ),
    "a query": ("https://alice-banks.mycozy.cloud/?x=1", "https://alice.mycozy.cloud"),
}


@pytest.mark.parametrize(("pasted", "expected"), CASES.values(), ids=CASES.keys())
def test_a_pasted_address_leads_to_the_instance(pasted: str, expected: str):
    assert cozy_instance_url(pasted) == expected


def test_a_bare_host_gets_https_and_nothing_else_changes():
    assert with_scheme(" alice.mycozy.cloud ") == "https://alice.mycozy.cloud"
    assert with_scheme("http://cozy.localhost:8080") == "http://cozy.localhost:8080"
    assert with_scheme("") == ""
