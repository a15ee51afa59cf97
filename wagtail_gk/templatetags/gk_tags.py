from django import template

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
    schedule has not been imported yet (see ``wagtail_gk.workdays``)."""
    from wagtail_gk import workdays

    return {"day": day, "format": date_format, "empty": empty, "reason": workdays.provisional_reason(day)}


@register.filter
def gk_provisional_reason(day):
    """The reason a date is provisional, or "" (for e-mails and plain text)."""
    from wagtail_gk import workdays

    return workdays.provisional_reason(day)
