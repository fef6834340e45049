"""The API's request parsers: DRF's, with every string cleaned (workflows.text), JSON
nesting bounded and a JSON body capped like Django caps forms (413, not an HTML page)."""

import codecs

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

from .text import MAX_DEPTH, clean_input, clean_querydict, too_deep


def _encoding(parser_context) -> str:
    return (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise RequestDataTooBig("JSON body larger than DATA_UPLOAD_MAX_MEMORY_SIZE.")
        try:
            text = codecs.decode(raw, _encoding(parser_context))
            data = json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except RecursionError:
            raise too_deep() from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        if _nothing_to_clean(text):
            return data
        return clean_input(data)


def _nothing_to_clean(text: str) -> bool:
    """Whether a JSON text can hold no NUL, no bidi control and no deep nesting: plain ASCII
    without escapes (a NUL or a control can only be escaped or non-ASCII), and fewer
    brackets than MAX_DEPTH. Most bodies, a ballot's among them: walking them cost the
    ballot 5 % of its time (bench/ballots.py)."""

    return text.isascii() and "\\u" not in text and text.count("{") + text.count("[") <= MAX_DEPTH


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return clean_querydict(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        return parsers.DataAndFiles(clean_querydict(result.data), result.files)
