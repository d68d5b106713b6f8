"""The words every app speaks about an absence, below all of them.

Plain values and functions with no database and no HTTP: a day of absence and its duration
(`absence.days`), the dates a question accepts (`absence.windows`), the business calendar of a work
location (`absence.calendar`), the leave reasons (`absence.reasons`) and the limits of the user guide
with their wording (`absence.limits`). Intake collects with them, cases store them, the desk and the
policy engine count with them; this package imports none of those apps.
"""
