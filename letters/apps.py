from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Courrier")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow's own guard against decompression bombs, for every image the application opens, at the
        # budget that scans are checked against page by page (documents.page_reading).
        Image.MAX_IMAGE_PIXELS = settings.SCAN_MAX_PIXELS

        from documents import intake
        from letters import codes, selectors, services_scans

        # A part of a documents intake that starts with a letter's QR code is that letter's returned copy.
        intake.register(
            intake.CodeConsumer(
                is_code=codes.is_letter_code,
                known=services_scans.known_codes,
                file=services_scans.file_pages,
                already_kept=services_scans.copy_kept,
                normalise=codes.normalise_code,
                model="letters.returnedcopy",
                describe=selectors.describe_copies,
            )
        )
