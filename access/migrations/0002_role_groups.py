from django.db import migrations

ROLE_CODES = [
    "social_worker",
    "head_social_worker",
    "legal_officer",
    "committee_member",
    "committee_secretary",
    "president",
    "payment_clerk",
    "recovery_clerk",
    "reception",
    "mail_clerk",
    "bcss_operator",
    "admin",
    "security_officer",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
