"""The sync pipeline: pure stages (changes, moves, reconcile, plan) and the ones that
drive I/O through ports (execute, engine).  Nothing here imports an adapter."""
