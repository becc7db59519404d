"""cozysync: offline-first two-way sync of a local folder with a personal cloud."""

__version__ = "0.1.0"
__all__ = ["__version__"]
