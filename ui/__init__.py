"""cozysync's tray app (PySide6), installed as ``cozysync_ui``.

It drives the engine only through ``cozysync.api.SyncService`` and listens to it only
through ``cozysync.events``; the engine never imports Qt.
"""
