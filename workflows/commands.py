"""Live commands: actions sent over the websocket, each handled by an app's service."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from .errors import InvalidInput

_commands: dict[str, Callable[[Any, dict], dict | None]] = {}


def register_command(name: str, handler: Callable[[Any, dict], dict | None]) -> None:
    """`handler(user, message) -> reply`; raises WorkflowError to refuse."""

    _commands[name] = handler


def run_command(name: str, user, message: dict) -> dict | None:
    handler = _commands.get(name)
    if handler is None:
        raise InvalidInput(
            _("Nieznana czynność „%(name)s”.") % {"name": name}, known=sorted(_commands)
        )
    return handler(user, message)
