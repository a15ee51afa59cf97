"""Holiday notices for the tests: the 2024–2026 notices as published, and a
made-up 2027 one (each office imports the real one; these tests only need
元旦 on 1–3 January 2027)."""

from pathlib import Path

NOTICES = Path(__file__).parent / "core" / "notices"


def notice(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


MADE_UP_2027 = (NOTICES / "2027-made-up.txt").read_text(encoding="utf-8")
