"""Background jobs (django-tasks, run by `manage.py db_worker`)."""

from django_tasks import task

from documents import processing


@task()
def process_version(version_id: int) -> None:
    processing.process_version(version_id)
