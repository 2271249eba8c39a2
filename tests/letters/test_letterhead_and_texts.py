"""The letterhead and the legal texts are admin data (audited, for the catalogue's role only); the reasons
keep each heading once whatever was typed or saved; the stored templates lost the "secrétaire général"."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from access.roles import Role
from audit.models import AuditEvent
from letters import letterhead
from letters.models import LegalText, Letterhead, LetterTemplate
from tests.factories import UserFactory
from tests.login import verified_login
from workflow import motivation
from workflow.forms import prefill

pytestmark = pytest.mark.django_db


def png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (4, 2), "navy").save(image, "PNG")
    return image.getvalue()


def test_the_reasons_keep_each_heading_once():
    assert motivation.split("En fait : Sans revenus.\n\nEn droit : Article 3.", "Loi du 26 mai 2002.") == (
        "Sans revenus.",
        "Article 3.\n\nLoi du 26 mai 2002.",
    )
    assert motivation.split("en fait: Sans revenus.", "En droit : Article 3.") == (
        "Sans revenus.",
        "Article 3.",
    )
    assert motivation.split("Sans revenus.", "Article 3.") == ("Sans revenus.", "Article 3.")


def test_a_new_proposal_is_prefilled_with_the_facts_and_the_law_apart(file, worker):
    from files.models import AidRequest

    request = AidRequest.objects.create(
        file=file, aid="ri", requested_on=datetime.date(2026, 11, 2), registered_by=worker
    )
    initial = prefill(request)
    assert initial["motivation_facts"].startswith("vous avez demandé le revenu d'intégration")
    assert "En droit" not in initial["motivation_facts"] and "En fait" not in initial["motivation_facts"]
    assert initial["motivation_law"].startswith("selon l'article 3 de la loi du 26 mai 2002")
    assert "arrêté royal du 11 juillet 2002" in initial["motivation_law"]


def test_the_settings_fill_what_the_letterhead_leaves_empty(settings):
    settings.CPAS_NAME, settings.CPAS_PLACE, settings.CPAS_PRESIDENT_NAME = (
        "CPAS de Quévy",
        "Quévy",
        "A. Durant",
    )
    sender = letterhead.sender()
    assert (sender.name, sender.place, sender.president_name) == ("CPAS de Quévy", "Quévy", "A. Durant")
    assert sender.director_title == "Le Directeur général"
    Letterhead.objects.create(name="CPAS de Mons", place="Mons", logo=SimpleUploadedFile("logo.png", png()))
    sender = letterhead.sender()
    assert (sender.name, sender.place, sender.president_name) == ("CPAS de Mons", "Mons", "A. Durant")
    assert sender.logo.startswith("data:image/png;base64,")


def test_the_legal_texts_are_seeded_with_their_source():
    for key in ("cj-728", "cj-1017", "prescription-recup_ri", "prescription-recup_aide"):
        text = letterhead.legal_text(key, datetime.date(2026, 12, 1))
        assert text is not None and text.source and text.source_date, key
    assert (
        "comparaître en personne ou par avocat"
        in letterhead.legal_text("cj-728", datetime.date(2026, 12, 1)).text
    )


def test_the_admin_edits_the_letterhead_and_the_legal_texts_audited(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    admin = UserFactory(role=Role.ADMIN.value)
    verified_login(client, admin)
    response = client.post(
        reverse("admin:letters_letterhead_add"),
        {
            "name": "CPAS de Mons",
            "address": "Rue de Bertaimont 1\n7000 Mons",
            "place": "Mons",
            "president_name": "Nadia Vermeulen",
            "president_title": "La Présidente",
            "director_name": "Jean Lambot",
            "director_title": "Le Directeur général",
            "logo": SimpleUploadedFile("logo.png", png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert letterhead.sender().president_title == "La Présidente"
    assert client.get(reverse("admin:letters_letterhead_add")).status_code == 403  # one letterhead only
    text = LegalText.objects.get(key="cj-728")
    url = reverse("admin:letters_legaltext_change", args=[text.pk])
    data = {
        "key": text.key,
        "article": text.article,
        "text": "Texte vérifié.",
        "valid_from": "01/11/2018",
        "source": "Justel",
        "source_date": "01/12/2026",
        "verified": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LegalText.objects.get(pk=text.pk).text == "Texte vérifié."
    assert AuditEvent.objects.filter(target_type="letters.legaltext", user=admin).exists()
    assert AuditEvent.objects.filter(target_type="letters.letterhead", user=admin).exists()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PRESIDENT, Role.LEGAL_OFFICER])
def test_other_roles_cannot_edit_the_letterhead_nor_the_legal_texts(client, role):
    verified_login(client, UserFactory(role=role.value))
    assert client.get(reverse("admin:letters_letterhead_add")).status_code in (302, 403)
    text = LegalText.objects.get(key="cj-728")
    assert client.get(reverse("admin:letters_legaltext_change", args=[text.pk])).status_code in (302, 403)


def test_the_migration_renames_the_secretaire_general_in_an_edited_template():
    migration = importlib.import_module("letters.migrations.0008_legal_texts_and_templates")
    edited = migration.OLD_TEMPLATES["hearing"].replace("Madame, Monsieur,", "Madame, Monsieur, (modifié)")
    LetterTemplate.objects.filter(kind="hearing").update(html=edited)
    LetterTemplate.objects.filter(kind="piis").update(html=migration.OLD_TEMPLATES["piis"])
    migration.install(apps, None)
    hearing = LetterTemplate.objects.get(kind="hearing").html
    assert "(modifié)" in hearing and "Le Directeur général" in hearing  # the admin's text kept, retitled
    assert LetterTemplate.objects.get(kind="piis").html == migration.TEMPLATES["piis"]  # unedited: replaced
    assert not LetterTemplate.objects.filter(html__contains="Secrétaire général").exists()
