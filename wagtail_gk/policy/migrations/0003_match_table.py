"""PostgreSQL: full-text matching moves to a narrow table kept in step by triggers.

The generated ``search_vector`` of migration 0002 sat in the wide search table
(title, summary, body and both token columns), so a broad query read most of
the table's pages, and ``ts_rank`` read every matching vector. Now
``wagtail_gk_policy_match`` holds one short row per search entry: the facet
values, the release date, and two vectors of words without positions
(``strip``: matching only, no ranking), the title's and the whole policy's.
Both vectors have GIN indexes; the facet columns and the display order
(release date, id) have btrees. Triggers on the search table keep it in step
(insert, update, delete, truncate), as the FTS5 triggers do on SQLite; Django
code never writes it. ``year`` is taken from ``release_date`` so that a year
filter can be a date range on the display-order btree. SQLite is unchanged.
"""

from django.db import migrations

TABLE = "wagtail_gk_policy_policysearchentry"
MATCH = "wagtail_gk_policy_match"

# Fixed-width columns first: the facet columns are read for every match, the
# vectors (last) mostly through their indexes.
MATCH_COLUMNS = "id, release_date, agency_id, topic_root_id, topic_id, year, document_kind, validity, title_vector, search_vector"
FACET_COLUMNS = ("agency_id", "topic_root_id", "topic_id", "year", "document_kind", "validity")


def match_values(row: str) -> str:
    return (
        f"{row}.id, {row}.release_date, {row}.agency_id, {row}.topic_root_id, {row}.topic_id, "
        f"extract(year FROM {row}.release_date)::smallint, {row}.document_kind, {row}.validity, "
        f"strip(to_tsvector('simple', coalesce({row}.title_tokens, ''))), "
        f"strip(to_tsvector('simple', coalesce({row}.title_tokens, '') || ' ' || coalesce({row}.body_tokens, '')))"
    )


POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS wagtail_gk_policy_search_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    f"""CREATE TABLE {MATCH} (
        id bigint PRIMARY KEY,
        release_date date,
        agency_id integer,
        topic_root_id integer,
        topic_id integer,
        year smallint,
        document_kind varchar(16) NOT NULL,
        validity varchar(16) NOT NULL,
        title_vector tsvector NOT NULL,
        search_vector tsvector NOT NULL
    )""",
    f"""CREATE FUNCTION {MATCH}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
            DELETE FROM {MATCH} WHERE id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO {MATCH} ({MATCH_COLUMNS}) VALUES ({match_values("NEW")})
            ON CONFLICT (id) DO UPDATE SET
                release_date = EXCLUDED.release_date, agency_id = EXCLUDED.agency_id,
                topic_root_id = EXCLUDED.topic_root_id, topic_id = EXCLUDED.topic_id, year = EXCLUDED.year,
                document_kind = EXCLUDED.document_kind, validity = EXCLUDED.validity,
                title_vector = EXCLUDED.title_vector, search_vector = EXCLUDED.search_vector;
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {MATCH}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {MATCH};
        RETURN NULL;
    END $$""",
    f"CREATE TRIGGER {MATCH}_sync AFTER INSERT OR UPDATE OR DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {MATCH}_sync()",
    # Django's flush (and TransactionTestCase) empties tables with TRUNCATE, which row triggers do not see.
    f"CREATE TRIGGER {MATCH}_truncate AFTER TRUNCATE ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {MATCH}_truncate()",
    f"INSERT INTO {MATCH} ({MATCH_COLUMNS}) SELECT {match_values('e')} FROM {TABLE} e",
    f"CREATE INDEX {MATCH}_words ON {MATCH} USING gin (search_vector)",
    f"CREATE INDEX {MATCH}_title ON {MATCH} USING gin (title_vector)",
    f"CREATE INDEX {MATCH}_date ON {MATCH} (release_date DESC NULLS LAST, id DESC)",
    # Filters, and facet counts over the whole library by index-only scans.
    *(f"CREATE INDEX {MATCH}_{column} ON {MATCH} ({column})" for column in FACET_COLUMNS),
    f"ANALYZE {MATCH}",
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {MATCH}_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {MATCH}_sync ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {MATCH}_truncate()",
    f"DROP FUNCTION IF EXISTS {MATCH}_sync()",
    f"DROP TABLE IF EXISTS {MATCH}",
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_tokens, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_tokens, '')), 'B')
    ) STORED""",
    f"CREATE INDEX wagtail_gk_policy_search_vector ON {TABLE} USING gin (search_vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk_policy", "0002_fulltext_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
