"""Workflow law (issue 11, point 6): no urgent refusal, the social inquiry before submitting, the PIIS or its
motivated dispensation, and a hearing offered before an adverse decision; each attacked through every path."""

import datetime
import random

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from files.models import AidRequest, Report
from people import synthetic
from tests.files.conftest import client_for, page_text
from tests.meetings import add_to_agenda, body_for, decide_in_session, hold, meeting_today
from tests.workflow.steps.conftest import make_proposal, write_inquiry
from workflow import proposals, services
from workflow.declaration import BY_NAME, TRANSITIONS, State
from workflow.models import Decision, Proposal

pytestmark = pytest.mark.django_db
D = datetime.date


def step(client, proposal, name, **data):
    proposal.refresh_from_db()
    url = reverse("steps:take", args=[proposal.file_id, proposal.pk, name])
    return client.post(url, {"version": proposal.version, "comment": "Urgent.", **data}, follow=True)


def take(actor, proposal, name, comment="Urgent."):
    proposal.refresh_from_db()
    return services.take(
        actor=actor, proposal=proposal, transition=name, expected_version=proposal.version, comment=comment
    )


# The president's urgent power: to grant only.


def test_no_declared_urgent_step_refuses():
    assert "urgent_refuse" not in BY_NAME
    assert [t.name for t in TRANSITIONS if t.urgent] == ["urgent_grant"]


def test_an_urgent_refusal_is_refused_on_the_step_page_and_by_the_service(
    file, request_, worker, aid_type, people
):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)
    president = client_for(people["president"])
    page = president.get(reverse("workflow:detail", args=[file.pk, proposal.pk]))
    assert "Octroyer en urgence" in page_text(page) and "Refuser en urgence" not in page_text(page)
    assert step(president, proposal, "urgent_refuse").status_code == 404
    with pytest.raises(PermissionDenied):
        take(people["president"], proposal, "urgent_refuse")
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED and not proposal.decisions.exists()


def test_an_urgent_refusal_is_refused_on_the_meeting_page(file, request_, worker, aid_type, people):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.READY)
    meeting = meeting_today(body_for(proposal, president=people["president"]))
    add_to_agenda(proposal, meeting)
    hold(meeting, recorder=people["president"])
    url = reverse("committee:item", args=[meeting.pk, 1])
    page = client_for(people["president"]).post(url, {"transition": "urgent_refuse"}, follow=True)
    assert "Décision inconnue." in page_text(page)
    with pytest.raises(ValidationError):
        decide_in_session(proposal, "urgent_refuse", by=people["president"])
    assert not Decision.objects.exists()


def test_no_urgent_refusal_can_be_written_even_outside_the_workflow(file, request_, worker, aid_type, people):
    """The admin registers no decision, and the database itself refuses an urgent refusal."""
    assert Decision not in admin.site._registry
    proposal = make_proposal(file, request_, worker, aid_type, state=State.DECIDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(proposal=proposal, outcome="refused", urgent=True, recorded_by=worker)
    Decision.objects.create(proposal=proposal, outcome="granted", urgent=True, recorded_by=worker)


# The social inquiry before submitting.


def bare_request(file, worker, day=None) -> AidRequest:
    """A second request of the file, after the fixture's inquiry: nothing written for it yet."""
    return AidRequest.objects.create(
        file=file, aid="financial", requested_on=day or D(2026, 11, 16), registered_by=worker
    )


def test_a_proposal_without_a_social_report_is_not_submitted_by_any_path(file, worker, aid_type):
    write_inquiry(file, worker, day=D(2026, 11, 3))  # an older inquiry, for an earlier request
    request = bare_request(file, worker)
    proposal = make_proposal(file, request, worker, aid_type, start_on=D(2026, 11, 16))
    text = page_text(step(client_for(worker), proposal, "submit"))
    assert "rédigez le rapport social de cette demande (daté du 16/11/2026 ou après)" in text
    with pytest.raises(ValidationError, match="rapport social"):
        take(worker, proposal, "submit")
    write_inquiry(file, worker, day=D(2026, 11, 18))
    take(worker, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_an_aid_that_requires_a_home_visit_is_not_submitted_without_one(file, worker, ri):
    ri_type, isole = ri
    assert ri_type.home_visit_required and ri_type.social_report_required  # the catalogue's data
    request = bare_request(file, worker)
    Report.objects.create(
        file=file,
        kind=Report.Kind.SOCIAL_REPORT,
        title="Rapport",
        body="<p>x</p>",
        written_on=D(2026, 11, 17),
        author=worker,
    )
    proposal = make_proposal(file, request, worker, ri_type, category=isole, start_on=D(2026, 11, 16))
    text = page_text(step(client_for(worker), proposal, "submit"))
    assert "demande une visite à domicile" in text
    with pytest.raises(ValidationError, match="visite à domicile"):
        take(worker, proposal, "submit")
    ri_type.home_visit_required = False  # data the administrator may change
    ri_type.save()
    take(worker, proposal, "submit")


# The PIIS, or its motivated dispensation.


def adult(person):
    """Born in 1980, so 25 or older whatever today's date; the national number follows the birth date."""
    person.birth_date = D(1980, 5, 17)
    person.national_number = synthetic.national_number(person.birth_date, person.sex, random.Random(1980))
    person.save()


def ri_proposal(file, request, worker, ri, **fields):
    ri_type, isole = ri
    values = {"category": isole, "piis_dispensation": "", "piis_dispensation_reason": ""}
    return make_proposal(file, request, worker, ri_type, **(values | fields))


def test_a_new_beneficiary_without_piis_or_dispensation_is_not_submitted_by_any_path(
    file, request_, worker, ri
):
    adult(file.beneficiary)  # the factory's random birth date may make the person under 25: another reason
    proposal = ri_proposal(file, request_, worker, ri)
    text = page_text(step(client_for(worker), proposal, "submit"))
    assert "Un projet individualisé d'intégration sociale (PIIS) est obligatoire" in text
    assert "nouveau bénéficiaire" in text
    with pytest.raises(ValidationError, match="PIIS"):
        take(worker, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.state == State.DRAFT


def test_a_dispensation_needs_its_reason_and_then_lets_the_proposal_through(file, request_, worker, ri):
    proposal = ri_proposal(file, request_, worker, ri)
    data = {name: getattr(proposal, name) for name in proposals.FIELDS}
    data |= {"piis_dispensation": "health", "amount": None}  # the amount computed from the file
    with pytest.raises(ValidationError) as refused:
        proposals.update_proposal(
            actor=worker, proposal=proposal, data=data, expected_version=proposal.version
        )
    assert "Motivez la dispense" in str(refused.value.message_dict["piis_dispensation_reason"])
    data["piis_dispensation_reason"] = "Hospitalisation de longue durée attestée par le médecin traitant."
    proposals.update_proposal(actor=worker, proposal=proposal, data=data, expected_version=proposal.version)
    take(worker, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_neither_the_meeting_nor_the_president_grants_a_required_piis_away(
    file, request_, worker, ri, people
):
    on_agenda = ri_proposal(file, request_, worker, ri, state=State.ON_AGENDA)
    with pytest.raises(ValidationError, match="PIIS"):
        decide_in_session(on_agenda, "grant", by=people["secretary"])
    on_agenda.refresh_from_db()
    assert on_agenda.state == State.ON_AGENDA
    other = AidRequest.objects.create(file=file, aid="ri", requested_on=D(2026, 11, 2), registered_by=worker)
    submitted = ri_proposal(file, other, worker, ri, state=State.SUBMITTED)
    with pytest.raises(ValidationError, match="PIIS"):
        take(people["president"], submitted, "urgent_grant")
    submitted.piis = True
    submitted.save()
    take(people["president"], submitted, "urgent_grant")


def test_no_piis_is_required_of_a_beneficiary_of_25_or_more_who_had_the_right_in_the_last_3_months(
    file, request_, worker, ri, people
):
    person = file.beneficiary
    person.birth_date = D(1980, 5, 1)
    person.save()
    earlier = AidRequest.objects.create(file=file, aid="ri", requested_on=D(2026, 1, 5), registered_by=worker)
    before = ri_proposal(file, earlier, worker, ri, piis=True, start_on=D(2026, 1, 5), end_on=D(2026, 9, 30))
    Decision.objects.create(proposal=before, outcome="granted", decided_on=D(2026, 1, 20), recorded_by=worker)
    proposal = ri_proposal(file, request_, worker, ri)  # requested 02/11/2026: a right until 30/09 counts
    take(worker, proposal, "submit")
    young = ri_proposal(file, request_, worker, ri)
    person.birth_date = D(2003, 1, 1)  # 23 on the start date: the PIIS is required again
    person.save()
    with pytest.raises(ValidationError, match="moins de 25 ans"):
        take(worker, young, "submit")


# The right to be heard before an adverse decision.


def test_a_refusal_is_neither_submitted_nor_decided_before_the_person_was_offered_a_hearing(
    file, request_, worker, aid_type, people
):
    assert aid_type.hearing_before_adverse and not aid_type.right_to_be_heard
    refusal = make_proposal(file, request_, worker, aid_type, granted=False, heard_informed_on=None)
    text = page_text(step(client_for(worker), refusal, "submit"))
    assert "droit d'être entendue (elle peut se faire assister ou représenter)" in text
    with pytest.raises(ValidationError, match="droit d'être entendue"):
        take(worker, refusal, "submit")
    grant = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA, heard_informed_on=None)
    with pytest.raises(ValidationError, match="droit d'être entendue"):
        decide_in_session(grant, "refuse", by=people["secretary"])
    grant.refresh_from_db()
    assert grant.state == State.ON_AGENDA
    grant.hearing_waived_on = D(2026, 11, 5)  # the person declined in writing
    grant.save()
    assert decide_in_session(grant, "refuse", by=people["secretary"]).outcome == "refused"


def test_a_written_waiver_is_a_proposal_field_that_cannot_lie_in_the_future(file, request_, worker, aid_type):
    proposal = make_proposal(file, request_, worker, aid_type, granted=False, heard_informed_on=None)
    data = {name: getattr(proposal, name) for name in proposals.FIELDS}
    with pytest.raises(ValidationError) as refused:
        proposals.update_proposal(
            actor=worker,
            proposal=proposal,
            data=data | {"hearing_waived_on": D(2099, 1, 1)},
            expected_version=proposal.version,
        )
    assert "hearing_waived_on" in refused.value.message_dict
    proposals.update_proposal(
        actor=worker,
        proposal=proposal,
        data=data | {"hearing_waived_on": D(2026, 11, 4)},
        expected_version=proposal.version,
    )
    take(worker, Proposal.objects.get(pk=proposal.pk), "submit")
