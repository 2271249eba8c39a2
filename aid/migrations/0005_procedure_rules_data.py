"""The procedure rules of the shipped catalogue (issue 11, point 6), with their sources; editable in the admin.

Written here, not imported from the app (as 0003). Only the rows the catalogue ships are touched, by code.
"""

from django.db import migrations

CHECKED = "vérifié le 01/12/2026"
INQUIRY_RI = (
    "Enquête sociale sur la base d'une visite à domicile : arrêté royal du 1er décembre 2013 relatif aux "
    "conditions minimales de l'enquête sociale (art. 19, § 1er, loi du 26 mai 2002), M.B. 14/03/2014, art. 2 "
    f"({CHECKED}, vérifié)."
)
INQUIRY_1965 = (
    "Enquête sociale sur la base d'une visite à domicile : arrêté royal du 1er décembre 2013 (art. 9bis, loi du "
    f"2 avril 1965), M.B. 14/03/2014, art. 2 ({CHECKED}, vérifié)."
)
INQUIRY_SOCIAL_AID = (
    "Enquête sociale préalable : loi organique du 8 juillet 1976, art. 60, § 1er (« s'il est nécessaire »). "
    "Rapport social exigé par le CPAS pour toute aide (choix de l'administration, modifiable)."
)
HEARING_SOCIAL_AID = (
    "Audition avant une décision défavorable d'aide sociale : principe général de bonne administration (droits "
    "de la défense), non écrit dans la loi organique ; jurisprudence des juridictions du travail "
    f"(terralaboris.be, Trib. trav. Hainaut, div. Mons, 14/01/2020) ({CHECKED}, non vérifié sur le texte légal)."
)
HEARING_RI = (
    "article 20 de la loi du 26 mai 2002 concernant le droit à l'intégration sociale et article 7 de l'arrêté "
    "royal du 11 juillet 2002 portant règlement général en matière de droit à l'intégration sociale"
)
RI = "\n".join(
    [
        INQUIRY_RI,
        "Droit d'être entendu : informé par écrit en cours d'instruction ; sur demande écrite, le CPAS fixe le "
        "lieu et le moment ; la personne peut se faire assister ou représenter par une personne de son choix : "
        "loi du 26 mai 2002, art. 20, et arrêté royal du 11 juillet 2002, art. 7 (mi-is.be, FAQ « L'intéressé "
        f"a-t-il le droit d'être entendu » ; {CHECKED}, vérifié).",
        "PIIS obligatoire pour toute personne qui n'a pas bénéficié du droit à l'intégration sociale au cours des "
        "3 derniers mois, et pour les moins de 25 ans ; dispense pour raisons de santé ou d'équité : loi du 26 mai "
        "2002, art. 11 et 13, modifiée par la loi du 21 juillet 2016 (M.B. 02/08/2016), en vigueur le 01/11/2016 "
        f"(Wolters Kluwer, primabook.mi-is.be ; {CHECKED}, vérifié).",
        "PIIS conclu dans les 3 mois, délai de réflexion de 5 jours calendrier, au moins 3 évaluations par an : "
        "domain.md ; non vérifié sur le texte (une source secondaire cite une évaluation par trimestre). À "
        "corriger ici si besoin.",
        "Formulaire B (subvention de l'État) : délai de 45 jours, loi du 26 mai 2002, art. 21, § 6 (circulaire du "
        "4 août 2006) ; délai non lu dans le texte : non vérifié.",
    ]
)
ERI = "\n".join(
    [
        INQUIRY_1965,
        "Formulaire B1 dans les 45 jours de l'octroi de l'aide : loi du 2 avril 1965, art. 9, § 1er et 3 "
        f"(primabook.mi-is.be, « Calcul du hors-délai » ; {CHECKED}, vérifié).",
    ]
)
RULES = {
    "ri": {
        "home_visit_required": True,
        "piis_rule": True,
        "spp_form": "B",
        "spp_delay_days": 45,
        "hearing_legal_basis": HEARING_RI,
        "text": RI,
    },
    "eri": {"home_visit_required": True, "spp_form": "B1", "spp_delay_days": 45, "text": ERI},
}


def install(apps, schema_editor):
    AidType = apps.get_model("aid", "AidType")
    for aid_type in AidType.objects.all():
        rule = dict(RULES.get(aid_type.code, {}))
        text = rule.pop("text", "\n".join([INQUIRY_SOCIAL_AID, HEARING_SOCIAL_AID]))
        for name, value in rule.items():
            setattr(aid_type, name, value)
        aid_type.social_report_required = True
        aid_type.hearing_before_adverse = True
        aid_type.procedure_sources = text
        aid_type.save()


class Migration(migrations.Migration):
    dependencies = [("aid", "0004_procedure_rules")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
