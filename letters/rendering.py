"""A letter's HTML from its template and the file's data, and its PDF/A with the QR code of its identifier.

A template is edited by an administrator: it receives plain values prepared for its kind of letter
(VARIABLES), never a model object, so that it can print only what that letter may say.
"""

from __future__ import annotations

import secrets

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from letters import letterhead, template_engine
from letters.models import Kind, LetterTemplate
from printouts.pdf import html_to_pdf
from printouts.qr import qr_data_uri
from workflow import catalogue, deadlines, notification

# No 0/O, 1/I/L, 5/S, U: a code typed back from a torn copy is read without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTVWXYZ2346789"
CODE_LENGTH = 8

COMMON = {
    "cpas_name": _("nom du CPAS"),
    "today": _("date du jour"),
    "letterhead": {
        "name": _("nom du CPAS (en-tête)"),
        "address_lines": _("adresse du CPAS, ligne par ligne"),
        "place": _("lieu de la lettre (« Mons »)"),
        "phone": _("téléphone du CPAS"),
        "email": _("e-mail du CPAS"),
        "president_name": _("nom du président"),
        "president_title": _("titre du président"),
        "director_name": _("nom du directeur général"),
        "director_title": _("titre du directeur général"),
    },
    "logo": _("logo du CPAS, pour <img src=…> (vide s'il n'y en a pas)"),
    "file": {"reference": _("référence du dossier")},
    "person": {
        "full_name": _("NOM et prénoms"),
        "last_name": _("nom"),
        "first_names": _("prénoms"),
        "title": _("« Madame » ou « Monsieur » selon le sexe (vide s'il est inconnu)"),
        "salutation": _("« Madame », « Monsieur », ou « Madame, Monsieur » si le sexe est inconnu"),
        "female": _("vrai pour une femme (accords : « informée »)"),
        "male": _("vrai pour un homme"),
    },
    "address": _("adresse actuelle, sur une ligne (vide si inconnue)"),
    "address_lines": _("adresse actuelle, ligne par ligne"),
    "team": {
        "name": _("équipe"),
        "address": _("adresse de l'équipe"),
        "phone": _("téléphone de l'équipe"),
        "email": _("e-mail de l'équipe"),
        "opening_hours": _("heures d'ouverture de l'équipe"),
    },
    "worker_name": _("personne de contact : le travailleur social référent"),
    "request": {"requested_on": _("date de la demande"), "get_aid_display": _("aide demandée")},
}
PROPOSAL = {"aid_type": {"label": _("aide proposée")}}
# The PIIS's delays are the aid type's data (workflow.procedure), never words typed in the template.
PIIS = {
    "reflection_days": _("délai de réflexion avant de signer (jours calendrier)"),
    "conclude_months": _("délai pour conclure le PIIS (mois)"),
    "evaluations_per_year": _("évaluations par an"),
}
# What each kind of letter may say: the names its template may use (and the admin shows).
VARIABLES = {
    Kind.ACKNOWLEDGEMENT: {**COMMON, "decision_due": _("date limite de la décision")},
    Kind.NOTIFICATION: {
        **COMMON,
        "notification": _("texte de la notification, avec toutes les mentions légales"),
        "proposal": {
            **PROPOSAL,
            "amount": _("montant, en euros"),
            "periodicity": _("périodicité"),
        },
        "decision": {"decided_on": _("date de la décision"), "outcome": _("décision")},
    },
    Kind.HEARING: {
        **COMMON,
        "proposal": PROPOSAL,
        "hearing": {
            "body": _("organe qui décide et entend"),
            "day": _("date de la séance (vide si pas encore fixée)"),
            "time": _("heure de la séance"),
            "place": _("lieu de la séance"),
            "legal_basis": _("base légale du droit d'être entendu (catalogue des aides, vide si aucune)"),
        },
    },
    Kind.PIIS: {**COMMON, "proposal": PROPOSAL, "piis": PIIS},
}


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def context_for(kind: str, *, file, request=None, proposal=None, decision=None) -> dict:
    """The plain values (text, numbers, dates, lists and dicts of them) that this kind of letter may say."""
    if request is None:
        request = proposal.request  # a letter about a proposal is about its request
    person = file.beneficiary
    worker = file.primary_worker
    address = notification.current_address(person)
    team = file.team
    sender = letterhead.sender()
    reader = letterhead.form_of_address(person.sex)
    context = {
        "cpas_name": sender.name,
        "today": timezone.localdate(),
        "letterhead": sender.as_dict(),
        "logo": sender.logo,
        "file": {"reference": file.reference},
        "person": {
            "full_name": person.full_name,
            "last_name": person.last_name,
            "first_names": person.first_names,
            "title": reader.title,
            "salutation": reader.salutation,
            "female": reader.female,
            "male": reader.male,
        },
        "address": str(address) if address else "",
        "address_lines": str(address).split(", ") if address else [],
        "team": {
            "name": team.name,
            "address": team.address,
            "phone": team.phone,
            "email": team.email,
            "opening_hours": team.opening_hours,
        },
        "worker_name": (worker.get_full_name() or worker.get_username()) if worker else "",
        "request": {"requested_on": request.requested_on, "get_aid_display": request.get_aid_display()},
    }
    if kind == Kind.ACKNOWLEDGEMENT:
        context["decision_due"] = deadlines.decision_due(request.requested_on)
    if proposal is not None and kind != Kind.ACKNOWLEDGEMENT:
        context["proposal"] = {"aid_type": {"label": proposal.aid_type.label if proposal.aid_type_id else ""}}
    if kind == Kind.PIIS:
        aid_type = proposal.aid_type
        context["piis"] = {
            "reflection_days": aid_type.piis_reflection_days,
            "conclude_months": aid_type.piis_conclude_months,
            "evaluations_per_year": aid_type.piis_evaluations_per_year,
        }
    if kind == Kind.HEARING:
        context["hearing"] = hearing_context(proposal)
    if kind == Kind.NOTIFICATION:
        context["notification"] = notification.render_notification(proposal, decision=decision)
        amount = catalogue.euros(proposal.amount) if proposal.amount is not None else ""
        context["proposal"] |= {"amount": amount, "periodicity": proposal.get_periodicity_display()}
        context["decision"] = {"decided_on": decision.decided_on, "outcome": decision.get_outcome_display()}
    return context


def hearing_context(proposal) -> dict:
    """The body that will decide and hear the person, and its meeting when the proposal is on an agenda."""
    body, _day, _urgent = notification.who_decided(proposal.aid_type, None, proposal)
    item = proposal.agenda_items.exclude(meeting__status="closed").select_related("meeting__body").last()
    basis = proposal.aid_type.hearing_legal_basis
    if item is None:
        return {
            "body": body or str(_("Comité spécial du service social")),
            "day": None,
            "time": "",
            "place": "",
            "legal_basis": basis,
        }
    starts = timezone.localtime(item.meeting.starts_at)
    return {
        "body": body,
        "day": starts.date(),
        "time": f"{starts:%H:%M}",
        "place": item.meeting.place,
        "legal_basis": basis,
    }


def recipient_of(context: dict) -> str:
    name, address = context["person"]["full_name"], context["address"]
    return f"{name}, {address}" if address else name


def problems(kind: str, html: str) -> list[str]:
    """French messages for a template of this kind that uses a tag or a variable it may not."""
    return template_engine.problems(html, VARIABLES[kind])


def render_html(template: LetterTemplate, context: dict, code: str) -> str:
    body = template_engine.render(template.html, context)
    page = {
        "code": code,
        "qr": qr_data_uri(code),
        "letterhead": context["letterhead"],
        "logo": context["logo"],
    }
    return render_to_string(
        "letters/page.html",
        {**page, "body": mark_safe(body), "css": mark_safe(template.css)},  # noqa: S308 - the template's own escaping already applied; the admin writes the CSS
    )


def render_pdf(html: str) -> bytes:
    return html_to_pdf(html)
