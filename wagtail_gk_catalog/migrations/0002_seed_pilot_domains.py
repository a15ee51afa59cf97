"""The 26 pilot domains of 国办发〔2019〕54号, in the order of the State
Council's list. Data, not code: offices may rename, reorder or add domains."""

from django.db import migrations

PILOT_DOMAINS = [
    ("land-use-planning", "国土空间规划", "原“城乡规划”领域。"),
    ("major-projects", "重大建设项目", ""),
    ("public-resource-trading", "公共资源交易", ""),
    ("budget", "财政预决算", ""),
    ("work-safety", "安全生产", ""),
    ("taxation", "税收管理", ""),
    ("land-acquisition", "征地补偿", ""),
    ("housing-expropriation", "国有土地上房屋征收与补偿", ""),
    ("environment", "生态环境", ""),
    ("public-culture", "公共文化服务", ""),
    ("public-legal-services", "公共法律服务", ""),
    ("poverty-alleviation", "扶贫", ""),
    ("disaster-relief", "救灾", ""),
    ("social-assistance", "社会救助", ""),
    ("elderly-care", "养老服务", ""),
    ("household-registration", "户籍管理", ""),
    ("farm-subsidies", "涉农补贴", ""),
    ("employment", "就业", ""),
    ("social-insurance", "社会保险", ""),
    ("compulsory-education", "义务教育", ""),
    ("health", "卫生健康", ""),
    ("municipal-services", "市政服务", ""),
    ("rural-housing-renovation", "农村危房改造", ""),
    ("affordable-housing", "保障性住房", ""),
    ("food-drug-regulation", "食品药品监管", ""),
    ("urban-law-enforcement", "城市综合执法", ""),
]


def seed(apps, schema_editor):
    Domain = apps.get_model("wagtail_gk_catalog", "Domain")
    for order, (code, name, description) in enumerate(PILOT_DOMAINS, start=1):
        Domain.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10, "description": description, "is_pilot": True}
        )


def unseed(apps, schema_editor):
    Domain = apps.get_model("wagtail_gk_catalog", "Domain")
    Domain.objects.filter(code__in=[code for code, _name, _desc in PILOT_DOMAINS], items__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk_catalog", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
