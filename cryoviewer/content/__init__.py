"""Content packs: the document's sections in one language, loaded and validated without Qt."""

from ..files import Problem
from .model import Pack, PackError, Section
from .pack import check_pack, load_pack, load_with_fallback

__all__ = ["Pack", "PackError", "Problem", "Section", "check_pack", "load_pack",
           "load_with_fallback"]
