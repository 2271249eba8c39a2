"""CSV exports of the security adviser's screens: opened by Excel and LibreOffice as typed in Belgium."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from audit.services import Verb, record


def csv_response(request, *, name: str, header: list[str], rows: list[list]) -> HttpResponse:
    """A CSV file (UTF-8 with BOM, ";" separated) of `rows`; the export itself goes into the audit trail."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads the accents right
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    record(
        actor=request.user,
        verb=Verb.EXPORT,
        detail={"export": name, "rows": len(rows), "filters": request.GET.urlencode()},
        request=request,
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def moment(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S") if value else ""
