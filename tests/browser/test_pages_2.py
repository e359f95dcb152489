"""The second of two shares of every page of the built site, checked as gpia's readers need (the checks
and tests are in every_page.py; two files so that both workers of `make test` take part of the walk)."""
from .every_page import *  # noqa: F401,F403 -- the tests and their fixture, run on this share

SHARD = (1, 2)
