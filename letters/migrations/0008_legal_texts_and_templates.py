"""Legal texts printed in letters (Code judiciaire art. 728 and 1017, limitation periods of recoveries), and
the shipped letter templates brought up to date: letterhead, window address, form of address by sex, contact,
signatures of the président and the directeur général (Wallonia: not "secrétaire général").

The data is written here, not imported from the app. A template an administrator has changed keeps its text;
only its "Secrétaire général" becomes "Directeur général".
"""

import datetime

from django.db import migrations

CHECKED = datetime.date(2026, 12, 1)

LEGAL_TEXTS = [
    {
        "key": "cj-728",
        "article": "Article 728 du Code judiciaire",
        "text": (
            "§ 1er. Lors de l'introduction de la cause et ultérieurement, les parties sont tenues de comparaître "
            "en personne ou par avocat.\n"
            "§ 2. Toutefois, devant le juge de paix, le tribunal de l'entreprise et en référé, les parties peuvent "
            "être représentées par leur conjoint, par leur cohabitant légal ou par un parent ou allié, porteurs "
            "d'une procuration écrite et agréés spécialement par le juge.\n"
            "§ 3. Devant le tribunal du travail et devant la cour du travail, l'employeur peut en outre être "
            "représenté par un préposé, porteur d'une procuration écrite. Les ouvriers et employés peuvent de "
            "même être représentés par un délégué d'une organisation représentative d'ouvriers ou d'employés, "
            "porteur d'une procuration écrite. L'assuré social peut en outre être représenté ou assisté par un "
            "délégué d'une organisation sociale qui défend les intérêts du groupe de personnes visé par la "
            "législation en matière d'aide sociale ou d'intégration sociale, porteur d'une procuration écrite. "
            "Le délégué peut accomplir, au nom de son mandant, les diligences que cette représentation comporte, "
            "présenter les requêtes, plaider et recevoir toutes communications relatives à l'instruction et au "
            "jugement du litige."
        ),
        # "tribunal de l'entreprise": law of 15 April 2018, in force on 1 November 2018.
        "valid_from": datetime.date(2018, 11, 1),
        "source": "Code judiciaire, art. 728, version consolidée (Justel, www.ejustice.just.fgov.be) : à comparer",
        "source_date": CHECKED,
        "verified": False,
    },
    {
        "key": "cj-1017",
        "article": "Article 1017, alinéas 1er et 2, du Code judiciaire",
        "text": (
            "Tout jugement définitif prononce, même d'office, la condamnation aux dépens contre la partie qui a "
            "succombé, à moins que des lois particulières n'en disposent autrement et sans préjudice de l'accord "
            "des parties que, le cas échéant, le jugement décrète.\n"
            "Sauf en cas de demande téméraire ou vexatoire, la condamnation aux dépens est toujours prononcée à "
            "charge de l'autorité ou de l'organisme tenu d'appliquer les lois et règlements prévus aux articles "
            "579, 6°, 580, 581 et 582, 1° et 2°, en ce qui concerne les demandes introduites par ou contre les "
            "assurés sociaux."
        ),
        "valid_from": datetime.date(2018, 11, 1),
        "source": "Code judiciaire, art. 1017, version consolidée (Justel, www.ejustice.just.fgov.be) : à comparer",
        "source_date": CHECKED,
        "verified": False,
    },
    {
        "key": "prescription-recup_ri",
        "article": "Loi du 26 mai 2002 concernant le droit à l'intégration sociale, article 29",
        "text": (
            "cinq ans. L'action en remboursement du revenu d'intégration contre son bénéficiaire se prescrit par "
            "cinq ans (article 29 de la loi du 26 mai 2002 concernant le droit à l'intégration sociale). La "
            "prescription est interrompue par une sommation faite par lettre recommandée ou contre accusé de "
            "réception."
        ),
        "valid_from": datetime.date(2026, 1, 1),
        "source": (
            "SPP Intégration sociale, FAQ « Quand le remboursement du revenu d'intégration sociale se "
            "prescrit-il ? », https://www.mi-is.be/fr/faq/quand-le-remboursement-du-revenu-dintegration-sociale-se-prescrit-il"
        ),
        "source_date": CHECKED,
        "verified": True,
    },
    {
        "key": "prescription-recup_aide",
        "article": "Loi organique des CPAS du 8 juillet 1976, article 102",
        "text": (
            "cinq ans. L'action en récupération des frais de l'aide sociale se prescrit conformément à l'article "
            "2277 de l'ancien Code civil, soit par cinq ans (article 102 de la loi organique des centres publics "
            "d'action sociale du 8 juillet 1976)."
        ),
        "valid_from": datetime.date(2026, 1, 1),
        "source": "Terra Laboris, jurisprudence commentée (www.terralaboris.be, rubrique 4042) : à comparer à la loi",
        "source_date": CHECKED,
        "verified": False,
    },
]

OLD_TEMPLATES = {
    "acknowledgement": '<header class="letterhead">\n  <p><strong>{{ cpas_name }}</strong> – {{ team.name }}\n  {% if team.address %}, {{ team.address }}{% endif %}</p>\n  <p>Notre référence : <strong>{{ file.reference }}</strong></p>\n  <p class="recipient">{{ person.full_name }}{% if address %}<br>{{ address }}{% endif %}</p>\n  <p class="date">Le {{ today|date:"d/m/Y" }}</p>\n</header>\n<p><strong>Concerne :</strong> accusé de réception de votre demande de {{ request.get_aid_display }}\ndu {{ request.requested_on|date:"d/m/Y" }}</p>\n<p>Madame, Monsieur,</p>\n<p>Nous avons bien reçu votre demande de {{ request.get_aid_display }} introduite le\n{{ request.requested_on|date:"d/m/Y" }}. Une décision doit être prise au plus tard le\n<strong>{{ decision_due|date:"d/m/Y" }}</strong> et vous sera notifiée dans les huit jours.</p>\n<p>Votre assistant(e) social(e) peut vous demander des documents ou une visite à domicile pour instruire votre\ndemande.</p>\n<p>Pour toute question, rappelez la référence {{ file.reference }} et adressez-vous à votre\nassistant(e) social(e) : <strong>{{ worker_name }}</strong>, {{ team.name }}{% if team.phone %},\ntél. {{ team.phone }}{% endif %}.</p>\n<p>Veuillez agréer, Madame, Monsieur, l\'expression de nos salutations distinguées.</p>\n<p class="signature">Le Secrétaire général &nbsp;&nbsp;&nbsp;&nbsp; Le Président</p>\n',
    "notification": '{{ notification }}\n<p class="signature">Le Secrétaire général &nbsp;&nbsp;&nbsp;&nbsp; Le Président</p>\n',
    "hearing": '<header class="letterhead">\n  <p><strong>{{ cpas_name }}</strong> – {{ team.name }}\n  {% if team.address %}, {{ team.address }}{% endif %}</p>\n  <p>Notre référence : <strong>{{ file.reference }}</strong></p>\n  <p class="recipient">{{ person.full_name }}{% if address %}<br>{{ address }}{% endif %}</p>\n  <p class="date">Le {{ today|date:"d/m/Y" }}</p>\n</header>\n<p><strong>Concerne :</strong> votre droit d\'être entendu(e) –\ndemande de {{ proposal.aid_type.label }}</p>\n<p>Madame, Monsieur,</p>\n<p>Avant que le CPAS ne décide de votre demande de {{ proposal.aid_type.label }} du\n{{ request.requested_on|date:"d/m/Y" }}, vous avez le droit d\'être entendu(e), si vous le souhaitez\naccompagné(e) de la personne de votre choix. Vous pouvez consulter votre dossier au préalable.</p>\n<p>Pour être entendu(e), prenez contact avec votre assistant(e) social(e) dans les huit jours de la\nprésente.</p>\n<p>Pour toute question, rappelez la référence {{ file.reference }} et adressez-vous à votre\nassistant(e) social(e) : <strong>{{ worker_name }}</strong>, {{ team.name }}{% if team.phone %},\ntél. {{ team.phone }}{% endif %}.</p>\n<p>Veuillez agréer, Madame, Monsieur, l\'expression de nos salutations distinguées.</p>\n<p class="signature">Le Secrétaire général &nbsp;&nbsp;&nbsp;&nbsp; Le Président</p>\n',
    "piis": '<header class="letterhead">\n  <p><strong>{{ cpas_name }}</strong> – {{ team.name }}\n  {% if team.address %}, {{ team.address }}{% endif %}</p>\n  <p>Notre référence : <strong>{{ file.reference }}</strong></p>\n  <p class="recipient">{{ person.full_name }}{% if address %}<br>{{ address }}{% endif %}</p>\n  <p class="date">Le {{ today|date:"d/m/Y" }}</p>\n</header>\n<p><strong>Concerne :</strong> projet individualisé d\'intégration sociale (PIIS)</p>\n<p>Madame, Monsieur,</p>\n<p>Votre droit à {{ proposal.aid_type.label }} est lié à la conclusion d\'un projet individualisé\nd\'intégration sociale (PIIS). Nous vous invitons à l\'établir avec votre assistant(e) social(e) : vos\naspirations, vos aptitudes, votre formation et vos besoins y seront pris en compte.</p>\n<p>Vous pouvez vous faire assister par la personne de votre choix et disposez d\'un délai de réflexion de cinq\njours calendrier avant de signer le projet.</p>\n<p>Pour toute question, rappelez la référence {{ file.reference }} et adressez-vous à votre\nassistant(e) social(e) : <strong>{{ worker_name }}</strong>, {{ team.name }}{% if team.phone %},\ntél. {{ team.phone }}{% endif %}.</p>\n<p>Veuillez agréer, Madame, Monsieur, l\'expression de nos salutations distinguées.</p>\n<p class="signature">Le Secrétaire général &nbsp;&nbsp;&nbsp;&nbsp; Le Président</p>\n',
}

OLD_CSS = ".letterhead { margin-bottom: 12mm; }\n.recipient { margin-left: 90mm; margin-top: 8mm; }\n.date { text-align: right; }\nh3 { font-size: 11pt; margin: 5mm 0 2mm; }\n.signature { margin-top: 15mm; }\n"

TEMPLATES = {'acknowledgement': '<p class="recipient">{% if person.title %}{{ person.title }} {% endif %}{{ person.full_name }}\n{% for line in address_lines %}<br>{{ line }}{% endfor %}</p>\n<p class="date">{% if letterhead.place %}{{ letterhead.place }}, le{% else %}Le{% endif %}\n{{ today|date:"d/m/Y" }}</p>\n<p class="reference">Notre référence : <strong>{{ file.reference }}</strong><br>\nPersonne de contact : <strong>{{ worker_name }}</strong>, {{ team.name }}\n{% if team.address %}<br>{{ team.address }}{% endif %}\n{% if team.phone %}<br>Téléphone : {{ team.phone }}{% endif %}\n{% if team.email %} – e-mail : {{ team.email }}{% endif %}\n{% if team.opening_hours %}<br>Heures d\'ouverture : {{ team.opening_hours }}{% endif %}</p>\n<p><strong>Concerne :</strong> accusé de réception de votre demande de {{ request.get_aid_display }}\ndu {{ request.requested_on|date:"d/m/Y" }}</p>\n<p>{{ person.salutation }},</p>\n<p>Nous avons bien reçu votre demande de {{ request.get_aid_display }} introduite le\n{{ request.requested_on|date:"d/m/Y" }}. Une décision doit être prise au plus tard le\n<strong>{{ decision_due|date:"d/m/Y" }}</strong> et vous sera notifiée dans les huit jours.</p>\n<p>La personne qui suit votre dossier peut vous demander des documents ou une visite à domicile pour instruire\nvotre demande.</p>\n<p>Veuillez agréer, {{ person.salutation }}, l\'expression de nos salutations distinguées.</p>\n<table class="signatures"><tr>\n<td>{{ letterhead.director_title }}<br><span class="signer">{{ letterhead.director_name }}</span></td>\n<td>{{ letterhead.president_title }}<br><span class="signer">{{ letterhead.president_name }}</span></td>\n</tr></table>\n', 'notification': '{{ notification }}\n', 'hearing': '<p class="recipient">{% if person.title %}{{ person.title }} {% endif %}{{ person.full_name }}\n{% for line in address_lines %}<br>{{ line }}{% endfor %}</p>\n<p class="date">{% if letterhead.place %}{{ letterhead.place }}, le{% else %}Le{% endif %}\n{{ today|date:"d/m/Y" }}</p>\n<p class="reference">Notre référence : <strong>{{ file.reference }}</strong><br>\nPersonne de contact : <strong>{{ worker_name }}</strong>, {{ team.name }}\n{% if team.address %}<br>{{ team.address }}{% endif %}\n{% if team.phone %}<br>Téléphone : {{ team.phone }}{% endif %}\n{% if team.email %} – e-mail : {{ team.email }}{% endif %}\n{% if team.opening_hours %}<br>Heures d\'ouverture : {{ team.opening_hours }}{% endif %}</p>\n<p><strong>Concerne :</strong> invitation à une audition avant la décision sur votre demande de\n{{ proposal.aid_type.label }} du {{ request.requested_on|date:"d/m/Y" }}</p>\n<p>{{ person.salutation }},</p>\n<p>Avant que le {{ hearing.body }} ne décide de votre demande, vous avez le droit\n{% if person.female %}d\'être entendue{% elif person.male %}d\'être entendu{% else %}de vous exprimer{% endif %}\ndevant lui, si la décision risque de vous être défavorable.</p>\n<p>Vous pouvez vous faire assister ou représenter par la personne de votre choix : par exemple un avocat, un\ndélégué d\'une organisation syndicale ou d\'une organisation sociale, ou un proche.</p>\n<p>Avant l\'audition, vous pouvez consulter votre dossier : prenez rendez-vous avec {{ worker_name }}.</p>\n{% if hearing.day %}<p><strong>L\'audition aura lieu le {{ hearing.day|date:"d/m/Y" }}\nà {{ hearing.time }},\n{{ hearing.place }}</strong>, lors de la séance du {{ hearing.body }}.\nSi vous ne pouvez pas venir à cette date,\nprévenez-nous au plus vite : une autre date peut vous être proposée.</p>\n{% else %}<p>Pour demander l\'audition, prévenez {{ worker_name }} par téléphone, par e-mail ou par écrit\ndans les\nhuit jours de la présente lettre : nous vous communiquerons la date, l\'heure et le lieu de la séance.</p>\n{% endif %}<p>Si vous ne venez pas ou ne demandez pas d\'audition, le {{ hearing.body }} décidera sur la base\nde votre dossier.</p>\n<p>Veuillez agréer, {{ person.salutation }}, l\'expression de nos salutations distinguées.</p>\n<table class="signatures"><tr>\n<td>{{ letterhead.director_title }}<br><span class="signer">{{ letterhead.director_name }}</span></td>\n<td>{{ letterhead.president_title }}<br><span class="signer">{{ letterhead.president_name }}</span></td>\n</tr></table>\n', 'piis': '<p class="recipient">{% if person.title %}{{ person.title }} {% endif %}{{ person.full_name }}\n{% for line in address_lines %}<br>{{ line }}{% endfor %}</p>\n<p class="date">{% if letterhead.place %}{{ letterhead.place }}, le{% else %}Le{% endif %}\n{{ today|date:"d/m/Y" }}</p>\n<p class="reference">Notre référence : <strong>{{ file.reference }}</strong><br>\nPersonne de contact : <strong>{{ worker_name }}</strong>, {{ team.name }}\n{% if team.address %}<br>{{ team.address }}{% endif %}\n{% if team.phone %}<br>Téléphone : {{ team.phone }}{% endif %}\n{% if team.email %} – e-mail : {{ team.email }}{% endif %}\n{% if team.opening_hours %}<br>Heures d\'ouverture : {{ team.opening_hours }}{% endif %}</p>\n<p><strong>Concerne :</strong> projet individualisé d\'intégration sociale (PIIS)</p>\n<p>{{ person.salutation }},</p>\n<p>Votre droit à {{ proposal.aid_type.label }} est lié à la conclusion d\'un projet individualisé\nd\'intégration sociale (PIIS). Nous vous invitons à l\'établir avec {{ worker_name }} : vos aspirations, vos\naptitudes, votre formation et vos besoins y seront pris en compte.</p>\n<p>Vous pouvez vous faire assister par la personne de votre choix et disposez d\'un délai de réflexion de cinq\njours calendrier avant de signer le projet.</p>\n<p>Veuillez agréer, {{ person.salutation }}, l\'expression de nos salutations distinguées.</p>\n<table class="signatures"><tr>\n<td>{{ letterhead.director_title }}<br><span class="signer">{{ letterhead.director_name }}</span></td>\n<td>{{ letterhead.president_title }}<br><span class="signer">{{ letterhead.president_name }}</span></td>\n</tr></table>\n'}

CSS = 'h3 { font-size: 11pt; margin: 5mm 0 2mm; }\n'


def install(apps, schema_editor):
    LegalText = apps.get_model("letters", "LegalText")
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for fields in LEGAL_TEXTS:
        fields = dict(fields)
        LegalText.objects.update_or_create(
            key=fields.pop("key"), valid_from=fields.pop("valid_from"), defaults=fields
        )
    for kind, html in TEMPLATES.items():
        template = LetterTemplate.objects.filter(kind=kind).first()
        if template is None:
            LetterTemplate.objects.create(kind=kind, html=html, css=CSS)
            continue
        if template.html == OLD_TEMPLATES.get(kind):
            template.html = html
        else:  # edited by an administrator: only the title of the Walloon directeur général
            template.html = template.html.replace("Le Secrétaire général", "Le Directeur général")
        if template.css == OLD_CSS:
            template.css = CSS
        template.save()


class Migration(migrations.Migration):
    dependencies = [("letters", "0007_letterhead_legal_texts")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
