"""Revoking the app password a Nextcloud made for this computer (issue 16, item 5
leftover): when a folder is unlinked, the password its browser login made must not keep
working on the server (a shared computer, a lost laptop).

What the server does (nextcloud/documentation developer_manual/client_apis/LoginFlow/
index.rst:89-113, "Deleting an app password"; nextcloud/server
core/Controller/AppPasswordController.php:110-126 ``deleteAppPassword``):
``DELETE /ocs/v2.php/core/apppassword`` with ``OCS-APIRequest: true`` and Basic auth with
the app password invalidates it (200); logged in with the real password, 403 "no app
password in use"; a wrong or already revoked password, 401.  ownCloud has no such route
(404).  "If a non 200 status code is returned the client should still proceed with
removing the account": the caller forgets the password whatever this says.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from cozysync.remotes.http import build_client, raise_for_failure
from cozysync.remotes.nextcloud_login import nextcloud_base

__all__ = ["revoke_app_password"]


def revoke_app_password(
    webdav_url: str, user: str, password: str, *, client: httpx.Client | None = None
) -> bool:
    """Ask the server of ``webdav_url`` to invalidate ``password`` (see the module).
    True: revoked; False: not an app password (403) or no such route (404).
    ``AuthError`` when refused (401: revoked already, or changed); ``OfflineError`` when
    the server cannot be reached."""
    url = f"{nextcloud_base(webdav_url)}/ocs/v2.php/core/apppassword"
    host = urlsplit(url).netloc
    http = client or build_client(timeout=30.0, url=url)
    try:
        response = http.delete(
            url, params={"format": "json"}, auth=(user, password),
            headers={"OCS-APIRequest": "true", "Accept": "application/json"},
        )  # fmt: skip
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=host)
    finally:
        if client is None:
            http.close()
    if response.status_code in (403, 404, 405):
        return False
    if response.status_code != 200:
        raise_for_failure(response, host=host)
    return True
