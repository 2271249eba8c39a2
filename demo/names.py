"""Name lists for synthetic people of the Mons region: common Walloon names and those of the communities
that settled in the Borinage and Mons (Italian miners' families, Moroccan, Turkish, Congolese, more recently
Syrian, Romanian, Ukrainian). Combinations are drawn at random: they belong to nobody.

Each community says which nationalities its members hold (with a residence status), which languages they
speak at the CPAS and how often they have a BIS number instead of a NISS.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


def _split(text: str) -> list[str]:
    return text.split()


WALLOON_SURNAMES = _split(
    "Dubois Lambert Martin Dupont Leclercq Lejeune Renard Lefèvre Leroy Lemaire Hubert Simon Laurent "
    "Dumont Denis Michel Mathieu François Dufour Legrand Gérard Delhaye Lecomte Deprez Mercier "
    "Cornet Delvaux Dethier Lardinois Collard Bodart Delcourt Dehon Demoustier Waterlot Lenoir "
    "Fontaine Carlier Delattre Wallez Godart Tilmant Marchal Noël Dumortier Lebrun Piérard "
    "Stiévenart Hennebert Duquesne Wiart Delplace Moreau Roland Hanotiau Descamps Delfosse Charlier "
    "Lecocq Masset Gilson Brasseur Huart Losseau Mahieu Leblanc Paquet Pirson Dupuis Georges "
    "Delporte Delcroix Boulanger Dufrasne Hanot Legros Mouton Sauvage Delmotte Godefroid Dereume "
    "Colin Lheureux Tondeur Debève Ghislain Bériot Dieu Lefèbvre Hecquet Demaret Quertinmont "
    "Dubrulle Bauduin Delmée Wéry Capouillez Lhoir"
)
# Surnames of two words cannot be split on spaces: listed apart.
WALLOON_SURNAMES += [
    "Van Hoorde",
    "De Coster",
    "Saint-Amand",
    "Lebrun-Delvaux",
]

FLEMISH_SURNAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Broeck",
    "Vandenberghe",
    "De Backer",
    "Verstraete",
    "Hermans",
    "Van Damme",
    "Declercq",
    "D'Hondt",
    "Verhaegen",
]
ITALIAN_SURNAMES = [
    "Di Santo",
    "Russo",
    "Esposito",
    "Romano",
    "Colombo",
    "Bruno",
    "Ricci",
    "Marino",
    "Greco",
    "Lombardo",
    "Conti",
    "De Luca",
    "Costa",
    "Giordano",
    "Mancini",
    "Rizzo",
    "Lorusso",
    "Caruso",
    "Ferrara",
    "Di Stefano",
    "D'Alessandro",
    "Lo Presti",
    "Sciortino",
    "Pellegrino",
    "Cannella",
    "Mazzola",
    "Di Marco",
    "Santoro",
    "La Rocca",
    "Bellomo",
    "Messina",
    "Vitale",
    "Cataldo",
    "Amato",
    "Gentile",
]
FRENCH_SURNAMES = [
    "Girard",
    "Roux",
    "Fournier",
    "Bonnet",
    "Chevalier",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Boyer",
    "Perrin",
    "Lefebvre",
    "Morel",
]
MOROCCAN_SURNAMES = [
    "El Amrani",
    "Benali",
    "Bouzid",
    "El Khattabi",
    "Aït Ouali",
    "Ouahbi",
    "Amrani",
    "Bakkali",
    "El Idrissi",
    "Chaouki",
    "Belhaj",
    "Azzouzi",
    "El Moussaoui",
    "Boukhari",
    "Tahiri",
    "Bennani",
    "Haddouchi",
    "Lahlou",
    "El Ouardi",
    "Ziani",
    "Rachidi",
    "Zerouali",
    "El Hamdaoui",
    "Meziane",
    "Aouragh",
]
TURKISH_SURNAMES = [
    "Yilmaz",
    "Demir",
    "Kaya",
    "Çelik",
    "Şahin",
    "Öztürk",
    "Aydin",
    "Arslan",
    "Doğan",
    "Koç",
    "Güler",
    "Erdem",
    "Polat",
    "Aksoy",
    "Uçar",
    "Keskin",
    "Bulut",
    "Tekin",
    "Özdemir",
    "Yildiz",
]
CONGOLESE_SURNAMES = [
    "Nkulu-Mbaya",
    "Kabongo",
    "Mukendi",
    "Tshibangu",
    "Ilunga",
    "Kalonji",
    "Mbuyi",
    "Lukusa",
    "Kasongo",
    "Mulumba",
    "Ngoy",
    "Kazadi",
    "Mputu",
    "Lumbala",
    "Nsimba",
    "Makiese",
    "Mavungu",
    "Kanku",
    "Tshimanga",
    "Mwamba",
    "Mbala-Nzinga",
    "Kabeya",
    "Numbi",
]
SYRIAN_SURNAMES = [
    "Al-Hassan",
    "Haddad",
    "Khalil",
    "Al-Ahmad",
    "Hamdan",
    "Al-Khatib",
    "Nasser",
    "Darwish",
    "Al-Ali",
    "Suleiman",
    "Mansour",
    "Al-Hussein",
    "Kassab",
    "Al-Omar",
    "Hijazi",
]
ROMANIAN_SURNAMES = [
    "Popescu",
    "Ionescu",
    "Dumitru",
    "Stoica",
    "Constantin",
    "Stan",
    "Gheorghe",
    "Munteanu",
    "Radu",
    "Marinescu",
    "Moldovan",
    "Popa",
    "Lungu",
    "Rusu",
    "Tănase",
]
UKRAINIAN_SURNAMES = [
    "Shevchenko",
    "Kovalenko",
    "Bondarenko",
    "Tkachenko",
    "Kravchenko",
    "Melnyk",
    "Boyko",
    "Oliynyk",
    "Lysenko",
    "Marchenko",
    "Savchenko",
    "Rudenko",
    "Moroz",
    "Petrenko",
    "Kovalchuk",
]


# First names: (male born before 1970, male born from 1970, female before 1970, female from 1970).
WALLOON_FIRST = (
    _split(
        "Jean-Pierre Jean-Marie Michel André Jacques Daniel Alain Philippe Patrick Christian Guy Serge "
        "Marcel Claude Roger Francis José Freddy Willy Ghislain Raymond Didier Pierre Jean-Claude Marc "
        "Luc Thierry"
    ),
    _split(
        "Kevin Dylan Jonathan Maxime Nicolas Julien Sébastien Grégory Jérémy Anthony Steve Thomas Loïc "
        "Cédric Mickaël Nathan Lucas Hugo Théo Arthur Louis Noah Benjamin Gaëtan Bryan Quentin François "
        "Jérôme"
    ),
    _split(
        "Marie-Claire Josiane Francine Monique Christiane Nicole Jacqueline Annie Martine Danielle "
        "Marie-Thérèse Colette Micheline Ginette Bernadette Nadine Chantal Brigitte Françoise Anne-Marie "
        "Mireille Viviane Ghislaine Béatrice Hélène"
    ),
    _split(
        "Jessica Mélissa Stéphanie Sabrina Vanessa Laetitia Céline Audrey Sarah Amandine Océane Manon Emma "
        "Louise Léa Chloé Camille Morgane Jennifer Cindy Aurélie Élodie Noémie Laura Maëlle Lina Hélène"
    ),
)
FLEMISH_FIRST = (
    _split("Jan Pieter Wim Koen Bart Dirk Luc Geert Marc Eddy"),
    _split("Tom Jens Wout Stijn Joris Ruben Kevin Sander Bram Thomas"),
    _split("Marleen Hilde Rita Godelieve Mia Lieve Annemie Greta"),
    _split("An Els Katrien Sofie Lies Eline Lotte Fien Nele Ine"),
)
ITALIAN_FIRST = (
    _split("Giuseppe Salvatore Antonio Vincenzo Giovanni Francesco Rocco Angelo Mario Domenico Calogero"),
    _split("Luca Marco Alessandro Matteo Fabio Giuseppe Antonio Massimo Davide Enzo"),
    _split("Maria Giuseppina Rosa Carmela Anna Concetta Angela Rosaria Lucia Filomena Santina"),
    _split("Giulia Francesca Sara Chiara Valentina Maria Laura Alessia Sonia Rosaria"),
)
MOROCCAN_FIRST = (
    _split("Mohamed Ahmed Mustapha Abdelkader Driss Abdellah Hassan Larbi Mimoun Allal"),
    _split("Rachid Karim Youssef Saïd Omar Mehdi Bilal Ayoub Anas Ilyas Hamza Soufiane Nordine Zakaria"),
    _split("Fatima Khadija Aïcha Malika Naïma Zohra Rahma Yamina Mimouna"),
    _split("Samira Latifa Nadia Fatiha Zineb Salma Imane Yasmina Hanane Siham Meryem Souad Houda Loubna"),
)
TURKISH_FIRST = (
    _split("Mehmet Mustafa Ahmet Ali Hüseyin Hasan Ibrahim Osman Ismail"),
    _split("Emre Burak Murat Kemal Yusuf Serkan Volkan Onur Tolga Mert"),
    _split("Ayşe Fatma Emine Hatice Zeynep Hanife Şerife Gülsüm"),
    _split("Elif Merve Özlem Derya Esra Gül Sibel Büşra Hülya Tuğba"),
)
CONGOLESE_FIRST = (
    _split("Jean-Claude Joseph Christian Didier Serge Dieudonné Albert Faustin Mathieu"),
    _split("Patrick Papy Junior Trésor Glody Héritier Fiston Blaise Jonathan Christ Exaucé"),
    _split("Marie Chantal Bénédicte Josée Solange Angélique Véronique Thérèse"),
    _split("Grâce Sarah Nathalie Divine Esther Ruth Gloria Merveille Christelle Laetitia Prisca"),
)
SYRIAN_FIRST = (
    _split("Mohammad Ahmad Khaled Mahmoud Hussein Abdulrahman Walid Adnan"),
    _split("Omar Ali Yousef Rami Bassel Samer Firas Tarek Karam"),
    _split("Fatima Amal Samira Mariam Najwa Huda"),
    _split("Rania Hiba Noor Lina Rasha Dima Yasmin Reem Salam Hala"),
)
ROMANIAN_FIRST = (
    _split("Ion Gheorghe Vasile Constantin Nicolae Dumitru"),
    _split("Mihai Florin Adrian Marian Ionuț Cristian Andrei Alexandru Daniel"),
    _split("Maria Elena Ioana Viorica Floarea Aurelia"),
    _split("Mihaela Andreea Florentina Gabriela Alina Cristina Daniela Ana Georgiana"),
)
UKRAINIAN_FIRST = (
    _split("Mykola Volodymyr Vasyl Petro Yuriy Ivan"),
    _split("Oleksandr Andriy Serhiy Dmytro Taras Bohdan Maksym Artem"),
    _split("Halyna Nadiya Liudmyla Valentyna Tamara"),
    _split("Olena Tetiana Nataliia Iryna Oksana Svitlana Yulia Kateryna Anastasiia Mariia Viktoriia"),
)


@dataclass(frozen=True)
class Community:
    """Where a synthetic person's names come from, and the papers and language that usually go with them."""

    key: str
    weight: float
    surnames: list[str]
    first_names: tuple[list[str], list[str], list[str], list[str]]
    # (country code, residence status, weight); residence statuses are people.models.Person.ResidenceStatus.
    papers: list[tuple[str, str, float]]
    # (language code, weight)
    languages: list[tuple[str, float]] = field(default_factory=lambda: [("fr", 1.0)])
    # Young members born in Belgium often carry Walloon first names: share of first names drawn from those.
    walloon_first_share: float = 0.0
    second_first_name: float = 0.0


COMMUNITIES = [
    Community("wallon", 50, WALLOON_SURNAMES, WALLOON_FIRST, [("BE", "belgian", 1)], second_first_name=0.35),
    Community(
        "flamand",
        4,
        FLEMISH_SURNAMES,
        FLEMISH_FIRST,
        [("BE", "belgian", 1)],
        [("nl", 0.4), ("fr", 0.6)],
        second_first_name=0.2,
    ),
    Community(
        "italien",
        11,
        ITALIAN_SURNAMES,
        ITALIAN_FIRST,
        [("BE", "belgian", 0.75), ("IT", "eu", 0.25)],
        walloon_first_share=0.45,
        second_first_name=0.2,
    ),
    Community(
        "français",
        3,
        FRENCH_SURNAMES,
        WALLOON_FIRST,
        [("FR", "eu", 0.8), ("BE", "belgian", 0.2)],
        second_first_name=0.3,
    ),
    Community(
        "marocain",
        10,
        MOROCCAN_SURNAMES,
        MOROCCAN_FIRST,
        [
            ("BE", "belgian", 0.55),
            ("MA", "unlimited", 0.22),
            ("MA", "limited", 0.13),
            ("MA", "irregular", 0.1),
        ],
        [("fr", 0.9), ("other", 0.1)],
        walloon_first_share=0.15,
    ),
    Community(
        "turc",
        5,
        TURKISH_SURNAMES,
        TURKISH_FIRST,
        [
            ("BE", "belgian", 0.5),
            ("TR", "unlimited", 0.3),
            ("TR", "limited", 0.15),
            ("TR", "irregular", 0.05),
        ],
        [("fr", 0.7), ("other", 0.3)],
    ),
    Community(
        "congolais",
        7,
        CONGOLESE_SURNAMES,
        CONGOLESE_FIRST,
        [
            ("BE", "belgian", 0.45),
            ("CD", "unlimited", 0.15),
            ("CD", "refugee", 0.15),
            ("CD", "asylum_seeker", 0.1),
            ("CD", "irregular", 0.15),
        ],
    ),
    Community(
        "syrien",
        4,
        SYRIAN_SURNAMES,
        SYRIAN_FIRST,
        [("SY", "refugee", 0.6), ("SY", "subsidiary", 0.25), ("BE", "belgian", 0.15)],
        [("other", 0.5), ("fr", 0.4), ("en", 0.1)],
    ),
    Community(
        "roumain",
        3,
        ROMANIAN_SURNAMES,
        ROMANIAN_FIRST,
        [("RO", "eu", 1)],
        [("fr", 0.5), ("other", 0.4), ("en", 0.1)],
    ),
    Community(
        "ukrainien",
        3,
        UKRAINIAN_SURNAMES,
        UKRAINIAN_FIRST,
        # Temporary protection (2022-): a limited stay.
        [("UA", "limited", 1)],
        [("other", 0.6), ("en", 0.2), ("fr", 0.2)],
    ),
]
COMMUNITY = {c.key: c for c in COMMUNITIES}
# Real public figures of Mons whose name a random draw could rebuild: never generated.
AVOIDED = {("Martin", "Nicolas")}


def weighted(rng: random.Random, pairs):
    """Pick the first item of one of (item, ..., weight) tuples, by weight."""
    items = list(pairs)
    return rng.choices(items, weights=[p[-1] for p in items])[0]


def pick_community(rng: random.Random) -> Community:
    return rng.choices(COMMUNITIES, weights=[c.weight for c in COMMUNITIES])[0]


def first_name(rng: random.Random, community: Community, sex: str, birth_year: int) -> str:
    young = birth_year >= 1970
    index = (0 if sex == "M" else 2) + (1 if young else 0)
    pool = community.first_names[index]
    if young and rng.random() < community.walloon_first_share:
        pool = WALLOON_FIRST[index]
    name = rng.choice(pool)
    if rng.random() < community.second_first_name:
        second = rng.choice(community.first_names[index - 1 if young else index + 1])
        if second != name:
            name = f"{name} {second}"
    return name


def full_name(rng: random.Random, community: Community, sex: str, birth_year: int) -> tuple[str, str]:
    """(last name, first names) drawn from the community's lists."""
    while True:
        last = rng.choice(community.surnames)
        first = first_name(rng, community, sex, birth_year)
        if (last, first.split()[0]) not in AVOIDED:
            return last, first
