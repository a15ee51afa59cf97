"""factory_boy factories for the objects most tests need: agencies, users in a
role, and openness-metadata pages of the example site.

    county = AgencyFactory(level=AgencyLevel.COUNTY)
    editor = UserFactory(role="editor", agency=county)
    page = ArticlePageFactory(parent=home_page, publishing_agency=county)
"""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from example_site.home.models import ArticlePage
from wagtail_gk.models import Agency, AgencyLevel, AgencyMembership

PASSWORD = "gk-test-password"  # noqa: S105 - test accounts only


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试机构{n}")
    level = AgencyLevel.COUNTY
    code = factory.Sequence(lambda n: f"64{n:07d}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user; ``role=`` puts them in that role's group (created with its
    permissions if missing), ``agency=`` makes them a member of an agency."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.cn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        from wagtail_gk.roles import ensure_role_groups

        self.groups.add(ensure_role_groups()[extracted])

    @factory.post_generation
    def agency(self, create, extracted, **kwargs):
        if create and extracted:
            AgencyMembership.objects.create(user=self, agency=extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class ArticlePageFactory(wagtail_factories.PageFactory):
    """An unpublished-then-saved article; publish with ``page.save_revision().publish()``."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"关于测试事项的通知（{n}）")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "测试摘要"
    live = False
