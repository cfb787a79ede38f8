"""resolution: persistent MinHash/LSH for syndication, event anchor date for blocking

Revision ID: 0005
Revises: 0004

- ``document_signatures``: one MinHash signature per document (constant size),
  with the content hash it was computed from, so a changed text is re-signed.
- ``document_bands``: the LSH band keys of every signature; candidate copies are
  found by an indexed lookup of a new document's band keys (no all-pairs scan,
  no in-memory index to rebuild).
- ``events.anchor_date``: the day an event is placed on for blocking (its own
  date, else its earliest report's publication date), indexed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_signatures',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('document_bands',
    sa.Column('band', sa.String(length=40), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'document_id')
    )
    op.create_index(op.f('ix_document_bands_document_id'), 'document_bands', ['document_id'], unique=False)
    op.add_column('events', sa.Column('anchor_date', sa.String(length=10), nullable=True))
    op.create_index(op.f('ix_events_anchor_date'), 'events', ['anchor_date'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_events_anchor_date'), table_name='events')
    with op.batch_alter_table('events') as batch:
        batch.drop_column('anchor_date')
    op.drop_index(op.f('ix_document_bands_document_id'), table_name='document_bands')
    op.drop_table('document_bands')
    op.drop_table('document_signatures')
