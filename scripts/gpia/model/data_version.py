"""The version of the data, as the downloads and the printed guide state it: the time of the commit
the site is built from (SOURCE_DATE_EPOCH, which `make build` and CI set), or, without one, the
latest date a person reviewed a record against its source. The same data built from the same
commit gives the same value, so the build stays reproducible."""
from __future__ import annotations

import datetime as dt
import os

from gpia.model.records import KnowledgeBase


def data_version(kb: KnowledgeBase) -> str:
    """'YYYY-MM-DDTHH:MM:SSZ' (the commit's time, UTC), else the latest review date 'YYYY-MM-DD'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [getattr(r, "last_reviewed", None) for records in [*vars(kb).values(), *kb.by_kind.values()]
             if isinstance(records, dict) for r in records.values()]
    return max((d for d in dates if isinstance(d, str)), default="")


def data_date(kb: KnowledgeBase) -> str:
    """The day of data_version, 'YYYY-MM-DD'."""
    return data_version(kb)[:10]
