"""Documents on a case: checking an upload (checks), keeping it (storage), bounding the request (uploads)."""
