from django.urls import path

from . import api, rules

M = "meetings/<id:pk>/"

urlpatterns = [
    path("meetings/", api.MeetingListView.as_view(), name="api-meeting-list"),
    path(M, api.MeetingDetailView.as_view(), name="api-meeting-detail"),
    path(f"{M}open/", api.TransitionView.as_view(transition="open"), name="api-meeting-open"),
    path(f"{M}close/", api.TransitionView.as_view(transition="close"), name="api-meeting-close"),
    path(
        f"{M}minutes/publish/",
        api.TransitionView.as_view(transition="publish_minutes"),
        name="api-meeting-publish",
    ),
    path(f"{M}minutes/", api.MinutesView.as_view(), name="api-meeting-minutes"),
    path(
        f"{M}check-in/",
        api.CommandView.as_view(command="meeting.check_in", write_guard=rules.checks_in),
        name="api-meeting-check-in",
    ),
    path(
        f"{M}items/<id:item>/open/",
        api.CommandView.as_view(command="meeting.open_item", write_guard=rules.moderates),
        name="api-meeting-open-item",
    ),
    path(
        f"{M}items/<id:item>/close/",
        api.CommandView.as_view(command="meeting.close_item", write_guard=rules.moderates),
        name="api-meeting-close-item",
    ),
    path(
        f"{M}hand/raise/",
        api.CommandView.as_view(command="meeting.raise_hand", write_guard=rules.asks_for_floor),
        name="api-meeting-raise-hand",
    ),
    path(
        f"{M}hand/lower/",
        api.CommandView.as_view(command="meeting.lower_hand", write_guard=rules.asks_for_floor),
        name="api-meeting-lower-hand",
    ),
    path(
        f"{M}floor/",
        api.CommandView.as_view(command="meeting.give_floor", write_guard=rules.moderates),
        name="api-meeting-give-floor",
    ),
    path(
        f"{M}floor/end/",
        api.CommandView.as_view(command="meeting.end_floor", write_guard=rules.ends_floor),
        name="api-meeting-end-floor",
    ),
    path(
        f"{M}decisions/",
        api.CommandView.as_view(command="meeting.record_decision", write_guard=rules.moderates),
        name="api-meeting-record-decision",
    ),
    path(
        f"{M}contributions/",
        api.CommandView.as_view(
            command="meeting.add_contribution", write_guard=rules.writes_contribution
        ),
        name="api-meeting-add-contribution",
    ),
    path(
        f"{M}votes/",
        api.CommandView.as_view(command="meeting.put_to_vote", write_guard=rules.moderates),
        name="api-meeting-put-to-vote",
    ),
    path(
        f"{M}votes/cast/",
        api.CommandView.as_view(command="meeting.cast_vote", write_guard=rules.votes),
        name="api-meeting-cast-vote",
    ),
    path(
        f"{M}votes/close/",
        api.CommandView.as_view(command="meeting.close_vote", write_guard=rules.moderates),
        name="api-meeting-close-vote",
    ),
    path(
        "teams/<id:team>/chapter-suggestions/",
        api.ChapterSuggestionsView.as_view(),
        name="api-chapter-suggestions",
    ),
]
