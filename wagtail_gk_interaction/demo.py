"""Demo data of public letters (``gk_demo``, order 60): two mailboxes under
政务公开 (县长信箱 and 咨询投诉) and 30 letters across kinds, agencies and
states — replied and published, in hand, transferred, extended, one
enquiry unanswered for more than 3 months, one rated — and three FAQ entries. Idempotent: nothing is
added once the demo mailboxes hold letters."""

from __future__ import annotations

import datetime

from django.utils import timezone

from wagtail_gk import workdays

from . import services
from .deadlines import months_before
from .models import Letter, MailboxPage

TOPICS = {
    "consultation": [
        ("城乡居民医保缴费时间咨询", "请问2026年度城乡居民医疗保险的缴费截止时间是哪天？可以在手机上缴费吗？"),
        ("新生儿落户需要哪些材料", "孩子刚出生，想咨询办理户口登记需要准备哪些材料，在哪里办理。"),
        ("老年人高龄津贴申请条件", "我父亲今年八十一岁，请问高龄津贴的申请条件和办理流程是什么？"),
        ("农村宅基地建房审批流程", "想在自家宅基地上翻建住房，需要到哪些部门办理审批手续？"),
        ("小微企业稳岗补贴申领", "公司是小微企业，请问稳岗补贴怎样申领，需要提交哪些材料？"),
        ("残疾人两项补贴标准", "请问本县困难残疾人生活补贴和重度残疾人护理补贴的标准是多少？"),
        ("公租房申请资格", "外地户籍在本县工作满三年，能否申请公共租赁住房？"),
        ("个体工商户年报时间", "请问个体工商户年度报告的填报时间和方式是什么？"),
        ("驾驶证到期换证地点", "驾驶证快到期了，请问在县里哪里可以办理换证？"),
    ],
    "complaint": [
        ("夜间施工噪音扰民", "团结路东段工地连续多日夜间十一点后仍在施工，噪音很大，影响休息。"),
        ("小区垃圾清运不及时", "幸福小区北门垃圾点已经三天没有清运，气味很大，请督促处理。"),
        ("农贸市场占道经营", "县农贸市场门口经常有摊贩占道经营，早高峰车辆难以通行。"),
        ("路灯损坏长期未修", "杨和镇纳家户村主路有六盏路灯损坏两个月未修，夜间出行不便。"),
        ("出租车拒载", "在县汽车站打车时，多辆出租车以路程近为由拒载。"),
        ("供暖温度不达标", "锦绣家园小区供暖以来室内温度一直不到16度。"),
    ],
    "suggestion": [
        ("建议增设公交线路", "建议开通县城至望洪镇的公交线路，方便沿线群众出行。"),
        ("建议在公园增加健身器材", "人民公园健身器材较少且老化，建议更新并增加适合老年人的器材。"),
        ("建议延长政务大厅服务时间", "上班族工作日难以办事，建议政务服务大厅周末提供预约服务。"),
        ("建议完善学校周边交通设施", "县第二小学门口上下学时段拥堵，建议设置临时停车区和护学岗。"),
        ("建议增加农村快递网点", "建议在各行政村设立快递收发点，方便群众收寄包裹。"),
    ],
    "help": [
        ("独居老人家中漏水求助", "我是独居老人，家中水管漏水，物业无人处理，请求帮助联系维修。"),
        ("务工工资被拖欠求助", "在某工地务工三个月，工资至今未结清，请求有关部门帮助协调。"),
        ("孩子入学困难求助", "随迁子女今年入学，学位申请被退回，不知道该怎么办，请求帮助。"),
        ("大病医疗救助求助", "家人患重病，医疗费用负担很重，请问可以申请哪些救助？"),
    ],
    "leader": [
        ("关于改善村道路况的建议和请求", "县长您好：我村通往镇上的道路坑洼严重，雨天无法通行，恳请县里安排维修。"),
        ("关于加强农村养老服务的建议", "县长您好：村里留守老人较多，建议在各村建设互助养老服务点。"),
        ("关于优化营商环境的意见", "县长您好：企业办理开工手续涉及部门较多，建议推行一窗受理。"),
    ],
}

REPLY = "您好！您反映的问题已收悉。经了解，相关情况如下：我单位已安排专人办理，具体事项可拨打政务服务热线咨询。感谢您对我县工作的关心和支持。"
WRITERS = [("张建国", "13895000001"), ("李秀兰", "13995000002"), ("王小明", "15109500003"), ("赵丽", "18709510004"), ("马强", "13709510005")]


def _mailbox(context, title, slug, kinds, intro):
    page = MailboxPage.objects.filter(slug=slug).first()
    if page is None:
        page = context.openness_index.add_child(
            instance=MailboxPage(
                title=title, slug=slug, kinds=kinds, agency=context.agencies["county"], intro=intro, show_in_menus=True,
                disclosure_url="/zwgk/ysqgk/", petition_url="https://www.gjxfj.gov.cn/",
            )
        )
        page.save_revision().publish()
        context.log(f"interaction: mailbox page {page.url}")
    return page


def _back(today: datetime.date, days: int) -> datetime.date:
    return workdays.add_working_days(today, -days, provisional=True)


def load_interaction_demo(context) -> None:
    leader = _mailbox(context, "县长信箱", "xzxx", ["leader"], "<p>县长信箱受理群众对县政府工作的意见和建议，10个工作日内答复。</p>")
    general = _mailbox(
        context, "咨询投诉", "zxts", ["consultation", "complaint", "suggestion", "help"],
        "<p>咨询5个工作日、投诉和求助7个工作日、建议10个工作日内答复。</p>",
    )
    if Letter.objects.filter(mailbox__in=[leader, general]).exists():
        return
    today = timezone.localdate()
    officer, reviewer = context.users["officer"], context.users.get("reviewer") or context.users["officer"]
    agencies = [context.agencies[k] for k in ("county", "township_a", "township_b")]
    made = 0
    for kind, topics in TOPICS.items():
        box = leader if kind == "leader" else general
        for i, (subject, body) in enumerate(topics):
            made += 1
            name, phone = WRITERS[made % len(WRITERS)]
            data = {"kind": kind, "writer_type": "natural", "anonymous": False, "name": name, "contact_person": "", "phone": phone,
                    "email": "", "address": "", "subject": subject, "body": body, "publish_consent": made % 5 != 0}
            state = made % 4  # 0, 1: replied; 2: in hand; 3: just received
            received = _back(today, 40 - made) if state < 2 else _back(today, 3 + i % 3)
            letter, _code = services.register_letter(mailbox=box, data=data, received_on=received)
            if state == 3:
                continue
            letter = services.assign(letter, agencies[made % 3], user=officer)
            if state == 2:
                continue
            letter = services.draft_reply(letter, REPLY, public_subject=subject, public_body=body, user=officer)
            replied = min(today, workdays.add_working_days(received, 3 + made % 6, provisional=True))
            services.approve_reply(letter, publish=True, user=reviewer, today=replied)
    # One enquiry unanswered for more than 3 months (the inspection's veto line).
    data = {"kind": "consultation", "writer_type": "natural", "anonymous": False, "name": "刘芳", "contact_person": "", "phone": "13995000009",
            "email": "", "address": "", "subject": "农村低保申请流程咨询", "body": "请问农村最低生活保障怎样申请，需要多长时间审批？", "publish_consent": True}
    old, _code = services.register_letter(mailbox=general, data=data, received_on=months_before(today, 4))
    services.assign(old, agencies[1], user=officer)
    # One transferred (the clock keeps running from the day received) and one extended.
    data.update(subject="河道垃圾清理投诉", body="村北河道垃圾堆积，请求清理。", kind="complaint", name="周平", phone="13709510010")
    moved, _code = services.register_letter(mailbox=general, data=data, received_on=_back(today, 2))
    moved = services.assign(moved, agencies[0], user=officer)
    services.transfer(moved, agencies[2], user=officer, note="河道属杨和镇管理，转杨和镇人民政府办理。")
    data.update(subject="关于建设乡村图书室的建议", body="建议在各行政村建设乡村图书室。", kind="suggestion", name="孙悦", phone="13709510011")
    longer, _code = services.register_letter(mailbox=general, data=data, received_on=_back(today, 6))
    longer = services.assign(longer, agencies[0], user=officer)
    services.extend(longer, 5, "需会同教育、文旅部门研究。", user=officer)
    # One rated reply, and the FAQ made from three published replies.
    published = list(Letter.objects.filter(status="replied", published=True).order_by("pk")[:4])
    if published:
        services.rate(published[0], "satisfied")
    for letter in published[1:]:
        services.make_faq(letter, letter.public_subject, letter.reply_text, user=officer)
    context.log(f"interaction: {Letter.objects.count()} letters")
