"""What each role may do with letters: the permission lists that core's role
groups receive through the ``register_gk_role_permissions`` hook."""


def role_permissions() -> dict[str, list[str]]:
    label = "wagtail_gk_interaction"
    officer = [f"{label}.{codename}" for codename in ("view_letter", "change_letter", "view_letter_personal_data", "view_interaction_stats",
                                                        "add_faqentry", "change_faqentry", "delete_faqentry", "view_faqentry")]
    reviewer = [f"{label}.{codename}" for codename in ("view_letter", "review_letter_reply", "view_interaction_stats")]
    return {"officer": officer, "reviewer": reviewer}
