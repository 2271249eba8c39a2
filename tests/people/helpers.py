"""Small helpers for the people tests: URLs, form data as a browser posts it, Belgian test numbers."""

from bs4 import BeautifulSoup
from django.urls import reverse
from stdnum import iban as iban_std

from people.forms import IdentityForm
from people.models import Person


def url(name: str, social_file, *args) -> str:
    return reverse(f"people:{name}", args=[social_file.pk, *args])


def identity_post(person: Person, **changes) -> dict:
    """The identity form as the browser submits it, unchanged except for `changes`."""
    return {**IdentityForm.initial_for(person), **changes}


def belgian_iban(bank_code: str, account: str) -> str:
    """The IBAN of a Belgian account number (3-digit bank code + 7 digits), with both checks computed."""
    body = f"{bank_code}{account}"
    national_check = int(body) % 97 or 97
    bban = f"{body}{national_check:02d}"
    return f"BE{iban_std.calc_check_digits('BE00' + bban)}{bban}"


def field_error(response, field: str) -> str:
    """The message shown beside a field (the paragraph the field's label and input are grouped with)."""
    page = BeautifulSoup(response.content, "html.parser")
    box = page.find(id=f"id_{field}").find_parent(class_="field")
    errors = box.find_all(class_="field-error")
    return " ".join(e.get_text(" ", strip=True) for e in errors)


def typed_value(response, field: str) -> str:
    """What the input of `field` holds in the page (what the user typed, if the form was sent back)."""
    page = BeautifulSoup(response.content, "html.parser")
    element = page.find(id=f"id_{field}")
    if element.name == "select":
        selected = element.find("option", selected=True)
        return selected["value"] if selected else ""
    return element.get("value", "")


def form_data(response) -> dict:
    """What the browser would send back if the user pressed the submit button of the page's main form."""
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one("main form[method=post]")
    data = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if element.name == "select":
            selected = element.find("option", selected=True)
            data[name] = selected["value"] if selected else ""
        elif element.name == "textarea":
            data[name] = element.get_text()
        elif element.get("type") == "checkbox":
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
        else:
            data[name] = element.get("value", "")
    return data
