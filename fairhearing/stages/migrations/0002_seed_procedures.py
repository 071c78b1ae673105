"""The procedures every council runs, with their timescales in working days.

Children's statutory: Children Act 1989 s26 and the Children Act 1989 Representations Procedure
(England) Regulations 2006 (SI 2006/1738), with Getting the Best from Complaints (DfES 2006).
Corporate: the council's own procedure following the LGSCO Complaint Handling Code (2024).
Acknowledgement and escalation windows are local targets a council may change in the admin.
"""

from django.db import migrations

PROCEDURES = [
    {
        "code": "children-statutory",
        "name": "Children's statutory complaints procedure",
        "kind": "children_statutory",
        "acknowledgement_days": 3,
        "source": "Children Act 1989 s26; SI 2006/1738",
        "stages": [
            dict(number=1, name="Stage 1: local resolution", clock_starts="received",
                 response_days=10, max_response_days=20, escalation_window_days=20,
                 source="SI 2006/1738 reg 14: 10 working days, up to 20 if complex or an advocate is needed"),
            dict(number=2, name="Stage 2: investigation", clock_starts="statement_agreed",
                 response_days=25, max_response_days=65, escalation_window_days=20,
                 source="SI 2006/1738 reg 17: 25 working days from the agreed statement, up to 65"),
            dict(number=3, name="Stage 3: review panel", clock_starts="requested",
                 response_days=30, max_response_days=30, panel_report_days=5, council_response_days=15,
                 source="SI 2006/1738 reg 19(4): panel within 30 working days; reg 20: report 5, response 15"),
        ],
    },
    {
        "code": "corporate",
        "name": "Corporate complaints procedure",
        "kind": "corporate",
        "acknowledgement_days": 5,
        "source": "LGSCO Complaint Handling Code (2024)",
        "stages": [
            dict(number=1, name="Stage 1", clock_starts="acknowledged",
                 response_days=10, max_response_days=20, escalation_window_days=20,
                 source="Complaint Handling Code 5.4-5.5: 10 working days from acknowledgement, up to 10 more"),
            dict(number=2, name="Stage 2", clock_starts="acknowledged", acknowledgement_days=5,
                 response_days=20, max_response_days=30,
                 source="Complaint Handling Code 6.5-6.6: acknowledge in 5, respond in 20 working days"),
        ],
    },
    {
        "code": "safeguarding",
        "name": "Safeguarding procedures",
        "kind": "elsewhere",
        "acknowledgement_days": 3,
        "source": "Working Together to Safeguard Children",
        "stages": [],
    },
    {
        "code": "other-route",
        "name": "Another route (SEND, schools, courts or another council)",
        "kind": "elsewhere",
        "acknowledgement_days": 3,
        "source": "",
        "stages": [],
    },
]


def add_procedures(apps, schema_editor):
    Procedure = apps.get_model("cases", "Procedure")
    StageRule = apps.get_model("stages", "StageRule")
    for spec in PROCEDURES:
        spec = dict(spec)
        stages = spec.pop("stages")
        procedure, _ = Procedure.objects.get_or_create(code=spec["code"], defaults=spec)
        for stage in stages:
            StageRule.objects.get_or_create(
                procedure=procedure,
                number=stage["number"],
                defaults={**stage, "is_statutory": spec["kind"] == "children_statutory"},
            )


class Migration(migrations.Migration):
    dependencies = [("stages", "0001_stages_and_rules"), ("cases", "0002_seed_themes")]

    operations = [migrations.RunPython(add_procedures, migrations.RunPython.noop)]
