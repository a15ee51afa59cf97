"""Fail when a compiled catalogue translates a msgid to itself.

An identical msgstr is how an untranslated string hides from msgfmt's
statistics (a copied msgid counts as translated). Names and symbols that are
the same in every language are listed in identical_translations_ok.txt.
"""

import gettext
import re
import sys
from pathlib import Path

ALLOWED = {
    line.strip()
    for line in (Path(__file__).with_name("identical_translations_ok.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def identical(mo_path):
    with open(mo_path, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    for key, msgstr in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04", 1)[-1]  # drop a msgctxt
        words = re.search(r"[A-Za-z]{2}", PLACEHOLDERS.sub("", msgid))
        if msgid and msgstr == msgid and words and msgid not in ALLOWED:
            yield msgid


def main(paths: list[str]) -> int:
    status = 0
    for path in paths:
        for msgid in sorted(set(identical(path))):
            print(f"{path}: “{msgid}” is translated to itself (translate it, or list it in "
                  "scripts/identical_translations_ok.txt)")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
