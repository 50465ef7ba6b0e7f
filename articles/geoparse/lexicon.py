"""Word lists the recogniser reads: country short forms and demonyms, cue words, stop words.

These are facts about English usage in news, not places: the places themselves come from the
gazetteer. Everything is lower-case and normalised like `normalize_name` output.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """Return the whitespace-separated words of a literal word list."""
    return text.split()


# Short and informal country names news uses that gazetteers often lack, by ISO code.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("us", "u s", "usa", "u s a", "america", "united states", "united states of america"),
    "GB": ("uk", "u k", "britain", "great britain", "united kingdom"),
    "AE": ("uae", "u a e", "emirates", "united arab emirates"),
    "RU": ("russia", "russian federation"),
    "SY": ("syria", "syrian arab republic"),
    "IR": ("iran", "islamic republic of iran"),
    "KR": ("south korea", "republic of korea"),
    "KP": ("north korea", "dprk"),
    "CD": ("drc", "dr congo", "democratic republic of the congo", "congo kinshasa"),
    "CG": ("republic of the congo", "congo brazzaville"),
    "CI": ("ivory coast", "cote d ivoire"),
    "CZ": ("czech republic", "czechia"),
    "NL": ("holland", "the netherlands", "netherlands"),
    "TR": ("turkey", "turkiye", "türkiye"),
    "PS": ("palestine", "palestinian territories", "occupied palestinian territories"),
    "MM": ("myanmar", "burma"),
    "VA": ("vatican", "holy see"),
    "MK": ("north macedonia", "macedonia"),
    "SA": ("saudi arabia", "ksa"),
    "LY": ("libya",),
    "YE": ("yemen",),
    "UA": ("ukraine",),
    "VN": ("vietnam", "viet nam"),
    "LA": ("laos",),
    "BO": ("bolivia",),
    "VE": ("venezuela",),
    "TZ": ("tanzania",),
    "MD": ("moldova",),
    "SS": ("south sudan",),
    "CF": ("central african republic", "car"),
    "BA": ("bosnia", "bosnia and herzegovina"),
}

# Names of one river in the languages of the countries it crosses; gazetteers built from Natural
# Earth split such rivers into one line per name ("Firat", "Al Furat", "Euphrates").
RIVER_NAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("euphrates", "al furat", "furat", "firat", "euphrates river"),
    ("tigris", "dicle", "dijla", "dijlah", "tigris river"),
    ("dnipro", "dnieper", "dnepr", "dnipro river", "dnieper river"),
    ("orontes", "asi", "al asi", "nahr al asi", "orontes river"),
    ("khabur", "habur", "al khabur", "khabur river"),
    ("nile", "an nil", "nil", "nile river"),
    ("niger", "niger river", "djoliba"),
    ("jordan river", "nahr al urdun", "yarden"),
    ("litani", "litani river"),
    ("don", "don river"),
    ("donets", "siverskyi donets", "seversky donets", "severskiy donets"),
    ("danube", "dunarea", "duna", "dunav", "donau"),
)

# Abbreviations of US states and Canadian provinces in news style ("Glasgow, Ky."), with
# their period: without it "Ky" or "Man" is not an abbreviation.
REGION_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "ala.": ("US", "alabama"), "ariz.": ("US", "arizona"), "ark.": ("US", "arkansas"),
    "calif.": ("US", "california"), "colo.": ("US", "colorado"),
    "conn.": ("US", "connecticut"), "del.": ("US", "delaware"), "fla.": ("US", "florida"),
    "ga.": ("US", "georgia"), "ill.": ("US", "illinois"), "ind.": ("US", "indiana"),
    "kan.": ("US", "kansas"), "kans.": ("US", "kansas"), "ky.": ("US", "kentucky"),
    "la.": ("US", "louisiana"), "md.": ("US", "maryland"), "mass.": ("US", "massachusetts"),
    "mich.": ("US", "michigan"), "minn.": ("US", "minnesota"), "miss.": ("US", "mississippi"),
    "mo.": ("US", "missouri"), "mont.": ("US", "montana"), "neb.": ("US", "nebraska"),
    "nev.": ("US", "nevada"), "n.h.": ("US", "new hampshire"), "n.j.": ("US", "new jersey"),
    "n.m.": ("US", "new mexico"), "n.y.": ("US", "new york"), "n.c.": ("US", "north carolina"),
    "n.d.": ("US", "north dakota"), "okla.": ("US", "oklahoma"), "ore.": ("US", "oregon"),
    "pa.": ("US", "pennsylvania"), "r.i.": ("US", "rhode island"),
    "s.c.": ("US", "south carolina"), "s.d.": ("US", "south dakota"),
    "tenn.": ("US", "tennessee"), "tex.": ("US", "texas"), "vt.": ("US", "vermont"),
    "va.": ("US", "virginia"), "wash.": ("US", "washington"), "w.va.": ("US", "west virginia"),
    "wis.": ("US", "wisconsin"), "wyo.": ("US", "wyoming"), "d.c.": ("US", "district of columbia"),
    "b.c.": ("CA", "british columbia"), "alta.": ("CA", "alberta"), "sask.": ("CA", "saskatchewan"),
    "man.": ("CA", "manitoba"), "ont.": ("CA", "ontario"), "que.": ("CA", "quebec"),
    "n.s.": ("CA", "nova scotia"), "n.b.": ("CA", "new brunswick"),
    "p.e.i.": ("CA", "prince edward island"), "nfld.": ("CA", "newfoundland and labrador"),
}  # fmt: skip

# Adjectives and plural nouns of nationality: "Turkish troops", "the Syrians". TR-News counts
# them as mentions of the country; the pipeline flags them so they never become claim locations.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("afghan",),
    "AL": ("albanian",),
    "DZ": ("algerian",),
    "AO": ("angolan",),
    "AR": ("argentine", "argentinian"),
    "AM": ("armenian",),
    "AU": ("australian",),
    "AT": ("austrian",),
    "AZ": ("azerbaijani",),
    "BH": ("bahraini",),
    "BD": ("bangladeshi",),
    "BY": ("belarusian",),
    "BE": ("belgian",),
    "BA": ("bosnian",),
    "BR": ("brazilian",),
    "BG": ("bulgarian",),
    "BF": ("burkinabe", "burkinabé"),
    "KH": ("cambodian",),
    "CM": ("cameroonian",),
    "CA": ("canadian",),
    "TD": ("chadian",),
    "CL": ("chilean",),
    "CN": ("chinese",),
    "CO": ("colombian",),
    "CU": ("cuban",),
    "CY": ("cypriot",),
    "CZ": ("czech",),
    "DK": ("danish",),
    "EG": ("egyptian",),
    "ER": ("eritrean",),
    "EE": ("estonian",),
    "ET": ("ethiopian",),
    "FI": ("finnish",),
    "FR": ("french",),
    "GE": ("georgian",),
    "DE": ("german",),
    "GH": ("ghanaian",),
    "GR": ("greek",),
    "HU": ("hungarian",),
    "IN": ("indian",),
    "ID": ("indonesian",),
    "IR": ("iranian",),
    "IQ": ("iraqi",),
    "IE": ("irish",),
    "IL": ("israeli",),
    "IT": ("italian",),
    "JP": ("japanese",),
    "JO": ("jordanian",),
    "KZ": ("kazakh", "kazakhstani"),
    "KE": ("kenyan",),
    "KW": ("kuwaiti",),
    "KG": ("kyrgyz",),
    "LV": ("latvian",),
    "LB": ("lebanese",),
    "LY": ("libyan",),
    "LT": ("lithuanian",),
    "ML": ("malian",),
    "MX": ("mexican",),
    "MD": ("moldovan",),
    "MA": ("moroccan",),
    "MZ": ("mozambican",),
    "MM": ("burmese",),
    "NP": ("nepali", "nepalese"),
    "NL": ("dutch",),
    "NZ": ("new zealander",),
    "NE": ("nigerien",),
    "NG": ("nigerian",),
    "KP": ("north korean",),
    "NO": ("norwegian",),
    "OM": ("omani",),
    "PK": ("pakistani",),
    "PS": ("palestinian",),
    "PE": ("peruvian",),
    "PH": ("filipino", "philippine"),
    "PL": ("polish",),
    "PT": ("portuguese",),
    "QA": ("qatari",),
    "RO": ("romanian",),
    "RU": ("russian",),
    "RW": ("rwandan",),
    "SA": ("saudi", "saudi arabian"),
    "SN": ("senegalese",),
    "RS": ("serbian", "serbs"),
    "SO": ("somali",),
    "ZA": ("south african",),
    "KR": ("south korean",),
    "SS": ("south sudanese",),
    "ES": ("spanish",),
    "LK": ("sri lankan",),
    "SD": ("sudanese",),
    "SE": ("swedish", "swedes"),
    "CH": ("swiss",),
    "SY": ("syrian",),
    "TW": ("taiwanese",),
    "TJ": ("tajik",),
    "TH": ("thai",),
    "TN": ("tunisian",),
    "TR": ("turkish",),
    "TM": ("turkmen",),
    "UG": ("ugandan",),
    "UA": ("ukrainian",),
    "AE": ("emirati",),
    "GB": ("british", "briton"),
    "US": ("american",),
    "UZ": ("uzbek",),
    "VE": ("venezuelan",),
    "VN": ("vietnamese",),
    "YE": ("yemeni",),
    "ZW": ("zimbabwean",),
}

# Words after a name that make the name an organisation, a publication or a team, not a place.
ORGANISATION_WORDS = frozenset(
    _words(
        """council councils committee party front army forces force brigade brigades battalion
        battalions regiment division corps movement group groups company companies corporation
        corp inc ltd bank post times journal herald tribune gazette observer guardian news press
        today daily radio tv television airlines airways air university college institute school
        club fc united police authority agency ministry service services guard guards militia
        militias organisation organization alliance coalition union federation league
        association foundation center centre hospital church mosque cathedral federal national
        democratic islamic revolutionary liberation resistance unit units operations command
        federation oilers flames canucks jets senators leafs eagles tigers lions"""
    )
)
# Words between a demonym or a country and a person name that keep the country a mention.
TITLE_WORDS = frozenset(
    _words(
        """premier senator congressman congresswoman representative attorney mayor sheriff
        president prime minister foreign defence defense interior affairs ambassador embassy
        envoy consul consulate king queen prince princess sheikh emir general gen admiral
        colonel col major commander chief spokesman spokeswoman official officials leader
        leaders parliament government authorities military navy troops soldiers security
        intelligence state secretary senator mp lawmaker mayor governor police border capital
        officer"""
    )
)
# Continents and large regions: a gazetteer of countries, regions and towns may lack them, and
# then the only matches are villages named after them ("Asia" in the Philippines).
MACRO_REGIONS = frozenset(
    _words(
        """asia europe africa oceania antarctica eurasia scandinavia balkans caucasus levant
        maghreb sahel sahara mediterranean pacific atlantic arctic middle_east north_america
        south_america latin_america central_america central_asia east_asia southeast_asia
        south_asia western_europe eastern_europe southern_europe northern_europe
        west_africa east_africa north_africa horn_of_africa gulf persian_gulf"""
    )
)

# Verbs of speech: a small place right before or after one is a person ("Walsh said").
SPEECH_VERBS = frozenset(
    _words(
        """said says told added explained noted wrote asked replied recalled insisted
        argued warned admitted acknowledged according"""
    )
)
# Nouns after a country name that make the name an adjective for an actor ("US forces").
ACTOR_NOUNS = frozenset(
    _words(
        """forces force troops troop military army navy soldiers soldier officials official
        officers commanders commander personnel contingent advisers advisors jets warplanes
        aircraft drones drone strikes airstrikes base bases garrison garrisons convoy convoys
        defence defense positions position air
        patrol patrols special marines units unit government administration envoy embassy
        diplomats diplomat intelligence coalition allies ally proxies proxy militias militia
        mercenaries contractors warships warship fighter fighters pilots helicopters"""
    )
)
# Words before a name that make it a person's name.
PERSON_TITLES = frozenset(
    _words(
        """mr mrs ms miss dr prof president pres gen general col colonel lt capt captain maj
        major sgt sheikh sheik shaykh emir king queen prince princess pope imam ayatollah rev
        saint sen senator rep minister ambassador commander chief judge justice lord lady sir"""
    )
)

# Kind cues: a name followed (or preceded) by one of these words is of that kind.
SITE_WORDS = frozenset(
    _words(
        """base airbase airport airfield airstrip crossing camp dam field fields refinery port
        garrison outpost checkpoint facility bridge plant station barracks prison"""
    )
)
ADMIN_WORDS = frozenset(
    _words(
        """province governorate oblast region district county state prefecture raion canton
        municipality subdistrict wilayat wilaya muhafazah"""
    )
)
RIVER_WORDS = frozenset(("river",))
CITY_WORDS = frozenset(
    (
        "city",
        "town",
        "village",
        "community",
        "hamlet",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "township",
    )
)

# Prepositions that make a capital a place rather than its government ("talks in Moscow").
LOCATIVE_WORDS = frozenset(
    _words(
        """in at to from near into inside outside around across toward towards via through visit
        visited visiting arrived flew left reached entered of"""
    )
)
# Words after a capital that make it stand for its government ("Moscow says", "Washington did").
METONYM_NEXT_WORDS = frozenset(
    _words(
        """says said say has have had is was were will would did does do didn doesn isn wasn won
        accused accuses accusing wants wanted supports supported support backs backed backing
        warned warns denied denies rejected rejects insists insisted claims claimed announced
        announces demanded demands refused refuses condemned condemns responded responds sees
        saw believes believed agreed agrees must can could should may might plans planned
        continues continued remains remained also hopes hoped seeks sought urged urges called
        calls blamed blames considers considered views viewed intends intended expects expected
        threatened threatens imposed imposes sent sends approved approves ordered orders
        launched launches stepped pledged pledges vowed vows declined declines opposed opposes
        welcomed welcomes nursing appears appeared tried tries has hasn back"""
    )
)

# Verbs only a government does, for capitals the actor lexicon does not list ("Sanaa demands").
STRICT_METONYM_VERBS = frozenset(
    _words(
        """says said accused accuses denied denies demands demanded rejected rejects warned warns
        insists insisted condemned condemns announced announces threatened threatens vowed vows
        urged urges blamed blames responded responds retaliated claims claimed backs backed
        supports supported wants wanted called calls welcomed welcomes protested protests
        summoned summons expelled expels recalled recalls criticised criticises criticized
        criticizes"""
    )
)
# Words before a capital that make it the object of a government's act ("accused Abu Dhabi").
METONYM_OBJECT_OF = frozenset(
    _words(
        """accused accusing accuse accuses by with against urged urging allowed allowing
        fighting fight fought pressed pressing warned warning blamed blaming criticised
        criticized condemned condemning told asked sanctioned sanctioning between"""
    )
)

# Buildings that stand for a government, and the capital (and country) they are in.
SEATS_OF_GOVERNMENT: dict[str, tuple[str, str]] = {
    "kremlin": ("moscow", "RU"),
    "pentagon": ("washington", "US"),
    "white house": ("washington", "US"),
    "state department": ("washington", "US"),
    "foggy bottom": ("washington", "US"),
    "capitol hill": ("washington", "US"),
    "elysee": ("paris", "FR"),
    "quai d orsay": ("paris", "FR"),
    "downing street": ("london", "GB"),
    "whitehall": ("london", "GB"),
    "zhongnanhai": ("beijing", "CN"),
    "bankova": ("kyiv", "UA"),
    "knesset": ("jerusalem", "IL"),
}

# Direction words of relative regions, mapped to a unit vector name.
DIRECTION_ADJECTIVES = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "central": "central",
    "northeastern": "northeast",
    "northwestern": "northwest",
    "southeastern": "southeast",
    "southwestern": "southwest",
    "north": "north",
    "south": "south",
    "east": "east",
    "west": "west",
    "northeast": "northeast",
    "northwest": "northwest",
    "southeast": "southeast",
    "southwest": "southwest",
}
NEAR_WORDS = frozenset(("near", "nearby", "outskirts", "vicinity", "outside", "around", "close"))

MONTHS_AND_DAYS = frozenset(
    _words(
        """january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
        friday saturday sunday"""
    )
)

# Capitalised words that start sentences or headlines and that gazetteers also hold as places
# ("Of" in Turkey, "Police" in Poland). Checked only for one-word candidates.
COMMON_WORDS = frozenset(
    _words(
        """a about above according across after afterwards again against all almost alone along
        already also although always am among an and another any anyone anything are area around
        as at away back be became because become been before behind being below beside besides
        best better between beyond both but by call can cannot come could did do does done down
        during each early either else enough even ever every few first five for former four from
        further get give go had has have he her here hers him his how however i if in indeed
        into is it its just last later least less like made many may me meanwhile might more
        most much must my near neither never nevertheless new next nine no nobody none nor not
        nothing now of off often on once one only onto or other others otherwise our out over
        own part per perhaps please put rather same see seem several she should show side since
        six so some still such take than that the their them then there these they third this
        those though three through throughout thus to together too toward two under until up
        upon us very via was we well were what whatever when where whether which while who whole
        whom whose why will with within without would yet you your yours police mobile reading
        bath nice split deal hope independence union liberty university victory unity progress
        peace justice freedom mission colony enterprise paradise harmony friendship eagle
        opportunity commerce industry mercy sale plain power energy marine media press court
        house market bank green white black red blue gold silver golden rock stone hill mount
        lake river sea ocean island beach bay port fort camp station valley spring springs falls
        city town village center centre church school college college hospital hotel castle
        tower bridge garden park square street road way avenue lane central north south east
        west northern southern eastern western middle upper lower great little big long short
        high low old young good bad free open royal grand general president minister king queen
        prince princess lord duke sir saint christmas easter sunday monday tuesday wednesday
        thursday friday saturday january february march april june july august september october
        november december government army military troops forces force state states republic
        kingdom empire today tomorrow yesterday said says say officials official people world
        war news breaking update video photo live watch read more related latest top home man
        woman men women boy girl child children family friends friend life love time day year
        years week month night morning evening english arab arabic kurdish western eastern
        islamic muslim christian jewish sunni shia shiite allied allies democrats republicans
        republican democrat liberal conservative labour tory congress parliament senate prime
        seven eight school centre medicine hydro amazon google apple facebook twitter youtube
        instagram tiger rose block unite eta winter summer autumn fall bush human major general
        fleet secretary rev sen county vice ten city ive id ill im youre theyre weve dont cant
        wont isnt xinhua reuters tass irna ria sana afp bbc cnn"""
    )
)
# Armed groups and alliances whose one-word names are also village names somewhere.
ARMED_GROUP_WORDS = frozenset(
    _words(
        """houthi houthis hamas hezbollah hizbollah wagner islah qaeda nato isis isil daesh jnim
        hts sdf ypg pkk peshmerga taliban shabaab haram ansarallah amal fatah"""
    )
)
# Surnames of leaders that are also village names somewhere; never places on their own.
LEADER_NAMES = frozenset(
    _words(
        """trump obama putin assad erdogan lavrov biden clinton kerry netanyahu zelensky zelenskyy
        khamenei rouhani raisi sisi haftar dbeibah bashar hafez"""
    )
)
