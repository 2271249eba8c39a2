from django.db import migrations

# The roles of access.roles.Role when this migration was written: each starts with the second factor required.
ROLES = [
    "social_worker", "head_social_worker", "legal_officer", "committee_member", "committee_secretary",
    "president", "payment_clerk", "recovery_clerk", "reception", "mail_clerk", "bcss_operator", "admin",
    "security_officer",
]


def create_rules(apps, schema_editor):
    RoleLoginRule = apps.get_model("accounts", "RoleLoginRule")
    for role in ROLES:
        RoleLoginRule.objects.get_or_create(role=role, defaults={"second_factor_required": True})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
