"""Ship the State Council holiday schedules 2019–2026 and the theme classification."""

import csv
import datetime
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    CalendarYear = apps.get_model("wagtail_gk", "CalendarYear")
    CalendarDay = apps.get_model("wagtail_gk", "CalendarDay")
    TopicCategory = apps.get_model("wagtail_gk", "TopicCategory")

    years = {}
    with open(DATA / "holidays.csv", encoding="utf-8") as f:
        rows = [row for row in csv.reader(f) if row and not row[0].startswith("#")]
    for iso, kind, name in rows:
        day = datetime.date.fromisoformat(iso)
        if day.year not in years:
            years[day.year], _ = CalendarYear.objects.get_or_create(
                year=day.year, defaults={"source": f"国务院办公厅关于{day.year}年部分节假日安排的通知"}
            )
        CalendarDay.objects.get_or_create(date=day, defaults={"calendar_year": years[day.year], "kind": kind, "name": name})

    parent = None
    order = 0
    for line in (DATA / "topics.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        order += 1
        if line.startswith("  "):
            TopicCategory.objects.get_or_create(parent=parent, name=line.strip(), defaults={"sort_order": order})
        else:
            parent, _ = TopicCategory.objects.get_or_create(parent=None, name=line.strip(), defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
