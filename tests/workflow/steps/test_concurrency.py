"""Two heads validating the same proposal at the same instant: exactly one validation (two connections)."""

from tests.processes import run_python

HEADS = """
import sys, tempfile, threading
sys.path.insert(0, "bench")
from timeline import setup_django

setup_django(tempfile.mkdtemp(prefix="dossier-two-heads-"))
import datetime
from decimal import Decimal
from django.db import connection
from access.models import Membership, Team
from access.roles import Role
from aid.models import AidType
from django.contrib.auth.models import Group, User
from files.models import AidRequest, SocialFile
from people.models import Person
from workflow import services
from workflow.models import Proposal

team = Team.objects.create(name="Antenne Hyon")
heads = []
for name in ("chef.a", "chef.b", "as.hyon"):
    user = User.objects.create(username=name)
    role = Role.SOCIAL_WORKER if name == "as.hyon" else Role.HEAD_SOCIAL_WORKER
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, team=team)
    heads.append(user)
person = Person.objects.create(last_name="Lemaire", first_names="Jeanne", search_name="lemaire jeanne")
file = SocialFile.objects.create(
    reference="2026/00001", beneficiary=person, team=team, primary_worker=heads[2]
)
request = AidRequest.objects.create(file=file, aid="financial", registered_by=heads[2])
aid = AidType.objects.get(code="financial")
proposal = Proposal.objects.create(
    file=file, request=request, aid_type=aid, author=heads[2], state="submitted",
    amount=Decimal("500"), start_on=datetime.date(2026, 11, 2),
)
version = proposal.version
barrier = threading.Barrier(2)
outcomes = []

def validate(head):
    mine = Proposal.objects.get(pk=proposal.pk)
    barrier.wait()
    try:
        services.take(actor=head, proposal=mine, transition="validate", expected_version=version)
        outcomes.append("validated")
    except services.StepConflict:
        outcomes.append("told")
    connection.close()

threads = [threading.Thread(target=validate, args=(head,)) for head in heads[:2]]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(outcomes), proposal.steps.filter(transition="validate").count(), Proposal.objects.get().state)
"""


def test_two_heads_validating_at_once_end_with_exactly_one_validation():
    result = run_python("-c", HEADS)
    assert result.stdout.split() == ["['told',", "'validated']", "1", "validated"]
