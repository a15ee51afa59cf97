"""The base of the demo: a county government site, two townships, three
villages, one user per role. Apps add their content through demo loaders."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import GroupPagePermission, Locale, Page, Site

from wagtail_gk import roles
from wagtail_gk.demo import DEMO_PASSWORD, DemoContext
from wagtail_gk.models import (
    Agency,
    AgencyLevel,
    AgencyMembership,
    GovernmentSiteSettings,
    OpennessGuidePage,
    OpennessOfficeSettings,
)
from wagtail_gk.portal import PortalSection

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
        openness = home.add_child(
            instance=ColumnPage(title="政务公开", slug="zwgk", show_in_menus=True, portal_section=PortalSection.OPENNESS)
        )
    notices = ColumnPage.objects.child_of(openness).filter(slug="tzgg").first()
    if notices is None:
        notices = openness.add_child(instance=ColumnPage(title="通知公告", slug="tzgg", show_in_menus=True))
    return site, home, openness, notices


# The standard columns of a county portal after 政务公开 (slug, title, portal section).
PORTAL_COLUMNS = [
    ("zwfw", "政务服务", PortalSection.SERVICES),
    ("hdjl", "互动交流", PortalSection.INTERACTION),
    ("zjbx", "走进本县", PortalSection.ABOUT),
]
# The 政府信息公开专栏 and its standard sub-columns; the guide is generated (wagtail_gk.guide).
OPENNESS_COLUMN = ("xxgk", "政府信息公开专栏")
OPENNESS_SUBCOLUMNS = [
    ("gkzd", "政府信息公开制度", ""),
    ("fdzdgknr", "法定主动公开内容", PortalSection.PROACTIVE),
    ("gknb", "政府信息公开年报", ""),
]


def _column(parent, slug, title, section=""):
    column = ColumnPage.objects.child_of(parent).filter(slug=slug).first()
    if column is None:
        column = parent.add_child(instance=ColumnPage(title=title, slug=slug, show_in_menus=True, portal_section=section))
    return column


def build_portal(home, openness):
    """The portal's columns: 政务服务, 互动交流, 走进本县 at the top, and under
    政务公开 the 政府信息公开专栏 with its four sub-columns (the first, the
    guide, a generated page). Returns {slug: page}."""
    columns = {slug: _column(home, slug, title, section) for slug, title, section in PORTAL_COLUMNS}
    special = _column(openness, *OPENNESS_COLUMN)
    columns[OPENNESS_COLUMN[0]] = special
    guide = OpennessGuidePage.objects.child_of(special).first()
    if guide is None:
        # Made before the other sub-columns: first among them, as in every 专栏.
        guide = special.add_child(instance=OpennessGuidePage(title="政府信息公开指南", slug="gkzn", show_in_menus=True))
    columns["gkzn"] = guide
    for slug, title, section in OPENNESS_SUBCOLUMNS:
        columns[slug] = _column(special, slug, title, section)
    return columns


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
    build_portal(home, openness)
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
    OpennessOfficeSettings.objects.update_or_create(
        site=site,
        defaults={
            "office_name": "永宁县人民政府办公室",
            "address": "宁夏银川市永宁县杨和镇政府街1号县政府办公楼二楼",
            "postcode": "750100",
            "office_hours": "工作日 9:00–12:00，14:30–17:30（法定节假日除外）",
            "phone": "0951-8000000",
            "fax": "0951-8000001",
            "email": "zwgk@example.gov.cn",
        },
    )
    users, groups = build_users(agencies)
    grant_page_permissions(groups, home)
    grant_collection_permissions(groups)
    build_articles(notices, agencies["county"])
    return DemoContext(site=site, home=home, openness_index=openness, agencies=agencies, users=users, stdout=stdout)


PORTAL_ARTICLES = [
    # column slug, slug, title, date written, text
    ("gkzd", "gkzd-bmsc", "永宁县政府信息公开保密审查制度", "2025-03-18",
     "政府信息公开前，由信息形成机关按照“先审查、后公开”和“一事一审”的原则进行保密审查，未经审查的不得公开。"),
    ("gkzd", "gkzd-ysq", "永宁县政府信息依申请公开工作规程", "2025-03-18",
     "明确依申请公开的受理、登记、办理、答复、归档各环节的责任和时限。"),
    ("gknb", "gknb-2025", "永宁县人民政府2025年政府信息公开工作年度报告", "2026-01-20",
     "本报告依据《中华人民共和国政府信息公开条例》第五十条规定编制，包括总体情况、主动公开、依申请公开、行政复议和诉讼、存在的问题及改进情况等内容。"),
    ("zjbx", "xqgk", "永宁县县情概况", "2026-01-05",
     "永宁县位于宁夏回族自治区引黄灌区中部，辖6个镇1个乡，是宁夏主要的粮食和枸杞产区之一。"),
    ("zjbx", "lsyg", "永宁县历史沿革", "2026-01-05",
     "永宁县历史悠久，1941年始设永宁县，现隶属银川市。"),
]


def build_portal_content(context):
    """Articles of the 专栏's sub-columns and of 走进本县, and the portal's
    navigation: the apps' top-level pages (政策库 …) are reached through the
    columns' entries rather than as extra navigation items."""
    import datetime

    from wagtail.models import Page

    columns = build_portal(context.home, context.openness_index)
    county = context.agencies["county"]
    for column_slug, slug, title, written, text in PORTAL_ARTICLES:
        if ArticlePage.objects.filter(slug=slug).exists():
            continue
        page = columns[column_slug].add_child(
            instance=ArticlePage(
                title=title, slug=slug, summary=text, body=[("paragraph", f"<p>{text}</p>")],
                publishing_agency=county, written_on=datetime.date.fromisoformat(written),
            )
        )
        page.save_revision().publish()
    Page.objects.child_of(context.home).filter(show_in_menus=True).not_type(ColumnPage).update(show_in_menus=False)
    context.log("portal: columns 政务公开、政务服务、互动交流、走进本县; guide /zwgk/xxgk/gkzn/")
