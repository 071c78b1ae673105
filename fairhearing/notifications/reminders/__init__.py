"""Telling staff about their work: allocation emails, the daily digest, the deadline reminder for
Ombudsman recommendations and action-plan actions, and the overdue escalation to the complaints
manager (issue 7, point 4; docs/reminders.md says what is sent, when and to whom).

- ``allocation``: the listener registered with fairhearing.cases.allocation_listeners; it queues a
  ``case_allocated`` email when someone is named to hold a record.
- ``items``: what each person holds that is due or overdue, read from the stored due dates, one
  query per kind of record, through the access selectors; apps above this one (the public forms)
  add their kinds with ``register_item_source`` when Django starts.
- ``recipients``: who might hold something, in one query.
- ``run``: the plan for a day and the service that queues it (used by ``manage.py send_reminders``).

Every email goes through fairhearing.notifications.services.email_queue, so it waits in the outbox
and the worker sends it. Items are references, what is due and the date: never a name or the text
of a record, which may name a child.
"""
