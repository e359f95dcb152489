"""The keys of the download's records (data/knowledge-base.json): each model field's name as the
export writes it, shared by the export (gpia.pages.export) and the download's JSON Schema
(gpia.pages.download_schema), so the two cannot name a field differently."""
from __future__ import annotations

import dataclasses

# Where each position is recorded rather than what the record says: left out of the export
# (`path` becomes provenance.file; line numbers move with every edit above them).
_INTERNAL_FIELDS = frozenset({"id", "path", "line", "last_reviewed"})
# Model fields whose names clash with the export's own keys, under the name the YAML gives them.
_RENAMED = {("table", "kind"): "table", ("comparison", "old"): "from", ("comparison", "new"): "to"}
_OWN_KEYS = frozenset({"id", "kind", "provenance", "references", "referenced_by", "last_reviewed"})


def exported_names(kind: str, cls: type) -> dict[str, str]:
    """Model field name -> its key in the download, for the fields a record of `kind` exports."""
    names = {}
    for f in dataclasses.fields(cls):
        if f.name not in _INTERNAL_FIELDS:
            name = _RENAMED.get((kind, f.name), f.name)
            names[f.name] = f"{kind}_{name}" if name in _OWN_KEYS else name
    return names
