"""Reads of the bodies app, their queries decided once."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from workflows.permissions import has_perm
from workflows.timeutil import city_tz

from .models import Body, BodyKind, Membership, OpinionRequest, OpinionState, OpinionVote


def today():
    return timezone.localdate(timezone=city_tz())


def bodies():
    return Body.objects.select_related("district").annotate(
        open_requests=Count(
            "opinion_requests", filter=Q(opinion_requests__state=OpinionState.REQUESTED)
        )
    )


def bodies_in_term():
    """The bodies that may be asked for an opinion today."""

    return Body.objects.in_term(today())


def district_council(district_id: int) -> Body | None:
    """The district's council in term today: the one asked for opinions on the district."""

    return (
        Body.objects.in_term(today())
        .filter(kind=BodyKind.DISTRICT_COUNCIL, district=district_id)
        .order_by("-term_start", "-pk")
        .first()
    )


def body_detail(pk: int) -> Body:
    members = Membership.objects.select_related("person", "organisation").order_by(
        "role", "person__last_name", "person__username"
    )
    return (
        Body.objects.select_related("district")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .get(pk=pk)
    )


def requests_of(body: Body):
    return body.opinion_requests.select_related("content_type").order_by("-requested_at", "-pk")


def opinions_on(obj):
    """Every opinion asked on `obj`, newest first, with the body (one query)."""

    return (
        OpinionRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )
        .exclude(state=OpinionState.WITHDRAWN)
        .select_related("body")
    )


def opinions_on_chapters(programme_id: int) -> dict[int, list[OpinionRequest]]:
    """The opinions asked on each chapter of a programme, by chapter (one query)."""

    from consultations.models import Chapter

    chapters = Chapter.objects.filter(programme_id=programme_id).values("pk")
    grouped: dict[int, list[OpinionRequest]] = {}
    opinions = (
        OpinionRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(Chapter), object_id__in=chapters
        )
        .exclude(state=OpinionState.WITHDRAWN)
        .select_related("body")
    )
    for opinion in opinions:
        grouped.setdefault(opinion.object_id, []).append(opinion)
    return grouped


def programme_opinions(programme):
    """Every opinion asked on a programme or on one of its chapters (withdrawn requests
    aside), oldest first, with the body and the roll call (three queries when listed)."""

    from consultations.models import Chapter

    chapters = Chapter.objects.filter(programme=programme).values("pk")
    on_programme = Q(
        content_type=ContentType.objects.get_for_model(type(programme)), object_id=programme.pk
    )
    on_chapters = Q(content_type=ContentType.objects.get_for_model(Chapter), object_id__in=chapters)
    return (
        OpinionRequest.objects.filter(on_programme | on_chapters)
        .exclude(state=OpinionState.WITHDRAWN)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=OpinionVote.objects.select_related("membership__person").order_by("pk"),
            )
        )
        .order_by("pk")
    )


def programme_of(opinion: OpinionRequest) -> int | None:
    """The programme an opinion concerns (itself or through one of its chapters), if any."""

    from consultations.models import Chapter, Programme

    model = opinion.content_type.model_class()
    if model is Programme:
        return opinion.object_id
    if model is Chapter:
        found = Chapter.objects.filter(pk=opinion.object_id).values_list("programme_id", flat=True)
        return found.first()
    return None


def adopting_motion(opinion: OpinionRequest):
    """The vote in a meeting that adopted the opinion, if it was adopted in one."""

    return opinion.motions.filter(carried=True).select_related("meeting").first()


def opinion_targets(model, *, bodies):
    """Ids of the `model` objects that `bodies` were asked about (withdrawn requests aside)."""

    return (
        OpinionRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(model), body__in=list(bodies)
        )
        .exclude(state=OpinionState.WITHDRAWN)
        .values("object_id")
    )


def opinions_on_many(objects) -> dict[str, list[OpinionRequest]]:
    """The opinions asked on each of `objects` (all of one model), keyed by the id as text
    (the `lookup` template filter's keys); one query."""

    objects = list(objects)
    if not objects:
        return {}
    grouped: dict[str, list[OpinionRequest]] = {}
    opinions = (
        OpinionRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(type(objects[0])),
            object_id__in=[o.pk for o in objects],
        )
        .exclude(state=OpinionState.WITHDRAWN)
        .select_related("body")
    )
    for opinion in opinions:
        grouped.setdefault(str(opinion.object_id), []).append(opinion)
    return grouped


def active_rdpp():
    return Body.objects.in_term(today()).filter(kind=BodyKind.RDPP).first()


def can_read_stream(user, key: str) -> bool:
    return key.isdigit() and has_perm(user, "bodies.view_body")


def snapshot(key: str, user) -> dict:
    open_requests = OpinionRequest.objects.filter(body_id=int(key), state=OpinionState.REQUESTED)
    return {"open_requests": open_requests.count()}


def consultations_visible(user):
    """District councils' consultations a person may read: all for council staff, the
    running and finished ones for everybody, and drafts to the officers of their council."""

    from workflows.accounts.roles import is_council_staff

    from .models import ConsultationState, DistrictConsultation

    found = DistrictConsultation.objects.select_related("body__district").annotate(
        comment_count=Count("comments")
    )
    if is_council_staff(user):
        return found
    shown = ~Q(state=ConsultationState.DRAFT)
    if user and user.is_authenticated:
        officers = Membership.objects.in_term(today()).filter(
            person=user, role__in=["chair", "secretary"]
        )
        shown |= Q(body__in=officers.values("body"))
    return found.filter(shown)


def can_see_consultation(user, consultation) -> bool:
    from .models import ConsultationState

    return consultation.state != ConsultationState.DRAFT or user.has_perm(
        "bodies.run_consultation", consultation.body
    )
