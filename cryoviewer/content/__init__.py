"""Content packs: the document's sections in one language, loaded and validated without Qt."""

from .model import Pack, PackError, Problem, Section
from .pack import check_pack, load_pack, load_with_fallback

__all__ = ["Pack", "PackError", "Problem", "Section", "check_pack", "load_pack",
           "load_with_fallback"]
