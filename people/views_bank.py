"""Comptes bancaires: the beneficiary's accounts and the payment account, a sensitive, recorded choice."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Action
from audit.selectors import last_change
from config.forms import apply_service_errors
from files.sections import FileSectionView
from people import selectors
from people.forms import BankAccountForm, PaymentAccountForm
from people.models import BankAccount
from people.services import add_bank_account, set_payment_account
from people.views_common import FileEditView


class BankView(FileSectionView):
    template_name = "people/bank.html"
    tab = "bank"
    action = Action.VIEW_BANK

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accounts"] = selectors.bank_accounts(self.file.beneficiary)
        return context


class BankAddView(FileEditView):
    template_name = "people/bank_form.html"
    form_class = BankAccountForm
    tab = "bank"

    def section_url(self) -> str:
        return reverse("people:bank", args=[self.file.pk])

    def get_initial(self):
        beneficiary = self.file.beneficiary
        return {
            "holder": beneficiary.full_name,
            "valid_from": timezone.localdate(),
            "is_payment_account": selectors.payment_account(beneficiary) is None,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payment_account"] = selectors.payment_account(self.file.beneficiary)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            account = add_bank_account(
                actor=self.request.user,
                file=self.file,
                person=self.file.beneficiary,
                iban=data["iban"],
                holder=data["holder"],
                valid_from=data["valid_from"],
                is_payment_account=data["is_payment_account"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        bank = " – ".join(part for part in (account.bic, account.bank_name) if part)
        message = _("Compte %(iban)s enregistré") % {"iban": account.iban_display}
        if bank:
            message += f" ({bank})"
        if account.is_payment_account:
            message += _(" : c'est désormais le compte de paiement.")
        messages.success(self.request, message)
        return redirect(self.get_success_url())


class PaymentAccountView(FileEditView):
    """Confirm, then record, that payments go to another account from now on."""

    template_name = "people/payment_confirm.html"
    form_class = PaymentAccountForm
    tab = "bank"

    def dispatch(self, request, *args, **kwargs):
        self.account_pk = kwargs["account_pk"]
        return super().dispatch(request, *args, **kwargs)

    def section_url(self) -> str:
        return reverse("people:bank", args=[self.file.pk])

    def get_account(self) -> BankAccount:
        if not hasattr(self, "_account"):
            self._account = get_object_or_404(
                BankAccount, pk=self.account_pk, person_id=self.file.beneficiary_id
            )
        return self._account

    def get(self, request, *args, **kwargs):
        if self.get_account().is_payment_account:
            messages.info(request, _("Ce compte est déjà le compte de paiement."))
            return redirect(self.section_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        current = selectors.payment_account(self.file.beneficiary)
        return {"previous": current.pk if current else None}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account"] = self.get_account()
        context["current"] = current = selectors.payment_account(self.file.beneficiary)
        if context.get("changed_meanwhile") and current is not None:
            context["change"] = last_change(current)
        return context

    def form_valid(self, form):
        account = self.get_account()
        current = selectors.payment_account(self.file.beneficiary)
        if account.is_payment_account:
            messages.info(self.request, _("Ce compte est déjà le compte de paiement."))
            return redirect(self.section_url())
        if (current.pk if current else None) != form.cleaned_data["previous"]:
            # A colleague changed the payment account since this page was shown: confirm again, knowingly.
            fresh = PaymentAccountForm(initial={"previous": current.pk if current else None})
            return self.render_to_response(
                self.get_context_data(form=fresh, changed_meanwhile=True), status=409
            )
        set_payment_account(actor=self.request.user, file=self.file, account=account)
        messages.success(
            self.request,
            _("Les paiements iront désormais sur le compte %(iban)s. Ce changement figure dans l'historique.")
            % {"iban": account.iban_display},
        )
        return redirect(self.section_url())
