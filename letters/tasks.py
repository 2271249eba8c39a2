"""Background jobs (django-tasks, run by `manage.py db_worker`)."""

from django_tasks import task

from letters import services
from letters.models import Batch


@task()
def run_batch(batch_id: int) -> None:
    services.run(Batch.objects.get(pk=batch_id))
