"""Golden letters: every letter kind and decision outcome, generated through letters.services.generate, read
back from the PDF, carries every mention the law requires, in words that agree with the reader's sex.

Set GOLDEN_DIR to keep the PDFs (to look at them: pdftoppm -png -r 60).
"""

import datetime
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from aid.models import AidType
from files.models import AidRequest
from letters import services
from letters.models import Kind, LegalText, Letterhead
from people.models import Address
from tests.factories import PersonFactory, SocialFileFactory
from tests.letters.conftest import decide, letter_text
from tests.meetings import add_to_agenda, body_for, meeting_today
from tests.workflow.steps.conftest import make_proposal
from workflow import services as workflow_services
from workflow.declaration import State
from workflow.forms import prefill
from workflow.models import Hearing
from workflow.notification import build

pytestmark = pytest.mark.django_db

FACTS = "Vous vivez seul et vos ressources sont nulles."
LAW = "Article 3 de la loi du 26 mai 2002."


@pytest.fixture(autouse=True)
def letterhead(team):
    team.phone = "065 40 00 00"
    team.email = "centre@cpas-mons.example"
    team.opening_hours = "du lundi au vendredi, de 8 h 30 à 12 h"
    team.address = "rue de Bertaimont 1, 7000 Mons"
    team.save()
    return Letterhead.objects.create(
        name="CPAS de Mons",
        address="Rue de Bertaimont 1\n7000 Mons",
        place="Mons",
        president_name="Nadia Vermeulen",
        director_name="Jean Lambot",
    )


@pytest.fixture
def man(team, worker):
    person = PersonFactory(last_name="Leroy", first_names="Marc", sex="M")
    Address.objects.create(
        person=person,
        street="Rue d'Havré",
        number="5",
        postal_code="7000",
        city="Mons",
        valid_from="2020-01-01",
    )
    return SocialFileFactory(team=team, primary_worker=worker, beneficiary=person, reference="2026/00043")


@pytest.fixture
def woman(file):
    file.beneficiary.sex = "F"
    file.beneficiary.save()
    return file


def request_for(file, aid="financial"):
    return AidRequest.objects.create(
        file=file, aid=aid, requested_on=datetime.date(2026, 11, 2), registered_by=file.primary_worker
    )


def generate(kind, file, who, **source) -> str:
    letter = services.generate(actor=who, kind=kind, file=file, **source)
    text = letter_text(letter)
    if folder := os.environ.get("GOLDEN_DIR"):
        with letter.pdf.open("rb") as pdf:
            Path(folder, f"{kind}-{file.reference.replace('/', '-')}-{letter.code}.pdf").write_bytes(
                pdf.read()
            )
    assert letter.code in text
    return text


def assert_letter(text: str, file, *, female: bool) -> None:
    """What every letter says: sender, place and date, window address, reference and contact, page numbers,
    signatures, and the reader's form of address."""
    person = file.beneficiary
    title = "Madame" if female else "Monsieur"
    for mention in (
        "CPAS de Mons",
        "Rue de Bertaimont 1",
        f"Mons, le {timezone.localdate():%d/%m/%Y}",
        f"{title} {person.full_name}",
        f"Notre référence : {file.reference}",
        "Personne de contact : Amélie Lambert",
        "065 40 00 00",
        "centre@cpas-mons.example",
        "Heures d'ouverture : du lundi au vendredi, de 8 h 30 à 12 h",
        f"{title},",
        f"Veuillez agréer, {title}, l'expression",
        "Le Directeur général",
        "Jean Lambot",
        "Le Président",
        "Nadia Vermeulen",
        "page 1 / ",
    ):
        assert mention in text, mention
    assert "Secrétaire général" not in text
    assert "(e)" not in text and "…" not in text
    assert ("Madame, Monsieur" in text) is False


def assert_decision(text: str, file, *, female: bool) -> None:
    """What every notification of a decision says (charte de l'assuré social, art. 14; law of 26 May 2002,
    art. 21; organic law, art. 62bis; law of 29 July 1991)."""
    assert_letter(text, file, female=female)
    for mention in (
        FACTS,
        LAW,
        "Tribunal du travail du Hainaut",
        "rue de Nimy 70, 7000 Mons",
        "dans les 3 mois de sa notification",
        "Le recours est gratuit",
        "article 1017, alinéa 2, du Code judiciaire",
        "n'est pas suspensif",
        "Article 728 du Code judiciaire",
        "Lors de l'introduction de la cause et ultérieurement",
        "Article 1017, alinéas 1er et 2, du Code judiciaire",
        "Tout jugement définitif prononce",
        "Mode de notification",
        "lettre recommandée",
        "accusé de réception daté et signé",
    ):
        assert mention in text, mention
    assert text.count("En fait :") == 1 and text.count("En droit") == 1


def test_a_granted_aid_to_a_woman(woman, worker, aid_type, people):
    proposal = make_proposal(
        woman,
        request_for(woman),
        worker,
        aid_type,
        state=State.ON_AGENDA,
        motivation_facts=FACTS,
        motivation_law=LAW,
        heard_informed_on=datetime.date(2026, 11, 3),
    )
    decision = decide(proposal, people["secretary"])
    text = generate(Kind.NOTIFICATION, woman, people["legal"], decision=decision)
    assert_decision(text, woman, female=True)
    assert f"Le Comité spécial du service social, en sa séance du {decision.decided_on:%d/%m/%Y}" in text
    assert "de vous octroyer l'aide suivante : Aide financière test" in text
    assert "500,00" in text and "500,00 € par mois" in text
    assert "vous avez été informée de votre droit d'être entendue" in text


def test_a_refusal_to_a_man_says_he_was_told_he_could_be_heard_assisted_or_represented(
    man, worker, aid_type, people
):
    proposal = make_proposal(
        man,
        request_for(man),
        worker,
        aid_type,
        state=State.ON_AGENDA,
        granted=False,
        amount=None,
        computation="",
        motivation_facts=f"En fait : {FACTS}",
        motivation_law=f"En droit : {LAW}",
    )
    decision = decide(proposal, people["secretary"], transition="refuse")
    text = generate(Kind.NOTIFICATION, man, people["legal"], decision=decision)
    assert_decision(text, man, female=False)
    assert "de refuser l'aide demandée : Aide financière test" in text
    assert (
        "Par lettre du 02/11/2026, vous avez été informé de votre droit d'être entendu avant la décision, "
        "assisté ou représenté par la personne de votre choix." in text
    )


def test_a_refusal_after_a_written_waiver_says_so(man, worker, aid_type, people):
    proposal = make_proposal(
        man,
        request_for(man),
        worker,
        aid_type,
        state=State.ON_AGENDA,
        granted=False,
        amount=None,
        computation="",
        motivation_facts=FACTS,
        motivation_law=LAW,
        heard_informed_on=None,
        hearing_waived_on=datetime.date(2026, 11, 4),
    )
    text = generate(
        Kind.NOTIFICATION, man, people["legal"], decision=decide(proposal, people["secretary"], "refuse")
    )
    assert "Le 04/11/2026, vous avez renoncé par écrit à votre droit à une audition devant l'organe" in text


def test_a_refusal_after_a_hearing_says_when_she_was_heard(woman, worker, aid_type, people):
    proposal = make_proposal(
        woman,
        request_for(woman),
        worker,
        aid_type,
        state=State.ON_AGENDA,
        granted=False,
        amount=None,
        computation="",
        motivation_facts=FACTS,
        motivation_law=LAW,
    )
    Hearing.objects.create(
        proposal=proposal,
        held_on=datetime.date(2026, 11, 20),
        attendees="La personne",
        summary="Entendue.",
        recorded_by=worker,
    )
    text = generate(
        Kind.NOTIFICATION, woman, people["legal"], decision=decide(proposal, people["secretary"], "refuse")
    )
    assert_decision(text, woman, female=True)
    assert "Vous avez été entendue avant la décision, le 20/11/2026." in text


def test_an_urgent_grant_by_the_president(woman, worker, aid_type, people):
    proposal = make_proposal(
        woman,
        request_for(woman),
        worker,
        aid_type,
        state=State.VALIDATED,
        motivation_facts=FACTS,
        motivation_law=LAW,
    )
    workflow_services.take(
        actor=people["president"],
        proposal=proposal,
        transition="urgent_grant",
        expected_version=proposal.version,
        comment="Expulsion imminente",
    )
    decision = proposal.decisions.get()
    text = generate(Kind.NOTIFICATION, woman, people["legal"], decision=decision)
    assert_decision(text, woman, female=True)
    assert f"Le Président, statuant en urgence le {decision.decided_on:%d/%m/%Y}" in text


def test_a_recovery_decision_carries_the_mentions_of_article_25(man, worker, people):
    request = request_for(man, "recup_ri")  # registered like any request, decided like any aid
    recovery = prefill(request)["aid_type"]
    assert recovery == AidType.objects.get(code="recup_ri")
    proposal = make_proposal(
        man,
        request,
        worker,
        recovery,
        state=State.ON_AGENDA,
        amount=Decimal("1314.20"),
        computation="Revenu d'intégration payé pour octobre 2026 alors que vous travailliez : 1 314,20 €.",
        start_on=datetime.date(2026, 10, 1),
        end_on=datetime.date(2026, 10, 31),
        periodicity="none",
        heard_informed_on=datetime.date(2026, 11, 5),
        motivation_facts=FACTS,
        motivation_law=f"{LAW} Article 22, § 1er, de la loi du 26 mai 2002 : ressources à déclarer.",
    )
    assert build(proposal).missing == []
    decision = decide(proposal, people["secretary"])
    text = generate(Kind.NOTIFICATION, man, people["legal"], decision=decision)
    assert_decision(text, man, female=False)
    for mention in (
        "de constater que des montants vous ont été payés indûment et de récupérer la somme totale",
        "1.314,20 € payée",
        "payée pour la période du 01/10/2026 au 31/10/2026",
        "Calcul du montant : Revenu d'intégration payé pour octobre 2026",
        "les dispositions non respectées et leurs références",
        "Article 22, § 1er, de la loi du 26 mai 2002",
        "Délai de prescription : cinq ans",
        "article 29 de la loi du 26 mai 2002",
        "renoncer, totalement ou en partie, à cette récupération",
        "rembourser par tranches",
        "Par lettre du 05/11/2026, vous avez été informé de votre droit d'être entendu",
        "avant la décision, assisté ou représenté par la personne de votre choix",
    ):
        assert mention in text.replace("\u202f", " ").replace("\xa0", " "), mention


def test_the_hearing_invitation_to_a_woman_gives_the_meeting(woman, worker, people, ri):
    ri_type, category = ri
    proposal = make_proposal(
        woman,
        request_for(woman, "ri"),
        worker,
        ri_type,
        state=State.ON_AGENDA,
        category=category,
    )
    meeting = meeting_today(body_for(proposal), hour=14)
    add_to_agenda(proposal, meeting)
    text = generate(Kind.HEARING, woman, worker, proposal=proposal)
    assert_letter(text, woman, female=True)
    for mention in (
        "invitation à une audition avant la décision",
        "vous avez le droit d'être entendue devant lui",
        "assister ou représenter par la personne de votre choix",
        "consulter votre dossier",
        f"L'audition aura lieu le {timezone.localdate():%d/%m/%Y} à 14:00, Salle du conseil",
        "Comité spécial du service social",
        "(article 20 de la loi du 26 mai 2002 concernant le droit à l'intégration sociale et article 7",
    ):
        assert mention in text, mention


def test_the_hearing_invitation_to_a_man_says_how_to_ask_for_it(man, worker, people, ri):
    ri_type, category = ri
    proposal = make_proposal(man, request_for(man, "ri"), worker, ri_type, category=category)
    text = generate(Kind.HEARING, man, worker, proposal=proposal)
    assert_letter(text, man, female=False)
    assert "vous avez le droit d'être entendu devant lui" in text
    assert "Pour demander l'audition, prévenez Amélie Lambert" in text


def test_a_reader_whose_sex_is_unknown_reads_neutral_words(man, worker, aid_type, people):
    man.beneficiary.sex = ""
    man.beneficiary.save()
    proposal = make_proposal(
        man,
        request_for(man),
        worker,
        aid_type,
        state=State.ON_AGENDA,
        granted=False,
        amount=None,
        computation="",
        motivation_facts=FACTS,
        motivation_law=LAW,
    )
    text = generate(
        Kind.NOTIFICATION, man, people["legal"], decision=decide(proposal, people["secretary"], "refuse")
    )
    assert "Madame, Monsieur," in text and "Monsieur LEROY" not in text
    assert "le CPAS vous a fait connaître votre droit de vous exprimer avant la décision" in text
    assert "(e)" not in text and not re.search(r"\bentendue?\b", text)


def test_the_catalogue_motivation_prints_each_heading_once(woman, worker, ri, people):
    ri_type, category = ri
    proposal = make_proposal(
        woman,
        request_for(woman, "ri"),
        worker,
        ri_type,
        state=State.ON_AGENDA,
        category=category,
        motivation_facts=ri_type.default_motivation.replace("[date de la demande]", "02/11/2026"),
        motivation_law=ri_type.legal_basis,
        heard_informed_on=datetime.date(2026, 11, 3),
    )
    text = generate(Kind.NOTIFICATION, woman, people["legal"], decision=decide(proposal, people["secretary"]))
    assert text.count("En fait") == 1 and text.count("En droit") == 1
    assert "selon l'article 3 de la loi du 26 mai 2002" in text and "arrêté royal du 11 juillet 2002" in text


def test_the_legal_texts_printed_are_those_in_force_on_the_letter_s_date(woman, worker, aid_type, people):
    today = timezone.localdate()
    LegalText.objects.filter(key="cj-728").update(valid_to=today - datetime.timedelta(days=1))
    LegalText.objects.create(
        key="cj-728",
        article="Article 728 du Code judiciaire",
        text="Texte modifié (test).",
        valid_from=today,
        source="Moniteur belge (test)",
        source_date=today,
    )
    LegalText.objects.create(
        key="cj-1017",
        article="Article 1017 du Code judiciaire",
        text="Version future (test).",
        valid_from=today + datetime.timedelta(days=1),
        source="Moniteur belge (test)",
        source_date=today,
    )
    proposal = make_proposal(woman, request_for(woman), worker, aid_type, state=State.ON_AGENDA)
    text = generate(Kind.NOTIFICATION, woman, people["legal"], decision=decide(proposal, people["secretary"]))
    assert "Texte modifié (test)." in text and "Lors de l'introduction de la cause" not in text
    assert "Tout jugement définitif prononce" in text and "Version future (test)." not in text
