"""Whole-engine chaos checker: seeded random histories of user actions on both sides,
``sync --once`` runs through a fault-injecting proxy, SIGKILLs and server restarts, then
convergence, no-loss, no-spurious-conflict and no-partial-file checks.

- ``proxy.py``: the fault-injecting TCP proxy;
- ``client.py``: ``python -m cozysync`` with the chaos hooks (client timeout, kill after
  N requests, the outcome as JSON);
- ``history.py``: one seeded history (world, users, sync runs, settling);
- ``checker.py``: the ledger of what users wrote and the four checks;
- ``__main__.py``: ``python -m tests.chaos --histories N`` (soak) and ``--replay SEED``.

The planner-only checker is ``tests/core/test_reconcile_properties.py``.
"""
