"""Confidentiality levels, person by person and screen by screen.

Who should read a report at each level is declared here, independently of the code (domain rule):
- team: all who read the file's reports (its team, the legal service, a committee member who has the file
  on an agenda, a break-glass user);
- restricted: its author and the head of service of the file's team;
- sealed: its author and the people it names, not even the head of service.
Each screen that shows a report or a trace of it (list, page, edit form, timeline, summary and its count,
search, the report's PDF and the whole file's printed copy) must agree, and an id changed in the URL
answers 404 exactly like a report that does not exist.
"""

import pytest
from django.urls import reverse

from access.policy import POLICY, Action, Scope, can
from access.roles import Role
from access.services import open_break_glass
from files import services
from files.models import Report
from tests.committee.agenda import put_on_agenda
from tests.factories import TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.printouts.conftest import pdf_pages

pytestmark = pytest.mark.django_db

PEOPLE = ["author", "colleague", "named", "head", "legal", "committee", "break_glass", "outsider", "clerk"]
READERS = {
    "team": {"author", "colleague", "named", "head", "legal", "committee", "break_glass"},
    "restricted": {"author", "head"},
    "sealed": {"author", "named"},
}
# Who may correct it: its author, and the head of service when the head may read it.
EDITORS = {"team": {"author", "head"}, "restricted": {"author", "head"}, "sealed": {"author"}}
# Who opens the file at all (and so gets 403 rather than 404 on a report they may not read).
SEES_FILE = set(PEOPLE) - {"outsider"}


@pytest.fixture
def people(team, file, worker, colleague, head):
    elsewhere = TeamFactory(name="Antenne Ghlin")
    named = UserFactory(first_name="Nadia", last_name="Nommée", role=Role.SOCIAL_WORKER, teams=[team])
    on_call = UserFactory(first_name="Paul", last_name="Garde", role=Role.SOCIAL_WORKER, teams=[elsewhere])
    open_break_glass(actor=on_call, file=file, reason="Permanence : la personne se présente, AS absente.")
    committee = UserFactory(role=Role.COMMITTEE_MEMBER)
    put_on_agenda(file, committee)
    return {
        "author": worker,
        "colleague": colleague,
        "named": named,
        "head": head,
        "legal": UserFactory(role=Role.LEGAL_OFFICER),
        "committee": committee,
        "break_glass": on_call,
        "outsider": UserFactory(role=Role.SOCIAL_WORKER, teams=[elsewhere]),
        "clerk": UserFactory(role=Role.PAYMENT_CLERK),
    }


def write(file, people, level):
    return services.write_report(
        actor=people["author"],
        file=file,
        kind=Report.Kind.NOTE,
        title=f"Note {level} Zanzibar",
        body="<p>Violence conjugale évoquée.</p>",
        confidentiality=level,
        sealed_readers=[people["named"]] if level == "sealed" else [],
    )


@pytest.mark.parametrize("level", list(READERS))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_screen_shows_a_report_exactly_to_its_readers(file, people, level, who):
    report = write(file, people, level)
    client = client_for(people[who])
    reads = who in READERS[level]
    title = report.title

    detail = client.get(reverse("files:report_detail", args=[file.pk, report.pk]))
    if reads:
        assert detail.status_code == 200 and "Violence conjugale" in page_text(detail)
    else:
        assert detail.status_code in (403, 404)
        assert "Violence conjugale" not in detail.content.decode()

    edit = client.get(reverse("files:report_edit", args=[file.pk, report.pk]))
    assert (edit.status_code == 200) is (who in EDITORS[level]), edit.status_code

    download = client.get(reverse("printouts:report_pdf", args=[file.pk, report.pk]))
    assert (download.status_code == 200) is reads
    if reads:
        assert "Violence conjugale" in " ".join(pdf_pages(download))

    if who not in SEES_FILE:
        assert client.get(reverse("files:detail", args=[file.pk])).status_code == 404
        return
    summary = page_text(client.get(reverse("files:detail", args=[file.pk])))
    timeline = page_text(client.get(reverse("files:timeline", args=[file.pk])))
    reports = client.get(reverse("files:reports", args=[file.pk]))
    assert (title in summary) is reads
    assert (title in timeline) is reads
    if reports.status_code == 200:
        assert (title in page_text(reports)) is reads
        assert reports.context["total"] == (1 if reads else 0)  # counts never betray a hidden report
    else:
        assert not reads or who == "clerk"
    assert title not in page_text(client.get(reverse("search:results"), {"q": "Zanzibar"}))
    copy = client.get(reverse("printouts:file_pdf", args=[file.pk]))
    assert (title in " ".join(pdf_pages(copy))) is reads  # the whole file's printed copy


@pytest.mark.parametrize("level", list(READERS))
def test_a_report_id_changed_in_the_url_answers_like_a_missing_one(file, people, level):
    report = write(file, people, level)
    for who in {"colleague", "head", "legal"} - READERS[level]:
        client = client_for(people[who])
        hidden = client.get(reverse("files:report_detail", args=[file.pk, report.pk]))
        missing = client.get(reverse("files:report_detail", args=[file.pk, 10**9]))
        assert hidden.status_code == missing.status_code == 404, who


def test_a_sealed_report_names_only_people_who_may_read_the_file(file, people):
    with pytest.raises(Exception, match="ne peuvent pas lire"):
        services.write_report(
            actor=people["author"],
            file=file,
            kind=Report.Kind.NOTE,
            title="Scellé",
            body="<p>x</p>",
            confidentiality=Report.Confidentiality.SEALED,
            sealed_readers=[people["outsider"]],
        )
    assert not Report.objects.filter(title="Scellé").exists()


def test_the_form_offers_the_file_readers_and_a_sealed_report_shows_who_reads_it(file, people):
    client = client_for(people["author"])
    form = client.get(reverse("files:report_add", args=[file.pk]))
    offered = {u.pk for u in form.context["form"].fields["sealed_readers"].queryset}
    assert {people["named"].pk, people["head"].pk, people["legal"].pk} <= offered
    assert people["author"].pk not in offered and people["outsider"].pk not in offered
    response = client.post(
        reverse("files:report_add", args=[file.pk]),
        {
            "kind": "note",
            "title": "Entretien scellé",
            "written_on": "01/03/2026",
            "confidentiality": "sealed",
            "sealed_readers": [people["named"].pk],
            "body": "<p>Confidences.</p>",
        },
    )
    assert response.status_code == 302
    shown = page_text(client.get(response["Location"]))
    assert "Scellé" in shown and "Nadia Nommée" in shown


def test_making_a_team_report_sealed_hides_it_from_the_head_and_its_timeline_entries_too(file, people):
    report = write(file, people, "team")
    services.update_report(
        actor=people["author"],
        report=report,
        title=report.title,
        body=report.body,
        written_on=report.written_on,
        confidentiality=Report.Confidentiality.SEALED,
        sealed_readers=[people["named"]],
        expected_version=report.version,
    )
    head = client_for(people["head"])
    assert report.title not in page_text(head.get(reverse("files:timeline", args=[file.pk])))
    named = client_for(people["named"])
    assert report.title in page_text(named.get(reverse("files:timeline", args=[file.pk])))


def role_reads(role: Role, level: str) -> bool:
    """From the declared policy: the role reads the file's reports; then the level narrows it."""
    if POLICY[role].get(Action.VIEW_REPORTS, Scope.NONE) < Scope.TEAM:
        return False
    return level == "team" or (level == "restricted" and role is Role.HEAD_SOCIAL_WORKER)


@pytest.mark.parametrize("level", list(READERS))
@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_the_team_sees_a_report_as_the_policy_and_its_level_say(
    file, people, team, level, role
):
    report = write(file, people, level)
    user = UserFactory(role=role, teams=[team])
    client = client_for(user)
    reads = role_reads(role, level)
    opened = client.get(reverse("files:report_detail", args=[file.pk, report.pk]))
    assert (opened.status_code == 200) is reads
    download = client.get(reverse("printouts:report_pdf", args=[file.pk, report.pk]))
    assert (download.status_code == 200) is reads
    # Correcting: the head of service, for the levels the head reads (this user wrote nothing).
    edits = reads and POLICY[role].get(Action.ASSIGN_FILE, Scope.NONE) >= Scope.TEAM
    assert (client.get(reverse("files:report_edit", args=[file.pk, report.pk])).status_code == 200) is edits
    search = page_text(client.get(reverse("search:results"), {"q": file.beneficiary.last_name}))
    assert (file.reference in search) is (POLICY[role].get(Action.VIEW_FILE, Scope.NONE) >= Scope.TEAM)
    if not can(user, Action.VIEW_FILE, file):
        assert opened.status_code == 404
        return
    for page in ("files:detail", "files:timeline"):
        assert (report.title in page_text(client.get(reverse(page, args=[file.pk])))) is reads, page
    listed = client.get(reverse("files:reports", args=[file.pk]))
    assert (listed.status_code == 200 and report.title in page_text(listed)) is reads
