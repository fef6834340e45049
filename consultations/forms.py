"""HTML forms of the consultation pages. They shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .flows import MAX_TEXT
from .models.comments import CommentKind, Decision


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rodzaj uwagi"), choices=CommentKind.choices)
    proposed_wording = forms.CharField(
        label=_("Proponowane brzmienie zapisu"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Wymagane przy zmianie i dodaniu zapisu."),
    )
    justification = forms.CharField(
        label=_("Uzasadnienie"), widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_TEXT
    )
    organisation = forms.ModelChoiceField(
        label=_("Zgłaszam w imieniu organizacji"),
        queryset=None,
        required=False,
        empty_label=_("— we własnym imieniu (mieszkaniec) —"),
    )
    chapter = forms.IntegerField(widget=forms.HiddenInput, required=False)
    anchor = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            user.organisations.all() if user and user.is_authenticated else []
        )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Rozstrzygnięcie"), choices=Decision.choices)
    reason = forms.CharField(
        label=_("Uzasadnienie odpowiedzi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
    )


class QueueFilter(forms.Form):
    unanswered = forms.BooleanField(label=_("tylko bez odpowiedzi"), required=False)
    chapter = forms.ModelChoiceField(
        label=_("Rozdział"), queryset=None, required=False, empty_label=_("wszystkie")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organizacja"), queryset=None, required=False, empty_label=_("wszystkie")
    )

    def __init__(self, *args, programme, **kwargs):
        from workflows.accounts.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = programme.chapters.all()
        self.fields["organisation"].queryset = Organisation.objects.filter(
            programme_comments__programme=programme
        ).distinct()


class ScheduleForm(forms.Form):
    justification = forms.CharField(
        label=_("Pisemne uzasadnienie (wymagane, gdy harmonogram nie zdąży przed 30 listopada)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        for step in steps:
            self.fields[step.code] = forms.DateField(
                label=step.label,
                required=False,
                initial=step.planned,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
