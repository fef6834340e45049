"""The page comparing two versions of a chapter: blocks added, removed and changed."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import diffing, selectors
from .views import visible_chapter


class VersionPair(forms.Form):
    od = forms.TypedChoiceField(label=gettext_lazy("Wersja wcześniejsza"), coerce=int)
    do = forms.TypedChoiceField(label=gettext_lazy("Wersja późniejsza"), coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, _("wersja %(n)s") % {"n": v.number}) for v in versions]
        self.fields["od"].choices = self.fields["do"].choices = choices


def chapter_diff(request, pk: int):
    chapter = visible_chapter(request, pk)
    versions = {v.number: v for v in selectors.readable_versions(chapter, request.user)}
    if len(versions) < 2:
        raise Http404(_("Rozdział ma mniej niż dwie wersje do porównania."))
    numbers = sorted(versions)
    initial = {"od": numbers[-2], "do": numbers[-1]}
    form = VersionPair(request.GET or initial, versions=versions.values())
    context = {"chapter": chapter, "programme": chapter.programme, "form": form}
    if not form.is_valid():
        if all(str(form[name].value()).isdigit() for name in form.fields):
            # A number this chapter does not have (or the user may not read).
            raise Http404(_("Rozdział nie ma takiej wersji."))
        return render(request, "consultations/diff.html", context, status=400)
    old, new = versions[form.cleaned_data["od"]], versions[form.cleaned_data["do"]]
    rows = diffing.compare(list(old.blocks.all()), list(new.blocks.all()))
    return render(
        request,
        "consultations/diff.html",
        {
            **context,
            "old": old,
            "new": new,
            "rows": rows,
            "summary": diffing.summary(rows),
        },
    )
