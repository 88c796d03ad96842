"""Every label the site shows, in Dutch and English, and date formats.

The vocabulary of the dossier (types, statuses, roles) is translated here,
not in the dossier: authors write `type: goals`, readers see "Doelen
realiseren" or "Realising goals".
"""

from __future__ import annotations

from datetime import date, datetime

LANGS = ("nl", "en")

# Where each kind of generated page lives, per language.
SECTIONS = {
    "nl": {
        "coalitions": "coalities",
        "organisations": "organisaties",
        "agenda": "agenda",
        "take_part": "meedoen",
        "open_data": "open-data",
        "find": "zoeken",
    },
    "en": {
        "coalitions": "coalitions",
        "organisations": "organisations",
        "agenda": "agenda",
        "take_part": "take-part",
        "open_data": "open-data",
        "find": "find",
    },
}

_VOCABULARY: dict[str, dict[str, tuple[str, str]]] = {
    "type": {
        "products": ("Samen producten of diensten leveren", "Delivering products or services"),
        "goals": ("Samen doelen realiseren", "Realising goals together"),
        "movement": ("Een beweging op gang brengen", "Starting a movement"),
        "platform": (
            "Een platform voor ontmoeting en leren",
            "A platform for meeting and learning",
        ),
    },
    "approach": {
        "project-management": (
            "als project, met een vaste planning en een vast resultaat",
            "as a project, with a fixed plan and result",
        ),
        "programme-management": (
            "als programma: een reeks projecten die samen één doel dienen",
            "as a programme: a series of projects that serve one goal",
        ),
        "network-governance": (
            "als netwerk: de partners sturen samen",
            "as a network: the partners steer together",
        ),
        "community-building": (
            "als gemeenschap: mensen ontmoeten elkaar en leren van elkaar",
            "as a community: people meet and learn from each other",
        ),
    },
    "status": {
        "draft": ("concept", "draft"),
        "active": ("actief", "active"),
        "paused": ("gepauzeerd", "paused"),
        "ended": ("beëindigd", "ended"),
    },
    "sector": {
        "public": ("overheid", "public sector"),
        "private": ("bedrijfsleven", "private sector"),
        "civil-society": ("maatschappelijke organisatie", "civil society"),
        "education": ("onderwijs", "education"),
        "knowledge": ("kennisinstelling", "knowledge institution"),
    },
    "objective": {
        "not-started": ("nog niet begonnen", "not started"),
        "on-track": ("op koers", "on track"),
        "at-risk": ("loopt gevaar", "at risk"),
        "off-track": ("achter op schema", "off track"),
        "achieved": ("behaald", "achieved"),
        "dropped": ("vervallen", "dropped"),
    },
    "government": {
        "initiator": ("initiatiefnemer", "initiator"),
        "commissioner": ("opdrachtgever", "commissioner"),
        "partner": ("partner", "partner"),
        "funder": ("financier", "funder"),
        "referee": ("scheidsrechter", "referee"),
    },
    "relationship": {
        "multi-year-partnership": ("meerjarig partnerschap", "multi-year partnership"),
        "business": ("zakelijke relatie", "business relationship"),
    },
    "funding": {
        "contract": ("opdracht", "contract"),
        "subsidy": ("subsidie", "subsidy"),
        "own-funds": ("eigen middelen", "own funds"),
    },
    "mandate": {
        "speak": ("spreken namens het verband", "speak for the coalition"),
        "sign": ("tekenen", "sign"),
        "spend": ("geld uitgeven", "spend money"),
    },
    "agreement_kind": {
        "covenant": ("convenant", "covenant"),
        "contract": ("contract", "contract"),
        "letter-of-intent": ("intentieverklaring", "letter of intent"),
        "cooperation-agreement": ("samenwerkingsovereenkomst", "cooperation agreement"),
        "subsidy-decision": ("subsidiebeschikking", "subsidy decision"),
        "other": ("andere afspraak", "other agreement"),
    },
    "agreement_status": {
        "draft": ("concept", "draft"),
        "signed": ("getekend", "signed"),
        "in-force": ("van kracht", "in force"),
        "ended": ("afgelopen", "ended"),
        "terminated": ("opgezegd", "terminated"),
    },
    "period": {
        "once": ("eenmalig", "once"),
        "month": ("per maand", "per month"),
        "year": ("per jaar", "per year"),
    },
    "role": {
        "lead": ("trekker", "lead"),
        "contributes": ("draagt bij", "contributes"),
        "consulted": ("geraadpleegd", "consulted"),
        "informed": ("geïnformeerd", "informed"),
    },
}

_WORDS: dict[str, tuple[str, str]] = {
    "overview": ("Overzicht", "Overview"),
    "type": ("Soort samenwerking", "Type of cooperation"),
    "approach": ("Aanpak", "Approach"),
    "status": ("Status", "Status"),
    "started": ("Gestart", "Started"),
    "website": ("Website", "Website"),
    "societal_question": ("Maatschappelijke opgave", "Societal question"),
    "ambition": ("Ambitie", "Ambition"),
    "endorsed_by": ("Wie de ambitie onderschrijft", "Who endorses the ambition"),
    "since": ("Sinds", "Since"),
    "values": ("Gedeelde waarden", "Shared values"),
    "we": ("Wie wij zijn", "Who we are"),
    "members": ("Leden", "Members"),
    "mandates": ("Wie namens ons spreekt en handelt", "Who speaks and acts for us"),
    "may": ("Mag", "May"),
    "scope": ("Waarvoor", "For what"),
    "commissioning": ("Gedeeld opdrachtgeverschap", "Shared commissioning"),
    "commissioners": ("Opdrachtgevers", "Commissioners"),
    "represented_by": ("Vertegenwoordigd door", "Represented by"),
    "government": ("Rol van de overheid", "Role of government"),
    "governance": ("Sturing", "Governance"),
    "steering_group": ("Stuurgroep", "Steering group"),
    "chair": ("Voorzitter", "Chair"),
    "meets": ("Vergadert", "Meets"),
    "referee": ("Onafhankelijke scheidsrechter", "Independent referee"),
    "escalation": ("Als we het oneens zijn", "When we disagree"),
    "meeting_place": ("Ontmoetingsplek", "Meeting place"),
    "objectives": ("Doelen en resultaten", "Objectives and results"),
    "objective": ("Doel", "Objective"),
    "indicator": ("Hoe we het meten", "How we measure it"),
    "baseline": ("Beginstand", "Baseline"),
    "target": ("Gewenste stand", "Target"),
    "deadline": ("Klaar op", "Deadline"),
    "results": ("Behaalde resultaten", "Results achieved"),
    "evidence": ("bron", "source"),
    "agenda": ("Agenda", "Agenda"),
    "upcoming": ("Binnenkort", "Upcoming"),
    "past": ("Geweest", "Past"),
    "no_upcoming": (
        "Er staan nu geen openbare activiteiten gepland.",
        "No public activities are planned at the moment.",
    ),
    "open_to_newcomers": ("Open voor nieuwkomers", "Open to newcomers"),
    "when": ("Wanneer", "When"),
    "where": ("Waar", "Where"),
    "online": ("Online", "Online"),
    "theme": ("Thema", "Theme"),
    "organisers": ("Organisatie", "Organised by"),
    "how_to_join": ("Meedoen", "How to join"),
    "free": ("Gratis", "Free of charge"),
    "subscribe": ("In je eigen agenda", "In your own calendar"),
    "subscribe_intro": (
        "Abonneer je op een agenda, dan verschijnen nieuwe en gewijzigde activiteiten vanzelf "
        "in je eigen agenda. Kopieer het adres van de link en voeg het toe: in Outlook via "
        "Agenda toevoegen, Abonneren vanaf het web; in Google Agenda via Andere agenda's, Via "
        "URL; op een iPhone, iPad of Mac via Agenda, Nieuw agenda-abonnement. Klik je op de "
        "link, dan haal je de activiteiten één keer binnen, zonder latere wijzigingen.",
        "Subscribe to a calendar and new or changed activities appear in your own calendar by "
        "themselves. Copy the link's address and add it: in Outlook under Add calendar, "
        "Subscribe from web; in Google Calendar under Other calendars, From URL; on an iPhone, "
        "iPad or Mac under Calendar, New Calendar Subscription. Clicking the link imports the "
        "activities once, without later changes.",
    ),
    "more_activities": (
        "Nog {count} latere activiteiten staan op de pagina's van de verbanden en in de feed:",
        "{count} later activities are on the coalitions' pages and in the feed:",
    ),
    "feed_all": ("Alle openbare activiteiten (iCalendar)", "All public activities (iCalendar)"),
    "feed_newcomers": (
        "Activiteiten open voor nieuwkomers (iCalendar)",
        "Activities open to newcomers (iCalendar)",
    ),
    "feed_coalition": (
        "De activiteiten van dit samenwerkingsverband in je eigen agenda (iCalendar)",
        "This coalition's activities in your own calendar (iCalendar)",
    ),
    "registration": ("Aanmelden", "Register"),
    "roles": ("Rolverdeling", "Role division"),
    "roles_intro": (
        "Wie trekt welk thema of onderdeel, wie draagt bij, wie wordt geraadpleegd en wie "
        "geïnformeerd.",
        "Who leads each theme or deliverable, who contributes, who is consulted and who is "
        "informed.",
    ),
    "subject": ("Thema of onderdeel", "Theme or deliverable"),
    "deliverables": ("Wat we leveren", "What we deliver"),
    "agreements": ("Afspraken", "Agreements"),
    "kind": ("Soort", "Kind"),
    "parties": ("Partijen", "Parties"),
    "signed": ("Getekend", "Signed"),
    "valid": ("Looptijd", "Valid"),
    "valid_from": ("vanaf {date}", "from {date}"),
    "valid_until": ("tot {date}", "until {date}"),
    "document": ("Document", "Document"),
    "read_document": ("Lees het document", "Read the document"),
    "investments": ("Investeringen", "Investments"),
    "partner": ("Partner", "Partner"),
    "amount": ("Bedrag", "Amount"),
    "ownership": ("Eigendom", "Ownership"),
    "exploitation": ("Gebruik en beheer", "Use and upkeep"),
    "risks": ("Risico's", "Risks"),
    "risk": ("Risico", "Risk"),
    "borne_by": ("Gedragen door", "Borne by"),
    "mitigation": ("Wat we eraan doen", "What we do about it"),
    "time": ("Tijdsinvestering", "Time invested"),
    "days_per_week": ("Dagen per week", "Days per week"),
    "compensated": ("Vergoed", "Compensated"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "note": ("Toelichting", "Note"),
    "analysis": ("Partneranalyse", "Partner analysis"),
    "analysis_intro": (
        "Per partner: de invloed op het maatschappelijke doel (1 tot 5) en hoe afhankelijk we "
        "van deze partner zijn (1: veel alternatieven, 5: geen). Hoe afhankelijker we zijn, hoe "
        "meer invloed we nodig hebben: partners onder die ambitielijn vragen om investering.",
        "Per partner: its influence on the societal goal (1 to 5) and how much we depend on it "
        "(1: many alternatives, 5: none). The more we depend on a partner, the more influence "
        "we need from it: partners below that ambition line call for investment.",
    ),
    "axis_dependency": (
        "Afhankelijkheid (1: veel alternatieven, 5: geen)",
        "Dependency (1: many alternatives, 5: none)",
    ),
    "axis_influence": ("Invloed op het maatschappelijke doel", "Influence on the societal goal"),
    "q_influential_replaceable": ("veel invloed, alternatieven", "strong, alternatives exist"),
    "q_influential_indispensable": ("veel invloed, onmisbaar", "strong, indispensable"),
    "q_minor_replaceable": ("weinig invloed, vervangbaar", "weak, replaceable"),
    "q_minor_indispensable": ("weinig invloed, onmisbaar", "weak, indispensable"),
    "network_title": ("Wie doet waar mee", "Who takes part where"),
    "network_intro": (
        "Welke organisaties in welke samenwerkingsverbanden meedoen. Zitten overal dezelfde "
        "organisaties aan tafel, dan komen nieuwe partijen moeilijk binnen. En een organisatie "
        "die nu in één verband meedoet, kan misschien ook een ander verband verder helpen.",
        "Which organisations take part in which coalitions. When the same organisations sit "
        "at every table, new parties find it hard to get in. And an organisation that takes "
        "part in one coalition now may be able to help another one too.",
    ),
    "net_steering": ("in de stuurgroep", "on the steering group"),
    "net_member": ("lid", "member"),
    "net_partner_only": ("partner, geen lid", "partner, not a member"),
    "net_most": ("in de meeste verbanden", "in the most coalitions"),
    "net_other": ("overige", "others"),
    "caption_partners": (
        "Partnermatrix. Stippellijn: de ambitielijn. Pijlen: de beoogde beweging; een "
        "stippelcirkel: blijven waar de partner staat. Vetgedrukt: onder de lijn. Dezelfde "
        "gegevens staan in de tabel hieronder.",
        "Partner matrix. Dashed line: the ambition line. Arrows: the intended move; a dashed "
        "circle: stay in place. Bold: below the line. The table below holds the same data.",
    ),
    "caption_roles": (
        "Rolverdeling als matrix: hoe donkerder, hoe groter de rol. Dezelfde gegevens staan in "
        "de tabel hieronder.",
        "Role division as a matrix: the darker, the larger the role. The table below holds the "
        "same data.",
    ),
    "caption_network": (
        "Welke organisaties in welke samenwerkingsverbanden meedoen; rechts het aantal verbanden "
        "per organisatie. Dezelfde gegevens staan in de tabel hieronder.",
        "Which organisations take part in which coalitions; on the right, the number of "
        "coalitions per organisation. The table below holds the same data.",
    ),
    "caption_network_limited": (
        "De {organisations} organisaties die aan de meeste verbanden meedoen, en de "
        "{coalitions} verbanden waarin zij het vaakst samen zitten; rechts het aantal verbanden "
        "per organisatie. De tabel hieronder noemt alle organisaties.",
        "The {organisations} organisations in the most coalitions, and the {coalitions} "
        "coalitions where they most often meet; on the right, the number of coalitions per "
        "organisation. The table below lists every organisation.",
    ),
    "chart_table_note": (
        "Dezelfde gegevens staan in de tabel hieronder.",
        "The table below holds the same data.",
    ),
    "sector": ("Sector", "Sector"),
    "influence": ("Invloed", "Influence"),
    "dependency": ("Afhankelijkheid", "Dependency"),
    "ambition_line": ("Ambitielijn", "Ambition line"),
    "below_line": ("onder de lijn", "below the line"),
    "above_line": ("op of boven de lijn", "on or above the line"),
    "target_position": ("Beoogde positie", "Target position"),
    "strategy": ("Ontwikkelstrategie", "Development strategy"),
    "relationship": ("Relatie", "Relationship"),
    "funding": ("Financiering", "Funding"),
    "partners": ("Partners", "Partners"),
    "contact": ("Contact", "Contact"),
    "glance": ("In het kort", "At a glance"),
    "glance_does": ("Wat we doen", "What we do"),
    "glance_next": ("Eerstvolgende activiteit voor nieuwkomers", "Next activity open to newcomers"),
    "glance_no_next": (
        "Er staat nu geen activiteit voor nieuwkomers gepland.",
        "No activity open to newcomers is planned at the moment.",
    ),
    "glance_ask": (
        "Neem contact op met de contactpersoon hieronder.",
        "Get in touch with the contact person below.",
    ),
    "glance_website": ("Kijk op de website:", "See the website:"),
    "glance_elsewhere": (
        "Zie alle activiteiten voor nieuwkomers:",
        "See all activities for newcomers:",
    ),
    "on_this_page": ("Op deze pagina", "On this page"),
    "name": ("Naam", "Name"),
    "role": ("Rol", "Role"),
    "email": ("E-mail", "E-mail"),
    "phone": ("Telefoon", "Phone"),
    "coalition": ("Samenwerkingsverband", "Coalition"),
    "coalitions": ("Samenwerkingsverbanden", "Coalitions"),
    "coalitions_intro": (
        "Alle samenwerkingsverbanden op deze site, per soort samenwerking.",
        "All coalitions on this site, by type of cooperation.",
    ),
    "themes": ("Thema's", "Themes"),
    "by_theme": ("Per thema", "By theme"),
    "organisation": ("Organisatie", "Organisation"),
    "organisations": ("Organisaties", "Organisations"),
    "organisations_intro": (
        "Alle organisaties die meedoen, en in hoeveel samenwerkingsverbanden.",
        "All organisations taking part, and in how many coalitions.",
    ),
    "count_coalitions": ("Aantal verbanden", "Number of coalitions"),
    "takes_part_in": ("Doet mee aan", "Takes part in"),
    "leads": ("Trekt", "Leads"),
    "its_role": ("Rol", "Role"),
    "steering": ("in de stuurgroep", "on the steering group"),
    "member": ("lid van het verband", "member of the coalition"),
    "agenda_intro": (
        "Alle openbare activiteiten van alle samenwerkingsverbanden, de eerstvolgende bovenaan. "
        "Activiteiten die open staan voor nieuwkomers zijn gemarkeerd.",
        "All public activities of all coalitions, soonest first. Activities open to newcomers "
        "are marked.",
    ),
    "take_part": ("Meedoen", "Take part"),
    "take_part_intro": (
        "Wil je meedoen? Hier staan de activiteiten die open staan voor nieuwkomers, en wie je "
        "per samenwerkingsverband kunt benaderen.",
        "Want to take part? Here are the activities open to newcomers, and whom to contact in "
        "each coalition.",
    ),
    "whom_to_contact": ("Wie je kunt benaderen", "Whom to contact"),
    "no_contact": ("Nog geen openbaar contact.", "No public contact yet."),
    "open_activities": ("Activiteiten open voor nieuwkomers", "Activities open to newcomers"),
    "none_open": (
        "Er staan nu geen activiteiten voor nieuwkomers gepland.",
        "No activities for newcomers are planned at the moment.",
    ),
    "as_of": ("Stand van", "As of"),
    "open_data": ("Open data", "Open data"),
    "open_data_intro": (
        "Alles wat deze site over de samenwerkingsverbanden toont, staat hier ook als "
        "gegevens, om zelf te gebruiken: in JSON en als tabellen (CSV). Wat niet openbaar is, "
        "staat er ook hier niet in.",
        "Everything this site shows about the coalitions is here as data too, for your own "
        "use: as JSON and as tables (CSV). What is not public is not here either.",
    ),
    "licence": ("Licentie", "Licence"),
    "licence_note": (
        "Je mag de gegevens vrij gebruiken, ook zonder bronvermelding.",
        "You may use the data freely, also without attribution.",
    ),
    "files": ("Bestanden", "Files"),
    "file_all": (
        "alle openbare gegevens van alle samenwerkingsverbanden.",
        "all public data of all coalitions.",
    ),
    "file_each": (
        "Per samenwerkingsverband: open-data/coalitions/ gevolgd door het kenmerk en .json.",
        "Per coalition: open-data/coalitions/ followed by its identifier and .json.",
    ),
    "file_schema": (
        "het JSON Schema waaraan elk JSON-bestand voldoet.",
        "the JSON Schema every JSON file meets.",
    ),
    "file_datapackage": (
        "de beschrijving van de CSV-bestanden als Frictionless Data Package: per kolom het "
        "soort waarde, de sleutels en de licentie, zodat programma's de tabellen meteen goed "
        "inlezen.",
        "the CSV files described as a Frictionless Data Package: each column's type, the keys "
        "and the licence, so programs read the tables right away.",
    ),
    "csv_note": (
        "De CSV-bestanden zijn UTF-8, met een komma als scheidingsteken en een kopregel. "
        "Een tekst die met =, +, -, @, een tab of een regelterugloop begint, krijgt een "
        "apostrof (') ervoor, zodat een spreadsheet hem als tekst toont en nooit als formule "
        "uitvoert. Wie de oorspronkelijke tekst nodig heeft, haalt die ene apostrof weg of "
        "neemt de JSON-bestanden: die geven de tekst precies zoals het dossier hem geeft.",
        "The CSV files are UTF-8, comma-separated, with a header row. Text that starts with "
        "=, +, -, @, a tab or a carriage return gets an apostrophe (') in front, so that a "
        "spreadsheet shows it as text and never runs it as a formula. To get the original "
        "text, remove that one apostrophe, or use the JSON files: they give the text exactly "
        "as the dossier does.",
    ),
    "column": ("Kolom", "Column"),
    "meaning": ("Betekenis", "Meaning"),
    "all_coalitions": ("Alle samenwerkingsverbanden", "All coalitions"),
    "home": ("Samenwerkingsverbanden in de openbaarheid", "Coalitions in the open"),
    "home_intro": (
        "Op deze site laten samenwerkingsverbanden zien waar ze aan werken. Je ziet wie er "
        "meedoen, wat ze samen willen bereiken en welke activiteiten open zijn voor iedereen. "
        "En je ziet bij wie je terechtkunt.",
        "On this site, coalitions of organisations show what they are working on. You see who "
        "takes part, what they want to achieve together and which activities are open to "
        "everyone. And you see whom to contact.",
    ),
    "home_open": ("Binnenkort: doe mee", "Coming up: join in"),
    "home_open_intro": (
        "De eerstvolgende activiteiten waar nieuwkomers welkom zijn.",
        "The next activities where newcomers are welcome.",
    ),
    "home_all_open": (
        "Alle activiteiten voor nieuwkomers, en wie je kunt benaderen",
        "All activities for newcomers, and whom to contact",
    ),
    "home_themes": ("Samenwerkingsverbanden per thema", "Coalitions by theme"),
    "home_no_theme": ("Zonder thema", "Without a theme"),
    "home_more": (
        "en nog {count} andere samenwerkingsverbanden",
        "and {count} other coalitions",
    ),
    "home_all_coalitions": (
        "Alle samenwerkingsverbanden, per soort samenwerking",
        "All coalitions, by type of cooperation",
    ),
    "home_no_coalitions": (
        "Er staan nog geen samenwerkingsverbanden op deze site.",
        "There are no coalitions on this site yet.",
    ),
    "source_note": (
        "Deze pagina is gemaakt uit het dossier van het samenwerkingsverband.",
        "This page is made from the coalition's dossier.",
    ),
    # charts
    "chart_full": (
        "Open de figuur op volle grootte (SVG).",
        "Open the figure full size (SVG).",
    ),
    "chart_specs": ("De figuren als gegevens", "The figures as data"),
    "chart_specs_intro": (
        "De gegevens en de opmaak van elke figuur, als Vega-Lite-specificatie (JSON). "
        "Met Vega-Lite kunt u de figuur zelf opnieuw tekenen of aanpassen.",
        "The data and layout of each figure, as a Vega-Lite specification (JSON). "
        "With Vega-Lite you can draw the figure again or change it.",
    ),
    "chart_scroll": (
        "Op een smal scherm schuift u de figuur opzij.",
        "On a narrow screen, slide the figure sideways.",
    ),
    # agenda
    "subscribe_short": (
        "Zet de activiteiten in je eigen agenda. Kies je Abonneren, dan komen nieuwe en "
        "gewijzigde activiteiten er vanzelf bij.",
        "Put the activities in your own calendar. Choose Subscribe, and new or changed "
        "activities are added by themselves.",
    ),
    "subscribe_how": ("Hoe werkt abonneren?", "How does subscribing work?"),
    "subscribe_link": ("Abonneren", "Subscribe"),
    "download_link": ("Bestand downloaden", "Download the file"),
    "feed_all_short": ("Alle openbare activiteiten", "All public activities"),
    "feed_newcomers_short": (
        "Activiteiten open voor nieuwkomers",
        "Activities open to newcomers",
    ),
    "feed_coalition_short": (
        "Alle activiteiten van dit samenwerkingsverband",
        "All activities of this coalition",
    ),
    "add_to_calendar": ("In mijn agenda zetten (iCalendar)", "Add to my calendar (iCalendar)"),
    "badge_open": ("Open voor nieuwkomers", "Open to newcomers"),
    "badge_free": ("Gratis", "Free"),
    "activity_page": (
        "Meer over deze activiteit",
        "More about this activity",
    ),
    "investment_period": ("Hoe vaak", "How often"),
    "take_part_feed": (
        "Deze activiteiten in je eigen agenda",
        "These activities in your own calendar",
    ),
    # search
    "find": ("Zoeken en filteren", "Find"),
    "find_intro": (
        "Zoek in alle pagina's, of kies wat u zoekt: een thema, een plaats, een soort "
        "samenwerking of een samenwerkingsverband. Hieronder staat eerst wat de komende "
        "weken open is voor nieuwkomers.",
        "Search all pages, or choose what you are looking for: a theme, a place, a type of "
        "cooperation or a coalition. First below is what is open to newcomers in the coming "
        "weeks.",
    ),
    "find_open_soon": (
        "Open voor nieuwkomers, de komende weken",
        "Open to newcomers in the coming weeks",
    ),
    "find_none_soon": (
        "De komende weken is er niets open voor nieuwkomers.",
        "Nothing is open to newcomers in the coming weeks.",
    ),
    "find_link": ("Zoeken en filteren", "Find an activity"),
    "search_label": ("Zoek op deze site", "Search this site"),
    "search_placeholder": ("Zoeken", "Search"),
    "search_button": ("Zoeken", "Search"),
    "find_date": ("Datum", "Date"),
    "find_words": ("Woorden", "Words"),
    "find_all": ("Alle", "All"),
    "find_more": ("Meer resultaten", "More results"),
    "find_clear": ("Alles wissen", "Clear all"),
    "find_none": (
        "Niets gevonden. Probeer een ander woord of minder filters.",
        "Nothing found. Try another word or fewer filters.",
    ),
    "find_one": ("1 resultaat", "1 result"),
    "find_many": ("{n} resultaten", "{n} results"),
    "find_empty": (
        "Typ een woord of kies een filter.",
        "Type a word or choose a filter.",
    ),
    "find_searching": ("Zoeken ...", "Searching ..."),
}

# The filters of the activity records in the search index, in the order the
# finder page shows them (generator/engine.py names them with these labels).
SEARCH_FILTERS = ("open_to_newcomers", "free", "when", "theme", "where", "type", "coalition")

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_DAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


class Labels:
    """The labels of one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._index = LANGS.index(lang)
        self.section = SECTIONS[lang]

    def __call__(self, key: str) -> str:
        return _WORDS[key][self._index]

    def term(self, vocabulary: str, value: str) -> str:
        return _VOCABULARY[vocabulary][str(value)][self._index]

    def month(self, value: date) -> str:
        """A month heading of the agenda: 'december 2026'."""
        return f"{_MONTHS[self.lang][value.month - 1]} {value.year}"

    def date(self, value: date | None) -> str:
        if value is None:
            return ""
        return f"{value.day} {_MONTHS[self.lang][value.month - 1]} {value.year}"

    def datetime(self, start: datetime, end: datetime | None = None) -> str:
        day = _DAYS[self.lang][start.weekday()]
        shown = f"{day} {self.date(start.date())}, {start:%H:%M}"
        if end is None:
            return shown
        if end.date() == start.date():
            return f"{shown}–{end:%H:%M}"
        return f"{shown} – {self.date(end.date())}, {end:%H:%M}"

    def number(self, value: float) -> str:
        """Numbers as the language writes them: 1.250.000,50 in Dutch."""
        whole = value == int(value)
        shown = f"{value:,.0f}" if whole else f"{value:,.2f}"
        if self.lang == "nl":
            shown = shown.replace(",", "_").replace(".", ",").replace("_", ".")
        return shown

    def money(self, amount: float, currency: str) -> str:
        symbol = "€" if currency == "EUR" else currency
        return f"{symbol} {self.number(amount)}"

    def days(self, value: float) -> str:
        """Days as written: 2, 0,5 or 1,25 in Dutch; 0.5 in English."""
        shown = f"{value:g}"
        return shown.replace(".", ",") if self.lang == "nl" else shown


# opendata
_WORDS.update(
    {
        "dataset_name": (
            "Dossiers van samenwerkingsverbanden",
            "Dossiers of coalitions",
        ),
        "dataset_description": (
            "De openbare gegevens van {count} publiek-private samenwerkingsverbanden: het "
            "maatschappelijk vraagstuk, de ambitie, doelen, partners, afspraken en de openbare "
            "agenda, als JSON en als CSV-tabellen.",
            "The public data of {count} public-private coalitions: the societal question, the "
            "ambition, objectives, partners, agreements and the public agenda, as JSON and as "
            "CSV tables.",
        ),
        "dataset_keywords": (
            "samenwerkingsverbanden, publiek-private samenwerking, agenda, open data",
            "coalitions, public-private partnership, agenda, open data",
        ),
        "file_catalog": (
            "de catalogus van deze open data in DCAT (DCAT-AP-NL 3.0), die dataportalen zoals "
            "data.overheid.nl kunnen oogsten: per bestand het formaat, het adres, de licentie "
            "en de datum.",
            "the catalogue of this open data in DCAT (DCAT-AP-NL 3.0), for data portals such as "
            "data.overheid.nl to harvest: each file's format, address, licence and date.",
        ),
    }
)
_WORDS.update({"event_page": ("Meer informatie", "More information")})


# history
_WORDS.update(
    {
        "changes": ("Wijzigingen", "Changes"),
        "changes_intro": (
            "Wat er in het openbare dossier veranderde, per versie, de nieuwste eerst.",
            "What changed in the public dossier, version by version, newest first.",
        ),
        "changes_feed": ("Volg de wijzigingen", "Follow the changes"),
        "changes_feed_all": ("alle samenwerkingsverbanden", "all coalitions"),
        "history_feed_title": (
            "Wijzigingen in de samenwerkingsverbanden",
            "Changes to the coalitions",
        ),
        "site_author": ("Dossiers van samenwerkingsverbanden", "Coalition dossiers"),
        "trail": ("Eerdere posities", "Earlier positions"),
        "trail_intro": (
            "Waar partners eerder stonden, volgens de gepubliceerde versies van dit dossier; "
            "de tabel hierboven geeft de positie van nu.",
            "Where partners stood before, according to the published versions of this "
            "dossier; the table above gives where they are now.",
        ),
        "trail_since": ("Vanaf", "From"),
        "objectives_earlier": ("Eerdere stand van de doelen", "Objectives earlier"),
        "objectives_earlier_intro": (
            "Hoe de doelen er eerder voor stonden, volgens de gepubliceerde versies van dit "
            "dossier; de tabel hierboven geeft de stand van nu.",
            "How the objectives stood before, according to the published versions of this "
            "dossier; the table above gives where they stand now.",
        ),
        "trail_caption": (
            "Grijze stippellijnen en open rondjes: eerdere posities.",
            "Grey dotted lines and open circles: earlier positions.",
        ),
    }
)


# history: a field of the dossier in words, for the changes the site lists
# ("Gemeente Noord: OIN en website gewijzigd"); keyed "field_" + the field's name.
_WORDS.update(
    {
        f"field_{name}": words
        for name, words in {
            "name": ("naam", "name"),
            "type": ("soort samenwerking", "type of cooperation"),
            "summary": ("samenvatting", "summary"),
            "started": ("startdatum", "start date"),
            "website": ("website", "website"),
            "societal_question": ("maatschappelijke opgave", "societal question"),
            "ambition": ("ambitie", "ambition"),
            "statement": ("ambitie", "ambition"),
            "endorsed_by": ("wie de ambitie onderschrijft", "who endorses the ambition"),
            "explanation": ("toelichting", "explanation"),
            "values": ("gedeelde waarden", "shared values"),
            "objectives": ("doelen", "objectives"),
            "contribution": ("bijdrage aan de ambitie", "contribution to the ambition"),
            "indicator": ("hoe het gemeten wordt", "how it is measured"),
            "baseline": ("beginstand", "baseline"),
            "target": ("gewenste stand", "target"),
            "deadline": ("einddatum", "deadline"),
            "status": ("status", "status"),
            "title": ("titel", "title"),
            "date": ("datum", "date"),
            "description": ("beschrijving", "description"),
            "evidence": ("bron", "source"),
            "organisation": ("organisatie", "organisation"),
            "sector": ("sector", "sector"),
            "kvk": ("KvK-nummer", "KvK number"),
            "oin": ("OIN", "OIN"),
            "tooi": ("TOOI-code", "TOOI identifier"),
            "since": ("partner sinds", "partner since"),
            "until": ("partner tot", "partner until"),
            "influence": ("invloed", "influence"),
            "dependency": ("afhankelijkheid", "dependency"),
            "strategy": ("ontwikkelstrategie", "development strategy"),
            "relationship": ("relatie", "relationship"),
            "funding": ("financiering", "funding"),
            "time": ("tijdsinvestering", "time invested"),
            "we": ("wie wij zijn", "who we are"),
            "members": ("leden", "members"),
            "mandates": (
                "wie namens het verband spreekt en handelt",
                "who speaks and acts for the coalition",
            ),
            "commissioning": ("gedeeld opdrachtgeverschap", "shared commissioning"),
            "government": ("rol van de overheid", "role of government"),
            "governance": ("sturing", "governance"),
            "steering_group": ("stuurgroep", "steering group"),
            "referee": ("onafhankelijke scheidsrechter", "independent referee"),
            "escalation": ("wat er gebeurt bij onenigheid", "what happens when partners disagree"),
            "themes": ("thema's", "themes"),
            "deliverables": ("wat het verband levert", "what the coalition delivers"),
            "results": ("behaalde resultaten", "results achieved"),
            "theme": ("thema", "theme"),
            "deliverable": ("onderdeel", "deliverable"),
            "roles": ("rolverdeling", "role division"),
            "lead": ("trekker", "lead"),
            "contributes": ("wie bijdraagt", "who contributes"),
            "consulted": ("wie wordt geraadpleegd", "who is consulted"),
            "informed": ("wie wordt geïnformeerd", "who is informed"),
            "places": ("plekken", "places"),
            "address": ("adres", "address"),
            "url": ("webadres", "web address"),
            "accessibility": ("toegankelijkheid", "accessibility"),
            "meeting_place": ("ontmoetingsplek", "meeting place"),
            "place": ("plek", "place"),
            "start": ("begintijd", "start"),
            "end": ("eindtijd", "end"),
            "online": ("online deelnemen", "taking part online"),
            "organisers": ("organisatie", "organisers"),
            "open_to_newcomers": ("open voor nieuwkomers", "open to newcomers"),
            "free": ("gratis of niet", "whether it is free"),
            "how_to_join": ("hoe je meedoet", "how to join"),
            "registration": ("aanmelden", "registration"),
            "agenda": ("agenda", "agenda"),
            "agreements": ("afspraken", "agreements"),
            "kind": ("soort", "kind"),
            "parties": ("partijen", "parties"),
            "signed": ("datum van ondertekening", "date signed"),
            "valid_from": ("looptijd", "term"),
            "valid_until": ("looptijd", "term"),
            "document": ("document", "document"),
            "investments": ("investeringen", "investments"),
            "ownership": ("eigendom", "ownership"),
            "exploitation": ("gebruik en beheer", "use and upkeep"),
            "risks": ("risico's", "risks"),
            "role": ("rol", "role"),
            "partner": ("partner", "partner"),
            "partners": ("partners", "partners"),
            "contacts": ("contactpersonen", "contacts"),
            "email": ("e-mailadres", "e-mail address"),
            "phone": ("telefoonnummer", "phone number"),
            "public": ("openbaarheid", "whether it is public"),
            "email_public": ("openbaarheid van het e-mailadres", "whether the e-mail is public"),
            "phone_public": ("openbaarheid van het telefoonnummer", "whether the phone is public"),
        }.items()
    }
)
