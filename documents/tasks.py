"""Background jobs (django-tasks, run by `manage.py db_worker`)."""

from django_tasks import task

from documents import intake, processing


@task()
def process_version(version_id: int) -> None:
    processing.process_version(version_id)


@task()
def read_intake(intake_id: int) -> None:
    intake.file_intake(intake_id)


@task()
def watch_intake(intake_id: int) -> None:
    intake.watch(intake_id)
