"""The demo council's teams, role groups and one sign-in per role.

Accounts have no services yet, so teams, groups and users are written here directly, each with
``get_or_create`` so that running the loader again changes nothing. Everything else the demo
creates goes through the services.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from fairhearing.accounts.models import Team, User
from fairhearing.accounts.roles import Role

# A local demo only: the password is printed on the screen and written in the README.
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105
DEMO_URL = "http://127.0.0.1:8000"

# (team, service area, relative volume of complaints). Names follow the team structure in
# published annual reports (seed 001: CFAT, Family Support Teams, Through Care, LADO and so on).
TEAMS: list[tuple[str, str, int]] = [
    ("Children and Families Assessment Team", "Front Door and Assessment", 9),
    ("MASH", "Front Door and Assessment", 4),
    ("Family Support Team 1", "Family Support and Child Protection", 6),
    ("Family Support Team 2", "Family Support and Child Protection", 5),
    ("Family Support Team 3", "Family Support and Child Protection", 5),
    ("Family Support Team 4", "Family Support and Child Protection", 9),
    ("Family Support Team 5", "Family Support and Child Protection", 4),
    ("Family Support Team 6", "Family Support and Child Protection", 4),
    ("Child Protection / LADO", "Safeguarding and Quality Assurance", 5),
    ("Children Looked After", "Children in Care", 7),
    ("Fostering", "Children in Care", 5),
    ("Adoption", "Permanence", 4),
    ("Permanence / Court Work", "Permanence", 3),
    ("Leaving Care", "Care Leavers", 6),
    ("Disabled Children", "Children with Disabilities", 5),
    ("Prevention and Support Services", "Early Help", 3),
]

RESPONDER_TEAM = "Family Support Team 4"


@dataclass(frozen=True)
class Login:
    """One demo sign-in: who it is and what role it shows off."""

    username: str
    first_name: str
    last_name: str
    role: Role
    job_title: str
    organisation: str = ""
    teams: tuple[str, ...] = ()
    # May sign in to the Django admin. Never a superuser: the administrator role's permissions
    # (accounts migration 0003) are all the demo needs, and the demo shows least privilege.
    is_staff: bool = False


LOGINS: list[Login] = [
    Login("manager", "Morwenna", "Quillfeather", Role.COMPLAINTS_MANAGER,
          "Complaints and Information Manager"),
    Login("officer", "Tobias", "Pennywhistle", Role.COMPLAINTS_OFFICER, "Complaints Officer"),
    Login("responder", "Priya", "Thistledown", Role.RESPONDING_MANAGER,
          "Team Manager, Family Support Team 4", teams=(RESPONDER_TEAM,)),
    Login("senior", "Ambrose", "Larkspur-Vane", Role.SENIOR_MANAGER,
          "Head of Service, Children's Social Care"),
    Login("investigator", "Hester", "Marrowgate", Role.INVESTIGATOR, "Investigating Officer",
          organisation="Wrenfield Independent Investigations (fictional)"),
    Login("independent", "Caspian", "Nettlefold", Role.INVESTIGATOR, "Independent Person",
          organisation="Independent Person (self-employed, fictional)"),
    Login("panel1", "Ottoline", "Bramblecombe", Role.INVESTIGATOR, "Review panel chair",
          organisation="Kestrelby Associates (fictional)"),
    Login("panel2", "Rufus", "Saffronby", Role.INVESTIGATOR, "Review panel member",
          organisation="Umberleigh Advocacy Trust (fictional)"),
    Login("panel3", "Delphine", "Oakapple", Role.INVESTIGATOR, "Review panel member",
          organisation="Independent panel member (fictional)"),
    Login("learning", "Winifred", "Fennimore", Role.LEARNING_LEAD, "Principal Social Worker"),
    Login("reader", "Barnaby", "Gorsebrook", Role.REPORT_READER,
          "Director of Children's Services"),
    Login("admin", "Imogen", "Puddlecombe", Role.ADMINISTRATOR, "Systems Administrator",
          is_staff=True),
]

MARKER_USERNAME = "manager"


def teams_ensure() -> dict[str, Team]:
    """The demo council's teams by name, created if missing."""
    teams = {}
    for name, service_area, _volume in TEAMS:
        team, _ = Team.objects.get_or_create(name=name, defaults={"service_area": service_area})
        teams[name] = team
    return teams


def groups_ensure() -> dict[str, Group]:
    """One group per role (normally made by a migration; made here if missing)."""
    return {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def users_ensure(*, teams: dict[str, Team], groups: dict[str, Group]) -> dict[str, User]:
    """The demo sign-ins by username. An existing user is left as it is (password included)."""
    password_hash: Callable[[], str] = _hash_once()
    users = {}
    for login in LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User(
                username=login.username,
                first_name=login.first_name,
                last_name=login.last_name,
                email=f"{login.username}@demo-council.example.org",
                job_title=login.job_title,
                organisation=login.organisation,
                is_staff=login.is_staff,
                is_superuser=False,
                password=password_hash(),
            )
            user.save()
            user.groups.add(groups[login.role.value])
            user.teams.add(*(teams[name] for name in login.teams))
        users[login.username] = user
    return users


def _hash_once() -> Callable[[], str]:
    # The logins share one published password, so one (deliberately slow) Argon2 hash serves all.
    cached: list[str] = []

    def password_hash() -> str:
        if not cached:
            cached.append(make_password(DEMO_PASSWORD))
        return cached[0]

    return password_hash


def logins_table() -> str:
    """The sign-ins as a plain-text table, with the address and a warning."""
    rows = [("Username", "Role", "Password")]
    rows += [(login.username, _role_label(login), DEMO_PASSWORD) for login in LOGINS]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(
        [
            "Demo sign-ins (for this local demo only: never use these accounts or this password "
            "on a real council's system):",
            "",
            *lines,
            "",
            f"Open {DEMO_URL} and sign in with any of them.",
        ]
    )


def _role_label(login: Login) -> str:
    label = str(login.role.label)
    if login.role == Role.INVESTIGATOR:
        label = f"Investigator ({login.job_title})"
    if login.role == Role.RESPONDING_MANAGER:
        label = f"{label} ({RESPONDER_TEAM})"
    return label
