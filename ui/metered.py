"""Is the connection metered (a phone's hotspot, a capped mobile plan)?  Qt's
``QNetworkInformation`` tells where the desktop has a backend for it (NetworkManager,
GLib's network monitor, ...); elsewhere ``is_available`` is False and the preferences say
so instead of offering a setting that would do nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

__all__ = ["MeteredNetwork", "load_network_information"]

Feature = QNetworkInformation.Feature


def load_network_information() -> QNetworkInformation | None:
    """Qt's network information with a backend that knows about metered connections,
    or None where there is none."""
    if not QNetworkInformation.loadBackendByFeatures(Feature.Metered):
        return None
    info = QNetworkInformation.instance()
    if info is None or not info.supports(Feature.Metered):
        return None
    return info


class MeteredNetwork(QObject):
    """``changed(is_metered)`` whenever the connection becomes metered or not."""

    changed = Signal(bool)

    def __init__(
        self,
        load: Callable[[], QNetworkInformation | None] = load_network_information,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._info = load()
        if self._info is not None:
            self._info.isMeteredChanged.connect(self.changed)

    @property
    def is_available(self) -> bool:
        return self._info is not None

    @property
    def backend(self) -> str:
        return self._info.backendName() if self._info is not None else ""

    def is_metered(self) -> bool:
        return self._info is not None and self._info.isMetered()
