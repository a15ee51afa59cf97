"""The base of the demo: a county government site, two townships, three
villages, one user per role. Apps add their content through demo loaders."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import GroupPagePermission, Locale, Page, Site

from wagtail_gk import roles
from wagtail_gk.demo import DEMO_PASSWORD, DemoContext
from wagtail_gk.models import Agency, AgencyLevel, AgencyMembership, GovernmentSiteSettings

from .models import ArticlePage, ColumnPage, HomePage

AGENCIES = [
    # key, name, short name, level, code, parent key
    ("region", "宁夏回族自治区人民政府办公厅", "自治区政府办公厅", AgencyLevel.REGION, "640000000", None),
    ("county", "永宁县人民政府", "永宁县", AgencyLevel.COUNTY, "640121000", "region"),
    ("township_a", "杨和镇人民政府", "杨和镇", AgencyLevel.TOWNSHIP, "640121100", "county"),
    ("township_b", "望洪镇人民政府", "望洪镇", AgencyLevel.TOWNSHIP, "640121102", "county"),
    ("village_a1", "杨和镇红星村村民委员会", "红星村", AgencyLevel.VILLAGE, "640121100201", "township_a"),
    ("village_a2", "杨和镇王太村村民委员会", "王太村", AgencyLevel.VILLAGE, "640121100202", "township_a"),
    ("village_b1", "望洪镇农丰村村民委员会", "农丰村", AgencyLevel.VILLAGE, "640121102203", "township_b"),
]

USERS = [
    # username, full name, role, agency key
    ("editor", "张编辑", roles.EDITOR, "county"),
    ("reviewer", "李审核", roles.REVIEWER, "county"),
    ("officer", "王公开", roles.OFFICER, "county"),
    ("village", "赵村务", roles.VILLAGE_MEMBER, "village_a1"),
    ("township", "孙镇审", roles.TOWNSHIP_REVIEWER, "township_a"),
]


def build_agencies():
    agencies = {}
    for key, name, short_name, level, code, parent_key in AGENCIES:
        agencies[key], _ = Agency.objects.update_or_create(
            parent=agencies.get(parent_key),
            name=name,
            defaults={"short_name": short_name, "level": level, "code": code},
        )
    return agencies


def build_pages():
    root = Page.get_first_root_node()
    if root is None:
        # A flushed database (e.g. after a transactional test) has lost the
        # root node that Wagtail's migrations create.
        locale, _created = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="永宁县人民政府", slug="yongning", intro="<p>欢迎访问永宁县人民政府门户网站。</p>")
        )
        # Wagtail's install leaves a welcome page as the site root; the demo replaces it.
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "永宁县人民政府"
            site.save()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="永宁县人民政府")
        if old_root and old_root.pk != home.pk and old_root.specific_class != HomePage:
            old_root.delete()
    site = Site.objects.get(root_page=home)
    openness = ColumnPage.objects.child_of(home).filter(slug="zwgk").first()
    if openness is None:
        openness = home.add_child(instance=ColumnPage(title="政务公开", slug="zwgk", show_in_menus=True))
    notices = ColumnPage.objects.child_of(openness).filter(slug="tzgg").first()
    if notices is None:
        notices = openness.add_child(instance=ColumnPage(title="通知公告", slug="tzgg", show_in_menus=True))
    return site, home, openness, notices


def build_articles(notices, county):
    samples = [
        ("t20261105-annual-report", "关于做好2026年度政府信息公开工作年度报告编制工作的通知", "各乡镇人民政府、县直各部门：请于2027年1月31日前完成年度报告编制并报送。"),
        ("t20261020-q3-openness", "永宁县2026年第三季度政务公开工作情况通报", "第三季度全县主动公开政府信息1263条，办理依申请公开18件。"),
    ]
    for slug, title, text in samples:
        if ArticlePage.objects.filter(slug=slug).exists():
            continue
        page = notices.add_child(
            instance=ArticlePage(
                title=title,
                slug=slug,
                summary=text,
                body=[("paragraph", f"<p>{text}</p>")],
                publishing_agency=county,
            )
        )
        page.save_revision().publish()


def build_users(agencies):
    User = get_user_model()
    groups = roles.ensure_role_groups()
    users = {}
    for username, full_name, role, agency_key in USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name[1:], "last_name": full_name[0]}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(groups[role.key])
        AgencyMembership.objects.get_or_create(user=user, agency=agencies[agency_key])
        users[role.key] = user
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True, "last_name": "管理员"}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    users["admin"] = admin
    return users, groups


def grant_collection_permissions(groups):
    """Let every role that writes content upload and choose documents and images."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    codenames = [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
    ]
    # Village members upload through the village editor, which stores files in
    # their village's collection itself; library access would show other villages' files.
    for key in ("editor", "reviewer", "officer", "township_reviewer"):
        for app_label, codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[key],
                collection=root,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )


def grant_page_permissions(groups, home):
    perms = {
        "editor": ["add_page", "change_page"],
        "reviewer": ["add_page", "change_page", "publish_page"],
        "officer": ["add_page", "change_page"],
    }
    for key, codenames in perms.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[key], page=home, permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            )


def build_base(stdout=None) -> DemoContext:
    agencies = build_agencies()
    site, home, openness, notices = build_pages()
    GovernmentSiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "site_name": "永宁县人民政府",
            "site_id_code": "6401210001",
            "host_agency": agencies["county"],
            "icp_number": "宁ICP备00000000号",
            "public_security_number": "宁公网安备 64012102000000号",
            "contact_phone": "0951-0000000",
            "address": "宁夏银川市永宁县杨和镇政府街1号",
        },
    )
    users, groups = build_users(agencies)
    grant_page_permissions(groups, home)
    grant_collection_permissions(groups)
    build_articles(notices, agencies["county"])
    return DemoContext(site=site, home=home, openness_index=openness, agencies=agencies, users=users, stdout=stdout)
