"""events digest index

A covering index for the country-pair, country and institution pages: their
timelines and counts read only (id, date, type, level) of many events.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_digest", "events", ["id", "date_start", "type", "level"])


def downgrade() -> None:
    op.drop_index("ix_events_digest", table_name="events")
