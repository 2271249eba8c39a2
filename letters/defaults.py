"""The letter templates shipped by data migrations 0002 and 0008; an admin adapts them afterwards.

The page around them (letters/page.html) prints the letterhead, the QR code and the page numbers, and places
the `.recipient` block in the window of a DL or C5/6 envelope with a right-hand window.
"""

# Reader-facing words agree with the person's sex (person.female / person.male); neutral when unknown.
HEADER = """<p class="recipient">{% if person.title %}{{ person.title }} {% endif %}{{ person.full_name }}
{% for line in address_lines %}<br>{{ line }}{% endfor %}</p>
<p class="date">{% if letterhead.place %}{{ letterhead.place }}, le{% else %}Le{% endif %}
{{ today|date:"d/m/Y" }}</p>
<p class="reference">Notre référence : <strong>{{ file.reference }}</strong><br>
Personne de contact : <strong>{{ worker_name }}</strong>, {{ team.name }}
{% if team.address %}<br>{{ team.address }}{% endif %}
{% if team.phone %}<br>Téléphone : {{ team.phone }}{% endif %}
{% if team.email %} – e-mail : {{ team.email }}{% endif %}
{% if team.opening_hours %}<br>Heures d'ouverture : {{ team.opening_hours }}{% endif %}</p>
"""

SIGNATURE = """<p>Veuillez agréer, {{ person.salutation }}, l'expression de nos salutations distinguées.</p>
<table class="signatures"><tr>
<td>{{ letterhead.director_title }}<br><span class="signer">{{ letterhead.director_name }}</span></td>
<td>{{ letterhead.president_title }}<br><span class="signer">{{ letterhead.president_name }}</span></td>
</tr></table>
"""

CSS = """h3 { font-size: 11pt; margin: 5mm 0 2mm; }
"""

TEMPLATES = {
    "acknowledgement": HEADER
    + """<p><strong>Concerne :</strong> accusé de réception de votre demande de {{ request.get_aid_display }}
du {{ request.requested_on|date:"d/m/Y" }}</p>
<p>{{ person.salutation }},</p>
<p>Nous avons bien reçu votre demande de {{ request.get_aid_display }} introduite le
{{ request.requested_on|date:"d/m/Y" }}. Une décision doit être prise au plus tard le
<strong>{{ decision_due|date:"d/m/Y" }}</strong> et vous sera notifiée dans les huit jours.</p>
<p>La personne qui suit votre dossier peut vous demander des documents ou une visite à domicile pour instruire
votre demande.</p>
"""
    + SIGNATURE,
    "notification": """{{ notification }}
""",
    "hearing": HEADER
    + """<p><strong>Concerne :</strong> invitation à une audition avant la décision sur votre demande de
{{ proposal.aid_type.label }} du {{ request.requested_on|date:"d/m/Y" }}</p>
<p>{{ person.salutation }},</p>
<p>Avant que le {{ hearing.body }} ne décide de votre demande, vous avez le droit
{% if person.female %}d'être entendue{% elif person.male %}d'être entendu{% else %}de vous exprimer{% endif %}
devant lui, si la décision risque de vous être défavorable{% if hearing.legal_basis %}
({{ hearing.legal_basis }}){% endif %}.</p>
<p>Vous pouvez vous faire assister ou représenter par la personne de votre choix : par exemple un avocat, un
délégué d'une organisation syndicale ou d'une organisation sociale, ou un proche.</p>
<p>Avant l'audition, vous pouvez consulter votre dossier : prenez rendez-vous avec {{ worker_name }}.</p>
{% if hearing.day %}<p><strong>L'audition aura lieu le {{ hearing.day|date:"d/m/Y" }}
à {{ hearing.time }},
{{ hearing.place }}</strong>, lors de la séance du {{ hearing.body }}.
Si vous ne pouvez pas venir à cette date,
prévenez-nous au plus vite : une autre date peut vous être proposée.</p>
{% else %}<p>Pour demander l'audition, prévenez {{ worker_name }} par téléphone, par e-mail ou par écrit
dans les
huit jours de la présente lettre : nous vous communiquerons la date, l'heure et le lieu de la séance.</p>
{% endif %}<p>Si vous ne venez pas ou ne demandez pas d'audition, le {{ hearing.body }} décidera sur la base
de votre dossier.</p>
"""
    + SIGNATURE,
    "piis": HEADER
    + """<p><strong>Concerne :</strong> projet individualisé d'intégration sociale (PIIS)</p>
<p>{{ person.salutation }},</p>
<p>Votre droit à {{ proposal.aid_type.label }} est lié à la conclusion d'un projet individualisé
d'intégration sociale (PIIS). Nous vous invitons à l'établir avec {{ worker_name }} : vos aspirations, vos
aptitudes, votre formation et vos besoins y seront pris en compte.</p>
<p>Vous pouvez vous faire assister par la personne de votre choix et disposez d'un délai de réflexion de
{{ piis.reflection_days }} jours calendrier avant de signer le projet, à conclure dans les
{{ piis.conclude_months }} mois de la décision.</p>
"""
    + SIGNATURE,
}
