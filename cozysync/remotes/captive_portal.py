"""A Wi-Fi sign-in page ("captive portal") answering in place of the server.

Station, bus and hotel Wi-Fi answers every request with its own login page until the
user signs in: a redirect to the portal's host, an HTML page with 200 where a WebDAV
listing (XML) or a Cozy's JSON was asked for, or ``511 Network Authentication
Required`` (RFC 6585).  ``PortalCheck``, a response hook of every client
``build_client`` makes (it runs before ``AnswerGuard``), recognises these by the answer's
head alone and raises ``PortalAnswer`` with the body unread: nothing of the page is
parsed as a listing, no item is failed for it.  ``raise_for_failure`` makes it a
``CaptivePortalError``, an ``OfflineError``: the pass stops once, the folder waits
offline with that reason and the next pass tries again, quietly.

No password is sent to a portal: redirects are never followed (``build_client``), and
the user's password goes only with a request whose server asked for it
(``ChallengedBasicAuth``): a portal never asks (it redirects or shows its page).  What
the sign-in page says is never read.
"""

from __future__ import annotations

from collections.abc import Generator
from urllib.parse import urlsplit

import httpx

from cozysync.remotes.answer_guard import AnswerRefused

__all__ = [
    "EXPECTS_DATA",
    "PORTAL_SEEN",
    "ChallengedBasicAuth",
    "PortalAnswer",
    "PortalCheck",
    "forget_challenges",
    "portal_reason",
]

# methods whose answer is always data (WebDAV multistatus XML), never a page
_DATA_METHODS = frozenset({"PROPFIND", "PROPPATCH", "REPORT", "SEARCH"})
EXPECTS_DATA = ("json", "xml")  # an Accept naming one of these asks for data
# a portal's redirects are temporary; a server that moved for good (301, 308) is said
# as such by the check (``webdav_probe``), with its new address
_REDIRECTS = frozenset({302, 303, 307})
PORTAL_SEEN = "cozysync.portal_seen"  # request extension: a portal answered it


class PortalAnswer(AnswerRefused):
    """A sign-in page answered instead of the server (``reason`` says how)."""

    def __init__(self, reason: str, request: httpx.Request) -> None:
        super().__init__(f"a Wi-Fi sign-in page ({reason})", request=request)
        self.reason = reason


def portal_reason(request: httpx.Request, response: httpx.Response) -> str | None:
    """How ``response`` shows a captive portal rather than the server, or None."""
    status = response.status_code
    if status == 511:
        return "HTTP 511, network sign-in required"
    if status in _REDIRECTS:
        target = response.headers.get("Location", "")
        there = urlsplit(str(request.url.join(target))).hostname or ""
        if there.lower() != (request.url.host or "").lower():
            return f"a redirect to {there or 'another address'}"
        return None
    if 200 <= status < 300 and _is_page(response) and _expects_data(request):
        return "an HTML page where data was expected"
    return None


def _is_page(response: httpx.Response) -> bool:
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml")


def _expects_data(request: httpx.Request) -> bool:
    if request.method.upper() in _DATA_METHODS:
        return True
    accept = request.headers.get("Accept", "").lower()
    return any(kind in accept for kind in EXPECTS_DATA)


class PortalCheck:
    """The response hook that stops a portal's answer before its body is read, and
    marks its request (``PORTAL_SEEN``: ``ChallengedBasicAuth`` then forgets that the
    server asked for the password)."""

    def __call__(self, response: httpx.Response) -> None:
        reason = portal_reason(response.request, response)
        if reason is None:
            return
        response.close()
        response.request.extensions[PORTAL_SEEN] = True
        raise PortalAnswer(reason, response.request)


class ChallengedBasicAuth(httpx.Auth):
    """HTTP Basic auth sent only to a server that asked for it.

    The first request to a server goes without the password; a ``401`` sends it again
    with it (a request whose body cannot be sent twice, a streamed upload, carries it at
    once: a pass always lists before it uploads).  Once asked, requests to that server
    with that user carry it from the start, for the rest of the process (one round trip
    more per process and server, not per request or per remote); an answer from a portal
    makes it wait for the server to ask again.  A captive portal redirects or shows its
    page, it never asks: it never gets the password."""

    def __init__(self, user: str, password: str) -> None:
        self._user = user
        self._header = httpx.BasicAuth(user, password)._auth_header

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        asker = (_origin(request.url), self._user)
        sent = asker in _ASKED or not _can_resend(request)
        if sent:
            request.headers["Authorization"] = self._header
        try:
            response = yield request
        except GeneratorExit:  # the request failed: was it a portal's answer?
            if request.extensions.get(PORTAL_SEEN):
                _ASKED.discard(asker)
            raise
        if sent or response.status_code != 401:
            return
        _ASKED.add(asker)  # (httpx reads the 401's body, then sends this again)
        request.headers["Authorization"] = self._header
        yield request


# (origin, user) of the servers that asked this process for the password (a set's add,
# discard and membership are atomic: the remotes' threads share it)
_ASKED: set[tuple[str, str]] = set()


def forget_challenges() -> None:
    """Forget which servers asked for the password: each waits to be asked again."""
    _ASKED.clear()


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii')}".lower()


def _can_resend(request: httpx.Request) -> bool:
    return isinstance(request.stream, httpx.ByteStream)
