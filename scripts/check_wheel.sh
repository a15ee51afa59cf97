#!/usr/bin/env bash
# The package as users get it: build the sdist and wheel, install the wheel
# (not editable) into a fresh virtual environment, and from outside the
# checkout run `check`, `migrate` and the foreign-host tests against it, so a
# template, static file, locale or data file missing from the package fails.
# It does so once per Wagtail series in WAGTAIL_SERIES (default "7.4 8.0"):
# some differences (hooks imported lazily, submenu hooks) show only on one.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PY" -m venv "$work/build-env"
"$work/build-env/bin/pip" install --quiet build
"$work/build-env/bin/python" -m build --outdir "$work/dist" . >/dev/null
ls "$work/dist"

wheel=$(ls "$work/dist"/*.whl)
tests_dir=$PWD/tests

for series in ${WAGTAIL_SERIES:-7.4 8.0}; do
echo "== Wagtail $series"
rm -rf "$work/env" "$work/run"
"$PY" -m venv "$work/env"
"$work/env/bin/pip" install --quiet "wagtail==$series.*" "$wheel[testing]"

# Only the tests travel; the code comes from the installed wheel.
mkdir "$work/run"
cp -r "$tests_dir" "$work/run/tests"
cat >"$work/run/pytest.ini" <<'INI'
[pytest]
DJANGO_SETTINGS_MODULE = tests.foreign_host.settings
addopts = -ra -p no:cacheprovider
markers =
    slow: takes more than a second or two
    postgres: needs a PostgreSQL server
    redis: needs a Redis server
    elasticsearch: needs an Elasticsearch server
    browser: drives headless Chromium
INI
cd "$work/run"
"$work/env/bin/python" - <<'PYEOF'
import wagtail_gk, sys
assert "site-packages" in wagtail_gk.__file__, f"wagtail_gk imported from {wagtail_gk.__file__}, not the wheel"
print("wagtail_gk from", wagtail_gk.__file__)
PYEOF
export DATABASE_URL="sqlite:///$work/run/host.sqlite3"
"$work/env/bin/django-admin" check --settings=tests.foreign_host.settings --pythonpath=.
"$work/env/bin/django-admin" migrate --noinput --settings=tests.foreign_host.settings --pythonpath=. >/dev/null
# Install step 5: the host's page type with the openness metadata has its migration.
"$work/env/bin/django-admin" makemigrations --check --dry-run host_home --settings=tests.foreign_host.settings --pythonpath=.
"$work/env/bin/django-admin" gk_setup --noinput --settings=tests.foreign_host.settings --pythonpath=.
"$work/env/bin/django-admin" compilemessages --help >/dev/null
unset DATABASE_URL
"$work/env/bin/python" -m pytest tests/foreign_host
cd - >/dev/null
done
