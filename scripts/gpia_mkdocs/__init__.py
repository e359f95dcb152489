"""The MkDocs adapter of the core (gpia): a plugin registered by entry point (`plugins: - gpia` in
mkdocs.yml, gpia_mkdocs.plugin) and the macros it offers the pages of docs/ (a pluglet of
mkdocs-macros, `modules: [gpia_mkdocs.macros]`). The core itself imports no mkdocs."""
