#!/usr/bin/env bash
# Regenerate and compile the zh-hans catalogues of the given apps (default: all).
#   scripts/messages.sh                 update every app
#   scripts/messages.sh wagtail_gk_foia update one app
#   scripts/messages.sh --check         fail if regenerating would change any .po/.mo
#
# Source strings are written in Chinese (the product's language and the legal
# terms of the regulations), so msgen copies each msgid to its zh-hans msgstr;
# a string whose msgstr an office has reworded keeps that wording.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
# A relative interpreter path must survive the cd into each app below.
case "$PY" in /*) ;; */*) PY="$PWD/$PY" ;; esac
APPS_ALL="wagtail_gk wagtail_gk/policy wagtail_gk_catalog wagtail_gk_foia wagtail_gk_village example_site"
check=0
apps=()
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    *) apps+=("${arg//.//}") ;;
  esac
done
[ ${#apps[@]} -gt 0 ] || read -r -a apps <<<"$APPS_ALL"

strip_volatile() { grep -v '^"POT-Creation-Date:' "$1" || true; }

status=0
for app in "${apps[@]}"; do
  po="$app/locale/zh_Hans/LC_MESSAGES/django.po"
  mkdir -p "$app/locale/zh_Hans/LC_MESSAGES"
  before=$(mktemp)
  [ -f "$po" ] && strip_volatile "$po" >"$before" || : >"$before"
  ignore=()
  [ "$app" = "wagtail_gk" ] && ignore=(--ignore "policy/*")
  (cd "$app" && DJANGO_SETTINGS_MODULE=example_site.settings PYTHONPATH="$OLDPWD" \
    "$PY" -m django makemessages -l zh_Hans --add-location=file --no-obsolete "${ignore[@]}" >/dev/null)
  # makemessages fuzzily matches a changed msgid to an old entry; with Chinese
  # msgids that old msgstr is simply the old wording, so drop it.
  msgattrib --clear-fuzzy --empty -o "$po" "$po"
  # Fill msgstr from msgid, but keep translations that were edited by hand.
  filled=$(mktemp)
  msgen "$po" -o "$filled"
  msgmerge --quiet --no-fuzzy-matching --compendium="$po" -o "$po.new" "$filled" "$filled" 2>/dev/null || cp "$filled" "$po.new"
  mv "$po.new" "$po"
  # A real header: not fuzzy (msgfmt would drop it), with the language set.
  sed -i -e '0,/^#, fuzzy$/{/^#, fuzzy$/d}' -e 's/^"Language: \\n"$/"Language: zh_Hans\\n"/' \
    -e 's/^"Project-Id-Version: PACKAGE VERSION\\n"$/"Project-Id-Version: wagtail-gk\\n"/' "$po"
  rm -f "$filled"
  # Chinese has one plural form (nplurals=1): msgen wrote a second one, drop it.
  "$PY" - "$po" <<'PYEOF'
import re, sys
path = sys.argv[1]
out, skipping = [], False
for line in open(path, encoding="utf-8"):
    if re.match(r"msgstr\[[1-9]\]", line):
        skipping = True
        continue
    if skipping and line.startswith('"'):
        continue
    skipping = False
    out.append(line)
open(path, "w", encoding="utf-8").writelines(out)
PYEOF
  if [ $check = 1 ] && ! diff -q <(strip_volatile "$po") "$before" >/dev/null; then
    echo "translations out of date: $po (run scripts/messages.sh $app)"
    diff <(strip_volatile "$po") "$before" | head -20 || true
    status=1
  fi
  rm -f "$before"
  (cd "$app" && "$PY" -m django compilemessages -l zh_Hans >/dev/null 2>&1) || msgfmt -o "${po%.po}.mo" "$po"
done
exit $status
