"""CSV exports of the security adviser's screens: opened by Excel and LibreOffice as typed in Belgium.

Every CSV the application serves is written here, so that no cell can run as a formula in a spreadsheet.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from audit.services import Verb, record

# A spreadsheet reads a cell starting with one of these as a formula (or as the start of one, for tab and CR).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a CSV cell no spreadsheet runs: text starting like a formula gets a leading quote (OWASP).

    Numbers the code itself computed stay numbers (a negative amount is not a formula); every text is
    neutralised, "-5+3" included, since the application cannot tell a typed number from a typed formula.
    """
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(buffer, rows) -> None:
    """The one CSV writer of the application: ";" separated, each cell neutralised by safe_cell()."""
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def csv_response(request, *, name: str, header: list[str], rows: list[list]) -> HttpResponse:
    """A CSV file (UTF-8 with BOM, ";" separated) of `rows`; the export itself goes into the audit trail."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads the accents right
    write_csv(buffer, [header, *rows])
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
