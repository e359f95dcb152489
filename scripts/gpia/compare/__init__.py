"""Compare: versions aligned row by row, word-level redlines, and the kind of each change."""
