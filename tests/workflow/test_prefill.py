"""Issue 14, point 3: the proposal form fills itself from the catalogue, the request and the social report.

The amount and its calculation follow the category while the social worker has not typed their own; the
catalogue's "[date de la demande]" is the request's date; the latest social report's facts go into the
motivation in one click, for whoever may read that report, and the insertion is an audited read.
"""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from files.models import Report
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.querycount import assert_constant_queries
from tests.workflow.conftest import RI_LEGAL_BASIS, complete_data
from tests.workflow.test_proposal import create_url, preview_url, typed_in, url
from workflow import notification, proposals, report_facts
from workflow.forms import ProposalForm, prefill
from workflow.models import Proposal

pytestmark = pytest.mark.django_db
D = datetime.date
CATALOGUE_FACTS = (
    "En fait : vous avez demandé le revenu d'intégration le [date de la demande]. L'enquête sociale établit "
    "que [situation].\n\nEn droit : article 3 de la loi du 26 mai 2002."
)


def posted(ri, category, **overrides) -> dict:
    data = {
        "aid_type": ri.pk,
        "category": category.pk if category else "",
        "granted": "True",
        "amount": "",
        "amount_filled": "",
        "computation": "",
        "computation_filled": "",
        "start_on": "02/03/2026",
        "end_on": "31/03/2026",
        "periodicity": "monthly",
        "first_payment_on": "05/03/2026",
        "motivation_facts": "Ce que l'assistante a déjà tapé.",
        "motivation_law": RI_LEGAL_BASIS,
        "heard_informed_on": "02/03/2026",
    }
    return data | overrides


def computed_box(response):
    return BeautifulSoup(response.content, "html.parser").select_one("#computed-amount")


def report(file, author, written_on, body, kind=Report.Kind.SOCIAL_REPORT, **fields):
    return Report.objects.create(
        file=file,
        kind=kind,
        title="Rapport social",
        body=body,
        author=author,
        written_on=written_on,
        **fields,
    )


LATEST_BODY = (
    "<h3>Situation familiale</h3><p>Madame Dubois, 41 ans, vit seule.</p>"
    "<h3>Ressources et charges</h3><ul><li>Aucun revenu depuis février.</li><li>Loyer de 650 €.</li></ul>"
    "<h3>Analyse et proposition</h3><p>Nous proposons d'octroyer le revenu d'intégration.</p>"
)


# 1. The amount and its calculation follow the catalogue


def test_choosing_the_category_fills_the_amount_and_its_calculation_in_the_preview(
    worker, ri_request, ri, isole
):
    response = client_for(worker).post(preview_url(ri_request), posted(ri, isole), HTTP_HX_REQUEST="true")
    box = computed_box(response)
    assert box.has_attr("hx-swap-oob")
    assert box["data-amount"] == "1340,49"  # the rate since March 2026, no resources
    assert "1.340,49" in box["data-computation"]
    assert "Reprendre le montant calculé" not in box.get_text()
    assert "Montant : 1.340,49 € par mois" in page_text(response)  # the letter states it already


def test_an_amount_the_page_filled_in_follows_a_new_category(worker, ri_request, ri, isole):
    cohabitant = ri.categories.get(code="cohabitant")
    data = posted(
        ri, cohabitant, amount="1340,49", amount_filled="1340,49", computation_filled="x", computation="x"
    )
    response = client_for(worker).post(preview_url(ri_request), data, HTTP_HX_REQUEST="true")
    box = computed_box(response)
    assert box["data-amount"] == "893,66"
    assert "diffère" not in box.get_text()
    assert "Montant : 893,66 € par mois" in page_text(response)


def test_a_typed_amount_is_kept_and_the_computed_one_shown_beside_it(worker, ri_request, ri, isole):
    data = posted(ri, isole, amount="900,00", amount_filled="1340,49")
    response = client_for(worker).post(preview_url(ri_request), data, HTTP_HX_REQUEST="true")
    box = computed_box(response)
    assert box["data-amount"] == "1340,49"
    text = box.get_text(" ", strip=True)
    assert "Montant calculé : 1.340,49 €. Le montant proposé en diffère" in text
    assert box.find("button", attrs={"name": "use_computed"}).get_text() == "Reprendre le montant calculé"
    assert "Montant : 900,00 € par mois" in page_text(response)


def test_saving_an_amount_left_as_filled_stores_the_computed_one_even_if_the_preview_lagged(
    worker, ri_request, ri
):
    cohabitant = ri.categories.get(code="cohabitant")
    data = posted(ri, cohabitant, amount="1340,49", amount_filled="1340,49", computation="Taux isolé.")
    data["computation_filled"] = "Taux isolé."
    response = client_for(worker).post(create_url(ri_request), data)
    assert response.status_code == 302
    saved = Proposal.objects.get(request=ri_request)
    assert saved.amount == saved.computed_amount == Decimal("893.66")
    assert "893,66" in saved.computation and saved.amount_override_reason == ""


def test_a_typed_amount_is_saved_with_its_reason(worker, ri_request, ri, isole):
    data = posted(ri, isole, amount="900,00", amount_override_reason="Loyer exceptionnel.")
    assert client_for(worker).post(create_url(ri_request), data).status_code == 302
    saved = Proposal.objects.get(request=ri_request)
    assert saved.amount == Decimal("900.00") and saved.computed_amount == Decimal("1340.49")


def test_without_javascript_the_button_takes_the_computed_amount_back_and_keeps_the_rest(
    worker, ri_request, ri, isole
):
    data = posted(ri, isole, amount="900,00", use_computed="1")
    response = client_for(worker).post(create_url(ri_request), data)
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert typed_in(response, "amount") == "1340,49"
    assert typed_in(response, "amount_filled") == "1340,49"
    assert "1.340,49" in typed_in(response, "computation")
    assert typed_in(response, "motivation_facts") == "Ce que l'assistante a déjà tapé."
    assert not BeautifulSoup(response.content, "html.parser").select(".field-error")


def test_an_edited_proposal_saved_at_the_computed_amount_keeps_following_it(worker, proposal):
    form = ProposalForm(initial=ProposalForm.initial_for(proposal))
    assert proposal.amount == proposal.computed_amount
    assert form.initial["amount_filled"] == "1340,49"


# 2. The catalogue's blanks


def test_the_prefilled_motivation_states_the_request_date(ri_request, ri):
    ri.default_motivation = CATALOGUE_FACTS
    ri.save()
    initial = prefill(ri_request)
    assert initial["motivation_facts"] == (
        "vous avez demandé le revenu d'intégration le 02/03/2026. L'enquête sociale établit que [situation]."
    )


def test_the_form_page_shows_the_request_date_in_the_motivation(worker, ri_request, ri):
    ri.default_motivation = CATALOGUE_FACTS
    ri.save()
    response = client_for(worker).get(create_url(ri_request))
    assert "le revenu d'intégration le 02/03/2026." in typed_in(response, "motivation_facts")
    assert "[date de la demande]" not in response.content.decode()


def test_a_saved_motivation_still_holding_the_blank_gets_the_date_in_the_letter(
    worker, ri_request, ri, isole
):
    facts = "Vous avez demandé le revenu d'intégration le [date de la demande]."
    saved = proposals.create_proposal(
        actor=worker, request=ri_request, data=complete_data(ri, isole, motivation_facts=facts)
    )
    saved = Proposal.objects.get(pk=saved.pk)
    letter = notification.build(saved)
    assert letter.facts == "Vous avez demandé le revenu d'intégration le 02/03/2026."
    assert not [m for m in letter.missing if "motivation" in m]
    assert "le 02/03/2026" in page_text(client_for(worker).get(url("detail", saved)))


def test_a_blank_the_file_cannot_answer_is_flagged_so_no_letter_leaves_with_brackets(
    worker, ri_request, ri, isole
):
    facts = "Vous avez demandé le [date de la demande] une aide pour [objet]."
    saved = proposals.create_proposal(
        actor=worker, request=ri_request, data=complete_data(ri, isole, motivation_facts=facts)
    )
    missing = notification.build(saved).missing
    assert "la motivation en fait, qui contient encore « [objet] » à remplacer" in missing
    assert not [m for m in missing if "date de la demande" in m]
    response = client_for(worker).post(
        preview_url(ri_request), posted(ri, isole, motivation_facts=facts), HTTP_HX_REQUEST="true"
    )
    assert "qui contient encore « [objet] »" in page_text(response)


# 3. The latest social report's facts


@pytest.fixture
def reports(file, worker):
    older = report(file, worker, D(2026, 1, 10), "<p>Ancienne situation, dépassée.</p>")
    latest = report(file, worker, D(2026, 3, 3), LATEST_BODY)
    report(file, worker, D(2026, 3, 4), "<p>Note de suivi plus récente.</p>", kind=Report.Kind.NOTE)
    return older, latest


def test_the_facts_are_the_report_s_sections_as_plain_paragraphs_without_its_proposal():
    assert report_facts.facts_of(LATEST_BODY) == (
        "Situation familiale : Madame Dubois, 41 ans, vit seule.\n\n"
        "Ressources et charges :\n– Aucun revenu depuis février.\n– Loyer de 650 €."
    )
    assert report_facts.facts_of("<p>Un &amp; deux<br>trois</p><p>quatre</p>") == "Un & deux\ntrois\n\nquatre"


def test_the_button_names_the_date_of_the_latest_social_report(worker, ri_request, reports):
    response = client_for(worker).get(create_url(ri_request))
    button = BeautifulSoup(response.content, "html.parser").find("button", attrs={"name": "insert_report"})
    assert button.get_text() == "Insérer les faits du dernier rapport social (du 03/03/2026)"
    assert button["data-insert-report"] == reverse("workflow:report_facts", args=[ri_request.file_id])


def test_without_a_social_report_there_is_no_button(worker, ri_request, file):
    report(file, worker, D(2026, 3, 4), "<p>Une note.</p>", kind=Report.Kind.NOTE)
    response = client_for(worker).get(create_url(ri_request))
    assert 'name="insert_report"' not in response.content.decode()


def test_inserting_appends_the_latest_report_s_facts_keeps_everything_typed_and_is_an_audited_read(
    worker, ri_request, ri, isole, reports
):
    _older, latest = reports
    data = posted(ri, isole, amount="900,00", insert_report=str(latest.pk))
    response = client_for(worker).post(create_url(ri_request), data)
    assert response.status_code == 200 and not Proposal.objects.exists()
    facts = typed_in(response, "motivation_facts")
    assert facts.startswith("Ce que l'assistante a déjà tapé.\n\nSituation familiale : Madame Dubois, 41 ans")
    assert "Aucun revenu depuis février." in facts
    assert "Ancienne situation" not in facts and "Note de suivi" not in facts
    assert "Nous proposons" not in facts
    assert typed_in(response, "amount") == "900,00"
    assert not BeautifulSoup(response.content, "html.parser").select(".field-error")
    read = AuditEvent.objects.get(verb="view", target_type="files.report", target_id=str(latest.pk))
    assert read.detail["section"] == "reports" and read.file_id == ri_request.file_id


def test_the_page_s_script_gets_the_same_facts_and_the_read_is_audited(worker, ri_request, reports):
    _older, latest = reports
    response = client_for(worker).get(reverse("workflow:report_facts", args=[ri_request.file_id]))
    assert response.json()["written_on"] == "03/03/2026"
    assert response.json()["text"] == report_facts.facts_of(LATEST_BODY)
    assert AuditEvent.objects.filter(
        verb="view", target_id=str(latest.pk), target_type="files.report"
    ).exists()


def test_a_report_the_user_may_not_read_is_neither_offered_nor_given(
    team, ri_request, ri, isole, file, reports
):
    _older, latest = reports
    colleague = UserFactory(role=Role.SOCIAL_WORKER, teams=[team])
    Report.objects.filter(pk=latest.pk).update(confidentiality=Report.Confidentiality.SEALED)
    report_pk = _older.pk
    Report.objects.filter(pk=report_pk).update(confidentiality=Report.Confidentiality.SEALED)
    client = client_for(colleague)
    assert 'name="insert_report"' not in client.get(create_url(ri_request)).content.decode()
    response = client.post(create_url(ri_request), posted(ri, isole, insert_report=str(latest.pk)))
    assert typed_in(response, "motivation_facts") == "Ce que l'assistante a déjà tapé."
    assert client.get(reverse("workflow:report_facts", args=[file.pk])).json()["text"] == ""
    assert not AuditEvent.objects.filter(target_type="files.report").exists()


def test_a_role_that_does_not_read_reports_is_refused_the_facts(ri_request, reports):
    clerk = UserFactory(role=Role.PAYMENT_CLERK)
    response = client_for(clerk).get(reverse("workflow:report_facts", args=[ri_request.file_id]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(target_type="files.report").exists()


def test_the_form_page_costs_the_same_queries_however_many_reports_the_file_holds(
    worker, ri_request, ri, file, reports
):
    client = client_for(worker)

    def grow():
        for day in range(1, 8):
            report(file, worker, D(2025, 12, day), f"<p>Rapport {day}.</p>")
            report(file, worker, D(2026, 3, 5), "<p>Note.</p>", kind=Report.Kind.NOTE)

    assert_constant_queries(lambda: client.get(create_url(ri_request)), grow)
