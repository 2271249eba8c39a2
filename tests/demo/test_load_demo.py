"""The demo loader (demo/): accounts that work, valid synthetic identifiers, consistent files, idempotence."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.test import RequestFactory
from django.utils import timezone
from stdnum.be import bis as bis_std
from stdnum.be import iban as be_iban_std
from stdnum.be import nn as nn_std

from access.models import BreakGlass, Membership, Team
from access.roles import Role
from audit.models import AuditEvent
from demo import accounts, builder, places, resources
from demo.plan import DEMO_UNTIL, plan_demo
from files.models import AidRequest, FileEvent, Report, SocialFile
from files.selectors import my_files
from people.models import Address, BankAccount, HouseholdMember, Person, Resource
from people.normalize import search_name

pytestmark = pytest.mark.django_db
SIZE = 20


@pytest.fixture
def fast_hasher(settings, tmp_path):
    """PBKDF2 costs ~0.5 s per log-in; the test checks the accounts, not the hasher. (The demo's letters go
    to a throwaway media directory.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def demo(fast_hasher):
    return builder.build_demo(beneficiaries=SIZE)


def load_demo(size: int = SIZE) -> str:
    out = StringIO()
    call_command("load_demo", "--beneficiaries", str(size), stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        User,
        Team,
        Membership,
        Person,
        Address,
        HouseholdMember,
        BankAccount,
        Resource,
        SocialFile,
        AidRequest,
        Report,
        FileEvent,
        AuditEvent,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_every_role_has_an_account_that_can_log_in(demo, client):
    for role in Role:
        assert User.objects.filter(groups__name=role.value, is_active=True).exists(), role
    for account in accounts.ACCOUNTS:
        # django-axes wants the request that carries the credentials.
        request = RequestFactory().post("/connexion/")
        assert client.login(request=request, username=account.username, password=accounts.DEMO_PASSWORD), (
            account.username
        )
        client.logout()
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="admin").exists()


def test_teams_and_memberships(demo):
    assert set(Team.objects.values_list("name", flat=True)) >= {
        name for name, _kind, _address in accounts.TEAMS
    }
    for antenne in accounts.ANTENNES:
        team = Team.objects.get(name=antenne)
        workers = team.members.filter(groups__name=Role.SOCIAL_WORKER)
        assert 2 <= workers.count() <= 3
        assert team.members.filter(groups__name=Role.HEAD_SOCIAL_WORKER).count() == 1
    heads = User.objects.filter(groups__name=Role.HEAD_SOCIAL_WORKER).annotate(n=Count("memberships"))
    assert sorted(h.n for h in heads) == [2, 2]


def test_national_numbers_are_valid_and_match_birth_date_and_sex(demo):
    people = list(Person.objects.all())
    assert len(people) > SIZE  # beneficiaries and their household members
    for person in people:
        number = person.national_number
        module = bis_std if int(number[2:4]) >= 20 else nn_std
        assert module.is_valid(number), number
        assert module.get_birth_date(number) == person.birth_date, number
        assert module.get_gender(number) == person.sex, number
        assert person.search_name == search_name(person.last_name, person.first_names)


def test_bank_accounts_are_valid_belgian_ibans_with_derived_bic(demo):
    accounts_ = list(BankAccount.objects.all())
    assert accounts_
    for account in accounts_:
        assert be_iban_std.is_valid(account.iban), account.iban
        assert account.bic == be_iban_std.to_bic(account.iban)
    payment = BankAccount.objects.filter(is_payment_account=True).values("person").annotate(n=Count("id"))
    assert all(row["n"] == 1 for row in payment)


def test_every_beneficiary_has_a_file_and_a_current_address_in_mons(demo):
    beneficiaries = Person.objects.filter(files__isnull=False).distinct()
    assert beneficiaries.count() == SIZE
    for person in beneficiaries:
        current = person.addresses.filter(valid_to__isnull=True)
        assert current.exists(), person
        assert {a.postal_code for a in current} <= places.MONS_POSTAL_CODES, person
    for file in SocialFile.objects.all():
        assert file.team.name in accounts.ANTENNES
        if file.primary_worker:
            assert file.primary_worker.memberships.filter(team=file.team).exists()


def test_timelines_are_dated_and_complete(demo):
    now = timezone.now()
    for file in SocialFile.objects.annotate(
        first=Min("events__occurred_at"), last=Max("events__occurred_at")
    ):
        assert timezone.localtime(file.first).date() == file.opened_on, file
        assert file.last <= now
        assert file.last_activity_at == file.last, file
        assert file.events.filter(kind=FileEvent.Kind.OPENED).count() == 1
        if file.status == SocialFile.Status.CLOSED:
            assert file.closed_on >= file.opened_on
            assert file.events.filter(kind=FileEvent.Kind.STATUS).exists()
    assert FileEvent.objects.filter(kind=FileEvent.Kind.REQUEST).count() == AidRequest.objects.count()
    assert FileEvent.objects.filter(report__isnull=False).count() == Report.objects.count()
    for event in FileEvent.objects.filter(report__isnull=False).select_related("report"):
        assert event.is_restricted == event.report.is_restricted
        assert timezone.localtime(event.occurred_at).date() == event.report.written_on
    for request in AidRequest.objects.all():
        assert timezone.localtime(request.registered_at).date() == request.requested_on


def test_the_households_resources_match_the_income_the_reports_describe(demo):
    plans = plan_demo(count=SIZE, seed=builder.DEFAULT_SEED, until=builder.last_day())
    assert Resource.objects.filter(person__files__isnull=False).exists()
    for plan in plans:
        spec = plan.person
        person = Person.objects.get(
            last_name=spec.last_name, first_names=spec.first_names, birth_date=spec.birth_date
        )
        own = set(
            person.resources.exclude(kind=Resource.Kind.FAMILY_ALLOWANCE).values_list("kind", flat=True)
        )
        income = plan.situation.income
        assert own == ({resources.OWN[income][0]} if income in resources.OWN else set()), (person, income)
        if income == "unemployment_end":
            assert person.resources.get(kind=Resource.Kind.UNEMPLOYMENT).until is not None
    # Each row was written through the service: one timeline event each, and an audit row with its values.
    assert FileEvent.objects.filter(kind=FileEvent.Kind.RESOURCE).count() == Resource.objects.count()
    assert AuditEvent.objects.filter(target_type="people.resource", verb="create").count() == (
        Resource.objects.count()
    )


def test_my_files_of_as_centre_and_an_accented_name_to_search(demo):
    as_centre = User.objects.get(username="as.centre")
    assert my_files(as_centre).exists()
    example = builder.search_example()
    assert example and "LEFÈVRE" in example
    assert my_files(as_centre).filter(beneficiary__search_name__startswith="lefevre helene").exists()


def test_the_command_prints_the_accounts_and_a_second_run_changes_nothing(fast_hasher):
    first = load_demo(size=5)
    assert f"Comptes de démonstration (mot de passe : {accounts.DEMO_PASSWORD})" in first
    for account in accounts.ACCOUNTS:
        assert account.username in first
    assert "Exemple pour la recherche" in first
    before = counts()
    second = load_demo(size=5)
    assert "déjà chargée" in second
    assert "Comptes de démonstration" in second
    assert counts() == before


def test_the_demo_shows_break_glass_accesses_in_full_view(demo):
    grants = BreakGlass.objects.select_related("user", "file__team")
    assert [g.user.username for g in grants] == ["as.jemappes", "as.jemappes"]
    assert {g.file.team.name for g in grants} == {places.CENTRE}
    for grant in grants:
        assert grant.file.events.filter(kind=FileEvent.Kind.BREAK_GLASS).exists()
        assert AuditEvent.objects.filter(verb=AuditEvent.Verb.BREAK_GLASS, file_id=grant.file_id).exists()


def test_some_confidential_notes_are_sealed_for_one_colleague_of_the_team():
    plans = plan_demo(count=300, seed=builder.DEFAULT_SEED, until=DEMO_UNTIL)
    sealed = [
        step
        for plan in plans
        for step in plan.steps
        if step.kind == "report" and step.args["confidentiality"] == Report.Confidentiality.SEALED
    ]
    assert len(sealed) >= 3
    for step in sealed:
        (reader,) = step.args["sealed_readers"]
        assert reader != step.actor
        author_teams = {team for team in accounts.ANTENNES if step.actor in accounts.social_workers(team)}
        assert author_teams & {team for team in accounts.ANTENNES if reader in accounts.social_workers(team)}


def test_decisions_under_way_give_each_desk_work_in_its_queue(fast_hasher):
    from workflow.models import Proposal
    from workflow.queue_pages import items
    from workflow.queues import BY_KEY

    builder.build_demo(beneficiaries=120)
    states = set(Proposal.objects.values_list("state", flat=True))
    assert {"submitted", "opinion_requested", "on_agenda", "decided", "completed"} <= states
    from committee.models import Meeting

    upcoming = Meeting.objects.get(status=Meeting.Status.PLANNED)
    assert upcoming.items.count() == Proposal.objects.filter(state="on_agenda").count()
    # The decided proposals were granted in session by this morning's meeting, now closed.
    held = Meeting.objects.get(status=Meeting.Status.CLOSED)
    decided = Proposal.objects.filter(state__in=["decided", "completed"], decisions__urgent=False)
    assert {item.proposal_id for item in held.items.all()} == set(decided.values_list("pk", flat=True))
    assert all(item.decision.outcome == "granted" for item in held.items.all()) and held.minutes
    users = {u.username: u for u in User.objects.filter(username__in=accounts.USERNAMES)}
    for username, queue in [
        ("juriste", "avis"),
        ("secretaire", "comite"),
        ("paiements", "paiements"),
        ("juriste", "notifications"),
        ("bcss", "bcss"),  # the last days' registrations, one failed
    ]:
        assert items(users[username], BY_KEY[queue]), (username, queue)
    assert any(items(users[accounts.head_of(team)], BY_KEY["a-valider"]) for team in accounts.ANTENNES)


def test_some_beneficiaries_agreed_to_receive_their_letters_by_e_mail(demo):
    agreed = Person.objects.filter(email_consent_on__isnull=False)
    assert agreed.exists()
    assert all(person.email and person.has_email_consent() for person in agreed)
    paper = Person.objects.exclude(email="").filter(email_consent_on__isnull=True, files__isnull=False)
    assert paper.exists()  # others keep paper letters
    for person in agreed:
        file = person.files.get(opened_on=person.email_consent_on)
        assert file.events.filter(kind=FileEvent.Kind.EMAIL_CONSENT).count() == 1


def test_the_outgoing_mail_register_has_letters_posted_and_to_post(fast_hasher):
    from letters.models import Kind, Letter
    from workflow.models import BackOfficeTask

    builder.build_demo(beneficiaries=120)
    registered = Letter.objects.get(kind=Kind.NOTIFICATION, method=Letter.Method.REGISTERED)
    number = registered.registered_number
    weights = (8, 6, 4, 2, 3, 5, 9, 7)
    check = 11 - sum(int(d) * w for d, w in zip(number[2:10], weights, strict=True)) % 11
    assert number[:2] == "RR" and number[-2:] == "BE" and int(number[10]) == {10: 0, 11: 5}.get(check, check)
    assert registered.notified_on and registered.decision.proposal.state == "completed"
    assert registered.decision.tasks.get(kind=BackOfficeTask.Kind.NOTIFY).status == BackOfficeTask.Status.DONE
    waiting = Letter.objects.get(kind=Kind.NOTIFICATION, method="")
    assert waiting.decision.proposal.state == "decided"
    handed = Letter.objects.filter(kind=Kind.ACKNOWLEDGEMENT, method=Letter.Method.HAND)
    assert handed.exists() and all(letter.pdf.size > 0 for letter in handed)


def test_the_demo_has_incoming_mail_at_every_stage(demo):
    from mail.models import IncomingMail

    assert sorted(IncomingMail.objects.values_list("state", flat=True)) == sorted(
        ["received", "routed", "routed", "handled", "filed"]
    )
    assert IncomingMail.objects.get(state="filed").document.file_id is not None
