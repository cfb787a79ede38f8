"""documents

Revision ID: 0001
Revises: None
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('external_id', sa.String(length=512), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=255), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('place_country', sa.String(length=2), nullable=True),
    sa.Column('dateline_date', sa.String(length=10), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('raw_format', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('offset_map', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('extracted_version', sa.String(length=32), nullable=True),
    sa.Column('extracted_hash', sa.String(length=64), nullable=True),
    sa.Column('resolved_hash', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('external_id')
    )
    op.create_index(op.f('ix_documents_content_hash'), 'documents', ['content_hash'], unique=False)
    op.create_index(op.f('ix_documents_lang'), 'documents', ['lang'], unique=False)
    op.create_index(op.f('ix_documents_outlet'), 'documents', ['outlet'], unique=False)
    op.create_index(op.f('ix_documents_published'), 'documents', ['published'], unique=False)
    _create_search_index()
    op.create_table('document_revisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'revision')
    )


def _create_search_index() -> None:
    """Full-text search over the normalised title and body (see dragoman.textnorm).

    SQLite: an FTS5 table whose rowid is the document id. PostgreSQL: a side
    table with a GIN index over its 'simple' tsvector. Both index text already
    normalised by Dragoman, so Arabic matches across vowel marks, letter forms
    and the article.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE document_search USING fts5("
            "title, body, tokenize='unicode61 remove_diacritics 2')"
        )
        return
    op.create_table(
        "document_search",
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.execute(
        "CREATE INDEX ix_document_search_tsv ON document_search "
        "USING GIN (to_tsvector('simple', title || ' ' || body))"
    )


def downgrade() -> None:
    op.drop_table('document_search')
    op.drop_table('document_revisions')
    op.drop_index(op.f('ix_documents_published'), table_name='documents')
    op.drop_index(op.f('ix_documents_outlet'), table_name='documents')
    op.drop_index(op.f('ix_documents_lang'), table_name='documents')
    op.drop_index(op.f('ix_documents_content_hash'), table_name='documents')
    op.drop_table('documents')
