"""The dashboard, the files behind a figure (within the access policy), the CSV export, their audit rows."""

import csv
import io

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from tests.dashboards import data
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.files.test_long_lists import soup_of
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:dashboard")


@pytest.fixture
def flow():
    return data.build()


def drill_rows(client, **params) -> list[str]:
    response = client.get(reverse("dashboards:files"), params)
    assert response.status_code == 200
    return [row.get_text(" ", strip=True) for row in soup_of(response).select("main tbody tr")]


def test_the_direction_sees_every_figure_with_its_table(flow):
    response = client_for(flow.president).get(URL, {"mois": 3})
    text = page_text(response)
    for heading in ("Délais de traitement", "Dossiers en attente", "Échéances dépassées", "Passages de main"):
        assert heading in text
    assert "Renvois par proposition" in text and "Décisions par séance" in text
    soup = soup_of(response)
    assert len(soup.select("main svg[role=img] title")) == 7
    month_row = next(
        r
        for r in soup.select("main table")[0].select("tbody tr")
        if r.th.get_text() == flow.m2[5:] + "/" + flow.m2[:4]
    )
    assert [td.get_text(" ", strip=True).split(" ")[0] for td in month_row.select("td")] == [
        "3",
        "15",
        "60",
        "2",
        "11",
        "20",
    ]
    events = AuditEvent.objects.filter(
        user=flow.president, verb=AuditEvent.Verb.VIEW, detail__has_key="dashboard"
    )
    assert events.count() == 1


def test_each_figure_links_to_its_files(flow):
    client = client_for(flow.president)
    late = drill_rows(client, mois=3, figure="decision-hors-delai", cle=flow.m1)
    assert len(late) == 1 and flow.proposals["c"].file.reference in late[0]
    assert len(drill_rows(client, mois=3, figure="delai-decision", cle=flow.m2)) == 3
    assert len(drill_rows(client, mois=3, figure="passages", cle="7")) == 1
    assert len(drill_rows(client, mois=3, figure="renvois", cle="0")) == 5
    assert len(drill_rows(client, mois=3, figure="attente", cle="submitted")) == 2
    assert len(drill_rows(client, mois=3, figure="tache", cle="notify")) == 1
    assert len(drill_rows(client, mois=3, figure="seance", cle=flow.meeting.pk)) == 3
    assert client.get(reverse("dashboards:files"), {"figure": "inconnue"}).status_code == 404


def test_a_head_of_another_team_sees_none_of_these_files(flow):
    nord_files = {"figure": "delai-decision", "cle": flow.m1, "mois": 3}
    assert len(drill_rows(client_for(flow.head_nord), **nord_files)) == 3
    other = client_for(flow.head_sud)
    assert drill_rows(other, **nord_files) == []
    assert drill_rows(other, mois=3, figure="attente", cle="submitted") == []
    assert drill_rows(other, mois=3, figure="seance", cle=flow.meeting.pk) == []
    # Nor by asking for the other team in the filter: it is not one of theirs.
    response = other.get(URL, {"equipe": flow.nord.pk})
    assert "Cette équipe ne fait pas partie des vôtres." in page_text(response)
    assert drill_rows(other, equipe=flow.nord.pk, **nord_files) == []


def test_only_heads_and_the_direction_open_the_dashboards(flow):
    for role in (Role.SOCIAL_WORKER, Role.LEGAL_OFFICER, Role.SECURITY_OFFICER, Role.COMMITTEE_MEMBER):
        client = client_for(UserFactory(role=role, teams=[flow.nord]))
        for name in ("dashboard", "files", "export"):
            assert client.get(reverse(f"dashboards:{name}")).status_code == 403, (role, name)
    secretary = UserFactory(role=Role.COMMITTEE_SECRETARY)
    assert client_for(secretary).get(URL).status_code == 200


def test_a_wrong_filter_is_named_and_the_default_used(flow):
    response = client_for(flow.president).get(URL, {"mois": "7", "aide": "999999"})
    text = page_text(response)
    assert "Choisissez une période de la liste." in text and "Ce type d'aide n'existe pas." in text
    assert soup_of(response).select_one("#id_mois option[selected]").get_text() == "12 derniers mois"


def test_csv_export_and_its_audit_row(flow):
    response = client_for(flow.head_nord).get(reverse("dashboards:export"), {"mois": 3})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Indicateur", "Mois", "Équipe"]
    month = f"{flow.m2[5:]}/{flow.m2[:4]}"
    assert [
        "Délai demande → décision",
        month,
        "Antenne Nord",
        "Revenu d'intégration",
        "",
        "2",
        "10",
        "15",
    ] in rows
    assert [
        "Délai décision → notification",
        month,
        "Antenne Nord",
        "Revenu d'intégration",
        "",
        "2",
        "11",
        "20",
    ] in rows
    assert ["En attente", "", "", "", "Soumise au chef de service", "2", "5", "7"] in rows
    assert ["Décisions hors délai", month, "", "", "", "0", "", ""] in rows  # the late one is Sud's
    assert not any("Antenne Sud" in row for row in rows)
    export = AuditEvent.objects.get(user=flow.head_nord, verb=AuditEvent.Verb.EXPORT)
    assert export.detail["export"] == "tableau-de-bord" and export.detail["filters"] == "mois=3"


def test_the_head_and_the_president_find_it_from_accueil(flow):
    for user in (flow.head_nord, flow.president):
        soup = soup_of(client_for(user).get(reverse("home:home")))
        assert soup.select_one(f"main a[href='{URL}']"), user
        assert soup.select_one(f"nav a[href='{URL}']"), user


def test_constant_queries_whatever_the_flow(flow):
    client = client_for(flow.president)
    for url in (URL, reverse("dashboards:export")):
        assert_constant_queries(lambda url=url: client.get(url), lambda: data.build(prefix="Plus "))
    drill = {"figure": "delai-decision", "cle": flow.m2, "mois": 3}
    assert_constant_queries(
        lambda: client.get(reverse("dashboards:files"), drill), lambda: data.build(prefix="Et ")
    )


def test_the_period_shown_selected_is_the_one_applied(flow):
    """Without a period in the address, the list shows the default it applies (12 months), not the first."""
    client = client_for(flow.president)
    for params in ({}, {"equipe": ""}, {"mois": 3}):
        selected = soup_of(client.get(URL, params)).select_one("select[name=mois] option[selected]")
        assert selected is not None and selected["value"] == str(params.get("mois", 12)), params
