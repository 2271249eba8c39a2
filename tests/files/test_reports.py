"""Rapports: written in rich text that is sanitised, confidential when needed, never overwritten silently."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from files import services
from files.models import FileEvent, Report
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().strftime("%d/%m/%Y")


def report_data(**overrides):
    data = {
        "kind": "home_visit",
        "title": "Visite à domicile",
        "written_on": TODAY,
        "confidentiality": "team",
        "body": "<p>Logement <strong>humide</strong>.</p>",
    }
    return {**data, **overrides}


def test_the_new_report_form_uses_the_rich_text_editor_and_the_kind_asked_for(file, worker):
    response = client_for(worker).get(reverse("files:report_add", args=[file.pk]) + "?type=note")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("textarea", attrs={"name": "body"}).has_attr("data-richtext")
    assert soup.find(id="id_kind").find("option", selected=True)["value"] == "note"


def test_a_report_is_written_sanitised_and_shown(file, worker):
    body = (
        '<p onclick="steal()">Visite <em>faite</em>.</p>'
        '<script>alert("x")</script><img src=x onerror=alert(1)>'
    )
    response = client_for(worker).post(
        reverse("files:report_add", args=[file.pk]), report_data(body=body), follow=True
    )
    report = Report.objects.get()
    assert response.redirect_chain[-1][0] == reverse("files:report_detail", args=[file.pk, report.pk])
    assert report.body == "<p>Visite <em>faite</em>.</p>"
    assert (
        "<script>" not in response.text and "onerror" not in response.text and "onclick" not in response.text
    )
    assert "<p>Visite <em>faite</em>.</p>" in response.text
    assert report.author == worker


def test_an_empty_report_is_refused_and_the_title_kept(file, worker):
    response = client_for(worker).post(
        reverse("files:report_add", args=[file.pk]), report_data(body="<p> </p>", title="Premier entretien")
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Le texte du rapport est vide." in soup.select_one(".error-summary").text
    assert soup.find(id="id_title")["value"] == "Premier entretien"
    assert not Report.objects.exists()


def test_reports_are_listed_with_kind_author_and_confidentiality_and_filtered_by_kind(file, worker):
    services.write_report(actor=worker, file=file, kind="note", title="Appel du bailleur", body="Rappel")
    services.write_report(
        actor=worker,
        file=file,
        kind="social_report",
        title="Rapport social",
        body="Texte",
        confidentiality=Report.Confidentiality.RESTRICTED,
    )
    url = reverse("files:reports", args=[file.pk])
    page = client_for(worker).get(url).text
    assert "Appel du bailleur" in page and "Rapport social" in page
    assert "Confidentiel" in page
    assert "Lambert" in page
    filtered = client_for(worker).get(url + "?type=note").text
    assert "Appel du bailleur" in filtered
    assert (
        reverse("files:report_detail", args=[file.pk, Report.objects.get(kind="social_report").pk])
        not in filtered
    )


def test_a_confidential_report_is_hidden_from_a_colleague_but_not_from_the_author_or_the_head(
    file, worker, colleague, head
):
    secret = services.write_report(
        actor=worker,
        file=file,
        kind="note",
        title="Violences conjugales",
        body="Confidentiel",
        confidentiality=Report.Confidentiality.RESTRICTED,
    )
    detail = reverse("files:report_detail", args=[file.pk, secret.pk])
    missing = reverse("files:report_detail", args=[file.pk, secret.pk + 1000])
    pages = [reverse(name, args=[file.pk]) for name in ("files:reports", "files:timeline", "files:detail")]

    other = client_for(colleague)
    for url in pages:
        assert "Violences conjugales" not in other.get(url).text, url
    assert other.get(detail).status_code == 404 == other.get(missing).status_code
    assert other.get(reverse("files:report_edit", args=[file.pk, secret.pk])).status_code == 404

    for allowed in (worker, head):
        client = client_for(allowed)
        for url in pages:
            assert "Violences conjugales" in client.get(url).text, url
        assert client.get(detail).status_code == 200


def test_only_the_author_or_the_head_may_correct_a_report(file, report, colleague, head, worker):
    url = reverse("files:report_edit", args=[file.pk, report.pk])
    assert client_for(colleague).get(url).status_code == 403
    assert client_for(head).get(url).status_code == 200
    detail = reverse("files:report_detail", args=[file.pk, report.pk])
    assert url not in client_for(colleague).get(detail).text
    assert url in client_for(worker).get(detail).text


def test_two_people_correcting_the_same_report_the_second_is_told_and_nothing_is_overwritten(
    file, report, worker, head
):
    url = reverse("files:report_edit", args=[file.pk, report.pk])
    author, chief = client_for(worker), client_for(head)
    opened_version = BeautifulSoup(chief.get(url).content, "html.parser").find(id="id_version")["value"]
    assert author.get(url).status_code == 200

    first = author.post(
        url, report_data(title="Visite du 3 mars", body="<p>Version de l'autrice</p>", version=1)
    )
    assert first.status_code == 302
    second = chief.post(
        url, report_data(title="Visite du 3 mars", body="<p>Version du chef</p>", version=opened_version)
    )

    assert second.status_code == 200
    soup = BeautifulSoup(second.content, "html.parser")
    conflict = soup.select_one(".conflict").get_text(" ", strip=True)
    assert (
        "Amélie Lambert a modifié ce rapport entre-temps ; vos modifications n'ont pas été enregistrées"
        in conflict
    )
    assert "Version de l'autrice" in conflict  # the saved text, to compare
    assert "Version du chef" in soup.find("textarea", attrs={"name": "body"}).text  # the typed text, kept
    assert soup.find(id="id_version")["value"] == "2"
    report.refresh_from_db()
    assert report.body == "<p>Version de l'autrice</p>"
    assert report.version == 2

    third = chief.post(url, report_data(body="<p>Fusion des deux</p>", version=2))
    assert third.status_code == 302
    report.refresh_from_db()
    assert report.body == "<p>Fusion des deux</p>"
    assert AuditEvent.objects.filter(verb="update", target_type="files.report", user=head).count() == 1


def test_making_a_report_confidential_hides_its_timeline_events_from_colleagues(
    file, report, worker, colleague
):
    url = reverse("files:report_edit", args=[file.pk, report.pk])
    client_for(worker).post(url, report_data(title=report.title, confidentiality="restricted", version=1))
    assert FileEvent.objects.filter(report=report, confidentiality="team").count() == 0
    assert report.title not in client_for(colleague).get(reverse("files:timeline", args=[file.pk])).text
