"""Services and selectors for the representations a complaints team records besides complaints:
compliments, Members' enquiries, initial feedback (concerns), ADR, IRO disputes, and costs.

One module per kind. Every write is a keyword-only, typed, atomic service that validates, saves and
writes an audit event whose subject is the record; errors a user can correct are DomainErrors in
plain English. Import from the module, e.g. ``from fairhearing.cases.kinds.enquiries import
enquiry_create``.
"""
