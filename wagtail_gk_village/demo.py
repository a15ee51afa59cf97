"""Demo content of village affairs (``gk_demo``, loader order 50).

Township columns for 杨和镇 and 望洪镇 with their review workflows (望洪镇
asks for the supervision committee's sign-off), the three villages' boards,
notices across categories and periods, one village late with its finances,
one notice published late, one submitted and waiting for the township, and a
低保 list of 红星村 that differs from the township's own list (the host's demo
aligns both with a catalog item when it has a catalog). Idempotent: pages are
found by slug.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from wagtail_gk import roles
from wagtail_gk.demo import DEMO_PASSWORD
from wagtail_gk.models import AgencyMembership

from .models import (
    BeneficiaryListType,
    GovernmentListPage,
    NoticeCategory,
    TownshipPage,
    VillageNoticePage,
    VillagePage,
)
from .periods import closed_period_before, previous_period
from .schedule import due_date
from .services import ensure_township_workflow, submit_notice

DIBAO_VILLAGE = [
    ("张桂兰", "一组", 3, "1,080.00", "640121195803152327"),
    ("李德福", "二组", 1, "420.00", "640121194511021218"),
    ("马秀英", "二组", 2, "720.00", "640121196207253029"),
    ("王建国", "三组", 4, "1,360.00", "640121197009114415"),
    ("杨淑芳", "四组", 2, "700.00", "640121196812305522"),
]
# The township's list for the same quarter: 王建国's amount differs, 杨淑芳 is missing, 赵永强 is extra.
DIBAO_TOWNSHIP = [
    ("张桂兰", "一组", 3, "1,080.00"),
    ("李德福", "二组", 1, "420.00"),
    ("马秀英", "二组", 2, "720.00"),
    ("王建国", "三组", 4, "1,260.00"),
    ("赵永强", "五组", 3, "960.00"),
]


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _finance_rows(period, opening: Decimal, seed: int) -> list[dict]:
    items = [("收到镇财政转移支付村级运转经费", Decimal("12000.00"), Decimal("0")),
             ("支付村道路灯电费", Decimal("0"), Decimal("386.50")),
             ("支付村部办公用品费", Decimal("0"), Decimal("245.00")),
             ("收到集体土地承包费", Decimal("8600.00"), Decimal("0")),
             ("支付村组保洁员劳务费", Decimal("0"), Decimal("2400.00"))]
    rows, balance = [], opening
    rows.append({"date": period.start.isoformat(), "item": "上期结余", "income": "0.00", "expense": "0.00", "balance": str(balance), "voucher": ""})
    for index, (item, income, expense) in enumerate(items, start=1):
        balance = balance + income - expense
        day = period.start + datetime.timedelta(days=min(3 * index + seed % 3, (period.end - period.start).days))
        rows.append({"date": day.isoformat(), "item": item, "income": str(income.quantize(Decimal("0.01"))), "expense": str(expense.quantize(Decimal("0.01"))), "balance": str(balance), "voucher": f"记-{period.number or 0:02d}{index:02d}"})
    return rows


def _notice(village_page, slug, **fields) -> VillageNoticePage | None:
    existing = VillageNoticePage.objects.child_of(village_page).filter(slug=slug).first()
    if existing:
        return None
    page = VillageNoticePage(slug=slug, live=False, **fields)
    village_page.add_child(instance=page)
    return page


def _publish(page, published_on: datetime.date, user=None):
    page.save_revision(user=user).publish(user=user)
    Page.objects.filter(pk=page.pk).update(first_published_at=_moment(published_on), last_published_at=_moment(published_on))


def _township_page(context, key, title, slug, signoff):
    township = TownshipPage.objects.filter(agency=context.agencies[key]).first()
    if township is None:
        township = context.openness_index.add_child(
            instance=TownshipPage(title=title, slug=slug, agency=context.agencies[key], supervision_signoff=signoff,
                                  intro="<p>各村村务公开内容经村务监督委员会和乡镇审核后在此公开，接受群众监督。</p>")
        )
        township.save_revision().publish()
    ensure_township_workflow(township)
    return township


def _village_page(township, agency, slug, phone):
    village = VillagePage.objects.filter(agency=agency).first()
    if village is None:
        village = township.add_child(instance=VillagePage(title=agency.display_name, slug=slug, agency=agency, supervision_phone=phone))
        village.save_revision().publish()
    return village


def _supervisor(context):
    """A 村务监督委员会 member of 农丰村, whose township asks for the sign-off."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username="jiandu", defaults={"last_name": "钱", "first_name": "监督"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    group = roles.ensure_role_groups()[roles.VILLAGE_SUPERVISOR.key]
    user.groups.add(group)
    AgencyMembership.objects.get_or_create(user=user, agency=context.agencies["village_b1"])
    return user


def load_village_demo(context) -> None:
    today = timezone.localdate()
    users = context.users
    yanghe = _township_page(context, "township_a", "杨和镇村务公开", "yanghe-cwgk", signoff=False)
    wanghong = _township_page(context, "township_b", "望洪镇村务公开", "wanghong-cwgk", signoff=True)
    hongxing = _village_page(yanghe, context.agencies["village_a1"], "hongxing", "0951-8001001")
    wangtai = _village_page(yanghe, context.agencies["village_a2"], "wangtai", "0951-8001002")
    nongfeng = _village_page(wanghong, context.agencies["village_b1"], "nongfeng", "0951-8002003")
    _supervisor(context)
    categories = {c.code: c for c in NoticeCategory.objects.all()}
    finance = categories["finance"]
    last_month = closed_period_before(today, "month")
    last_quarter = closed_period_before(today, "quarter")

    # Monthly finance: 红星村 on time for four months, 农丰村 for two, 王太村 stopped
    # three months ago (late) and published one month late.
    plan = [(hongxing, 4, 0), (nongfeng, 2, 0), (wangtai, 4, 3)]
    for village, months, skip in plan:
        period = last_month
        opening = Decimal("35210.40")
        for index in range(months):
            if index >= skip:
                slug = f"finance-{period.key}"
                page = _notice(village, slug, title=f"{village.title}{period.label}财务收支公开", category=finance,
                               period_kind="month", period_year=period.year, period_number=period.number,
                               body=f"现将{village.title}{period.label}村集体财务收支情况公开如下，请村民监督。",
                               finance_rows=_finance_rows(period, opening, index))
                if page is not None:
                    deadline, _estimated = due_date(period, finance)
                    published = deadline + datetime.timedelta(days=20) if (village is wangtai and index == skip) else deadline - datetime.timedelta(days=2)
                    _publish(page, min(published, today))
            period = previous_period(period)

    # Quarterly items for every village.
    for village in (hongxing, wangtai, nongfeng):
        for code, text in (("party", "本季度召开党员大会1次，发展预备党员1名，收缴党费1,260元。"),
                           ("village", "村民代表会议决定：实施村道硬化工程1.2公里，由村集体经济组织组织实施。")):
            category = categories[code]
            page = _notice(village, f"{code}-{last_quarter.key}", title=f"{village.title}{last_quarter.label}{category.name}公开",
                           category=category, period_kind="quarter", period_year=last_quarter.year,
                           period_number=last_quarter.number, body=text)
            if page is not None:
                deadline, _estimated = due_date(last_quarter, category)
                _publish(page, min(deadline, today))

    # A major matter (immediate) in 红星村.
    major = categories["major"]
    day = today - datetime.timedelta(days=20)
    page = _notice(hongxing, "major-road", title="红星村村道硬化工程招标结果公示", category=major, period_kind="date",
                   period_date=day, body="红星村村道硬化工程（1.2公里）经公开招标，中标单位为宁夏某建设有限公司，中标价48.6万元，工期60天。")
    if page is not None:
        _publish(page, day + datetime.timedelta(days=1))

    # 红星村's 低保 list for the last quarter and the township's list that differs
    # (the host's demo aligns the list type with a catalog item, when it has one).
    dibao = BeneficiaryListType.objects.get(code="dibao")
    page = _notice(
        hongxing, f"dibao-{last_quarter.key}", title=f"红星村{last_quarter.label}低保对象名单公示",
        category=categories["social_assistance"], period_kind="quarter", period_year=last_quarter.year,
        period_number=last_quarter.number, list_type=dibao,
        body="经村民代表评议、镇政府审核，下列家庭纳入最低生活保障，公示期7天。如有异议，请向镇民政办反映。",
        beneficiary_rows=[{"name": n, "group": g, "household_size": str(s), "amount": a.replace(",", ""), "id_number": i, "address": "红星村" + g}
                          for n, g, s, a, i in DIBAO_VILLAGE],
    )
    if page is not None:
        deadline, _estimated = due_date(last_quarter, categories["social_assistance"])
        _publish(page, min(deadline, today))
    slug = f"dibao-hongxing-{last_quarter.key}"
    if not GovernmentListPage.objects.filter(slug=slug).exists():
        gov = yanghe.add_child(instance=GovernmentListPage(
            title=f"杨和镇{last_quarter.label}红星村最低生活保障对象名单", slug=slug, village=context.agencies["village_a1"],
            list_type=dibao, aligned_item=dibao.aligned_item, period_kind="quarter", period_year=last_quarter.year,
            period_number=last_quarter.number, publishing_agency=context.agencies["township_a"],
            intro="根据县民政局审批结果，现将红星村最低生活保障对象名单公示如下。",
            beneficiary_rows=[{"name": n, "group": g, "household_size": str(s), "amount": a.replace(",", "")} for n, g, s, a in DIBAO_TOWNSHIP],
        ))
        gov.save_revision().publish()

    # 红星村's finance for the month just ended is waiting for the township's review.
    current = closed_period_before(today.replace(day=1) + datetime.timedelta(days=40), "month")
    if current.start <= today and not VillageNoticePage.objects.child_of(hongxing).filter(slug=f"finance-{current.key}").exists():
        page = _notice(hongxing, f"finance-{current.key}", title=f"红星村{current.label}财务收支公开（截至{today:%m月%d日}）",
                       category=finance, period_kind="month", period_year=current.year, period_number=current.number,
                       body="本月财务收支情况如下，请村民监督。", finance_rows=_finance_rows(current, Decimal("52778.90"), 7), owner=users.get("village_member"))
        if page is not None:
            page.save_revision(user=users.get("village_member"))
            submit_notice(users.get("village_member"), page)
    context.log("village: %d notices in %d villages" % (VillageNoticePage.objects.count(), VillagePage.objects.count()))
