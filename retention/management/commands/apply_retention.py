"""python manage.py apply_retention [--apply] [--on AAAA-MM-JJ]

Without --apply, lists what is due (documents by type, letters by kind, closed files), why (rule, start, due
date) and what holds it, and changes nothing. With --apply, deletes or anonymises what no hold keeps, one
transaction per item, each recorded in the audit trail without its content. Safe to re-run.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from retention import disposal, selectors
from retention.models import RetentionRule

CATEGORIES = {
    "document": gettext_lazy("Document"),
    "letter": gettext_lazy("Lettre"),
    "file": gettext_lazy("Dossier"),
}


class Command(BaseCommand):
    help = "Liste ce dont la durée de conservation est échue ; --apply le supprime ou l'anonymise."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Supprimer ou anonymiser (sinon : lister).")
        parser.add_argument("--on", help="Date de référence AAAA-MM-JJ (aujourd'hui par défaut).")

    def handle(self, *args, **options):
        on = timezone.localdate()
        if options["on"]:
            try:
                on = datetime.date.fromisoformat(options["on"])
            except ValueError as error:
                raise CommandError(_("Date invalide : %(value)s") % {"value": options["on"]}) from error
        if not options["apply"]:
            items = selectors.due(on)
            for item in items:
                self.stdout.write(self.line(item))
            held = sum(1 for item in items if item.holds)
            self.stdout.write(
                _("%(due)d échu(s), dont %(held)d gelé(s). Rien n'a été modifié (--apply pour appliquer).")
                % {"due": len(items), "held": held}
            )
            return
        outcome = disposal.apply(on)
        for item in outcome.done:
            self.stdout.write(_("Fait : %(line)s") % {"line": self.line(item)})
        for item, why in outcome.refused:
            self.stderr.write(
                _("Gardé (encore référencé) : %(line)s %(why)s") % {"line": self.line(item), "why": why}
            )
        self.stdout.write(
            _("%(done)d traité(s), %(held)d gelé(s), %(refused)d gardé(s) car encore référencé(s).")
            % {"done": len(outcome.done), "held": len(outcome.held), "refused": len(outcome.refused)}
        )

    @staticmethod
    def line(item: selectors.DueItem) -> str:
        text = _(
            "%(category)s n° %(id)s (%(group)s), dossier %(reference)s : %(rule)s ; depuis le %(start)s, "
            "échu le %(due)s ; %(disposal)s"
        ) % {
            "category": CATEGORIES[item.category],
            "id": item.obj.pk,
            "group": item.group,
            "reference": item.file.reference,
            "rule": item.rule,
            "start": item.start_on.strftime("%d/%m/%Y"),
            "due": item.due_on.strftime("%d/%m/%Y"),
            "disposal": _("suppression")
            if item.disposal == RetentionRule.Disposal.DELETE
            else _("anonymisation"),
        }
        if item.holds:
            text += " — " + _("gelé : %(holds)s") % {"holds": " ; ".join(item.holds)}
        return text
