"""The StreamField walker reads every block type Wagtail ships, and any other
block, without failing the publish (docs/gate.md, "What the checkers see")."""

import importlib
import inspect
import json

import pytest
from django.utils import translation
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_gk.gate.extraction import Extraction, extract_object
from wagtail_gk.gate.runner import run_checks
from wagtail_gk.gate.streamfield import walk_block

from .conftest import valid_id

ID = valid_id()
BLOCK_MODULES = [
    "wagtail.blocks",
    "wagtail.images.blocks",
    "wagtail.documents.blocks",
    "wagtail.snippets.blocks",
    "wagtail.embeds.blocks",
    "wagtail.contrib.table_block.blocks",
    "wagtail.contrib.typed_table_block.blocks",
]
# Base classes: not used on their own, covered through their subclasses.
ABSTRACT = {
    "Block", "FieldBlock", "ChooserBlock", "BaseChoiceBlock", "BaseStreamBlock", "BaseStructBlock",
    "BaseTypedTableBlock", "BaseDocumentChooserBlock",
}


def wagtail_block_classes() -> set[str]:
    found = set()
    for module_name in BLOCK_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, blocks.Block) and cls.__module__.startswith("wagtail"):
                found.add(name)
    return found


@pytest.fixture
def objects(db):
    from wagtail_gk.models import SensitiveTerm

    image = get_image_model().objects.create(title="图片標題機密★", file=get_test_image_file())
    document = get_document_model().objects.create(title="附件名机密★", file="documents/x.txt")
    Page.objects.filter(depth=1).update(title="页面标题机密★")  # the root: a raw update, not a publish
    page = Page.objects.get(depth=1)
    snippet = SensitiveTerm.objects.create(term="片段机密★")
    return {"image": image, "document": document, "page": page, "snippet": snippet}


MARK = "机密★"
URL_MARK = "https://www.example.gov.cn/x?q=%E6%A9%9F%E5%AF%86%E2%98%85"  # 機密★, percent-encoded


def samples(objects):
    """block class name → (block, raw JSON value as stored, text that must be read or None)."""
    return {
        "CharBlock": (blocks.CharBlock(), MARK, MARK),
        "TextBlock": (blocks.TextBlock(), f"第一行\n{MARK}", MARK),
        "BlockQuoteBlock": (blocks.BlockQuoteBlock(), MARK, MARK),
        "EmailBlock": (blocks.EmailBlock(), "jimi@example.gov.cn", "jimi@example.gov.cn"),
        "RegexBlock": (blocks.RegexBlock(regex=r".*"), MARK, MARK),
        "URLBlock": (blocks.URLBlock(), URL_MARK, "機密★"),
        "RichTextBlock": (blocks.RichTextBlock(), f'<p>见<a href="https://x.cn/?id={ID}">详情</a></p>', ID),
        "RawHTMLBlock": (blocks.RawHTMLBlock(), f'<div title="{MARK}">x</div>', MARK),
        "ChoiceBlock": (blocks.ChoiceBlock(choices=[("a", MARK)]), "a", MARK),
        "MultipleChoiceBlock": (blocks.MultipleChoiceBlock(choices=[("a", MARK), ("b", "乙")]), ["a"], MARK),
        "BooleanBlock": (blocks.BooleanBlock(required=False), True, None),
        "DateBlock": (blocks.DateBlock(), "2024-05-06", None),
        "DateTimeBlock": (blocks.DateTimeBlock(), "2024-05-06T07:08:09", None),
        "TimeBlock": (blocks.TimeBlock(), "07:08:09", None),
        "DecimalBlock": (blocks.DecimalBlock(), "12.50", "12.50"),
        "FloatBlock": (blocks.FloatBlock(), 1.5, "1.5"),
        "IntegerBlock": (blocks.IntegerBlock(), int(ID[:17]), ID[:17]),
        "StaticBlock": (blocks.StaticBlock(admin_text="x"), None, None),
        "StructBlock": (blocks.StructBlock([("inner", blocks.ListBlock(blocks.CharBlock()))]), {"inner": ["甲", MARK]}, MARK),
        "ListBlock": (blocks.ListBlock(blocks.StructBlock([("t", blocks.CharBlock())])), [{"t": MARK}], MARK),
        "StreamBlock": (
            blocks.StreamBlock([("s", blocks.StreamBlock([("c", blocks.CharBlock())]))]),
            [{"type": "s", "value": [{"type": "c", "value": MARK}]}],
            MARK,
        ),
        "PageChooserBlock": (blocks.PageChooserBlock(), objects["page"].pk, "页面标题机密★"),
        "ImageChooserBlock": (ImageChooserBlock(), objects["image"].pk, "图片標題機密★"),
        "ImageBlock": (ImageBlock(), {"image": objects["image"].pk, "alt_text": "替代文字機密★", "decorative": False}, "替代文字機密★"),
        "DocumentChooserBlock": (DocumentChooserBlock(), objects["document"].pk, "附件名机密★"),
        "SnippetChooserBlock": (SnippetChooserBlock("wagtail_gk.SensitiveTerm"), objects["snippet"].pk, "片段机密★"),
        "EmbedBlock": (EmbedBlock(), URL_MARK, "機密★"),
        "TableBlock": (TableBlock(), {"data": [["姓名", "身份证号"], ["张三", ID]], "table_caption": "名单", "first_row_is_table_header": True}, ID),
        "TypedTableBlock": (
            TypedTableBlock([("text", blocks.CharBlock()), ("rich", blocks.RichTextBlock())]),
            {
                "columns": [{"type": "text", "heading": "姓名"}, {"type": "rich", "heading": "备注"}],
                "rows": [{"values": ["张三", f"<p>{MARK}</p>"]}],
                "caption": "表",
            },
            MARK,
        ),
    }


def walk(block, raw):
    """Walk *block* the way a page's body is walked: inside a StreamBlock,
    its value turned into Python from the stored JSON."""
    stream = blocks.StreamBlock([("item", block)])
    value = stream.to_python(json.loads(json.dumps([{"type": "item", "value": raw}], default=str)))
    extraction = Extraction()
    linked = []
    walk_block(stream, value, "正文", extraction, linked)
    return extraction


def test_every_block_class_wagtail_ships_has_a_sample(objects):
    missing = wagtail_block_classes() - ABSTRACT - set(samples(objects))
    assert not missing, f"block types without a sample in this test (teach gate/streamfield.py to read them): {sorted(missing)}"


def test_the_enumeration_sees_the_blocks_of_every_module():
    found = wagtail_block_classes()
    assert {"CharBlock", "ImageBlock", "DocumentChooserBlock", "SnippetChooserBlock", "EmbedBlock", "TableBlock", "TypedTableBlock"} <= found


@pytest.mark.parametrize("name", sorted(wagtail_block_classes() - ABSTRACT))
def test_each_block_is_read_without_crashing(objects, name, caplog):
    block, raw, expected = samples(objects)[name]
    extraction = walk(block, raw)
    assert not [r for r in caplog.records if r.name == "wagtail_gk.gate.streamfield"], "the block fell back after an error"
    texts = [source.text for source in extraction.sources]
    if expected is None:
        assert texts == []
    else:
        assert any(expected in text for text in texts), texts
        assert all(source.location.startswith("正文 › 第1块") for source in extraction.sources)
    if name == "DocumentChooserBlock":
        assert extraction.documents == [objects["document"]]  # handed to the attachment reader


class OddValue:
    def __str__(self):
        return f"奇怪的值{MARK}"


class CustomBlock(blocks.Block):
    """A custom block whose value is neither text nor a mapping."""

    def to_python(self, value):
        return OddValue()

    def get_searchable_content(self, value):
        raise RuntimeError("not implemented for this value")


class BrokenStruct(blocks.StructBlock):
    """A struct block whose value is not a mapping (as ImageBlock's is an Image)."""

    text = blocks.CharBlock()

    def to_python(self, value):
        return [value["text"]]

    def get_searchable_content(self, value):
        return [f"结构{MARK}"]


@pytest.mark.parametrize(("block", "raw"), [(CustomBlock(), "x"), (BrokenStruct(), {"text": MARK})], ids=["custom", "struct-like"])
def test_unknown_blocks_are_read_through_a_fallback(block, raw):
    texts = [source.text for source in walk(block, raw).sources]
    assert any(MARK in text for text in texts), texts


def test_image_alt_text_blocks_publication(make_article, objects, terms):
    """The reported crash: an ImageBlock made submitting and publishing fail
    with 'Image' object has no attribute 'get'."""
    page = make_article()
    draft = page.get_latest_revision_as_object()
    draft.body = json.dumps([{"type": "image", "value": {"image": objects["image"].pk, "alt_text": "機密★1年", "decorative": False}}])
    revision = draft.save_revision()
    with translation.override("en"):
        report = run_checks(revision)
    assert report.blocks
    assert any(f.code == "classification_marker" and f.location.endswith("› alt text") for f in report.blocking), report.blocking
    assert any(source.text == "機密★1年" for source in extract_object(revision.as_object(), include_documents=False).sources)
