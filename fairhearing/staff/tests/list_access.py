"""Who may open the list of complaints, and so also export it: one table for both tests."""

from fairhearing.accounts.roles import Role

# (roles, HTTP status) for the list page and its CSV and XLSX exports.
LIST_ACCESS = [
        ((Role.COMPLAINTS_MANAGER,), 200),
        ((Role.COMPLAINTS_OFFICER,), 200),
        ((Role.SENIOR_MANAGER,), 200),
        ((Role.RESPONDING_MANAGER,), 200),
        ((Role.INVESTIGATOR,), 200),
        ((Role.LEARNING_LEAD,), 403),
        ((Role.REPORT_READER,), 403),
        ((Role.ADMINISTRATOR,), 403),
        ((), 403),
    ]
