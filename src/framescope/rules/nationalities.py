"""Nationality words: the adjectives that name a country or nation ("Chinese", "Swiss",
"Greek", "South African"), for rules that look for "a nationality, then a descriptor, then a
name" ("Russian state news agency TASS", "Morgan senior economist ..." is not one).

Where the list comes from
    :data:`BY_COUNTRY` holds the English adjectival forms of the ISO 3166-1 country names
    (the 193 UN member states, the two observer states and the inhabited territories with an
    adjective of their own), as listed in Wikipedia's "List of adjectival and demonymic forms
    for countries and nations": the first form given, and the other forms in common news use
    ("Argentine" and "Argentinian", "Azerbaijani" and "Azeri"). Territories whose adjective
    is only their name are left out ("Jersey" is mostly New Jersey), except "Hong Kong".
    :data:`OTHER` adds nations inside states and peoples that news names as such (English,
    Kurdish, Tibetan, Uyghur, ...), continents and blocs (European, Asian, Arab), and the
    former states still named (Soviet, Yugoslav). :data:`ABBREVIATIONS` are the ones written
    before a title ("US Secretary of State", "EU foreign policy chief").

How they match (:data:`PATTERN`)
    As written (capitalised), on word edges, longest first, multi-word forms with any
    whitespace ("South  African"), and as hyphenated compounds of two of them or of a
    combining form and one ("Sino-Russian", "Chinese-American", "Russo-Ukrainian"). Every
    word starts and ends with an ASCII letter ("Burkinabe", not "Burkinabé"): a Unicode word
    boundary takes the regex off its fast engine on any text with a curly quote, which made
    the labels ten times slower.

Examples
--------
>>> import polars as pl
>>> s = pl.Series(["Swiss banker", "Greek minister", "Munich", "Which", "Brian", "Morgan"])
>>> s.str.extract(f"^({PATTERN})", 1).to_list()
['Swiss', 'Greek', None, None, None, None]
"""

from __future__ import annotations

from framescope.rules.terms import alternation

BY_COUNTRY: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghan",),
    "Albania": ("Albanian",),
    "Algeria": ("Algerian",),
    "American Samoa": ("American Samoan",),
    "Andorra": ("Andorran",),
    "Angola": ("Angolan",),
    "Anguilla": ("Anguillan",),
    "Antigua and Barbuda": ("Antiguan", "Barbudan"),
    "Argentina": ("Argentine", "Argentinian"),
    "Armenia": ("Armenian",),
    "Aruba": ("Aruban",),
    "Australia": ("Australian",),
    "Austria": ("Austrian",),
    "Azerbaijan": ("Azerbaijani", "Azeri"),
    "Bahamas": ("Bahamian",),
    "Bahrain": ("Bahraini",),
    "Bangladesh": ("Bangladeshi",),
    "Barbados": ("Barbadian",),
    "Belarus": ("Belarusian", "Belarussian"),
    "Belgium": ("Belgian",),
    "Belize": ("Belizean",),
    "Benin": ("Beninese",),
    "Bermuda": ("Bermudian",),
    "Bhutan": ("Bhutanese",),
    "Bolivia": ("Bolivian",),
    "Bosnia and Herzegovina": ("Bosnian", "Herzegovinian"),
    "Botswana": ("Botswanan", "Motswana"),
    "Brazil": ("Brazilian",),
    "Brunei Darussalam": ("Bruneian",),
    "Bulgaria": ("Bulgarian",),
    "Burkina Faso": ("Burkinabe",),
    "Burundi": ("Burundian",),
    "Cabo Verde": ("Cabo Verdean", "Cape Verdean"),
    "Cambodia": ("Cambodian",),
    "Cameroon": ("Cameroonian",),
    "Canada": ("Canadian",),
    "Cayman Islands": ("Caymanian",),
    "Central African Republic": ("Central African",),
    "Chad": ("Chadian",),
    "Chile": ("Chilean",),
    "China": ("Chinese",),
    "Colombia": ("Colombian",),
    "Comoros": ("Comoran", "Comorian"),
    "Congo": ("Congolese",),
    "Congo, Democratic Republic of the": ("Congolese",),
    "Costa Rica": ("Costa Rican",),
    "Côte d'Ivoire": ("Ivorian",),
    "Croatia": ("Croatian",),
    "Cuba": ("Cuban",),
    "Curaçao": ("Curaçaoan",),
    "Cyprus": ("Cypriot",),
    "Czechia": ("Czech",),
    "Denmark": ("Danish",),
    "Djibouti": ("Djiboutian",),
    "Dominica": ("Dominican",),
    "Dominican Republic": ("Dominican",),
    "Ecuador": ("Ecuadorian",),
    "Egypt": ("Egyptian",),
    "El Salvador": ("Salvadoran", "Salvadorian"),
    "Equatorial Guinea": ("Equatorial Guinean", "Equatoguinean"),
    "Eritrea": ("Eritrean",),
    "Estonia": ("Estonian",),
    "Eswatini": ("Swazi",),
    "Ethiopia": ("Ethiopian",),
    "Faroe Islands": ("Faroese",),
    "Fiji": ("Fijian",),
    "Finland": ("Finnish",),
    "France": ("French",),
    "French Guiana": ("French Guianese",),
    "French Polynesia": ("French Polynesian",),
    "Gabon": ("Gabonese",),
    "Gambia": ("Gambian",),
    "Georgia": ("Georgian",),
    "Germany": ("German",),
    "Ghana": ("Ghanaian",),
    "Gibraltar": ("Gibraltarian",),
    "Greece": ("Greek", "Hellenic"),
    "Greenland": ("Greenlandic",),
    "Grenada": ("Grenadian",),
    "Guadeloupe": ("Guadeloupean",),
    "Guam": ("Guamanian",),
    "Guatemala": ("Guatemalan",),
    "Guinea": ("Guinean",),
    "Guinea-Bissau": ("Bissau-Guinean",),
    "Guyana": ("Guyanese",),
    "Haiti": ("Haitian",),
    "Holy See": ("Vatican",),
    "Honduras": ("Honduran",),
    "Hong Kong": ("Hong Kong", "Hongkongese"),
    "Hungary": ("Hungarian",),
    "Iceland": ("Icelandic",),
    "India": ("Indian",),
    "Indonesia": ("Indonesian",),
    "Iran": ("Iranian", "Persian"),
    "Iraq": ("Iraqi",),
    "Ireland": ("Irish",),
    "Isle of Man": ("Manx",),
    "Israel": ("Israeli",),
    "Italy": ("Italian",),
    "Jamaica": ("Jamaican",),
    "Japan": ("Japanese",),
    "Jordan": ("Jordanian",),
    "Kazakhstan": ("Kazakh", "Kazakhstani"),
    "Kenya": ("Kenyan",),
    "Kiribati": ("I-Kiribati",),
    "Korea, Democratic People's Republic of": ("North Korean",),
    "Korea, Republic of": ("South Korean", "Korean"),
    "Kuwait": ("Kuwaiti",),
    "Kyrgyzstan": ("Kyrgyz", "Kyrgyzstani"),
    "Lao People's Democratic Republic": ("Lao", "Laotian"),
    "Latvia": ("Latvian",),
    "Lebanon": ("Lebanese",),
    "Lesotho": ("Basotho",),
    "Liberia": ("Liberian",),
    "Libya": ("Libyan",),
    "Liechtenstein": ("Liechtensteiner",),
    "Lithuania": ("Lithuanian",),
    "Luxembourg": ("Luxembourgish",),
    "Macao": ("Macanese",),
    "Madagascar": ("Malagasy",),
    "Malawi": ("Malawian",),
    "Malaysia": ("Malaysian",),
    "Maldives": ("Maldivian",),
    "Mali": ("Malian",),
    "Malta": ("Maltese",),
    "Marshall Islands": ("Marshallese",),
    "Martinique": ("Martiniquais",),
    "Mauritania": ("Mauritanian",),
    "Mauritius": ("Mauritian",),
    "Mexico": ("Mexican",),
    "Micronesia": ("Micronesian",),
    "Moldova": ("Moldovan",),
    "Monaco": ("Monegasque", "Monégasque"),
    "Mongolia": ("Mongolian",),
    "Montenegro": ("Montenegrin",),
    "Morocco": ("Moroccan",),
    "Mozambique": ("Mozambican",),
    "Myanmar": ("Burmese",),
    "Namibia": ("Namibian",),
    "Nauru": ("Nauruan",),
    "Nepal": ("Nepalese", "Nepali"),
    "Netherlands": ("Dutch",),
    "New Caledonia": ("New Caledonian",),
    "New Zealand": ("New Zealand",),
    "Nicaragua": ("Nicaraguan",),
    "Niger": ("Nigerien",),
    "Nigeria": ("Nigerian",),
    "North Macedonia": ("Macedonian",),
    "Northern Mariana Islands": ("Northern Marianan",),
    "Norway": ("Norwegian",),
    "Oman": ("Omani",),
    "Pakistan": ("Pakistani",),
    "Palau": ("Palauan",),
    "Palestine, State of": ("Palestinian",),
    "Panama": ("Panamanian",),
    "Papua New Guinea": ("Papua New Guinean", "Papuan"),
    "Paraguay": ("Paraguayan",),
    "Peru": ("Peruvian",),
    "Philippines": ("Filipino", "Philippine"),
    "Poland": ("Polish",),
    "Portugal": ("Portuguese",),
    "Puerto Rico": ("Puerto Rican",),
    "Qatar": ("Qatari",),
    "Réunion": ("Réunionese",),
    "Romania": ("Romanian",),
    "Russian Federation": ("Russian",),
    "Rwanda": ("Rwandan",),
    "Saint Kitts and Nevis": ("Kittitian", "Nevisian"),
    "Saint Lucia": ("Saint Lucian",),
    "Saint Vincent and the Grenadines": ("Vincentian",),
    "Samoa": ("Samoan",),
    "San Marino": ("Sammarinese",),
    "Sao Tome and Principe": ("Santomean",),
    "Saudi Arabia": ("Saudi", "Saudi Arabian"),
    "Senegal": ("Senegalese",),
    "Serbia": ("Serbian",),
    "Seychelles": ("Seychellois",),
    "Sierra Leone": ("Sierra Leonean",),
    "Singapore": ("Singaporean",),
    "Slovakia": ("Slovak",),
    "Slovenia": ("Slovenian", "Slovene"),
    "Somalia": ("Somali",),
    "South Africa": ("South African",),
    "South Sudan": ("South Sudanese",),
    "Spain": ("Spanish",),
    "Sri Lanka": ("Sri Lankan",),
    "Sudan": ("Sudanese",),
    "Suriname": ("Surinamese",),
    "Sweden": ("Swedish",),
    "Switzerland": ("Swiss",),
    "Syrian Arab Republic": ("Syrian",),
    "Taiwan": ("Taiwanese",),
    "Tajikistan": ("Tajik", "Tajikistani"),
    "Tanzania": ("Tanzanian",),
    "Thailand": ("Thai",),
    "Timor-Leste": ("Timorese", "East Timorese"),
    "Togo": ("Togolese",),
    "Tonga": ("Tongan",),
    "Trinidad and Tobago": ("Trinidadian", "Tobagonian"),
    "Tunisia": ("Tunisian",),
    "Türkiye": ("Turkish",),
    "Turkmenistan": ("Turkmen",),
    "Tuvalu": ("Tuvaluan",),
    "Uganda": ("Ugandan",),
    "Ukraine": ("Ukrainian",),
    "United Arab Emirates": ("Emirati", "Emirian"),
    "United Kingdom": ("British",),
    "United States of America": ("American",),
    "Uruguay": ("Uruguayan",),
    "Uzbekistan": ("Uzbek", "Uzbekistani"),
    "Vanuatu": ("Ni-Vanuatu", "Vanuatuan"),
    "Venezuela": ("Venezuelan",),
    "Viet Nam": ("Vietnamese",),
    "Western Sahara": ("Sahrawi", "Sahraouian"),
    "Yemen": ("Yemeni",),
    "Zambia": ("Zambian",),
    "Zimbabwe": ("Zimbabwean",),
}
"""English adjectives of the ISO 3166-1 country names (see the module docstring)."""

OTHER = (
    # Nations inside states, and peoples news names as such.
    "English", "Scottish", "Welsh", "Northern Irish", "Kosovar", "Kosovan", "Basque",
    "Catalan", "Flemish", "Walloon", "Kurdish", "Tibetan", "Uyghur", "Uighur", "Chechen",
    "Tatar", "Crimean", "Pashtun", "Tamil",
    # Continents, regions and blocs.
    "African", "Asian", "European", "Eurasian", "Arab", "Latin American", "Nordic",
    "Scandinavian", "Baltic", "Balkan", "Caribbean",
    # Former states.
    "Soviet", "Yugoslav", "Czechoslovak",
)  # fmt: skip
"""Nationality words that are not the adjective of an ISO 3166-1 name."""

ABBREVIATIONS = ("US", "U.S.", "UK", "U.K.", "EU", "UN")
"""Abbreviations written like a nationality before a title ("US envoy", "UN chief")."""

COMBINING_FORMS = (
    "Sino", "Russo", "Anglo", "Franco", "Indo", "Afro", "Euro", "Austro", "Greco", "Italo",
    "Turco", "Serbo", "Hispano", "Luso",
)  # fmt: skip
"""First halves of hyphenated compounds ("Sino-Russian", "Russo-Ukrainian")."""

NATIONALITIES = frozenset(
    {form for forms in BY_COUNTRY.values() for form in forms} | set(OTHER) | set(ABBREVIATIONS)
)
"""Every nationality word, as written."""

_WORD = alternation(NATIONALITIES, ignore_case=False)
PATTERN = rf"(?:(?:{alternation(COMBINING_FORMS, ignore_case=False)}|{_WORD})-)?{_WORD}"
"""One nationality word or a hyphenated compound ending in one, as a polars pattern."""
