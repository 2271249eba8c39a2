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
