"""The application's database role on PostgreSQL: it may write every table but only append to the audit trail.

The owner role runs the migrations; after each migrate, it grants the role named by DATABASE_APP_ROLE what the
running application needs (config/settings.py says how to deploy the two roles). The audit trail and its seals
get SELECT and INSERT only, so the application cannot rewrite, delete or truncate them, nor (not owning them)
alter or drop their triggers; purging goes through audit_purge(), which the owner's retention rules.
"""

from django.conf import settings
from django.db import connections


def grant_application_role(*, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: (re)grant the application's role its privileges on every table."""
    from audit.models import AuditEvent, AuditSeal

    role = settings.DATABASE_APP_ROLE
    connection = connections[using]
    if not role or connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        user, schema = cursor.fetchone()
        if user == role:  # the application itself (e.g. a test database flushed): nothing it may grant
            return
        append_only = {AuditEvent._meta.db_table, AuditSeal._meta.db_table}
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        writable = ", ".join(quote(t) for t in sorted(set(tables) - append_only))
        protected = ", ".join(quote(t) for t in sorted(append_only))
        for statement in (
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {writable} TO {quote(role)}",
            f"REVOKE ALL ON {protected} FROM {quote(role)}",
            f"GRANT SELECT, INSERT ON {protected} TO {quote(role)}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {quote(role)}",
            f"GRANT EXECUTE ON FUNCTION audit_purge() TO {quote(role)}",
        ):
            cursor.execute(statement)
