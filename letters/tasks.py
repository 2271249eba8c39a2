"""Background jobs (django-tasks, run by `manage.py db_worker`)."""

from django_tasks import task

from letters import services, services_scans
from letters.models import Batch


@task()
def write_batch_part(batch_id: int, decision_ids: list[int]) -> None:
    services.run_part(Batch.objects.get(pk=batch_id), decision_ids)


@task()
def read_scan_upload(upload_id: int) -> None:
    services_scans.file_upload(upload_id)


@task()
def watch_scan_upload(upload_id: int) -> None:
    services_scans.watch_upload(upload_id)
