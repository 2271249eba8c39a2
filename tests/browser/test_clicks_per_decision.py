"""Clicks and page loads for one decision, from the request to « Décision exécutée » (issue 14, « Measured »).

One revenu d'intégration (the shipped catalogue) goes from the social worker's « À rédiger » to its
execution: the proposal written and submitted, validated, the legal opinion, ready for the committee, decided
in session, the payment and the SPP registration done, the notification written by the legal service and
posted by the mail cell. Each person starts from their Accueil and goes on by links and buttons only
(page.goto only to log in and to land on Accueil), finding the next action by its text as a user would, so the
journey follows the application when steps are merged or hand-offs removed.

Every click, check and choice in a list is counted (Desk), and every page the browser loads; typed fields are
counted apart. Landing on Accueil is not counted: a person starts from there. The table is printed and
written to var/bench/clicks-per-decision.json; docs/scaling.md (« Clics par décision ») keeps the figures.
The test fails if the journey takes more clicks than CEILING, today's count: lower it when a change shortens
the journey.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from committee.models import Body
from files import services as file_services
from files.models import AidRequest, Report
from people.models import Address, BankAccount
from tests.aid.catalogue import install_default_catalogue
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.letters.conftest import ship_templates
from tests.login import browser_log_in
from tests.meetings import meeting_today
from workflow.declaration import State
from workflow.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Today's count (docs/scaling.md, « Clics par décision »): the journey may get shorter, never longer.
CEILING = 29
REFERENCE = "2026/00321"
RESULT = Path(settings.BASE_DIR) / "var" / "bench" / "clicks-per-decision.json"


class Desk:
    """One person's browser page, counting what they do: clicks (click, check, choice in a list, Enter that
    submits), page loads, and fields typed."""

    def __init__(self, page, person: str):
        self.page = page
        self.person = person
        self.clicks = self.loads = self.fields = 0
        self.counting = False
        page.on("load", self._loaded)

    def _loaded(self, _page) -> None:
        if self.counting:
            self.loads += 1

    def click(self, locator) -> None:
        self.clicks += 1
        locator.click()
        self.page.wait_for_load_state()

    def check(self, locator) -> None:
        self.clicks += 1
        locator.check()

    def select(self, locator, label: str) -> None:
        self.clicks += 1
        locator.select_option(label=label)

    def fill(self, locator, text: str) -> None:
        self.fields += 1
        locator.fill(text)

    def land(self, base_url: str) -> None:
        """Open Accueil, where each turn starts (not counted)."""
        self.counting = False
        self.page.goto(base_url + reverse("home:home"))
        expect(self.page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
        self.page.wait_for_load_state()
        self.counting = True


@pytest.fixture
def mons(settings, tmp_path):
    """The decision journey's Mons (tests/browser/test_decision_journey.py) with a mail clerk, and the request
    still without its proposal."""
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
    meeting_today(body, hour=23)  # the browser's clock is real: the meeting is today, still to come
    UserFactory(username="paiements", first_name="Pia", last_name="Paiements", role=Role.PAYMENT_CLERK)
    UserFactory(username="courrier", first_name="Marc", last_name="Courrier", role=Role.MAIL_CLERK)
    person = PersonFactory(last_name="Lemaire", first_names="Jeanne")
    Address.objects.create(
        person=person,
        street="rue d'Havré",
        number="3",
        postal_code="7000",
        city="Mons",
        valid_from="2020-01-01",
    )
    BankAccount.objects.create(
        person=person,
        iban="BE71096123456769",
        holder="Jeanne Lemaire",
        valid_from="2024-01-01",
        is_payment_account=True,
    )
    file = SocialFileFactory(team=team, beneficiary=person, primary_worker=worker, reference=REFERENCE)
    requested = datetime.date(2026, 11, 16)
    file_services.add_request(
        actor=worker, file=file, aid=AidRequest.Aid.RI, channel="desk", requested_on=requested
    )
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


def row_in(page, title: str, reference: str = REFERENCE):
    """The file's row in a block of Accueil, or in the queue page the application led to."""
    if page.get_by_role("heading", name="Accueil", exact=True).count():
        where = page.get_by_role("region", name=re.compile(f"^{re.escape(title)}"))
    else:
        where = page.locator("main")
    return where.locator("tbody tr").filter(has_text=reference)


def step_link(row):
    """The row's « À faire » link, in its last column (on Accueil and on a queue's page)."""
    return row.locator("td").last.get_by_role("link")


def step_label(link) -> str:
    """A queue row's link names the step (« Valider – 2026/00321 »: the reference is for screen readers)."""
    return re.split(r"\s+–\s+", link.inner_text())[0].strip()


def take_queued_steps(desk: Desk, title: str, limit: int = 4) -> None:
    """While the file waits in `title`, open its row and take the step the row names; after a step, the page
    the application shows (the queue's next item, or the queue) is where the user looks for the file again."""
    page = desk.page
    for _ in range(limit):
        row = row_in(page, title)
        if row.count() == 0:
            return
        link = step_link(row)
        label = step_label(link)
        desk.click(link)
        desk.click(page.get_by_role("button", name=label, exact=True))
        expect(page.locator(".error-summary")).to_have_count(0)
    raise AssertionError(f"{desk.person}: the file is still in « {title} » after {limit} steps")


def write_and_submit(desk: Desk) -> None:
    page = desk.page
    desk.click(row_in(page, "À rédiger").get_by_role("link", name=re.compile("^Rédiger la proposition")))
    desk.select(page.get_by_label("Catégorie"), "Revenu d'intégration – isolé")
    # Filled from the catalogue when the category is chosen, where the application does it.
    for label, value in (
        ("Montant (EUR)", "1340,49"),
        ("Calcul du montant", "Taux isolé : 1.340,49 € par mois."),
    ):
        if not page.get_by_label(label).input_value():
            desk.fill(page.get_by_label(label), value)
    desk.fill(page.get_by_label("Premier paiement le"), "05/12/2026")
    desk.fill(page.get_by_label("Motivation en fait"), "Madame vit seule et n'a aucun revenu depuis octobre.")
    desk.check(page.get_by_label("Projet individualisé d'intégration sociale (PIIS)"))
    desk.fill(page.get_by_label("Informé(e) par écrit du droit d'être entendu(e) le"), "17/11/2026")
    desk.click(page.get_by_role("button", name="Enregistrer la proposition"))
    expect(page.locator(".error-summary")).to_have_count(0)
    desk.click(page.get_by_role("button", name="Soumettre au chef de service"))
    # No piece of the checklist is scanned yet: the worker waives each one, with its reason.
    waivers = page.locator("textarea[name^=waive_]")
    if waivers.count():
        for index in range(waivers.count()):
            desk.fill(waivers.nth(index), "Pièce vue au guichet, copie à scanner avec le prochain lot.")
        desk.click(page.get_by_role("button", name="Soumettre au chef de service"))
    expect(page.locator(".error-summary")).to_have_count(0)


def give_opinion(desk: Desk) -> None:
    page = desk.page
    desk.click(step_link(row_in(page, "Avis à donner")))
    if (
        page.get_by_role("button", name="Transmettre l'avis").count() == 0
    ):  # the proposal first, then its form
        desk.click(page.get_by_role("link", name="Donner l'avis", exact=True))
    desk.check(page.get_by_label("Favorable", exact=True))
    desk.fill(page.get_by_label("Texte de l'avis"), "Joindre l'attestation de non-émargement au chômage.")
    desk.click(page.get_by_role("button", name="Transmettre l'avis"))
    expect(page.locator(".error-summary")).to_have_count(0)


def decide_in_session(desk: Desk) -> None:
    page = desk.page
    desk.click(page.get_by_role("region", name=re.compile("^Prochaine séance")).get_by_role("link").first)
    desk.click(page.get_by_role("button", name="Composer l'ordre du jour"))
    expect(page.get_by_text("1 point(s) ajouté(s) à l'ordre du jour.")).to_be_visible()
    desk.click(page.get_by_role("button", name="Arrêter l'ordre du jour"))
    desk.click(page.get_by_role("button", name="Ouvrir la séance"))
    desk.check(page.get_by_label("Paul Président"))
    desk.click(page.get_by_role("button", name="Enregistrer les présences"))
    desk.click(page.get_by_role("link", name="Commencer la séance"))
    expect(page.get_by_role("heading", name=re.compile("Point 1"))).to_be_visible()
    desk.click(page.get_by_role("button", name=re.compile("^Octroyer( o)?$")))
    expect(page.get_by_text("Point 1 décidé.")).to_be_visible()


def do_tasks(desk: Desk, title: str, limit: int = 4) -> None:
    """Open the file's first task in `title` and mark each of the user's tasks on it done (« Fait »), typing
    the reference where the card asks for one; then the same from wherever the application leads."""
    page = desk.page
    for _ in range(limit):
        cards = page.locator("li.card").filter(has=page.get_by_role("button", name="Fait", exact=True))
        if cards.count() == 0:
            row = row_in(page, title)
            if row.count() == 0:
                return
            desk.click(step_link(row))
            continue
        card = cards.first
        boxes = card.get_by_role("textbox")
        for index in range(boxes.count()):
            desk.fill(boxes.nth(index), f"REF-{index + 1}")
        desk.click(card.get_by_role("button", name="Fait", exact=True))
        expect(page.locator(".error-summary")).to_have_count(0)
    raise AssertionError(f"{desk.person}: tasks left in « {title} » after {limit} turns")


def write_notification(desk: Desk) -> None:
    page = desk.page
    desk.click(step_link(row_in(page, "Notifications à envoyer")))
    card = page.locator("li.card", has_text="Notifier la décision")
    desk.click(card.get_by_role("button", name="Écrire la notification"))
    expect(card.get_by_role("link", name=re.compile("^Notification .* \\(PDF\\)"))).to_be_visible()


def post_notification(desk: Desk) -> None:
    page = desk.page
    desk.click(
        page.get_by_role("region", name=re.compile("^Registres")).get_by_role("link", name="Courrier sortant")
    )
    row = page.locator("tbody tr").filter(has_text=REFERENCE)
    desk.click(row.get_by_role("link", name="Enregistrer l'envoi"))
    desk.select(page.get_by_label("Mode d'envoi"), "Recommandé")
    desk.fill(page.get_by_label("Numéro du recommandé"), "RR 1234 5678 9BE")
    desk.click(page.get_by_role("button", name="Enregistrer l'envoi"))
    expect(page.get_by_text("Envoi enregistré.")).to_be_visible()


def test_one_decision_from_request_to_executed_in_clicks(browser, live_server, mons):
    desks: dict[str, Desk] = {}

    def turn(username: str, person: str) -> Desk:
        if username not in desks:
            page = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
            page.set_default_timeout(
                20_000
            )  # a proposal's page renders its letter: allow for a loaded machine
            browser_log_in(page, live_server.url, username)
            desks[username] = Desk(page, person)
        desk = desks[username]
        desk.land(live_server.url)
        return desk

    write_and_submit(turn("as.hyon", "Assistante sociale"))
    take_queued_steps(turn("chef.hyon", "Chef de service"), "À valider")
    give_opinion(turn("juriste", "Service juridique"))
    # Ready for the committee: a third pass by the head, unless the opinion made it ready by itself.
    take_queued_steps(turn("chef.hyon", "Chef de service"), "À valider")
    decide_in_session(turn("secretaire", "Secrétaire du comité"))
    do_tasks(turn("paiements", "Service des paiements"), "Paiements à préparer")
    write_notification(turn("juriste", "Service juridique"))
    post_notification(turn("courrier", "Cellule courrier"))

    proposal = Proposal.objects.get(file=mons)
    assert proposal.state == State.COMPLETED, proposal.get_state_display()

    table = [
        {
            "person": d.person,
            "username": u,
            "clicks": d.clicks,
            "page_loads": d.loads,
            "fields_typed": d.fields,
        }
        for u, d in desks.items()
    ]
    total = {k: sum(row[k] for row in table) for k in ("clicks", "page_loads", "fields_typed")}
    lines = [f"{'Personne':<24} {'clics':>6} {'pages':>6} {'champs':>7}"]
    lines += [
        f"{r['person']:<24} {r['clicks']:>6} {r['page_loads']:>6} {r['fields_typed']:>7}" for r in table
    ]
    lines.append(f"{'Total':<24} {total['clicks']:>6} {total['page_loads']:>6} {total['fields_typed']:>7}")
    print("\nClics par décision (demande → décision exécutée)\n" + "\n".join(lines))
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps({"people": table, "total": total}, ensure_ascii=False, indent=2) + "\n")
    assert total["clicks"] <= CEILING, "\n".join(lines)
