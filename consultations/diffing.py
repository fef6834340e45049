"""What changed between two versions of a chapter, block by block and word by word.

Blocks are matched by their anchor (a block's identity across versions, see Block), so a
moved or edited block is "changed", not "removed and added". Words are compared with difflib;
every piece of the people's text is escaped before it is wrapped in <ins> or <del>.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from workflows.templatetags.formatting import money

# Words, the spaces between them and punctuation, so that the marked text reads naturally.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"
STATUS_LABELS = {
    ADDED: _("dodany"),
    REMOVED: _("usunięty"),
    CHANGED: _("zmieniony"),
    SAME: _("bez zmian"),
}
# The fields of a block besides its text that a change can touch, with their labels.
DETAILS = [
    ("responsible_unit", _("jednostka odpowiedzialna")),
    ("indicator", _("wskaźnik")),
    ("budget_estimate", _("szacowany koszt")),
]


def words_diff(old: str, new: str) -> SafeString:
    """`new` with the words removed from `old` in <del> and the words added in <ins>."""

    a, b = TOKENS.findall(old), TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    # Each part is already safe (escaped above), so joining does not escape it twice.
    return format_html_join("", "{}", ((part,) for part in parts))


def _detail(block, name: str) -> str:
    value = getattr(block, name) if block is not None else ""
    if name == "budget_estimate":
        return money(value) if value is not None else ""
    return value or ""


@dataclass
class BlockChange:
    status: str
    kind_label: str
    text: SafeString
    old_kind_label: str = ""
    details: list[tuple[str, SafeString]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _change(old, new) -> BlockChange:
    status = ADDED if old is None else REMOVED if new is None else SAME
    if status == SAME:
        touched = [old.text != new.text, old.kind != new.kind]
        touched += [_detail(old, n) != _detail(new, n) for n, _label in DETAILS]
        status = CHANGED if any(touched) else SAME
    shown = new if new is not None else old
    details = [
        (str(label), words_diff(_detail(old, name), _detail(new, name)))
        for name, label in DETAILS
        if _detail(old, name) or _detail(new, name)
    ]
    moved_kind = old is not None and new is not None and old.kind != new.kind
    return BlockChange(
        status=status,
        kind_label=shown.get_kind_display(),
        old_kind_label=old.get_kind_display() if moved_kind else "",
        text=words_diff(old.text if old else "", new.text if new else ""),
        details=details,
    )


def compare(old_blocks: list, new_blocks: list) -> list[BlockChange]:
    """The blocks of both versions in reading order, each with what happened to it."""

    old_anchors = [b.anchor for b in old_blocks]
    new_anchors = [b.anchor for b in new_blocks]
    rows = []
    matcher = SequenceMatcher(None, old_anchors, new_anchors, autojunk=False)
    kept = {b.anchor: b for b in old_blocks if b.anchor in set(new_anchors)}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [
                _change(o, n) for o, n in zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True)
            ]
            continue
        # A block moved elsewhere keeps its anchor: shown once, where it is now.
        rows += [_change(o, None) for o in old_blocks[i1:i2] if o.anchor not in kept]
        rows += [_change(kept.get(n.anchor), n) for n in new_blocks[j1:j2]]
    return rows


def summary(rows: list[BlockChange]) -> dict[str, int]:
    return {status: sum(1 for r in rows if r.status == status) for status in STATUS_LABELS}
