"""The wording shipped for every standard document; an office edits its own
copy in the admin (文书模板). Placeholders are listed in ``docs/foia.md``."""

from .models.documents import DocumentKind as K

REPLY_HEAD = "{{ applicant }}：\n\n"
CORRECTION_RECEIVED = (
    "本机关于{{ record_correction_received_on }}收到您（单位）提出的更正政府信息记录的申请（受理编号：{{ tracking_number }}），"
    "要求更正“{{ record_correction_information }}”。"
)
RECEIVED = "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（受理编号：{{ tracking_number }}），申请获取“{{ information }}”。"

DEFAULT_TEMPLATES = {
    K.REGISTRATION_FORM: (
        "",
        "受理编号：{{ tracking_number }}\n申请渠道：{{ channel }}\n收到申请之日：{{ received_on }}\n"
        "申请人类型：{{ applicant_type }}\n申请人：{{ applicant }}\n证件类型及号码：{{ id_type }} {{ id_number }}\n"
        "联系电话：{{ phone }}\n通信地址：{{ address }}\n电子邮箱：{{ email }}\n\n"
        "所需信息名称：{{ information }}\n特征性描述：{{ description }}\n获取信息的方式、途径：{{ delivery }}\n\n"
        "应答复日期：{{ reply_due_on }}\n登记人：{{ officer }}",
        False,
        False,
    ),
    K.RECEIPT: (
        REPLY_HEAD,
        RECEIVED + "\n\n本机关将依照《中华人民共和国政府信息公开条例》的规定，自收到申请之日起20个工作日内予以答复；"
        "需要延长答复期限的，将另行告知。征求第三方或者其他机关意见所需时间不计算在答复期限内。\n\n"
        "您可以凭受理编号和查询码在本网站查询办理进度。请妥善保管查询码，本机关不保存查询码原文。",
        False,
        False,
    ),
    K.CORRECTION: (
        REPLY_HEAD,
        RECEIVED + "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：\n\n"
        "{{ correction_items }}\n\n请于{{ correction_due_on }}前提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        True,
        False,
    ),
    K.REASONS: (
        REPLY_HEAD,
        RECEIVED + "您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
        "请您说明申请理由。{{ note }}",
        True,
        False,
    ),
    K.EXTENSION: (
        REPLY_HEAD,
        RECEIVED + "因{{ extension_reason }}，本机关无法在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，将于{{ reply_due_on }}前作出答复。",
        True,
        False,
    ),
    K.DELAYED_REPLY: (
        REPLY_HEAD,
        RECEIVED + "本机关认为您的申请理由合理，但无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。"
        "根据该条例第三十五条的规定，本机关将于{{ reasonable_due_on }}前作出答复。",
        True,
        False,
    ),
    K.THIRD_PARTY_CONSULTATION: (
        "{{ consultation_party }}：\n\n",
        "本机关收到申请人关于公开“{{ information }}”的政府信息公开申请。该信息公开可能损害您（单位）的合法权益。"
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见，请自收到本征求意见书之日起15个工作日内"
        "{% if consultation_due_on %}（即{{ consultation_due_on }}前）{% endif %}书面提出意见。逾期未提出意见的，本机关将依照条例的规定决定是否公开。",
        True,
        False,
    ),
    K.CONSULTATION_CONFIRMATION: (
        "{{ consultation_party }}：\n\n",
        "本机关已收到您（单位）就“{{ information }}”公开事宜提出的意见，特此确认。{{ note }}",
        True,
        False,
    ),
    K.APPLICANT_CONSULTATION_NOTICE: (
        REPLY_HEAD,
        RECEIVED + "因该信息涉及第三方（或其他机关），本机关已依照《中华人民共和国政府信息公开条例》第三十二条（第三十四条）"
        "的规定书面征求意见。征求意见所需时间不计算在答复期限内。",
        True,
        False,
    ),
    K.THIRD_PARTY_DISCLOSURE_NOTICE: (
        "{{ consultation_party }}：\n\n",
        "本机关认为不公开“{{ information }}”可能对公共利益造成重大影响，根据《中华人民共和国政府信息公开条例》第三十二条的规定，"
        "决定予以公开。决定公开的内容和理由如下：\n\n{{ reasons }}",
        True,
        False,
    ),
    K.CO_PRODUCER_CONSULTATION: (
        "{{ consultation_party }}：\n\n",
        "本机关收到关于公开“{{ information }}”的政府信息公开申请。该信息由本机关与贵机关共同制作，根据《中华人民共和国政府信息公开条例》"
        "第三十四条的规定，现征求贵机关意见，请自收到本征求意见书之日起15个工作日内{% if consultation_due_on %}（即{{ consultation_due_on }}前）{% endif %}提出意见，逾期未提出意见的视为同意公开。",
        True,
        False,
    ),
    K.ASSISTANCE_LETTER: (
        "{{ consultation_party }}：\n\n",
        "本机关收到关于公开“{{ information }}”的政府信息公开申请（受理编号：{{ tracking_number }}）。请贵单位协助提供相关信息或意见，"
        "并于{{ consultation_due_on }}前函复。",
        True,
        False,
    ),
    K.FEE_NOTICE: (
        REPLY_HEAD,
        RECEIVED + "您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第四十二条和"
        "《政府信息公开信息处理费管理办法》的规定，本机关收取信息处理费，计算如下：\n\n"
        "{% for line in fee_lines %}{{ line }}\n{% endfor %}\n应缴金额：{{ fee_amount }}元。请自收到本通知书之次日起20个工作日内缴纳{% if fee_due_on %}（即{{ fee_due_on }}前）{% endif %}。{{ payment_instructions }}"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。缴费期间不计算在答复期限内。",
        True,
        False,
    ),
    K.REPLY_DISCLOSED: (
        REPLY_HEAD,
        RECEIVED + "经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关向您提供该政府信息"
        "{% if provided %}（{% for item in provided %}《{{ item }}》{% if not forloop.last %}、{% endif %}{% endfor %}）{% endif %}。"
        "{% if published_where %}您可以通过以下方式获取：{{ published_where }}。{% endif %}{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_ALREADY_PUBLISHED: (
        REPLY_HEAD,
        RECEIVED + "经查，您申请公开的信息已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，"
        "您可以通过以下方式、途径获取：{{ published_where }}。",
        True,
        True,
    ),
    K.REPLY_PARTIAL: (
        REPLY_HEAD,
        RECEIVED + "经审查，您申请的信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，"
        "本机关向您提供可以公开的内容{% if provided %}（{% for item in provided %}《{{ item }}》{% if not forloop.last %}、{% endif %}{% endfor %}）{% endif %}。"
        "对以下内容不予公开：\n\n{% for part in withheld_parts %}{{ forloop.counter }}. {{ part.description }}：{{ part.ground }}。{{ part.reason }}\n{% endfor %}\n{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_WITHHELD: (
        REPLY_HEAD,
        RECEIVED + "经审查，您申请的信息{{ outcome_short }}。根据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定，"
        "本机关决定不予公开，理由如下：\n\n{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_NOT_EXIST: (
        REPLY_HEAD,
        RECEIVED + "经检索，本机关没有您申请公开的信息。根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，"
        "告知您该政府信息不存在。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_NOT_RESPONSIBLE: (
        REPLY_HEAD,
        RECEIVED + "经审查，您申请公开的信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，"
        "告知如下：{{ reasons }}{% if responsible_agency %}负责公开该信息的行政机关为：{{ responsible_agency }}。{% endif %}",
        True,
        True,
    ),
    K.REPLY_NEEDS_CREATION: (
        REPLY_HEAD,
        RECEIVED + "经审查，本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析或另行制作。根据《中华人民共和国政府信息公开条例》"
        "第三十八条的规定，本机关不予提供。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_STILL_UNCLEAR: (
        REPLY_HEAD,
        RECEIVED + "本机关已于{{ correction_requested_on }}告知您补正。经审查，补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_NOT_A_REQUEST: (
        REPLY_HEAD,
        RECEIVED + "经审查，您的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动。根据《中华人民共和国政府信息公开条例》"
        "第三十九条第一款的规定，本机关不作为政府信息公开申请处理。您可以通过相应渠道提出。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_REPEAT: (
        REPLY_HEAD,
        RECEIVED + "本机关已就您提出的相同政府信息公开申请作出答复。根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，"
        "本机关不予重复处理。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_PUBLICATION: (
        REPLY_HEAD,
        RECEIVED + "您申请的内容为要求提供政府公报、报刊、书籍等公开出版物。根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，"
        "告知您获取途径：{{ published_where }}{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_NOT_HANDLED: (
        REPLY_HEAD,
        RECEIVED + "您申请公开政府信息的数量、频次明显超过合理范围，本机关认为您说明的理由不合理。根据《中华人民共和国政府信息公开条例》"
        "第三十五条的规定，本机关不予处理。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_CONFIRMATION: (
        REPLY_HEAD,
        RECEIVED + "您的申请系要求本机关确认或者重新出具已获取的信息，不属于《中华人民共和国政府信息公开条例》规定的政府信息公开申请，"
        "本机关不予处理。{{ reasons }}",
        True,
        True,
    ),
    K.REPLY_SPECIAL_LAW: (
        REPLY_HEAD,
        RECEIVED + "您申请的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。{{ reasons }}",
        True,
        True,
    ),
    K.ABANDONED_NOTICE: (
        REPLY_HEAD,
        RECEIVED + "本机关已于{{ correction_requested_on }}告知您在{{ correction_due_on }}前补正。您无正当理由逾期未补正，"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
        True,
        True,
    ),
    K.UNPAID_NOTICE: (
        REPLY_HEAD,
        RECEIVED + "本机关已于{{ fee_notice_on }}向您发出收费通知{% if fee_notice_received_on %}，您于{{ fee_notice_received_on }}收到{% endif %}。"
        "您未在收到通知之次日起20个工作日内（{{ fee_due_on }}前）缴纳信息处理费，"
        "视为放弃申请，本机关不再处理该政府信息公开申请。",
        True,
        True,
    ),
    K.WITHDRAWAL_CONFIRMATION: (
        REPLY_HEAD,
        RECEIVED + "您已于{{ concluded_on }}撤回该申请，本机关终止处理。特此确认。",
        True,
        False,
    ),
    K.RECORD_CORRECTED: (
        REPLY_HEAD,
        CORRECTION_RECEIVED + "经审核，您提供的证据能够证明该政府信息记录不准确。根据《中华人民共和国政府信息公开条例》第四十一条的规定，"
        "本机关已予以更正：{{ record_correction_made }}",
        True,
        False,
    ),
    K.RECORD_NOT_CORRECTED: (
        REPLY_HEAD,
        CORRECTION_RECEIVED + "经审核，{{ record_correction_reasons }}根据《中华人民共和国政府信息公开条例》第四十一条的规定，本机关决定不予更正。",
        True,
        True,
    ),
    K.RECORD_CORRECTION_FORWARDED: (
        REPLY_HEAD,
        CORRECTION_RECEIVED + "经审核，更正该政府信息记录不属于本机关职能范围。根据《中华人民共和国政府信息公开条例》第四十一条的规定，"
        "本机关已将您的更正申请转送{{ record_correction_agency }}处理，请与其联系。",
        True,
        False,
    ),
    K.PROACTIVE_PROPOSAL_REPLY: (
        REPLY_HEAD,
        "本机关于{{ proposal_received_on }}收到您（单位）关于将“{{ proposal_information }}”纳入主动公开范围的建议。"
        "根据《中华人民共和国政府信息公开条例》第四十四条的规定，经审核，"
        "{% if proposal_accepted %}本机关同意您的建议，已于{{ proposal_decided_on }}主动公开，您可以通过以下途径获取：{{ proposal_url }}。"
        "{% else %}本机关决定暂不将该信息纳入主动公开范围，理由如下：{{ proposal_reasons }}{% endif %}",
        True,
        False,
    ),
}


def default_template(kind) -> dict:
    addressee, body, numbered, show_remedy = DEFAULT_TEMPLATES[kind]
    return {
        "title": str(K(kind).label),
        "addressee": addressee.strip(),
        "body": body,
        "numbered": numbered,
        "show_remedy": show_remedy,
    }
