"""``{% gk_scroll_table %}``: a wide table scrolls in its own labelled box with
a hint, and the stylesheet and script come once per response."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

TEMPLATE = Template(
    "{% load gk_tags %}"
    "{% gk_scroll_table label='收支明细' %}<table><tr><td>1</td></tr></table>{% end_gk_scroll_table %}"
    "{% gk_scroll_table %}<table><tr><td>2</td></tr></table>{% end_gk_scroll_table %}"
)


def test_tables_get_a_scroll_box_and_hint_and_the_assets_once():
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        html = TEMPLATE.render(Context({"request": request}))
    assert html.count('class="gk-table-scroll" role="region" tabindex="0"') == 2
    assert 'aria-label="收支明细"><table><tr><td>1</td>' in html
    assert html.count("左右滑动查看完整表格") == 2
    assert html.count("wagtail_gk/tables.css") == 1 and html.count("wagtail_gk/tables.js") == 1


def test_without_a_request_each_table_brings_the_assets():
    assert TEMPLATE.render(Context({})).count("wagtail_gk/tables.css") == 2


def test_unknown_options_are_refused():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load gk_tags %}{% gk_scroll_table width=3 %}{% end_gk_scroll_table %}")
