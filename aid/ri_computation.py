"""The revenu d'intégration due: the category's rate less the countable resources, explained in French.

Loi du 26 mai 2002, art. 14, § 2 (the rate less the resources) and art. 16 (which resources); AR du 11 juillet
2002, art. 22 (resources never counted, general exemption), art. 34 (the household's resources) and art. 35
(socio-professional exemption). Every rule is a dated catalogue row (aid.rules), read on the day it applies.

The computation is monthly, on the resources received on the first day at each rate (an indexation inside
the period starts a new rate); the period is then prorated by the aid type's rule (aid.amounts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from aid.amounts import PeriodAmount, amount_on, period_amount
from aid.formatting import cents, euros
from aid.models import AidAmount, AidCategory, AidType
from aid.rules import Exemption, HouseholdRule, ResourceRule

ZERO = Decimal("0.00")
COHABITANT = "cohabitant"


@dataclass
class MonthlyComputation:
    """The amount due per month at one rate, and every step that led to it."""

    rate: Decimal
    counted: Decimal
    due: Decimal
    steps: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Computation:
    monthly: Decimal  # due per month at the last rate of the period
    period: PeriodAmount
    text: str


def _valid(queryset, day: date):
    return queryset.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def _resource_rule(kind: str, day: date) -> ResourceRule | None:
    return _valid(ResourceRule.objects.filter(resource_kind=kind), day).order_by("-valid_from").first()


def _exemption(kind: str, category_code: str, day: date) -> Exemption | None:
    rows = _valid(Exemption.objects.filter(kind=kind), day).filter(category_code__in=[category_code, ""])
    return rows.order_by("-category_code", "-valid_from").first()


def _age(person, day: date) -> int | None:
    born = person.birth_date
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _resources(person, day: date, steps: list[str], who: str) -> tuple[Decimal, Decimal]:
    """(countable total, salary part) of one person's resources received on `day`."""
    total = salary = ZERO
    for resource in person.resources.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day)):
        rule = _resource_rule(resource.kind, day)
        label = f"{resource.get_kind_display()} ({who})"
        if rule is not None and rule.treatment == ResourceRule.Treatment.EXEMPT:
            steps.append(
                _("%(what)s : %(amount)s, non pris en compte (%(basis)s).")
                % {"what": label, "amount": euros(resource.monthly_amount), "basis": rule.legal_basis}
            )
            continue
        steps.append(_("%(what)s : %(amount)s.") % {"what": label, "amount": euros(resource.monthly_amount)})
        total += resource.monthly_amount
        if resource.kind == "salary":
            salary += resource.monthly_amount
    return total, salary


def _household(beneficiary, day: date, cohabitant_rate: Decimal, steps: list[str]) -> Decimal:
    """The part of the household members' resources that counts (art. 34 of the AR, as the rules say)."""
    counted = ZERO
    links = beneficiary.household.select_related("member").filter(
        Q(since__isnull=True) | Q(since__lte=day), Q(until__isnull=True) | Q(until__gte=day)
    )
    for link in links:
        rule = (
            _valid(HouseholdRule.objects.filter(relation=link.relation), day).order_by("-valid_from").first()
        )
        who = f"{link.member.full_name}, {link.get_relation_display().lower()}"
        age = _age(link.member, day)
        if rule is None or not rule.counted or (rule.adults_only and (age is None or age < 18)):
            if link.member.resources.exists():
                steps.append(_("Ressources de %(who)s : non prises en compte.") % {"who": who})
            continue
        total, _salary = _resources(link.member, day, steps, who)
        part = total
        if rule.above_cohabitant_rate:
            part = max(ZERO, total - cohabitant_rate)
            steps.append(
                _("Part de %(who)s au-delà du taux cohabitant (%(rate)s) : %(part)s (%(basis)s).")
                % {"who": who, "rate": euros(cohabitant_rate), "part": euros(part), "basis": rule.legal_basis}
            )
        counted += part
    return counted


def monthly_due(
    row: AidAmount, beneficiary, *, socio_professional: bool = False, day: date | None = None
) -> MonthlyComputation:
    """The amount due per month at the catalogue row `row` (a category's rate), from `day` (its start)."""
    day = day or row.valid_from
    category: AidCategory | None = row.category
    code = category.code if category else ""
    result = MonthlyComputation(rate=row.amount, counted=ZERO, due=row.amount)
    steps = result.steps
    own, salary = _resources(beneficiary, day, steps, _("la personne"))
    if socio_professional and salary:
        isp = _exemption(Exemption.Kind.SOCIO_PROFESSIONAL, "", day)
        if isp is not None:
            deducted = min(salary, isp.monthly_amount)
            own -= deducted
            steps.append(
                _("Exonération socioprofessionnelle (%(basis)s) : − %(amount)s.")
                % {"basis": isp.legal_basis, "amount": euros(deducted)}
            )
    cohabitant_rate = amount_on(row.aid_type, _cohabitant(row.aid_type), day) or ZERO
    counted = own + _household(beneficiary, day, cohabitant_rate, steps)
    if ZERO < counted < row.amount:
        general = _exemption(Exemption.Kind.GENERAL, code, day)
        if general is not None:
            deducted = min(counted, general.monthly_amount)
            counted -= deducted
            steps.append(
                _("Exonération générale (%(basis)s) : − %(amount)s.")
                % {"basis": general.legal_basis, "amount": euros(deducted)}
            )
    result.counted = cents(counted)
    result.due = max(ZERO, cents(row.amount - result.counted))
    return result


def _cohabitant(aid_type: AidType) -> AidCategory | None:
    return aid_type.categories.filter(code=COHABITANT).first()


def compute(
    aid_type: AidType,
    category: AidCategory | None,
    start: date,
    end: date,
    beneficiary,
    *,
    socio_professional: bool = False,
) -> Computation:
    """The RI due over start..end (both included) and its calculation text; ValidationError without a rate."""
    results: dict[int, MonthlyComputation] = {}

    def due(row: AidAmount) -> Decimal:
        if row.pk not in results:
            first_day = max(row.valid_from, start)
            results[row.pk] = monthly_due(
                row, beneficiary, socio_professional=socio_professional, day=first_day
            )
        return results[row.pk].due

    period = period_amount(aid_type, category, start, end, monthly=due)
    paragraphs = []
    for pk, result in results.items():
        row = AidAmount.objects.get(pk=pk)
        head = _("Taux du %(day)s : %(rate)s par mois.") % {
            "day": max(row.valid_from, start).strftime("%d/%m/%Y"),
            "rate": euros(result.rate),
        }
        if not result.steps:
            result.steps.append(_("Aucune ressource à prendre en compte."))
        tail = _(
            "Ressources prises en compte : %(counted)s. "
            "Montant dû : %(rate)s − %(counted)s = %(due)s par mois."
        )
        paragraphs.append(
            " ".join(
                [
                    head,
                    *result.steps,
                    tail
                    % {
                        "counted": euros(result.counted),
                        "rate": euros(result.rate),
                        "due": euros(result.due),
                    },
                ]
            )
        )
    last = list(results.values())[-1]
    return Computation(monthly=last.due, period=period, text="\n".join([*paragraphs, period.explanation]))
