"""The desk's pages: the queue, the case, the specialist's actions, documents, and the supervisor's team page."""
