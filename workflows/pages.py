"""What apps contribute to shared pages: home panels and navigation links."""

from collections.abc import Callable
from dataclasses import dataclass


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


_panels: list[HomePanel] = []
_nav: list[NavItem] = []


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
