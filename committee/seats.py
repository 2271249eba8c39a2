"""Keep access's mirror of body members (access.BodySeat) in step with Body.members, whatever changes them
(the admin, a service, a shell), so that grants made to a body reach exactly its members of the day."""

from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

from access.services import seat_members
from committee.models import Body


def mirror(body: Body) -> None:
    seat_members(body=body.kind, user_ids=body.members.values_list("pk", flat=True))


@receiver(m2m_changed, sender=Body.members.through, dispatch_uid="committee.seats.members")
def members_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        mirror(instance)
        return
    # From the user's side (user.bodies.add(...)): the bodies touched, or every body on a clear.
    bodies = Body.objects.filter(pk__in=pk_set) if pk_set else Body.objects.all()
    for body in bodies:
        mirror(body)


@receiver(post_delete, sender=Body, dispatch_uid="committee.seats.body_deleted")
def body_deleted(sender, instance, **kwargs) -> None:
    seat_members(body=instance.kind, user_ids=[])
