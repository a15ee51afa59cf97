"""The categories and list types a new site starts with (editable afterwards).

Categories follow 村民委员会组织法 第30条 practice (DOMAIN §3): ordinary items
at least quarterly, finances monthly, major matters at once. Used by the data
migration ``0002_seed_categories`` through the historical models.
"""

CATEGORIES = [
    # code, name, frequency, due working days, has finance statement, description
    ("party", "党务", "quarterly", 10, False, "党组织建设、党员发展、党费收缴使用等"),
    ("village", "村务", "quarterly", 10, False, "村民会议和村民代表会议决定事项及其实施情况"),
    ("finance", "财务", "monthly", 10, True, "村集体财务收支明细，每月公开"),
    ("revitalisation", "脱贫攻坚/乡村振兴", "quarterly", 10, True, "衔接资金项目、产业项目、帮扶措施"),
    ("farm_subsidy", "惠农补贴", "quarterly", 10, False, "耕地地力保护补贴等惠农补贴发放情况"),
    ("social_assistance", "低保/社会救助", "quarterly", 10, False, "低保、特困供养、临时救助对象及标准"),
    ("elderly_care", "养老服务", "quarterly", 10, False, "高龄津贴、养老服务补贴发放情况"),
    ("major", "重大事项", "immediate", None, True, "工程项目、集体资产处置等重大事项，随时公开"),
]

LIST_TYPES = [
    # code, name, category code, [(column kind, rule, required)]
    (
        "dibao",
        "低保对象名单",
        "social_assistance",
        [
            ("name", "show", True),
            ("group", "show", False),
            ("household_size", "show", True),
            ("item", "show", False),
            ("amount", "show", True),
            ("id_number", "mask", False),
            ("address", "drop", False),
            ("health", "drop", False),
        ],
    ),
    (
        "farm_subsidy",
        "惠农补贴发放名单",
        "farm_subsidy",
        [
            ("name", "show", True),
            ("group", "show", False),
            ("item", "show", False),
            ("amount", "show", True),
            ("bank_account", "mask", False),
            ("phone", "mask", False),
        ],
    ),
    (
        "elderly_allowance",
        "高龄津贴发放名单",
        "elderly_care",
        [
            ("name", "show", True),
            ("group", "show", False),
            ("amount", "show", True),
            ("id_number", "mask", False),
            ("bank_account", "mask", False),
            ("address", "drop", False),
        ],
    ),
]


def seed(NoticeCategory, BeneficiaryListType, ListTypeColumn):
    categories = {}
    for order, (code, name, frequency, days, finance, description) in enumerate(CATEGORIES, start=1):
        categories[code], _ = NoticeCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "frequency": frequency,
                "due_working_days": days,
                "has_finance_statement": finance,
                "description": description,
                "sort_order": order * 10,
            },
        )
    for order, (code, name, category_code, columns) in enumerate(LIST_TYPES, start=1):
        list_type, created = BeneficiaryListType.objects.get_or_create(
            code=code, defaults={"name": name, "category": categories[category_code], "sort_order": order * 10}
        )
        if created:
            for index, (kind, rule, required) in enumerate(columns):
                ListTypeColumn.objects.create(list_type=list_type, kind=kind, rule=rule, required=required, sort_order=index)
