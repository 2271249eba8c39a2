"""From request to executed decision without paper, in the browser, with the five people who act on it.

The social worker writes the proposal in the form of the notification; the head validates; the legal service
gives its opinion; the committee's secretary records the decision; payments and notification run in parallel.
Each finds the item in their own queue and moves it with one click.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from access.roles import Role
from committee.models import Body
from files import services as file_services
from files.models import AidRequest, Report
from people.models import Address, BankAccount
from tests.aid.catalogue import install_default_catalogue
from tests.browser.test_accessibility import assert_accessible
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.letters.conftest import ship_templates
from tests.login import browser_log_in
from tests.meetings import meeting_today
from workflow.declaration import State
from workflow.models import BackOfficeTask, Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mons(settings, tmp_path):
    install_default_catalogue()
    ship_templates()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    team = TeamFactory(name="Antenne Hyon", address="place de Hyon 1, 7000 Mons", phone="065 00 00 00")
    worker = UserFactory(
        username="as.hyon", first_name="Inès", last_name="Worker", role=Role.SOCIAL_WORKER, teams=[team]
    )
    UserFactory(
        username="chef.hyon", first_name="Hugo", last_name="Chef", role=Role.HEAD_SOCIAL_WORKER, teams=[team]
    )
    UserFactory(username="juriste", first_name="Léa", last_name="Juriste", role=Role.LEGAL_OFFICER)
    secretary = UserFactory(
        username="secretaire", first_name="Sam", last_name="Secrétaire", role=Role.COMMITTEE_SECRETARY
    )
    president = UserFactory(first_name="Paul", last_name="Président", role=Role.PRESIDENT)
    body = Body.objects.create(kind=Body.Kind.COMMITTEE, president=president, secretary=secretary)
    body.members.set([president])
    meeting_today(body, hour=14)  # the browser's clock is real: the meeting is today
    UserFactory(username="paiements", first_name="Pia", last_name="Paiements", role=Role.PAYMENT_CLERK)
    person = PersonFactory(last_name="Lemaire", first_names="Jeanne")
    Address.objects.create(
        person=person,
        street="rue d'Havré",
        number="3",
        postal_code="7000",
        city="Mons",
        valid_from="2020-01-01",
    )
    BankAccount.objects.create(  # the account the letter names as paid
        person=person,
        iban="BE71096123456769",
        holder="Jeanne Lemaire",
        valid_from="2024-01-01",
        is_payment_account=True,
    )
    file = SocialFileFactory(team=team, beneficiary=person, primary_worker=worker, reference="2026/00321")
    file_services.add_request(
        actor=worker,
        file=file,
        aid=AidRequest.Aid.RI,
        channel="desk",
        requested_on=datetime.date(2026, 11, 16),
    )
    # The social inquiry the revenu d'intégration requires before submitting: a home visit, a social report.
    for kind, title in (
        (Report.Kind.HOME_VISIT, "Visite à domicile"),
        (Report.Kind.SOCIAL_REPORT, "Rapport"),
    ):
        file_services.write_report(
            actor=worker,
            file=file,
            kind=kind,
            title=title,
            body="<p>Enquête.</p>",
            written_on=datetime.date(2026, 11, 17),
        )
    return file


def as_user(browser, live_server, username):
    page = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
    page.set_default_timeout(20_000)  # a page of a proposal renders its letter: allow for a loaded CI machine
    browser_log_in(page, live_server.url, username)
    return page


def open_from_queue(page, queue):
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name=re.compile(queue)
    ).click()
    page.get_by_role("link", name="Ouvrir le premier").click()
    expect(page.get_by_role("heading", name=re.compile("Proposition de décision"))).to_be_visible()


def test_a_request_becomes_an_executed_decision_through_five_desks(browser, live_server, mons):
    file = mons
    worker = as_user(browser, live_server, "as.hyon")
    worker.goto(live_server.url + reverse("files:requests", args=[file.pk]))
    worker.get_by_role("link", name="Rédiger la proposition").click()
    worker.get_by_label("Catégorie").select_option(label="Revenu d'intégration – isolé")
    worker.get_by_label("Montant (EUR)").fill("1340,49")  # the rate since March 2026: no resources
    worker.get_by_label("Calcul du montant").fill("Taux isolé : 1.340,49 € par mois.")
    worker.get_by_label("Premier paiement le").fill("05/12/2026")
    worker.get_by_label("Motivation en fait").fill("Madame vit seule et n'a aucun revenu depuis octobre.")
    worker.get_by_label("Projet individualisé d'intégration sociale (PIIS)").check()  # a new beneficiary
    worker.get_by_label("Informé(e) par écrit du droit d'être entendu(e) le").fill("17/11/2026")
    worker.get_by_role("button", name="Enregistrer la proposition").click()
    expect(worker.locator(".error-summary")).to_have_count(0)
    expect(worker.get_by_role("heading", name=re.compile("Proposition de décision"))).to_be_visible()
    worker.get_by_role("button", name="Soumettre au chef de service").click()
    # No piece of the RI's checklist is scanned yet: the worker waives each one, with its reason.
    waivers = worker.locator("textarea[name^=waive_]")
    expect(waivers.first).to_be_visible()
    for index in range(waivers.count()):
        waivers.nth(index).fill("Pièce vue au guichet, copie à scanner avec le prochain lot.")
    worker.get_by_role("button", name="Soumettre au chef de service").click()
    expect(worker.get_by_text("Soumise au chef de service").first).to_be_visible()

    head = as_user(browser, live_server, "chef.hyon")
    open_from_queue(head, "À valider")
    assert_accessible(head, "proposition à valider")
    head.get_by_role("button", name="Valider").click()
    # The RI's opinion is mandatory: the catalogue has "Valider" ask for it too (one hand-off less).
    expect(head.get_by_text("Avis juridique demandé avec la validation").first).to_be_visible()
    head.goto(live_server.url + reverse("queues:queue", args=["a-valider"]))
    assert_accessible(head, "file à valider")
    expect(head.get_by_role("link", name="LEMAIRE Jeanne")).to_have_count(0)

    legal = as_user(browser, live_server, "juriste")
    open_from_queue(legal, "Avis à donner")
    legal.get_by_role("link", name="Donner l'avis").click()
    assert_accessible(legal, "avis")
    legal.get_by_label("Favorable avec remarques").check()
    legal.get_by_label("Texte de l'avis").fill("Joindre l'attestation de non-émargement au chômage.")
    legal.get_by_role("button", name="Transmettre l'avis").click()

    head.goto(live_server.url + reverse("queues:queue", args=["a-valider"]))
    head.get_by_role("link", name="LEMAIRE Jeanne").click()
    expect(head.get_by_text("Joindre l'attestation de non-émargement")).to_be_visible()
    # An opinion with remarks comes back to the head, who reads it and presents the proposal.
    head.get_by_role("button", name="Prête pour le comité").click()

    # The secretary decides only in the meeting: the agenda is composed, frozen, the session opened with its
    # quorum, and the item granted from its page.
    secretary = as_user(browser, live_server, "secretaire")
    open_from_queue(secretary, "Prêt pour le comité")
    expect(secretary.get_by_role("button", name="Inscrire à l'ordre du jour")).to_have_count(0)
    secretary.get_by_role("link", name="Séances").click()
    secretary.get_by_role("link", name=f"{timezone.localdate():%d/%m/%Y} 14:00").click()
    secretary.get_by_role("button", name="Composer l'ordre du jour").click()
    expect(secretary.get_by_text("1 point(s) ajouté(s) à l'ordre du jour.")).to_be_visible()
    secretary.get_by_role("button", name="Arrêter l'ordre du jour").click()
    secretary.get_by_role("button", name="Ouvrir la séance").click()
    secretary.get_by_label("Paul Président").check()
    secretary.get_by_role("button", name="Enregistrer les présences").click()
    secretary.get_by_role("link", name="Commencer la séance").click()
    expect(secretary.get_by_role("heading", name=re.compile("Point 1"))).to_be_visible()
    secretary.get_by_role("button", name="Octroyer o", exact=True).click()  # "o": its keyboard shortcut
    expect(secretary.get_by_text("Point 1 décidé.")).to_be_visible()

    proposal = Proposal.objects.get(file=file)
    assert proposal.state == State.DECIDED
    kinds = set(proposal.decisions.get().tasks.values_list("kind", flat=True))
    assert kinds == {"notify", "payment", "spp", "piis", "piis_evaluation"}

    payments = as_user(browser, live_server, "paiements")
    open_from_queue(payments, "Paiements à préparer")
    tasks = payments.get_by_role("list").filter(has_text="Mettre en place le paiement")
    expect(tasks).to_contain_text("Enregistrer le droit auprès du SPP Intégration sociale")
    assert_accessible(payments, "back-office")
    card = payments.locator("li.card", has_text="Mettre en place le paiement")
    card.get_by_label("Référence du paiement").fill("VIR-2026-0001")
    card.get_by_role("button", name="Fait").click()
    payments.goto(live_server.url + reverse("workflow:detail", args=[file.pk, proposal.pk]))
    card = payments.locator("li.card", has_text="SPP Intégration sociale")
    card.get_by_label("Référence du formulaire SPP").fill("B-2026-0001")
    card.get_by_role("button", name="Fait").click()

    open_from_queue(legal, "Notifications à envoyer")
    card = legal.locator("li.card", has_text="Notifier la décision")
    card.get_by_role("button", name="Écrire la notification").click()  # back on the proposal
    card.get_by_role("link", name="Enregistrer l'envoi").click()
    legal.get_by_label("Mode d'envoi").select_option(label="Remise en main propre contre signature")
    legal.get_by_label("Remise en main propre : la personne a daté et signé l'accusé de réception").check()
    legal.get_by_role("button", name="Enregistrer l'envoi").click()
    expect(card).to_contain_text("notifiée le")

    worker.reload()
    expect(worker.get_by_text("Décision exécutée").first).to_be_visible()
    # The PIIS follow-up goes on for months after the decision is executed.
    tasks = proposal.decisions.get().tasks.exclude(kind__in=["piis", "piis_evaluation"])
    assert all(t.status == BackOfficeTask.Status.DONE for t in tasks)
    worker.goto(live_server.url + reverse("files:timeline", args=[file.pk]))
    expect(worker.get_by_text(re.compile("décision exécutée", re.IGNORECASE))).to_be_visible()
