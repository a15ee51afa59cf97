"""POST data for the example site's ArticlePage edit and create forms."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form_data(title, slug, text, action="action-publish", like=None, formsets=None):
    """POST data of the ArticlePage edit/create form with *text* as the body.

    Metadata fields take their values from *like* (a page) when given, else the
    field's default. *formsets* maps an inline formset name to its forms; the
    others are posted empty. Returns the flat dict Django's test client posts."""
    from example_site.home.models import ArticlePage

    model_form = ArticlePage.get_edit_handler().get_form_class()
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
        "keywords": "",
        action: "1",
    }
    for name in ("disclosure_method", "disclosure_scope", "validity"):
        field = model_form.base_fields[name]
        data[name] = getattr(like, name, None) or field.initial or field.choices[-1][0]
    for name in getattr(model_form, "formsets", {}):
        data[name] = inline_formset((formsets or {}).get(name, []))
    return nested_form_data(data)
