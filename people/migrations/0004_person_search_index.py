"""The name index of the search: a pg_trgm GIN index on PostgreSQL, an FTS5 trigram table on SQLite.

Written by hand (search.backends holds the SQL): neither index is a Django model index.
"""

from django.db import migrations


def install(apps, schema_editor):
    from search.backends import install_person_index

    install_person_index(schema_editor.connection)


def drop(apps, schema_editor):
    from search.backends import drop_person_index

    drop_person_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_resource")]

    operations = [migrations.RunPython(install, drop)]
