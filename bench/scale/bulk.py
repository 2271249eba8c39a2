"""Fast inserts for the scale benchmark: COPY on PostgreSQL, one executemany per batch on SQLite.

Rows bypass save() as bulk_create does, so the caller gives every derived value itself (search names, timeline
entries, hash chain). The caller also knows each row's id before it is written (`Table.add` returns it), which
lets it link rows of several tables without reading them back; PostgreSQL's sequences are moved past the given
ids at the end (`finish`).
"""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Callable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

BATCH = 10_000


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a Python value of `field` is written (None: as it is). The same text Django itself stores."""
    kind = field.get_internal_type()
    if field.choices and kind in ("CharField", "TextField"):
        # A TextChoices member as its value: a driver may write an enum member as its name.
        return lambda value: value.value if isinstance(value, enum.Enum) else value
    if kind == "JSONField":
        return lambda value: None if value is None else json.dumps(value, cls=field.encoder)
    if connection.vendor == "postgresql":
        return None  # psycopg adapts dates, datetimes, decimals and booleans for COPY
    ops = connection.ops
    if kind == "DateTimeField":  # ops.adapt_datetimefield_value's text, without its per-value checks
        return lambda value: str(
            value.astimezone(datetime.UTC).replace(tzinfo=None) if value.tzinfo else value
        )
    if kind == "DateField":
        return lambda value: None if value is None else value.isoformat()
    if kind == "DecimalField":
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    return None


class Table:
    """Rows of one model, written in batches. `fields` names the values each `add()` gives, in order; every
    other column takes the field's default (the same for every row), auto_now fields the given `now`.

    Tables whose rows refer to each other share a `group` (anything with a flush() that writes them all,
    parents first, in one transaction): a full table then flushes the whole group.
    """

    def __init__(self, model: type[models.Model], fields: list[str], *, now=None) -> None:
        self.model = model
        self.group = None
        self.written = 0
        meta = model._meta
        given = {meta.get_field(name).attname: n for n, name in enumerate(fields)}
        self.auto_id = meta.pk.attname not in given and isinstance(meta.pk, models.AutoField)
        self.next_id = next_id(model) if self.auto_id else None
        # Per column: ("given", index in add()'s values, converter), ("id",) or ("const", stored value).
        self._columns, self._parts = [], []
        for field in meta.concrete_fields:
            convert = _converter(field)
            if field.attname in given:
                self._parts.append(("given", given[field.attname], convert))
            elif field.primary_key and self.auto_id:
                self._parts.append(("id",))
            else:
                stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                value = (now or timezone.now()) if stamped else field.get_default()
                self._parts.append(("const", convert(value) if convert and value is not None else value))
            self._columns.append(field.column)
        self._rows: list[tuple] = []

    def add(self, *values) -> int | None:
        """Queue one row; returns its id when the table gives them."""
        row_id = None
        if self.auto_id:
            row_id = self.next_id
            self.next_id += 1
        row = []
        for part in self._parts:
            if part[0] == "given":
                value = values[part[1]]
                row.append(part[2](value) if part[2] is not None and value is not None else value)
            elif part[0] == "id":
                row.append(row_id)
            else:
                row.append(part[1])
        self._rows.append(tuple(row))
        if len(self._rows) >= BATCH:
            (self.group or self).flush()
        return row_id

    def flush(self) -> None:
        with transaction.atomic():
            self.write()

    def write(self) -> None:
        """Send the queued rows (inside the caller's transaction)."""
        if not self._rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self._columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self._rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self._columns))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", self._rows)  # noqa: S608
        self.written += len(self._rows)
        self._rows = []

    def close(self) -> int:
        self.flush()
        reset_sequences(self.model)
        return self.written

    def resume(self) -> None:
        """Take the next free id again, after other code (the ORM) wrote rows of this model in between."""
        assert not self._rows, "flush() first"
        if self.auto_id:
            self.next_id = next_id(self.model)


def next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def reset_sequences(*models_: type[models.Model]) -> None:
    """Move PostgreSQL's id sequences past the ids given explicitly (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def update_many(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """One prepared UPDATE run with executemany: rows are (value of each field..., pk)."""
    quote = connection.ops.quote_name
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    converters = [_converter(f) for f in columns]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    prepared = [
        [c(v) if c is not None and v is not None else v for c, v in zip(converters, row, strict=False)]
        + [row[-1]]
        for row in rows
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH):
            cursor.executemany(sql, prepared[start : start + BATCH])


def analyze() -> None:
    """Refresh the planner's statistics after the bulk load, as an operator would after an import."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
