"""Offline geoparser: recognise place names, resolve them in context, build relative regions."""

from .gazetteer import Gazetteer
from .pipeline import geoparse_text
from .types import Candidate, PlaceRecord, Region, ResolvedMention

__all__ = ["Candidate", "Gazetteer", "PlaceRecord", "Region", "ResolvedMention", "geoparse_text"]
