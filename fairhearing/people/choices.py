"""Code lists for people. Monitoring codes follow the DfE children's social care census and the
ONS 2021 census so that figures compare with national returns."""

from django.db import models


class Relationship(models.TextChoices):
    """How a complainant relates to the child the complaint is about."""

    CHILD = "child", "Child or young person (about themselves)"
    PARENT = "parent", "Parent"
    FAMILY = "family", "Other family member"
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "Person with parental responsibility"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    ADOPTER = "adopter", "Adopter or prospective adopter"
    ADVOCATE = "advocate", "Advocate"
    PROFESSIONAL = "professional", "Professional"
    OTHER = "other", "Other"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "Email"
    TELEPHONE = "telephone", "Telephone"
    LETTER = "letter", "Letter"
    TEXT = "text", "Text message"


class LegalStatus(models.TextChoices):
    """The child's status with Children's Services when the complaint was made."""

    LOOKED_AFTER = "looked_after", "Looked after (child in care)"
    CHILD_PROTECTION = "child_protection", "Child protection plan"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CARE_LEAVER = "care_leaver", "Care leaver"
    EARLY_HELP = "early_help", "Early help"
    ADOPTED = "adopted", "Adopted or placed for adoption"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship"
    OTHER = "other", "Other or not known"


class CaseSystem(models.TextChoices):
    LIQUIDLOGIC = "liquidlogic", "Liquidlogic"
    MOSAIC = "mosaic", "Mosaic"
    ECLIPSE = "eclipse", "Eclipse"
    OTHER = "other", "Other"


class Gender(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known or not stated"


class Ethnicity(models.TextChoices):
    """DfE main ethnicity codes."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy or Roma"
    WOTH = "WOTH", "Any other White background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """DfE children in need census disability codes."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability"
    NOBT = "NOBT", "Not known"


class Religion(models.TextChoices):
    """ONS 2021 census religion categories."""

    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    NOT_ANSWERED = "not_answered", "Not answered"
