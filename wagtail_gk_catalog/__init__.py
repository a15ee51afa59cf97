"""The standard catalog (政务公开事项标准目录): the pilot domains, guides and their
revisions, local catalogs and their items, XLSX import/export, the compliance
dashboard and filing reminders. Offers its items to other apps through core's
alignment registry; see docs/catalog.md."""
