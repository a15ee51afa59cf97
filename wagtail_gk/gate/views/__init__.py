"""Admin views of the publication gate, mounted by ``wagtail_gk.gate.admin_urls``."""
