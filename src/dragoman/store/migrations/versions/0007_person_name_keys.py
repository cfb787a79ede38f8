"""person name keys: blocking keys for the middle names of person name forms

Revision ID: 0007
Revises: 0006

``person_names.key`` is the family-name skeleton of a form, so a short form
whose family token is a long form's middle name ("Mohammed Ibrahim" for
"Mohammed Ibrahim Al-Sisi Al-Buainain") could not find the long form.
``person_name_keys`` holds one row per (middle-name key, person) and is looked
up together with ``person_names.key``. Existing name forms are indexed here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_name_keys",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "person_id"),
    )
    op.create_index(op.f("ix_person_name_keys_person_id"), "person_name_keys", ["person_id"], unique=False)
    _backfill()


def _backfill() -> None:
    from dragoman.resolve.names import middle_keys

    bind = op.get_bind()
    rows = set()
    for person_id, name in bind.execute(sa.text("SELECT person_id, name FROM person_names")):
        for key in middle_keys(name):
            rows.add((key, person_id))
    if rows:
        table = sa.table("person_name_keys", sa.column("key"), sa.column("person_id"))
        op.bulk_insert(table, [{"key": k, "person_id": p} for k, p in sorted(rows)])


def downgrade() -> None:
    op.drop_index(op.f("ix_person_name_keys_person_id"), table_name="person_name_keys")
    op.drop_table("person_name_keys")
