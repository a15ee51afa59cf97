"""What each role may do in disclosure requests: the permission lists that core's role
groups receive through the ``register_gk_role_permissions`` hook."""


def role_permissions() -> dict[str, list[str]]:
    """The permissions each role of ``wagtail_gk.roles`` needs in disclosure requests."""
    label = "wagtail_gk_foia"
    officer = [
        f"{label}.{codename}"
        for codename in (
            "add_disclosurerequest",
            "change_disclosurerequest",
            "view_disclosurerequest",
            "view_applicant_data",
            "approve_extension",
            "view_foia_report",
            "change_documenttemplate",
            "view_documenttemplate",
            "change_foiaofficesettings",
            "add_annualreportfigures",
            "change_annualreportfigures",
            "view_annualreportfigures",
            "add_remedycase",
            "change_remedycase",
            "view_remedycase",
        )
    ]
    return {"officer": officer, "reviewer": [f"{label}.view_foia_report"]}
