"""Load: find the data files, read YAML strictly, and name every problem by file, line and column."""
