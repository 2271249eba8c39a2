"""French texts of the demo: request details, social reports, home-visit reports and follow-up notes.

Texts are assembled from fragments that depend on the person's situation, in the simple HTML the report
editor keeps (<h3>, <p>, <ul>, <strong>). Amounts are illustrative prose, never the legal rates.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from files.models import AidRequest

Aid = AidRequest.Aid


@dataclass
class Situation:
    """What the texts need to know about a beneficiary."""

    sex: str
    last_name: str
    first_name: str
    age: int
    household: str  # e.g. "vit seule", "vit avec son compagnon et deux enfants"
    housing: str  # key of HOUSING
    rent: int
    income: str  # key of INCOME
    locality: str
    children: int = 0

    @property
    def civility(self) -> str:
        return "Mme" if self.sex == "F" else "M."

    @property
    def name(self) -> str:
        return f"{self.civility} {self.last_name}"

    @property
    def pronoun(self) -> str:
        return "elle" if self.sex == "F" else "il"

    def agree(self, word: str) -> str:
        """Feminine agreement of a participle or adjective (suivi -> suivie)."""
        return word + "e" if self.sex == "F" else word


HOUSING = {
    "private": "locataire d'un appartement du parc privé",
    "house": "locataire d'une maison du parc privé",
    "social": "locataire d'un logement social (Toit & Moi)",
    "hosted": "hébergé(e) chez un proche",
    "owner": "propriétaire d'une petite maison ouvrière",
    "homeless": "sans logement, avec une adresse de référence au CPAS",
}
INCOME = {
    "none": "sans aucun revenu",
    "unemployment_end": "en fin de droit aux allocations de chômage",
    "sickness": "en incapacité de travail, indemnisé(e) par sa mutualité",
    "part_time": "salarié(e) à temps partiel (contrat de 19 h par semaine)",
    "pension": "pensionné(e), avec une petite pension",
    "ri": "bénéficiaire du revenu d'intégration",
    "student": "étudiant(e) en haute école",
    "waiting": "en attente d'allocations (dossier ONEM en cours)",
}

REQUEST_DETAILS = {
    Aid.RI: [
        "Demande de revenu d'intégration ; fin de droit aux allocations de chômage.",
        "Demande de revenu d'intégration après une séparation.",
        "Jeune de moins de 25 ans, demande de revenu d'intégration et de projet individualisé (PIIS).",
        "Demande de revenu d'intégration ; sans revenus depuis la fin du contrat de travail.",
    ],
    Aid.ERI: [
        "Demande d'aide sociale équivalente au revenu d'intégration (titre de séjour limité).",
        "Demande d'équivalent au revenu d'intégration ; inscription au registre des étrangers récente.",
    ],
    Aid.FINANCIAL: [
        "Aide ponctuelle pour une facture de chauffage.",
        "Intervention dans les frais scolaires des enfants (rentrée).",
        "Aide financière pour le premier loyer.",
        "Complément au revenu : charges de loyer trop élevées.",
    ],
    Aid.IN_KIND: [
        "Colis alimentaires et orientation vers l'épicerie sociale.",
        "Demande de meubles de première nécessité (lit, table, frigo).",
        "Bons pour vêtements d'hiver des enfants.",
    ],
    Aid.AMU: [
        "Aide médicale urgente : consultation et traitement, certificat du médecin joint.",
        "Aide médicale urgente : suivi de grossesse.",
    ],
    Aid.MEDICAL: [
        "Prise en charge de frais pharmaceutiques (traitement chronique).",
        "Réquisitoire pour consultation de médecine générale et carte médicale.",
        "Intervention dans une facture d'hospitalisation.",
    ],
    Aid.ENERGY: [
        "Fonds gaz-électricité : facture de régularisation impayée.",
        "Compteur à budget : demande de recharge et de guidance énergétique.",
    ],
    Aid.RENT_GUARANTEE: [
        "Garantie locative pour un nouveau logement (deux mois de loyer).",
        "Garantie locative sous forme de lettre de garantie du CPAS.",
    ],
    Aid.ART60: [
        "Souhaite une mise à l'emploi (article 60 §7) pour ouvrir le droit au chômage.",
        "Candidature à un contrat article 60 §7 dans un service communal.",
    ],
    Aid.ADVANCE: [
        "Avance sur indemnités de mutuelle en attente du premier paiement.",
        "Avance sur allocations de chômage (dossier en cours auprès de l'organisme de paiement).",
    ],
    Aid.DEBT: [
        "Médiation de dettes : plusieurs créanciers, rappels d'huissier.",
        "Demande de guidance budgétaire et de plan de paiement.",
    ],
    Aid.OTHER: [
        "Demande d'aide pour des démarches administratives (mutuelle, allocations familiales).",
        "Demande d'accompagnement pour une admission en maison de repos.",
    ],
}


def _fits(text: str, s: Situation) -> bool:
    """Leave out details that contradict the situation (children, pregnancy, age)."""
    if "enfant" in text and not s.children:
        return False
    if "grossesse" in text and (s.sex == "M" or s.age > 45):
        return False
    return not ("moins de 25 ans" in text and s.age >= 25)


def request_details(rng: random.Random, aid: str, s: Situation) -> str:
    options = REQUEST_DETAILS[Aid(aid)]
    return rng.choice([d for d in options if _fits(d, s)] or options)


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _aid_label(aid: str) -> str:
    return str(Aid(aid).label).lower()


def social_report(rng: random.Random, s: Situation, aid: str, requested_on: datetime.date) -> tuple[str, str]:
    """Rapport social written during the inquiry that follows a request."""
    housing = HOUSING[s.housing].replace("(e)", "e" if s.sex == "F" else "")
    income = INCOME[s.income].replace("(e)", "e" if s.sex == "F" else "")
    rent = f" Le loyer s'élève à {s.rent} € par mois, charges non comprises." if s.rent else ""
    debts = rng.choice(
        [
            "Pas de dettes déclarées.",
            "Quelques factures impayées (énergie, téléphonie), sans procédure en cours.",
            "Dettes importantes : un plan de paiement avec un huissier est en cours.",
            "Arriérés de loyer de deux mois signalés par le propriétaire.",
        ]
    )
    proposal = rng.choice(
        [
            f"Nous proposons d'octroyer l'aide demandée ({_aid_label(aid)}) "
            f"à partir du {_date(requested_on)}.",
            f"Nous proposons d'accorder l'aide demandée ({_aid_label(aid)}) pour une durée de six mois, "
            "avec réévaluation de la situation à l'échéance.",
            "Les conditions d'octroi semblent remplies ; proposition favorable sous réserve des derniers "
            "justificatifs (extraits de compte des trois derniers mois).",
            "L'état de besoin n'est pas établi à ce stade : nous proposons un refus motivé et un nouvel "
            "entretien si la situation évolue.",
        ]
    )
    body = (
        f"<h3>Situation familiale</h3><p>{s.name} ({s.first_name}), {s.age} ans, {s.household}.</p>"
        f"<h3>Logement</h3><p>{s.pronoun.capitalize()} est {housing} à {s.locality}.{rent}</p>"
        f"<h3>Ressources et charges</h3><ul><li>{s.pronoun.capitalize()} est {income}.</li>"
        f"<li>{debts}</li></ul>"
        f"<h3>Demande</h3><p>Demande introduite le {_date(requested_on)} : {_aid_label(aid)}. "
        "Enquête sociale menée sur base des documents fournis et de la consultation "
        "de la Banque Carrefour.</p>"
        f"<h3>Analyse et proposition</h3><p>{proposal}</p>"
    )
    return f"Rapport social – {Aid(aid).label}", body


VISIT_STATE = [
    "Le logement est propre et bien tenu, mais humide dans la chambre des enfants.",
    "Le logement est exigu pour la composition du ménage ; le chauffage se fait au poêle au charbon.",
    "Le logement est correct ; le mobilier est sommaire.",
    "Le logement est en mauvais état (châssis, toiture) ; le propriétaire a été contacté.",
    "Appartement au deuxième étage sans ascenseur, difficile d'accès pour la personne.",
]


def home_visit(rng: random.Random, s: Situation, day: datetime.date) -> tuple[str, str]:
    """Rapport de visite à domicile."""
    hour = rng.choice(["9 h 30", "10 h", "11 h", "14 h", "15 h 30"])
    findings = [
        "Composition de ménage conforme à la déclaration.",
        "Pas d'autre occupant constaté.",
        "Les enfants sont scolarisés à l'école du quartier.",
        "Le compteur à budget est actif.",
        "Les factures et courriers sont classés ; les documents demandés nous ont été remis.",
        "Présence d'un animal de compagnie ; pas de remarque.",
    ]
    alone = s.household.startswith("vit seul") and "enfant" not in s.household
    findings = [f for f in findings if _fits(f, s) and (alone or "autre occupant" not in f)]
    items = "".join(f"<li>{f}</li>" for f in rng.sample(findings, k=2))
    states = [v for v in VISIT_STATE if _fits(v, s) and not (alone and "composition du ménage" in v)]
    company = s.agree(" seul") if alone else " en présence des membres de son ménage"
    announced = rng.choice(
        ["annoncée par courrier", "convenue par téléphone", "annoncée lors de l'entretien"]
    )
    body = (
        f"<p>Visite à domicile le {_date(day)} à {hour}, {announced}. {s.name} nous reçoit{company}.</p>"
        f"<p>{rng.choice(states)}</p><ul>{items}</ul>"
    )
    return "Visite à domicile", body


NOTES = [
    (
        "Entretien au bureau",
        "<p>Entretien avec {name}. Remise des extraits de compte et de la composition de "
        "ménage. Explication de la procédure et du délai de décision.</p>",
    ),
    (
        "Contact téléphonique",
        "<p>{name} nous informe que le paiement de la mutualité est toujours en attente. "
        "Rappel des documents manquants.</p>",
    ),
    (
        "Documents reçus",
        "<p>Reçu par courrier : attestation du FOREM, bail enregistré, dernière facture "
        "d'énergie.</p><ul><li>Documents scannés et ajoutés au dossier.</li></ul>",
    ),
    (
        "Suivi PIIS",
        "<p>Évaluation du projet individualisé d'intégration sociale avec {name} : inscription à "
        "une formation qualifiante, démarches de recherche d'emploi régulières.</p>",
    ),
    (
        "Contact avec le propriétaire",
        "<p>Le propriétaire signale un retard de loyer. Un plan d'apurement a été "
        "proposé ; {name} s'engage à le respecter.</p>",
    ),
    (
        "Orientation",
        "<p>{name} est orienté(e) vers le service de médiation de dettes et vers l'épicerie sociale.</p>",
    ),
    (
        "Rendez-vous manqué",
        "<p>{name} ne s'est pas présenté(e) au rendez-vous. Nouveau courrier envoyé avec une "
        "date de rendez-vous.</p>",
    ),
    (
        "Suivi scolaire",
        "<p>Contact avec l'école : les frais scolaires sont réglés ; les enfants fréquentent "
        "l'école régulièrement.</p>",
    ),
    ("Énergie", "<p>Contact avec le fournisseur d'énergie : plan de paiement accepté, coupure évitée.</p>"),
    (
        "Allocations familiales",
        "<p>Démarches auprès de la caisse d'allocations familiales pour la mise à jour du dossier.</p>",
    ),
]

CONFIDENTIAL_NOTES = [
    (
        "Note confidentielle – violences",
        "<p>{name} confie subir des violences de la part de son ex-partenaire. "
        "Orientation vers une maison d'accueil et vers le service d'aide aux victimes.</p><p>À ne pas "
        "évoquer en présence de l'ex-partenaire.</p>",
    ),
    (
        "Note confidentielle – santé",
        "<p>{name} est suivi(e) par un service de santé mentale. Le traitement "
        "explique l'incapacité actuelle ; pas de détail médical à verser au dossier.</p>",
    ),
    (
        "Note confidentielle – assuétude",
        "<p>{name} évoque une consommation d'alcool problématique et accepte "
        "un rendez-vous au centre d'aide spécialisé.</p>",
    ),
    (
        "Note confidentielle – situation familiale",
        "<p>Le service d'aide à la jeunesse suit la famille. {name} "
        "souhaite que cette information reste limitée à l'assistante sociale et au chef de service.</p>",
    ),
]


def _fill(s: Situation, title: str, text: str) -> tuple[str, str]:
    text = text.replace("orienté(e)", s.agree("orienté")).replace("présenté(e)", s.agree("présenté"))
    text = text.replace("suivi(e)", s.agree("suivi"))
    return title, text.format(name=s.name)


def follow_up_note(rng: random.Random, s: Situation, used: set[str] | None = None) -> tuple[str, str]:
    """A follow-up note, preferably of a kind not `used` yet in this file."""
    used = used if used is not None else set()
    candidates = [n for n in NOTES if s.children or n[0] not in {"Suivi scolaire", "Allocations familiales"}]
    fresh = [n for n in candidates if n[0] not in used] or candidates
    title, text = rng.choice(fresh)
    used.add(title)
    return _fill(s, title, text)


def confidential_note(rng: random.Random, s: Situation) -> tuple[str, str]:
    candidates = [n for n in CONFIDENTIAL_NOTES if s.children or "familiale" not in n[0]]
    return _fill(s, *rng.choice(candidates))
