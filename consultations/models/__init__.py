"""Cooperation programme consultation: the data (split by concern; import from here)."""

from .teams import SectorTeam

__all__ = ["SectorTeam"]
