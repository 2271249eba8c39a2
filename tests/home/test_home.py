"""Accueil: each role starts on its work, the returned proposal first with its remark, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from committee.models import AgendaItem
from files import services as file_services
from files.models import AidRequest
from home.sections import sections as sections_of
from mail import services as mail_services
from tests.bcss import data as bcss_data
from tests.committee.agenda import put_on_agenda
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.files.test_long_lists import soup_of
from tests.querycount import assert_constant_queries
from tests.workflow import queue_data
from tests.workflow.conftest import complete_data, file, isole, ri, ri_request, team, worker  # noqa: F401 - fixtures
from workflow import proposals, services
from workflow.declaration import State
from workflow.models import Proposal
from workflow.queue_pages import keys
from workflow.queues import BY_KEY

pytestmark = pytest.mark.django_db

URL = reverse("home:home")
REMARK = "Joindre l'attestation de la mutuelle avant de resoumettre."


def headings(response, level="h2") -> list[str]:
    return [h.get_text(" ", strip=True) for h in soup_of(response).select(f"main {level}")]


def test_the_returned_proposal_shows_first_with_its_remark(worker, ri_request, ri, isole, team):  # noqa: F811
    head = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[team])
    proposal = proposals.create_proposal(actor=worker, request=ri_request, data=complete_data(ri, isole))
    # An older request still without proposal: by deadline alone it would come first.
    file_services.add_request(
        actor=worker,
        file=ri_request.file,
        aid=AidRequest.Aid.FINANCIAL,
        channel=AidRequest.Channel.DESK,
        requested_on=ri_request.requested_on - datetime.timedelta(days=20),
        details="",
    )
    Proposal.objects.filter(pk=proposal.pk).update(state=State.SUBMITTED)  # the submission is not the point
    proposal.refresh_from_db()
    services.take(
        actor=head, proposal=proposal, transition="return", expected_version=proposal.version, comment=REMARK
    )
    client = client_for(worker)
    for url in (URL, reverse("queues:queue", args=["a-rediger"])):
        first_row = soup_of(client.get(url)).select("main tbody tr")[0]
        text = first_row.get_text(" ", strip=True)
        assert "Renvoyée avec remarques" in text and REMARK in text, url
    second_row = soup_of(client.get(URL)).select("main tbody tr")[1]
    assert "Demande sans proposition" in second_row.get_text(" ", strip=True)
    assert second_row.select_one("a").get_text(strip=True).startswith("Rédiger la proposition")
    # Without the return, the older request would lead: the order is the return's doing.
    first_link = soup_of(client.get(URL)).select_one("main tbody tr a")
    assert first_link.get_text(strip=True).startswith("Soumettre au chef de service")


@pytest.fixture
def staff(db):
    antenne = TeamFactory(name="Antenne Jemappes")
    users = {
        "worker": UserFactory(role=Role.SOCIAL_WORKER, teams=[antenne]),
        "head": UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[antenne]),
        "legal": UserFactory(role=Role.LEGAL_OFFICER),
        "secretary": UserFactory(role=Role.COMMITTEE_SECRETARY),
        "president": UserFactory(role=Role.PRESIDENT),
        "member": UserFactory(role=Role.COMMITTEE_MEMBER),
        "payments": UserFactory(role=Role.PAYMENT_CLERK),
        "recovery": UserFactory(role=Role.RECOVERY_CLERK),
        "mail": UserFactory(role=Role.MAIL_CLERK),
        "bcss": UserFactory(role=Role.BCSS_OPERATOR),
        "security": UserFactory(role=Role.SECURITY_OFFICER),
        "admin": UserFactory(role=Role.ADMIN),
    }
    users["team"] = antenne
    queue_data.grow(2, team=antenne, worker=users["worker"])
    give_mail(users, 1)  # every source of every queue holds rows already
    bcss_data.pending(1)  # in another antenne: the head's files to assign stay as they were
    return users


def give_mail(staff, n):
    for i in range(n):
        mail = mail_services.register(
            actor=staff["mail"], sender_name=f"X{i}", subject="Y", team=staff["team"]
        )
        mail_services.assign(actor=staff["head"], mail=mail, agent=staff["worker"])


# The section headings (h2) and their blocks (h3) each role starts on.
EXPECTED = {
    "worker": (
        ["Votre travail"],
        ["À rédiger", "PIIS à conclure et à évaluer", "Courrier à traiter", "Mes dossiers"],
    ),
    "head": (["Chef de service"], ["À valider", "À attribuer", "Tableau de bord", "Réglages"]),
    "legal": (["Service juridique"], ["Avis à donner", "Notifications à envoyer"]),
    "secretary": (["Secrétariat du comité"], ["Prochaine séance", "Prêt pour la séance", "Tableau de bord"]),
    "president": (["Présidence"], ["Urgences", "Prochaine séance", "Tableau de bord"]),
    "member": (["Comité"], ["Prochaine séance"]),
    "payments": (["Service des paiements"], ["Paiements à préparer"]),
    "recovery": (["Avances et récupérations"], ["Récupérations à ouvrir"]),
    "mail": (["Cellule courrier"], ["Courrier à traiter", "Registres"]),
    "bcss": (["Cellule Banque Carrefour"], ["BCSS : intégrations à faire"]),
    "security": (["Sécurité et protection des données"], ["Alertes du jour"]),
    "admin": (["Administration"], ["Administration"]),
}


@pytest.mark.parametrize("who", EXPECTED)
def test_each_role_starts_on_its_sections(staff, who):
    response = client_for(staff[who]).get(URL)
    sections, blocks = EXPECTED[who]
    assert headings(response, "h1") == ["Accueil"]
    assert headings(response) == sections
    found = headings(response, "h3")
    assert len(found) == len(blocks) and all(h.startswith(b) for h, b in zip(found, blocks, strict=True))


def test_a_queue_section_shows_ten_rows_and_links_to_the_whole_queue(staff):
    queue_data.grow(10, team=staff["team"], worker=staff["worker"])
    response = client_for(staff["legal"]).get(URL)
    block = next(h for h in soup_of(response).select("main h3") if h.get_text().startswith("Avis")).parent
    assert len(block.select("tbody tr")) == 10
    more = next(a for a in block.select("a") if a.get_text().startswith("Voir les 12"))
    assert more["href"] == reverse("queues:queue", args=["avis"])
    row = block.select("tbody tr")[0].get_text(" ", strip=True)
    assert "2026/Q" in row and "Avis juridique demandé" in row and "Donner l'avis" in row
    assert "en retard" in row or "à risque" in row or "dans les temps" in row


def test_a_role_without_work_to_show_is_told_so():
    user = UserFactory(role=Role.RECEPTION)
    assert "Aucune file de travail pour vos rôles." in page_text(client_for(user).get(URL))


def test_a_member_sees_the_agenda_of_the_next_meeting(staff):
    item = put_on_agenda(
        SocialFileFactory(team=staff["team"], primary_worker=staff["worker"]), staff["member"]
    )
    text = page_text(client_for(staff["member"]).get(URL))
    assert item.proposal.file.reference in text and "1 point à l'ordre du jour" in text


def test_the_security_adviser_sees_today_s_alerts(staff):
    AuditEvent.objects.create(verb=AuditEvent.Verb.LOGIN_FAILED, username="intrus")
    block = soup_of(client_for(staff["security"]).get(URL)).select_one(".home-counts")
    assert "Connexions échouées 1" in block.get_text(" ", strip=True)
    assert "day_from=" in block.select("a")[1]["href"]


def test_mes_dossiers_stays_in_the_navigation(staff):
    nav = soup_of(client_for(staff["worker"]).get(URL)).select_one("header nav")
    assert nav.find("a", string="Mes dossiers")["href"] == reverse("files:my_files")
    assert nav.find("a", string="Accueil")["href"] == URL


def test_the_page_reads_are_audited(staff):
    client_for(staff["legal"]).get(URL)
    event = AuditEvent.objects.filter(user=staff["legal"], verb=AuditEvent.Verb.VIEW).latest("id")
    assert event.detail == {"home": {"legal_officer": ["avis", "notifications"]}}


def _grow(staff, agenda):
    queue_data.grow(30, team=staff["team"], worker=staff["worker"])
    for number in range(2, 15):
        proposal = agenda.proposal
        proposal.pk = None
        proposal.save()
        AgendaItem.objects.create(meeting=agenda.meeting, proposal=proposal, number=number)
    for n in range(5):
        mail = mail_services.register(
            actor=staff["mail"], sender_name=f"X{n}", subject="Y", team=staff["team"]
        )
        mail_services.assign(actor=staff["head"], mail=mail, agent=staff["worker"])
    bcss_data.pending(12)
    AuditEvent.objects.bulk_create(
        AuditEvent(verb=AuditEvent.Verb.LOGIN_FAILED, username=f"x{n}", at=timezone.now()) for n in range(15)
    )


@pytest.mark.parametrize("who", EXPECTED)
def test_each_home_page_costs_the_same_queries_whatever_the_queues_hold(staff, who):
    agenda = put_on_agenda(
        SocialFileFactory(team=staff["team"], primary_worker=staff["worker"]), staff["member"]
    )
    client = client_for(staff[who])
    assert_constant_queries(lambda: client.get(URL), lambda: _grow(staff, agenda))


def test_the_home_page_asks_to_log_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_president_s_urgent_items_are_those_late_or_at_risk(staff, time_machine):
    # The queue's deadlines fall in autumn 2026 (queue_data.START): in summer none is pressing yet.
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    urgent = next(b for s in sections_of(staff["president"]) for b in s.blocks if b.title == "Urgences")
    assert urgent.data["total"] == 0
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC))
    urgent = next(b for s in sections_of(staff["president"]) for b in s.blocks if b.title == "Urgences")
    assert urgent.data["total"] == len(keys(staff["president"], BY_KEY["comite"])) > 0


def test_the_head_s_next_step_moves_the_proposal_on(staff):
    rows = soup_of(client_for(staff["head"]).get(URL)).select("main tbody tr")
    steps = {
        row.select_one("a").get_text(" ", strip=True).split(" – ")[0] for row in rows if row.select_one("a")
    }
    assert {"Valider", "Demander l'avis du service juridique", "Prête pour le comité"} <= steps
    assert "Renvoyer avec remarques" not in steps
