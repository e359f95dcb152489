"""Maintainers' tools: diff, scaffold, propose, fix, guide, linkcheck, synthetic corpora."""
