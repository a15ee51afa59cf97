"""Django set-up shared by the benchmark scripts: a fresh database of their own,
so a run never touches the test or demo databases."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(name: str):
    """Point ``DATABASE_URL`` at a new database ``bench_gk_<name>`` (PostgreSQL
    when ``DATABASE_URL`` is a postgres URL, else a temporary SQLite file),
    set up Django with the test settings and migrate."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base = url.rsplit("/", 1)[0]
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS bench_gk_{name}")
            conn.execute(f"CREATE DATABASE bench_gk_{name}")
        os.environ["DATABASE_URL"] = f"{base}/bench_gk_{name}"
    else:
        path = Path(tempfile.mkdtemp(prefix="gk-bench-")) / f"{name}.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
