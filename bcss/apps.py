from django.apps import AppConfig


class BcssConfig(AppConfig):
    name = "bcss"
    verbose_name = "Banque Carrefour de la Sécurité Sociale"
