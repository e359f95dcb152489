"""Browser tests (a package, so that its conftest and helpers do not clash with tests/conftest.py)."""
