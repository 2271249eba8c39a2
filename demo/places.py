"""Addresses in Mons (its sections and their postal codes) and in nearby communes people move from.

Street names sound like those of Mons; house numbers are drawn at random, so no address points at anyone.
Each section of Mons belongs to the CPAS antenne that serves it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CENTRE, JEMAPPES, CUESMES, NIMY = (
    "Antenne Mons-Centre",
    "Antenne Jemappes",
    "Antenne Cuesmes",
    "Antenne Nimy",
)


@dataclass(frozen=True)
class Locality:
    postal_code: str
    name: str
    antenne: str
    weight: float
    streets: tuple[str, ...]


MONS_CENTRE_STREETS = (
    "Grand-Place",
    "rue de Nimy",
    "rue d'Havré",
    "rue de la Chaussée",
    "boulevard Dolez",
    "avenue de Jemappes",
    "rue du Onze Novembre",
    "chaussée de Binche",
    "rue de Bertaimont",
    "rue des Arbalestriers",
    "rue des Capucins",
    "rue de la Grande Triperie",
    "rue des Fripiers",
    "rue d'Enghien",
    "boulevard Kennedy",
    "avenue Reine Astrid",
    "rue du Joncquois",
    "rue de la Halle",
    "rue Rogier",
    "rue des Tuileries",
    "rue Lamir",
    "avenue du Tir",
    "rue Verte",
    "rue Chisaire",
    "rue Notre-Dame",
    "rue des Marcottes",
    "place Nervienne",
    "rue Samson",
    "rue Terre du Prince",
    "boulevard Sainctelette",
    "boulevard Albert-Élisabeth",
    "avenue Frère-Orban",
    "rue de la Clef",
    "rue d'Houdain",
    "rue des Dominicains",
    "rue du Hautbois",
    "rue Neuve",
    "chaussée du Rœulx",
    "avenue Maistriau",
    "rue des Sœurs Noires",
    "rue Grande Triperie",
    "rue de Ghlin",
)

MONS: tuple[Locality, ...] = (
    Locality("7000", "Mons", CENTRE, 40, MONS_CENTRE_STREETS),
    Locality(
        "7011",
        "Ghlin",
        JEMAPPES,
        6,
        (
            "rue de Mons",
            "rue du Temple",
            "place de Ghlin",
            "rue de Baudour",
            "rue de la Gare",
            "rue des Écoles",
        ),
    ),
    Locality(
        "7012",
        "Jemappes",
        JEMAPPES,
        11,
        (
            "avenue Roi Albert",
            "rue Ferrer",
            "place de Jemappes",
            "rue du Gouvernement",
            "rue de la Station",
            "rue Jean Jaurès",
            "rue du Chemin de fer",
            "rue Émile Vandervelde",
        ),
    ),
    Locality(
        "7012",
        "Flénu",
        JEMAPPES,
        4,
        ("rue de Flénu", "rue du Coq", "cité du Coq", "rue de la Cité", "rue de Quaregnon"),
    ),
    Locality(
        "7020",
        "Nimy",
        NIMY,
        5,
        ("rue Mouzin", "rue de Mons", "rue des Sarts", "rue Saint-Antoine", "place de Nimy", "rue de Ghlin"),
    ),
    Locality("7020", "Maisières", NIMY, 2, ("rue du Canal", "rue de la Fontaine", "chaussée Brunehault")),
    Locality("7021", "Havré", NIMY, 2, ("rue de la Cure", "rue Fontaine Gaillarde", "rue du Château")),
    Locality(
        "7022",
        "Hyon",
        CUESMES,
        4,
        ("rue Grande", "avenue du Bois de Mons", "rue des Ailes", "chemin de la Procession"),
    ),
    Locality("7022", "Mesvin", CUESMES, 1, ("rue de Mesvin", "chaussée de Maubeuge")),
    Locality("7022", "Nouvelles", CUESMES, 1, ("rue du Bois", "rue de l'Église")),
    Locality("7022", "Harmignies", CUESMES, 1, ("rue du Village", "chaussée de Beaumont")),
    Locality("7022", "Harveng", CUESMES, 1, ("rue d'Harveng", "rue de la Place")),
    Locality("7024", "Ciply", CUESMES, 1, ("rue du Ciply", "route de Maubeuge", "rue Saint-Pierre")),
    Locality(
        "7030",
        "Saint-Symphorien",
        NIMY,
        3,
        ("chaussée de Binche", "rue de la Ferme", "rue du Cimetière militaire"),
    ),
    Locality("7031", "Villers-Saint-Ghislain", CUESMES, 1, ("rue de Saint-Ghislain", "rue Bas-Bois")),
    Locality("7032", "Spiennes", CUESMES, 1, ("rue d'en Bas", "rue des Minières")),
    Locality(
        "7033",
        "Cuesmes",
        CUESMES,
        9,
        (
            "rue de l'Église",
            "rue du Pont Canal",
            "rue Ferrer",
            "rue Vincent Van Gogh",
            "rue des Chaufours",
            "avenue Dolez",
            "rue du Tir",
        ),
    ),
    Locality("7034", "Obourg", NIMY, 2, ("rue de la Station", "rue de Saint-Denis", "rue des Pêcheurs")),
    Locality("7034", "Saint-Denis", NIMY, 1, ("rue de l'Abbaye", "rue du Moulin")),
)
MONS_POSTAL_CODES = frozenset(loc.postal_code for loc in MONS)

# Where people lived before coming to Mons (previous addresses only).
ELSEWHERE: tuple[Locality, ...] = (
    Locality("7300", "Boussu", "", 3, ("rue de Mons", "rue Grande", "place de Boussu")),
    Locality("7390", "Quaregnon", "", 3, ("rue de Monsville", "rue Paul Pastur", "place du Sud")),
    Locality("7080", "Frameries", "", 3, ("rue de la Libération", "rue Ferrer", "rue des Alliés")),
    Locality("7330", "Saint-Ghislain", "", 2, ("rue de Tournai", "rue du Port", "avenue de l'Enseignement")),
    Locality("7100", "La Louvière", "", 2, ("rue Albert Ier", "rue Kéramis", "chaussée de Mons")),
    Locality("6000", "Charleroi", "", 2, ("rue de la Montagne", "boulevard Tirou", "rue de Marcinelle")),
    Locality("1070", "Anderlecht", "", 1, ("chaussée de Mons", "rue Wayez", "rue de Fiennes")),
    Locality(
        "1030",
        "Schaerbeek",
        "",
        1,
        ("avenue Louis Bertrand", "chaussée de Haecht", "rue Royale Sainte-Marie"),
    ),
    Locality("4000", "Liège", "", 1, ("rue Saint-Gilles", "rue Féronstrée", "boulevard de la Sauvenière")),
    Locality("7500", "Tournai", "", 1, ("rue Royale", "rue de Courtrai", "quai Notre-Dame")),
    Locality("7060", "Soignies", "", 1, ("rue de la Station", "chaussée du Rœulx", "rue Neuve")),
)

# Reference address (adresse de référence) of people without a home: at the CPAS.
CPAS_REFERENCE = {"street": "rue de Bertaimont", "number": "1", "postal_code": "7000", "city": "Mons"}


def pick_locality(rng: random.Random, places: tuple[Locality, ...] = MONS) -> Locality:
    return rng.choices(places, weights=[p.weight for p in places])[0]


def house(rng: random.Random) -> tuple[str, str]:
    """(number, box): most houses have no box; flats in town have one."""
    number = str(rng.choice([rng.randint(1, 40), rng.randint(1, 180), rng.randint(1, 320)]))
    if rng.random() < 0.08:
        number += rng.choice("ABC")
    box = ""
    if rng.random() < 0.3:
        box = rng.choice([str(rng.randint(1, 12)), rng.choice(["A", "B", "RC"])])
    return number, box


def address(rng: random.Random, locality: Locality) -> dict[str, str]:
    number, box = house(rng)
    return {
        "street": rng.choice(locality.streets),
        "number": number,
        "box": box,
        "postal_code": locality.postal_code,
        "city": locality.name,
    }
