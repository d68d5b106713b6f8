"""The one wizard mechanism behind every multi-step request (see intake/README.md and ADR 0003).

A flow is a `Wizard` subclass: its steps are a StrEnum, each step has one small view class, and the
URLs are generated from the step list. Every POST saves the step's answers into the user's `Draft`
(server-side), so a request resumes on another day or device. A step can be opened only when every
step before it that applies has been answered; otherwise the user is sent to the first unanswered one.
Once the user has reached the last step (the summary), saving any step returns there.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, cast
from uuid import UUID

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views import View

from intake import draft_rows
from intake.models import Draft, FlowType
from uswds.forms import PortalForm
from uswds.fragments import forget_with_settings

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from accounts.models import User
    from intake.days import DayEntryRules


class DraftIncompleteError(Exception):
    """The draft cannot be submitted: `step` is the first step whose answers are missing or invalid."""

    def __init__(self, step: str, message: str = "") -> None:
        super().__init__(f"{step}: {message}" if message else step)
        self.step = step
        self.message = message


def signed_in_user(request: HttpRequest) -> User:
    """The user of a signed-in request (every intake page requires sign-in)."""
    return cast("User", request.user)


def get_draft_for_user(user: User, draft_id: UUID, flow: FlowType) -> Draft:
    """The fetch-and-authorize helper: the user's own draft of this flow, or 404.

    One narrow read of the draft alone (intake.draft_rows): its owner is `user`, the signed-in person the
    request has already loaded, so the owner's row is not read a second time. The owner's roster record is read
    only by the steps that need it (a day's scheduled hours, the contact details' defaults)."""
    draft = draft_rows.owned_draft(user, draft_id, flow)
    if draft is None:
        raise Http404("no such draft of yours")
    return draft


JSON_SCALARS = (str, int, float, bool, type(None))
# A step saved again unchanged moves the draft's "last saved" no more often than this.
UNCHANGED_SAVE_TOUCHES_EVERY = timedelta(minutes=1)


def copy_answers(value: Any) -> Any:
    """A deep copy of a draft's answers (JSON: dicts, lists, text, numbers), a few times quicker than
    `copy.deepcopy`, which every step pays when its wizard is made; anything else is deep-copied as before."""
    if isinstance(value, dict):
        return {key: copy_answers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_answers(item) for item in value]
    return value if isinstance(value, JSON_SCALARS) else copy.deepcopy(value)


# The addresses of a draft's pages, reversed once per process for a stand-in id that each draft's id replaces:
# every step answers with an address, and reversing one was a noticeable part of a step saved again (~5%).
STAND_IN = UUID(int=0)
_draft_addresses: dict[str, str] = {}
forget_with_settings(_draft_addresses.clear)


def draft_url(name: str, draft_id: UUID) -> str:
    """`reverse(name, kwargs={"draft_id": draft_id})`, for a URL whose only argument is the draft's id."""
    address = _draft_addresses.get(name)
    if address is None:
        address = _draft_addresses[name] = reverse(name, kwargs={"draft_id": STAND_IN})
    return address.replace(str(STAND_IN), str(draft_id))


# Every flow by its FlowType, filled as the Wizard subclasses are defined (the dashboard's "Continue" uses it).
WIZARDS: dict[str, type[Wizard]] = {}


class Wizard:
    """One flow over one draft: which steps apply, which are answered, where to go next.

    Subclasses set `flow_type`, `Step` (the StrEnum of step slugs, in order, the summary last),
    `views` (step → view class) and `namespace` (the URL namespace its `urlpatterns()` are included
    under); they write `submit()` (build the flow's typed request and call its action) and may override
    `applies()` for branches, `build_day_rules()` when the flow collects days and `done_url()` for the
    page a submitted draft shows.
    """

    flow_type: ClassVar[FlowType]
    Step: ClassVar[type[StrEnum]]
    views: ClassVar[dict[str, type[StepView]]]
    namespace: ClassVar[str] = "intake"
    title: ClassVar[StrOrPromise]
    # A template shown under the flow title on every step (intake/step.html includes it), or "".
    header_template: ClassVar[str] = ""
    # A flow whose first step may be shown before a draft exists (the draft is created by its first POST).
    starts_without_draft: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "flow_type" in cls.__dict__:
            WIZARDS[cls.flow_type] = cls

    def __init__(self, draft: Draft, today: date | None = None) -> None:
        self.draft = draft
        self.today = today or timezone.localdate()
        self._day_rules: DayEntryRules | None = None
        # The answers as this request found them: what it changes is saved on top of the stored draft.
        self._loaded_answers = copy_answers(draft.answers)
        self._loaded_step = draft.step_reached

    def save_draft(self) -> None:
        """Save this request's changes to the draft: only the answers it changed (set or removed), on top of the
        draft as stored now, under a row lock. Two tabs on one draft each keep their own steps' answers: saving
        step A never overwrites what another tab saved for step B meanwhile."""
        draft = self.draft
        if draft._state.adding:
            draft.save()
            self._loaded_answers = copy_answers(draft.answers)
            self._loaded_step = draft.step_reached
            return
        changed = {key: value for key, value in draft.answers.items() if self._loaded_answers.get(key) != value}
        removed = [key for key in self._loaded_answers if key not in draft.answers]
        if not changed and not removed and draft.step_reached == self._loaded_step:
            # A step saved again as it was: nothing to merge, so no lock; only "last saved" moves (it orders the
            # dashboard's drafts), at most once a minute, as the session's idle timeout is renewed.
            now = timezone.now()
            if draft.updated_at is None or now - draft.updated_at >= UNCHANGED_SAVE_TOUCHES_EVERY:
                draft_rows.touch(draft, now)
            return
        with transaction.atomic():
            stored = Draft.objects.select_for_update().only("answers", "step_reached").get(pk=draft.pk)
            answers = {**stored.answers, **changed}
            for key in removed:
                answers.pop(key, None)
            draft.answers = answers
            draft.step_reached = self.further_step(stored.step_reached, draft.step_reached)
            draft.save(update_fields=["answers", "step_reached", "updated_at"])
        self._loaded_answers = copy_answers(draft.answers)
        self._loaded_step = draft.step_reached

    def further_step(self, one: str, other: str) -> str:
        order = self.order()
        if one not in order:
            return other
        if other not in order:
            return one
        return one if order.index(one) > order.index(other) else other

    # --- The step list ------------------------------------------------------------------
    @classmethod
    def order(cls) -> list[str]:
        return [str(step) for step in cls.Step]

    @classmethod
    def review_step(cls) -> str:
        return cls.order()[-1]

    def applies(self, step: str) -> bool:
        """Whether a step belongs to this draft's path (flows override this for their branches)."""
        return True

    def step_applies(self, step: str) -> bool:
        return self.applies(step) and self.views[step].applies_to(self, step)

    def applicable_steps(self) -> list[str]:
        return [step for step in self.order() if self.step_applies(step)]

    def is_complete(self, step: str) -> bool:
        return self.views[step].is_complete(self, step)

    def first_incomplete(self, steps: list[str] | None = None) -> str | None:
        """The first of the applicable steps (`steps`, when the caller has just listed them) not answered."""
        listed = self.applicable_steps() if steps is None else steps
        return next((step for step in listed if not self.is_complete(step)), None)

    def is_reachable(self, step: str) -> bool:
        """A step opens when it applies and every applicable step before it is answered."""
        if not self.step_applies(step):
            return False
        for earlier in self.applicable_steps():
            if earlier == step:
                return True
            if not self.is_complete(earlier):
                return False
        return False

    def resume_step(self) -> str:
        """Where a returning user picks up: the first unanswered step, else the summary."""
        return self.first_incomplete() or self.review_step()

    def next_step(self, after: str) -> str:
        steps = self.applicable_steps()
        if self.has_reached_review():
            return self.first_incomplete(steps) or self.review_step()
        later = steps[steps.index(after) + 1 :] if after in steps else []
        visitable = [step for step in later if self.views[step].is_visitable(self, step)]
        return visitable[0] if visitable else self.resume_step()

    def previous_step(self, before: str) -> str | None:
        """The step "Back" leads to: the nearest earlier applicable step that can be shown now."""
        order = self.order()
        for step in reversed(order[: order.index(before)]):
            if self.step_applies(step) and self.views[step].is_visitable(self, step):
                return step
        return None

    def has_reached_review(self) -> bool:
        return self.draft.step_reached == self.review_step()

    def mark_reached(self, step: str) -> None:
        order = self.order()
        reached = self.draft.step_reached
        if reached not in order or order.index(step) > order.index(reached):
            self.draft.step_reached = step

    # --- Days ------------------------------------------------------------------------------
    def build_day_rules(self) -> DayEntryRules | None:
        """The flow's rules for day entries; None for a flow without days."""
        return None

    def day_rules(self) -> DayEntryRules:
        if self._day_rules is None:
            self._day_rules = self.build_day_rules()
        if self._day_rules is None:
            raise LookupError(f"{type(self).__name__} collects no days")
        return self._day_rules

    # --- Validating the whole draft ------------------------------------------------------------
    def validate(self) -> dict[str, dict[str, Any]]:
        """Check every applicable step again; the cleaned answers per step, or DraftIncompleteError."""
        cleaned: dict[str, dict[str, Any]] = {}
        for step in self.applicable_steps():
            if step == self.review_step():
                continue
            cleaned[step] = self.views[step].revalidate(self, step)
        return cleaned

    def summary_sections(self, cleaned: dict[str, dict[str, Any]]) -> list[Any]:
        """The summary page's sections, from the cleaned answers (each flow writes its own)."""
        raise NotImplementedError

    # --- Submitting -----------------------------------------------------------------------------
    def submit(self, now: datetime) -> object:
        """Check the whole draft, build the flow's typed request and hand it to the flow's action.

        Called by `intake.submission.submit_draft` with the draft locked, inside its transaction; raises
        DraftIncompleteError when the draft (or the action) refuses.
        """
        raise NotImplementedError

    def already_submitted(self) -> object:
        """What a second submit of the same draft returns (the case the first one made, say)."""
        return None

    def done_url(self) -> str:
        """The page a submitted draft shows: the confirmation with the case number."""
        return reverse("intake:confirmation", kwargs={"draft_id": self.draft.id})

    # --- URLs ---------------------------------------------------------------------------------
    @classmethod
    def url_name(cls, step: str) -> str:
        return f"{cls.flow_type}-{step}"

    def url(self, step: str, query: str = "") -> str:
        address = draft_url(f"{self.namespace}:{self.url_name(step)}", self.draft.id)
        return f"{address}?{query}" if query else address

    def redirect_to(self, step: str) -> HttpResponseRedirect:
        return HttpResponseRedirect(self.url(step))

    @classmethod
    def urlpatterns(cls) -> list[URLPattern]:
        """One URL per step, from the step list: /request/<flow>/<draft id>/<step>/."""
        prefix = str(cls.flow_type).replace("_", "-")
        patterns = [
            path(
                f"{prefix}/<uuid:draft_id>/{step}/",
                cls.views[step].as_view(wizard_class=cls, step=step),
                name=cls.url_name(step),
            )
            for step in cls.order()
        ]
        if cls.starts_without_draft:
            first = cls.order()[0]
            patterns.append(
                path(
                    f"{prefix}/", cls.views[first].as_view(wizard_class=cls, step=first), name=f"{cls.flow_type}-start"
                )
            )
        return patterns


class StepForm(PortalForm):
    """A step's form: it sees the wizard (draft, today, day rules) and stores its raw answers."""

    def __init__(self, *args: Any, wizard: Wizard, **kwargs: Any) -> None:
        self.wizard = wizard
        super().__init__(*args, **kwargs)

    def answer(self) -> dict[str, Any]:
        """The submitted values as the widgets read them: bound again, they give the same result."""
        return {
            name: field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            for name, field in self.fields.items()
        }


class StepView(View):
    """One step of one flow. `wizard_class` and `step` come from the generated URL pattern."""

    wizard_class: type[Wizard] | None = None
    step: str = ""
    template_name = "intake/step.html"
    title: StrOrPromise = ""
    intro: StrOrPromise = ""
    button_text: StrOrPromise = ""

    wizard: Wizard

    # --- Hooks the mechanism asks each step class --------------------------------------------
    @classmethod
    def applies_to(cls, wizard: Wizard, step: str) -> bool:
        return True

    @classmethod
    def is_complete(cls, wizard: Wizard, step: str) -> bool:
        return step in wizard.draft.answers

    @classmethod
    def is_visitable(cls, wizard: Wizard, step: str) -> bool:
        """Whether "Back" may lead here (steps inside a day entry only while a day is being entered)."""
        return True

    @classmethod
    def revalidate(cls, wizard: Wizard, step: str) -> dict[str, Any]:
        """The step's cleaned answers, checked again; DraftIncompleteError when they no longer hold."""
        return {}

    # --- Request handling ---------------------------------------------------------------------
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        assert self.wizard_class is not None  # noqa: S101 - set by Wizard.urlpatterns()
        draft_id = kwargs.get("draft_id")
        if draft_id is None:
            draft = Draft(owner=signed_in_user(request), flow=self.wizard_class.flow_type)
        else:
            draft = self.read_draft(signed_in_user(request), draft_id)
        self.wizard = self.wizard_class(draft)
        if draft.is_submitted:
            return HttpResponseRedirect(self.wizard.done_url())
        reachable = self.wizard.is_reachable(self.step) and self.is_visitable(self.wizard, self.step)
        if draft_id is not None and not reachable:
            return self.wizard.redirect_to(self.wizard.resume_step())
        return super().dispatch(request, *args, **kwargs)

    def read_draft(self, user: User, draft_id: UUID) -> Draft:
        """The draft this request works on: the user's own of this flow, or 404 (`get_draft_for_user`)."""
        assert self.wizard_class is not None  # noqa: S101 - set by Wizard.urlpatterns()
        return get_draft_for_user(user, draft_id, self.wizard_class.flow_type)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        back = self.wizard.previous_step(self.step)
        context = {
            "wizard": self.wizard,
            "draft": self.wizard.draft,
            "step": self.step,
            "flow_title": self.wizard.title,
            "title": self.title,
            "intro": self.intro,
            "button_text": self.button_text,
            "back_url": self.wizard.url(back) if back and self.wizard.draft.pk and not self.is_new_draft() else "",
        }
        context.update(kwargs)
        return context

    def is_new_draft(self) -> bool:
        return self.wizard.draft._state.adding

    def render(self, **kwargs: Any) -> HttpResponse:
        return render(self.request, self.template_name, self.get_context_data(**kwargs))

    def save_and_advance(self) -> HttpResponse:
        """Store the draft and move to the next step (or back to the summary once it was reached)."""
        target = self.wizard.next_step(self.step)
        self.wizard.mark_reached(target)
        self.wizard.save_draft()
        return self.wizard.redirect_to(target)


class FormStepView(StepView):
    """A step that asks its questions through one StepForm and stores the answers under its slug."""

    form_class: type[StepForm]

    @classmethod
    def revalidate(cls, wizard: Wizard, step: str) -> dict[str, Any]:
        form = cls.form_class(data=wizard.draft.answer(step), wizard=wizard)
        if not form.is_valid():
            first_error = next(iter(form.errors.values()), [""])[0]
            raise DraftIncompleteError(step, str(first_error))
        return form.cleaned_data

    def initial(self) -> dict[str, Any]:
        return self.wizard.draft.answer(self.step)

    def get_form(self, data: Any = None) -> StepForm:
        return self.form_class(data=data, initial=None if data is not None else self.initial(), wizard=self.wizard)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(form=self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render(form=form)
        self.save(form)
        return self.save_and_advance()

    def save(self, form: StepForm) -> None:
        self.wizard.draft.answers[self.step] = form.answer()
