"""Benchmarks of cozysync against rclone bisync and a raw WebDAV client (``python -m bench``).

Not part of the test suite.  See docs/benchmarks.md for what is measured and the results.
"""
