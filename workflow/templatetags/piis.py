"""The PIIS part of a notification (workflow/includes/notification_piis.html): required or not, and why."""

from django import template

from workflow import procedure

register = template.Library()


@register.simple_tag
def piis_status(proposal):
    """procedure.PiisStatus of the proposal, or None while its aid type or request is not chosen (preview)."""
    if not (proposal.aid_type_id and proposal.request_id and proposal.file_id):
        return None
    return procedure.piis_status(proposal)
