"""Demo content of the policy library for ``manage.py gk_demo`` (order 10).

A 政策库 under the home page with county departments as 发文机关, 33
policies across the seed's topics (征地补偿, 安置, 保障性住房, 农村危房改造,
扶贫/乡村振兴, 涉农补贴, 社会救助, plus budget openness and enterprise
support), an interpretation for each policy in force, some repealed or
expired policies pointing at what replaced them, topic collections,
audience tags, packages and two subscriptions. Idempotent: pages are found
by slug, other rows by natural keys.
"""

from __future__ import annotations

import datetime

from wagtail_gk.models import Agency, AgencyLevel, TopicCategory, Validity

DEPARTMENTS = [
    # key, name, short name, code
    ("finance", "永宁县财政局", "县财政局", "640121011"),
    ("housing", "永宁县住房和城乡建设局", "县住建局", "640121012"),
    ("land", "永宁县自然资源局", "县自然资源局", "640121013"),
    ("agri", "永宁县农业农村局", "县农业农村局", "640121014"),
    ("civil", "永宁县民政局", "县民政局", "640121015"),
    ("hrss", "永宁县人力资源和社会保障局", "县人社局", "640121016"),
]

TAGS = [
    ("group", "农户"),
    ("group", "低保户"),
    ("group", "脱贫户"),
    ("group", "被征地农民"),
    ("group", "特困人员"),
    ("group", "住房困难家庭"),
    ("industry", "种植业"),
    ("industry", "养殖业"),
    ("industry", "制造业"),
    ("industry", "商贸服务业"),
    ("size", "小微企业"),
    ("size", "个体工商户"),
    ("region", "杨和镇"),
    ("region", "望洪镇"),
    ("stage", "初创期"),
]

# slug, title, 发文字号, kind, agency key, (topic, subtopic), release date,
# tags, summary, validity, (changed on, replaced-by slug)
POLICIES = [
    ("zdbc-qdzhdj-2024", "永宁县人民政府关于调整集体土地征收区片综合地价标准的通知", "永政发〔2024〕12号", "notice", "county", ("城乡建设、环境保护", "征地补偿"), "2024-03-15", ["被征地农民", "农户"],
     "自2024年4月1日起，全县集体土地征收区片综合地价按一类区每亩6.2万元、二类区每亩5.6万元、三类区每亩4.9万元执行，其中土地补偿费占40%、安置补助费占60%。", Validity.VALID, None),
    ("zdbc-bcazbf-2021", "永宁县集体土地征收补偿安置办法", "永政发〔2021〕8号", "regulation", "county", ("城乡建设、环境保护", "征地补偿"), "2021-05-20", ["被征地农民", "农户"],
     "规范集体土地征收的补偿标准、安置方式、补偿款支付程序和被征地农民社会保障，明确征收前的风险评估、公告和听证程序。", Validity.REPEALED, ("2024-06-01", "zdbc-bcazbf-2024")),
    ("zdbc-bcazbf-2024", "永宁县集体土地征收补偿安置办法（2024年修订）", "永政发〔2024〕21号", "regulation", "county", ("城乡建设、环境保护", "征地补偿"), "2024-06-01", ["被征地农民", "农户"],
     "按照新的区片综合地价标准修订补偿安置办法，补偿款在征收补偿安置协议签订后三个月内足额支付到户，被征地农民纳入养老保险体系。", Validity.VALID, None),
    ("zdbc-qmfzw-2025", "关于做好征地青苗及地上附着物补偿工作的通知", "永自然资发〔2025〕5号", "notice", "land", ("城乡建设、环境保护", "征地补偿"), "2025-04-08", ["被征地农民", "农户", "种植业"],
     "明确青苗补偿按当季作物产值计算，地上附着物按重置价格结合成新率评估，补偿清单在村务公开栏公示不少于五个工作日。", Validity.VALID, None),
    ("az-bzdnmsb-2023", "永宁县被征地农民社会保障实施办法", "永政办发〔2023〕30号", "regulation", "hrss", ("劳动、人事、监察", "社会保险"), "2023-09-12", ["被征地农民"],
     "被征地农民可按规定参加城乡居民基本养老保险或职工基本养老保险，政府按人均标准给予缴费补贴，补贴资金从土地出让收入中列支。", Validity.VALID, None),
    ("az-ydbqhxfc-2025", "杨和镇易地搬迁安置点后续扶持工作方案", "杨政发〔2025〕4号", "notice", "township_a", ("民政、扶贫、救灾", "社区建设"), "2025-02-26", ["脱贫户", "杨和镇"],
     "围绕安置点就业帮扶、产业配套、社区治理和公共服务四个方面，提出二十项后续扶持措施，确保搬迁群众稳得住、有就业、逐步能致富。", Validity.VALID, None),
    ("bzf-gzfgl-2022", "永宁县公共租赁住房管理实施细则", "永政办发〔2022〕15号", "regulation", "housing", ("城乡建设、环境保护", "保障性住房"), "2022-07-18", ["住房困难家庭", "低保户"],
     "规定公共租赁住房的申请条件、审核程序、轮候配租、租金标准、退出管理，低保家庭租金按市场租金的10%收取。", Validity.VALID, None),
    ("bzf-bzxzl-2025", "永宁县保障性租赁住房项目认定办法", "永政办发〔2025〕9号", "regulation", "housing", ("城乡建设、环境保护", "保障性住房"), "2025-05-06", ["住房困难家庭"],
     "明确保障性租赁住房项目的认定条件、申报材料和联合审查程序，认定后的项目享受税费减免和民用水电气价格。", Validity.VALID, None),
    ("bzf-zlbtff-2025", "关于2025年度公租房租赁补贴发放工作的通告", "永住建通〔2025〕2号", "public_notice", "housing", ("城乡建设、环境保护", "保障性住房"), "2025-03-03", ["住房困难家庭", "低保户"],
     "2025年度租赁补贴按季度发放，城镇低保家庭每人每月补贴120元，申请人须于3月31日前到社区提交年度复核材料。", Validity.VALID, None),
    ("bzf-zlbt-2019", "永宁县城镇住房保障家庭租赁补贴办法（试行）", "永政办发〔2019〕22号", "regulation", "housing", ("城乡建设、环境保护", "保障性住房"), "2019-08-01", ["住房困难家庭"],
     "试行城镇住房保障家庭租赁补贴制度，有效期至2024年12月31日。", Validity.EXPIRED, ("2024-12-31", "bzf-gzfgl-2022")),
    ("wfgz-ssfa-2025", "永宁县2025年农村危房改造实施方案", "永住建发〔2025〕7号", "notice", "housing", ("城乡建设、环境保护", "城乡建设（含住房）"), "2025-03-20", ["农户", "低保户", "脱贫户"],
     "2025年计划改造农村危房320户，重点保障农村低保户、分散供养特困人员、防止返贫监测对象等六类对象，C级危房户均补助1.5万元、D级户均补助3.8万元。", Validity.VALID, None),
    ("wfgz-zfaqbz-2024", "关于做好农村低收入群体等重点对象住房安全保障工作的实施意见", "永政办发〔2024〕18号", "opinion", "county", ("城乡建设、环境保护", "城乡建设（含住房）"), "2024-05-10", ["低保户", "脱贫户", "特困人员"],
     "建立农村低收入群体住房安全动态监测机制，对新增危房做到发现一户、鉴定一户、改造一户，确保重点对象住房安全有保障。", Validity.VALID, None),
    ("wfgz-ssfa-2023", "永宁县2023年农村危房改造实施方案", "永住建发〔2023〕6号", "notice", "housing", ("城乡建设、环境保护", "城乡建设（含住房）"), "2023-03-22", ["农户", "低保户"],
     "2023年度农村危房改造任务、补助标准和验收要求。", Validity.EXPIRED, ("2024-03-31", "wfgz-ssfa-2025")),
    ("wfgz-dxrdgs-2025", "望洪镇农村危房改造对象认定公示办法", "望政发〔2025〕3号", "notice", "township_b", ("城乡建设、环境保护", "城乡建设（含住房）"), "2025-04-15", ["农户", "望洪镇"],
     "危房改造对象按农户申请、村级评议公示、镇级审核、县级审批的程序认定，评议结果在村务公开栏和本站同步公示七日。", Validity.VALID, None),
    ("xczx-sshjfa-2024", "永宁县巩固拓展脱贫攻坚成果同乡村振兴有效衔接实施方案", "永党办发〔2024〕9号", "notice", "county", ("农业、林业、水利", "扶贫"), "2024-02-28", ["脱贫户", "农户"],
     "保持主要帮扶政策总体稳定，健全防止返贫动态监测和帮扶机制，发展壮大特色产业，促进脱贫人口稳定就业。", Validity.VALID, None),
    ("xczx-ffpjc-2024", "永宁县防止返贫动态监测和帮扶工作办法", "永乡振发〔2024〕3号", "regulation", "agri", ("农业、林业、水利", "扶贫"), "2024-04-02", ["脱贫户", "农户", "低保户"],
     "明确防止返贫监测对象的识别标准、监测程序和帮扶措施，农户可通过村委会、本站或服务热线自主申报。", Validity.VALID, None),
    ("xczx-fpzjgl-2020", "永宁县扶贫项目资金管理办法", "永财发〔2020〕11号", "regulation", "finance", ("农业、林业、水利", "扶贫"), "2020-06-15", ["脱贫户"],
     "规范扶贫项目资金的分配、使用、公告公示和监督检查。", Validity.REPEALED, ("2023-12-20", "xczx-xjzjgl-2023")),
    ("xczx-xjzjgl-2023", "永宁县衔接推进乡村振兴补助资金管理办法", "永财发〔2023〕26号", "regulation", "finance", ("农业、林业、水利", "扶贫"), "2023-12-20", ["脱贫户", "农户"],
     "衔接资金重点支持联农带农富农产业发展，项目资金使用情况在县、乡、村三级公告公示，接受群众监督。", Validity.VALID, None),
    ("xczx-jtjj-2025", "杨和镇2025年村集体经济发展项目实施方案", "杨政发〔2025〕9号", "notice", "township_a", ("农业、林业、水利", "农业、农村"), "2025-05-19", ["农户", "杨和镇", "养殖业"],
     "红星村、王太村实施肉牛托养和设施温棚项目，村集体收益的30%用于公益事业和困难群众帮扶。", Validity.VALID, None),
    ("snbt-gddl-2025", "永宁县2025年耕地地力保护补贴实施方案", "永农发〔2025〕4号", "notice", "agri", ("农业、林业、水利", "涉农补贴"), "2025-03-28", ["农户", "种植业"],
     "2025年耕地地力保护补贴标准为每亩105元，补贴对象为拥有耕地承包权的种地农民，资金通过惠民惠农“一卡通”发放。", Validity.VALID, None),
    ("snbt-njgz-2024", "永宁县农机购置与应用补贴实施方案（2024—2026年）", "永农发〔2024〕6号", "notice", "agri", ("农业、林业、水利", "涉农补贴"), "2024-04-16", ["农户", "种植业", "养殖业"],
     "实行自主购机、定额补贴、先购后补、县级结算、直补到卡，补贴机具目录和补贴额一览表在本站公开。", Validity.VALID, None),
    ("snbt-yktgl-2023", "关于规范惠民惠农财政补贴资金“一卡通”管理的通知", "永财发〔2023〕14号", "notice", "finance", ("财政、金融、审计", "财政"), "2023-06-30", ["农户", "低保户"],
     "所有惠民惠农补贴资金原则上通过“一卡通”发放，补贴政策清单、发放结果在本站和村务公开栏公开，严禁代领代管群众补贴卡。", Validity.VALID, None),
    ("snbt-rnyt-2025", "永宁县2025年肉牛滩羊产业高质量发展扶持政策", "永政办发〔2025〕12号", "notice", "agri", ("农业、林业、水利", "涉农补贴"), "2025-04-22", ["农户", "养殖业", "小微企业"],
     "对新购进基础母牛每头补贴3000元，对标准化养殖场棚圈改造按投资额的30%给予补助，单个主体最高20万元。", Validity.VALID, None),
    ("snbt-gddl-2022", "永宁县2022年耕地地力保护补贴实施方案", "永农发〔2022〕3号", "notice", "agri", ("农业、林业、水利", "涉农补贴"), "2022-04-01", ["农户", "种植业"],
     "2022年度耕地地力保护补贴标准和发放程序。", Validity.EXPIRED, ("2023-03-31", "snbt-gddl-2025")),
    ("shjz-dbshqr-2024", "永宁县最低生活保障审核确认办法", "永民发〔2024〕7号", "regulation", "civil", ("民政、扶贫、救灾", "社会救助"), "2024-01-25", ["低保户"],
     "低保审核确认权限下放至乡镇人民政府，申请人可在户籍所在地或经常居住地申请，审核确认时限为30个工作日。", Validity.VALID, None),
    ("shjz-tkgy-2023", "永宁县特困人员救助供养实施办法", "永民发〔2023〕12号", "regulation", "civil", ("民政、扶贫、救灾", "社会救助"), "2023-08-08", ["特困人员"],
     "特困人员基本生活标准不低于当地低保标准的1.3倍，照料护理标准按失能程度分三档确定。", Validity.VALID, None),
    ("shjz-lsjz-2024", "永宁县临时救助实施细则", "永民发〔2024〕15号", "regulation", "civil", ("民政、扶贫、救灾", "社会救助"), "2024-07-03", ["低保户", "农户"],
     "对遭遇突发事件、意外伤害、重大疾病等导致基本生活陷入困境的家庭给予临时救助，救助金额一般不超过当地低保标准的12倍。", Validity.VALID, None),
    ("shjz-tgbz-2025", "关于提高城乡低保和特困人员救助供养标准的通知", "永民发〔2025〕3号", "notice", "civil", ("民政、扶贫、救灾", "社会救助"), "2025-01-10", ["低保户", "特困人员"],
     "自2025年1月起，城市低保标准提高到每人每月780元，农村低保标准提高到每人每年6600元。", Validity.VALID, None),
    ("shjz-yljz-2022", "永宁县医疗救助实施办法", "永医保发〔2022〕5号", "regulation", "civil", ("民政、扶贫、救灾", "社会救助"), "2022-10-17", ["低保户", "特困人员", "脱贫户"],
     "特困人员、低保对象、返贫致贫人口参加居民医保的个人缴费分别给予全额、定额资助，住院费用经基本医保和大病保险报销后按比例救助。", Validity.AMENDED, ("2025-03-01", "shjz-tgbz-2025")),
    ("cz-yscgk-2025", "关于做好2025年县级财政预算公开工作的通知", "永财发〔2025〕2号", "notice", "finance", ("财政、金融、审计", "财政"), "2025-01-20", [],
     "各部门应在预算批复后20日内公开部门预算，做到财政预算公开、部门预算公开和“三公”经费公开全覆盖，公开内容细化到功能分类项级科目。", Validity.VALID, None),
    ("qy-xwqy-2025", "永宁县支持小微企业和个体工商户发展的若干措施", "永政发〔2025〕6号", "opinion", "county", ("商贸、海关、旅游", "商业"), "2025-03-05", ["小微企业", "个体工商户", "商贸服务业", "制造业", "初创期"],
     "从减税降费、融资支持、稳岗扩岗、优化营商环境四个方面提出十六条措施，对首次升规的小微企业一次性奖励5万元。", Validity.VALID, None),
    ("qy-cydb-2024", "永宁县创业担保贷款实施办法", "永人社发〔2024〕8号", "regulation", "hrss", ("劳动、人事、监察", "就业"), "2024-06-18", ["个体工商户", "小微企业", "初创期"],
     "个人创业担保贷款最高30万元、小微企业最高400万元，财政按规定给予贴息，脱贫人口和返乡创业农民工优先支持。", Validity.VALID, None),
    ("qy-wgbt-2024", "永宁县失业保险稳岗补贴申领办法", "永人社发〔2024〕11号", "regulation", "hrss", ("劳动、人事、监察", "就业"), "2024-08-26", ["小微企业", "制造业"],
     "不裁员或少裁员的参保企业可申领稳岗返还，中小微企业按上年度实际缴纳失业保险费的60%返还，实行免申即享。", Validity.VALID, None),
]

TOPIC_PAGES = [
    ("zdbc", "征地补偿", "集体土地征收的补偿标准、安置办法和程序。", "征地补偿", ["zdbc-qdzhdj-2024", "zdbc-bcazbf-2024", "zdbc-qmfzw-2025", "zdbc-bcazbf-2021"]),
    ("az", "安置", "被征地农民和易地搬迁群众的安置与后续扶持。", None, ["az-bzdnmsb-2023", "az-ydbqhxfc-2025", "zdbc-bcazbf-2024"]),
    ("bzxzf", "保障性住房", "公共租赁住房、保障性租赁住房和租赁补贴。", "保障性住房", []),
    ("wfgz", "农村危房改造", "农村低收入群体住房安全保障。", None, ["wfgz-ssfa-2025", "wfgz-zfaqbz-2024", "wfgz-dxrdgs-2025", "wfgz-ssfa-2023"]),
    ("xczx", "扶贫与乡村振兴", "巩固拓展脱贫攻坚成果同乡村振兴有效衔接。", "扶贫", ["xczx-jtjj-2025"]),
    ("snbt", "涉农补贴", "耕地地力保护、农机购置、产业扶持等惠农补贴。", "涉农补贴", ["snbt-yktgl-2023"]),
    ("shjz", "社会救助", "低保、特困供养、临时救助和医疗救助。", "社会救助", []),
]

PACKAGES = [
    ("nonghu", "农户惠农政策包", "种粮补贴、农机补贴、养殖扶持、危房改造等农户常用政策。", ["农户", "种植业", "养殖业"], []),
    ("dibao", "低保户救助政策包", "低保、临时救助、医疗救助、住房保障等困难群众政策。", ["低保户", "特困人员"], ["wfgz-ssfa-2025"]),
    ("xiaowei", "小微企业政策包", "减税降费、融资、稳岗和创业扶持政策。", ["小微企业", "个体工商户"], []),
]

QA = {
    "征地补偿": [("补偿款多长时间能到账？", "征收补偿安置协议签订后三个月内足额支付到被征地农户的银行账户。"),
                 ("对补偿标准有异议怎么办？", "可在征地补偿安置方案公告期内向县自然资源局提出，也可依法申请听证。")],
    "社会救助": [("在哪里申请？", "向户籍所在地或经常居住地的乡镇人民政府（街道办事处）提出申请，也可由村（居）委会代为提出。"),
                 ("多久能办好？", "乡镇人民政府自受理之日起30个工作日内作出审核确认决定。")],
    "涉农补贴": [("补贴怎么发？", "通过惠民惠农财政补贴资金“一卡通”直接发放到农户账户。"),
                 ("在哪里查发放结果？", "发放结果在村务公开栏和本站“涉农补贴”专题同步公开，可扫码查阅。")],
}
DEFAULT_QA = [("这项政策适用于哪些对象？", "请见政策原文“适用范围”一节，也可拨打县政务服务中心咨询电话咨询。"),
              ("到哪里办理？", "到县政务服务中心或所在乡镇便民服务中心办理，部分事项可在网上办理。")]


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _departments(county) -> dict:
    departments = {}
    for key, name, short_name, code in DEPARTMENTS:
        departments[key], _created = Agency.objects.update_or_create(
            parent=county, name=name, defaults={"short_name": short_name, "level": AgencyLevel.COUNTY, "code": code}
        )
    return departments


def _topic(first: str, second: str | None):
    parent = TopicCategory.objects.filter(parent__isnull=True, name=first).first()
    if parent is None:
        return None
    if second:
        return TopicCategory.objects.filter(parent=parent, name=second).first() or parent
    return parent


def _publish(page):
    page.save_revision().publish()


def load_policy_demo(context) -> None:
    from .models import (
        PolicyAudienceTag,
        PolicyDocumentPage,
        PolicyInterpretationPage,
        PolicyLibraryIndexPage,
        PolicyPackage,
        PolicySubscription,
        PolicyTopicItem,
        PolicyTopicPage,
    )

    agencies = dict(context.agencies)
    agencies.update(_departments(context.agencies["county"]))
    tags = {}
    for order, (kind, name) in enumerate(TAGS):
        tags[name], _created = PolicyAudienceTag.objects.get_or_create(kind=kind, name=name, defaults={"sort_order": order})

    library = PolicyLibraryIndexPage.objects.child_of(context.home).filter(slug="zck").first()
    if library is None:
        library = context.home.add_child(
            instance=PolicyLibraryIndexPage(
                title="政策库",
                slug="zck",
                show_in_menus=True,
                live=False,
                intro="<p>集中公开本县征地补偿、安置、保障性住房、农村危房改造、乡村振兴、涉农补贴、社会救助等政策文件及其解读，可按发文机关、年份、主题分类、公文种类和有效性筛选，扫码即可查阅。</p>",
            )
        )
        _publish(library)

    pages = {}
    for slug, title, number, kind, agency_key, (first, second), released, tag_names, summary, validity, _change in POLICIES:
        page = PolicyDocumentPage.objects.filter(slug=slug).first()
        if page is None:
            topic = _topic(first, second)
            release = _date(released)
            page = library.add_child(
                instance=PolicyDocumentPage(
                    title=title,
                    slug=slug,
                    document_number=number,
                    document_kind=kind,
                    summary=summary,
                    body=[
                        ("heading", "一、总体要求"),
                        ("paragraph", f"<p>{summary}</p>"),
                        ("heading", "二、组织实施"),
                        ("paragraph", "<p>各乡镇人民政府、县直各有关部门要加强组织领导，明确责任分工，按规定做好政策宣传解读和信息公开，及时回应群众关切。</p>"),
                        ("heading", "三、其他"),
                        ("paragraph", "<p>本文件自印发之日起施行，由发文机关负责解释。</p>"),
                    ],
                    publishing_agency=agencies[agency_key],
                    topic=topic,
                    written_on=release - datetime.timedelta(days=5),
                    release_date=release,
                    keywords=" ".join(t for t in (second, first.split("、")[0]) if t),
                    needs_interpretation=validity == Validity.VALID,
                    live=False,
                )
            )
            page.audience_tags.set([tags[name] for name in tag_names])
            page.save()
            page.save_revision()  # a draft: its interpretation goes live first (同步解读)
        pages[slug] = page

    for slug, page in pages.items():
        if PolicyInterpretationPage.objects.filter(policy=page).exists() or page.validity != Validity.VALID:
            continue
        spec = next(p for p in POLICIES if p[0] == slug)
        topic_key = spec[5][1]
        qa = QA.get(topic_key, DEFAULT_QA)
        interpretation = library.add_child(
            instance=PolicyInterpretationPage(
                title=f"《{page.title}》政策解读",
                live=False,
                slug=f"jd-{slug}",
                policy=page,
                interpretation_form="qa",
                interpreter=page.publishing_agency.name if page.publishing_agency_id else "",
                summary=f"{page.publishing_agency.short_name or page.publishing_agency.name}就{page.title}的出台背景、主要内容和办理方式作出解读。",
                body=[
                    ("text", f"<p><b>出台背景：</b>为贯彻落实上级有关部署，结合本县实际，制定本文件。</p><p><b>主要内容：</b>{spec[8]}</p>"),
                    ("qa", [{"question": q, "answer": f"<p>{a}</p>"} for q, a in qa]),
                ],
            )
        )
        _publish(interpretation)

    for page in pages.values():
        if not page.live:
            page.get_latest_revision().publish()

    # Validity changes need the replacing document to exist: set them last.
    for slug, *_rest, validity, change in POLICIES:
        if change is None:
            continue
        page = PolicyDocumentPage.objects.get(slug=slug)
        if page.validity == validity and page.validity_changed_by_id:
            continue
        changed_on, by_slug = change
        page.validity = validity
        page.validity_changed_on = _date(changed_on)
        page.validity_changed_by = PolicyDocumentPage.objects.get(slug=by_slug)
        _publish(page)

    for slug, title, intro, topic_name, chosen in TOPIC_PAGES:
        topic_page = PolicyTopicPage.objects.filter(slug=f"zt-{slug}").first()
        if topic_page is None:
            topic = TopicCategory.objects.filter(parent__isnull=False, name=topic_name).first() if topic_name else None
            topic_page = library.add_child(instance=PolicyTopicPage(title=title, slug=f"zt-{slug}", intro=f"<p>{intro}</p>", topic=topic, live=False))
            for order, policy_slug in enumerate(chosen):
                PolicyTopicItem.objects.create(page=topic_page, policy=pages[policy_slug], sort_order=order)
            _publish(PolicyTopicPage.objects.get(pk=topic_page.pk))

    packages = {}
    for slug, name, description, tag_names, chosen in PACKAGES:
        package, created = PolicyPackage.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
        if created:
            package.target_tags.set([tags[n] for n in tag_names])
            package.policies.set([pages[s] for s in chosen])
        packages[slug] = package

    if not PolicySubscription.objects.filter(name="永宁县塞上牧歌养殖专业合作社").exists():
        subscription = PolicySubscription.objects.create(name="永宁县塞上牧歌养殖专业合作社", email="hezuoshe@example.com", package=packages["nonghu"])
        subscription.tags.set([tags["养殖业"], tags["小微企业"], tags["杨和镇"]])
    if not PolicySubscription.objects.filter(name="望洪镇农丰村低保户李某").exists():
        subscription = PolicySubscription.objects.create(name="望洪镇农丰村低保户李某", phone="13800000000", package=packages["dibao"])
        subscription.tags.set([tags["低保户"], tags["望洪镇"]])

    context.log(f"Policy library: {PolicyDocumentPage.objects.live().count()} policies, "
                f"{PolicyInterpretationPage.objects.live().count()} interpretations, {len(TOPIC_PAGES)} topics")
