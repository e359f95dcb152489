"""What `make new KIND=<kind>` adds, for each kind the registry lets it add (gpia.model.kinds.MAKE_NEW):
the template it copies, the file kind it goes into, the parent IN= names and the list it joins.
Read by the command (gpia.tools.scaffold), the guide's generated list and the Contributing page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gpia.model.kinds import KIND, MAKE_NEW, Kind

TEMPLATE_DIR = "templates"  # the templates' folder in the repository


@dataclass(frozen=True)
class Recipe:
    template: str  # file name in templates/
    file_kind: str  # schema kind of the file the record goes into
    parent: str | None = None  # record kind that IN= must name, for records inside another record
    list_key: str = ""  # the list the record is appended to: top-level key, or the key inside its parent
    home: Path | None = None  # a kind registered from outside the core: its templates/ is here, not the project's

    def template_path(self, project: Path) -> Path:
        """Where the template is: templates/ of the project, or of the kind's home (Kind.home)."""
        return (self.home or project) / TEMPLATE_DIR / self.template


def _recipe(kind: Kind) -> Recipe:
    # A record of a list inside another record (a requirement in its area) names that record with IN=;
    # one at the top of its file (a term) or a file of its own (a schedule) does not.
    return Recipe(kind.template, kind.file, parent=kind.parent if kind.list_key else None, list_key=kind.list_key,
                  home=kind.home)


# From the registry of kinds: the kinds `make new` adds (MAKE_NEW), in its order.
RECIPES: dict[str, Recipe] = {name: _recipe(KIND[name]) for name in MAKE_NEW}
