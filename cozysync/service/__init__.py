"""What ``cozysync.api.SyncService`` is built from, one module per concept.

- ``results``: the plain frozen dataclasses the facade returns;
- ``root_guard``: the folder is there and its marker binds it to this link;
- ``linking``: checks made when a folder is linked or unlinked;
- ``session``: one folder opened for syncing (lock, journal, remote, engine);
- ``watch_loop``: watch mode, with back-off while offline, idle while paused;
- ``pause``: which pairs are paused, and until when;
- ``selection``: selective sync's top-level folders and name checks;
- ``core``, ``controls``, ``inspecting``: the parts ``SyncService`` is made of (state
  and wiring; pause, poll, bandwidth, selective sync; status, conflicts and pair tools);
- ``status``: the outcome saved after a pass and the ``FolderStatus`` built from it;
- ``conflicts``: settling a conflict the user chose a side for.

The UI and the CLI use ``cozysync.api``, never these modules directly.
"""
