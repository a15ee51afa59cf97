"""Take the next value of a sequence: the one allocator for 索引号, 受理编号 and 文号.

:func:`allocate` increments a row of a concrete
:class:`~wagtail_gk.models.sequences.SequenceCounter` subclass and returns the
new value. The ``UPDATE`` that increments it is the first statement touching
the row, so it takes the row's write lock at once (the lock ``SELECT … FOR
UPDATE`` would take, without a second round trip); a concurrent caller waits
on that lock and then increments the value the first one committed. On
SQLite, which has one writer at a time, the ``UPDATE`` takes the database's
write lock before anything is read.

The value belongs to the caller's transaction:

- called inside ``transaction.atomic()``, the row stays locked until that
  transaction ends; if it rolls back, so does the increment, and the next
  caller gets the same value: committed values have no gaps (index and
  document numbers are taken this way);
- called outside a transaction, the increment commits at once and the lock
  is held for that statement only; a caller that fails afterwards leaves a
  gap, never a repeat (tracking numbers are taken this way, so that
  registrations do not wait on each other).

A sequence's first row is created on demand: two callers racing to create
it meet the unique constraint; the loser's ``INSERT`` fails inside a
savepoint (the caller's transaction stays usable) and it increments the
winner's row instead.
"""

from __future__ import annotations

from django.db import IntegrityError, connections, router, transaction
from django.db.models import F

from .models.sequences import SequenceCounter


def allocate(
    counter_model: type[SequenceCounter], key: str, *, year: int, scope: str = "", using: str | None = None
) -> int:
    """Next value (1, 2, 3 …) of sequence *key* in *scope* and *year*.

    Concurrent callers never get the same value, and values run on without
    gaps except where a caller outside a transaction discards one (see the
    module docstring).
    """
    alias = using or router.db_for_write(counter_model)
    for _attempt in range(2):
        value = _increment(counter_model, alias, key, scope, year)
        if value is not None:
            return value
        try:
            with transaction.atomic(using=alias):  # a savepoint when the caller is in a transaction
                counter_model._default_manager.using(alias).create(key=key, scope=scope, year=year, last_value=1)
            return 1
        except IntegrityError:
            pass  # another caller created the row first; increment theirs
    raise RuntimeError(f"Could not allocate a value of {key!r} {scope!r} {year} from {counter_model._meta.label}")


def _increment(counter_model, alias: str, key: str, scope: str, year: int) -> int | None:
    """Add one to the row and return the new value, or None if it does not exist."""
    connection = connections[alias]
    if _update_returns(connection):
        # One statement; outside a transaction it is a transaction of its own.
        opts = counter_model._meta
        qn = connection.ops.quote_name
        value, key_col, scope_col, year_col = (qn(opts.get_field(name).column) for name in ("last_value", "key", "scope", "year"))
        sql = (
            f"UPDATE {qn(opts.db_table)} SET {value} = {value} + 1 "  # noqa: S608 — the model's own table and columns
            f"WHERE {key_col} = %s AND {scope_col} = %s AND {year_col} = %s RETURNING {value}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, scope, year])
            row = cursor.fetchone()
        return row[0] if row else None
    rows = counter_model._default_manager.using(alias).filter(key=key, scope=scope, year=year)
    with transaction.atomic(using=alias, savepoint=False):  # the read must see this increment and no other
        if not rows.update(last_value=F("last_value") + 1):
            return None
        return rows.values_list("last_value", flat=True).get()


def _update_returns(connection) -> bool:
    """Whether the database knows ``UPDATE … RETURNING`` (PostgreSQL, SQLite ≥ 3.35)."""
    return connection.vendor in ("postgresql", "sqlite") and connection.features.can_return_columns_from_insert
