"""Full-text index of the policy search table, per database.

PostgreSQL: a generated ``tsvector`` column over the segmented words (title
weighted A, body B) with a GIN index. SQLite: an external-content FTS5 table
kept in step with the search table by triggers. Other databases get nothing
and the database backend refuses to run there (system check).
"""

from django.db import migrations

TABLE = "wagtail_gk_policy_policysearchentry"
FTS = "wagtail_gk_policy_fts"

POSTGRES_FORWARD = [
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_tokens, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_tokens, '')), 'B')
    ) STORED""",
    f"CREATE INDEX wagtail_gk_policy_search_vector ON {TABLE} USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS wagtail_gk_policy_search_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title_tokens, body_tokens, content='{TABLE}', content_rowid='id', tokenize='unicode61')",
    f"""CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    f"""CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END""",
    f"""CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO {FTS}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk_policy", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
