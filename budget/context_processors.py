from .models import EditionState, ProposalState


def states(request) -> dict:
    """The state enums, so templates compare `edition.state == EditionState.VOTING`."""

    return {"EditionState": EditionState, "ProposalState": ProposalState}
