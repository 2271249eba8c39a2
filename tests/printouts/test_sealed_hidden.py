"""Neither the Consultations tab nor the art. 15 report reveals that a sealed report exists to someone who may
not read it: no id, no title, no reader (issue 10, point 9.2)."""

import pytest
from django.urls import reverse

from files import services
from files.models import Report
from tests.files.conftest import client_for, page_text
from tests.printouts.conftest import pdf_pages

pytestmark = pytest.mark.django_db

TITLE = "Violences conjugales signalées"


@pytest.fixture
def sealed(file, author, colleague):
    """A note the file's worker seals for one colleague, who reads it and prints its page."""
    report = services.write_report(
        actor=author,
        file=file,
        kind=Report.Kind.NOTE,
        title=TITLE,
        body="<p>Récit de la personne, à ne pas diffuser.</p>",
        confidentiality=Report.Confidentiality.SEALED,
        sealed_readers=[colleague],
    )
    reader = client_for(colleague)
    page = reverse("files:report_detail", args=[file.pk, report.pk])
    assert reader.get(page).status_code == 200
    assert reader.post(reverse("printouts:browser_print"), {"path": page}).status_code == 204
    return report


def traces_of(sealed, colleague, text: str) -> list[str]:
    clues = [TITLE, f"n° {sealed.pk}", f"/rapports/{sealed.pk}/", colleague.last_name, colleague.username]
    return [clue for clue in clues if clue in text]


def test_the_head_of_service_sees_no_trace_of_it_in_consultations(file, head, colleague, sealed):
    text = page_text(client_for(head).get(reverse("files:access_log", args=[file.pk])))
    assert "Consultations du dossier" in text
    assert traces_of(sealed, colleague, text) == []


def test_its_author_sees_who_read_it(file, author, colleague, sealed):
    text = page_text(client_for(author).get(reverse("files:access_log", args=[file.pk])))
    assert f"Rapport n° {sealed.pk}" in text and colleague.last_name in text


def test_the_art_15_report_of_the_head_holds_no_trace_of_it(file, head, colleague, sealed):
    text = " ".join(pdf_pages(client_for(head).get(reverse("printouts:access_report", args=[file.pk]))))
    assert file.reference in text
    assert traces_of(sealed, colleague, text) == []
    assert "contenu confidentiel non reproduit" not in text  # not even an anonymous line for it


def test_the_art_15_report_of_the_security_adviser_holds_no_trace_of_it(
    file, security_officer, colleague, sealed
):
    text = " ".join(
        pdf_pages(client_for(security_officer).get(reverse("printouts:access_report", args=[file.pk])))
    )
    assert traces_of(sealed, colleague, text) == []
