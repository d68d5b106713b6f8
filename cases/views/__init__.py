"""Views of the case pages: history and case file (history), documents (documents)."""
