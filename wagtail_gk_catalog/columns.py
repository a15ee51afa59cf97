"""The column layout of published county catalogs, shared by import and export."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail_gk.models import DisclosureMethod

from .models import Audience, Channel, DisclosureLayer

# Column key → printed header, in the order published catalogs use.
COLUMNS = [
    ("sort_order", _("No.")),
    ("level1", _("First-level item")),
    ("level2", _("Second-level item")),
    ("level3", _("Third-level item")),
    ("content", _("Disclosure content (elements)")),
    ("basis", _("Basis for disclosure")),
    ("time_limit", _("Disclosure deadline")),
    ("subject", _("Responsible body")),
    ("channels", _("Disclosure channels and media")),
    ("audience", _("Audience")),
    ("method", _("Disclosure form")),
    ("layer", _("Disclosure level")),
]
DOMAIN_HEADER = _("Disclosure area")
ITEMS_GROUP_HEADER = _("Disclosure item")

# Header spellings seen in published catalogs → column key.
HEADER_ALIASES = {
    "序号": "sort_order",
    "一级事项": "level1",
    "二级事项": "level2",
    "三级事项": "level3",
    "公开内容（要素）": "content",
    "公开内容": "content",
    "公开要素": "content",
    "公开依据": "basis",
    "公开时限": "time_limit",
    "公开主体": "subject",
    "公开渠道和载体": "channels",
    "公开渠道": "channels",
    "公开载体": "channels",
    "公开对象": "audience",
    "公开方式": "method",
    "公开层级": "layer",
    "领域": "domain",
    "公开领域": "domain",
    "试点领域": "domain",
}
REQUIRED_COLUMNS = ["level1", "content", "basis", "time_limit", "subject", "channels", "audience", "method", "layer"]

# Published catalogs often split an enumeration into sub-columns ticked with √.
MARK_SUBCOLUMNS = {
    "audience": {"全社会": Audience.PUBLIC, "特定群体": Audience.SPECIFIC},
    "method": {"主动": DisclosureMethod.PROACTIVE, "依申请": DisclosureMethod.ON_REQUEST},
    "layer": {"县级": DisclosureLayer.COUNTY, "乡级": DisclosureLayer.TOWNSHIP},
}
TICKS = {"√", "✓", "✔", "■", "☑", "是", "●", "Y", "y"}

AUDIENCE_VALUES = {"全社会": Audience.PUBLIC, "社会公众": Audience.PUBLIC, "特定群体": Audience.SPECIFIC, "特定对象": Audience.SPECIFIC}
METHOD_VALUES = {
    "主动": DisclosureMethod.PROACTIVE,
    "主动公开": DisclosureMethod.PROACTIVE,
    "依申请": DisclosureMethod.ON_REQUEST,
    "依申请公开": DisclosureMethod.ON_REQUEST,
}
LAYER_VALUES = {
    "县级": DisclosureLayer.COUNTY,
    "县": DisclosureLayer.COUNTY,
    "乡级": DisclosureLayer.TOWNSHIP,
    "乡镇级": DisclosureLayer.TOWNSHIP,
    "乡": DisclosureLayer.TOWNSHIP,
    "县级、乡级": DisclosureLayer.COUNTY_TOWNSHIP,
    "县、乡级": DisclosureLayer.COUNTY_TOWNSHIP,
    "县级和乡级": DisclosureLayer.COUNTY_TOWNSHIP,
    "县乡两级": DisclosureLayer.COUNTY_TOWNSHIP,
    "乡、村级": DisclosureLayer.TOWNSHIP_VILLAGE,
    "乡级、村级": DisclosureLayer.TOWNSHIP_VILLAGE,
    "乡村两级": DisclosureLayer.TOWNSHIP_VILLAGE,
    "市级": DisclosureLayer.CITY,
    "自治区级": DisclosureLayer.REGION,
    "省级": DisclosureLayer.REGION,
}

REQUIRED_MARKS = {"■", "☑", "√", "✓", "✔"}
OPTIONAL_MARKS = {"□", "☐"}
# Besides these, each channel's own label is accepted (see channel_aliases()).
CHANNEL_ALIASES = {
    "门户网站": Channel.WEBSITE,
    "政府门户网站": Channel.WEBSITE,
    "政务新媒体": Channel.NEW_MEDIA,
    "两微一端等新媒体": Channel.NEW_MEDIA,
    "发布会": Channel.PRESS,
    "听证会": Channel.PRESS,
    "发布会听证会": Channel.PRESS,
    "广播": Channel.BROADCAST,
    "电视": Channel.BROADCAST,
    "报刊": Channel.PRINT,
    "纸质媒体（报刊）": Channel.PRINT,
    "政务服务大厅": Channel.SERVICE_CENTER,
    "便民服务中心": Channel.SERVICE_STATION,
    "入户": Channel.DOOR_TO_DOOR,
    "现场": Channel.DOOR_TO_DOOR,
    "入户现场": Channel.DOOR_TO_DOOR,
    "公示栏": Channel.NOTICE_BOARD,
    "村公示栏": Channel.NOTICE_BOARD,
    "社区公示栏": Channel.NOTICE_BOARD,
    "村务公开栏": Channel.NOTICE_BOARD,
    "电子屏": Channel.NOTICE_BOARD,
    "社区/企事业单位/村公示栏(电子屏)": Channel.NOTICE_BOARD,
    "社区/企事业单位/村公示栏": Channel.NOTICE_BOARD,
}


ENUMERATION_CHOICES = {"audience": Audience, "method": DisclosureMethod, "layer": DisclosureLayer}
_ENUMERATION_ALIASES = {"audience": AUDIENCE_VALUES, "method": METHOD_VALUES, "layer": LAYER_VALUES}


def _label_languages() -> list[str | None]:
    """The languages whose labels an imported file may use: the suite's English
    and Chinese, and the active language (a file exported by this site)."""
    return ["en", "zh-hans", translation.get_language()]


def _with_labels(aliases: dict, labels) -> dict:
    """*aliases* (normalised) plus ``labels`` — (key, lazy label) pairs — in every
    language of :func:`_label_languages`, so that a file exported in English
    (or Chinese) imports again whatever the importing user's language."""
    result = {normalise(name): key for name, key in aliases.items()}
    for language in _label_languages():
        with translation.override(language):
            for key, label in labels:
                result.setdefault(normalise(label), key)
    return result


def header_aliases() -> dict[str, str]:
    """Normalised header text → column key (published spellings and the printed headers)."""
    return _with_labels(HEADER_ALIASES, [*COLUMNS, ("domain", DOMAIN_HEADER)])


def channel_aliases() -> dict[str, str]:
    """Normalised channel name → channel code."""
    return _with_labels(CHANNEL_ALIASES, [(code, label) for code, label in Channel.choices])


def enumeration_values() -> dict[str, dict[str, str]]:
    """Column key → {normalised value text → choice value} for 公开对象, 公开方式 and 公开层级."""
    return {
        key: _with_labels(_ENUMERATION_ALIASES[key], [(value, label) for value, label in choices.choices])
        for key, choices in ENUMERATION_CHOICES.items()
    }


def normalise(text) -> str:
    """Header or value text without spaces, with ASCII brackets made full-width."""
    return "".join(str(text or "").split()).replace("(", "（").replace(")", "）")
