"""Accounts views, one module per flow: registration, sign-in, recovery, profile, sessions."""
