"""Demo data of disclosure requests (``gk_demo``, order 40): the intake page
under 政务公开, the office settings, and requests in every state across 2025
and 2026, some overdue. Idempotent: requests are recognised by their
``DEMO-`` 来件编号 and never created twice."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail_gk import workdays

from . import documents
from .models import (
    ApplicantType,
    Channel,
    DisclosureRequest,
    DisclosureRequestPage,
    DocumentKind,
    FoiaOfficeSettings,
    Status,
)
from .services import casework, duties, fees, registration, transitions
from .validators import ID_CHECK, ID_WEIGHTS, USCC_CHARS, USCC_WEIGHTS

D = datetime.date
PDF_STUB = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def resident_id(stem17: str) -> str:
    total = sum(int(d) * w for d, w in zip(stem17, ID_WEIGHTS, strict=True))
    return stem17 + ID_CHECK[total % 11]


def credit_code(stem17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(stem17, USCC_WEIGHTS, strict=True))
    return stem17 + USCC_CHARS[(31 - total % 31) % 31]


PEOPLE = {
    "zhang": (ApplicantType.NATURAL_PERSON, "张建国", resident_id("64012119800312123"), "13895000001"),
    "li": (ApplicantType.NATURAL_PERSON, "李秀兰", resident_id("64012119750704242"), "13995000002"),
    "wang": (ApplicantType.NATURAL_PERSON, "王小明", resident_id("64012119920915331"), "15109500003"),
    "trade": (ApplicantType.COMMERCIAL, "宁夏永丰商贸有限公司", credit_code("91640121MA76A1B2C"), "0951-8000001"),
    "institute": (ApplicantType.RESEARCH, "宁夏农业科学研究所", credit_code("12640000MB15X2Y3W"), "0951-8000002"),
    "charity": (ApplicantType.PUBLIC_INTEREST, "永宁县助学公益协会", credit_code("51640121MJ0001234"), "0951-8000003"),
    "law": (ApplicantType.LEGAL_SERVICE, "宁夏明法律师事务所", credit_code("31640000MD0000567"), "0951-8000004"),
    "other": (ApplicantType.OTHER, "杨和镇红星村股份经济合作社", credit_code("N2640121MF0000891"), "0951-8000005"),
}


def _apply(ref, who, title, received_on, channel=Channel.IN_PERSON, pieces=1, accessible=False):
    applicant_type, name, number, phone = PEOPLE[who]
    return {
        "applicant_type": applicant_type,
        "applicant_name": name,
        "id_type": "resident_id" if applicant_type == ApplicantType.NATURAL_PERSON else "",
        "id_number": number,
        "contact_person": "" if applicant_type == ApplicantType.NATURAL_PERSON else "刘联系",
        "phone": phone,
        "address": "宁夏银川市永宁县杨和镇政府街8号",
        "postcode": "750100",
        "information_title": title,
        "description": f"请提供{title}的全文及附件。",
        "delivery_form": "paper",
        "delivery_channel": "post",
        "pieces": pieces,
        "accessible_version": accessible,
        "external_reference": ref,
    }, channel, received_on


def _register(context, ref, who, title, received_on, confirm=True, **kwargs):
    data, channel, received_on = _apply(ref, who, title, received_on, **kwargs)
    req, _code = registration.register_request(
        agency=context.agencies["county"],
        data=data,
        channel=channel,
        received_on=received_on,
        user=context.users["officer"],
        identity_proof=ContentFile(PDF_STUB, name="id.pdf"),
        assignee=context.users["officer"],
    )
    if confirm and req.needs_confirmation:  # 第31条: confirmed with the applicant on the day it arrived
        req = transitions.confirm_receipt(req, user=context.users["officer"], on=received_on, method="phone")
    return req


def _wd(day, n):
    return workdays.add_working_days(day, n, provisional=True)


def load_foia_demo(context) -> None:
    county = context.agencies["county"]
    officer = context.users["officer"]
    office = FoiaOfficeSettings.load()
    if not office.office_name:
        office.office_name = "永宁县人民政府办公室"
        office.document_number_prefix = "永宁县政府公开办复"
        office.address = "宁夏银川市永宁县杨和镇政府街1号"
        office.phone = "0951-8000000"
        office.office_hours = "工作日 9:00–12:00，14:30–17:30"
        office.reconsideration_body = "永宁县人民政府"
        office.payment_instructions = "请持本通知到县政务服务中心财政窗口缴纳，或转账至永宁县财政局非税收入专户。"
        office.head = context.users.get("admin")
        office.save()
    if officer.email == "":
        officer.email = "officer@example.invalid"
        officer.save(update_fields=["email"])
    documents.ensure_templates()

    if not DisclosureRequestPage.objects.exists():
        page = context.openness_index.add_child(
            instance=DisclosureRequestPage(
                title="依申请公开",
                slug="ysqgk",
                agency=county,
                show_in_menus=True,
                intro=(
                    "<p>公民、法人或者其他组织可以向永宁县人民政府申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。"
                    "请如实填写申请表并上传身份证明。本机关自收到申请之日起20个工作日内答复。</p>"
                ),
                help_text_accessible="<p>如填写有困难，请拨打 0951-8000000，或到县政务服务中心二楼政务公开窗口口头申请。</p>",
            )
        )
        page.save_revision().publish()
        context.log("foia: intake page /zwgk/ysqgk/")

    if DisclosureRequest.objects.filter(external_reference__startswith="DEMO-").exists():
        _annual_report(context)
        return
    today = timezone.localdate()
    u = officer

    # ---- 2025 -------------------------------------------------------------------
    r = _register(context, "DEMO-01", "zhang", "2024年永宁县城乡居民最低生活保障资金使用情况", D(2025, 3, 10))
    casework.add_attachment(r, user=u, kind="provided", title="2024年低保资金使用情况表", uploaded_file=ContentFile(PDF_STUB, name="dibao.pdf"), pages=3)
    transitions.reply(r, user=u, outcome="1", on=D(2025, 3, 25), published_where="随本告知书邮寄纸质文本")
    documents.issue_document(r, DocumentKind.REPLY_DISCLOSED, user=u, issued_on=D(2025, 3, 25))
    transitions.archive(r, user=u)

    r = _register(context, "DEMO-02", "trade", "杨和镇农贸市场改造项目招标文件", D(2025, 5, 6))
    transitions.reply(
        r, user=u, outcome="2", on=D(2025, 5, 30), reasons="可公开部分随告知书提供。",
        published_where="随本告知书提供电子文本",
        withheld_parts=[("投标人报价明细及联系人信息", "3.4", "涉及投标人商业秘密和个人信息，第三方不同意公开（第十五条）。")],
    )
    documents.issue_document(r, DocumentKind.REPLY_PARTIAL, user=u, issued_on=D(2025, 5, 30))
    transitions.archive(r, user=u)

    r = _register(context, "DEMO-03", "li", "某企业环境影响评价报告书全本", D(2025, 6, 2))
    transitions.start_consultation(r, user=u, kind="third_party", party="宁夏某化工有限公司", on=D(2025, 6, 5), received_on=D(2025, 6, 6), delivery="post")
    transitions.end_consultation(r, user=u, consultation_id=r.consultations.get().pk, on=D(2025, 6, 20), result="objected", opinion="涉及工艺参数等商业秘密。")
    transitions.reply(r, user=u, outcome="3.4", on=D(2025, 6, 25), reasons="第三方以商业秘密为由不同意公开且理由合理（第三十二条）。")

    r = _register(context, "DEMO-04", "law", "关于某项目的相关文件", D(2025, 8, 11), channel=Channel.REGISTERED_POST)
    transitions.request_correction(r, user=u, items="请写明所需文件的名称、文号或形成时间。", on=D(2025, 8, 13), period_days=15)
    transitions.abandon_uncorrected(r, user=u, on=D(2025, 9, 15))

    r = _register(context, "DEMO-05", "institute", "2015年以来全县农田水利工程全部档案", D(2025, 9, 1))
    fees.issue_fee_notice(r, user=u, method="page", quantity=150, on=D(2025, 9, 5), received_on=D(2025, 9, 8), delivery="post")
    fees.close_unpaid(r, user=None, on=D(2025, 10, 20))

    r = _register(context, "DEMO-06", "charity", "2010年县教育局助学金发放名单", D(2025, 11, 3))
    transitions.reply(r, user=u, outcome="4.1", on=D(2025, 11, 20), reasons="经检索，本机关未制作或获取该信息。")

    r = _register(context, "DEMO-07", "zhang", "2025年度县本级财政预算调整方案", D(2025, 12, 15), channel=Channel.ONLINE)
    transitions.approve_extension(r, user=u, days=15, approved_by="县政府办公室主任 马主任", reason="涉及多个部门，需汇总核实。", on=D(2026, 1, 8))
    transitions.reply(r, user=u, outcome="1", on=D(2026, 2, 5), published_where="永宁县人民政府网站“财政预决算”栏目")

    r = _register(context, "DEMO-08", "other", "红星村集体土地流转合同", D(2025, 12, 22), channel=Channel.FAX)
    transitions.withdraw(r, user=u, on=D(2026, 1, 5), note="申请人电话告知已通过村务公开栏获取。")

    r = _register(context, "DEMO-09", "wang", "举报某单位违规收费问题", D(2025, 7, 7), channel=Channel.ONLINE)
    transitions.reply(r, user=u, outcome="5.1", on=D(2025, 7, 10), reasons="请通过12345政务服务便民热线或信访渠道反映。")

    # ---- 2026 -------------------------------------------------------------------
    r = _register(context, "DEMO-10", "trade", "2025年全县建设工程项目审批文件（15件）", D(2026, 2, 2), pieces=15)
    fees.issue_fee_notice(r, user=u, method="piece", quantity=15, on=D(2026, 2, 4), received_on=D(2026, 2, 4), delivery="in_person")
    fees.record_payment(r, user=u, on=D(2026, 2, 10))
    transitions.reply(r, user=u, outcome="1", on=D(2026, 3, 5), published_where="随本告知书提供电子文本")

    r = _register(context, "DEMO-11", "wang", "举报某单位违规收费问题的处理结果", D(2026, 3, 16))
    transitions.reply(r, user=u, outcome="5.2", on=D(2026, 3, 20), reasons="本机关已于2025年7月10日就相同内容作出答复。")

    r = _register(context, "DEMO-12", "li", "全县近十年各村人口变化统计分析", D(2026, 6, 1))
    transitions.reply(r, user=u, outcome="4.2", on=D(2026, 6, 12), reasons="需对现有信息进行汇总分析，第三十八条。")

    r = _register(context, "DEMO-21", "zhang", "县政府常务会议讨论稿", D(2026, 4, 7))
    transitions.reply(r, user=u, outcome="3.6", on=D(2026, 4, 20), reasons="属于讨论记录、过程稿，第十六条第二款。")
    transitions.archive(r, user=u)

    r = _register(context, "DEMO-22", "charity", "2025年《永宁县人民政府公报》合订本", D(2026, 5, 11))
    transitions.reply(r, user=u, outcome="5.3", on=D(2026, 5, 15), published_where="县档案馆、县图书馆可查阅", reasons="")

    # Open requests, dated back from today so the states hold whenever the demo is loaded.
    r = _register(context, "DEMO-13", "zhang", "杨和镇2026年道路硬化工程验收报告", _wd(today, -30))  # overdue
    r = _register(context, "DEMO-14", "trade", "望洪镇工业园区规划调整批复", _wd(today, -35))
    transitions.request_correction(r, user=u, items="请提供批复的大致时间或文号。", on=_wd(today, -33))
    transitions.receive_correction(r, user=u, on=_wd(today, -25))  # overdue after restart
    r = _register(context, "DEMO-15", "li", "县人民医院2026年医疗设备采购结果", _wd(today, -18))  # due soon
    proposal = duties.receive_proactive_proposal(  # 第44条: an applicant proposes proactive disclosure
        r, user=u, on=_wd(today, -17), information="县人民医院年度医疗设备采购结果", grounds="群众普遍关注，建议定期主动公开。"
    )
    duties.decide_proactive_proposal(r, user=u, proposal_id=proposal.pk, on=_wd(today, -12), accept=True, published_url="/zwgk/ylsb/")
    r = _register(context, "DEMO-16", "institute", "永宁县与银川市联合制定的水资源调配方案", _wd(today, -6))
    transitions.start_consultation(r, user=u, kind="co_producer", party="银川市水务局", on=_wd(today, -4), received_on=_wd(today, -3), delivery="post")
    r = _register(context, "DEMO-17", "wang", "关于我家房屋的相关文件", _wd(today, -3), channel=Channel.ORDINARY_LETTER)
    transitions.request_correction(r, user=u, items="请说明所需文件的具体名称及形成机关。", on=_wd(today, -1))
    documents.issue_document(r, DocumentKind.CORRECTION, user=u, issued_on=_wd(today, -1))
    correction = duties.receive_correction_request(  # 第41条: inaccurate information about the applicant
        r, user=u, on=_wd(today, -1), information="房屋登记信息中的建筑面积", inaccuracy="登记为86平方米，与不动产权证书记载的96平方米不符（附证书复印件）。",
        requested_correction="更正为96平方米",
    )
    duties.decide_correction_request(
        r, user=u, correction_id=correction.pk, on=today, outcome="forwarded", competent_agency="永宁县不动产登记中心"
    )
    r = _register(context, "DEMO-18", "law", "2026年全县全部行政处罚决定书（约800件）", _wd(today, -8), pieces=800)
    transitions.request_reasons(r, user=u, on=_wd(today, -6), note="申请数量明显超过合理范围。")
    r = _register(context, "DEMO-19", "institute", "2020—2025年县农业农村局全部项目资金拨付凭证", _wd(today, -10))
    fees.issue_fee_notice(r, user=u, method="page", quantity=120, on=_wd(today, -7), received_on=_wd(today, -5), delivery="post")
    # Online, today: 待确认 until the office confirms receipt with the applicant (第31条).
    r = _register(context, "DEMO-20", "zhang", "杨和镇2026年高标准农田建设项目公示材料", today, confirm=False, channel=Channel.ONLINE, accessible=True)
    documents.issue_document(r, DocumentKind.RECEIPT, user=u, issued_on=today)
    context.log(
        "foia: %d demo requests (%s)"
        % (
            DisclosureRequest.objects.filter(external_reference__startswith="DEMO-").count(),
            ", ".join(sorted({str(Status(s).label) for s in DisclosureRequest.objects.values_list("status", flat=True)})),
        )
    )
    _annual_report(context)


DEMO_REPORT_YEAR = 2025


def _annual_report(context) -> None:
    """The county's figures for 2025 (table 二's entries, one reconsideration
    case) and the draft of its 2025 annual report page under 政务公开."""
    from .models import AnnualReportFigures, AnnualReportPage, RemedyCase
    from .report_pages import generate_report_page

    county = context.agencies["county"]
    AnnualReportFigures.objects.get_or_create(
        agency=county,
        year=DEMO_REPORT_YEAR,
        defaults={"licensing_decisions": 356, "penalty_decisions": 48, "coercion_decisions": 5, "fee_amount": "12.6"},
    )
    withheld = DisclosureRequest.objects.filter(external_reference="DEMO-03").first()
    if withheld is not None and not RemedyCase.objects.filter(request=withheld).exists():
        RemedyCase.objects.create(
            request=withheld, kind="reconsideration", case_number="永政复〔2025〕7号",
            filed_on=D(2025, 7, 15), outcome="upheld", decided_on=D(2025, 9, 10),
        )
    if AnnualReportPage.objects.filter(agency=county, year=DEMO_REPORT_YEAR).exists():
        return
    page = generate_report_page(DEMO_REPORT_YEAR, county, parent=context.openness_index)
    page.problems = "一是依申请公开答复文书的规范性有待进一步提高；二是乡镇政务公开专职人员不足。下一步将加强业务培训，规范答复文书。"
    page.other_matters = "本年度未收取政府信息公开信息处理费。"
    page.save_revision()
    context.log(f"foia: draft annual report {DEMO_REPORT_YEAR} ({page.url_path})")
