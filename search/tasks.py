"""Background jobs (django-tasks, run by `manage.py db_worker`): the index of texts follows its items."""

from django_tasks import task

from search.fulltext import indexing


@task()
def index_report(report_id: int) -> None:
    indexing.index_report(report_id)


@task()
def index_document(document_id: int) -> None:
    indexing.index_document(document_id)
