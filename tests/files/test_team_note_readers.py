"""A note marked "Toute l'équipe" says who else reads it (issue 10, point 10.4): not only the team, but
also the head of service, the legal service, the president, the secretary and the members deciding on it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db


def help_of_confidentiality(response) -> str:
    """The text of the confidentiality field: its legend, choices and help."""
    field = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "confidentiality"})
    return " ".join(field.find_parent("fieldset").get_text(" ").split())


@pytest.mark.parametrize("name", ["files:report_add", "files:report_edit"])
def test_the_report_form_says_who_reads_a_note_open_to_the_team(file, report, worker, name):
    args = [file.pk] if name == "files:report_add" else [file.pk, report.pk]
    text = help_of_confidentiality(client_for(worker).get(reverse(name, args=args)))
    assert "« Toute l'équipe » : le lisent" in text
    for reader in (
        "dans l'équipe du dossier, Assistant(e) social(e), Chef de service social",
        "Service juridique",
        "Secrétaire du comité",
        "Président(e)",
        "pendant que leur organe décide sur ce dossier, Membre du comité",
        "accès exceptionnel",
    ):
        assert reader in text, reader
    assert "pas même le chef de service" in text  # the sealed level is still explained
