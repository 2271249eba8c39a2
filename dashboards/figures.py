"""Every figure of the dashboard, read in a fixed number of queries and drawn: charts, tables, links, CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from access.models import Team
from aid.models import AidType
from dashboards import charts, selectors
from dashboards.filters import Filters
from dashboards.stats import days


def month_label(key: str) -> str:
    """ "2026-05" → "05/2026"."""
    year, month = key.split("-")
    return f"{month}/{year}"


@dataclass
class Figures:
    lead: dict[str, Any]
    waiting: dict[str, Any]
    missed: dict[str, Any]
    handoffs: dict[str, Any]
    returns: dict[str, Any]
    meetings: dict[str, Any]
    names: tuple[dict[int, str], dict[int, str]]  # teams' and aid types' names, by id


def _link(filters: Filters, figure: str, key: Any = "") -> str:
    return f"{reverse('dashboards:files')}?{filters.query(figure=figure, cle=key)}"


def _names(rows: list[selectors.DecisionRow]) -> tuple[dict[int, str], dict[int, str]]:
    teams = dict(Team.objects.filter(pk__in={r.team_id for r in rows}).values_list("pk", "name"))
    aids = dict(AidType.objects.filter(pk__in={r.aid_type_id for r in rows}).values_list("pk", "label"))
    return teams, aids


def _lead(filters, rows, teams, aids) -> dict:
    lead = selectors.lead_times(rows, filters)
    months = list(lead.by_month)
    labels = [month_label(m) for m in months]

    def series(which: int) -> list:
        return [
            (_("Médiane"), [lead.by_month[m][which].median for m in months]),
            (_("90e centile"), [lead.by_month[m][which].p90 for m in months]),
        ]

    return {
        "chart_decision": charts.line_chart(
            "lead-decision",
            _("Délai de la demande à la décision, par mois de décision"),
            _("Médiane et 90e centile en jours ; les chiffres sont dans le tableau qui suit."),
            labels,
            series(0),
            y_label=_("jours"),
        ),
        "chart_notification": charts.line_chart(
            "lead-notification",
            _("Délai de la décision à la notification, par mois de décision"),
            _("Médiane et 90e centile en jours ; les chiffres sont dans le tableau qui suit."),
            labels,
            series(1),
            y_label=_("jours"),
        ),
        "months": [
            {
                "label": label,
                "decision": lead.by_month[m][0],
                "notification": lead.by_month[m][1],
                "decision_url": _link(filters, "delai-decision", m),
                "notification_url": _link(filters, "delai-notification", m),
            }
            for m, label in zip(months, labels, strict=True)
        ],
        "by_team_aid": sorted(
            (
                {"team": teams.get(t, ""), "aid": aids.get(a, ""), "decision": d, "notification": n}
                for (t, a), (d, n) in lead.by_team_aid.items()
            ),
            key=lambda row: (row["team"], row["aid"]),
        ),
        "detail": lead.by_month_team_aid,
    }


def _waiting(user, filters) -> dict:
    rows = selectors.waiting(user, filters)
    return {
        "chart": charts.bar_chart(
            "waiting",
            _("Dossiers en attente à chaque étape"),
            _("Propositions à chaque étape et décisions à chaque tâche du back-office, aujourd'hui."),
            [(w.label, w.spread.count) for w in rows],
        ),
        "rows": [(w, _link(filters, "tache" if w.task else "attente", w.key)) for w in rows],
    }


def _missed(filters, rows) -> dict:
    months = selectors.missed_deadlines(rows, filters)
    labels = [month_label(m.month) for m in months]
    return {
        "chart": charts.line_chart(
            "missed",
            _("Échéances légales dépassées, par mois de décision"),
            _("Décisions prises après leur échéance, notifications faites (ou pas encore) après la leur."),
            labels,
            [
                (_("Décisions hors délai"), [m.decisions_late for m in months]),
                (_("Notifications hors délai"), [m.notifications_late for m in months]),
            ],
            y_label=_("décisions"),
            whole=True,
        ),
        "rows": [
            {
                "label": label,
                "missed": m,
                "decision_url": _link(filters, "decision-hors-delai", m.month),
                "notification_url": _link(filters, "notification-hors-delai", m.month),
            }
            for m, label in zip(months, labels, strict=True)
        ],
    }


def _distribution(filters, rows, counts, which: int, figure: str, title: str, desc: str) -> dict:
    found = selectors.distribution(rows, counts, which, filters)
    return {
        "chart": charts.bar_chart(figure, title, desc, [(str(n), c) for n, c in found.counts.items()]),
        "rows": [(n, c, _link(filters, figure, n)) for n, c in found.counts.items()],
        "mean": found.mean,
        "total": found.total,
        "months": [(month_label(m), v) for m, v in found.mean_by_month.items()],
    }


def _meetings(user, filters) -> dict:
    rows = selectors.meetings(user, filters)
    return {
        "chart": charts.bar_chart(
            "meetings",
            _("Décisions par séance"),
            _("Décisions prises (octroi, octroi modifié, refus) à chaque séance de la période."),
            [(f"{m.day:%d/%m/%Y}", m.decided) for m in rows],
        ),
        "rows": [(m, _link(filters, "seance", m.meeting_id)) for m in rows],
    }


def build(user, filters: Filters) -> Figures:
    rows = selectors.decisions(user, filters)
    teams, aids = _names(rows)
    counts = selectors.step_counts(user, filters)
    return Figures(
        lead=_lead(filters, rows, teams, aids),
        waiting=_waiting(user, filters),
        missed=_missed(filters, rows),
        handoffs=_distribution(
            filters,
            rows,
            counts,
            0,
            "passages",
            _("Passages de main par décision"),
            _("Décisions selon le nombre de fois où la proposition a changé de bureau avant la décision."),
        ),
        returns=_distribution(
            filters,
            rows,
            counts,
            1,
            "renvois",
            _("Renvois par proposition"),
            _("Propositions décidées selon le nombre de fois où elles ont été renvoyées avec remarques."),
        ),
        meetings=_meetings(user, filters),
        names=(teams, aids),
    )


HEADER = ["Indicateur", "Mois", "Équipe", "Aide", "Clé", "Nombre", "Médiane (jours)", "90e centile (jours)"]


def csv_rows(user, filters: Filters) -> tuple[list[str], list[list]]:
    """One row per figure's cell; the lead times by month, team and aid type."""
    found = build(user, filters)
    teams, aids = found.names
    out: list[list] = []
    for (month, team, aid), (to_decision, to_notification) in sorted(found.lead["detail"].items()):
        for name, s in (
            ("Délai demande → décision", to_decision),
            ("Délai décision → notification", to_notification),
        ):
            out.append(
                [
                    name,
                    month_label(month),
                    teams.get(team, ""),
                    aids.get(aid, ""),
                    "",
                    s.count,
                    s.median,
                    s.p90,
                ]
            )
    for w, _url in found.waiting["rows"]:
        out.append(["En attente", "", "", "", w.label, w.spread.count, w.spread.median, w.spread.p90])
        out.append(["En attente, échéance dépassée", "", "", "", w.label, w.late, None, None])
    for row in found.missed["rows"]:
        m = row["missed"]
        out.append(["Décisions", row["label"], "", "", "", m.decisions, None, None])
        out.append(["Décisions hors délai", row["label"], "", "", "", m.decisions_late, None, None])
        out.append(["Notifications hors délai", row["label"], "", "", "", m.notifications_late, None, None])
    for n, count, _url in found.handoffs["rows"]:
        out.append(["Décisions par nombre de passages de main", "", "", "", n, count, None, None])
    for n, count, _url in found.returns["rows"]:
        out.append(["Propositions par nombre de renvois", "", "", "", n, count, None, None])
    for m, _url in found.meetings["rows"]:
        out.append(["Décisions par séance", f"{m.day:%d/%m/%Y}", "", "", m.label, m.decided, None, None])
    return HEADER, [[days(c) if isinstance(c, float) else c for c in row] for row in out]
