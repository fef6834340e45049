"""Account actions."""

from django.db import transaction

from .models import Role, User
from .roles import grant_role


@transaction.atomic
def register_resident(
    *, username: str, password: str, display_name: str = "", email: str = ""
) -> User:
    user = User.objects.create_user(
        username=username, password=password, display_name=display_name, email=email
    )
    grant_role(user, Role.RESIDENT)
    return user
