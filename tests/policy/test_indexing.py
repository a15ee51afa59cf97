"""Search indexing follows publishing: publish, unpublish, delete, a new
interpretation, and a dictionary edit; an unreachable Elasticsearch fails
the job visibly instead of losing the database index."""

import pytest

from wagtail_gk.policy.models import PolicyInterpretationPage, PolicySearchEntry, SegmentationTerm
from wagtail_gk.search.segmentation import index_tokens, query_tokens


def test_publish_indexes_unpublish_and_delete_remove(make_policy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_policy("关于做好财政预算公开工作的通知", summary="部门预算公开")
    entry = PolicySearchEntry.objects.get(page_id=page.pk)
    assert "预算" in entry.title_tokens.split() and entry.url_path == page.url

    page.title = "关于做好2026年财政预算公开工作的通知"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert PolicySearchEntry.objects.get(page_id=page.pk).title == page.title

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not PolicySearchEntry.objects.filter(page_id=page.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert PolicySearchEntry.objects.filter(page_id=page.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not PolicySearchEntry.objects.filter(page_id=page.pk).exists()


def test_postgres_match_table_follows_the_search_table(make_policy, django_capture_on_commit_callbacks):
    """On PostgreSQL, triggers keep the narrow match table in step with every
    write to the search table: insert, update, delete and truncate."""
    import datetime

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the match table exists on PostgreSQL only")

    def match(entry_id):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT year, validity, title_vector @@ plainto_tsquery('simple', '预算'), "
                "search_vector @@ plainto_tsquery('simple', '预算 部门') FROM wagtail_gk_policy_match WHERE id = %s",
                [entry_id],
            )
            return cursor.fetchone()

    with django_capture_on_commit_callbacks(execute=True):
        page = make_policy("关于做好财政预算公开工作的通知", summary="部门预算公开", released="2024-03-01")
    entry = PolicySearchEntry.objects.get(page_id=page.pk)
    assert match(entry.pk) == (2024, "valid", True, True)

    PolicySearchEntry.objects.filter(pk=entry.pk).update(
        release_date=datetime.date(2021, 5, 1), validity="repealed", title_tokens="救助", body_tokens="预算 部门"
    )
    assert match(entry.pk) == (2021, "repealed", False, True)

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert match(entry.pk) is None

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert match(PolicySearchEntry.objects.get(page_id=page.pk).pk) is not None
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending deferred FK checks
        cursor.execute(f"TRUNCATE {PolicySearchEntry._meta.db_table}")
        cursor.execute("SELECT COUNT(*) FROM wagtail_gk_policy_match")
        assert cursor.fetchone() == (0,)


def test_interpretation_sets_the_has_interpretation_mark(make_policy, library, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        policy = make_policy("临时救助实施细则")
    assert not PolicySearchEntry.objects.get(page_id=policy.pk).has_interpretation
    interp = library.add_child(instance=PolicyInterpretationPage(title="解读", policy=policy, live=False))
    with django_capture_on_commit_callbacks(execute=True):
        interp.save_revision().publish()
    assert PolicySearchEntry.objects.get(page_id=policy.pk).has_interpretation


def test_unreachable_elasticsearch_keeps_the_database_index_and_reports_failure(make_policy, settings, caplog):
    from wagtail_gk.policy.tasks import index_policy

    settings.GK_POLICY_SEARCH_BACKEND = {
        "BACKEND": "wagtail_gk.policy.search.elasticsearch.ElasticsearchSearchBackend",
        "OPTIONS": {"URL": "http://127.0.0.1:9", "ANALYZER": "jieba", "TIMEOUT": 1},
    }
    page = make_policy("涉农补贴一卡通")
    result = index_policy.enqueue(page.pk)
    # The inline backend cannot defer a retry: the job says so and the operator re-syncs.
    assert result.return_value == "failed"
    assert PolicySearchEntry.objects.filter(page_id=page.pk).exists()
    assert "gk_policy_index --sync" in caplog.text


def test_retry_is_deferred_with_backoff_when_the_backend_can(monkeypatch):
    from wagtail_gk.policy import tasks

    scheduled = []
    monkeypatch.setattr(tasks, "retry_later", lambda task_obj, delay, *args: scheduled.append((task_obj, delay, args)) or True)
    monkeypatch.setattr(tasks, "_backends", lambda: [type("Down", (), {"name": "es", "index": None})()])

    def boom(_backend):
        from wagtail_gk.policy.search import BackendUnavailable

        raise BackendUnavailable("down")

    assert tasks._index_with_retry(tasks.index_policy, 7, 2, boom) == "retrying"
    assert scheduled == [(tasks.index_policy, 60, (7, 3))]


@pytest.mark.django_db
def test_segmentation_finds_words_inside_compounds():
    assert "预算" in index_tokens("财政预算公开")
    assert query_tokens("预算") == ["预算"]
    assert query_tokens("，。！") == []
    assert "的" not in query_tokens("预算的公开")


@pytest.mark.django_db
def test_user_dictionary_edit_takes_effect(django_capture_on_commit_callbacks, make_policy):
    word = "滩羊托养"
    assert query_tokens(word) != [word]
    with django_capture_on_commit_callbacks(execute=True):
        page = make_policy("杨和镇滩羊托养项目实施方案")
    assert word not in PolicySearchEntry.objects.get(page_id=page.pk).title_tokens.split()
    with django_capture_on_commit_callbacks(execute=True):
        SegmentationTerm.objects.create(word=word)
    assert query_tokens(word) == [word]
    # The edit rebuilds the index, so documents are found by the new word.
    assert word in PolicySearchEntry.objects.get(page_id=page.pk).title_tokens.split()
    with django_capture_on_commit_callbacks(execute=True):
        SegmentationTerm.objects.filter(word=word).delete()
    assert query_tokens(word) != [word]


def test_dictionary_word_with_spaces_is_rejected(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SegmentationTerm(word="两 个").full_clean()


@pytest.mark.django_db
def test_building_documents_takes_no_query_per_policy(make_policy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_gk.policy.search.documents import live_documents

    def queries():
        list(live_documents())  # warm the site-root cache
        with CaptureQueriesContext(connection) as captured:
            documents = list(live_documents())
        return len(captured), documents

    for i in range(3):
        make_policy(f"关于农村危房改造的通知（第{i}号）")
    few, _documents = queries()
    for i in range(3, 9):
        make_policy(f"关于农村危房改造的通知（第{i}号）")
    many, documents = queries()
    assert len(documents) == 9 and all(d.keywords for d in documents)
    assert many == few
