"""USWDS markup in one place: the form base classes every app's forms inherit (templates: templates/django/forms/)."""
