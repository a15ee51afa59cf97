"""A set of publication channels stored in one column.

Stored as ``",website,notice_board,"`` (leading and trailing commas) in a
varchar column, so
"published through channel X" is a ``LIKE '%,X,%'`` the database evaluates
inside one aggregate query; no channel code is part of another.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class ChannelListField(models.Field):
    description = "A set of publication channel codes"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def get_internal_type(self):
        return "CharField"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, default in (("max_length", 300), ("blank", True), ("default", "")):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    @staticmethod
    def _allowed():
        from .models.items import Channel

        return Channel

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, (list, tuple, set)):
            codes = [str(code) for code in value if code]
        else:
            codes = [code for code in str(value).split(",") if code]
        order = list(self._allowed().values)
        unknown = [code for code in codes if code not in order]
        if unknown:
            raise ValidationError("unknown channel {}".format(", ".join(unknown)))
        return sorted(set(codes), key=order.index)

    def from_db_value(self, value, expression, connection):
        if not value:
            return []
        return [code for code in value.split(",") if code]

    def get_prep_value(self, value):
        if isinstance(value, str):
            value = self.to_python(value)
        if not value:
            return ""
        return "," + ",".join(value) + ","

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self._allowed().choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("choices_form_class", None)
        defaults.pop("max_length", None)
        defaults.pop("empty_value", None)
        return form_class(**defaults)

    def validate(self, value, model_instance):
        # to_python has already rejected unknown codes.
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
