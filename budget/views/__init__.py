from .. import selectors


def home_panel(request) -> dict:
    return {"edition": selectors.current_edition()}


def home(request):
    raise NotImplementedError


def edition(request, year):
    raise NotImplementedError
