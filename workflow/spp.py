"""What the SPP Intégration sociale form of a decision needs (form B for the revenu d'intégration, B1 for
the law of 2 April 1965), read from the decision: exported as a CSV the clerk copies, never re-typed from the
letter. The form's rubrics follow primabook.mi-is.be ("Formulaire B"); see docs/legal-sources.md."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from workflow import deadlines
from workflow.models import Decision
from workflow.notification import who_decided


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def form_rows(decision: Decision) -> list[tuple[str, object]]:
    """(label, value) of each datum of the form, in the form's order."""
    proposal = decision.proposal
    aid_type = proposal.aid_type
    person = proposal.file.beneficiary
    body, decided_on, urgent = who_decided(aid_type, decision)
    due = deadlines.spp_due(decision.decided_on, aid_type, proposal.start_on)
    if urgent:
        body = _("Président(e), en urgence")
    return [
        (_("Formulaire"), aid_type.spp_form),
        (_("CPAS"), settings.CPAS_NAME),
        (_("NISS ou numéro BIS"), person.national_number or ""),
        (_("Nom"), person.last_name),
        (_("Prénoms"), person.first_names),
        (_("Date de naissance"), _day(person.birth_date)),
        (_("Aide"), aid_type.label),
        (_("Catégorie"), proposal.category.label if proposal.category_id else ""),
        (_("Montant (EUR)"), proposal.amount if proposal.amount is not None else ""),
        (_("Périodicité"), proposal.get_periodicity_display()),
        (_("Date d'entrée en vigueur (début de la période)"), _day(proposal.start_on)),
        (_("Fin de la période"), _day(proposal.end_on)),
        (_("PIIS"), _("oui") if proposal.piis else _("non")),
        (_("Décision"), decision.get_outcome_display()),
        (_("Date de la décision"), _day(decided_on or decision.decided_on)),
        (_("Organe"), body),
        (_("Référence du dossier"), proposal.file.reference),
        (_("À envoyer au plus tard le"), _day(due)),
    ]
