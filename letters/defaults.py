"""The letter templates shipped by data migration 0002; an admin adapts them afterwards."""

HEADER = """<header class="letterhead">
  <p><strong>{{ cpas_name }}</strong> – {{ team.name }}
  {% if team.address %}, {{ team.address }}{% endif %}</p>
  <p>Notre référence : <strong>{{ file.reference }}</strong></p>
  <p class="recipient">{{ person.full_name }}{% if address %}<br>{{ address }}{% endif %}</p>
  <p class="date">Le {{ today|date:"d/m/Y" }}</p>
</header>
"""

SIGNATURE = """<p>Pour toute question, rappelez la référence {{ file.reference }} et adressez-vous à votre
assistant(e) social(e) : <strong>{{ worker_name }}</strong>, {{ team.name }}{% if team.phone %},
tél. {{ team.phone }}{% endif %}.</p>
<p>Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.</p>
<p class="signature">Le Secrétaire général &nbsp;&nbsp;&nbsp;&nbsp; Le Président</p>
"""

CSS = """.letterhead { margin-bottom: 12mm; }
.recipient { margin-left: 90mm; margin-top: 8mm; }
.date { text-align: right; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
.signature { margin-top: 15mm; }
"""

TEMPLATES = {
    "acknowledgement": HEADER
    + """<p><strong>Concerne :</strong> accusé de réception de votre demande de {{ request.get_aid_display }}
du {{ request.requested_on|date:"d/m/Y" }}</p>
<p>Madame, Monsieur,</p>
<p>Nous avons bien reçu votre demande de {{ request.get_aid_display }} introduite le
{{ request.requested_on|date:"d/m/Y" }}. Une décision doit être prise au plus tard le
<strong>{{ decision_due|date:"d/m/Y" }}</strong> et vous sera notifiée dans les huit jours.</p>
<p>Votre assistant(e) social(e) peut vous demander des documents ou une visite à domicile pour instruire votre
demande.</p>
"""
    + SIGNATURE,
    "notification": """{{ notification }}
<p class="signature">Le Secrétaire général &nbsp;&nbsp;&nbsp;&nbsp; Le Président</p>
""",
    "hearing": HEADER
    + """<p><strong>Concerne :</strong> votre droit d'être entendu(e) –
demande de {{ proposal.aid_type.label }}</p>
<p>Madame, Monsieur,</p>
<p>Avant que le CPAS ne décide de votre demande de {{ proposal.aid_type.label }} du
{{ request.requested_on|date:"d/m/Y" }}, vous avez le droit d'être entendu(e), si vous le souhaitez
accompagné(e) de la personne de votre choix. Vous pouvez consulter votre dossier au préalable.</p>
<p>Pour être entendu(e), prenez contact avec votre assistant(e) social(e) dans les huit jours de la
présente.</p>
"""
    + SIGNATURE,
    "piis": HEADER
    + """<p><strong>Concerne :</strong> projet individualisé d'intégration sociale (PIIS)</p>
<p>Madame, Monsieur,</p>
<p>Votre droit à {{ proposal.aid_type.label }} est lié à la conclusion d'un projet individualisé
d'intégration sociale (PIIS). Nous vous invitons à l'établir avec votre assistant(e) social(e) : vos
aspirations, vos aptitudes, votre formation et vos besoins y seront pris en compte.</p>
<p>Vous pouvez vous faire assister par la personne de votre choix et disposez d'un délai de réflexion de
{{ piis.reflection_days }} jours calendrier avant de signer le projet, à conclure dans les
{{ piis.conclude_months }} mois de la décision.</p>
"""
    + SIGNATURE,
}
