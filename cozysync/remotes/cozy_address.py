"""A Cozy's address from what the user pasted (pure: no I/O).

Each app of a Cozy is served on its own host, the API only on the instance's: flat
subdomains ``alice-drive.mycozy.cloud``, or nested ones ``drive.alice.example.org``
(cozy-stack pkg/config/config/split_host.go ``SplitCozyHost``; web/routing.go:357-362
hands an app host to the app).  So an address copied from the browser's Drive tab
(``https://alice-drive.mycozy.cloud/#/folder/…``) is not the Cozy's, and asking it
whether it is a Cozy says no.  As cozy-desktop (gui/elm/Window/Onboarding/Address.elm,
``dropAppName`` and ``correctAddress``): the app slugs of Cozy's own apps are dropped from
the first label, the path, query and fragment too; the scheme and port are kept, and a
bare host gets ``https://``.  cozy-desktop removes ``-<slug>`` anywhere in the first label;
here only at its end (``jean-homer`` stays), and a first label that is a slug only when
a domain of two labels or more is left.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["APP_SLUGS", "cozy_instance_url", "with_scheme"]

# cozy-desktop's coreAppNames (gui/elm/Window/Onboarding/Address.elm)
APP_SLUGS = (
    "drive", "photos", "banks", "settings", "home", "contacts", "mespapiers", "notes",
    "passwords", "store",
)  # fmt: skip


def with_scheme(address: str) -> str:
    """``alice.mycozy.cloud/…`` → ``https://alice.mycozy.cloud/…``; else unchanged."""
    address = address.strip()
    return address if "://" in address or not address else f"https://{address}"


def cozy_instance_url(address: str) -> str:
    """The instance a pasted Cozy address leads to, as ``scheme://host[:port]``;
    ``address`` itself (stripped) when it has no host."""
    parts = urlsplit(with_scheme(address))
    host = (parts.hostname or "").lower()
    if not host or parts.scheme not in ("http", "https"):
        return address.strip()
    if ":" in host:
        name = f"[{host}]"  # an IPv6 address
    elif host.replace(".", "").isdigit():
        name = host  # an IPv4 address
    else:
        name = ".".join(_without_app(host.split(".")))
    default = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port not in (None, default) else ""
    return f"{parts.scheme}://{name}{port}"


def _without_app(labels: list[str]) -> list[str]:
    first = labels[0]
    if first in APP_SLUGS and len(labels) > 2:
        return labels[1:]  # nested: drive.alice.example.org
    for slug in APP_SLUGS:
        if first.endswith(f"-{slug}") and len(first) > len(slug) + 1:
            return [first[: -len(slug) - 1], *labels[1:]]  # flat: alice-drive.mycozy.cloud
    return labels
