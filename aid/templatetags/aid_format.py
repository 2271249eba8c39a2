"""{% load aid_format %} then {{ amount|euros }}: 1.314,20 €."""

from decimal import Decimal, InvalidOperation

from django import template

from aid import formatting

register = template.Library()


@register.filter
def euros(value) -> str:
    """An empty or unreadable amount prints nothing rather than a false figure."""
    if value is None or value == "":
        return ""
    try:
        return formatting.euros(Decimal(str(value)))
    except InvalidOperation:
        return ""
