"""Letters generated from the file's data: PDF/A read back, QR code, register, download through the policy."""

import io

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditEvent
from letters import services
from letters.models import Kind, Letter, LetterTemplate
from tests.files.conftest import client_for
from tests.letters.conftest import letter_text, pdf_text
from workflow import deadlines

pytestmark = pytest.mark.django_db


def test_the_notification_carries_every_mandatory_mention_and_the_amount(decision, people):
    letter = services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    text = letter_text(letter)
    for mention in (
        "500,00",  # the amount
        "500,00 € par mois",  # its computation
        "En fait",
        "La personne n'a pas de revenus.",
        "En droit",
        "Article 1er de la loi organique.",
        "tribunal du travail",
        "3 mois",
        "728",
        "1017",
        "n'est pas suspensif",
        decision.proposal.file.reference,
        "Rue de Nimy 12 7000 Mons",  # line by line, in the envelope's window
        letter.code,
    ):
        assert mention in text, mention
    assert letter.recipient.startswith(decision.proposal.file.beneficiary.full_name)


def test_the_pdf_is_pdf_a_and_its_qr_code_decodes_to_the_letter_identifier(decision, people):
    letter = services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    with letter.pdf.open("rb") as pdf:
        data = pdf.read()
    metadata = PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_data()
    assert b"pdfaid:part" in metadata  # declared PDF/A in its XMP metadata
    page = pypdfium2.PdfDocument(data)[0].render(scale=3).to_pil()
    assert [r.text for r in zxingcpp.read_barcodes(page)] == [letter.code]


def test_the_acknowledgement_states_the_decision_deadline(file, request_, worker):
    letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    due = deadlines.decision_due(request_.requested_on)
    assert f"{due:%d/%m/%Y}" in letter_text(letter)


def test_an_edited_template_is_used_for_the_next_letter(file, request_, worker):
    template = LetterTemplate.objects.get(kind=Kind.ACKNOWLEDGEMENT)
    template.html = "<p>Bonjour {{ person.full_name }}, dossier {{ file.reference }}.</p>"
    template.save()
    letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    assert f"Bonjour {file.beneficiary.full_name}, dossier {file.reference}." in letter_text(letter)


def test_the_hearing_and_piis_letters_come_from_the_proposal(decision, worker):
    proposal = decision.proposal
    for kind, words in ((Kind.HEARING, "droit d'être entendu"), (Kind.PIIS, "intégration sociale (PIIS)")):
        letter = services.generate(actor=worker, kind=kind, file=proposal.file, proposal=proposal)
        assert words in letter_text(letter)


def test_the_piis_letter_states_the_reflection_period_of_the_aid_type(decision, worker):
    """5 calendar days and 3 months by default: the aid type's data, corrected in the admin."""
    proposal = decision.proposal
    aid_type = proposal.aid_type
    aid_type.piis_reflection_days, aid_type.piis_conclude_months = 5, 3
    aid_type.save()
    text = letter_text(services.generate(actor=worker, kind=Kind.PIIS, file=proposal.file, proposal=proposal))
    assert "délai de réflexion de 5 jours calendrier" in text and "dans les 3 mois de la décision" in text
    aid_type.piis_reflection_days = 7
    aid_type.save()
    text = letter_text(services.generate(actor=worker, kind=Kind.PIIS, file=proposal.file, proposal=proposal))
    assert "délai de réflexion de 7 jours calendrier" in text


def test_a_letter_written_on_the_file_page_is_listed_there_and_in_the_register(decision, people):
    file = decision.proposal.file
    legal = client_for(people["legal"])
    response = legal.post(
        reverse("letters:file", args=[file.pk]), {"kind": "notification", "decision": decision.pk}
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.code in legal.get(reverse("letters:file", args=[file.pk])).content.decode()
    register = legal.get(reverse("letters:register")).content.decode()
    assert letter.code in register
    assert file.reference in register
    assert "Notification de la décision" in register


def test_a_download_is_audited_and_one_who_may_not_see_the_file_gets_404(decision, people, outsider):
    letter = services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    url = reverse("letters:pdf", args=[letter.pk])
    response = client_for(people["worker"]).get(url)
    assert response.status_code == 200
    assert letter.code in pdf_text(b"".join(response.streaming_content))
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.DOWNLOAD, user=people["worker"]).exists()
    assert client_for(outsider).get(url).status_code == 404


def test_a_social_worker_may_not_write_the_notification(decision, worker):
    file = decision.proposal.file
    response = client_for(worker).post(
        reverse("letters:file", args=[file.pk]), {"kind": "notification", "decision": decision.pk}
    )
    assert response.status_code == 403
    assert not Letter.objects.exists()
