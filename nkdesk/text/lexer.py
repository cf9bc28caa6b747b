"""The claim lexer: which words of news prose carry a claim, as Pygments tokens.

One tokenizer serves both the window's highlighter and claim extraction, so its
token types are a contract:

- ``Number``: a quantity or range, percent included (``numbers.NUMBER_PATTERN``).
- ``Keyword.Qualifier``: a hedge directly before a number ("approximately").
- ``Literal.Date``: dates and times ("December 26", "mid-October", "last year").
- ``Literal.Date.Duration``: spans of time ("three months", "the past week").
- ``String``: a quotation with its quote marks, never beyond its line.
- ``Keyword.Attribution``: who-said-it cues ("according to", "said", "citing").
- ``Name.Person``, ``Name.Organization``, ``Name.Place`` and ``Name`` (any other
  proper name). Nationality adjectives ("North Korean", "Ukrainian", "Soviet-era")
  are ``Name.Place.Demonym``: a sub-type, so a test ``ttype in Name.Place`` and a
  style for ``Name.Place`` cover them, while claim extraction can still tell the
  side a number belongs to ("North Korean soldiers") from where it happened.
- everything else: ``Text``, ``Text.Whitespace``, ``Punctuation``.

Names are classified by heuristics, no model: titles ("General", "spokesperson")
before a name make a person, organisation words ("Agency", "Times") or acronyms
an organisation, a gazetteer of countries, capitals and regions a place. What the
article itself establishes counts too: a name once introduced with a title, or
as the subject of "said", stays a person when it recurs alone ("Kirby stated"),
and "X region" makes X a place elsewhere in the same text.

The tokens always join back into exactly the text given (``stripnl``,
``ensurenl`` and ``stripall`` default to off); offsets are code points.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pygments.lexer import RegexLexer, bygroups, include
from pygments.regexopt import regex_opt
from pygments.token import (
    Name,
    Number,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from nkdesk.text.numbers import NUMBER_PATTERN, QUALIFIER_PATTERN, QUALIFIERS
from nkdesk.text.tokens import (
    ATTRIBUTION,
    DATE,
    DEMONYM,
    DURATION,
    ORGANIZATION,
    PERSON,
    PLACE,
    QUALIFIER,
    TokenType,
)

# How many texts' claim spans are kept (see claim_spans): more than a
# window's articles (nkdesk.ui.capacity.MAX_ARTICLES, 12), fewer than a
# folder compared on the command line, which reads each article's once.
LEXED_TEXTS = 16

__all__ = [
    "ATTRIBUTION",
    "DATE",
    "DEMONYM",
    "DURATION",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "QUALIFIER",
    "NewsClaimsLexer",
    "TokenType",
    "claim_spans",
]


def _words(block: str) -> frozenset[str]:
    """A vocabulary written one entry per comma, lower-cased."""
    return frozenset(w.strip().lower() for w in block.replace("\n", ",").split(",") if w.strip())


COUNTRIES = _words("""
    Afghanistan, Albania, Algeria, Andorra, Angola, Antigua and Barbuda, Argentina, Armenia,
    Australia, Austria, Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium,
    Belize, Benin, Bhutan, Bolivia, Bosnia, Bosnia and Herzegovina, Botswana, Brazil, Brunei,
    Bulgaria, Burkina Faso, Burma, Burundi, Cambodia, Cameroon, Canada, Cape Verde,
    Central African Republic, Chad, Chile, China, Colombia, Comoros, Congo, Costa Rica,
    Croatia, Cuba, Cyprus, Czechia, Czech Republic, Denmark, Djibouti, Dominica,
    Dominican Republic, East Timor, Ecuador, Egypt, El Salvador, Equatorial Guinea, Eritrea,
    Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana,
    Greece, Grenada, Guatemala, Guinea, Guinea-Bissau, Guyana, Haiti, Honduras, Hungary,
    Iceland, India, Indonesia, Iran, Iraq, Ireland, Israel, Italy, Ivory Coast, Jamaica, Japan,
    Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon,
    Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi,
    Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico, Micronesia, Moldova,
    Monaco, Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nauru, Nepal,
    Netherlands, New Zealand, Nicaragua, Niger, Nigeria, North Korea, North Macedonia,
    Norway, Oman, Pakistan, Palau, Palestine, Panama, Papua New Guinea, Paraguay, Peru,
    Philippines, Poland, Portugal, Qatar, Romania, Russia, Russian Federation, Rwanda,
    Saint Lucia, Samoa, San Marino, Saudi Arabia, Senegal, Serbia, Seychelles, Sierra Leone,
    Singapore, Slovakia, Slovenia, Somalia, South Africa, South Korea, South Sudan, Spain,
    Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria, Taiwan, Tajikistan, Tanzania,
    Thailand, Togo, Tonga, Trinidad and Tobago, Tunisia, Turkey, Turkiye, Turkmenistan,
    Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States,
    United States of America, America, Uruguay, Uzbekistan, Vanuatu, Vatican, Venezuela,
    Vietnam, Yemen, Zambia, Zimbabwe, Britain, Great Britain, England, Scotland, Wales,
    Northern Ireland, Holland, Korea, Republic of Korea, Democratic People's Republic of Korea,
    US, USA, UK, UAE, DPRK, ROK, PRC, DRC, CAR
""")
CAPITALS = _words("""
    Kabul, Tirana, Algiers, Luanda, Buenos Aires, Yerevan, Canberra, Vienna, Baku, Nassau,
    Manama, Dhaka, Minsk, Brussels, Belmopan, Porto-Novo, Thimphu, La Paz, Sarajevo,
    Gaborone, Brasilia, Sofia, Ouagadougou, Naypyidaw, Gitega, Phnom Penh, Yaounde, Ottawa,
    Praia, Bangui, N'Djamena, Santiago, Beijing, Bogota, Kinshasa, Brazzaville, San Jose,
    Zagreb, Havana, Nicosia, Prague, Copenhagen, Djibouti, Santo Domingo, Dili, Quito, Cairo,
    San Salvador, Malabo, Asmara, Tallinn, Addis Ababa, Suva, Helsinki, Paris, Libreville,
    Banjul, Tbilisi, Berlin, Accra, Athens, Guatemala City, Conakry, Bissau, Georgetown,
    Port-au-Prince, Tegucigalpa, Budapest, Reykjavik, New Delhi, Delhi, Jakarta, Tehran,
    Baghdad, Dublin, Jerusalem, Tel Aviv, Rome, Yamoussoukro, Abidjan, Kingston, Tokyo,
    Amman, Astana, Nairobi, Pristina, Kuwait City, Bishkek, Vientiane, Riga, Beirut, Maseru,
    Monrovia, Tripoli, Vaduz, Vilnius, Antananarivo, Lilongwe, Kuala Lumpur, Male, Bamako,
    Valletta, Nouakchott, Port Louis, Mexico City, Chisinau, Ulaanbaatar, Podgorica, Rabat,
    Maputo, Windhoek, Kathmandu, Amsterdam, The Hague, Wellington, Managua, Niamey, Abuja,
    Pyongyang, Skopje, Oslo, Muscat, Islamabad, Ramallah, Panama City, Port Moresby,
    Asuncion, Lima, Manila, Warsaw, Lisbon, Doha, Bucharest, Moscow, Kigali, Riyadh, Dakar,
    Belgrade, Freetown, Bratislava, Ljubljana, Mogadishu, Pretoria, Cape Town, Seoul, Juba,
    Madrid, Colombo, Khartoum, Paramaribo, Stockholm, Bern, Damascus, Taipei, Dushanbe,
    Dodoma, Bangkok, Lome, Tunis, Ankara, Ashgabat, Kampala, Kyiv, Kiev, Abu Dhabi, London,
    Washington, Montevideo, Tashkent, Caracas, Hanoi, Sanaa, Lusaka, Harare, Gaza City
""")
# Large cities, regions and sea names that news uses as places in their own right.
REGIONS = _words("""
    Europe, Asia, Africa, Americas, North America, South America, Latin America,
    Central America, Middle East, Near East, Far East, Central Asia, South Asia,
    Southeast Asia, East Asia, Eastern Europe, Western Europe, Central Europe, Caucasus,
    Balkans, Baltics, Scandinavia, Siberia, Arctic, Antarctica, Sahel, Horn of Africa,
    West, East, Crimea, Donbas, Donbass, Gaza, Gaza Strip, West Bank, Golan Heights,
    Kashmir, Tibet, Xinjiang, Hong Kong, Macau, Chechnya, Kurdistan, Darfur, Transnistria,
    Abkhazia, South Ossetia, Nagorno-Karabakh, Greenland, Black Sea, Baltic Sea, Red Sea,
    South China Sea, Mediterranean, Pacific, Atlantic, Indian Ocean, Persian Gulf,
    New York, Los Angeles, Chicago, Shanghai, Mumbai, Istanbul, St. Petersburg,
    Saint Petersburg, Sydney, Toronto, Geneva, Munich, Milan, Dubai, Karachi, Lagos
""")
PLACES = COUNTRIES | CAPITALS | REGIONS
# A lower-case word after a capitalised name that makes the whole a place.
REGION_WORDS = _words("""
    region, oblast, province, district, governorate, prefecture, county, peninsula,
    territory, republic, krai, regions, oblasts, provinces, districts, governorates
""")
DEMONYMS = _words("""
    Afghan, Albanian, Algerian, American, Angolan, Argentine, Argentinian, Armenian,
    Australian, Austrian, Azerbaijani, Azeri, Bangladeshi, Belarusian, Belgian, Bolivian,
    Bosnian, Brazilian, British, Bulgarian, Burmese, Cambodian, Cameroonian, Canadian,
    Chilean, Chinese, Colombian, Congolese, Croatian, Cuban, Cypriot, Czech, Danish, Dutch,
    Ecuadorian, Egyptian, Emirati, English, Eritrean, Estonian, Ethiopian, Filipino,
    Finnish, French, Georgian, German, Ghanaian, Greek, Haitian, Hungarian, Icelandic,
    Indian, Indonesian, Iranian, Iraqi, Irish, Israeli, Italian, Jamaican, Japanese,
    Jordanian, Kazakh, Kenyan, Korean, North Korean, South Korean, Kosovar, Kuwaiti,
    Kyrgyz, Lao, Latvian, Lebanese, Libyan, Lithuanian, Malaysian, Malian, Mexican,
    Moldovan, Mongolian, Montenegrin, Moroccan, Nepali, Nigerian, Nigerien, Norwegian,
    Omani, Pakistani, Palestinian, Panamanian, Peruvian, Polish, Portuguese, Qatari,
    Romanian, Russian, Rwandan, Saudi, Scottish, Senegalese, Serbian, Slovak, Slovenian,
    Somali, Spanish, Sri Lankan, Sudanese, Swedish, Swiss, Syrian, Taiwanese, Tajik, Thai,
    Tunisian, Turkish, Turkmen, Ugandan, Ukrainian, Uruguayan, Uzbek, Venezuelan,
    Vietnamese, Welsh, Yemeni, Zambian, Zimbabwean, European, Asian, African, Arab,
    Baltic, Nordic, Balkan, Caucasian, Slavic, Soviet, Kurdish, Chechen, Crimean, Tatar,
    Persian, Latin American, Western, Eastern, Northern, Southern, Allied
""")
TITLES = _words("""
    President, Vice President, Vice-President, Prime Minister, Minister, Premier, Chancellor,
    General, Gen., Lieutenant, Lt., Lieutenant General, Major General, Colonel, Col.,
    Major, Maj., Captain, Capt., Admiral, Adm., Marshal, Field Marshal, Sergeant, Sgt.,
    Commander, Cmdr., Commander-in-Chief, Chief, Chief of Staff, Chief of the General Staff,
    Secretary, Secretary-General, Secretary General, Secretary of State, Secretary of Defense,
    Spokesperson, Spokesman, Spokeswoman, Leader, Supreme Leader, Chairman, Chairwoman,
    Director, Ambassador, Envoy, Governor, Gov., Mayor, Senator, Sen., Representative, Rep.,
    Congressman, Congresswoman, King, Queen, Prince, Princess, Crown Prince, Pope, Sheikh,
    Emir, Sultan, Ayatollah, Judge, Mr., Mrs., Ms., Dr., Prof., Professor, Deputy, Acting,
    Former, Defense, Defence, Foreign, Interior, Finance, Supreme, Commander in Chief
""")
# Lower-case roles that, written before a capitalised name, make it a person.
ROLE_WORDS = _words("""
    president, leader, spokesperson, spokesman, spokeswoman, minister, commander, chief,
    secretary, chairman, chairwoman, director, ambassador, envoy, governor, mayor, senator,
    colonel, general, adviser, advisor, analyst, correspondent, officer, official, premier,
    professor, researcher, expert, lawmaker, diplomat, prosecutor, founder, head, deputy
""")
ORGANIZATION_WORDS = _words("""
    Times, Post, Journal, News, Radio, Television, TV, Press, Agency, Service, Services,
    House, Ministry, Department, Office, Army, Navy, Forces, Force, Corps, Guard, Guards,
    Council, Committee, Commission, Parliament, Congress, Senate, Duma, Assembly, Kremlin,
    Pentagon, Reuters, Bloomberg, Party, Union, Bank, Fund, Group, Company, Corporation,
    Corp., Inc., Ltd., Institute, University, College, Center, Centre, Foundation,
    Association, Organization, Organisation, Court, Police, Staff, Command, Brigade,
    Battalion, Regiment, Division, Fleet, Gazette, Herald, Tribune, Telegraph, Guardian,
    Observer, Daily, Media, Network, Broadcasting, Bureau, Authority, Directorate,
    Secretariat, Coalition, Cabinet, Government, Administration, Intelligence, Federation
""")
# Capitalised at the head of a run, these start a sentence or a clause; they are
# never a name on their own and are not part of the name that follows.
FUNCTION_WORDS = _words("""
    The, A, An, This, That, These, Those, It, Its, He, She, They, We, I, You, His, Her,
    Their, Our, My, Your, There, Here, However, But, And, Or, Nor, So, Yet, If, When, While,
    Whether, Although, Though, Because, Since, As, After, Before, During, Despite,
    According, In, On, At, For, From, To, With, Without, By, Of, Over, Under, Into, Onto,
    Meanwhile, Moreover, Furthermore, Additionally, Also, Still, Even, Earlier, Later,
    Then, Now, Such, Some, Many, Most, Much, More, Few, Several, All, Both, Each, Every,
    Any, No, Not, Other, Another, Who, Whom, Whose, What, Which, Where, Why, How, Until,
    Unless, Once, Just, Only, Indeed, Instead, Thus, Therefore, Hence, Nevertheless,
    Nonetheless, Overall, Finally, First, Second, Third, Initially, Following, Among,
    Between, Against, Amid, Amidst, Through, Throughout, Toward, Towards, Upon, Within,
    Across, Along, Around, About, Above, Below, Beyond, Near, Regarding, Including, Like,
    Unlike, Whatever, Whoever, Whilst, Whereas, Do, Does, Did, Is, Are, Was, Were, Be,
    Has, Have, Had, Will, Would, Can, Could, Should, May, Might, Must, Shall, Let, Yes,
    Perhaps, Maybe, Probably, Clearly, Already, Again, Currently, Recently, Similarly,
    Likewise, Separately, Elsewhere, Otherwise, Accordingly, Consequently, Ultimately,
    Eventually, Previously, Today, Yesterday, Tomorrow, Last, Next, Those, Others
""")
# All-capital words that are abbreviations of things, not of organisations.
COMMON_ACRONYMS = _words("""
    GDP, GNP, CEO, CFO, COO, COVID, HIV, AIDS, DNA, ID, IT, AI, OK, PM, AM, PS, UFO, ICBM,
    USD, EUR, GBP, RPG, IED, POW, POWs, MP, MPs, TV, VIP, FAQ, ASAP, CCTV, LGBT, SUV
""")
PARTICLES = _words("of, the, de, da, di, du, del, der, den, van, von, bin, ibn, al, el, la, le")
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+\Z")
_MAX_NAME_WORDS = 4
# Surnames and given names kept from a titled mention; the last few words of
# "Secretary of State Antony Blinken" are the name, the rest may be office.
_REMEMBERED_NAME_WORDS = 3
_HEADLINE_MAX_WORDS = 14
_HEADLINE_CAPITALISED_SHARE = 0.75
# Distinct capitalised runs remembered across texts; articles reuse few.
_RUN_CACHE_ENTRIES = 8192


def _char_class(predicate_name: str) -> str:
    """A character class of the Latin, Greek and Cyrillic letters for which a str predicate holds.

    Python's re has no \\p{Lu}; names in English news are written in these scripts.
    """
    chars = [chr(c) for c in range(0x41, 0x530) if getattr(chr(c), predicate_name)()]
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_UPPER = _char_class("isupper")
_LOWER = _char_class("islower")
_GAP = "[ \u00a0]"
_SP = r"[^\S\n]+"

_ABBREVIATIONS = "Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Pres|St|Mt|Ft"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY = f"(?:{_WEEKDAYS})"
_HOLIDAYS = r"New Year(?:['’]s(?: Day| Eve)?)?|Christmas(?: Day| Eve)?|Easter|Ramadan|Thanksgiving"
# Calendar words are capitalised but belong to dates: "On December 26" is a
# preposition and a date, not the name "On December".
_CALENDAR = rf"(?:{_MONTHS}|{_WEEKDAYS}|{_HOLIDAYS})\b"
_CAPWORD = (
    rf"(?!{_CALENDAR})(?:{_UPPER}\.(?:{_GAP}?{_UPPER}\.)+"
    rf"|(?:{_ABBREVIATIONS})\.(?={_GAP}{_UPPER})"
    rf"|{_UPPER}\w*(?:['’]{_UPPER}\w*)?(?:-(?:{_UPPER}\w*|[a-z0-9]{{1,4}}(?!\w)))*"
    rf"(?:/{_UPPER}\w*)*(?:\.[a-z]{{2,6}}(?!\w|\.\w))?)"
)
_CONNECTOR = rf"(?:{_GAP}(?:of(?:{_GAP}the)?|de|da|di|du|del|der|den|van|von|bin|ibn|la|le))?{_GAP}"
_REGION_TAIL = "|".join(sorted(REGION_WORDS))
# No name runs to more words than this; a longer capitalised stretch is a
# title-case line, and splitting it keeps classification cheap.
_MAX_RUN_WORDS = 10
CAPITALISED_RUN = (
    rf"{_CAPWORD}(?:(?:{_CONNECTOR}|{_GAP}(?:al|el)-){_CAPWORD}){{0,{_MAX_RUN_WORDS - 1}}}"
    rf"(?:{_GAP}(?:{_REGION_TAIL})\b)?"
)


def _alt(phrases: tuple[str, ...]) -> str:
    """A regex alternation of phrases, longest first, any horizontal space between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", _SP) for p in ordered) + ")"


_MONTH = rf"(?:{_MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?={_SP}[0-9]))"
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9])"
_YEAR = r"(?:1[89]|20)[0-9]{2}(?![0-9])"
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_PERIOD_EDGES = ("early", "mid", "late")
_PERIOD_PARTS = ("beginning", "start", "end", "middle")
_PERIOD_PREFIX = (
    rf"(?i:{_alt(_PERIOD_EDGES)}(?:-|{_SP})|(?:the{_SP})?{_alt(_PERIOD_PARTS)}{_SP}of{_SP})"
)
_RELATIVE = ("earlier this", "later this", "last", "next", "this", "past", "coming", "previous")
_RELATIVE_UNITS = (
    "week", "weekend", "month", "year", "decade", "century", "night", "morning", "evening",
    "afternoon", *_SEASONS,
)  # fmt: skip
_SPAN_OPENERS = ("past", "last", "previous", "next", "coming")
_DEICTIC_DAYS = ("yesterday", "today", "tomorrow", "tonight", "noon", "midnight")
_YEAR_PREPOSITIONS = (
    "in", "since", "until", "till", "by", "from", "during", "before", "after", "of", "through",
    "throughout",
)  # fmt: skip
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ies))"
_UNITS_PLURAL = (
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries",
)  # fmt: skip
_VAGUE_COUNTS = ("a", "an", "a few", "few", "several", "many", "a couple of", "couple of")
_NUMBER = f"(?i:{NUMBER_PATTERN})"
_COUNT = rf"(?:{_NUMBER}|(?i:{_alt(_VAGUE_COUNTS)}))"
# "a second" is an ordinal far more often than a duration ("for a second time").
_DURATION = rf"(?!(?i:an?{_SP}second)\b){_COUNT}(?:{_SP}|-)(?i:{_UNIT}s?)\b"
_RELATIVE_TAILS = ("ago", "earlier", "later", "prior")
_RANGE_FOLLOWS = rf"(?![^\S\n]?[-–][^\S\n]?[0-9]|{_SP}to{_SP}[0-9])"

_ATTRIBUTION_CUES = (
    "according to", "as cited by", "cited by", "quoted by", "as reported by", "citing", "said",
    "says", "stated", "told", "tells", "estimated", "reported", "claimed", "added", "adds",
    "warned", "warns", "writes", "wrote", "noted", "announced", "confirmed", "insisted",
    "stressed", "emphasized", "emphasised", "alleged", "acknowledged", "admitted",
)  # fmt: skip
# Verbs that are nouns as often as verbs ("the reports", "battlefield claims"):
# they attribute only right after a name.
_AMBIGUOUS_CUES = ("reports", "claims", "notes", "estimates", "states", "confirms", "announces")
# Verbs whose subject, when it is a bare name, is a person speaking.
_SPEECH_VERBS = (
    "said|says|stated|told|claimed|added|warned|noted|estimated|wrote|writes|announced"
    "|confirmed|described|insisted|stressed|argued|explained|replied|recalled|admitted"
)
_SOURCE_NOUNS = ("intelligence service", "intelligence services", "intelligence agency",
                 "intelligence agencies", "news agency", "news agencies")  # fmt: skip
# The number words numbers.NUMBER_PATTERN can begin with.
_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "between",
)  # fmt: skip
# Lower-case words with which some rule below the fast path can begin. Any other
# lower-case word is plain text, and saying so first keeps lexing a long article
# fast. tests/text/test_lexer.py checks that the shortcut changes no token.
_STARTERS = frozenset(
    phrase.split()[0]
    for phrases in (
        tuple(QUALIFIERS), _ATTRIBUTION_CUES, _SOURCE_NOUNS, _VAGUE_COUNTS, _NUMBER_WORDS,
        _UNITS_PLURAL, _PERIOD_EDGES, _PERIOD_PARTS, _RELATIVE, _SPAN_OPENERS, _SEASONS,
        _DEICTIC_DAYS, _YEAR_PREPOSITIONS, ("the",),
    )
    for phrase in phrases
)  # fmt: skip
PLAIN_WORD = rf"(?!{regex_opt(sorted(_STARTERS))}\b)[a-z]+(?:['’][a-z]+)*(?![\w'’])"
_NAME_RUN = rf"(?P<run>{CAPITALISED_RUN})(?:(?P<gap>{_SP})(?P<cue>{_alt(_AMBIGUOUS_CUES)})\b)?"
# The same shortcut for capitalised runs: one whose first word cannot begin a
# date, a quantity or a cue ("Three months", "According to", "May 5") goes
# straight to name classification.
_CAPITALISED_STARTERS = (
    *_STARTERS, *_MONTHS.split("|"), "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", *_WEEKDAYS.split("|"), "New", "Christmas", "Easter", "Ramadan",
    "Thanksgiving",
)  # fmt: skip
PLAIN_NAME = (
    rf"(?!(?i:{regex_opt(sorted({w.lower() for w in _CAPITALISED_STARTERS}))})\b){_NAME_RUN}"
)


class _Kind:
    """Word classes for name classification (plain strings keep the tables readable)."""

    PLACE = "place"
    DEMONYM = "demonym"
    TITLE = "title"
    ORG = "org"
    REGION = "region"
    FUNCTION = "function"
    PARTICLE = "particle"
    PERSON = "person"
    PROPER = "proper"
    COMMON = "common"
    UNKNOWN = "unknown"


_PHRASES: dict[str, str] = {}
for _vocabulary, _kind in (
    (TITLES, _Kind.TITLE),
    (DEMONYMS, _Kind.DEMONYM),
    (PLACES, _Kind.PLACE),
):
    _PHRASES.update(dict.fromkeys(_vocabulary, _kind))
# First word of each phrase of several words -> the most words such a phrase has.
_PHRASE_HEADS: dict[str, int] = {}
for _phrase in _PHRASES:
    _head, *_rest = _phrase.split()
    _PHRASE_HEADS[_head] = max(_PHRASE_HEADS.get(_head, 1), 1 + len(_rest))


@dataclass(frozen=True, slots=True)
class _Word:
    """One word of a capitalised run: offsets relative to the run, lookup key."""

    start: int
    end: int
    text: str
    key: str


_WORD_RE = re.compile(rf"{_UPPER}\.(?:{_GAP}?{_UPPER}\.)+|[^\s/]+")


@lru_cache(maxsize=_RUN_CACHE_ENTRIES)
def _split_words(run: str) -> tuple[_Word, ...]:
    """The words of a capitalised run.

    Cached: gathering a text's evidence and lexing it split the same runs.
    """
    words: list[_Word] = []
    for m in _WORD_RE.finditer(run):
        text = m.group()
        if "-" in text and text.lower() not in _PHRASES:
            # "Russian-North Korean" is two adjectives, "Bretton-Gordon" one name:
            # split only where the first half is a known place or nationality.
            head, _, tail = text.partition("-")
            if tail[:1].isupper() and _PHRASES.get(head.lower()) in (_Kind.PLACE, _Kind.DEMONYM):
                words.append(_Word(m.start(), m.start() + len(head), head, head.lower()))
                offset = m.start() + len(head) + 1
                words.extend(
                    _Word(w.start + offset, w.end + offset, w.text, w.key)
                    for w in _split_words(tail)
                )
                continue
        key = text.lower()
        if "." in text and text.replace(".", "").replace(" ", "").replace("\u00a0", "").isupper():
            key = re.sub(r"[.\s]", "", key)
        words.append(_Word(m.start(), m.end(), text, key))
    return tuple(words)


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What one text establishes about its names, gathered before lexing it.

    ``persons`` and ``places`` hold word keys the text gives strong evidence for;
    ``proper`` the words it capitalises mid-sentence and never writes in lower
    case, so "Putin" at a sentence start stays a name while "Officials" does not.
    """

    persons: frozenset[str]
    places: frozenset[str]
    proper: frozenset[str]
    headline_starts: tuple[int, ...]
    headline_ends: tuple[int, ...]
    headline_modes: tuple[str, ...]

    def line_mode(self, pos: int) -> str:
        """How capitals read on the line at ``pos``: PROSE, TITLE_CASE or ALL_CAPS."""
        i = bisect.bisect_right(self.headline_starts, pos) - 1
        return self.headline_modes[i] if i >= 0 and pos < self.headline_ends[i] else PROSE

    @classmethod
    def gather(cls, text: str) -> _Evidence:
        starts, ends, modes = [], [], []
        for m in _LINE_RE.finditer(text):
            mode = _line_mode(m.group())
            if mode != PROSE:
                starts.append(m.start())
                ends.append(m.end())
                modes.append(mode)
        lines = (tuple(starts), tuple(ends), tuple(modes))
        bare = cls(frozenset(), frozenset(), frozenset(), *lines)
        persons: set[str] = set()
        places: set[str] = set()
        capitalised: set[str] = set()
        speakers: list[tuple[str, bool]] = []
        for m in _capitalised_matches(_RUN_RE, text):
            run = _run_facts(m.group())
            sentence_start = _starts_sentence(text, m.start())
            if not sentence_start and bare.line_mode(m.start()) == PROSE:
                capitalised.update(run.keys)
            persons.update(run.titled_name)
            places.update(run.region_of)
            if _SPEECH_AFTER_RE.match(text, m.end()):
                speakers.append((m.group(), sentence_start))
            if run.has_title:
                appositive = _APPOSITIVE_AFTER_RE.match(text, m.end())
                if appositive:
                    persons.update(_run_facts(appositive.group("name")).bare_name)
            if _ROLE_AFTER_RE.match(text, m.end()):
                # "Dmitry Peskov, the Kremlin spokesman, said"
                persons.update(run.bare_name)
        proper = frozenset(capitalised - set(_LOWER_WORD_RE.findall(text)))
        for m in _ROLE_THEN_NAME_RE.finditer(text):
            persons.update(_run_facts(m.group("name")).bare_name)
        for name, sentence_start in speakers:
            # "Officials said" starts a sentence with a common noun; a single
            # capitalised word there counts only if the text uses it as a name.
            run = _run_facts(name)
            if not sentence_start or len(run.keys) > 1 or run.keys[0] in proper:
                persons.update(run.bare_name)
        # "the Donetsk and Luhansk regions": the first is a region too. Most
        # texts have no plural region word, without which nothing can match.
        if any(word in text for word in _REGION_PLURALS):
            for m in _capitalised_matches(_REGIONS_PAIR_RE, text):
                places.update(k for k in _run_facts(m.group("first")).keys if k not in PLACES)
        return cls(frozenset(persons), frozenset(places), proper, *lines)


@dataclass(frozen=True, slots=True)
class _RunFacts:
    """What a capitalised run says about its words, whatever the text around it."""

    keys: tuple[str, ...]
    titled_name: frozenset[str]
    bare_name: frozenset[str]
    region_of: frozenset[str]
    has_title: bool


@lru_cache(maxsize=_RUN_CACHE_ENTRIES)
def _run_facts(run: str) -> _RunFacts:
    words = _split_words(run)
    labels = _label(words)
    kinds = [kind for _, kind in labels]
    titled_name: set[str] = set()
    titled = _titled_person(labels)
    if titled is not None:
        name = words[titled[1] :]
        titled_name.update(w.key for w in name[-_REMEMBERED_NAME_WORDS:])
        titled_name.update(p for w in name for p in w.key.split("-") if len(p) > 1)
    bare_name: set[str] = set()
    if (
        len(words) <= _MAX_NAME_WORDS
        and all(kind in _NAME_LIKE for kind in kinds)
        and kinds[0] != _Kind.PARTICLE
        and kinds[-1] != _Kind.PARTICLE
    ):
        bare_name = {w.key for w, kind in labels if kind != _Kind.PARTICLE}
    region_of: set[str] = set()
    if kinds[-1] == _Kind.REGION:
        region_of = {w.key for w, kind in labels if kind == _Kind.UNKNOWN}
    return _RunFacts(
        keys=tuple(w.key for w in words),
        titled_name=frozenset(titled_name),
        bare_name=frozenset(bare_name),
        region_of=frozenset(region_of),
        has_title=_Kind.TITLE in kinds,
    )


PROSE = "prose"
TITLE_CASE = "title case"
ALL_CAPS = "all caps"


def _line_mode(line: str) -> str:
    """Whether a line is prose, or a heading whose capitals mean nothing.

    Headings come in title case ("Human Toll and Prisoner Incident") or in
    capitals ("RUSSIA LAUNCHES 100 DRONES", where every word looks like an acronym).
    """
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > _HEADLINE_MAX_WORDS or stripped[-1] in '.,;:"”’':
        return PROSE
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    if len(long_words) < 2:
        return PROSE
    if sum(w.isupper() for w in long_words) >= _HEADLINE_CAPITALISED_SHARE * len(long_words):
        return ALL_CAPS
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return TITLE_CASE if capitalised >= _HEADLINE_CAPITALISED_SHARE * len(long_words) else PROSE


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether a capital at ``pos`` may be there only because a sentence starts."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0\u2009\u202f\"'“”‘’«»([-–—*•":
        i -= 1
    return i < 0 or text[i] in ".!?:…\n"


def _label(words: Sequence[_Word], evidence: _Evidence | None = None) -> list[tuple[_Word, str]]:
    """Each word with its class; known phrases ("Chief of Staff", "North Korea") win first."""
    labels: list[tuple[_Word, str]] = []
    i = 0
    while i < len(words):
        longest = _PHRASE_HEADS.get(words[i].key, 1)
        for n in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(w.key for w in words[i : i + n])
            kind = _PHRASES.get(key)
            if kind is None and key.endswith("s") and _PHRASES.get(key[:-1]) == _Kind.DEMONYM:
                kind = _Kind.DEMONYM
            if kind is not None:
                labels.extend((w, kind) for w in words[i : i + n])
                i += n
                break
        else:
            labels.append((words[i], _word_kind(words[i], evidence)))
            i += 1
    return labels


def _word_kind(word: _Word, evidence: _Evidence | None) -> str:
    key = word.key
    if key in PARTICLES and word.text.islower():
        return _Kind.PARTICLE
    if key in REGION_WORDS:
        return _Kind.REGION
    if _PHRASES.get(key.split("-")[0]) == _Kind.DEMONYM:
        # "Soviet-era", "Soviet-style": still the nationality.
        return _Kind.DEMONYM
    if evidence is not None and key in evidence.places:
        return _Kind.PLACE
    if key in COMMON_ACRONYMS and word.text[:2].isupper():
        return _Kind.COMMON
    if key in ORGANIZATION_WORDS or _is_acronym(word.text) or _is_domain(word.text):
        return _Kind.ORG
    if evidence is not None and key in evidence.persons:
        return _Kind.PERSON
    if key in FUNCTION_WORDS:
        return _Kind.FUNCTION
    if evidence is not None and key in evidence.proper:
        return _Kind.PROPER
    return _Kind.UNKNOWN


def _is_acronym(text: str) -> bool:
    return (
        text.isupper()
        and "." not in text
        and sum(c.isalpha() for c in text) >= 2
        and not _ROMAN_NUMERAL.match(text)
    )


def _is_domain(text: str) -> bool:
    head, dot, tail = text.rpartition(".")
    return bool(dot and head and tail.isalpha() and tail.islower())


_NAME_LIKE = frozenset({_Kind.UNKNOWN, _Kind.PROPER, _Kind.PERSON, _Kind.PARTICLE})
_NAME_WORDS = frozenset({_Kind.UNKNOWN, _Kind.PROPER, _Kind.PERSON})
# Kinds that are a name by themselves, so a capital before them adds nothing.
_STANDALONE = frozenset({_Kind.PLACE, _Kind.DEMONYM, _Kind.PERSON, _Kind.TITLE, _Kind.FUNCTION})


def _titled_person(labels: list[tuple[_Word, str]]) -> tuple[int, int] | None:
    """(title start, name start) when the run ends with a title and then a name."""
    k = len(labels)
    while k > 0 and labels[k - 1][1] in _NAME_LIKE and len(labels) - k < _MAX_NAME_WORDS:
        k -= 1
    while k < len(labels) and labels[k][1] == _Kind.PARTICLE:
        k += 1
    if k == len(labels) or k == 0 or labels[k - 1][1] != _Kind.TITLE:
        return None
    t = k - 1
    while t > 0 and labels[t - 1][1] == _Kind.TITLE:
        t -= 1
    return t, k


@dataclass(frozen=True, slots=True)
class _Piece:
    """A classified stretch of a run, in word indices, half-open."""

    first: int
    last: int
    ttype: TokenType


def _classify(labels: list[tuple[_Word, str]], *, sentence_start: bool, mode: str) -> list[_Piece]:
    """Split a capitalised run into typed pieces; words left out are plain text."""
    first_kind = labels[0][1]
    # A capital that only marks a sentence start ("Reports indicate", "Pulling
    # North Korean troops") is dropped. It stays when another unknown capital
    # ("Oleksandr Syrskyi said") or an organisation word ("White House") follows.
    begin = int(
        first_kind == _Kind.FUNCTION
        or (
            sentence_start
            and first_kind == _Kind.UNKNOWN
            and (len(labels) == 1 or labels[1][1] in _STANDALONE)
        )
    )
    pieces = [
        _Piece(p.first + begin, p.last + begin, p.ttype)
        for p in _classify_rest(labels[begin:], mode=mode)
    ]
    # "The New York Times": the article belongs to the paper's name.
    if (
        begin
        and labels[0][0].key == "the"
        and pieces
        and pieces[0] == _Piece(1, pieces[0].last, ORGANIZATION)
    ):
        pieces[0] = _Piece(0, pieces[0].last, ORGANIZATION)
    return pieces


def _classify_rest(labels: list[tuple[_Word, str]], *, mode: str) -> list[_Piece]:
    if not labels:
        return []
    titled = _titled_person(labels)
    if titled is not None:
        title_start = titled[0]
        prefix = _classify_rest(labels[:title_start], mode=mode)
        return [*prefix, _Piece(title_start, len(labels), PERSON)]
    kinds = {kind for _, kind in labels}
    if _Kind.REGION in kinds and _Kind.ORG not in kinds:
        return [_Piece(0, len(labels), PLACE)]
    if any(
        kind == _Kind.ORG
        and (mode == PROSE or _is_domain(w.text) or (mode == TITLE_CASE and _is_acronym(w.text)))
        for w, kind in labels
    ):
        return [_Piece(0, len(labels), ORGANIZATION)]
    pieces: list[_Piece] = []
    i = 0
    while i < len(labels):
        kind = labels[i][1]
        j = i + 1
        if kind in (_Kind.PLACE, _Kind.DEMONYM):
            while j < len(labels) and labels[j][1] == kind:
                j += 1
            pieces.append(_Piece(i, j, PLACE if kind == _Kind.PLACE else DEMONYM))
        elif kind in _NAME_WORDS:
            while j < len(labels) and (
                labels[j][1] in _NAME_WORDS
                or (
                    labels[j][1] == _Kind.PARTICLE
                    and j + 1 < len(labels)
                    and labels[j + 1][1] in _NAME_WORDS
                )
            ):
                j += 1
            group = {k for _, k in labels[i:j]}
            if _Kind.PERSON in group:
                pieces.append(_Piece(i, j, PERSON))
            elif mode == PROSE or _Kind.PROPER in group:
                pieces.append(_Piece(i, j, Name))
        i = j
    return pieces


_RUN_RE = re.compile(CAPITALISED_RUN)
_LOWER_WORD_RE = re.compile(rf"(?<![\w.-]){_LOWER}[\w'’-]*")
_ROLE_THEN_NAME_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(ROLE_WORDS))}){_GAP}(?P<name>{CAPITALISED_RUN})"
)
_SPEECH_AFTER_RE = re.compile(rf"{_GAP}(?:[a-z]+ly{_GAP})?(?:{_SPEECH_VERBS})\b")
_ROLE_AFTER_RE = re.compile(
    rf",{_GAP}(?:the|an?){_GAP}(?:[\w’'-]+{_GAP}){{0,3}}?(?:{'|'.join(sorted(ROLE_WORDS))})\b"
)
_REGION_PLURALS = sorted(w for w in REGION_WORDS if w.endswith("s"))
_REGIONS_PAIR_RE = re.compile(
    rf"(?P<first>{_CAPWORD}){_GAP}and{_GAP}{_CAPWORD}{_GAP}(?:{'|'.join(_REGION_PLURALS)})\b"
)
_APPOSITIVE_AFTER_RE = re.compile(
    rf",{_GAP}(?P<name>{CAPITALISED_RUN})(?=,|{_GAP}(?:{_SPEECH_VERBS})\b)"
)
_LINE_RE = re.compile(r"[^\n]+")
_CAPITAL_RE = re.compile(_UPPER)


def _capitalised_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose every match starts with a capital.

    Such patterns open with the calendar lookahead of ``_CAPWORD``, which
    keeps re from skipping ahead to a possible start, so a plain search tries
    the whole pattern at every character. Jumping from capital to capital finds
    the same matches, since none can start anywhere else, two to three times faster.
    """
    position = 0
    while capital := _CAPITAL_RE.search(text, position):
        match = pattern.match(text, capital.start())
        if match:
            yield match
            position = match.end()  # never empty: a match starts with the capital
        else:
            position = capital.start() + 1


def _name_tokens(
    lexer: NewsClaimsLexer, text: str, start: int, end: int
) -> Iterator[tuple[int, TokenType, str]]:
    """Tokens for the capitalised run text[start:end], classified."""
    evidence = lexer.evidence_for(text)
    run = text[start:end]
    key = (run, _starts_sentence(text, start), evidence.line_mode(start))
    pieces = lexer._classified.get(key)
    if pieces is None:
        words = _split_words(run)
        labels = _label(words, evidence)
        pieces = [
            (words[p.first].start, words[p.last - 1].end, p.ttype)
            for p in _classify(labels, sentence_start=key[1], mode=key[2])
        ]
        lexer._classified[key] = pieces
    pos = 0
    for piece_start, piece_end, ttype in pieces:
        yield from _plain(run, pos, piece_start, start)
        yield start + piece_start, ttype, run[piece_start:piece_end]
        pos = piece_end
    yield from _plain(run, pos, len(run), start)


_PLAIN_RE = re.compile(r"\s+|\w+(?:['’.]\w+)*\.?|[^\w\s]")


def _plain(run: str, pos: int, end: int, offset: int) -> Iterator[tuple[int, TokenType, str]]:
    for m in _PLAIN_RE.finditer(run, pos, end):
        value = m.group()
        ttype = Whitespace if value.isspace() else Text if value[0].isalnum() else Punctuation
        yield offset + m.start(), ttype, value


def _name_run(lexer: NewsClaimsLexer, match: re.Match[str]) -> Iterator[tuple[int, TokenType, str]]:
    """A capitalised run, and the verb after it when that verb attributes only after a name.

    "the Times reports" attributes; "the reports" does not.
    """
    tokens = list(_name_tokens(lexer, match.string, match.start("run"), match.end("run")))
    yield from tokens
    if match["cue"]:
        yield match.start("gap"), Whitespace, match["gap"]
        named = any(ttype in Name for _, ttype, _ in tokens)
        yield match.start("cue"), ATTRIBUTION if named else Text, match["cue"]


class NewsClaimsLexer(RegexLexer):
    """Pygments lexer marking the claim-bearing tokens of news prose.

    Besides highlighting, ``claim_spans`` uses it to find claims. Lexing a text
    first gathers what the text establishes about its names (see the module
    docstring); a lexer instance keeps that for the last text only.
    """

    name = "News claims"
    aliases = ["newsclaims"]  # noqa: RUF012 (Pygments declares these as plain class lists)
    filenames: list[str] = []  # noqa: RUF012
    mimetypes = ["text/x-newsclaims"]  # noqa: RUF012

    tokens = {  # noqa: RUF012
        "root": [
            (r"\s+", Whitespace),
            (r"[^\w\s“”\"‘'«]", Punctuation),
            (PLAIN_WORD, Text),
            (PLAIN_NAME, _name_run),
            include("quotations"),
            (r"[“”\"‘'«]", Punctuation),
            include("time"),
            include("quantities"),
            include("attribution"),
            include("names"),
            (r"\w+(?:['’]\w+)*", Text),
            (r"[^\w\s]", Punctuation),
        ],
        # A quotation ends at its line: an unclosed quote mark is punctuation,
        # never the start of a quotation swallowing the paragraph.
        "quotations": [
            (r"“[^“”\n]*”", String),
            # Pasted text often opens with a closing mark: ” They are quite brave”.
            (r"(?<![\w,.;:!?])”(?=[^\S\n]*\w)[^“”\n]*”", String),
            (r'(?<!\w)"(?=\S)[^"\n]*"', String),
            # An apostrophe (’ between letters, "didn’t") does not close a
            # single-quoted quotation; requiring letters on both sides also
            # keeps a line full of stray marks from being rescanned for each.
            (r"‘(?:[^‘’\n]|(?<=\w)’(?=\w))*’(?!\w)", String),
            (r"(?<!\w)'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w))*'(?!\w)", String),
            (r"«[^«»\n]*»", String),
        ],
        # Before quantities: "December 26" is a date and "three months" a
        # duration, not numbers.
        "time": [
            (rf"{_DURATION}{_SP}(?i:{_alt(_RELATIVE_TAILS)})\b", DATE),
            (rf"(?i:the{_SP}{_alt(_SPAN_OPENERS)}){_SP}(?:{_COUNT}{_SP})?(?i:{_UNIT}s?)\b",
             DURATION),
            (rf"(?:{_PERIOD_PREFIX})?{_MONTH}(?:{_SP}{_DAY}(?:,?{_SP}{_YEAR})?|{_SP}{_YEAR})?"
             r"(?!\w)", DATE),
            (rf"{_DAY}{_SP}(?:of{_SP})?{_MONTH}(?:,?{_SP}{_YEAR})?(?!\w)", DATE),
            (rf"{_WEEKDAY}(?!\w)", DATE),
            (rf"(?i:{_alt(_RELATIVE)}{_SP}(?:{_alt(_RELATIVE_UNITS)}|{_WEEKDAY}))\b", DATE),
            (rf"(?i:{_alt(_PERIOD_EDGES)}(?:-|{_SP}){_YEAR}|(?:the{_SP})?(?:19|20)[0-9]0s\b)",
             DATE),
            (rf"(?i:{_alt(_SEASONS)}{_SP}(?:of{_SP})?){_YEAR}", DATE),
            (rf"(?i:{_alt(_DEICTIC_DAYS)})\b", DATE),
            (rf"(?:{_HOLIDAYS})\b", DATE),
            (r"[0-9]{1,2}:[0-9]{2}(?:[^\S\n]?(?i:[ap]\.?m\.?)(?!\w))?", DATE),
            (r"[0-9]{1,2}[^\S\n]?(?i:[ap]\.m\.|[ap]m\b)", DATE),
            (r"[0-9]{1,4}(?:\.[0-9]{1,2}\.|/[0-9]{1,2}/|-[0-9]{1,2}-)[0-9]{2,4}(?![0-9])", DATE),
            (rf"((?i:{_alt(_YEAR_PREPOSITIONS)}))({_SP})({_YEAR}){_RANGE_FOLLOWS}"
             r"(?!\w|[^\S\n]?%)", bygroups(Text, Whitespace, DATE)),
            (rf"(?<!\w){_DURATION}", DURATION),
            (rf"(?i:{_alt(_UNITS_PLURAL)})\b", DURATION),
        ],
        "quantities": [
            (rf"(?<!\w)((?i:{QUALIFIER_PATTERN}))({_SP})(?={_NUMBER})",
             bygroups(QUALIFIER, Whitespace)),
            (_NUMBER, Number),
        ],
        "attribution": [
            (rf"(?<!\w)(?i:{_alt(_ATTRIBUTION_CUES)})\b", ATTRIBUTION),
        ],
        "names": [
            (rf"(?<!\w)(?i:{_alt(_SOURCE_NOUNS)})\b", ORGANIZATION),
            (_NAME_RUN, _name_run),
        ],
    }  # fmt: skip

    def __init__(self, **options: object) -> None:
        # Offsets into the analyst's text must stay valid: never strip or add.
        options.setdefault("stripnl", False)
        options.setdefault("ensurenl", False)
        options.setdefault("stripall", False)
        super().__init__(**options)
        self._evidence_text: str | None = None
        self._evidence = _Evidence.gather("")
        self._classified: dict[tuple[str, bool, str], list[tuple[int, int, TokenType]]] = {}

    def evidence_for(self, text: str) -> _Evidence:
        """What ``text`` establishes about its names, computed once per text."""
        if text is not self._evidence_text:
            self._evidence = _Evidence.gather(text)
            self._evidence_text = text
            self._classified = {}
        return self._evidence


def claim_spans(text: str) -> list[tuple[int, int, TokenType]]:
    """The claim-bearing tokens of ``text`` as (start, end, token type), code points.

    Plain text, whitespace and punctuation are left out; touching tokens of one
    type are merged, so a span is what a highlighter paints in one colour.
    The engine reads an article's claims from them and the window paints
    them, in one analysis: the last few texts' spans are kept
    (``_lexed``), since lexing five 200 KB articles takes 1.7 s.
    """
    return list(_lexed(text))


@lru_cache(maxsize=LEXED_TEXTS)
def _lexed(text: str) -> tuple[tuple[int, int, TokenType], ...]:
    spans: list[tuple[int, int, TokenType]] = []
    # A handful of token types recur thousands of times, and ``in`` on a token
    # type is a Python-level method; each type is asked once.
    left_out: dict[TokenType, bool] = {}
    for start, ttype, value in NewsClaimsLexer().get_tokens_unprocessed(text):
        skip = left_out.get(ttype)
        if skip is None:
            skip = left_out[ttype] = ttype in Text or ttype is Punctuation
        if skip:
            continue
        end = start + len(value)
        if spans and spans[-1][1] == start and spans[-1][2] is ttype:
            spans[-1] = (spans[-1][0], end, ttype)
        else:
            spans.append((start, end, ttype))
    return tuple(spans)
