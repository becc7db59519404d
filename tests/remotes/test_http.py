"""The HTTP seam: request bodies of exact size, back-off delays, error mapping."""

from __future__ import annotations

import email.utils
import io
import ssl

import httpx
import pytest

from cozysync.errors import OfflineError, RemoteLockedError, ServerError
from cozysync.remotes.http import (
    CHUNK_SIZE,
    USER_AGENT,
    RetryPolicy,
    SourceSizeMismatch,
    build_client,
    exact_body,
    raise_for_failure,
    send_with_retries,
)
from tests.remotes.helpers import RecordingClock


def test_a_short_source_fails_before_any_byte_is_sent():
    with pytest.raises(SourceSizeMismatch):
        exact_body(lambda: io.BytesIO(b""), 10, None)
    with pytest.raises(SourceSizeMismatch):
        exact_body(lambda: io.BytesIO(b"x" * 11), 10, None)


def test_a_large_source_that_grows_never_completes_its_body():
    size = 3 * CHUNK_SIZE
    sent = []
    body = exact_body(lambda: io.BytesIO(b"x" * (size + 5)), size, sent.append)
    with pytest.raises(SourceSizeMismatch):
        for _ in body:
            pass
    assert sum(sent) < size


def test_an_exact_source_is_sent_whole():
    sent = []
    data = b"y" * (2 * CHUNK_SIZE + 3)
    assert b"".join(exact_body(lambda: io.BytesIO(data), len(data), sent.append)) == data
    assert sum(sent) == len(data)
    assert list(exact_body(lambda: io.BytesIO(b""), 0, None)) == []


def test_backoff_grows_and_honours_retry_after():
    policy = RetryPolicy(attempts=5, base_delay=1, max_delay=10)
    assert 0.5 <= policy.delay(1, None) <= 1 and 4 <= policy.delay(4, None) <= 8
    assert policy.delay(2, 3.0) == 3.0 and policy.delay(2, 999.0) == 10


def test_retry_after_as_a_date():
    clock = RecordingClock()
    when = email.utils.formatdate(clock.now() + 20, usegmt=True)
    request = httpx.Request("GET", "http://h/x")
    answers = iter(
        [httpx.Response(503, headers={"Retry-After": when}, request=request), httpx.Response(200)]
    )
    response = send_with_retries(lambda: next(answers), clock=clock)
    assert response.status_code == 200 and 18 <= clock.sleeps[0] <= 21


def test_non_idempotent_requests_are_not_retried_after_a_502():
    clock = RecordingClock()
    response = send_with_retries(lambda: httpx.Response(502), clock=clock, idempotent=False)
    assert response.status_code == 502 and clock.sleeps == []


def test_refused_connection_is_offline_and_titles_name_path_and_status():
    with build_client() as client:
        assert client.headers["User-Agent"] == USER_AGENT
        try:
            client.get("http://127.0.0.1:9/")
        except httpx.ConnectError as exc:
            with pytest.raises(OfflineError) as info:
                raise_for_failure(exc, host="127.0.0.1", path="x")
            assert info.value.title == "cannot reach the server 127.0.0.1"
    request = httpx.Request("PUT", "http://h/a")
    with pytest.raises(RemoteLockedError) as locked:
        raise_for_failure(httpx.Response(423, request=request), host="h", path="a/b.txt")
    assert "'a/b.txt'" in locked.value.title and "423" in locked.value.title
    with pytest.raises(ServerError) as teapot:
        raise_for_failure(httpx.Response(418, request=request), host="h", path="a")
    assert "418" in teapot.value.title
    assert isinstance(teapot.value.__cause__, httpx.HTTPStatusError)


# --- TLS only where there is TLS ------------------------------------------------------------


def _verify_mode(client: httpx.Client) -> ssl.VerifyMode:
    return client._transport._pool._ssl_context.verify_mode  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "proxy", "verified"),
    [
        ("https://cloud.example/dav/", None, True),  # always verified
        ("http://127.0.0.1:8080/dav/", None, False),  # no TLS at all: no CA bundle loaded
        ("http://127.0.0.1:8080/dav/", "https://proxy.example:443", True),  # TLS to the proxy
        (None, None, True),
    ],
)
def test_certificates_are_verified_wherever_tls_can_happen(
    monkeypatch: pytest.MonkeyPatch, url: str | None, proxy: str | None, verified: bool
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    if proxy is not None:
        monkeypatch.setenv("HTTP_PROXY", proxy)
    with build_client(url=url) as client:
        mode = _verify_mode(client)
    assert (mode == ssl.CERT_REQUIRED) is verified
