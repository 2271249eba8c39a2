"""Who may do what with a mail, for every role: a table written by hand, not generated from the policy; and
the register's filter gives exactly the mail that the rule of one mail opens, for every role."""

import pytest
from django.contrib.auth.models import User

from access.roles import Role
from mail import rules, selectors, services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A mail routed to the Mons antenne, given to its social worker "worker", linked to one of its files.
# view: the page; route / assign / handle: the moves; link: link it to (or file it into) that file.
EXPECTED = {
    "mail_clerk": {"view", "route", "link"},
    "head": {"view", "assign", "handle", "link"},
    "worker": {"view", "handle", "link"},  # its agent
    "colleague": {"view"},  # reads the file's documents, does not handle this mail
    "other_head": set(),
    "reception": set(),  # adds documents to the antenne's files but reads none
    "legal_officer": {"view"},
    "payment_clerk": {"view"},
    "recovery_clerk": {"view"},
    "committee_member": set(),  # reads a file only while their body decides on it
    "committee_secretary": {"view"},
    "president": {"view"},
    "bcss_operator": set(),
    "admin": set(),
    "security_officer": set(),
}


@pytest.fixture
def everyone(clerk, head, worker, colleague, team, other_team):
    users = {"mail_clerk": clerk, "head": head, "worker": worker, "colleague": colleague}
    users["other_head"] = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[other_team])
    users["reception"] = UserFactory(role=Role.RECEPTION, teams=[team])
    done = {Role.MAIL_CLERK, Role.HEAD_SOCIAL_WORKER, Role.SOCIAL_WORKER, Role.RECEPTION}
    users |= {role.value: UserFactory(role=role) for role in Role if role not in done}
    return users


def _may(user, mail) -> set[str]:
    checks = {
        "view": rules.may_view,
        "route": rules.may_route,
        "assign": rules.may_assign,
        "handle": rules.may_handle,
        "link": lambda u, m: rules.may_link(u, m, m.file),
    }
    return {name for name, check in checks.items() if check(user, mail)}


def test_every_role_may_do_what_the_table_says(everyone, clerk, head, worker, team, file):
    mail = services.register(
        actor=clerk, sender_name="SPF Finances", subject="Avertissement", team=team, file=file
    )
    services.assign(actor=head, mail=mail, agent=worker)
    assert set(EXPECTED) == set(everyone)
    for name, user in everyone.items():
        assert _may(User.objects.get(pk=user.pk), mail) == EXPECTED[name], name


def test_the_register_lists_exactly_the_mail_each_may_open(
    everyone, clerk, head, worker, team, other_team, file
):
    mails = [
        services.register(actor=clerk, sender_name="A", subject="routed, linked", team=team, file=file),
        services.register(actor=clerk, sender_name="B", subject="routed elsewhere", team=other_team),
        services.register(actor=clerk, sender_name="C", subject="received only"),
        services.register(actor=clerk, sender_name="D", subject="routed, not linked", team=team),
    ]
    services.assign(actor=head, mail=mails[3], agent=worker)
    for name, user in everyone.items():
        user = User.objects.get(pk=user.pk)
        listed = {m.pk for m in selectors.register(user)}
        assert listed == {m.pk for m in mails if rules.may_view(user, m)}, name
