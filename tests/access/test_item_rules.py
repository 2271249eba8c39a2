"""Who may correct a report and who may be named on a sealed one are rules of access.policy (issue 10,
point 4), which the form, the service and the pages all use, whatever path is taken."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from access.policy import may_be_sealed_reader, may_edit_item
from access.roles import Role
from access.services import open_break_glass
from files import services
from files.forms import ReportForm
from files.models import Report
from tests.committee.agenda import put_on_agenda
from tests.factories import UserFactory
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def sealed_note(file, author, readers) -> Report:
    return services.write_report(
        actor=author,
        file=file,
        kind=Report.Kind.NOTE,
        title="Note scellée",
        body="<p>x</p>",
        confidentiality=Report.Confidentiality.SEALED,
        sealed_readers=readers,
    )


@pytest.fixture
def councillor(file):
    """A member who reads the file while it is on the frozen agenda of their body: a grant that ends."""
    member = UserFactory(role=Role.COMMITTEE_MEMBER)
    put_on_agenda(file, member)
    return fresh(member)


@pytest.fixture
def on_call(file, outsider):
    """A social worker of another antenne who opened the file by break-glass."""
    open_break_glass(actor=outsider, file=file, reason="Permanence du samedi, urgence")
    return fresh(outsider)


def test_a_sealed_report_cannot_name_someone_who_reads_the_file_only_through_a_grant(
    file, worker, colleague, councillor, on_call
):
    assert sealed_note(file, worker, [colleague]).sealed_readers.get() == colleague
    for passer_by in (councillor, on_call):
        with pytest.raises(ValidationError, match="ne peuvent pas lire les rapports de ce dossier"):
            sealed_note(file, worker, [passer_by])


def test_the_form_offers_exactly_the_readers_the_policy_accepts(file, worker, team, councillor, on_call):
    for role in Role:
        UserFactory(role=role.value, teams=[team])
    offered = set(ReportForm(file=file, author=worker).fields["sealed_readers"].queryset)
    others = User.objects.exclude(pk=worker.pk)
    assert offered == {u for u in others if may_be_sealed_reader(fresh(u), file)}
    assert councillor not in offered and on_call not in offered
    assert {u.groups.get().name for u in offered} == {
        Role.SOCIAL_WORKER,
        Role.HEAD_SOCIAL_WORKER,
        Role.LEGAL_OFFICER,
        Role.COMMITTEE_SECRETARY,
        Role.PRESIDENT,
    }


def test_a_report_is_corrected_only_by_its_author_or_the_files_head_of_service(
    file, report, worker, colleague, head, on_call
):
    legal = UserFactory(role=Role.LEGAL_OFFICER)
    assert may_edit_item(fresh(worker), report) and may_edit_item(fresh(head), report)
    for user in (colleague, legal, on_call):
        assert not may_edit_item(fresh(user), report)
    with pytest.raises(PermissionDenied):
        services.update_report(
            actor=on_call,
            report=report,
            title="Corrigé",
            body="<p>y</p>",
            written_on=datetime.date(2026, 11, 30),
            confidentiality=Report.Confidentiality.TEAM,
            expected_version=report.version,
        )
    edit = reverse("files:report_edit", args=[file.pk, report.pk])
    assert client_for(on_call).get(edit).status_code == 403


def test_the_files_app_holds_no_access_rule_of_its_own():
    """The rules are asked of access.policy; files/ neither reads POLICY nor defines who may edit or read."""
    root = Path(services.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert "POLICY" not in names, path
        assert not {"may_edit_report", "may_edit_item", "may_be_sealed_reader"} & defined, path
