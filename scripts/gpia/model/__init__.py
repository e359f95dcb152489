"""Model: typed records built from validated data, and what is derived from them once per build."""
