"""General English word groups that say what a news fact is about.

What a figure counts ("killed", "arrested"), what it measures ("feet",
"hectares"), who a phrase describes ("a 16-year-old boy"), and which kind of
event a word names ("shot", "shooting", "gunfire"). Every entry is ordinary
news vocabulary, never a name, a place or a figure from a particular story.
Look-up tables are built on first use (``WordGroups``).
"""

from __future__ import annotations

from functools import cache

from nkdesk.text.normalize import normalize

# What happened to the people a figure counts. Each status lists the words that
# say it of people ("killed", "dead", "deaths"); the first is its name.
STATUSES: tuple[tuple[str, ...], ...] = (
    ("killed", "kill", "killing", "killed", "dead", "died", "dies", "die", "death", "deaths",
     "fatalities", "fatality", "slain", "perished", "lives", "murdered"),
    ("wounded", "wounded", "wounding", "injured", "injuring", "injuries", "injury", "hurt",
     "incapacitated"),
    ("casualties", "casualties", "casualty", "losses"),
    ("missing", "missing", "unaccounted"),
    ("arrested", "arrested", "arrest", "arrests", "detained", "apprehended", "custody",
     "detentions"),
    ("charged", "charged", "indicted"),
    ("shot", "shot"),
    ("rescued", "rescued", "saved"),
    ("evacuated", "evacuated", "evacuation", "evacuations"),
    ("displaced", "displaced", "homeless"),
    ("hospitalized", "hospitalized", "hospitalised", "treated"),
    ("survivors", "survivors", "survived"),
)  # fmt: skip

# Nouns that count people, by the group they belong to; what a bare figure
# before them counts when no status says more.
PEOPLE_NOUNS: tuple[tuple[str, ...], ...] = (
    ("troops", "troops", "soldiers", "forces", "fighters", "servicemen", "personnel",
     "infantrymen", "militants", "recruits", "conscripts", "reservists", "marines"),
    ("people", "people", "persons", "civilians", "residents", "individuals", "others",
     "adults", "men", "women", "children", "kids", "teens", "teenagers", "youths",
     "boys", "girls", "babies", "families", "refugees", "migrants", "villagers",
     "protesters", "demonstrators", "patrons", "guests", "bystanders", "students",
     "workers", "employees", "staff", "members", "fans", "spectators", "pedestrians",
     "motorists", "drivers", "inmates", "prisoners", "hostages", "detainees"),
    ("victims", "victims"),
    ("suspects", "suspects", "gunmen", "shooters", "attackers", "assailants", "robbers"),
    ("officers", "officers", "police", "policemen", "deputies", "agents", "firefighters"),
    ("passengers", "passengers"),
    ("crew", "crew", "crewmembers", "crewmen", "sailors"),
)  # fmt: skip

# One person, as a phrase may describe them before any name: the role, with
# the sex it implies when it does ("m"/"f"; None when it does not).
PERSON_ROLES: dict[str, str | None] = {
    "man": "m", "woman": "f", "boy": "m", "girl": "f", "male": "m", "female": "f",
    "father": "m", "mother": "f", "son": "m", "daughter": "f", "brother": "m",
    "sister": "f", "husband": "m", "wife": "f", "uncle": "m", "aunt": "f",
    "grandfather": "m", "grandmother": "f", "nephew": "m", "niece": "f",
    "boyfriend": "m", "girlfriend": "f", "mom": "f", "dad": "m", "grandson": "m",
    "granddaughter": "f", "gentleman": "m", "lady": "f",
    "child": None, "baby": None, "infant": None, "toddler": None, "teen": None,
    "teenager": None, "youth": None, "juvenile": None, "minor": None, "student": None,
    "victim": None, "suspect": None, "shooter": None, "gunman": "m", "attacker": None,
    "driver": None, "passenger": None, "resident": None, "friend": None, "cousin": None,
    "sibling": None, "neighbor": None, "neighbour": None, "officer": None, "deputy": None,
    "trooper": None, "employee": None, "worker": None, "customer": None, "clerk": None,
    "owner": None, "homeowner": None, "roommate": None, "relative": None, "person": None,
    "individual": None, "pedestrian": None, "climber": None, "hiker": None, "pilot": None,
    "player": None, "patient": None, "inmate": None, "defendant": None,
}  # fmt: skip
# Roles that describe the same kind of person: "the child" may be the
# "3-year-old toddler" of an earlier sentence, never "the officer".
ROLE_KINDS: dict[str, str] = {
    **dict.fromkeys(("child", "baby", "infant", "toddler", "boy", "girl", "juvenile",
                     "minor", "kid"), "young"),
    **dict.fromkeys(("teen", "teenager", "youth", "student"), "teen"),
    **dict.fromkeys(("man", "woman", "male", "female", "gentleman", "lady", "person",
                     "individual", "victim", "resident", "patient", "pedestrian", "climber",
                     "hiker", "passenger", "driver", "customer", "clerk", "employee", "worker",
                     "owner", "homeowner", "player"), "anyone"),
    **dict.fromkeys(("suspect", "shooter", "gunman", "attacker", "defendant", "inmate"),
                    "offender"),
    **dict.fromkeys(("officer", "deputy", "trooper", "pilot"), "official"),
}  # fmt: skip
# Titles before a name, in local news as in national ("Sheriff David McKnight").
NAME_TITLES = frozenset({
    "sheriff", "officer", "detective", "det", "sgt", "sergeant", "lt", "lieutenant", "capt",
    "captain", "cpl", "corporal", "deputy", "chief", "coroner", "trooper", "judge", "dr",
    "mr", "mrs", "ms", "miss", "prof", "professor", "rev", "reverend", "pastor", "father",
    "sister", "mayor", "gov", "governor", "sen", "senator", "rep", "president", "coach",
    "prosecutor", "attorney", "spokesman", "spokeswoman", "spokesperson", "investigator",
    "agent", "commissioner", "superintendent", "principal", "neighbor", "neighbour",
})  # fmt: skip
# Roles on the wrong side of a shooting, a crime or a court case: a phrase
# with one of these does not describe the victim.
OFFENDER_ROLES = frozenset({"suspect", "shooter", "gunman", "attacker", "defendant"})
PRONOUNS: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}

# Units of measure: the dimension, and the factor to its base unit (metres,
# square metres, kilograms, litres, metres per second), so "2,000 ft" and
# "700 m" compare. Written as news writes them, plural and abbreviated.
MEASURES: dict[str, tuple[str, float]] = {
    "m": ("length", 1.0), "meter": ("length", 1.0), "meters": ("length", 1.0),
    "metre": ("length", 1.0), "metres": ("length", 1.0),
    "km": ("length", 1000.0), "kilometer": ("length", 1000.0),
    "kilometers": ("length", 1000.0), "kilometre": ("length", 1000.0),
    "kilometres": ("length", 1000.0), "cm": ("length", 0.01), "centimeters": ("length", 0.01),
    "centimetres": ("length", 0.01), "mm": ("length", 0.001), "millimeters": ("length", 0.001),
    "millimetres": ("length", 0.001),
    "ft": ("length", 0.3048), "foot": ("length", 0.3048), "feet": ("length", 0.3048),
    "inch": ("length", 0.0254), "inches": ("length", 0.0254),
    "mile": ("length", 1609.344), "miles": ("length", 1609.344), "mi": ("length", 1609.344),
    "hectare": ("area", 1e4), "hectares": ("area", 1e4), "ha": ("area", 1e4),
    "acre": ("area", 4046.86), "acres": ("area", 4046.86),
    "kg": ("mass", 1.0), "kilogram": ("mass", 1.0), "kilograms": ("mass", 1.0),
    "kilos": ("mass", 1.0), "lb": ("mass", 0.4536), "lbs": ("mass", 0.4536),
    "pounds": ("mass", 0.4536), "ton": ("mass", 1000.0), "tons": ("mass", 1000.0),
    "tonne": ("mass", 1000.0), "tonnes": ("mass", 1000.0),
    "liters": ("volume", 1.0), "litres": ("volume", 1.0), "gallons": ("volume", 3.785),
    "barrels": ("volume", 159.0),
    "mph": ("speed", 0.447), "kph": ("speed", 0.2778), "knots": ("speed", 0.5144),
}  # fmt: skip
# "square kilometres", "sq km": an area in the square of a length unit.
SQUARE_WORDS = frozenset({"square", "sq"})
# Words that follow a figure and make it a model, an address or a calibre,
# never a count: "12-gauge", "the 2100 block", ".45-caliber", "a 911 call".
NOT_A_COUNT_AFTER = frozenset({
    "gauge", "caliber", "calibre", "mm", "millimeter", "block", "blocks", "hundred block",
    "call", "calls", "am", "pm",
})  # fmt: skip
# Street words: a figure before a capitalised name and one of these is an address.
STREET_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd",
    "lane", "ln", "court", "ct", "place", "pl", "way", "highway", "hwy", "route",
    "circle", "parkway", "pkwy", "terrace", "trail", "square", "plaza", "interstate",
})  # fmt: skip
CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF", "rubles": "RUB",
    "roubles": "RUB", "hryvnias": "UAH", "won": "KRW", "pesos": "MXN", "reais": "BRL",
}  # fmt: skip

# Kinds of event, each with the words that name it, as verb, noun or adjective.
# An event word in a clause says which event its figures, dates and times belong
# to; the event-link stage also reads sentences by them.
EVENTS: tuple[tuple[str, ...], ...] = (
    ("shooting", "shooting", "shootings", "shot", "shoot", "shoots", "gunfire", "gunshot",
     "gunshots", "fired", "firing", "opened fire", "shootout", "gunned down", "discharged",
     "went off"),
    ("stabbing", "stabbing", "stabbed", "stab", "knifed"),
    ("attack", "attack", "attacked", "assault", "assaulted", "ambush", "ambushed", "raid",
     "bombing", "bombed", "explosion", "exploded", "blast", "airstrike", "strikes"),
    ("death", "died", "dies", "death", "killed", "killing", "slaying", "homicide", "murder",
     "murdered", "fatal", "fatally", "pronounced dead", "succumbed"),
    ("injury", "injured", "wounded", "injuries", "hurt", "wounding", "injuring"),
    ("arrest", "arrested", "arrest", "arrests", "custody", "detained", "apprehended",
     "surrendered", "booked"),
    ("charge", "charged", "charges", "indicted", "indictment", "accused"),
    ("arraignment", "arraigned", "arraignment"),
    ("trial", "trial", "jury", "testified", "testimony"),
    ("sentencing", "sentenced", "sentencing"),
    ("plea", "pleaded", "plea"),
    ("verdict", "convicted", "verdict", "acquitted"),
    ("court", "court", "hearing", "bond", "bail"),
    ("call", "call", "911 call", "dispatched", "responded"),
    ("crash", "crash", "crashed", "collision", "collided", "derailed", "derailment"),
    ("fire", "fire", "blaze", "wildfire", "flames", "burned", "burning", "broke out"),
    ("quake", "earthquake", "quake", "tremor", "aftershock"),
    ("flood", "flood", "floods", "flooding", "flooded", "storm", "hurricane", "typhoon",
     "cyclone"),
    ("election", "election", "vote", "voted", "voting", "ballot", "polls", "elected",
     "re-elected", "runoff"),
    ("strike", "strike", "walkout", "walk out", "industrial action"),
    ("deployment", "deployed", "deployment", "deploy", "sent", "send", "dispatched",
     "arrived", "arrival", "stationed", "appeared", "appearing"),
    ("withdrawal", "withdrawn", "withdrew", "withdrawal", "pulled", "retreat", "retreated",
     "rotated"),
    ("capture", "captured", "capture", "retake", "retaken", "retook", "regained",
     "recaptured", "liberate", "liberated", "liberation", "reclaimed"),
    ("search", "search", "searched", "searching", "rescue", "rescuers"),
    ("closure", "closed", "closure", "shut", "closing"),
    ("evacuation", "evacuated", "evacuation", "fled", "evacuate"),
    ("protest", "protest", "protests", "protested", "rally", "rallied", "demonstration"),
    ("fall", "fell", "fall", "plunged", "plummeted"),
    ("layoffs", "layoffs", "job cuts", "cut jobs", "redundancies"),
)  # fmt: skip
# Words that name the story's own event without saying which it is:
# "the incident happened at 3:30 a.m." is the time of whatever the story is about.
THE_EVENT = frozenset({
    "incident", "happened", "occurred", "took place", "unfolded", "event", "was held",
    "were held", "be held",
    "altercation", "confrontation", "disturbance",
})  # fmt: skip


LOOKUP_CACHE_ENTRIES = 65_536


class WordGroups:
    """Words of several groups, each mapped to its group's name (the group's first entry).

    A word is looked up as written (lower-cased) first, then normalised, so that
    inflections not listed still find their group ("injures" → "wounded") while
    a listed surface form decides where normalising would merge two groups
    ("fired" is a shooting, "fire" a fire, though both normalise to "fire").
    A normalised form shared by two groups finds neither.
    """

    def __init__(self, table: tuple[tuple[str, ...], ...], *, inflections: bool = True) -> None:
        self.surface: dict[str, str] = {}
        norms: dict[str, set[str]] = {}
        for name, *words in table:
            for word in words:
                self.surface.setdefault(word.lower(), name)
                norms.setdefault(normalize(word), set()).add(name)
        self.norm = (
            {norm: next(iter(names)) for norm, names in norms.items() if len(names) == 1}
            if inflections
            else {}
        )
        # Every word of every sentence is looked up, the same few thousand again
        # and again; normalising each once is most of the cost.
        self._seen: dict[str, str | None] = {}

    def get(self, word: str) -> str | None:
        lower = word.lower()
        found = self.surface.get(lower)
        if found is not None or not self.norm:
            return found
        if lower not in self._seen:
            if len(self._seen) >= LOOKUP_CACHE_ENTRIES:
                self._seen.clear()
            self._seen[lower] = self.norm.get(normalize(lower))
        return self._seen[lower]


@cache
def statuses() -> WordGroups:
    """Status words ("deaths" → "killed")."""
    return WordGroups(STATUSES)


@cache
def people_groups() -> WordGroups:
    """Nouns for people ("soldiers" → "troops")."""
    return WordGroups(PEOPLE_NOUNS)


@cache
def events() -> WordGroups:
    """Event words and phrases ("gunfire" → "shooting", "opened fire" → "shooting").

    Only as listed: normalising would make "gun" a shooting and "fire" a
    fire whatever the verb.
    """
    return WordGroups(EVENTS, inflections=False)


@cache
def roles() -> WordGroups:
    """Role nouns, singular or plural, to the singular PERSON_ROLES spells ("teens" → "teen")."""
    return WordGroups(tuple((role, role) for role in PERSON_ROLES))


def is_the_event(word: str) -> bool:
    """Whether a word names the story's own event without saying which ("the incident")."""
    return word.lower() in THE_EVENT
