"""entities and events

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('author', sa.String(length=255), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('events',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('type', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('granularity', sa.String(length=8), nullable=True),
    sa.Column('location_name', sa.Text(), nullable=True),
    sa.Column('location_country', sa.String(length=2), nullable=True),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('plover', sa.JSON(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('parent_id', sa.String(length=40), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('newsrooms', sa.Integer(), nullable=False),
    sa.Column('disagreements', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_events_date_start'), 'events', ['date_start'], unique=False)
    op.create_index(op.f('ix_events_parent_id'), 'events', ['parent_id'], unique=False)
    op.create_index(op.f('ix_events_type'), 'events', ['type'], unique=False)
    op.create_table('institutions',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_institutions_country'), 'institutions', ['country'], unique=False)
    op.create_table('persons',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_latin', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_persons_country'), 'persons', ['country'], unique=False)
    op.create_table('agreements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=40), nullable=True),
    sa.Column('pair', sa.String(length=5), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_agreements_document_id'), 'agreements', ['document_id'], unique=False)
    op.create_index(op.f('ix_agreements_pair'), 'agreements', ['pair'], unique=False)
    op.create_table('commitments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('pair', sa.String(length=5), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('due', sa.String(length=10), nullable=True),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_commitments_document_id'), 'commitments', ['document_id'], unique=False)
    op.create_index(op.f('ix_commitments_pair'), 'commitments', ['pair'], unique=False)
    op.create_table('document_entities',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('local_key', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'local_key')
    )
    op.create_index(op.f('ix_document_entities_entity_id'), 'document_entities', ['entity_id'], unique=False)
    op.create_table('event_countries',
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'country')
    )
    op.create_index('ix_event_countries_country_event', 'event_countries', ['country', 'event_id'], unique=False)
    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('person_id', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('organization', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'person_id')
    )
    op.create_index(op.f('ix_event_participants_event_id'), 'event_participants', ['event_id'], unique=False)
    op.create_index(op.f('ix_event_participants_person_id'), 'event_participants', ['person_id'], unique=False)
    op.create_table('event_sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('local_key', sa.String(length=64), nullable=False),
    sa.Column('is_copy', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('reading', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'local_key')
    )
    op.create_index(op.f('ix_event_sources_document_id'), 'event_sources', ['document_id'], unique=False)
    op.create_index(op.f('ix_event_sources_event_id'), 'event_sources', ['event_id'], unique=False)
    op.create_table('milestones',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('pair', sa.String(length=5), nullable=True),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_milestones_document_id'), 'milestones', ['document_id'], unique=False)
    op.create_index(op.f('ix_milestones_pair'), 'milestones', ['pair'], unique=False)
    op.create_table('person_names',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('script', sa.String(length=12), nullable=True),
    sa.Column('key', sa.String(length=255), nullable=True),
    sa.Column('search', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id', 'name')
    )
    op.create_index(op.f('ix_person_names_key'), 'person_names', ['key'], unique=False)
    op.create_index(op.f('ix_person_names_person_id'), 'person_names', ['person_id'], unique=False)
    op.create_table('person_roles',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('organization', sa.Text(), nullable=True),
    sa.Column('institution_id', sa.String(length=40), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('first_seen', sa.String(length=10), nullable=True),
    sa.Column('last_seen', sa.String(length=10), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_person_roles_country'), 'person_roles', ['country'], unique=False)
    op.create_index(op.f('ix_person_roles_institution_id'), 'person_roles', ['institution_id'], unique=False)
    op.create_index(op.f('ix_person_roles_person_id'), 'person_roles', ['person_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_person_roles_person_id'), table_name='person_roles')
    op.drop_index(op.f('ix_person_roles_institution_id'), table_name='person_roles')
    op.drop_index(op.f('ix_person_roles_country'), table_name='person_roles')
    op.drop_table('person_roles')
    op.drop_index(op.f('ix_person_names_person_id'), table_name='person_names')
    op.drop_index(op.f('ix_person_names_key'), table_name='person_names')
    op.drop_table('person_names')
    op.drop_index(op.f('ix_milestones_pair'), table_name='milestones')
    op.drop_index(op.f('ix_milestones_document_id'), table_name='milestones')
    op.drop_table('milestones')
    op.drop_index(op.f('ix_event_sources_event_id'), table_name='event_sources')
    op.drop_index(op.f('ix_event_sources_document_id'), table_name='event_sources')
    op.drop_table('event_sources')
    op.drop_index(op.f('ix_event_participants_person_id'), table_name='event_participants')
    op.drop_index(op.f('ix_event_participants_event_id'), table_name='event_participants')
    op.drop_table('event_participants')
    op.drop_index('ix_event_countries_country_event', table_name='event_countries')
    op.drop_table('event_countries')
    op.drop_index(op.f('ix_document_entities_entity_id'), table_name='document_entities')
    op.drop_table('document_entities')
    op.drop_index(op.f('ix_commitments_pair'), table_name='commitments')
    op.drop_index(op.f('ix_commitments_document_id'), table_name='commitments')
    op.drop_table('commitments')
    op.drop_index(op.f('ix_agreements_pair'), table_name='agreements')
    op.drop_index(op.f('ix_agreements_document_id'), table_name='agreements')
    op.drop_table('agreements')
    op.drop_index(op.f('ix_persons_country'), table_name='persons')
    op.drop_table('persons')
    op.drop_index(op.f('ix_institutions_country'), table_name='institutions')
    op.drop_table('institutions')
    op.drop_index(op.f('ix_events_type'), table_name='events')
    op.drop_index(op.f('ix_events_parent_id'), table_name='events')
    op.drop_index(op.f('ix_events_date_start'), table_name='events')
    op.drop_table('events')
    op.drop_table('corrections')
