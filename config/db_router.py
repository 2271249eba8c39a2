"""Read replica: the declared read-only pages read from it, everything else uses the primary database.

Active when DATABASE_REPLICA_URL is set (config/settings.py). Only the views named in
DATABASE_REPLICA_VIEWS read from the replica, only on GET, and only while the view runs: the session and the
user were loaded from the primary before (the middleware sits last), so a replica a few seconds behind never
logs anyone out. Writes go to the primary, and so does every read inside a transaction: an audit append reads
the chain's last hash under its lock, and must read it where it writes.

Those pages (the security adviser's journal, a file's Consultations) read large tables that only grow, and a
few seconds of delay does not change what they mean; a page that acts on what it reads stays on the primary.
"""

from __future__ import annotations

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_on_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("read_from_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _on_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary by replication


class ReplicaMiddleware:
    """Sends the reads of the declared views to the replica for the time of the view (and its template)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _on_replica.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method in ("GET", "HEAD") and match and match.view_name in settings.DATABASE_REPLICA_VIEWS:
            request._replica_token = _on_replica.set(True)
        return None
