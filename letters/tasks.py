"""Background jobs (django-tasks, run by `manage.py db_worker`). Returned letters' scans are read by the
documents intake's jobs (documents.tasks)."""

from django_tasks import task

from letters import services
from letters.models import Batch


@task()
def write_batch_part(batch_id: int, decision_ids: list[int]) -> None:
    services.run_part(Batch.objects.get(pk=batch_id), decision_ids)
