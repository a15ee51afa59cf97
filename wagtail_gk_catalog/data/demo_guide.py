"""Items of the demo regional guide, after the structure of published county
catalogs (基层政务公开标准目录) of the pilot domains.

Each row: domain code, 一级事项, 二级事项, 公开内容（要素）, 公开依据, 公开时限
(wording as printed), 公开主体, channels ("必选|可选" in letter codes, see
``CHANNEL_LETTERS``), 公开对象, 公开方式, 公开层级.
"""

CHANNEL_LETTERS = {
    "W": "website", "G": "gazette", "N": "new_media", "P": "press", "B": "broadcast", "R": "print",
    "Q": "reading_room", "C": "service_center", "S": "service_station", "D": "door_to_door",
    "V": "notice_board", "T": "push", "O": "other",
}

T20 = "信息形成或者变更之日起20个工作日内"

GUIDE_ITEMS = [
    # 社会救助
    ("social-assistance", "最低生活保障", "政策法规文件", "最低生活保障相关法律法规、规章和规范性文件",
     "《社会救助暂行办法》《中华人民共和国政府信息公开条例》", T20, "县级民政部门", "W|GNQCSV", "public", "proactive", "county_township"),
    ("social-assistance", "最低生活保障", "办事指南", "申请条件、申请材料、办理流程、办理时限、咨询电话、监督举报电话",
     "《社会救助暂行办法》《最低生活保障审核确认办法》", T20, "县级民政部门、乡镇人民政府", "WC|NSV", "public", "proactive", "county_township"),
    ("social-assistance", "最低生活保障", "审核", "初审对象名单及相关信息",
     "《最低生活保障审核确认办法》", "制定或获取信息之日起10个工作日内，公示7个工作日", "乡镇人民政府", "V|W", "public", "proactive", "township"),
    ("social-assistance", "最低生活保障", "审批", "审批对象名单及相关信息（姓名、保障人数、保障金额）",
     "《最低生活保障审核确认办法》", T20, "县级民政部门", "WV|N", "public", "proactive", "county"),
    ("social-assistance", "特困人员救助供养", "办事指南", "救助供养条件、申请材料、办理流程、办理时限、供养形式和标准",
     "《社会救助暂行办法》《特困人员认定办法》", T20, "县级民政部门、乡镇人民政府", "WC|SV", "public", "proactive", "county_township"),
    ("social-assistance", "特困人员救助供养", "审核", "初审对象名单及相关信息",
     "《特困人员认定办法》", "制定或获取信息之日起10个工作日内，公示7个工作日", "乡镇人民政府", "V|W", "public", "proactive", "township"),
    ("social-assistance", "临时救助", "救助结果", "救助对象姓名、救助事由、救助金额",
     "《社会救助暂行办法》《国务院关于全面建立临时救助制度的通知》", T20, "县级民政部门", "W|V", "public", "proactive", "county"),
    ("social-assistance", "监督渠道", "监督举报", "社会救助服务热线、监督举报电话、投诉受理渠道",
     "《社会救助暂行办法》", "长期公开（动态调整）", "县级民政部门", "W|CSV", "public", "proactive", "county_township"),
    # 涉农补贴
    ("farm-subsidies", "农业生产发展资金", "耕地地力保护补贴",
     "政策依据；申请指南（补贴对象、范围、标准、申请程序、申请材料、咨询电话、受理单位、办理时限、联系方式）；补贴结果；监督渠道",
     "《农业相关转移支付资金管理办法》", T20, "县级农业农村部门", "W|NV", "public", "proactive", "county"),
    ("farm-subsidies", "农业生产发展资金", "农机购置补贴",
     "政策依据；补贴机具种类范围和补贴额一览表；申请指南；补贴资金使用情况；监督渠道",
     "《农业机械购置补贴实施指导意见》", T20, "县级农业农村部门", "W|NC", "public", "proactive", "county"),
    ("farm-subsidies", "农业生产发展资金", "耕地地力保护补贴发放", "补贴对象姓名、补贴面积、补贴标准、补贴金额",
     "《农业相关转移支付资金管理办法》", "信息形成之日起10个工作日内，公示7天", "乡镇人民政府", "VW|", "public", "proactive", "township_village"),
    ("farm-subsidies", "农业资源及生态保护补助资金", "草原生态保护补助奖励",
     "政策依据；补助奖励标准；发放对象及金额；监督渠道", "《农业相关转移支付资金管理办法》", T20, "县级农业农村部门、县级林草部门", "WV|", "public", "proactive", "county"),
    ("farm-subsidies", "林业改革发展资金", "森林生态效益补偿",
     "政策依据；补偿范围和标准；补偿对象及金额", "《林业改革发展资金管理办法》", T20, "县级林草部门", "W|V", "public", "proactive", "county"),
    # 财政预决算
    ("budget", "政府预算", "一般公共预算", "本级政府预算报告、一般公共预算收支表、转移支付表、预算调整情况说明",
     "《中华人民共和国预算法》《中华人民共和国预算法实施条例》", "本级人民代表大会或其常务委员会批准后20日内", "县级财政部门", "W|GR", "public", "proactive", "county"),
    ("budget", "政府决算", "一般公共预算决算", "本级政府决算报告、决算收支表",
     "《中华人民共和国预算法》", "本级人民代表大会常务委员会批准后20日内", "县级财政部门", "W|G", "public", "proactive", "county"),
    ("budget", "部门预算", "部门预算公开", "部门预算说明、收支总表、“三公”经费预算",
     "《中华人民共和国预算法》", "本级财政部门批复后20日内", "县级各部门", "W|", "public", "proactive", "county"),
    ("budget", "部门决算", "部门决算公开", "部门决算说明、收支总表、“三公”经费决算",
     "《中华人民共和国预算法》", "本级财政部门批复后20日内", "县级各部门", "W|", "public", "proactive", "county"),
    ("budget", "乡镇预决算", "乡镇预算和决算", "乡镇预算、决算及“三公”经费情况",
     "《中华人民共和国预算法》", "乡镇人民代表大会批准后20日内", "乡镇人民政府", "WV|", "public", "proactive", "township"),
    # 征地补偿
    ("land-acquisition", "征地政策", "征地补偿标准", "区片综合地价、地上附着物和青苗补偿标准、社会保障政策",
     "《中华人民共和国土地管理法》《中华人民共和国土地管理法实施条例》", T20, "县级自然资源部门", "W|GV", "public", "proactive", "county"),
    ("land-acquisition", "征收土地预公告", "拟征收土地预公告", "征收范围、土地现状、征收目的、开展土地现状调查的安排",
     "《中华人民共和国土地管理法实施条例》第二十六条", "预公告时间不少于10个工作日", "县级人民政府", "VW|", "public", "proactive", "county"),
    ("land-acquisition", "征地补偿安置方案", "征地补偿安置方案公告", "征收范围、土地现状、征收目的、补偿方式和标准、安置对象、安置方式、社会保障",
     "《中华人民共和国土地管理法》第四十七条", "方案拟定后10个工作日内，公告不少于30日", "县级人民政府", "VW|P", "public", "proactive", "county"),
    ("land-acquisition", "征收土地公告", "征收土地公告", "批准机关、批准文号、批准时间、征收范围和面积、补偿安置标准、救济途径",
     "《中华人民共和国土地管理法实施条例》第三十一条", "收到征地批准文件之日起15个工作日内", "县级人民政府", "WV|", "public", "proactive", "county"),
    ("land-acquisition", "征地补偿费用", "补偿费用发放", "被征地农户补偿费用发放情况",
     "《中华人民共和国土地管理法》", T20, "乡镇人民政府", "V|W", "specific", "proactive", "township_village"),
    # 保障性住房
    ("affordable-housing", "规划计划", "年度建设计划", "保障性住房年度建设计划、项目名称、建设地址、建设套数",
     "《国务院关于加快发展保障性租赁住房的意见》", T20, "县级住房城乡建设部门", "W|G", "public", "proactive", "county"),
    ("affordable-housing", "申请审核", "公租房申请审核", "申请条件、申请材料、审核程序、初审结果",
     "《公共租赁住房管理办法》", "制定或获取信息之日起10个工作日内，公示7个工作日", "县级住房城乡建设部门、乡镇人民政府", "WC|V", "public", "proactive", "county_township"),
    ("affordable-housing", "分配管理", "公租房分配结果", "分配对象、房源位置、分配结果",
     "《公共租赁住房管理办法》", T20, "县级住房城乡建设部门", "W|V", "public", "proactive", "county"),
    ("affordable-housing", "退出管理", "退出情况", "退出对象、退出原因", "《公共租赁住房管理办法》", T20, "县级住房城乡建设部门", "W|", "public", "proactive", "county"),
    # 农村危房改造
    ("rural-housing-renovation", "政策文件", "补助标准和对象认定", "农村危房改造政策、补助对象认定条件、补助标准",
     "《农村危房改造补助资金管理办法》", T20, "县级住房城乡建设部门", "W|NV", "public", "proactive", "county"),
    ("rural-housing-renovation", "申请审核", "改造对象审核", "申请农户名单、房屋危险性鉴定结果、审核结果",
     "《农村危房改造补助资金管理办法》", "信息形成之日起10个工作日内，公示7天", "乡镇人民政府", "V|W", "public", "proactive", "township_village"),
    ("rural-housing-renovation", "补助资金", "补助资金发放", "改造农户姓名、改造方式、补助金额、发放时间",
     "《农村危房改造补助资金管理办法》", T20, "县级住房城乡建设部门、乡镇人民政府", "WV|", "public", "proactive", "county_township"),
    ("rural-housing-renovation", "竣工验收", "验收结果", "竣工验收结果、未通过验收整改情况",
     "《农村危房改造补助资金管理办法》", T20, "县级住房城乡建设部门", "W|V", "public", "proactive", "county"),
    ("rural-housing-renovation", "办事指南", "申请指南", "申请条件、申请材料、办理流程、咨询电话",
     "《农村危房改造补助资金管理办法》", "实时公开", "乡镇人民政府", "WS|V", "public", "proactive", "township"),
]
