"""Admin views of the catalog (compliance dashboard, catalog actions)."""
