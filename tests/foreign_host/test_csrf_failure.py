"""On a host that offers English and Chinese, a refused form post of the
suite gets the refusal page in the visitor's language (docs/install.md,
"Refused forms")."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "back"),
    [("en", "Your form was not received", "Back to the form"), ("zh-hans", "您的表单未被接收", "返回表单")],
)
def test_refused_subscription_in_the_visitors_language(host, language, title, back):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/policy/subscribe/", {"email": "reader@harbour.example"}, HTTP_ACCEPT_LANGUAGE=language, HTTP_REFERER="http://testserver/policy/subscribe/"
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}">' in html
    assert title in html and back in html
    assert 'href="http://testserver/policy/subscribe/"' in html
    assert "Forbidden" not in html
