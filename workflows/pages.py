"""What apps contribute to shared pages: home panels, navigation links, staff work queues."""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any


@dataclass(frozen=True)
class HomePanel:
    template: str
    data: Callable[[object], dict]  # request -> context for the panel
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    order: int = 100
    # Who sees the link (user -> bool); everyone when None. Hiding a link is not access control:
    # the view checks again.
    visible: Callable[[object], bool] | None = None


@dataclass(frozen=True)
class Queue:
    """A work queue linked from the staff dashboard."""

    url_name: str
    label: str
    order: int = 100
    # The workflow kind whose objects each have such a queue (e.g. a programme's answering
    # queue); None for a queue of the whole city. `key` gives the URL argument.
    kind: str | None = None
    key: Callable[[Any], Any] = attrgetter("pk")
    # Who sees the link (user -> bool); every staff role when None. The page checks again.
    visible: Callable[[Any], bool] | None = None


_panels: list[HomePanel] = []
_nav: list[NavItem] = []
_queues: list[Queue] = []


def register_home_panel(panel: HomePanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def register_nav(item: NavItem) -> None:
    if item not in _nav:
        _nav.append(item)


def home_panels() -> list[HomePanel]:
    return sorted(_panels, key=lambda p: p.order)


def nav_items() -> list[NavItem]:
    return sorted(_nav, key=lambda n: n.order)


def register_queue(queue: Queue) -> None:
    if queue not in _queues:
        _queues.append(queue)


def queues() -> list[Queue]:
    return sorted(_queues, key=lambda q: q.order)
