"""Reading aloud, without Qt: text to 16-bit PCM with word timings (eSpeak NG), and a section's
Markdown to the text that is spoken, with a map back to the section's text."""

from .engine import Speech, SpeechUnavailable, Word, synthesize, write_wav
from .spoken import SpokenText, spoken_markdown, spoken_section

__all__ = ["Speech", "SpeechUnavailable", "SpokenText", "Word", "spoken_markdown",
           "spoken_section", "synthesize", "write_wav"]
