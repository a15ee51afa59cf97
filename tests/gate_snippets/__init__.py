"""A publishable snippet (DraftStateMixin) used only by the gate tests."""
