"""The divisions of the Tribunal du travail du Hainaut and the cantons (with their communes and postal codes)
each one serves, editable afterwards in the administration. See docs/legal-sources.md, "Labour courts".

The data is written here, not imported from the app. update_or_create by name: running it again gives the
same rows. Reversing it keeps the rows (an admin may have edited them).

A division whose seat address could not be verified gets no seat row: a letter for an address it serves is
blocked and tells the legal service to complete the address in the administration.
"""

import datetime

from django.db import migrations

COURT = "Tribunal du travail du Hainaut"
CHECKED = "consulté le 01/12/2026"
ART16 = (
    "AR du 14 mars 2014 relatif à la répartition en divisions (MB 24/03/2014), art. 16 tel que modifié par "
    "l'AR du 20 janvier 2019, cité sur le site du tribunal (tribunaux-rechtbanken.be, Tribunal du travail du "
    f"Hainaut, « Limites territoriales »), {CHECKED}"
)
POSTAL_CODES = (
    "Codes postaux des communes : jeu de données public dérivé de Statbel / OpenDataSoft "
    f"« georef-belgium-postal-codes » (liste bpost elle-même non consultée), {CHECKED}"
)
ANNEX = (
    "Code judiciaire, annexe, section 11 (Province du Hainaut) après la loi du 25 décembre 2017 réformant les "
    f"cantons judiciaires (MB 29/12/2017), citée sur tribunaux-rechtbanken.be (Justice de paix de Thuin), {CHECKED}"
)
UNVERIFIED = (
    "NON VÉRIFIÉ : le texte de l'art. 16 pour cette division n'a pas pu être lu ; rattachement déduit des "
    "anciens arrondissements judiciaires et de la réforme des cantons."
)
# The reformed cantons exist at the latest on 1 January 2020 (loi du 25 décembre 2017, art. 51, § 2).
CANTONS_FROM = datetime.date(2020, 1, 1)
HAINAUT_FROM = datetime.date(2014, 4, 1)  # the Hainaut court and its divisions (judicial map reform)

# (canton, division, verified, [(commune, postal codes)])
CANTONS = [
    (
        "Beaumont-Chimay-Merbes-le-Château (sauf Erquelinnes et Merbes-le-Château)",
        "division de Charleroi",
        True,
        [
            ("Beaumont", "6500, 6511"),
            ("Chimay", "6460-6464"),
            ("Froidchapelle", "6440-6441"),
            ("Momignies", "6590-6594, 6596"),
            ("Sivry-Rance", "6470"),
        ],
    ),
    (
        "Charleroi (quatre cantons)",
        "division de Charleroi",
        True,
        [
            ("Charleroi", "6000, 6001, 6010, 6020, 6030-6032, 6040-6044, 6060, 6061"),
            ("Courcelles", "6180-6183"),
            ("Fleurus", "6075, 6099, 6220-6224"),
            ("Fontaine-l'Évêque", "6140-6142"),
            ("Les Bons Villers", "6210, 6211"),
        ],
    ),
    (
        "Châtelet",
        "division de Charleroi",
        True,
        [("Aiseau-Presles", "6250"), ("Châtelet", "6200"), ("Farciennes", "6240"), ("Gerpinnes", "6280")],
    ),
    (
        "Thuin",
        "division de Charleroi",
        True,
        [
            ("Anderlues", "6150"),
            ("Ham-sur-Heure-Nalinnes", "6120"),
            ("Lobbes", "6540, 6542, 6543"),
            ("Montigny-le-Tilleul", "6110, 6111"),
            ("Thuin", "6530-6534, 6536"),
        ],
    ),
    ("Seneffe (Pont-à-Celles)", "division de Charleroi", True, [("Pont-à-Celles", "6230, 6238")]),
    (
        "Beaumont-Chimay-Merbes-le-Château (Erquelinnes et Merbes-le-Château)",
        "division de Binche",
        True,
        [("Erquelinnes", "6560"), ("Merbes-le-Château", "6567")],
    ),
    (
        "Binche",
        "division de Binche",
        True,
        [("Binche", "7130, 7131, 7133, 7134"), ("Estinnes", "7120"), ("Morlanwelz", "7140, 7141")],
    ),
    (
        "Seneffe (sauf Pont-à-Celles)",
        "division de Binche",
        True,
        [("Chapelle-lez-Herlaimont", "7160"), ("Manage", "7170"), ("Seneffe", "7180, 7181")],
    ),
    (
        "Saint-Ghislain, Boussu, Hensies, Honnelles, Quaregnon et Quiévrain",
        "division de Mons",
        False,
        [
            ("Boussu", "7300, 7301"),
            ("Hensies", "7350"),
            ("Honnelles", "7387"),
            ("Quaregnon", "7390"),
            ("Quiévrain", "7380, 7382"),
            ("Saint-Ghislain", "7330-7334"),
        ],
    ),
    (
        "Mons et Dour-Colfontaine",
        "division de Mons",
        False,
        [
            ("Colfontaine", "7340"),
            ("Dour", "7370"),
            ("Frameries", "7080"),
            ("Jurbise", "7050"),
            ("Lens", "7870"),
            ("Mons", "7000, 7010-7012, 7020-7022, 7024, 7030-7034"),
            ("Quévy", "7040, 7041"),
        ],
    ),
    ("La Louvière", "division de La Louvière", False, [("La Louvière", "7100, 7110")]),
    (
        "Soignies",
        "division de La Louvière",
        False,
        [
            ("Braine-le-Comte", "7090"),
            ("Écaussinnes", "7190, 7191"),
            ("Le Rœulx", "7070"),
            ("Soignies", "7060-7063"),
        ],
    ),
    (
        "Ath",
        "division de Tournai",
        False,
        [
            ("Ath", "7800-7804, 7810-7812, 7822, 7823"),
            ("Brugelette", "7940-7943"),
            ("Chièvres", "7950, 7951"),
            ("Ellezelles", "7890"),
            ("Enghien", "7850"),
            ("Flobecq", "7880"),
            ("Lessines", "7860-7864, 7866"),
            ("Silly", "7830"),
        ],
    ),
    (
        "Leuze-en-Hainaut",
        "division de Tournai",
        False,
        [
            ("Belœil", "7970-7973"),
            ("Bernissart", "7320-7322"),
            ("Leuze-en-Hainaut", "7900, 7901, 7903, 7904, 7906"),
            ("Péruwelz", "7600-7604, 7608"),
        ],
    ),
    (
        "Tournai (deux cantons)",
        "division de Tournai",
        False,
        [
            ("Antoing", "7640-7643"),
            ("Brunehaut", "7620-7624"),
            ("Celles", "7760"),
            ("Estaimpuis", "7730"),
            ("Frasnes-lez-Anvaing", "7910-7912"),
            ("Mont-de-l'Enclus", "7750"),
            ("Pecq", "7740, 7742, 7743"),
            ("Rumes", "7610, 7611, 7618"),
            (
                "Tournai",
                "7500-7504, 7506, 7510-7513, 7520-7522, 7530-7534, 7536, 7538, 7540, 7542, 7543, 7548",
            ),
        ],
    ),
    (
        "Mouscron",
        "division de Mouscron",
        False,
        [("Comines-Warneton", "7780-7784"), ("Mouscron", "7700, 7711, 7712")],
    ),
]

SEATS = [
    {
        "division": "division de Mons",
        "valid_from": HAINAUT_FROM,
        "defaults": {
            "street": "rue de Nimy 70",
            "postal_code": "7000",
            "city": "Mons",
            "hearing_place": "",
            "source": (
                "Archives de l'État (inventaire AEM.05.150, 2018 : siège rue de Nimy 70) ; un déménagement "
                "provisoire rue des Trois Boudins puis définitif rue Verte (début 2027 ?) a été annoncé par la "
                "Régie des Bâtiments (presse régionale, date et numéro NON VÉRIFIÉS) : à chaque déménagement, "
                f"fermer cette ligne la veille et en ajouter une nouvelle. {CHECKED}"
            ),
        },
    },
    {
        "division": "division de La Louvière",
        "valid_from": HAINAUT_FROM,
        "defaults": {
            "street": "rue des Carrelages 16",
            "postal_code": "7100",
            "city": "La Louvière",
            "hearing_place": "",
            "source": (
                "Archives de l'État (inventaire AEM.05.150 : section de La Louvière, rue des Carrelages 16) ; "
                f"adresse actuelle NON VÉRIFIÉE. {CHECKED}"
            ),
        },
    },
    {
        "division": "division de Binche",
        "valid_from": HAINAUT_FROM,
        "defaults": {
            "street": "rue des Carrelages 16",
            "postal_code": "7100",
            "city": "La Louvière",
            "hearing_place": (
                "Les affaires de revenu d'intégration et d'aide sociale de la division de Binche sont traitées "
                "et entendues à la division de La Louvière."
            ),
            "source": (
                "tribunaux-rechtbanken.be, Tribunal du travail du Hainaut (bâtiment de Binche fermé ; sécurité "
                f"sociale, aide sociale et RI traités et entendus à La Louvière), {CHECKED}"
            ),
        },
    },
]


def install(apps, schema_editor):
    CourtDivision = apps.get_model("aid", "CourtDivision")
    JudicialCanton = apps.get_model("aid", "JudicialCanton")
    CantonCommune = apps.get_model("aid", "CantonCommune")
    for seat in SEATS:
        CourtDivision.objects.update_or_create(court=COURT, **seat)
    for name, division, verified, communes in CANTONS:
        canton, _ = JudicialCanton.objects.update_or_create(
            name=name,
            court=COURT,
            valid_from=CANTONS_FROM,
            defaults={
                "division": division,
                "source": f"{ART16} ; {ANNEX} ; {POSTAL_CODES}" if verified else f"{UNVERIFIED} {POSTAL_CODES}",
            },
        )
        for commune, codes in communes:
            CantonCommune.objects.update_or_create(
                canton=canton, commune=commune, defaults={"postal_codes": codes}
            )


class Migration(migrations.Migration):
    dependencies = [("aid", "0004_courts_by_canton")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
