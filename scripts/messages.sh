#!/usr/bin/env bash
# Regenerate and compile the zh-hans catalogues of the given apps (default: all).
#   scripts/messages.sh                 update every app's catalogue
#   scripts/messages.sh wagtail_gk_foia update one app's
#   scripts/messages.sh --check         fail if regenerating would change a .po, or if a
#                                       catalogue has an untranslated, fuzzy or obsolete
#                                       entry, or a msgstr copied from its English msgid
#
# Source strings are English; docs/translations.md says how to translate them.
# makemessages keeps every existing translation, marks a changed string fuzzy
# (with the old translation as a hint) and leaves a new one empty: fill those in
# the .po, delete the "#, fuzzy" line once checked, and run this script again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
# A relative interpreter path must survive the cd into each app below.
case "$PY" in /*) ;; */*) PY="$PWD/$PY" ;; esac
APPS_ALL="wagtail_gk wagtail_gk/policy wagtail_gk_catalog wagtail_gk_foia wagtail_gk_village wagtail_gk_interaction example_site"
LOCALE=${GK_LOCALE:-zh_Hans}
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
  po="$app/locale/$LOCALE/LC_MESSAGES/django.po"
  mkdir -p "$app/locale/$LOCALE/LC_MESSAGES"
  before=$(mktemp)
  [ -f "$po" ] && strip_volatile "$po" >"$before" || : >"$before"
  ignore=()
  [ "$app" = "wagtail_gk" ] && ignore=(--ignore "policy/*")
  (cd "$app" && DJANGO_SETTINGS_MODULE=example_site.settings PYTHONPATH="$OLDPWD" \
    "$PY" -m django makemessages -l "$LOCALE" --add-location=file --no-obsolete "${ignore[@]}" >/dev/null)
  # A real header: not fuzzy (msgfmt would drop it), with the language and
  # Chinese's single plural form set. Only the header's flag (the lines before
  # its msgid): a new entry that makemessages matched to an old one must stay
  # fuzzy, or its guessed translation would pass as checked.
  sed -i -e '1,/^msgid ""$/{/^#, fuzzy$/d}' -e "s/^\"Language: \\\\n\"$/\"Language: $LOCALE\\\\n\"/" \
    -e 's/^"Project-Id-Version: PACKAGE VERSION\\n"$/"Project-Id-Version: wagtail-gk\\n"/' \
    -e 's/^"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"$/"Plural-Forms: nplurals=1; plural=0;\\n"/' "$po"
  if [ $check = 1 ]; then
    if ! diff -q <(strip_volatile "$po") "$before" >/dev/null; then
      echo "translations out of date: $po (run scripts/messages.sh $app)"
      diff <(strip_volatile "$po") "$before" | head -20 || true
      status=1
    fi
    stats=$(msgfmt --check-format --check-domain --statistics -o /dev/null "$po" 2>&1) || { echo "$po: $stats"; status=1; }
    case "$stats" in
      *fuzzy*|*untranslated*) echo "incomplete: $po: $stats"; status=1 ;;
    esac
    if grep -q '^#~' "$po"; then echo "obsolete entries in $po"; status=1; fi
  fi
  rm -f "$before"
  msgfmt --check-format --check-domain -o "${po%.po}.mo" "$po"
  if [ $check = 1 ]; then
    "$PY" scripts/check_identical_translations.py "${po%.po}.mo" || status=1
  fi
done
exit $status
