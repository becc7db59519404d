"""Work around PySide6 6.12's reference-count slips on Python 3.11.

Some PySide6 6.12 bindings (``QImage.fill``, ``QWidget.setAttribute``,
``QLabel.setAlignment``, ``QAction.menu`` ...) return ``None`` without taking the
reference they hand back, so each call takes one reference off ``None`` (and a few off
``True``/``False``).  From Python 3.12 these objects are immortal and nothing happens;
on 3.11 the count reaches zero after enough calls and the interpreter aborts
("deallocating None").  ``make_singletons_immortal`` does what 3.12 does: it gives
``None``, ``True`` and ``False`` a reference count no slip can exhaust.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["make_singletons_immortal"]

_IMMORTAL = 1 << 40


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # immortal already; or a debug build, whose object header differs
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt comes first
        if refcount.value < _IMMORTAL:
            refcount.value += _IMMORTAL
