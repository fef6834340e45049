from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.meetings.sections import Section
from workflows.accounts.models import Organisation

from .models import Body, MemberRole, Method, Stance

VOTED = ("for", "against", "abstain")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "kind",
            "name",
            "legal_basis",
            "term_start",
            "term_end",
            "district",
            "quorum_percent",
            "majority",
        ]
        widgets = {"term_start": DateInput(), "term_end": DateInput()}


class MemberForm(forms.Form):
    person = forms.CharField(
        label=_("login osoby"), help_text=_("Nazwa użytkownika konta tej osoby w serwisie.")
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label=_("reprezentowana organizacja")
    )
    role = forms.ChoiceField(label=_("funkcja"), choices=MemberRole.choices)
    term_start = forms.DateField(label=_("od"), widget=DateInput())
    term_end = forms.DateField(label=_("do"), widget=DateInput(), required=False)


class RequestForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("organ"))
    subject = forms.CharField(label=_("przedmiot opinii"), max_length=300)
    due_on = forms.DateField(label=_("termin na opinię"), widget=DateInput())

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class AdoptionForm(forms.Form):
    """The opinion's text and the vote of every member in term, by name."""

    text = forms.CharField(label=_("treść opinii"), widget=forms.Textarea(attrs={"rows": 8}))
    stance = forms.ChoiceField(label=_("stanowisko"), choices=Stance.choices)
    procedure = forms.ChoiceField(label=_("tryb"), choices=Method.choices)
    adopted_on = forms.DateField(label=_("data podjęcia"), widget=DateInput())
    VOTES = [
        ("absent", _("nieobecny")),
        ("for", _("za")),
        ("against", _("przeciw")),
        ("abstain", _("wstrzymuje się")),
        ("present", _("obecny, nie głosował")),
    ]

    def __init__(self, *args, members, on_chapter=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        if on_chapter:
            # An opinion on a chapter may propose its wording: a suggestion on the draft.
            self.fields["wording"] = forms.CharField(
                label=_("proponowany zapis rozdziału"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_(
                    "Jeśli opinia proponuje zmianę tekstu, wpisz proponowane brzmienie: "
                    "trafi do autorów rozdziału jako propozycja."
                ),
            )
            self.fields["section"] = forms.ChoiceField(
                label=_("część rozdziału"),
                required=False,
                choices=[("", _("cały rozdział")), *Section.choices],
            )
        for member in members:
            self.fields[f"vote_{member.person_id}"] = forms.ChoiceField(
                label=str(member.person), choices=self.VOTES, initial="absent"
            )

    def wording_fields(self):
        return [self[name] for name in ("wording", "section") if name in self.fields]

    def vote_fields(self):
        return [self[f"vote_{m.person_id}"] for m in self.members]

    def payload(self) -> dict:
        data = self.cleaned_data
        marks = {m.person_id: data[f"vote_{m.person_id}"] for m in self.members}
        return {
            "text": data["text"],
            "stance": data["stance"],
            "procedure": data["procedure"],
            "adopted_on": data["adopted_on"],
            "present": [p for p, mark in marks.items() if mark != "absent"],
            "votes": {p: mark for p, mark in marks.items() if mark in VOTED},
            **{name: data[name] for name in ("wording", "section") if name in self.fields},
        }


class DistrictOpinionsForm(forms.Form):
    due_on = forms.DateField(label=_("termin na opinie rad dzielnic"), widget=DateInput())


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label=_("tytuł dokumentu"),
        max_length=300,
        help_text=_("Np. „Priorytety dzielnicy na rok 2027”."),
    )
    text = forms.CharField(label=_("treść dokumentu"), widget=forms.Textarea(attrs={"rows": 12}))
    closes_at = forms.DateTimeField(
        label=_("koniec zbierania uwag"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Czas warszawski."),
    )


class DistrictCommentForm(forms.Form):
    text = forms.CharField(
        label=_("twoja uwaga"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    resident = forms.BooleanField(
        label=_("Oświadczam, że mieszkam w tej dzielnicy."), required=False
    )
