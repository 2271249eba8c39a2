"""The pages: register (filters, constant queries), registration, one mail (scan under the policy, audited),
and the "Courrier à traiter" queue, whose count is its list."""

import pytest
from django.urls import reverse

from access.confidentiality import Level
from audit.models import AuditEvent
from documents.models import Document
from mail import services
from mail.models import IncomingMail
from tests.files.conftest import page_text
from tests.mail.conftest import PDF, client_for
from tests.querycount import assert_constant_queries
from workflow.queue_pages import counts, keys
from workflow.queues import BY_KEY

pytestmark = pytest.mark.django_db


def _many(clerk, team, n, **kwargs):
    return [
        services.register(actor=clerk, sender_name=f"Expéditeur {i}", subject="Objet", team=team, **kwargs)
        for i in range(n)
    ]


def test_the_register_costs_the_same_queries_however_long(clerk, head, team):
    _many(clerk, team, 2)
    url = reverse("mail:register") + "?state=routed"
    for user in (clerk, head):
        client = client_for(user)
        assert_constant_queries(lambda c=client: c.get(url), lambda: _many(clerk, team, 60))


def test_the_register_filters_by_number_and_sender(clerk, team):
    first, second = _many(clerk, team, 2)
    text = page_text(client_for(clerk).get(reverse("mail:register"), {"q": "Expéditeur 1"}))
    assert second.number in text and first.number not in text
    text = page_text(client_for(clerk).get(reverse("mail:register"), {"q": first.number}))
    assert first.number in text and second.number not in text


def test_a_clerk_registers_a_mail_with_its_scan_and_file(clerk, team, file):
    response = client_for(clerk).post(
        reverse("mail:new"),
        {
            "sender_name": "Intercommunale d'énergie",
            "subject": "Plan de paiement",
            "received_on": "02/03/2026",
            "file": file.reference,
            "team": team.pk,
            "scan": _upload(),
        },
    )
    assert response.status_code == 302
    mail = IncomingMail.objects.get()
    assert (mail.file, mail.team, mail.state, mail.received_on.isoformat()) == (
        file,
        team,
        "routed",
        "2026-03-02",
    )


def test_the_form_says_in_french_what_is_missing(clerk):
    response = client_for(clerk).post(reverse("mail:new"), {"subject": "", "received_on": "31/02/2026"})
    text = page_text(response)
    assert response.status_code == 400
    assert "Indiquez l'expéditeur." in text and "Le 31/02/2026 n'existe pas" in text


def test_the_scan_is_served_to_its_readers_only_and_audited(clerk, head, worker, colleague, team, other_team):
    from access.roles import Role
    from tests.factories import UserFactory

    mail = services.register(actor=clerk, sender_name="X", subject="Y", team=team, scan=PDF)
    url = reverse("mail:content", kwargs={"pk": mail.pk})
    assert client_for(head).get(url).content == PDF
    assert client_for(colleague).get(url).status_code == 404  # not linked to a file: not theirs
    assert (
        client_for(UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[other_team])).get(url).status_code == 404
    )
    assert AuditEvent.objects.filter(user=head, verb="view", target_id=str(mail.pk)).exists()


def test_readers_of_the_file_read_the_scan_then_as_the_document_allows(
    clerk, head, worker, colleague, team, file
):
    mail = services.register(actor=clerk, sender_name="X", subject="Y", team=team, scan=PDF, file=file)
    url = reverse("mail:content", kwargs={"pk": mail.pk})
    response = client_for(colleague).get(url + "?telecharger")
    assert response.content == PDF and response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(user=colleague, verb="download", target_id=str(mail.pk)).exists()
    services.assign(actor=head, mail=mail, agent=worker)
    services.handle(actor=worker, mail=mail)
    services.file_mail(actor=worker, mail=mail)
    Document.objects.filter(pk=mail.document_id).update(confidentiality=Level.RESTRICTED)
    assert client_for(colleague).get(url).status_code == 403  # restricted to the head and its author
    assert client_for(worker).get(url).status_code == 200  # its agent handled the paper


def test_a_damaged_scan_is_reported_never_served(clerk, team, settings):
    import pathlib

    mail = services.register(actor=clerk, sender_name="X", subject="Y", team=team, scan=PDF)
    pathlib.Path(settings.MEDIA_ROOT, mail.content.storage_name).write_bytes(b"%PDF-1.4 altered")
    response = client_for(clerk).get(reverse("mail:content", kwargs={"pk": mail.pk}))
    assert response.status_code == 500 and "endommagé" in response.content.decode()


def test_the_mail_page_costs_the_same_queries_with_more_mail(clerk, head, team, file):
    mail = services.register(actor=clerk, sender_name="X", subject="Y", team=team, scan=PDF, file=file)
    url = reverse("mail:detail", kwargs={"pk": mail.pk})
    for user in (clerk, head):
        client = client_for(user)
        assert_constant_queries(lambda c=client: c.get(url), lambda: _many(clerk, team, 20, file=file))


def test_the_agents_queue_counts_what_it_lists(clerk, head, worker, team):
    mails = _many(clerk, team, 3)
    for mail in mails:
        services.assign(actor=head, mail=mail, agent=worker)
    services.handle(actor=worker, mail=mails[0])
    queue = BY_KEY["courrier"]
    count = dict((q.key, n) for q, n in counts(worker))["courrier"]
    assert count == len(keys(worker, queue)) == 2
    text = page_text(client_for(worker).get(reverse("queues:queue", kwargs={"key": "courrier"})))
    assert mails[1].number in text and mails[0].number not in text


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")


def test_the_queue_and_the_top_bar_cost_the_same_queries_with_more_mail(clerk, head, worker, team):
    def give(n):
        for mail in _many(clerk, team, n):
            services.assign(actor=head, mail=mail, agent=worker)

    give(1)
    client = client_for(worker)
    for url in (reverse("queues:queue", kwargs={"key": "courrier"}), reverse("files:my_files")):
        assert_constant_queries(lambda u=url: client.get(u), lambda: give(15))
