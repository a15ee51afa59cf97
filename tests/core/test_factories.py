import pytest

from tests.factories import PASSWORD, AgencyFactory, ArticlePageFactory, UserFactory
from wagtail_gk.models import AgencyLevel, agencies_of
from wagtail_gk.roles import EDITOR, user_has_role


@pytest.mark.django_db
def test_user_factory_gives_role_membership_and_a_usable_password(client):
    county = AgencyFactory(level=AgencyLevel.COUNTY)
    user = UserFactory(role="editor", agency=county)
    assert user_has_role(user, EDITOR)
    assert list(agencies_of(user)) == [county]
    assert client.login(username=user.username, password=PASSWORD)


@pytest.mark.django_db
def test_article_factory_pages_take_openness_metadata_and_publish(home_page):
    agency = AgencyFactory(code="640121999")
    page = ArticlePageFactory(parent=home_page, publishing_agency=agency)
    assert not page.live
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert page.index_number.startswith("640121999/")
