from django import template

from dashboards.stats import days as days_text

register = template.Library()


@register.filter
def days(value) -> str:
    """A number of days as the tables show it: "12", "12,5" or an en dash."""
    return days_text(value)
