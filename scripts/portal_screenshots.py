"""Screenshots of the portal's main pages at desktop and phone widths.

Run against a demo site (``make demo``, then ``manage.py runserver``)::

    python scripts/portal_screenshots.py http://127.0.0.1:8000 docs/screenshots

Uses the system Chromium (``GK_CHROMIUM``, default /usr/bin/chromium).
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = [("home", "/"), ("openness", "/zwgk/"), ("guide", "/zwgk/xxgk/gkzn/")]
WIDTHS = [("desktop", 1280, 900), ("phone", 360, 740)]


def main(base_url: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("GK_CHROMIUM", "/usr/bin/chromium"), headless=True, args=["--no-sandbox"]
        )
        for label, width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", base_url=base_url)
            page = context.new_page()
            for name, path in PAGES:
                response = page.goto(path)
                if response is None or response.status != 200:
                    raise SystemExit(f"{path}: {response.status if response else 'no response'}")
                page.screenshot(path=str(out / f"portal-{name}-{label}.png"), full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
