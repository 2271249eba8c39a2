"""Consent to receive letters by e-mail in the demo: every other beneficiary who has an e-mail address gave it
to their social worker when their file was opened, so that letters to them can be e-mailed."""

from files.models import SocialFile
from people import services


def build_consents() -> int:
    files = (
        SocialFile.objects.exclude(beneficiary__email="")
        .filter(primary_worker__isnull=False, status=SocialFile.Status.OPEN)
        .select_related("beneficiary", "primary_worker")
        .order_by("pk")
    )
    # A reopened case has two files of one person: the consent is recorded once, on the first.
    first_files = list({file.beneficiary_id: file for file in reversed(files)}.values())
    chosen = sorted(first_files, key=lambda file: file.pk)[::2]
    for file in chosen:
        services.set_email_consent(actor=file.primary_worker, file=file, given=True, day=file.opened_on)
    return len(chosen)
