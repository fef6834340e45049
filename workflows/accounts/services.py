"""Account actions."""

from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..errors import Conflict, InvalidInput
from ..gates import perm_guard
from ..services import record
from .email_confirmation import send_confirmation, tokens
from .models import Role, User
from .roles import grant_role, revoke_roles


@transaction.atomic
@transaction.atomic
def register_resident(
    *,
    username: str,
    password: str,
    privacy_accepted: bool,
    display_name: str = "",
    email: str = "",
    base_url: str = "",
) -> User:
    """A new resident who has read the privacy notice (its moment kept); the welcome mail
    with the confirmation link goes to `email` once the account is saved."""

    if privacy_accepted is not True:
        raise InvalidInput(
            _("Konto zakłada się po zapoznaniu z informacją o przetwarzaniu danych osobowych."),
            field="privacy_accepted",
        )
    user = User.objects.create_user(
        username=username,
        password=password,
        display_name=display_name,
        email=email,
        privacy_accepted_at=timezone.now(),
    )
    grant_role(user, Role.RESIDENT)
    if email:
        request_email_confirmation(user, base_url=base_url, welcome=True)
    return user


def request_email_confirmation(user: User, *, base_url: str, welcome: bool = False) -> None:
    transaction.on_commit(lambda: send_confirmation(user, base_url=base_url, welcome=welcome))


@transaction.atomic
def confirm_email(*, user: User, token: str) -> bool:
    """Mark the address confirmed if `token` is this user's live link; False otherwise
    (forged, expired, already used, or for an address since changed)."""

    user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
    if user.email_confirmed_at or not tokens.check_token(user, token):
        return False
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    return True


def _roles(values) -> list[Role]:
    if not isinstance(values, list | tuple) or set(values) - set(Role.values):
        raise InvalidInput(
            _("Role: lista spośród %(r)s.") % {"r": ", ".join(Role.values)}, field="roles"
        )
    return [Role(v) for v in dict.fromkeys(values)]


manages_people = perm_guard(
    "accounts.manage_people", gettext_lazy("Osoby i ich role zarządza administrator.")
)


@transaction.atomic
def invite_person(*, by, username, email="", display_name="", roles=()) -> tuple[User, str]:
    """An administrator adds a person (staff, verifier, team member) with their roles.
    They get no password: the returned link lets them set one (Django's reset token)."""

    manages_people(by)
    username = str(username or "").strip()
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise InvalidInput(
            _("Login: litery, cyfry i znaki @ . + - _ (do 150)."), field="username"
        ) from None
    if not username or len(username) > 150:
        raise InvalidInput(_("Podaj login."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(_("Login „%(u)s” jest zajęty.") % {"u": username}, field="username")
    email = str(email or "").strip()
    if email:
        try:
            if len(email) > 254:  # the column's length
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("Podaj poprawny adres e-mail."), field="email") from None
    chosen = _roles(list(roles))
    user = User(
        username=username,
        email=email,
        display_name=str(display_name or "").strip()[:150],
    )
    user.set_unusable_password()
    user.save()
    for role in chosen:
        grant_role(user, role)
    record(user, "person_invited", by=by, payload={"roles": [r.value for r in chosen]})
    return user, invitation_path(user)


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password-reset-confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


@transaction.atomic
def set_roles(*, by, user: User, roles) -> User:
    """Replace a person's global roles (the groups named by Role)."""

    manages_people(by)
    chosen = _roles(list(roles))
    if user.pk == by.pk and Role.ADMINISTRATOR not in chosen and not user.is_superuser:
        raise Conflict(_("Nie odbieraj sobie roli administratora."), field="roles")
    before = sorted(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    revoke_roles(user)
    for role in chosen:
        grant_role(user, role)
    after = sorted(r.value for r in chosen)
    record(user, "roles_changed", by=by, payload={"before": before, "after": after})
    return user
