"""Seed 003, Havering's Children's Services complaints and compliments report 2021-22, rebuilt
from records.

The seed prints: the Ombudsman's decisions over three years in the historic categories (1.1);
totals of enquiries, Stage 1, Stage 2 and Stage 3 (1.2); Stage 2 endings (1.3); complaints by
team in its text (1.4); themes in its text (1.5); outcomes (1.6); Stage 1 response times (1.7);
expenditure (1.8); how complaints were received (1.9); who complained; Members' correspondence
with the share answered in time; compliments with six quotations; and the action plan.

The world is built once for the module, through the services, inside a transaction rolled back at
the end. So that the seed's definitions (a year's complaints, by what happened to them) and ours
(stages ended, responses sent or due, in the period) count the same records, every complaint
received in a year is answered, withdrawn and closed within that year; only Stage 2
investigations carry on into 2022-23, as the seed says three did.

The seed's "Enquiries" (74 in 2021-22, 76 in 2020-21: "not statutory or corporate complaints and
not included in any further data") are what we call initial feedback; its "Members
Correspondence" (56 and 69) are our enquiries from MPs and councillors.

Where the seed gives no record-level detail we chose values consistent with every figure it
prints, and assert those too ("chosen" below). The seed's contradictions are set out in the
docstring of the test that meets each one.
"""
