"""Every file screen goes through the access policy: a hidden file looks exactly like a missing one."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db

MISSING = 999_999


def _without_csrf(response) -> str:
    """The page as a person sees it: the CSRF token is different in every response."""
    return re.sub(r'"X-CSRFToken": "[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"', "", response.text)


def _urls(file_pk, report_pk):
    return [
        reverse("files:detail", args=[file_pk]),
        reverse("files:requests", args=[file_pk]),
        reverse("files:request_add", args=[file_pk]),
        reverse("files:reports", args=[file_pk]),
        reverse("files:report_add", args=[file_pk]),
        reverse("files:report_detail", args=[file_pk, report_pk]),
        reverse("files:report_edit", args=[file_pk, report_pk]),
        reverse("files:timeline", args=[file_pk]),
        reverse("files:assign", args=[file_pk]),
    ]


def test_every_page_opens_for_the_team(file, report, worker, head):
    urls = _urls(file.pk, report.pk)
    for url in urls:
        assert client_for(head).get(url).status_code == 200, url
    for url in urls[:-1]:  # all but the assignment, which is the head's
        assert client_for(worker).get(url).status_code == 200, url


def test_another_teams_worker_gets_the_same_404_as_for_a_missing_file(file, report, outsider):
    client = client_for(outsider)
    for hidden, missing in zip(_urls(file.pk, report.pk), _urls(MISSING, MISSING), strict=True):
        refused, absent = client.get(hidden), client.get(missing)
        assert refused.status_code == absent.status_code == 404, hidden
        assert _without_csrf(refused) == _without_csrf(absent)
        post = client.post(hidden, {"aid": "ri", "channel": "desk", "requested_on": "01/03/2026"})
        assert post.status_code == 404, hidden
    assert not file.requests.exists()
    assert not AuditEvent.objects.filter(user=outsider, file_id=file.pk).exists()


def test_roles_without_the_action_are_refused(file, report, worker, payment_clerk, reception):
    # Back office reads the file but never the social reports.
    clerk = client_for(payment_clerk)
    assert clerk.get(reverse("files:detail", args=[file.pk])).status_code == 200
    assert clerk.get(reverse("files:reports", args=[file.pk])).status_code == 403
    assert clerk.get(reverse("files:report_detail", args=[file.pk, report.pk])).status_code == 403
    assert clerk.post(reverse("files:request_add", args=[file.pk]), {"aid": "ri"}).status_code == 403
    assert clerk.get(reverse("files:create")).status_code == 403
    # Reception registers requests but reads no report; a social worker does not assign.
    desk = client_for(reception)
    assert desk.get(reverse("files:report_add", args=[file.pk])).status_code == 403
    assert client_for(worker).get(reverse("files:assign", args=[file.pk])).status_code == 403


def test_the_reports_tab_is_not_offered_to_who_may_not_read_reports(file, payment_clerk, worker):
    reports_url = reverse("files:reports", args=[file.pk])
    assert reports_url not in client_for(payment_clerk).get(reverse("files:detail", args=[file.pk])).text
    assert reports_url in client_for(worker).get(reverse("files:detail", args=[file.pk])).text


def test_reading_a_file_page_leaves_a_view_event_in_the_audit_trail(file, colleague):
    client_for(colleague).get(reverse("files:timeline", args=[file.pk]))
    event = AuditEvent.objects.get(user=colleague, verb=AuditEvent.Verb.VIEW)
    assert event.file_id == file.pk
    assert event.target_type == "files.socialfile"
    assert event.detail == {"section": "timeline"}


def test_reading_a_report_is_audited_once_on_the_report_itself(file, report, colleague):
    client_for(colleague).get(reverse("files:report_detail", args=[file.pk, report.pk]))
    event = AuditEvent.objects.get(user=colleague, verb=AuditEvent.Verb.VIEW)
    assert (event.target_type, event.target_id, event.file_id) == ("files.report", str(report.pk), file.pk)
