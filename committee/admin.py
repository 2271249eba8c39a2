from django.contrib import admin

from committee.models import Body


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    """The CPAS configures its bodies: members, president and secretary."""

    list_display = ("kind", "president", "secretary")
    filter_horizontal = ("members",)
