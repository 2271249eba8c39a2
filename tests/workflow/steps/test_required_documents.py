"""Completeness (issue 13, point 8): a proposal is submitted, and an aid granted, only with every required
document present or waived with a reason; attacked through the step page, the service and the meeting."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aid.models import RequiredDocument
from audit.models import AuditEvent
from documents.models import Document, DocumentType
from files import waivers
from files.models import AidRequest, FileEvent, RequirementWaiver
from tests.files.conftest import client_for, page_text
from tests.meetings import add_to_agenda, body_for, decide_in_session, meeting_today
from tests.querycount import assert_constant_queries
from tests.workflow.steps.conftest import make_proposal, provide_documents
from workflow import services
from workflow.declaration import BY_NAME, State
from workflow.guards import GUARDS

pytestmark = pytest.mark.django_db
MISSING = "Pièces manquantes pour « Aide financière test » : Carte d'identité, Fiche de paie."


@pytest.fixture
def pieces(aid_type):
    """The test aid requires an identity card and a pay slip."""
    types = [
        DocumentType.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in (("identity_card", "Carte d'identité"), ("pay_slip", "Fiche de paie"))
    ]
    for position, document_type in enumerate(types):
        RequiredDocument.objects.create(aid_type=aid_type, document_type=document_type, position=position)
    return types


def take(actor, proposal, name, comment=""):
    proposal.refresh_from_db()
    return services.take(
        actor=actor, proposal=proposal, transition=name, expected_version=proposal.version, comment=comment
    )


def step_url(proposal, name="submit"):
    return reverse("steps:take", args=[proposal.file_id, proposal.pk, name])


def post_step(client, proposal, name="submit", **data):
    proposal.refresh_from_db()
    return client.post(step_url(proposal, name), {"version": proposal.version, **data}, follow=True)


def test_the_guard_is_declared_on_submitting_and_on_every_grant_but_not_on_a_refusal():
    for name in ("submit", "grant", "grant_amended", "urgent_grant"):
        assert "documents" in BY_NAME[name].guards, name
    assert "documents" not in BY_NAME["refuse"].guards  # missing pieces may be the very reason to refuse


def test_the_step_page_refuses_to_submit_with_missing_pieces_and_names_them(
    file, request_, worker, aid_type, pieces
):
    proposal = make_proposal(file, request_, worker, aid_type, documents=False)
    text = page_text(post_step(client_for(worker), proposal))
    assert MISSING in text
    assert "Motif de la dispense : Carte d'identité" in text  # the same page offers to waive each
    proposal.refresh_from_db()
    assert proposal.state == State.DRAFT


def test_the_service_refuses_and_lets_the_proposal_through_once_present_or_waived(
    file, request_, worker, aid_type, pieces
):
    proposal = make_proposal(file, request_, worker, aid_type, documents=False)
    with pytest.raises(ValidationError) as error:
        take(worker, proposal, "submit")
    assert error.value.messages == [
        MISSING + " Joignez-les à la demande, ou dispensez-en chacune en indiquant le motif."
    ]
    Document.objects.create(file=file, type=pieces[0], title="Carte", author=worker)  # filed in the file
    with pytest.raises(ValidationError, match="Fiche de paie\\. "):
        take(worker, proposal, "submit")
    waivers.waive(
        actor=worker, aid_request=request_, document_type=pieces[1], reason="Sans emploi", aid_type=aid_type
    )
    take(worker, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_waivers_given_with_the_submit_are_recorded_with_the_step(file, request_, worker, aid_type, pieces):
    proposal = make_proposal(file, request_, worker, aid_type, documents=False)
    client = client_for(worker)
    reasons = {
        f"waive_{pieces[0].pk}": "Carte volée, déclaration de vol au dossier",
        f"waive_{pieces[1].pk}": "",
    }
    text = page_text(post_step(client, proposal, **reasons))
    assert "Pièces manquantes pour « Aide financière test » : Fiche de paie." in text
    assert not RequirementWaiver.objects.exists(), "a refused step leaves no waiver behind"
    reasons[f"waive_{pieces[1].pk}"] = "Sans emploi depuis 2024"
    post_step(client, proposal, **reasons)
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    assert {(w.document_type, w.waived_by) for w in RequirementWaiver.objects.all()} == {
        (pieces[0], worker),
        (pieces[1], worker),
    }
    audited = AuditEvent.objects.filter(target_type="files.requirementwaiver", verb=AuditEvent.Verb.CREATE)
    assert audited.count() == 2
    assert file.events.filter(kind=FileEvent.Kind.WAIVER, summary__contains="Carte volée").exists()


def test_the_head_of_service_sees_the_waivers_when_validating(file, request_, worker, head, aid_type, pieces):
    proposal = make_proposal(file, request_, worker, aid_type, documents=False)
    for piece, reason in zip(pieces, ("Carte volée", "Sans emploi depuis 2024"), strict=True):
        waivers.waive(
            actor=worker, aid_request=request_, document_type=piece, reason=reason, aid_type=aid_type
        )
    take(worker, proposal, "submit")
    page = page_text(client_for(head).get(reverse("workflow:detail", args=[file.pk, proposal.pk])))
    assert "Pièces requises" in page and "Valider" in page
    assert (
        "Dispense accordée par Amélie Lambert" in page
        and "Carte volée" in page
        and "Sans emploi depuis 2024" in page
    )


def test_the_meeting_and_the_president_do_not_grant_with_a_missing_piece(
    file, request_, worker, aid_type, pieces, people
):
    provide_documents(request_, aid_type, worker)
    on_agenda = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA, documents=False)
    Document.objects.filter(type=pieces[1]).delete()  # the pay slip was filed on another file by mistake
    with pytest.raises(ValidationError, match="Fiche de paie"):
        decide_in_session(on_agenda, "grant", by=people["secretary"])
    on_agenda.refresh_from_db()
    assert on_agenda.state == State.ON_AGENDA
    other = AidRequest.objects.create(file=file, aid="financial", registered_by=worker)
    submitted = make_proposal(file, other, worker, aid_type, state=State.SUBMITTED, documents=False)
    with pytest.raises(ValidationError, match="Carte d'identité, Fiche de paie"):
        take(people["president"], submitted, "urgent_grant", comment="Expulsion annoncée.")
    decision = decide_in_session(on_agenda, "refuse", by=people["secretary"])  # refusing needs no piece
    assert decision.outcome == "refused"


def test_the_committee_item_shows_the_checklist(file, request_, worker, aid_type, pieces, people):
    Document.objects.create(
        file=file, request=request_, type=pieces[0], title="Carte recto verso", author=worker
    )
    waivers.waive(
        actor=worker, aid_request=request_, document_type=pieces[1], reason="Sans emploi", aid_type=aid_type
    )
    proposal = make_proposal(file, request_, worker, aid_type, state=State.READY, documents=False)
    item = add_to_agenda(proposal, meeting_today(body_for(proposal, secretary=people["secretary"])))
    url = reverse("committee:item", args=[item.meeting_id, item.number])
    text = page_text(client_for(people["secretary"]).get(url))
    assert "Pièces requises" in text
    assert "Présente Carte d'identité" in text
    assert "Dispensée Fiche de paie" in text and "Sans emploi" in text


def test_the_guard_costs_the_same_whatever_the_requirements_and_documents(
    file, request_, worker, aid_type, pieces
):
    proposal = make_proposal(file, request_, worker, aid_type)

    def grow():
        for n in range(40):
            extra = DocumentType.objects.create(code=f"piece_{n}", label=f"Pièce {n}")
            RequiredDocument.objects.create(aid_type=aid_type, document_type=extra, position=10 + n)
            Document.objects.create(
                file=file, request=request_, type=extra, title=f"Pièce {n}", author=worker
            )
            if n % 2:
                waivers.waive(
                    actor=worker, aid_request=request_, document_type=extra, reason="Motif", aid_type=aid_type
                )

    assert_constant_queries(lambda: GUARDS["documents"](proposal), grow)
    assert GUARDS["documents"](proposal) == ""


def test_the_step_page_costs_the_same_whatever_the_missing_pieces(file, request_, worker, aid_type, pieces):
    proposal = make_proposal(file, request_, worker, aid_type, documents=False)
    client = client_for(worker)

    def grow():
        for n in range(30):
            extra = DocumentType.objects.create(code=f"piece_{n}", label=f"Pièce {n}")
            RequiredDocument.objects.create(aid_type=aid_type, document_type=extra, position=10 + n)
            if n % 2:
                Document.objects.create(file=file, type=extra, title=f"Pièce {n}", author=worker)

    Document.objects.create(file=file, type=pieces[0], title="Carte", author=worker)
    assert_constant_queries(lambda: client.get(step_url(proposal)), grow)
