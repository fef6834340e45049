"""The page form that plans a meeting. It shapes input; `services.create_meeting` decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Section

# Date and time as <input type="datetime-local"> sends and shows them.
LOCAL_MOMENT = "%Y-%m-%dT%H:%M"


def moment_field(label):
    # Django reads a typed wall-clock time in the current time zone: Europe/Warsaw.
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MOMENT),
        help_text=_("Czas warszawski."),
    )


class MeetingForm(forms.Form):
    # Field names are the service's, so its refusals land on the field they name.
    team = forms.ModelChoiceField(
        label=_("Zespół sektorowy"),
        queryset=None,
        empty_label=_("— wybierz zespół —"),
        required=False,
    )
    body = forms.ModelChoiceField(
        label=_("albo organ doradczy lub rada dzielnicy"),
        queryset=None,
        empty_label=_("— wybierz organ —"),
        required=False,
    )
    title = forms.CharField(label=_("Tytuł spotkania"), max_length=200)
    starts_at = moment_field(_("Początek"))
    ends_at = moment_field(_("Koniec"))
    place = forms.CharField(
        label=_("Miejsce"),
        max_length=300,
        required=False,
        help_text=_("Sala i adres. Spotkanie hybrydowe ma i miejsce, i link."),
    )
    online_url = forms.URLField(label=_("Link do spotkania online"), required=False)
    speaking_limit_seconds = forms.IntegerField(
        label=_("Limit czasu wypowiedzi (sekundy)"), initial=180, min_value=15, max_value=1800
    )

    def __init__(self, *args, teams, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["body"].queryset = bodies
        # Offer only the kind of host this person may plan for.
        if not teams.exists():
            del self.fields["team"]
        if not bodies.exists():
            del self.fields["body"]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Punkt porządku obrad"), max_length=300, required=False)
    section = forms.ChoiceField(
        label=_("Część rozdziału"),
        choices=[("", _("— żadna —")), *Section.choices],
        required=False,
    )


# A simple repeated field set, usable without JavaScript: blank rows are ignored.
AgendaFormSet = forms.formset_factory(
    AgendaItemForm, extra=6, max_num=30, absolute_max=30, validate_max=True
)
