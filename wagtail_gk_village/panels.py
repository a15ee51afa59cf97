"""Admin panels of ``wagtail_gk_village``."""

from wagtail.admin.panels import Panel


class RowsTablePanel(Panel):
    """Shows a JSON table field (收支明细, 名单) read-only in the page editor.

    Tables come in through the spreadsheet upload of the village editor, which
    validates them row by row; a hand-edited JSON box would bypass that."""

    def __init__(self, field_name, max_rows=200, **kwargs):
        super().__init__(**kwargs)
        self.field_name = field_name
        self.max_rows = max_rows

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(field_name=self.field_name, max_rows=self.max_rows)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_gk_village/panels/rows_table_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = getattr(self.instance, self.panel.field_name, None) or []
            headers = []
            for row in rows:
                for key in row:
                    if key not in headers:
                        headers.append(key)
            from .models.categories import ColumnKind
            from .tables import finance_column_labels

            labels = {**dict(ColumnKind.choices), **finance_column_labels()}
            context.update(
                headers=[labels.get(key, key) for key in headers],
                rows=[[row.get(key, "") for key in headers] for row in rows[: self.panel.max_rows]],
                total=len(rows),
                truncated=len(rows) > self.panel.max_rows,
            )
            return context
