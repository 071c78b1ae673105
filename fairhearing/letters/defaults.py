"""The default wording of every letter, standard and child-friendly.

Seeded into the database by migration 0002 and offered again on the edit page ("start again from
the default wording"). Written for the children's statutory procedure in plain British English;
councils adapt them in the staff pages. Child-friendly letters use short sentences and everyday
words a 12-year-old can follow, explain the words they must use (upheld, advocate, Stage 2) and
always say who the child can talk to.
"""

from .choices import Audience, LetterKind

STANDARD: dict[str, tuple[str, str]] = {
    LetterKind.ACKNOWLEDGEMENT: (
        "Your complaint, reference {{ reference }}",
        """Dear {{ complainant_name }},

Thank you for contacting us on {{ received_date }}. We have logged your complaint under reference {{ reference }}. Please quote this reference whenever you contact us about it.

We understand your complaint to be about these points:

{{ points_of_complaint }}

If we have misunderstood anything, or missed something out, please tell us as soon as you can so that we can put it right.

A manager from the service will now look into each point and write to you with a full response by {{ due_date }}. If we need more time, we will write to tell you why and give you a new date.

If the complaint is made by or about a child or young person, they can have an advocate: someone independent who helps them say what they think. Please tell us if you would like us to arrange one.

{{ additional_information }}

If you have any questions, please contact me, quoting your reference.

Yours sincerely

{{ officer_name }}
{{ service_name }}
{{ council_name }}""",
    ),
    LetterKind.EXTENSION_NOTICE: (
        "Your complaint {{ reference }}: we need more time",
        """Dear {{ complainant_name }},

I am writing about your complaint, reference {{ reference }}.

We told you that we would send you our {{ stage }} response by {{ previous_due_date }}. I am sorry, but we need more time to look into your complaint properly.

This is because: {{ extension_reason }}

We will now send you our response by {{ new_due_date }}.

{{ additional_information }}

If you are unhappy about the delay, or would like to talk about your complaint in the meantime, please contact me, quoting your reference.

Yours sincerely

{{ officer_name }}
{{ service_name }}
{{ council_name }}""",
    ),
    LetterKind.STAGE_ONE_RESPONSE: (
        "Response to your complaint {{ reference }}",
        """Dear {{ complainant_name }},

Thank you for your complaint, which we received on {{ received_date }}. This letter is our response at Stage 1 of the complaints procedure.

I am sorry that you have had cause to complain. Each point of your complaint has been looked into, and what we found is set out below.

{{ outcome_by_point }}

Overall, your complaint has been {{ outcome }}.

To put things right, we will:

{{ remedies }}

{{ additional_information }}

If you are not happy with this response, please contact us first: we may be able to sort things out quickly. If you are still unhappy, you can ask for your complaint to be considered at Stage 2 of the procedure, where it is investigated by someone who has not been involved, with an Independent Person who does not work for the council. Please ask by {{ escalation_deadline }}, by letter, email or telephone, quoting your reference.

Yours sincerely

{{ responder_name }}
{{ service_name }}
{{ council_name }}""",
    ),
    LetterKind.STAGE_TWO_INVITATION: (
        "Your complaint {{ reference }}: asking for Stage 2",
        """Dear {{ complainant_name }},

I am writing about your complaint, reference {{ reference }}, and our Stage 1 response of {{ response_date }}.

If you are not satisfied with that response, you can ask for your complaint to be considered at Stage 2 of the complaints procedure. Please let us know by {{ escalation_deadline }}. You can do this by letter, by email or by telephone.

At Stage 2 an Investigating Officer, who has not been involved in your case, looks into your complaint in detail. An Independent Person, who does not work for the council, works alongside them to make sure the investigation is open and fair.

First, the Investigating Officer will contact you to agree a written statement of your complaint: the points you want investigated and the outcome you are looking for. The investigation should be finished within 25 working days of agreeing that statement. If it is complex it can take longer, up to 65 working days, and we will tell you why and when to expect it. A senior manager will then write to you with the council's decision on each point.

If the complaint is made by or about a child or young person, they can have an advocate to help them take part. Please tell us if you would like us to arrange one.

{{ additional_information }}

If you have any questions about Stage 2, please contact me, quoting your reference.

Yours sincerely

{{ officer_name }}
{{ service_name }}
{{ council_name }}""",
    ),
    LetterKind.ADJUDICATION: (
        "Stage 2 decision on your complaint {{ reference }}",
        """Dear {{ complainant_name }},

I am writing to tell you the council's decision on your complaint, reference {{ reference }}, at Stage 2 of the complaints procedure.

Your complaint was investigated by {{ investigating_officer_name }}, Investigating Officer, with {{ independent_person_name }} as the Independent Person. I have read their reports and considered their findings carefully.

My decision on each point of your complaint is set out below.

{{ outcome_by_point }}

Overall, your complaint has been {{ outcome }}.

To put things right, the council will:

{{ remedies }}

{{ additional_information }}

If you are not happy with this decision, you can ask for your complaint to be considered by a review panel. This is Stage 3 of the procedure. The panel is made up of three people who are independent of the council. Please ask by {{ escalation_deadline }}, quoting your reference.

Yours sincerely

{{ responder_name }}
On behalf of {{ council_name }}""",
    ),
    LetterKind.PANEL_INVITATION: (
        "Review panel for your complaint {{ reference }}",
        """Dear {{ complainant_name }},

Thank you for asking, on {{ requested_date }}, for your complaint to be considered by a review panel. This is Stage 3 of the complaints procedure.

The panel is made up of three people who are independent of the council; one of them chairs the meeting. The panel must meet by {{ panel_meeting_due_date }}. We will confirm the date, time and place with you.

{{ additional_information }}

You are invited to come to the meeting and explain your complaint to the panel. You may bring someone with you to support you or to speak for you, such as a friend, a family member or an advocate. A representative of the council will also attend.

Please tell us whether you will attend, and whether you need anything to help you take part, such as an interpreter, step-free access or information in another format.

The panel will look at your complaint and how it was dealt with at Stage 2. After the meeting, it will send its report and recommendations to you and to the council within 5 working days. The council will then write to you with its response within 15 working days of receiving the report.

If you have any questions about the meeting, please contact me, quoting your reference.

Yours sincerely

{{ officer_name }}
{{ service_name }}
{{ council_name }}""",
    ),
    LetterKind.COUNCIL_RESPONSE: (
        "The council's response to the review panel: complaint {{ reference }}",
        """Dear {{ complainant_name }},

The review panel met on {{ panel_met_date }} to consider your complaint, reference {{ reference }}, and the council received its report on {{ panel_report_date }}. This letter is the council's response to the panel's findings and recommendations.

The council's decision on each point of your complaint is:

{{ outcome_by_point }}

Overall, your complaint has been {{ outcome }}.

{{ panel_recommendations_response }}

To put things right, the council will:

{{ remedies }}

{{ additional_information }}

This is the end of the council's complaints procedure. If you remain unhappy, you can ask the Local Government and Social Care Ombudsman to look at your complaint. The Local Government and Social Care Ombudsman is independent and its service is free. You can contact the Ombudsman at www.lgo.org.uk or by telephone on 0300 061 0614. The Ombudsman usually expects to hear from you within 12 months.

Yours sincerely

{{ responder_name }}
On behalf of {{ council_name }}""",
    ),
}

CHILD_FRIENDLY: dict[str, tuple[str, str]] = {
    LetterKind.ACKNOWLEDGEMENT: (
        "We have got your complaint",
        """Hello {{ complainant_first_name }},

Thank you for telling us that you are not happy. You were right to tell us, and we are taking it seriously.

Your complaint number is {{ reference }}. It helps us find your complaint quickly.

This is what we think you are unhappy about:

{{ points_of_complaint }}

If we have got anything wrong, or missed something out, please tell us.

A manager will now look into your complaint. We will write to you by {{ due_date }} to tell you what we found out.

You can have an advocate. An advocate is someone who is on your side. They help you say what you think and feel, and they do not work for your social work team. It is free. Just ask us and we will find one for you.

{{ additional_information }}

If you are worried or have a question, you can talk to me, your advocate, your social worker or any adult you trust. If you ever feel unsafe, you can call Childline for free on 0800 1111.

Best wishes

{{ officer_name }}
{{ service_name }}""",
    ),
    LetterKind.EXTENSION_NOTICE: (
        "We need a bit more time",
        """Hello {{ complainant_first_name }},

We are still looking into your complaint (number {{ reference }}).

We said we would write to you by {{ previous_due_date }}. We are sorry, but we need a bit more time to do this properly.

This is why: {{ extension_reason }}

We will now write to you by {{ new_due_date }}.

{{ additional_information }}

If you are fed up with waiting, or want to talk to someone, you can contact me. Your advocate or your social worker can help too. If you do not have an advocate and would like one, just ask us.

Best wishes

{{ officer_name }}
{{ service_name }}""",
    ),
    LetterKind.STAGE_ONE_RESPONSE: (
        "What we found out about your complaint",
        """Hello {{ complainant_first_name }},

Thank you for waiting. We have looked into your complaint (number {{ reference }}).

Here is what we found out about each thing you told us:

{{ outcome_by_point }}

Overall, your complaint is {{ outcome }}. "Upheld" means we agree with you. "Partially upheld" means we agree with some of it. "Not upheld" means we do not agree with you.

This is what we are going to do:

{{ remedies }}

{{ additional_information }}

If you are still not happy, that is OK. You can ask for someone new to look at your complaint. This is called Stage 2. Please tell us by {{ escalation_deadline }}. Your advocate, your social worker or any adult you trust can help you do this.

Best wishes

{{ officer_name }}
{{ service_name }}""",
    ),
    LetterKind.STAGE_TWO_INVITATION: (
        "If you are still not happy",
        """Hello {{ complainant_first_name }},

We wrote to you on {{ response_date }} to tell you what we found out about your complaint (number {{ reference }}).

If you are still not happy, you can ask for your complaint to be looked at again. This is called Stage 2. Please tell us by {{ escalation_deadline }}. You can write to us, email us or phone us. Your advocate or another adult can tell us for you if you prefer.

At Stage 2, two new people look into your complaint. One is called the Investigating Officer. The other is called the Independent Person. The Independent Person does not work for the council. Their job is to make sure things are fair.

They will talk to you first, to check what you are unhappy about and what you would like to happen. Then they will find out what happened. After that, a senior manager will write to you to tell you what they have decided.

You can have an advocate to help you. An advocate is someone on your side who helps you say what you think. It is free. Just ask us.

{{ additional_information }}

If you have a question, you can talk to me, your advocate, your social worker or any adult you trust.

Best wishes

{{ officer_name }}
{{ service_name }}""",
    ),
    LetterKind.ADJUDICATION: (
        "What we have decided about your complaint",
        """Hello {{ complainant_first_name }},

Two people have looked into your complaint again (number {{ reference }}). They were {{ investigating_officer_name }}, the Investigating Officer, and {{ independent_person_name }}, the Independent Person. I have read what they found out, and I have made a decision.

This is what I have decided about each thing you told us:

{{ outcome_by_point }}

Overall, your complaint is {{ outcome }}. "Upheld" means we agree with you. "Partially upheld" means we agree with some of it. "Not upheld" means we do not agree with you.

This is what we are going to do:

{{ remedies }}

{{ additional_information }}

If you are still not happy, you can ask for a meeting called a review panel. Three people who do not work for the council will listen to you and look at your complaint. Please tell us by {{ escalation_deadline }}. Your advocate can help you with this, and can come to the meeting with you.

Thank you for telling us how you feel. It helps us to do better.

Best wishes

{{ responder_name }}
{{ council_name }}""",
    ),
    LetterKind.PANEL_INVITATION: (
        "Your review panel meeting",
        """Hello {{ complainant_first_name }},

You asked for a review panel to look at your complaint (number {{ reference }}). Thank you for telling us.

A review panel is a meeting with three people who do not work for the council. They will listen to you, look at your complaint and what has happened so far, and then say what they think the council should do.

The meeting will happen by {{ panel_meeting_due_date }}. We will tell you the day, the time and where it is.

{{ additional_information }}

You can come to the meeting and tell the panel what you think. You do not have to talk if you do not want to. You can bring someone with you, like your advocate, someone in your family or a friend. If you prefer, you can tell your advocate what you want to say, and they can say it for you.

If anything would make the meeting easier for you, like breaks, a quiet room or help with reading, please tell us.

After the meeting, the panel will write down what they think. Then the council will write to you to say what it is going to do.

If you have a question or a worry, you can talk to me, your advocate or your social worker.

Best wishes

{{ officer_name }}
{{ service_name }}""",
    ),
    LetterKind.COUNCIL_RESPONSE: (
        "What the council will do after your review panel",
        """Hello {{ complainant_first_name }},

The review panel met on {{ panel_met_date }} to talk about your complaint (number {{ reference }}). They wrote a report saying what they think the council should do. The council has read the report carefully.

This is what the council has decided about each thing you told us:

{{ outcome_by_point }}

Overall, your complaint is {{ outcome }}. "Upheld" means we agree with you. "Partially upheld" means we agree with some of it. "Not upheld" means we do not agree with you.

{{ panel_recommendations_response }}

This is what we are going to do:

{{ remedies }}

{{ additional_information }}

This is the last step of our complaints process. If you are still not happy, you can ask the Local Government and Social Care Ombudsman to look at your complaint. The Ombudsman does not work for the council, and it is free. You can find them at www.lgo.org.uk or phone 0300 061 0614. Your advocate or an adult you trust can help you.

Thank you for speaking up. It helps us to do better for other children and young people too.

Best wishes

{{ responder_name }}
{{ council_name }}""",
    ),
}

DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    **{(str(kind), str(Audience.STANDARD)): text for kind, text in STANDARD.items()},
    **{(str(kind), str(Audience.CHILD_FRIENDLY)): text for kind, text in CHILD_FRIENDLY.items()},
}


def default_template(kind: str, audience: str) -> tuple[str, str]:
    """The default (subject, body) of one letter."""
    return DEFAULT_TEMPLATES[(str(kind), str(audience))]
