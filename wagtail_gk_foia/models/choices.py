"""The vocabularies of a disclosure request: applicant types, channels, states
and the outcome leaves of table 3 of the annual report (国办公开办函〔2021〕30号).

Choice values are stable ASCII codes; labels are the regulations' Chinese terms.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """The columns of table 3: one natural-person column and five organisation ones."""

    NATURAL_PERSON = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


ORGANISATION_TYPES = [t for t in ApplicantType if t != ApplicantType.NATURAL_PERSON]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    RESIDENCE_PERMIT = "residence_permit", _("港澳台居民居住证")
    OTHER = "other", _("其他有效身份证件")


class Channel(models.TextChoices):
    """How the application arrived; decides the receipt date rule of 第31条."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    ORAL = "oral", _("口头提出（工作人员代为填写）")
    REGISTERED_POST = "registered_post", _("邮寄（需签收）")
    ORDINARY_LETTER = "ordinary_letter", _("平常信函")
    FAX = "fax", _("传真")


RECEIPT_DATE_RULES = {
    Channel.ONLINE: _("第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日。"),
    Channel.IN_PERSON: _("第三十一条第（一）项：当面提交的，以提交之日为收到申请之日。"),
    Channel.ORAL: _("第二十九条、第三十一条第（一）项：口头提出并由工作人员代为填写的，以提出之日为收到申请之日。"),
    Channel.REGISTERED_POST: _("第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日。"),
    Channel.ORDINARY_LETTER: _("第三十一条第（二）项：以平常信函提交的，以与申请人确认之日为收到申请之日。"),
    Channel.FAX: _("第三十一条第（三）项：通过传真提交的，以双方确认之日为收到申请之日。"),
}


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质文本")
    ELECTRONIC = "electronic", _("电子数据")
    INSPECTION = "inspection", _("查阅、抄录")


class DeliveryChannel(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICK_UP = "pick_up", _("当面领取")
    ON_SITE = "on_site", _("现场查阅")
    ONLINE = "online", _("网上获取")


class Status(models.TextChoices):
    REGISTERED = "registered", _("办理中")
    CORRECTION_REQUESTED = "correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_REASONS = "awaiting_reasons", _("待说明理由")
    FEE_PENDING = "fee_pending", _("待缴费")
    REPLIED = "replied", _("已答复")
    ABANDONED = "abandoned", _("视为放弃")
    WITHDRAWN = "withdrawn", _("已撤回")
    ARCHIVED = "archived", _("已归档")


OPEN_STATUSES = frozenset(
    {Status.REGISTERED, Status.CORRECTION_REQUESTED, Status.CONSULTING, Status.AWAITING_REASONS, Status.FEE_PENDING}
)
CLOSED_STATUSES = frozenset({Status.REPLIED, Status.ABANDONED, Status.WITHDRAWN, Status.ARCHIVED})
# While in these states the reply clock does not run (第33条第三款; fee notice).
PAUSED_STATUSES = frozenset({Status.CONSULTING, Status.FEE_PENDING, Status.CORRECTION_REQUESTED})


class Outcome(models.TextChoices):
    """The leaf rows of table 3. The first digit is the group (一)…(六)."""

    DISCLOSED = "1", _("（一）予以公开")
    PARTIAL = "2", _("（二）部分公开")
    WITHHELD_STATE_SECRET = "3.1", _("（三）不予公开 — 1.属于国家秘密")
    WITHHELD_LAW = "3.2", _("（三）不予公开 — 2.其他法律行政法规禁止公开")
    WITHHELD_SECURITY = "3.3", _("（三）不予公开 — 3.危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "3.4", _("（三）不予公开 — 4.保护第三方合法权益")
    WITHHELD_INTERNAL = "3.5", _("（三）不予公开 — 5.属于三类内部事务信息")
    WITHHELD_PROCESS = "3.6", _("（三）不予公开 — 6.属于四类过程性信息")
    WITHHELD_ENFORCEMENT = "3.7", _("（三）不予公开 — 7.属于行政执法案卷")
    WITHHELD_QUERY = "3.8", _("（三）不予公开 — 8.属于行政查询事项")
    UNAVAILABLE_NOT_HELD = "4.1", _("（四）无法提供 — 1.本机关不掌握相关政府信息")
    UNAVAILABLE_NEEDS_CREATION = "4.2", _("（四）无法提供 — 2.没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR = "4.3", _("（四）无法提供 — 3.补正后申请内容仍不明确")
    NOT_HANDLED_PETITION = "5.1", _("（五）不予处理 — 1.信访举报投诉类申请")
    NOT_HANDLED_REPEAT = "5.2", _("（五）不予处理 — 2.重复申请")
    NOT_HANDLED_PUBLICATION = "5.3", _("（五）不予处理 — 3.要求提供公开出版物")
    NOT_HANDLED_EXCESSIVE = "5.4", _("（五）不予处理 — 4.无正当理由大量反复申请")
    NOT_HANDLED_CONFIRMATION = "5.5", _("（五）不予处理 — 5.要求行政机关确认或重新出具已获取信息")
    OTHER_NO_CORRECTION = "6.1", _("（六）其他处理 — 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    OTHER_UNPAID = "6.2", _("（六）其他处理 — 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "6.3", _("（六）其他处理 — 3.其他")


# Outcomes an officer may choose when replying; 6.1 and 6.2 follow from the
# abandon transitions and 6.3 from a withdrawal or "其他" reply.
REPLY_OUTCOMES = [o for o in Outcome if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_UNPAID)]
REFUSAL_OUTCOMES = frozenset(o for o in Outcome if o.value.startswith("3."))

# The rows of table 3 in report order: (row key, label, leaf outcomes or None for a group heading).
TABLE3_GROUPS = [
    ("1", _("（一）予以公开"), ["1"]),
    ("2", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), ["2"]),
    ("3", _("（三）不予公开"), ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"]),
    ("4", _("（四）无法提供"), ["4.1", "4.2", "4.3"]),
    ("5", _("（五）不予处理"), ["5.1", "5.2", "5.3", "5.4", "5.5"]),
    ("6", _("（六）其他处理"), ["6.1", "6.2", "6.3"]),
]


def outcome_leaf_label(code: str) -> str:
    """The short label of a leaf inside its group (e.g. "1.属于国家秘密")."""
    label = str(Outcome(code).label)
    return label.split(" — ", 1)[1] if " — " in label else label


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（第三十二条）")
    CO_PRODUCER = "co_producer", _("征求共同制作机关意见（第三十四条）")
    OTHER_AGENCY = "other_agency", _("征求其他机关意见（协办）")


class ConsultationResult(models.TextChoices):
    AGREED = "agreed", _("同意公开")
    OBJECTED = "objected", _("不同意公开")
    NO_REPLY = "no_reply", _("逾期未提出意见")


class FeeMethod(models.TextChoices):
    PER_PIECE = "piece", _("按件计收")
    PER_PAGE = "page", _("按量计收（页）")
