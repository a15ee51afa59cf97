"""Fixtures of the policy-library tests: a small library with a handful of
policies (no full demo load), and a factory for more."""

import datetime

import pytest

from wagtail_gk.models import TopicCategory, Validity


@pytest.fixture
def library(home_page):
    from wagtail_gk.policy.models import PolicyLibraryIndexPage

    page = home_page.add_child(instance=PolicyLibraryIndexPage(title="政策库", slug="zck", live=False))
    page.save_revision().publish()
    return page


def topic(first, second=None):
    parent = TopicCategory.objects.get(parent__isnull=True, name=first)
    return TopicCategory.objects.get(parent=parent, name=second) if second else parent


@pytest.fixture
def make_policy(library, agencies):
    from wagtail_gk.policy.models import PolicyDocumentPage

    def make(title, *, summary="", agency="county", topic_names=("财政、金融、审计", "财政"), kind="notice",
             released="2025-01-20", validity=Validity.VALID, number="", publish=True, **extra):
        page = library.add_child(
            instance=PolicyDocumentPage(
                title=title,
                summary=summary,
                document_number=number,
                document_kind=kind,
                publishing_agency=agencies[agency] if isinstance(agency, str) else agency,
                topic=topic(*topic_names) if topic_names else None,
                release_date=datetime.date.fromisoformat(released) if released else None,
                validity=validity,
                validity_changed_on=datetime.date(2025, 6, 1) if validity != Validity.VALID else None,
                live=False,
                **extra,
            )
        )
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def corpus(make_policy):
    """Six live policies over two agencies, three years, two topics, three kinds and two validities."""
    return {
        "budget": make_policy(
            "关于做好2025年县级财政预算公开工作的通知",
            summary="各部门应在预算批复后20日内公开部门预算，做到财政预算公开全覆盖。",
            number="永财发〔2025〕2号",
        ),
        "land": make_policy(
            "永宁县集体土地征收补偿安置办法",
            summary="规范集体土地征收的补偿标准、安置方式和征地补偿款支付程序。",
            topic_names=("城乡建设、环境保护", "征地补偿"),
            kind="regulation",
            released="2024-06-01",
            number="永政发〔2024〕21号",
        ),
        "land_old": make_policy(
            "永宁县集体土地征收补偿安置办法（2021年）",
            summary="原征地补偿安置办法，已由2024年办法废止。",
            topic_names=("城乡建设、环境保护", "征地补偿"),
            kind="regulation",
            released="2021-05-20",
            validity=Validity.REPEALED,
        ),
        "housing": make_policy(
            "永宁县2025年农村危房改造实施方案",
            summary="重点保障农村低保户，C级危房户均补贴1.5万元。",
            agency="township_a",
            topic_names=("城乡建设、环境保护", "城乡建设（含住房）"),
            released="2025-03-20",
        ),
        "subsidy": make_policy(
            "永宁县2025年耕地地力保护补贴实施方案",
            summary="耕地地力保护补贴标准为每亩105元，通过一卡通发放。",
            agency="township_a",
            topic_names=("农业、林业、水利", "涉农补贴"),
            released="2025-03-28",
        ),
        "card": make_policy(
            "关于规范惠民惠农财政补贴资金一卡通管理的通知",
            summary="补贴资金原则上通过一卡通发放，发放结果公开。",
            released="2023-06-30",
            kind="opinion",
        ),
    }


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network_notifications(settings, monkeypatch):
    """Notifications never leave the machine in tests: mail goes to the
    locmem outbox and webhook posts fail loudly unless a test fakes them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def refuse(*args, **kwargs):
        raise NetworkBlocked("a policy test tried to reach the network")

    monkeypatch.setattr("wagtail_gk.policy.notifications.urllib.request.urlopen", refuse)
