"""The shipped catalogue (aids, amounts, computation and procedure rules, courts, legal texts) for tests whose
database is flushed (transaction=True, e.g. browser tests).

The catalogue comes from a data migration; a transactional test empties every table when it ends, so the
tests after it must put the defaults back: call install_default_catalogue() first (it is idempotent).
"""

import importlib

from django.apps import apps


def install_default_catalogue() -> None:
    # The courts first: 0003's Mons court row then finds its seat and only updates it.
    importlib.import_module("aid.migrations.0005_hainaut_labour_courts").install(apps, None)
    for migration in (
        "aid.migrations.0003_default_catalogue",
        "aid.migrations.0004_recovery_aid_types",
        "aid.migrations.0008_required_documents",
        "aid.migrations.0005_amounts_2026_and_rules",
        "aid.migrations.0005_procedure_rules_data",
        "aid.migrations.0010_handoffs_defaults",
        "letters.migrations.0008_legal_texts_and_templates",
    ):
        importlib.import_module(migration).install(apps, None)
