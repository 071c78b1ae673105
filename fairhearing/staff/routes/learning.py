"""Learning from complaints: learning notes (recorded from a complaint's page, listed, shown and
changed under learning/), learning meetings, action plans and their actions. Ids in these
addresses are row numbers; a complaint is named by its reference, never by anything personal."""

from django.urls import path

from ..views import learning, learning_actions, learning_records

urlpatterns = [
    path("complaints/<str:reference>/learning/new/", learning.learning_note_new, name="learning_note_new"),
    path("learning/notes/", learning.learning_note_list, name="learning_note_list"),
    path("learning/notes/<int:pk>/", learning_records.learning_note_detail, name="learning_note_detail"),
    path("learning/notes/<int:pk>/edit/", learning.learning_note_edit, name="learning_note_edit"),
    path("learning/meetings/", learning.learning_meeting_list, name="learning_meeting_list"),
    path("learning/meetings/new/", learning.learning_meeting_new, name="learning_meeting_new"),
    path("learning/meetings/<int:pk>/", learning_records.learning_meeting_detail, name="learning_meeting_detail"),
    path("learning/meetings/<int:pk>/edit/", learning_records.learning_meeting_edit, name="learning_meeting_edit"),
    path("learning/meetings/<int:pk>/approve/", learning.learning_meeting_approve,
         name="learning_meeting_approve"),
    path("learning/action-plans/", learning_actions.action_plan_list, name="action_plan_list"),
    path("learning/action-plans/new/", learning_actions.action_plan_new, name="action_plan_new"),
    path("learning/action-plans/<int:pk>/", learning_records.action_plan_detail, name="action_plan_detail"),
    path("learning/action-plans/<int:pk>/edit/", learning_records.action_plan_edit, name="action_plan_edit"),
    path("learning/action-plans/<int:pk>/actions/new/", learning_actions.action_new, name="action_new"),
    path("learning/actions/", learning_actions.action_list, name="action_list"),
    path("learning/actions/<int:pk>/", learning_records.action_detail, name="action_detail"),
    path("learning/actions/<int:pk>/edit/", learning_records.action_edit, name="action_edit"),
    path("learning/actions/<int:pk>/update/", learning_actions.action_update, name="action_update"),
    path("learning/actions/<int:pk>/link/", learning_actions.action_link, name="action_link"),
]
