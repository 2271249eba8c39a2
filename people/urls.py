"""People screens of a social file, mounted under dossiers/<file_pk>/ (config.urls)."""

from django.urls import path

from people import views_bank, views_household, views_identity, views_resources

app_name = "people"
urlpatterns = [
    path("signaletique/", views_identity.IdentityView.as_view(), name="identity"),
    path("signaletique/modifier/", views_identity.IdentityEditView.as_view(), name="identity_edit"),
    path("signaletique/accord-email/", views_identity.EmailConsentView.as_view(), name="email_consent"),
    path("signaletique/adresses/nouvelle/", views_identity.AddressAddView.as_view(), name="address_add"),
    path("menage/", views_household.HouseholdView.as_view(), name="household"),
    path("menage/ajouter/", views_household.HouseholdAddView.as_view(), name="household_add"),
    path("menage/<int:link_pk>/depart/", views_household.HouseholdEndView.as_view(), name="household_end"),
    path(
        "menage/personnes/<int:person_pk>/modifier/",
        views_identity.IdentityEditView.as_view(),
        name="member_edit",
    ),
    path("banque/", views_bank.BankView.as_view(), name="bank"),
    path("banque/ajouter/", views_bank.BankAddView.as_view(), name="bank_add"),
    path(
        "banque/<int:account_pk>/compte-de-paiement/",
        views_bank.PaymentAccountView.as_view(),
        name="bank_set_payment",
    ),
    path("ressources/", views_resources.ResourcesView.as_view(), name="resources"),
    path("ressources/ajouter/", views_resources.ResourceAddView.as_view(), name="resource_add"),
    path(
        "ressources/<int:resource_pk>/corriger/",
        views_resources.ResourceCorrectView.as_view(),
        name="resource_correct",
    ),
    path("ressources/<int:resource_pk>/fin/", views_resources.ResourceEndView.as_view(), name="resource_end"),
]
