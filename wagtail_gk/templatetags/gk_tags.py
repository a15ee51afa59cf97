from django import template
from django.template import loader
from django.utils import formats
from django.utils.safestring import mark_safe

from wagtail_gk.dates import chinese_long_date, long_date

register = template.Library()


@register.inclusion_tag("wagtail_gk/includes/meta_tags.html", takes_context=True)
def gk_meta_tags(context, page=None):
    """The meta tags of a government information page (SiteIDCode, ArticleTitle, PubDate …)."""
    page = page or context.get("page")
    request = context.get("request")
    tags = page.gk_meta_tags(request) if hasattr(page, "gk_meta_tags") else []
    return {"tags": tags}


@register.inclusion_tag("wagtail_gk/includes/metadata_box.html")
def gk_metadata_box(page):
    """The openness metadata box (索引号、发布机构…) shown above the text."""
    return {"page": page}


@register.inclusion_tag("wagtail_gk/includes/due_date.html")
def gk_due_date(day, date_format="Y-m-d", empty="—"):
    """A computed due date, marked 暂定 with the reason when its year's holiday
    schedule has not been imported yet (see ``wagtail_gk.workdays``).
    *date_format* is a ``date`` filter format, or ``"long"`` for :func:`gk_long_date`."""
    from wagtail_gk import workdays

    text = (long_date(day) if date_format == "long" else formats.date_format(day, date_format)) if day else ""
    return {"day": day, "text": text, "empty": empty, "reason": workdays.provisional_reason(day)}


@register.filter
def gk_long_date(day):
    """The date written out in the active language ("2026年3月5日", "March 5, 2026")."""
    return long_date(day)


@register.filter
def gk_chinese_long_date(day):
    """"2026年3月5日" whatever the active language (for Chinese legal texts)."""
    return chinese_long_date(day)


@register.filter
def gk_provisional_reason(day):
    """The reason a date is provisional, or "" (for e-mails and plain text)."""
    from wagtail_gk import workdays

    return workdays.provisional_reason(day)


@register.simple_tag(takes_context=True)
def gk_public_url(context, path, page=None):
    """The absolute public URL of *path* on the site's public base URL
    (:mod:`wagtail_gk.links`), for share links and ``og:url``."""
    from wagtail_gk.links import public_url

    if not path:
        return ""
    return public_url(str(path), request=context.get("request"), page=page or context.get("page"))


class ScrollTableNode(template.Node):
    def __init__(self, nodelist, label, classname):
        self.nodelist = nodelist
        self.label = label
        self.classname = classname

    def render(self, context):
        request = context.get("request")
        with_assets = True
        if request is not None:
            with_assets = not getattr(request, "_gk_table_assets", False)
            request._gk_table_assets = True
        return loader.render_to_string(
            "wagtail_gk/includes/scroll_table.html",
            {
                "content": mark_safe(self.nodelist.render(context)),
                "label": self.label.resolve(context) if self.label else "",
                "classname": self.classname.resolve(context) if self.classname else "",
                "with_assets": with_assets,
                "with_script": not context.get("gk_without_scripts"),
            },
        )


@register.tag
def gk_scroll_table(parser, token):
    """Wrap a wide table so that on a phone it scrolls inside its own box (with
    edge shadows and a "swipe sideways" hint) instead of widening the page::

        {% gk_scroll_table label=_("Income and expenses") %}<table>…</table>{% end_gk_scroll_table %}

    ``label`` names the scrolling region for screen readers; ``classname`` adds
    a class to the wrapper. The stylesheet and script come with the first table
    of the response, so a host's base template needs nothing; with
    ``gk_without_scripts`` in the context (a page for WeChat's browser) there
    is no script and the hint shows on every narrow screen."""
    bits = token.split_contents()[1:]
    options = {}
    for bit in bits:
        name, sep, value = bit.partition("=")
        if not sep or name not in ("label", "classname"):
            raise template.TemplateSyntaxError("gk_scroll_table takes label=… and classname=… only")
        options[name] = parser.compile_filter(value)
    nodelist = parser.parse(("end_gk_scroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, options.get("label"), options.get("classname"))


def _site(context):
    from wagtail.models import Site

    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


def _site_name(context) -> str:
    from wagtail_gk.models import GovernmentSiteSettings

    site = _site(context)
    if site is None:
        return ""
    return GovernmentSiteSettings.for_site(site).site_name or site.site_name or ""


class TitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        title = " ".join(self.nodelist.render(context).split())
        site_name = _site_name(context)
        if not title or title == site_name:
            return site_name
        return f"{title} — {site_name}" if site_name else title


@register.tag
def gk_title(parser, token):
    """``{% gk_title %}{% block title %}…{% endblock %}{% endgk_title %}``: the
    ``<title>`` text "page — site name"; the site name alone for the home page
    (an empty title, or one equal to the site name, is not repeated)."""
    nodelist = parser.parse(("endgk_title",))
    parser.delete_first_token()
    return TitleNode(nodelist)


@register.simple_tag(takes_context=True)
def gk_site_name(context):
    """The site's name (Government website details, else the Wagtail site name)."""
    return _site_name(context)


@register.simple_tag(takes_context=True)
def gk_site_root(context):
    """The root page of the request's site, also on pages that are not Wagtail
    pages (search, subscription …), or ``None``."""
    site = _site(context)
    return site.root_page.specific if site is not None else None


@register.simple_tag(takes_context=True)
def gk_nav_columns(context):
    """The columns of the main navigation, ``[{"page", "url", "current"}]``:
    the live in-menu pages under the site root, without those that say they
    have nothing to show (``portal_visible(request)`` returning false, e.g. a
    column whose apps are not installed). ``current``: the request is on that
    column or below it."""
    site = _site(context)
    if site is None:
        return []
    request = context.get("request")
    columns = []
    for column in site.root_page.get_children().live().public().in_menu().specific():
        visible = getattr(column, "portal_visible", None)
        if visible is None or visible(request):
            url = column.get_url(request) or ""
            current = bool(url) and request is not None and request.path.startswith(url) and url != "/"
            columns.append({"page": column, "url": url, "current": current})
    return columns


@register.inclusion_tag("wagtail_gk/includes/breadcrumb.html", takes_context=True)
def gk_breadcrumb(context, page=None, title=""):
    """首页 › column › … › current, the current one not a link; no trailing "›".
    Without *page* (a view that is not a Wagtail page): the site's home, then
    *title*. With both: *page* and its ancestors as links, then *title* (a view
    that belongs under a page, e.g. the policy library's search)."""
    from django.utils.translation import gettext

    request = context.get("request")
    site = _site(context)
    root_id = site.root_page_id if site is not None else None
    crumbs = []
    if page is not None:
        root_depth = site.root_page.depth if site is not None else 2
        for ancestor in page.get_ancestors():
            if ancestor.depth >= root_depth:
                label = gettext("Home") if ancestor.pk == root_id else ancestor.title
                crumbs.append((label, ancestor.get_url(request)))
        current = page.title
        if title:
            crumbs.append((gettext("Home") if page.pk == root_id else page.title, page.get_url(request)))
            current = title
    else:
        if site is not None:
            crumbs.append((gettext("Home"), site.root_page.get_url(request)))
        current = title
    return {"crumbs": crumbs, "current": current}
