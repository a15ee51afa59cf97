"""Labels of the ledger actions this app writes (``interaction.*``)."""

from django.utils.translation import gettext_lazy as _


def ledger_action_labels() -> dict:
    return {
        "interaction.received": _("Letter received"),
        "interaction.assign": _("Letter assigned to an agency"),
        "interaction.transfer": _("Letter transferred"),
        "interaction.extend": _("Letter reply limit extended"),
        "interaction.draft_reply": _("Letter reply drafted"),
        "interaction.return": _("Letter reply returned"),
        "interaction.reply_sent": _("Letter reply sent"),
        "interaction.published": _("Letter and reply published"),
        "interaction.rated": _("Letter reply rated"),
        "interaction.make_faq": _("FAQ entry made from a letter"),
        "interaction.gate": _("Letter reply blocked by the gate"),
        "interaction.view_personal_data": _("Letter writer's personal data viewed"),
    }
