"""A letter whose PDF retention removed: the download and the merge say so in French instead of failing."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from letters import services
from letters.models import Kind, Letter
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def removed(decision, people):
    letter = services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    Letter.objects.filter(pk=letter.pk).update(pdf="")  # as retention anonymises it
    letter.refresh_from_db()
    return letter


def test_the_download_sends_back_to_the_files_letters_with_a_french_message(removed, people, outsider):
    client = client_for(people["worker"])
    response = client.get(reverse("letters:pdf", args=[removed.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:file", args=[removed.file_id])
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == (
        f"Le PDF de la lettre {removed.code} n'est plus conservé : "
        "sa durée de conservation a pris fin et il a été supprimé."
    )
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.DOWNLOAD).exists()
    assert client_for(outsider).get(reverse("letters:pdf", args=[removed.pk])).status_code == 404


def test_the_merge_names_the_letter_without_pdf(removed):
    with pytest.raises(ValidationError, match=f"Le PDF de la lettre {removed.code} n'est plus conservé"):
        services.merge([removed])
