import hashlib
import threading

import pytest
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from example_site.home.models import ArticlePage
from wagtail_gk.index_numbers import assign_index_number, format_index_number, next_serial
from wagtail_gk.models import IndexNumberAssignment


def _article(parent, title, agency=None):
    # A slug of hex digits: a run of 16+ decimal digits (hash()) can pass for a
    # bank card number and be refused by the publication gate.
    slug = "a-" + hashlib.sha256(title.encode()).hexdigest()[:12]
    page = parent.add_child(instance=ArticlePage(title=title, slug=slug, publishing_agency=agency))
    return page


@pytest.mark.django_db
def test_first_publish_assigns_a_number_that_never_changes(home_page, agencies):
    page = _article(home_page, "关于测试的通知", agencies["township_a"])
    assert page.index_number == ""
    page.save_revision().publish()
    page.refresh_from_db()
    year = timezone.localdate().year
    assert page.index_number == f"640121100/{year}-00001"

    # An older revision (without the number) published again keeps it.
    page.title = "关于测试的通知（修订）"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.index_number == f"640121100/{year}-00001"
    assert IndexNumberAssignment.objects.get(page=page).number == page.index_number


@pytest.mark.django_db
def test_serials_are_per_agency_and_year(home_page, agencies):
    numbers = []
    for i, key in enumerate(["county", "county", "township_b"]):
        page = _article(home_page, f"通知{i}", agencies[key])
        page.save_revision().publish()
        page.refresh_from_db()
        numbers.append(page.index_number)
    year = timezone.localdate().year
    assert numbers[0].startswith("640121000/") and numbers[1].startswith("640121000/")
    # The demo base already published two county articles.
    assert numbers[:2] == [f"640121000/{year}-00003", f"640121000/{year}-00004"]
    assert numbers[2] == f"640121102/{year}-00001"


@pytest.mark.django_db
@override_settings(GK_INDEX_NUMBER_PATTERN="宁政公开〔{year}〕{agency_code}-{serial:04d}号")
def test_pattern_is_configurable(home_page, agencies):
    page = _article(home_page, "配置测试", agencies["county"])
    assert assign_index_number(page).endswith("-0003号")
    assert format_index_number("X", 2026, 7) == "宁政公开〔2026〕X-0007号"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_allocation_never_repeats_on_postgresql(postgres):
    from django.db import transaction

    results, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(25):
                with transaction.atomic():
                    results.append(next_serial("640121000", 2026))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 201))
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_the_year_comes_from_the_documents_own_date(home_page, agencies, client):
    """A document written in 2025 and published in 2026 is numbered in 2025,
    with the 2025 serials of its agency; one without a date takes this year."""
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC), tick=False):
        written = _article(home_page, "2025年度报告", agencies["township_b"])
        written.written_on = datetime.date(2025, 12, 30)
        written.save()
        written.save_revision().publish()
        released = _article(home_page, "2024年公告", agencies["township_b"])
        released.release_date = datetime.date(2024, 6, 1)
        released.save()
        released.save_revision().publish()
        undated = _article(home_page, "无日期通知", agencies["township_b"])
        undated.save_revision().publish()
    for page in (written, released, undated):
        page.refresh_from_db()
    assert written.index_number == "640121102/2025-00001"
    assert released.index_number == "640121102/2024-00001"
    assert undated.index_number == "640121102/2026-00001"
    # The public page shows it in its metadata box.
    assert "640121102/2025-00001" in client.get(written.url).content.decode()
