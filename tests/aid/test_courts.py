"""The labour court named in a notification: the division whose cantons hold the person's domicile, at the
seat address valid on the letter's day (royal decree of 14 March 2014, art. 16, as amended in 2019)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from aid.courts import court_for_address, division_for
from aid.models import CantonCommune, CourtDivision, JudicialCanton
from aid.selectors import court_for

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 12, 1)

# Written by hand from art. 16 and the cantons of the Code judiciaire's annex (docs/legal-sources.md), not
# read from the catalogue: every postal code of the catalogue's area (Hainaut, 6000-6599 and 7000-7999).
EXPECTED = {
    "division de Charleroi": """
        6000 6001 6010 6020 6030 6031 6032 6040 6041 6042 6043 6044 6060 6061 6075 6099 6110 6111 6120 6140
        6141 6142
        6150 6180 6181 6182 6183 6200 6210 6211 6220 6221 6222 6223 6224 6230 6238 6240 6250 6280 6440 6441
        6460 6461 6462 6463 6464 6470 6500 6511 6530 6531 6532 6533 6534 6536 6540 6542 6543 6590 6591 6592
        6593 6594 6596""",
    "division de Binche": "6560 6567 7120 7130 7131 7133 7134 7140 7141 7160 7170 7180 7181",
    "division de Mons": """
        7000 7010 7011 7012 7020 7021 7022 7024 7030 7031 7032 7033 7034 7040 7041 7050 7080 7300 7301 7330
        7331 7332 7333 7334 7340 7350 7370 7380 7382 7387 7390 7870""",
    "division de La Louvière": "7060 7061 7062 7063 7070 7090 7100 7110 7190 7191",
    "division de Tournai": """
        7320 7321 7322 7500 7501 7502 7503 7504 7506 7510 7511 7512 7513 7520 7521 7522 7530 7531 7532 7533
        7534 7536 7538 7540 7542 7543 7548 7600 7601 7602 7603 7604 7608 7610 7611 7618 7620 7621 7622 7623
        7624 7640 7641 7642 7643 7730 7740 7742 7743 7750 7760 7800 7801 7802 7803 7804 7810 7811 7812 7822
        7823 7830 7850 7860 7861 7862 7863 7864 7866 7880 7890 7900 7901 7903 7904 7906 7910 7911 7912 7940
        7941 7942 7943 7950 7951 7970 7971 7972 7973""",
    "division de Mouscron": "7700 7711 7712 7780 7781 7782 7783 7784",
}
TABLE = [(code, division) for division, codes in EXPECTED.items() for code in codes.split()]


@pytest.mark.parametrize("postal_code, division", TABLE)
def test_every_postal_code_of_the_area_goes_to_the_division_of_its_canton(postal_code, division):
    assert division_for(postal_code, "", TODAY) == ("Tribunal du travail du Hainaut", division)


def test_the_catalogue_serves_no_code_the_table_does_not_expect():
    expected = {code for code, _ in TABLE}
    served = {
        str(code)
        for row in CantonCommune.objects.all()
        for code in range(6000, 8000)
        if row.serves(str(code))
    }
    assert served == expected


@pytest.mark.parametrize(
    "postal_code, city, division",
    [
        ("7060", "Soignies", "division de La Louvière"),  # not Mons, as every 70xx code once was
        ("7070", "Le Rœulx", "division de La Louvière"),
        ("7090", "Braine-le-Comte", "division de La Louvière"),
        ("7870", "Lens", "division de Mons"),  # once served by no division
        ("6230", "Pont-à-Celles", "division de Charleroi"),  # canton of Seneffe, but Charleroi's
        ("6560", "Erquelinnes", "division de Binche"),  # canton of Chimay, but Binche's
    ],
)
def test_the_exceptions_of_the_decree(postal_code, city, division):
    assert division_for(postal_code, city, TODAY)[1] == division


def test_mons_addresses_get_the_seat_in_rue_de_nimy():
    court = court_for("7000", TODAY)
    assert (court.division, court.address) == ("division de Mons", "rue de Nimy 70, 7000 Mons")


def test_binche_cases_are_heard_in_la_louviere():
    court = court_for("7130", TODAY, "Binche")
    assert court.division == "division de Binche"
    assert court.city == "La Louvière"
    assert "entendues à la division de La Louvière" in court.hearing_place


def test_a_move_of_the_mons_seat_applies_from_its_date():
    CourtDivision.objects.filter(division="division de Mons").update(valid_to=D(2027, 1, 31))
    CourtDivision.objects.create(
        court="Tribunal du travail du Hainaut",
        division="division de Mons",
        street="rue Verte 1",
        postal_code="7000",
        city="Mons",
        valid_from=D(2027, 2, 1),
    )
    assert court_for("7000", D(2027, 1, 31)).street == "rue de Nimy 70"
    assert court_for("7000", D(2027, 2, 1)).street == "rue Verte 1"
    assert court_for("7000", D(2019, 12, 31)) is None  # before the reformed cantons


@pytest.mark.parametrize("postal_code", ["1030", "", "70000", "abcd", "6600"])
def test_an_address_outside_the_area_names_no_court_and_says_what_to_complete(postal_code):
    answer = court_for_address(postal_code, "Ailleurs", TODAY)
    assert answer.division is None
    assert "Service juridique : faites ajouter cette commune et son code postal" in answer.problem
    assert "par un administrateur" in answer.problem
    assert "Cantons judiciaires" in answer.problem


def test_a_division_without_a_verified_seat_blocks_with_the_place_to_complete():
    answer = court_for_address("6000", "Charleroi", TODAY)
    assert answer.division is None
    assert "division de Charleroi du Tribunal du travail du Hainaut" in answer.problem
    assert "Tribunaux du travail" in answer.problem


def test_a_postal_code_shared_by_cantons_of_two_divisions_is_told_apart_by_the_locality():
    # Synthetic: a code shared by a commune of a Mons canton and one of a La Louvière canton.
    for name, division, commune, localities in [
        ("Canton A", "division de Mons", "Commune A", "Village Un"),
        ("Canton B", "division de La Louvière", "Commune B", "Village Deux, Hameau-Trois"),
    ]:
        canton = JudicialCanton.objects.create(name=name, division=division, valid_from=D(2020, 1, 1))
        CantonCommune.objects.create(
            canton=canton, commune=commune, postal_codes="7999", localities=localities
        )
    assert court_for("7999", TODAY, "Village un").division == "division de Mons"
    assert court_for("7999", TODAY, "hameau trois").division == "division de La Louvière"
    assert court_for("7999", TODAY, "Commune B").division == "division de La Louvière"
    answer = court_for_address("7999", "Ailleurs", TODAY)
    assert answer.division is None
    assert "partagé par des communes de cantons différents" in answer.problem
    assert "Commune A (Canton A, division de Mons)" in answer.problem


def test_unreadable_postal_codes_are_refused_in_french():
    row = CantonCommune.objects.get(commune="Mons")
    row.postal_codes = "7000-7099, Mons"
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.messages == [
        "« Mons » n'est ni un code postal à quatre chiffres ni une plage comme 7000-7099."
    ]
