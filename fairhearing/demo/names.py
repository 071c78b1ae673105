"""Obviously fictional names and contact details for the demo council's people.

Surnames are deliberately whimsical so no one mistakes a demo record for a real family. Email
addresses use the reserved example.org and example.com domains (RFC 2606), telephone numbers
Ofcom's drama range 07700 900000 to 900999, and postcodes the made-up "DB" (Demo Borough) area.
"""

from random import Random

SURNAMES = [
    "Applethwaite", "Bumbleford", "Brambleworth", "Candlewick", "Dandelion", "Elderflower",
    "Fiddlesworth", "Featherby", "Gingersnap", "Gooseberry", "Honeysett", "Hollyhock",
    "Inkwell", "Jollyboat", "Kettlewhistle", "Lavenderby", "Marmaduke-Plum", "Moonpenny",
    "Nutmegg", "Owlsworth", "Puddingstone", "Periwinkle", "Quincewood", "Rhubarbury",
    "Snapdragon", "Sparrowhawke", "Tumbleweed", "Toffeeapple", "Underbough", "Velvetleaf",
    "Willowherb", "Wobblestone", "Yarrowfield", "Zestworth", "Buttercross", "Cloudberry",
    "Dewberry", "Figgins-Blossom", "Marzipan", "Pumpernickel",
]

ADULT_FIRST_NAMES = [
    "Amelia", "Aisha", "Bernadette", "Callum", "Chidi", "Danielle", "Declan", "Ewa", "Farah",
    "Gareth", "Hannah", "Imran", "Jasmine", "Kwame", "Leanne", "Marcus", "Nadia", "Oluwaseun",
    "Paula", "Rajesh", "Rebecca", "Sean", "Siobhan", "Tariq", "Tanya", "Valentina", "Wayne",
    "Yasmin", "Zofia", "Kerry", "Lorraine", "Dean", "Agnieszka", "Priyanka", "Mohammed",
]

CHILD_FIRST_NAMES = [
    "Alfie", "Amara", "Archie", "Bella", "Blessing", "Charlie", "Daisy", "Ellis", "Evie",
    "Freddie", "Grace", "Harley", "Ibrahim", "Isla", "Jayden", "Kacper", "Lily", "Leo", "Maya",
    "Mason", "Nia", "Noah", "Oscar", "Poppy", "Riley", "Ruby", "Sami", "Skye", "Theo", "Zara",
    "Tyler", "Hamza", "Layla", "Kai", "Aaliyah", "Reggie", "Summer", "Jaxon",
]

STREETS = [
    "Larkspur Row", "Thimble Lane", "Puffin Close", "Custard Yard", "Weathervane Walk",
    "Pickle Street", "Lantern Mews", "Bluebell Parade", "Marigold Terrace", "Pebble Crescent",
]

ADVOCACY_PROVIDERS = ["NYAS", "Demo Borough Children's Rights Team"]


class NameBook:
    """Hands out names and contact details from one seeded random generator."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self._phone = 0

    def surname(self) -> str:
        return self.rng.choice(SURNAMES)

    def adult_first_name(self) -> str:
        return self.rng.choice(ADULT_FIRST_NAMES)

    def child_first_name(self) -> str:
        return self.rng.choice(CHILD_FIRST_NAMES)

    def telephone(self) -> str:
        # Ofcom reserves 07700 900000-900999 for drama; cycle through it so numbers look varied.
        self._phone = (self._phone + self.rng.randint(1, 37)) % 1000
        return f"07700 900{self._phone:03d}"

    def email(self, first_name: str, last_name: str) -> str:
        domain = self.rng.choice(["example.org", "example.com"])
        local = f"{first_name}.{last_name}".lower().replace(" ", "").replace("-", "")
        return f"{local}{self.rng.randint(1, 99)}@{domain}"

    def address(self) -> tuple[str, str]:
        street = self.rng.choice(STREETS)
        number = self.rng.randint(1, 120)
        postcode = f"DB{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}{self._letters(2)}"
        return f"{number} {street}\nDemo Borough", postcode

    def case_system_id(self) -> str:
        return f"LL{self.rng.randint(100000, 999999)}"

    def _letters(self, count: int) -> str:
        return "".join(self.rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(count))
