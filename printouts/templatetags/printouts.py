"""Print buttons and the print-only copy mention, shown according to the access policy."""

from django import template
from django.utils import timezone

from access.policy import Action, can
from printouts import selectors
from printouts.mention import copy_mention_html

register = template.Library()


@register.inclusion_tag("printouts/_file_actions.html", takes_context=True)
def file_print_actions(context, file):
    user = context["request"].user
    return {"file": file, "can_access_report": can(user, Action.ACCESS_REPORT, file)}


@register.simple_tag(takes_context=True)
def copy_mention(context):
    """ "Copie imprimée par ... le ..." for the print-only footer of every page."""
    return copy_mention_html(context["request"].user, timezone.localdate())


@register.inclusion_tag("printouts/_access_report_link.html", takes_context=True)
def access_report_link(context, reference):
    """On the audit review filtered by a file: the security adviser's way to the access report."""
    return {"file": selectors.access_report_file(context["request"].user, reference)}
