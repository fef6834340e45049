"""Cooperation programme consultation: the data (split by concern; import from here)."""

from .chapters import Block, Chapter, ChapterVersion
from .comments import Answer, Comment
from .programme import ImplementationReport, Milestone, Programme
from .reference import StrategyGoal, TaskArea
from .teams import CoordinatingTeam, SectorTeam

__all__ = [
    "Answer",
    "Block",
    "Chapter",
    "ChapterVersion",
    "Comment",
    "CoordinatingTeam",
    "ImplementationReport",
    "Milestone",
    "Programme",
    "SectorTeam",
    "StrategyGoal",
    "TaskArea",
]
