"""The authenticated seam to a Cozy instance (brief ``cozy-protocol.md`` §1, §6).

``CozySession`` sends every API call with the Bearer token (retries and back-off from
``remotes.http``); it refreshes the token before it expires (JWT ``iat`` + 7 days) and
whenever the stack answers "Expired token" (a 400 with ``WWW-Authenticate``: §1.4, §8.10;
a 401 on newer stacks, cozy-stack PR #3173), tells a
revoked client apart with the registration probe (§1.5): ``AuthError(DISCONNECTED)``,
and translates failed file requests once (``fail``: the §6 error map).  Registration and
the browser login live in ``cozy_link``.

Secrets (client secret, registration token, access and refresh tokens) go only through
the ``Secrets`` port, as one JSON entry per linked client, so that a refreshed token is
saved in one atomic write.  Nothing here logs or formats a secret.
"""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import asdict, dataclass, replace
from typing import Any, NoReturn
from urllib.parse import urlencode, urlsplit

import httpx

from cozysync.byte_sizes import size_words
from cozysync.errors import (
    AntivirusBlockedError,
    AuthError,
    ConfigError,
    FatalError,
    ItemChangedError,
    NameNotAllowedError,
    OfflineError,
    PreconditionFailedError,
    QuotaExceededError,
    RemoteItemMissingError,
    SyncError,
)
from cozysync.paths import name_of
from cozysync.phrases import phrase
from cozysync.ports import Clock
from cozysync.ports import Secrets as SecretsPort
from cozysync.remotes.answer_guard import STREAMED
from cozysync.remotes.http import build_client, raise_for_failure, send_with_retries

__all__ = [
    "ACCESS_TOKEN_LIFETIME_S",
    "DISCONNECTED",
    "SCOPE",
    "CozySession",
    "CozyTokens",
    "TokenStore",
    "account_for",
    "instance_origin",
    "json_body",
    "payment_required",
    "size_text",
    "token_problem",
]

# §1.2: io.cozy.files (all verbs) and the disk usage; and, to share with people of the
# address book (issue 17), reading the contacts and their groups (remotes/
# cozy_share_people.py).  Links and sharings need nothing more: the stack checks their
# rules against the files scope (cozy-stack model/permission/permissions.go:697-723,
# web/sharings/sharings.go:1151-1186).  A login made before asks again once.
SCOPE = (
    "io.cozy.files io.cozy.settings:GET:io.cozy.settings.disk-usage"
    " io.cozy.contacts:GET io.cozy.contacts.groups:GET"
)
ACCESS_TOKEN_LIFETIME_S = 7 * 24 * 3600  # §1.3: 7 days in the code; we also react to expiry
REFRESH_MARGIN_S = 3600
DISCONNECTED = "this computer was disconnected from your Cozy; link it again"
_RELINK_HINT = (
    "Sign in again: run `cozysync login` for this folder (or Sign in again in the tray) "
    "and approve it in the browser; no new `cozysync link` is needed."
)
JSON_ACCEPT = "application/vnd.api+json, application/json"  # §0: errors may be either
UNAVAILABLE = frozenset({502, 503, 504})


def account_for(instance_url: str, client_id: str) -> str:
    """The ``Secrets`` account holding one linked client's secrets."""
    return f"cozy:{urlsplit(instance_url).netloc}:{client_id}"


@dataclass(frozen=True)
class CozyTokens:
    """Everything secret about one linked client (never shown in a repr)."""

    client_id: str
    client_name: str
    client_secret: str
    registration_access_token: str
    access_token: str = ""
    refresh_token: str = ""

    def __repr__(self) -> str:
        return f"CozyTokens(client_id={self.client_id!r}, client_name={self.client_name!r})"


class TokenStore:
    """One JSON entry in the ``Secrets`` port: every write replaces it whole."""

    def __init__(self, secrets: SecretsPort, account: str) -> None:
        self._secrets = secrets
        self.account = account

    def load(self) -> CozyTokens:
        raw = self._secrets.get(self.account)
        if raw is None:
            raise AuthError(DISCONNECTED, hint=_RELINK_HINT)
        try:
            return CozyTokens(**json.loads(raw))
        except (TypeError, ValueError) as exc:
            raise AuthError("the saved Cozy login cannot be read", hint=_RELINK_HINT) from exc

    def save(self, tokens: CozyTokens) -> None:
        self._secrets.set(self.account, json.dumps(asdict(tokens)))

    def delete(self) -> None:
        self._secrets.delete(self.account)


def instance_origin(instance_url: str) -> str:
    parts = urlsplit(instance_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            phrase("{instance_url!r} is not a Cozy address", instance_url=instance_url),
            phrase("Give https://you.mycozy.cloud"),
        )
    return f"{parts.scheme}://{parts.netloc}"


def json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def payment_required(response: httpx.Response, origin: str) -> FatalError:
    """§1.5, §6: a 402 before any handler.  Its body is a bare JSON array of JSON:API
    errors, not ``{"errors": [...]}``: ``c.JSON(402, ListWarnings(i))`` (cozy-stack
    web/middlewares/instance.go:236-240, warnings.go:12-29; also :143-147 and :154-163 for
    a blocked instance).  The terms one has ``code: tos-updated`` and the page to accept
    them in ``links.self`` (the manager's, not the Cozy's); a moved instance's warning may
    come first."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):  # tolerated: the JSON:API envelope
        body = body.get("errors")
    errors = [e for e in body if isinstance(e, dict)] if isinstance(body, list) else []
    terms = next((e for e in errors if e.get("code") == "tos-updated"), None)
    if terms is not None:
        link = (terms.get("links") or {}).get("self") or origin
        return FatalError(
            phrase("your Cozy asks you to accept its new terms of service"),
            hint=phrase("Open {link} in a browser, accept them, then sync again.", link=link),
        )
    detail = next((str(e["detail"]) for e in errors if e.get("detail")), "")
    return FatalError(
        phrase("your Cozy is blocked ({detail})", detail=detail)
        if detail
        else phrase("your Cozy is blocked"),
        hint=phrase("Open {origin} in a browser to see why, then sync again.", origin=origin),
    )


MAX_FILE_SIZE = 5 << 30  # §3.1: the largest file on Swift storage


def size_text(n: int) -> str:
    """A size in a message's English detail, counted as the stack counts its quota (in
    steps of 1000)."""
    return size_words(n, english=True, step=1000)


def token_problem(response: httpx.Response) -> str | None:
    """``"expired"``, ``"invalid"`` or None for an answer (§1.4, §1.5, §8.10): the
    ``WWW-Authenticate`` header first, the body second.  Call on a non-streamed answer.
    The stack answered 400 historically; newer ones answer 401 with the same header and
    body (cozy-stack PR #3173, RFC 6750): both count.  A 401 without them is "no token"."""
    if response.status_code not in (400, 401):
        return None
    challenge = response.headers.get("WWW-Authenticate", "")
    if "invalid_token" in challenge:
        return "expired" if "expired" in challenge.lower() else "invalid"
    text = response.text[:500]
    if "Expired token" in text:
        return "expired"
    if "Invalid JWT token" in text:
        return "invalid"
    return None


def _jwt_issued_at(token: str) -> float | None:
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["iat"])
    except (IndexError, KeyError, TypeError, ValueError):
        return None


class CozySession:
    """Authenticated requests to one instance, with token refresh and revocation checks."""

    def __init__(
        self,
        instance_url: str,
        store: TokenStore,
        *,
        clock: Clock,
        client: httpx.Client | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.origin = instance_origin(instance_url)
        self.host = urlsplit(self.origin).netloc
        self.store = store
        self.clock = clock
        self._own_client = client is None
        self.client = client or build_client(timeout=timeout)
        self._tokens: CozyTokens | None = None
        self._lock = threading.Lock()

    # -- tokens ------------------------------------------------------------------------

    def tokens(self) -> CozyTokens:
        with self._lock:
            if self._tokens is None:
                self._tokens = self.store.load()
            issued = _jwt_issued_at(self._tokens.access_token)
            due = issued is not None and (
                self.clock.now() >= issued + ACCESS_TOKEN_LIFETIME_S - REFRESH_MARGIN_S
            )
            if not self._tokens.access_token or due:
                self._refresh_locked()
            return self._tokens

    def refresh(self, used_access_token: str) -> None:
        """Refresh unless another thread already replaced ``used_access_token``."""
        with self._lock:
            if self._tokens is None or self._tokens.access_token == used_access_token:
                self._refresh_locked()

    def _refresh_locked(self) -> None:
        tokens = self._tokens or self.store.load()
        form = {
            "grant_type": "refresh_token",
            "refresh_token": tokens.refresh_token,
            "client_id": tokens.client_id,
            "client_secret": tokens.client_secret,
        }
        response = self._available(self._post_token(form))
        data = json_body(response)
        if response.status_code != 200 or not data.get("access_token"):
            # §1.5: a deleted client answers "the client must be registered"
            self._raise_refused(tokens, str(data.get("error") or response.status_code))
        fresh = replace(
            tokens,
            access_token=str(data["access_token"]),
            # §1.4: normally no new refresh token: keep the old one
            refresh_token=str(data.get("refresh_token") or tokens.refresh_token),
        )
        self.store.save(fresh)  # §1.4: persisted before the failed call is retried
        self._tokens = fresh

    def _post_token(self, form: dict[str, str]) -> httpx.Response:
        try:
            return send_with_retries(
                lambda: self.client.post(
                    f"{self.origin}/auth/access_token",
                    data=form,
                    headers={"Accept": "application/json"},
                ),
                clock=self.clock,
            )
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self.host)

    def client_exists(self, tokens: CozyTokens | None = None) -> bool:
        """§1.5 the definitive probe: ``GET /auth/register/:client_id``."""
        tokens = tokens or self.store.load()
        response = self._registration("GET", tokens)
        if response.status_code in (200, 404):
            return response.status_code == 200
        raise_for_failure(response, host=self.host)

    def unregister(self) -> None:
        """§1.5 deliberate unlink: ``DELETE /auth/register/:client_id`` (gone is fine)."""
        tokens = self.store.load()
        response = self._registration("DELETE", tokens)
        if response.status_code not in (204, 404):
            raise_for_failure(response, host=self.host)

    def _registration(self, method: str, tokens: CozyTokens) -> httpx.Response:
        url = f"{self.origin}/auth/register/{tokens.client_id}"
        headers = {
            "Authorization": f"Bearer {tokens.registration_access_token}",
            "Accept": "application/json",
        }
        try:
            return send_with_retries(
                lambda: self.client.request(method, url, headers=headers), clock=self.clock
            )
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self.host)

    def _raise_refused(self, tokens: CozyTokens, why: str) -> None:
        if not self.client_exists(tokens):
            raise AuthError(DISCONNECTED, hint=_RELINK_HINT)
        raise AuthError(f"your Cozy refused this computer's login ({why})", hint=_RELINK_HINT)

    # -- requests ----------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        content: Any = None,
        idempotent: bool = True,
        stream: bool = False,
        error_path: str = "",
        instance_level: bool = True,
    ) -> httpx.Response:
        """Send with retries (429/5xx, ``Retry-After``) and the Bearer token; refresh once
        on a token problem.  ``content`` may be a callable giving a fresh body per try.
        ``instance_level`` False: a 402 or 410 is the answer itself (``/settings/warnings``
        answers with its first warning's status), not the instance's state."""
        for attempt in (1, 2):
            tokens = self.tokens()
            response = self._send(
                method, path, tokens, params, headers, content, idempotent, stream
            )
            if response.status_code in (400, 401):
                response.read()  # small: an error body
            problem = token_problem(response)
            if problem is None and not instance_level:
                return self._available(response)
            if problem is None:
                return self._instance_level(self._available(response))
            response.close()
            if attempt == 1:
                self.refresh(tokens.access_token)
                continue
            self._raise_refused(tokens, f"{problem} token")
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(
        self,
        method: str,
        path: str,
        tokens: CozyTokens,
        params: dict[str, str] | None,
        headers: dict[str, str] | None,
        content: Any,
        idempotent: bool,
        stream: bool,
    ) -> httpx.Response:
        full = {
            "Accept": JSON_ACCEPT,
            **(headers or {}),
            "Authorization": f"Bearer {tokens.access_token}",
        }
        url = f"{self.origin}{path}" + (f"?{urlencode(params)}" if params else "")

        def send() -> httpx.Response:
            body = content() if callable(content) else content
            request = self.client.build_request(
                method, url, headers=full, content=body, extensions=STREAMED if stream else None
            )  # a streamed answer (a download) is capped by its reader
            return self.client.send(request, stream=stream)

        try:
            return send_with_retries(send, clock=self.clock, idempotent=idempotent)
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self.host, path=path)

    def _available(self, response: httpx.Response) -> httpx.Response:
        """§1.5, §6: 502/503/504 still there after the retries (``Retry-After`` honoured)
        mean the instance is down or in maintenance, not that this request is wrong: the
        pass stops as offline, every change is kept for the next one."""
        if response.status_code not in UNAVAILABLE:
            return response
        response.close()
        raise OfflineError(
            f"your Cozy {self.host} is not answering (HTTP {response.status_code}: busy or "
            "under maintenance)"
        )

    def _instance_level(self, response: httpx.Response) -> httpx.Response:
        """§1.5: 401 no token, 402 terms to accept, 410 instance moved."""
        status = response.status_code
        if status not in (401, 402, 410):
            return response
        response.read()
        response.close()
        if status == 401:
            raise AuthError("your Cozy did not receive this computer's login", hint=_RELINK_HINT)
        if status == 402:
            raise payment_required(response, self.origin)
        raise ConfigError(
            phrase("your Cozy {origin} moved to another address", origin=self.origin),
            hint=phrase("Link the folder again with the new address."),
        )

    def fail(
        self, response: httpx.Response, path: str, *, size: int = 0, replacing: bool = False
    ) -> NoReturn:
        """§6: the error map for writes, on ``status`` + ``source.parameter``."""
        response.read()
        response.close()
        errors = json_body(response).get("errors") or [{}]
        first = errors[0] if isinstance(errors[0], dict) else {}
        param = str((first.get("source") or {}).get("parameter", ""))
        detail = str(first.get("detail") or first.get("title") or "")
        status = response.status_code
        if status == 409:
            raise PreconditionFailedError(f"{path!r} already exists on your Cozy", path=path)
        if status == 412 and param in ("Content-MD5", "Content-Length"):
            raise ItemChangedError(f"{path!r} changed while it was being sent", path=path)
        if status == 412 and param == "dir-id":
            raise SyncError(f"{path!r}: a folder cannot be moved inside itself", path=path)
        if status == 412:
            raise PreconditionFailedError(f"{path!r} changed on your Cozy", path=path)
        if status == 413:
            raise self._too_big(path, size, replacing=replacing)
        if status == 422 and param.lower() in ("name", "path"):
            raise NameNotAllowedError(
                f"your Cozy does not accept the name {name_of(path)!r} ({detail})", path=path
            )
        if status == 451:  # cozy-stack web/files/antivirus.go: code antivirus_blocked
            blocked = AntivirusBlockedError(
                f"{path!r} is blocked by your Cozy's antivirus ({detail or 'HTTP 451'})",
                path=path,
            )
            blocked.http_status = status
            raise blocked
        if status == 404:
            raise RemoteItemMissingError(
                f"{path!r} or its folder is not on your Cozy ({detail or 'HTTP 404'})", path=path
            )
        raise_for_failure(response, host=self.host, path=path)

    def _too_big(self, path: str, size: int, *, replacing: bool) -> SyncError | QuotaExceededError:
        """§3.1: 413 is the quota or the 5 GiB limit, told apart by the size.  A new
        version (``replacing``) is checked whole against the free space, the old one still
        counted as used (cozy-stack model/vfs/vfs.go:937-959, CheckAvailableDiskSpace,
        from vfsafero/impl.go:195): a file that grows by a few bytes can be refused."""
        if size > MAX_FILE_SIZE:
            return SyncError(
                f"{path!r} ({size_text(size)}) is larger than your Cozy accepts "
                f"({size_text(MAX_FILE_SIZE)})",
                hint="Keep it on this computer only, or split it.",
                path=path,
            )
        used, quota = self._disk_usage()
        room = (
            f"{size_text(max(quota - used, 0))} free of {size_text(quota)}"
            if quota
            else "no room left"
        )
        if replacing:
            return QuotaExceededError(
                f"your Cozy is full: the new version of {path!r} needs {size_text(size)} free "
                f"there (your Cozy counts its whole size, the old version still stored), "
                f"{room}",
                hint="Free that much space on your Cozy (empty its trash), then sync again.",
            )
        return QuotaExceededError(
            f"your Cozy is full: {path!r} needs {size_text(size)}, {room}",
            hint="Free some space on your Cozy (empty its trash), then sync again.",
        )

    def _disk_usage(self) -> tuple[int, int | None]:
        try:
            response = self.request("GET", "/settings/disk-usage")
            attrs = json_body(response).get("data", {}).get("attributes", {})
            quota = attrs.get("quota")
            return int(attrs.get("used") or 0), int(quota) if quota else None
        except (SyncError, ValueError, TypeError, AttributeError):
            return 0, None  # the sizes are a courtesy: the error is reported anyway

    def close(self) -> None:
        if self._own_client:
            self.client.close()
