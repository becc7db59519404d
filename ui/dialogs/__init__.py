"""Dialogs take data and return a result; none of them calls the engine."""
