"""The publication workflow: draft → in review → published, and published → withdrawn.

One set of rules, read by the admin (forms and actions) and the API (``WorkflowPermission``):

- who may take each step: submitting and sending back need the model's ``change``
  permission (editors); publishing, withdrawing and reopening need ``publish_<model>``
  (reviewers). A reviewer may also publish a draft nobody submitted: reviewing it is
  what they do, and the second-reviewer rule still applies;
- with ``settings.REQUIRE_SECOND_REVIEWER`` on (the default), nobody publishes a record
  whose last change is their own, and a save that publishes changes nothing else;
- withdrawing needs a reason, and so does changing a published record in the admin;
- a published or withdrawn record is changed, and any record deleted, only by those who
  may publish; editors change and delete drafts and records in review;
- publishing needs a citation with an excerpt: ``FigureRecord.check_citations``, the model
  rule the admin, the API and the importer all run.

Superusers take any step, the second-reviewer rule aside (a one-person installation
has no second reviewer); the citation rule and the reasons still apply to them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, permissions

from cooperation import history
from cooperation.models import FigureRecord, Status

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN
# Statuses whose record only a reviewer changes.
GUARDED = (PUBLISHED, WITHDRAWN)


@dataclass(frozen=True)
class Step:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str  # "change" or "publish"
    label: str
    needs_reason: bool = False


STEPS = (
    Step("submit", (DRAFT,), IN_REVIEW, "change", gettext_lazy("Submit for review")),
    Step("send_back", (IN_REVIEW,), DRAFT, "change", gettext_lazy("Send back to draft")),
    Step("publish", (IN_REVIEW, DRAFT), PUBLISHED, "publish", gettext_lazy("Publish")),
    Step("withdraw", (PUBLISHED,), WITHDRAWN, "publish", gettext_lazy("Withdraw"), needs_reason=True),
    Step("reopen", (WITHDRAWN,), DRAFT, "publish", gettext_lazy("Reopen as a draft")),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}
STEPS_BY_STATUS = {(source, step.target): step for step in STEPS for source in step.sources}


class WorkflowError(Exception):
    """A refused step. ``code``: "forbidden" (the user may not), "invalid" (not a step of
    the workflow), "reason" (a reason is missing) or "rule" (a model rule is broken)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def _perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return bool(user and user.has_perm(_perm(model, "publish")))


def second_reviewer_required(user) -> bool:
    return settings.REQUIRE_SECOND_REVIEWER and not user.is_superuser


def _status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def check_step(user, record, old: str | None, new: str, *, reason: str = "", changes_content: bool = False) -> None:
    """Raises WorkflowError unless ``user`` may move ``record`` from ``old`` to ``new``.

    ``old`` is None for a new record. ``changes_content``: the same save changes anything
    besides the status (a reviewer's own change would then be the last one).
    """
    model = type(record)
    if old == new:
        return
    if old is None:
        if new in (DRAFT, IN_REVIEW) or user.is_superuser:
            return
        if new == PUBLISHED and can_publish(user, model) and not second_reviewer_required(user):
            return
        raise WorkflowError(
            _(
                "A new record starts as a draft or in review; another reviewer publishes it "
                "once it is saved. (“%(status)s” is not possible here.)"
            )
            % {"status": _status_label(new)},
            "forbidden",
        )
    step = STEPS_BY_STATUS.get((old, new))
    if step is None and not user.is_superuser:
        raise WorkflowError(
            _(
                "“%(old)s” → “%(new)s” is not a step of the workflow: draft → in review → published "
                "(a reviewer may publish a draft), published → withdrawn → draft, and in review → draft."
            )
            % {"old": _status_label(old), "new": _status_label(new)},
            "invalid",
        )
    if step is not None and not user.is_superuser:
        allowed = can_publish(user, model) if step.permission == "publish" else user.has_perm(_perm(model, "change"))
        if not allowed:
            raise WorkflowError(
                _("Only a reviewer may %(step)s a %(model)s.")
                % {"step": str(step.label).lower(), "model": model._meta.verbose_name},
                "forbidden",
            )
    if new == PUBLISHED and second_reviewer_required(user):
        if changes_content:
            raise WorkflowError(
                _(
                    "Publishing is a step of its own: save your changes first; another reviewer then "
                    "publishes the record (the last change must not be the publisher's own)."
                ),
                "forbidden",
            )
        if history.last_change_user_id(record) == user.pk:
            raise WorkflowError(
                _("The last change to this record is your own: another reviewer must publish it."),
                "forbidden",
            )
    if new == WITHDRAWN and not reason.strip():
        raise WorkflowError(_("Say why the record is withdrawn: the reason is kept in its history."), "reason")


def check_change(user, record) -> None:
    """Raises WorkflowError unless ``user`` may change the stored ``record`` (whatever its status)."""
    if isinstance(record, FigureRecord) and record.status in GUARDED and not can_publish(user, type(record)):
        raise WorkflowError(
            _("Only a reviewer may change a %(status)s record.") % {"status": _status_label(record.status)},
            "forbidden",
        )


def check_delete(user, record) -> None:
    if isinstance(record, FigureRecord) and record.status != DRAFT and not can_publish(user, type(record)):
        raise WorkflowError(
            _("Only a reviewer may delete a record that is not a draft; withdraw a published one instead."),
            "forbidden",
        )


def take_step(record, step_name: str, user, *, reason: str = ""):
    """Moves one record one step (the admin's actions), re-reading it under a lock;
    checks who may, the model's rules and the publish rule, and records the reason."""
    step = STEPS_BY_NAME[step_name]
    model = type(record)
    with transaction.atomic():
        record = model._default_manager.select_for_update().get(pk=record.pk)
        if record.status not in step.sources:
            raise WorkflowError(
                _("It is %(status)s, not %(sources)s.")
                % {
                    "status": _status_label(record.status),
                    "sources": _(" or ").join(_status_label(source) for source in step.sources),
                },
                "invalid",
            )
        check_step(user, record, record.status, step.target, reason=reason)
        record.status = step.target
        try:
            record.full_clean()
            record.validate_citations()
        except ValidationError as error:
            raise WorkflowError(" ".join(error.messages), "rule") from None
        with history.recording(reason):
            record.save()
    return record


# --- The API --------------------------------------------------------------------------


def _comparable(value):
    """A record's JSON as a client writes it back: related rows by identifier."""
    if isinstance(value, dict):
        return value.get("id", value)
    if isinstance(value, list):
        return [
            {key: _comparable(item) for key, item in entry.items()} if isinstance(entry, dict) else entry
            for entry in value
        ]
    return value


class WorkflowPermission(permissions.BasePermission):
    """The workflow's rules for API writes to figure records, next to the model permissions.

    Forbidden steps answer 403, steps the workflow does not have 400. The reason for a
    withdrawal comes in the ``X-Change-Reason`` header. A new record's status is checked
    by the viewset once the record is valid (``check_new``).
    """

    @staticmethod
    def _refuse(error: WorkflowError):
        if error.code in ("invalid", "reason"):
            raise exceptions.ValidationError({"status": [error.message]})
        raise exceptions.PermissionDenied(error.message)

    def _data(self, request) -> dict:
        return request.data if isinstance(request.data, dict) else {}

    @classmethod
    def check_new(cls, request, record) -> None:
        """A new record's status (the viewset calls this once the record is valid)."""
        try:
            check_step(request.user, record, None, record.status)
        except WorkflowError as error:
            cls._refuse(error)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        try:
            if request.method == "DELETE":
                check_delete(request.user, obj)
                return True
            check_change(request.user, obj)
            data = self._data(request)
            new = data.get("status") or obj.status
            self._require_reason_for_published(request, view, obj, data, new)
            if new in Status.values and new != obj.status:
                check_step(
                    request.user,
                    obj,
                    obj.status,
                    new,
                    reason=history.request_reason(request),
                    changes_content=self._changes_content(view, obj, data),
                )
        except WorkflowError as error:
            self._refuse(error)
        return True

    def _require_reason_for_published(self, request, view, obj, data: dict, new: str) -> None:
        """A correction to a published record says why, as it must in the admin."""
        if obj.status != Status.PUBLISHED or new != Status.PUBLISHED or history.request_reason(request):
            return
        if self._changes_content(view, obj, data):
            raise exceptions.ValidationError(
                {
                    history.REASON_HEADER: [
                        _("Changing a published record needs a reason: send it in the %(header)s header.")
                        % {"header": history.REASON_HEADER}
                    ]
                }
            )

    def _changes_content(self, view, obj, data: dict) -> bool:
        current = view.get_serializer(obj).data
        return any(
            _comparable(value) != _comparable(current.get(name))
            for name, value in data.items()
            if name not in ("status", "id")
        )
