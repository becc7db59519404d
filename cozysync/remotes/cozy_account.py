"""The account side of a Cozy pair (issue 15, item 10): the excluded folders kept on the
Cozy (``cozy_selective``), its warnings at start, its free space before a big upload and
the time of the last sync (``cozy_settings``).  ``CozyRemote`` calls it at those points;
the notices it gathers are taken by whoever shows them (``take_notices``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from cozysync.errors import QuotaExceededError
from cozysync.messages import Message
from cozysync.models import StorageQuota
from cozysync.remotes.cozy_auth import CozySession, size_text
from cozysync.remotes.cozy_changes import TreeCache
from cozysync.remotes.cozy_selective import CozyExclusions
from cozysync.remotes.cozy_settings import BIG_UPLOAD, CozySettings, room_warning

__all__ = ["CozyAccountSide"]


class CozyAccountSide:
    """See the module.  ``excluded``: the pair's excluded top-level folders, read at each
    listing (a change made while it runs reaches the Cozy at the next one); None for a
    remote that does not own a pair's choice (then the Cozy's is left as it is)."""

    def __init__(
        self,
        session: CozySession,
        cache: TreeCache,
        excluded: Callable[[], Iterable[str]] | None,
    ) -> None:
        self.exclusions = CozyExclusions(session, cache)
        self.settings = CozySettings(session)
        self._cache = cache
        self._excluded = excluded
        self._notices: list[Message] = []
        self._standing: tuple[Message, ...] | None = None  # the warnings as last asked
        self._lock = threading.Lock()
        self._started = False

    def before_listing(self, root_id: str) -> None:
        """At the first listing, the Cozy's warnings (``at_start``), and again at each
        listing while one stands (``_ask_again``: a running pair sees the terms accepted);
        then its ``not_synchronized_on`` made equal to the pair's choice: a folder
        included again brings its content back only by a full listing (§7)."""
        if not self._started:
            self._started = True
            self.at_start()
        elif self._standing:
            self._ask_again()
        if self._excluded is not None and self.exclusions.apply(root_id, self._excluded()):
            self._cache.forget_seq()

    def at_start(self) -> None:
        notices = self.settings.warnings()
        if notices is None:
            return  # not told now: what was known stands
        with self._lock:
            self._notices += [n for n in notices if n not in self._notices]
            self._standing = tuple(notices)

    def _ask_again(self) -> None:
        """The standing warnings as the Cozy says them now, none told again (they were
        at start; one new since is told)."""
        notices = self.settings.warnings()
        if notices is None:
            return
        with self._lock:
            known = self._standing or ()
            self._notices += [n for n in notices if n not in known and n not in self._notices]
            self._standing = tuple(notices)

    def standing_warnings(self) -> tuple[Message, ...] | None:
        """The Cozy's warnings as asked at start (kept in the folder's status until a
        start finds them gone); None before it asked."""
        with self._lock:
            return self._standing

    def before_upload(self, path: str, size: int, *, replacing: bool) -> None:
        """From ``BIG_UPLOAD`` bytes: the free space first.  A file that cannot fit is
        refused here, before its bytes cross the network (the stack would refuse it with
        413, web/files/files.go:2258-2259, checking the whole size even of a new version:
        model/vfs/vfs.go:937-959); one that fills the Cozy past 90% is told."""
        if size < BIG_UPLOAD:
            return
        usage = self.settings.disk_usage()
        if usage is None:
            return
        free = usage.free
        if free is not None and size > free:
            what = f"the new version of {path!r}" if replacing else repr(path)
            raise QuotaExceededError(
                f"your Cozy is full: {what} needs {size_text(size)} free there, "
                f"{size_text(free)} free of {size_text(usage.quota or 0)}",
                hint="Free some space on your Cozy (empty its trash), then sync again.",
                path=path,
            )
        notice = room_warning(usage, path, size)
        if notice is not None:
            with self._lock:
                self._notices.append(notice)

    def storage_quota(self) -> StorageQuota | None:
        """The Cozy's disk usage (``TellsQuota``): None when it does not say."""
        usage = self.settings.disk_usage()
        if usage is None:
            return None
        return StorageQuota(usage.used, usage.free, is_unlimited=usage.quota is None)

    def take_notices(self) -> list[Message]:
        with self._lock:
            taken, self._notices = self._notices, []
        return taken

    def after_pass(self) -> None:
        self.settings.mark_synchronized()
