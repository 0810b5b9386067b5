"""Content packs: the document's sections in one language, loaded and validated without Qt."""

from ..files import Problem
from .model import Pack, PackError, Section
from .pack import check_pack, load_pack, load_with_fallback
from .quiz import Question

__all__ = ["Pack", "PackError", "Problem", "Question", "Section", "check_pack", "load_pack",
           "load_with_fallback"]
