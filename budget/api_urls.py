from django.urls import path

from .api import editions as e
from .api import implementation as i
from .api import proposals as p
from .api import setup as st

urlpatterns = [
    # First: casting a ballot is the busiest URL.
    path("budget/editions/<id:pk>/ballots/", e.CastBallot.as_view(), name="budget-cast"),
    path("budget/editions/", st.EditionCreate.as_view()),
    path("budget/editions/<id:pk>/", e.EditionDetail.as_view()),
    path("budget/editions/<id:pk>/settings/", st.EditionSettings.as_view()),
    path("budget/editions/<id:pk>/rulebook/", st.EditionRulebook.as_view(), name="budget-rulebook"),
    path("budget/editions/<id:pk>/schedule/", e.EditionSchedule.as_view()),
    path("budget/editions/<id:pk>/pools/", e.EditionPools.as_view()),
    path("budget/editions/<id:pk>/counting/", e.EditionCounting.as_view()),
    path("budget/editions/<id:pk>/turnout/", e.EditionTurnout.as_view()),
    path("budget/editions/<id:pk>/ballot/", e.EditionBallot.as_view()),
    path("budget/editions/<id:pk>/paper-ballots/", e.PaperBallot.as_view()),
    path("budget/editions/<id:pk>/export/", e.BallotExport.as_view()),
    path("budget/editions/<id:pk>/codes/", e.VotingCodes.as_view()),
    path("budget/ballots/<id:pk>/invalidate/", e.InvalidateBallot.as_view()),
    path("budget/proposals/", p.ProposalList.as_view()),
    path("budget/proposals/<id:pk>/", p.ProposalDetail.as_view()),
    path("budget/proposals/<id:pk>/coauthors/", p.ProposalCoauthor.as_view()),
    path("budget/proposals/<id:pk>/support/", p.ProposalSupport.as_view()),
    path("budget/proposals/<id:pk>/correction/", p.ProposalCorrection.as_view()),
    path("budget/proposals/<id:pk>/assessment/", p.ProposalAssessment.as_view()),
    path("budget/proposals/<id:pk>/merge/", p.ProposalMerge.as_view()),
    path("budget/merge-requests/<id:pk>/consent/", p.MergeConsent.as_view()),
    path("budget/verification-queue/", p.VerificationQueue.as_view()),
    path("budget/units/", st.UnitCreate.as_view()),
    path("budget/units/<id:pk>/", st.UnitDetail.as_view()),
    path("budget/implementations/", i.ImplementationList.as_view()),
    path("budget/editions/<id:pk>/annex/", i.BudgetAnnex.as_view()),
    path("budget/editions/<id:pk>/budget-resolution/", i.BudgetResolution.as_view()),
    path("budget/implementations/<id:pk>/", i.ImplementationDetail.as_view()),
    path("budget/implementations/<id:pk>/notes/", i.ImplementationNote.as_view()),
    path("budget/implementations/<id:pk>/photos/", i.ImplementationPhoto.as_view()),
]
