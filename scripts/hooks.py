"""MkDocs hooks: add the pages and downloads generated from the data to the build.

The knowledge base is loaded once per build by the macros adapter (scripts/macros.py), which runs
first; this hook reuses it.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from gpia.generated import generated_files  # noqa: E402


def on_files(files: Files, config) -> Files:
    kb = config.plugins["macros"].knowledge_base
    for generated in generated_files(kb):
        inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.uri, content=generated.content, inclusion=inclusion))
    return files
