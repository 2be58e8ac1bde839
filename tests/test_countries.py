"""The country table and its matcher: every way news text names a country, one canonical name."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract import countries
from generator.extract.countries import Country, all_countries, by_capital, is_demonym, lookup, normalize

UN_MEMBERS = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
    DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
    HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
    LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
    NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
    SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
    ZWE
    """.split()
)
EXTRAS = {"TWN": "country", "PSE": "country", "XKX": "country", "VAT": "country", "ESH": "country",
          "HKG": "region", "MAC": "region"}


def name_of(text: str) -> str | None:
    country = lookup(text)
    return country.name if country else None


# ---------------------------------------------------------------- what news text says


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations with and without dots, spaced or not
        ("US", "United States"), ("U.S.", "United States"), ("U.S", "United States"),
        ("U. S.", "United States"), ("USA", "United States"), ("U.S.A.", "United States"),
        ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("GB", "United Kingdom"),
        ("UAE", "United Arab Emirates"), ("U.A.E.", "United Arab Emirates"),
        ("DRC", "Democratic Republic of the Congo"), ("D.R.C.", "Democratic Republic of the Congo"),
        ("DR Congo", "Democratic Republic of the Congo"), ("D.R. Congo", "Democratic Republic of the Congo"),
        ("DPRK", "North Korea"), ("D.P.R.K.", "North Korea"), ("ROK", "South Korea"),
        ("PRC", "China"), ("P.R.C.", "China"), ("ROC", "Taiwan"), ("KSA", "Saudi Arabia"),
        ("CAR", "Central African Republic"), ("BiH", "Bosnia and Herzegovina"),
        ("FYROM", "North Macedonia"), ("HKSAR", "Hong Kong"), ("T&T", "Trinidad and Tobago"),
        ("S. Korea", "South Korea"), ("S Korea", "South Korea"), ("N. Korea", "North Korea"),
        ("St. Lucia", "Saint Lucia"), ("St Lucia", "Saint Lucia"),
        ("St. Kitts and Nevis", "Saint Kitts and Nevis"),
        # ISO codes in capitals
        ("AFG", "Afghanistan"), ("AF", "Afghanistan"), ("DEU", "Germany"), ("IN", "India"),
        ("IT", "Italy"), ("NO", "Norway"), ("BIH", "Bosnia and Herzegovina"), ("XK", "Kosovo"),
        # "the" forms
        ("the United States", "United States"), ("The United States", "United States"),
        ("the U.S.", "United States"), ("the US", "United States"), ("THE US", "United States"),
        ("the States", "United States"), ("the Netherlands", "Netherlands"),
        ("The Netherlands", "Netherlands"), ("the Gambia", "Gambia"), ("The Bahamas", "Bahamas"),
        ("the Philippines", "Philippines"), ("the Czech Republic", "Czech Republic"),
        ("the Ukraine", "Ukraine"), ("the Sudan", "Sudan"), ("the Holy See", "Vatican City"),
        ("the Emirates", "United Arab Emirates"), ("the Solomons", "Solomon Islands"),
        # long official names
        ("the Islamic Republic of Afghanistan", "Afghanistan"),
        ("Islamic Emirate of Afghanistan", "Afghanistan"),
        ("United States of America", "United States"),
        ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
        ("the Russian Federation", "Russia"), ("Islamic Republic of Iran", "Iran"),
        ("Syrian Arab Republic", "Syria"), ("Socialist Republic of Vietnam", "Vietnam"),
        ("Viet Nam", "Vietnam"), ("Republic of Korea", "South Korea"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("People's Republic of China", "China"), ("the Republic of China", "Taiwan"),
        ("Lao People's Democratic Republic", "Laos"), ("Kingdom of Saudi Arabia", "Saudi Arabia"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
        ("Republic of Congo", "Republic of the Congo"), ("Congo-Brazzaville", "Republic of the Congo"),
        ("Federated States of Micronesia", "Micronesia"), ("Plurinational State of Bolivia", "Bolivia"),
        ("Bolivarian Republic of Venezuela", "Venezuela"), ("United Republic of Tanzania", "Tanzania"),
        ("Republic of Moldova", "Moldova"), ("Hashemite Kingdom of Jordan", "Jordan"),
        ("State of Palestine", "Palestine"), ("Sahrawi Arab Democratic Republic", "Western Sahara"),
        ("Hong Kong Special Administrative Region", "Hong Kong"), ("Macao", "Macau"),
        ("Czechia", "Czech Republic"), ("Timor-Leste", "East Timor"), ("Cabo Verde", "Cape Verde"),
        ("Republic of North Macedonia", "North Macedonia"), ("Bosnia-Herzegovina", "Bosnia and Herzegovina"),
        # common short, former and informal names
        ("America", "United States"), ("Britain", "United Kingdom"), ("Great Britain", "United Kingdom"),
        ("Holland", "Netherlands"), ("Burma", "Myanmar"), ("Swaziland", "Eswatini"),
        ("Persia", "Iran"), ("Ceylon", "Sri Lanka"), ("Zaire", "Democratic Republic of the Congo"),
        ("Macedonia", "North Macedonia"), ("Türkiye", "Turkey"), ("Turkiye", "Turkey"),
        ("Bosnia", "Bosnia and Herzegovina"), ("Vatican", "Vatican City"), ("Holy See", "Vatican City"),
        ("Chinese Taipei", "Taiwan"), ("Mainland China", "China"),
        # accents, unicode quotes and dashes, case, whitespace, possessives
        ("Côte d'Ivoire", "Ivory Coast"), ("Côte d\u2019Ivoire", "Ivory Coast"), ("Cote d'Ivoire", "Ivory Coast"),
        ("COTE D'IVOIRE", "Ivory Coast"), ("São Tomé and Príncipe", "Sao Tome and Principe"),
        ("Sao Tome & Principe", "Sao Tome and Principe"), ("México", "Mexico"), ("Éire", "Ireland"),
        ("Zaïre", "Democratic Republic of the Congo"), ("Guinea\u2013Bissau", "Guinea-Bissau"),
        ("Guinea Bissau", "Guinea-Bissau"), ("Timor Leste", "East Timor"),
        ("  United\n  States  ", "United States"), ("UNITED STATES", "United States"),
        ("united states", "United States"), ("Iran's", "Iran"), ("Iran\u2019s", "Iran"),
        ("America's", "United States"), ("the U.S.'s", "United States"),
        ("\u201cSyria\u201d", "Syria"), ("(Russia)", "Russia"),
        ("Trinidad & Tobago", "Trinidad and Tobago"), ("Antigua & Barbuda", "Antigua and Barbuda"),
        ("Taiwan, Province of China", "Taiwan"),
        # canonical names of the rows the brief names
        ("United States", "United States"), ("Russia", "Russia"), ("South Korea", "South Korea"),
        ("Ivory Coast", "Ivory Coast"), ("Czech Republic", "Czech Republic"),
        ("Western Sahara", "Western Sahara"), ("Kosovo", "Kosovo"), ("Palestine", "Palestine"),
    ],
)
def test_lookup_names(text, expected):
    assert name_of(text) == expected
    assert not is_demonym(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("American", "United States"), ("Americans", "United States"), ("AMERICAN", "United States"),
        ("British", "United Kingdom"), ("Briton", "United Kingdom"), ("Britons", "United Kingdom"),
        ("Afghan", "Afghanistan"), ("Afghans", "Afghanistan"), ("Afghani", "Afghanistan"),
        ("North Korean", "North Korea"), ("North Koreans", "North Korea"),
        ("South Korean", "South Korea"), ("South Koreans", "South Korea"),
        ("Dutch", "Netherlands"), ("Dutchman", "Netherlands"),
        ("Filipino", "Philippines"), ("Filipinos", "Philippines"), ("Philippine", "Philippines"),
        ("Ivorian", "Ivory Coast"), ("Ivorians", "Ivory Coast"),
        ("Burkinabè", "Burkina Faso"), ("Burkinabe", "Burkina Faso"),
        ("Nigerien", "Niger"), ("Nigerian", "Nigeria"), ("Nigerians", "Nigeria"),
        ("Sudanese", "Sudan"), ("South Sudanese", "South Sudan"),
        ("Mauritian", "Mauritius"), ("Mauritanian", "Mauritania"),
        ("Bissau-Guinean", "Guinea-Bissau"), ("Equatorial Guinean", "Equatorial Guinea"),
        ("Papua New Guinean", "Papua New Guinea"),
        ("Swiss", "Switzerland"), ("Swazi", "Eswatini"), ("Emirati", "United Arab Emirates"),
        ("Saudi", "Saudi Arabia"), ("Saudis", "Saudi Arabia"), ("Israeli", "Israel"),
        ("Palestinian", "Palestine"), ("Palestinians", "Palestine"), ("Taiwanese", "Taiwan"),
        ("Chinese", "China"), ("Hong Konger", "Hong Kong"), ("Macanese", "Macau"),
        ("Kosovar", "Kosovo"), ("Sahrawi", "Western Sahara"), ("Lao", "Laos"), ("Laotian", "Laos"),
        ("Russian", "Russia"), ("Russians", "Russia"), ("Iranian", "Iran"), ("Syrians", "Syria"),
        ("Vietnamese", "Vietnam"), ("Czech", "Czech Republic"), ("Czechs", "Czech Republic"),
        ("Poles", "Poland"), ("Polish", "Poland"), ("Turkish", "Turkey"), ("Turks", "Turkey"),
        ("Greek", "Greece"), ("Argentine", "Argentina"), ("Argentinian", "Argentina"),
        ("Ukrainian", "Ukraine"), ("Ukrainians'", "Ukraine"), ("Belarusian", "Belarus"),
        ("Salvadoran", "El Salvador"), ("Cape Verdean", "Cape Verde"), ("East Timorese", "East Timor"),
        ("I-Kiribati", "Kiribati"), ("Ni-Vanuatu", "Vanuatu"), ("Kyrgyz", "Kyrgyzstan"),
    ],
)
def test_lookup_demonyms(text, expected):
    assert name_of(text) == expected
    assert is_demonym(text)


@pytest.mark.parametrize(
    "word",
    # English words that are also ISO codes or abbreviations, and other short words
    "us in be it no am is me my to so pe la ma mo id ad an at by do go he hi if of on or oh ok up we "
    "ye tv es se ne ca co de al ar ag ai bs cd dm gm hu ms mu na nl pa ph pr sa sh sr st tt um "
    "and are arm can car man per pan ton bra cub den fin gab gin ire mar nor pol sun ten yes who "
    "the a i o".split(),
)
def test_lower_case_short_words_never_match(word):
    assert lookup(word) is None
    assert lookup(word.capitalize()) is None
    assert not is_demonym(word)


def test_every_code_matches_only_in_capitals():
    for country in all_countries():
        words = {normalize(form) for form in (country.name, *country.aliases, *country.demonyms)}
        for code in (country.iso2, country.iso3):
            assert lookup(code) == country
            if code.casefold() in words:  # "Lao" is a word as well as a code
                continue
            assert lookup(code.lower()) is None, code
            if len(code) == 2:
                assert lookup(code.capitalize()) is None, code
    assert lookup("u.s.") is None
    assert lookup("Us") is None
    assert lookup("uk") is None
    assert lookup("usa") is None


@pytest.mark.parametrize(
    "lower, proper, expected",
    [
        ("turkey", "Turkey", "Turkey"), ("china", "China", "China"), ("chad", "Chad", "Chad"),
        ("poles", "Poles", "Poland"), ("polish", "Polish", "Poland"), ("japan", "Japan", "Japan"),
        ("chile", "Chile", "Chile"), ("guinea", "Guinea", "Guinea"),
        ("the states", "the States", "United States"), ("the mainland", "the Mainland", "China"),
    ],
)
def test_common_english_words_need_a_capital(lower, proper, expected):
    assert lookup(lower) is None
    assert name_of(proper) == expected
    assert name_of(proper.upper()) == expected


@pytest.mark.parametrize(
    "text",
    [
        # ambiguous, left out on purpose (listed in the table's comment lines)
        "Congo", "the Congo", "Congolese", "Korea", "Korean", "Koreans", "Dominican", "Dominicans",
        "Guinean", "Guineans", "Central African", "Kiwi", "Papuan",
        # not countries, or not the country
        "States", "England", "English", "Scotland", "Wales", "Northern Ireland", "Soviet Union",
        "USSR", "Europe", "European", "Africa", "Asian", "Latin American", "EU", "UN", "NATO",
        "Gulf States", "American Samoa", "Gold Coast",
        # capitals are metonyms the caller decides about, never aliases
        "Washington", "Kabul", "Moscow", "Beijing", "Kyiv", "Tehran", "Ramallah",
        # nothing
        "", "   ", "the", "'s", ".", "...", "-", "The", "Mr. Smith", "John Jordan III",
    ],
)
def test_no_match(text):
    assert lookup(text) is None
    assert not is_demonym(text)


@pytest.mark.parametrize("value", [None, 5, 3.2, b"US", ["US"]])
def test_non_text_input_is_no_match(value):
    assert lookup(value) is None
    assert not is_demonym(value)
    assert by_capital(value) is None


def test_long_input_is_no_match():
    assert lookup("United States " * 40) is None


# ---------------------------------------------------------------- capitals


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Washington", "United States"), ("Washington, D.C.", "United States"),
        ("Washington DC", "United States"), ("Kabul", "Afghanistan"), ("London", "United Kingdom"),
        ("Moscow", "Russia"), ("Beijing", "China"), ("Peking", "China"), ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"), ("Tehran", "Iran"), ("Taipei", "Taiwan"), ("Pristina", "Kosovo"),
        ("Priština", "Kosovo"), ("Ramallah", "Palestine"), ("Jerusalem", "Israel"),
        ("Yamoussoukro", "Ivory Coast"), ("Abidjan", "Ivory Coast"), ("Malé", "Maldives"),
        ("Bogotá", "Colombia"), ("Bogota", "Colombia"), ("St. John's", "Antigua and Barbuda"),
        ("Saint George's", "Grenada"), ("N'Djamena", "Chad"), ("Nuku\u2019alofa", "Tonga"),
        ("Port-au-Prince", "Haiti"), ("Port of Spain", "Trinidad and Tobago"),
        ("Pretoria", "South Africa"), ("Cape Town", "South Africa"), ("Naypyidaw", "Myanmar"),
        ("Nay Pyi Taw", "Myanmar"), ("Vatican City", "Vatican City"), ("Hong Kong", "Hong Kong"),
        ("Kuwait City", "Kuwait"), ("the Hague", None), ("male", None), ("lima", None),
        ("Lima", "Peru"), ("Paris", "France"), ("US", None), ("", None),
    ],
)
def test_by_capital(text, expected):
    country = by_capital(text)
    assert (country.name if country else None) == expected


def test_capital_field_is_the_first_form():
    assert lookup("Ukraine").capital == "Kyiv"
    assert lookup("Ivory Coast").capital == "Yamoussoukro"
    assert lookup("United States").capital == "Washington"
    assert lookup("Afghanistan").capital == "Kabul"


def test_no_capital_is_an_alias_or_demonym():
    for country in all_countries():
        capital_keys = {normalize(country.capital)}
        forms = {normalize(form) for form in (*country.aliases, *country.demonyms)}
        assert not (capital_keys & forms - {normalize(country.name)}), country.name
        if normalize(country.capital) != normalize(country.name):
            assert lookup(country.capital) is None, country.capital


# ---------------------------------------------------------------- the table itself


def test_table_file_is_found_by_importlib_resources():
    text = resources.files("generator.extract.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "\t".join(countries.COLUMNS)


def rows() -> list[list[str]]:
    text = resources.files("generator.extract.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def test_every_row_is_well_formed():
    table = rows()
    assert len(table) == len(all_countries()) == 200
    for fields in table:
        assert len(fields) == 7, fields
        name, iso3, iso2, aliases, demonyms, capital, kind = fields
        assert all(field == field.strip() for field in fields), name
        assert name and capital, fields
        assert re.fullmatch(r"[A-Z]{3}", iso3), name
        assert re.fullmatch(r"[A-Z]{2}", iso2), name
        assert kind in ("country", "region"), name
        for field in (aliases, demonyms, capital):
            if field:
                parts = field.split(";")
                assert all(part and part == part.strip() for part in parts), (name, field)
                assert len(parts) == len(set(parts)), (name, field)
        assert name not in aliases.split(";"), name


def test_names_and_codes_are_unique():
    table = all_countries()
    for attribute in ("name", "iso3", "iso2"):
        values = [getattr(country, attribute) for country in table]
        assert len(values) == len(set(values)), attribute
    names = [normalize(country.name) for country in table]
    assert len(names) == len(set(names))


def test_all_un_members_and_the_extras_are_there():
    kinds = {country.iso3: country.kind for country in all_countries()}
    assert len(UN_MEMBERS) == 193
    assert set(kinds) == UN_MEMBERS | set(EXTRAS)
    for iso3 in UN_MEMBERS:
        assert kinds[iso3] == "country", iso3
    for iso3, kind in EXTRAS.items():
        assert kinds[iso3] == kind, iso3


def test_no_alias_is_shared_by_two_countries():
    """Rebuild every matching key from the raw file, independently of the loader, and find none
    that names two countries: the table has no ambiguous alias, demonym, code or capital."""
    owners: dict[str, set[str]] = defaultdict(set)
    capital_owners: dict[str, set[str]] = defaultdict(set)

    def keys(form: str) -> set[str]:
        dotless = re.sub(r"[.\s]+", "", form)
        found = {normalize(form), dotless.casefold()}
        key = normalize(form)
        if key.startswith("the "):
            found.add(key[4:])
        return found

    for name, iso3, iso2, aliases, demonyms, capital, _kind in rows():
        forms = [name, iso3, iso2, *aliases.split(";"), *demonyms.split(";")]
        for form in filter(None, forms):
            for key in keys(form):
                owners[key].add(name)
        for form in filter(None, capital.split(";")):
            capital_owners[normalize(form)].add(name)
    shared = {key: sorted(names) for key, names in owners.items() if len(names) > 1}
    assert shared == {}
    shared = {key: sorted(names) for key, names in capital_owners.items() if len(names) > 1}
    assert shared == {}


def test_every_form_finds_its_own_country():
    for country in all_countries():
        assert lookup(country.name) == country, country.name
        assert not is_demonym(country.name), country.name
        for alias in country.aliases:
            assert lookup(alias) == country, alias
            assert not is_demonym(alias), alias
        for demonym in country.demonyms:
            assert lookup(demonym) == country, demonym
            assert is_demonym(demonym), demonym
        assert by_capital(country.capital) == country, country.capital


def test_no_key_is_a_short_lower_case_word():
    for country in all_countries():
        for form in (country.name, *country.aliases, *country.demonyms):
            if not countries._is_code(form):
                assert len(normalize(form).replace(" ", "")) >= 3, form


def test_ambiguous_forms_are_documented():
    text = resources.files("generator.extract.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for word in ("Congolese", "Korean", "Dominican", "Guinean"):
        assert word in comments


def test_the_table_is_loaded_once():
    assert all_countries() is all_countries()
    assert isinstance(all_countries()[0], Country)
    assert lookup("Afghanistan") is lookup("AFG") is lookup("Afghans")


def test_countries_are_frozen():
    with pytest.raises(AttributeError):
        lookup("Iran").name = "Persia"  # type: ignore[misc]


@pytest.mark.parametrize(
    "tsv, message",
    [
        ("name\tiso3\n", "header"),
        ("\t".join(countries.COLUMNS) + "\nA\tAAA\tAA\tX\t\tA City\n", "fields"),
        ("\t".join(countries.COLUMNS) + "\nA\tAAA\tAA\tX\t\tA City\tplanet\n", "kind"),
        ("\t".join(countries.COLUMNS) + "\nA\tAAA\tAA\tSame\t\tAc\tcountry\nB\tBBB\tBB\tSame\t\tBc\tcountry\n",
         "names both"),
        ("\t".join(countries.COLUMNS) + "\nA\tAAA\tAA\tBBB\t\tAc\tcountry\nB\tBBB\tBB\t\t\tBc\tcountry\n",
         "names both"),
    ],
)
def test_a_broken_table_fails_loudly(tsv, message):
    with pytest.raises(ValueError, match=message):
        countries._build(tsv)


# ---------------------------------------------------------------- properties


@settings(derandomize=True, max_examples=200)
@given(st.text())
def test_lookup_never_raises(text):
    country = lookup(text)
    assert country is None or isinstance(country, Country)
    assert isinstance(is_demonym(text), bool)
    assert by_capital(text) is None or isinstance(by_capital(text), Country)


@settings(derandomize=True, max_examples=200)
@given(st.text(alphabet=st.sampled_from("USAKusak .'’-–éÉthe "), max_size=12))
def test_lookup_never_raises_on_name_like_text(text):
    assert lookup(text) is None or isinstance(lookup(text), Country)


FORMS = sorted(
    (form, country.name)
    for country in all_countries()
    for form in (country.name, *country.aliases, *country.demonyms)
)


@settings(derandomize=True, max_examples=200)
@given(
    st.sampled_from(FORMS),
    st.sampled_from(["", "the "]),
    st.sampled_from(["", "'s", "\u2019s"]),
    st.sampled_from(["", " ", "\n", "  "]),
)
def test_decorated_forms_still_find_their_country(form_and_name, article, possessive, space):
    form, expected = form_and_name
    if form.casefold().startswith("the "):
        article = ""
    text = f"{space}{article}{form}{possessive}{space}"
    assert name_of(text) == expected
