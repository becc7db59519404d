"""The Nextcloud double's account routes (issue 16, item 5 leftovers): who the user is,
and the deletion of the app password in use.  PHP cannot run here; this follows
nextcloud/documentation ``developer_manual/client_apis/LoginFlow/index.rst`` (at
01422f0b) and nextcloud/server (at 01f0c334):

- A user's login name may differ from its user id: Nextcloud lets a user log in with
  the e-mail address, and Login Flow v2's ``loginName`` is then that address, "not for
  generating the webdav URL" (LoginFlow/index.rst:52): the files are at
  ``/remote.php/dav/files/<user id>/`` and the id is asked from ``/ocs/v1.php/cloud/user``.
  Knob: ``NextcloudDouble(login_name=...)``; the files of ``/files/<login name>/`` do not
  exist (WsgiDAV's 404, as Sabre's "Principal not found").
- ``GET /ocs/v{1,2}.php/cloud/user`` (apps/provisioning_api/lib/Controller/
  UsersController.php ``getCurrentUser`` → ``getUserData``: ``id`` is the user id,
  ``display-name``, ``email``): Basic auth with the password or an app password; every
  OCS call needs ``OCS-APIRequest: true`` (412 without, as the shares double), 401 for a
  wrong login.  v1 answers HTTP 200 with ``meta.statuscode`` 100.
- ``DELETE /ocs/v2.php/core/apppassword`` (LoginFlow/index.rst:89-113; core/Controller/
  AppPasswordController.php:110-126 ``deleteAppPassword``): with an app password, that
  password is invalidated (``invalidateTokenById``) and 200 with an empty OCS answer;
  with the real password, 403 "no app password in use".  The revoked password is then
  refused everywhere (401).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["account_route", "is_account_route"]

_USER_ROUTES = ("/ocs/v1.php/cloud/user", "/ocs/v2.php/cloud/user")
_APP_PASSWORD = "/ocs/v2.php/core/apppassword"


def is_account_route(local: str) -> bool:
    return local in (*_USER_ROUTES, _APP_PASSWORD)


def account_route(
    double: Any, environ: dict[str, Any], start: Callable[..., Any], local: str
) -> Iterable[bytes]:
    """The WSGI answer to ``local`` (``is_account_route``) for ``double``."""
    from tests.nextcloud_double import _answer, _basic_login

    version = 1 if local.startswith("/ocs/v1.php") else 2
    if environ.get("HTTP_OCS_APIREQUEST", "").lower() != "true":
        return _envelope(start, version, 412, "failure", "CSRF check failed", [])
    login = _basic_login(environ.get("HTTP_AUTHORIZATION", ""))
    with double._lock:
        app_password = login is not None and double.app_passwords.get(login[1]) == login[0]
        real = login is not None and login[1] == double.password and login[0] in (
            double.user, double.login_name,
        )  # fmt: skip
        if not (app_password or real):
            challenge = [("WWW-Authenticate", 'Basic realm="Nextcloud", charset="UTF-8"')]
            return _answer(start, 401, b"", challenge)
        method = environ["REQUEST_METHOD"]
        if local in _USER_ROUTES and method == "GET":
            data = {"id": double.user, "display-name": double.user.title(),
                    "email": double.login_name if "@" in double.login_name else None}  # fmt: skip
            return _envelope(start, version, 200, "ok", "OK", data)
        if local == _APP_PASSWORD and method == "DELETE":
            if not app_password or login is None:  # AppPasswordController.php:113-115
                return _envelope(start, 2, 403, "failure", "no app password in use", [])
            double.app_passwords.pop(login[1], None)  # invalidateTokenById
            double.revoked.append(login[1])
            return _envelope(start, 2, 200, "ok", "OK", [])
    return _answer(start, 405, b"")


def _envelope(
    start: Callable[..., Any], version: int, status: int, word: str, text: str, data: object
) -> Iterable[bytes]:
    """An OCS answer: v1 says its status in ``meta.statuscode`` (100 for success) over
    HTTP 200; v2 in the HTTP status itself."""
    from tests.nextcloud_double import _answer

    code = (100 if status == 200 else status) if version == 1 else status
    http_status = 200 if version == 1 and status not in (401, 412) else status
    meta = {"status": word, "statuscode": code, "message": text}
    body = json.dumps({"ocs": {"meta": meta, "data": data}}).encode()
    return _answer(start, http_status, body, [("Content-Type", "application/json")])
