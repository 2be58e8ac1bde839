"""General English word classes the extraction rules lean on.

These are facts about the language of news, not about any document: titles people hold,
nouns that head organisation names, collective nouns for a nation's institutions, verbs
that report speech, nouns that name agreements.
"""

from __future__ import annotations

# Titles and functions of people ("Secretary of State", "spokesman", "Chair").
TITLE_NOUNS = frozenset("""
president vice-president prime minister secretary envoy ambassador spokesman spokeswoman
spokesperson chair chairman chairwoman chairperson director chief executive ceo cfo coo cto
founder co-founder governor senator congressman congresswoman representative mayor
general admiral colonel commander lieutenant captain sergeant major officer leader head
king queen prince princess emperor sultan emir sheikh pope cardinal bishop archbishop
imam mullah ayatollah rabbi reverend judge justice attorney prosecutor lawyer minister
chancellor premier deputy assistant adviser advisor counsellor counselor diplomat
negotiator mediator analyst economist professor fellow researcher scholar author writer
editor correspondent reporter anchor commentator official aide member candidate nominee
runner-up winner challenger incumbent rival opponent partner manager president-elect
treasurer auditor inspector commissioner superintendent dean rector provost principal
coach player striker midfielder defender goalkeeper captain champion star singer actor
actress director producer presenter host designer architect engineer scientist doctor
chargé charge d'affaires envoy-designate secretary-general undersecretary under-secretary
""".split())

# Honorifics that stand before a name and are not part of it.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady sen. rep. gov. gen. col. capt. lt. sgt. st. rev. hon. mx mx.".split())

# Honorifics that follow a name and are not part of it ("Ghani Sahib", "Tanaka-san").
HONORIFIC_SUFFIXES = frozenset("sahib saheb sahab ji san sama effendi".split())

# Head nouns that make a name an organisation whatever NER says.
ORG_HEADS = frozenset("""
council ministry department agency office commission committee institute institution
university college school academy center centre foundation association federation union
league party movement front alliance coalition group company corporation corp inc ltd
llc plc gmbh ag sa co bank fund trust authority board bureau service services court
tribunal parliament congress senate assembly army navy force forces police guard
command directorate secretariat embassy consulate mission organisation organization
network project programme program initiative society club team brotherhood
administration government cabinet airlines airways motors holdings industries
technologies systems group exchange corps
""".split())

# "<nationality> government": an institution that acts for the country.
GOVERNMENT_NOUNS = frozenset("government administration regime cabinet".split())
# "<nationality> officials": people acting for the government.
OFFICIAL_NOUNS = frozenset("officials authorities diplomats negotiators ministers leaders leadership delegation".split())
# "<nationality> troops": the country's armed forces.
FORCE_NOUNS = frozenset("forces troops military army soldiers police".split())
COLLECTIVE_NOUNS = GOVERNMENT_NOUNS | OFFICIAL_NOUNS | FORCE_NOUNS

# Verbs that report what someone said: evidence for an event, rarely the event itself.
REPORTING_VERBS = frozenset("""
say tell tweet add state claim note explain told write post report comment remark
insist stress argue suggest describe reply respond assert declare acknowledge admit
confirm deny announce believe think hope fear warn estimate expect quote cite
""".split())

# Verbs whose doing is the doing of the action they govern ("managed to sell", "began
# cutting", "did not appear to be having problems"): what is said of them is said of it.
# Not so "did not hesitate to attack".
CARRYING_VERBS = frozenset("""manage begin start continue keep resume proceed bother dare remember get
appear seem""".split())

# Verbs of saying that make the statement itself the news.
NEWSWORTHY_SPEECH = frozenset("announce confirm deny warn declare reject".split())

# Marks a line of text ends on when it ends a sentence: a line ending otherwise is a headline
# or a dateline (see extract.lines).
LINE_STOPS = frozenset(".!?:;\"'”’)")

# Nouns that name an agreement, with the kind each gives.
AGREEMENT_KINDS = {
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "accords": "agreement",
    "treaty": "treaty", "pact": "agreement", "decree": "decree", "ceasefire": "ceasefire",
    "cease-fire": "ceasefire", "truce": "ceasefire", "armistice": "ceasefire",
    "exchange": "exchange", "swap": "exchange", "memorandum": "memorandum",
    "resolution": "resolution", "contract": "contract", "merger": "merger",
    "acquisition": "acquisition", "takeover": "acquisition", "settlement": "settlement",
    "arrangement": "agreement", "protocol": "agreement", "convention": "treaty",
    "compact": "agreement", "order": "order", "sale": "sale", "purchase": "sale",
    "transaction": "agreement", "standstill": "ceasefire", "offer": "offer", "proposal": "offer",
    "bid": "offer", "release": "release",
}
# A noun and the noun after its preposition that together name an agreement by another name
# ("a cessation of hostilities" is a truce, "a reduction in violence" one by other words).
AGREEMENT_PHRASES = {("cessation", "hostility"): "ceasefire", ("cessation", "hostilities"): "ceasefire",
                     ("reduction", "violence"): "ceasefire", ("halt", "fighting"): "ceasefire",
                     ("suspension", "hostilities"): "ceasefire", ("end", "hostilities"): "ceasefire",
                     ("release", "prisoner"): "release", ("release", "hostage"): "release",
                     ("release", "detainee"): "release", ("exchange", "prisoner"): "exchange",
                     ("swap", "prisoner"): "exchange", ("line", "swap"): "agreement", ("sharing", "power"): "power-sharing"}
# Words before an agreement noun that say which kind of deal it is ("a trade deal").
AGREEMENT_TOPICS = {"trade": "trade agreement", "free-trade": "trade agreement", "tariff": "trade agreement",
                    "debt": "debt agreement", "rescheduling": "debt agreement", "loan": "debt agreement",
                    "power-sharing": "power-sharing agreement", "coalition": "power-sharing agreement",
                    "peace": "peace agreement", "prisoner": "exchange", "hostage": "exchange",
                    "merger": "merger", "takeover": "acquisition"}
# Kinds of deal a mention of another kind may stand for ("the agreement" for a merger told before).
_COMPATIBLE = {"agreement": {"agreement", "treaty", "ceasefire", "contract", "merger", "acquisition",
                             "settlement", "memorandum", "sale", "purchase"},
               # goods bought from their maker: "the deal", "the order", never "the takeover"
               "purchase": {"purchase", "agreement", "order", "contract", "sale"},
               "treaty": {"treaty", "agreement"},
               "merger": {"merger", "acquisition", "agreement", "sale"},
               "acquisition": {"acquisition", "merger", "agreement", "sale"}}


def compatible(kind: str, other: str) -> bool:
    """Whether a mention of one kind of deal may stand for a deal of the other kind. A deal of
    a topic ("a peace agreement", "a trade agreement") is an agreement."""
    kind, other = (k if k in _COMPATIBLE or not k.endswith(" agreement") else "agreement" for k in (kind, other))
    return kind == other or other in _COMPATIBLE.get(kind, ()) or kind in _COMPATIBLE.get(other, ())


# Words before an agreement noun that make it one an other replaced ("the previous accord").
# Not "existing": "to increase existing swap lines" tells of lines in force, replaced by none.
EARLIER_WORDS = frozenset("previous earlier former old original prior outgoing".split())
# Words before an agreement noun that make it a proposal, not yet a deal ("a draft accord").
PROPOSAL_WORDS = frozenset("draft proposed planned possible potential mooted suggested".split())

# Verbs and the step of an agreement's life each tells when done ("they signed the accord").
STAGE_VERBS = {
    "proposed": "propose offer draft table submit suggest float unveil present",
    "negotiating": "negotiate discuss hammer pursue renegotiate",
    "signed": "sign conclude seal ink initial reach strike agree finalize finalise clinch win award "
              "secure place book land",
    "in force": "ratify implement enforce apply complete close consummate",
    "suspended": "suspend freeze halt pause",
    "violated": "violate breach break flout",
    "collapsed": "collapse abandon scrap cancel terminate end quit reject revoke tear annul withdraw",
}
STAGE_OF_VERB = {verb: stage for stage, verbs in STAGE_VERBS.items() for verb in verbs.split()}
# Verbs of approval that, required or awaited rather than done, leave a deal pending ratification.
RATIFYING_VERBS = frozenset("ratify approve endorse".split())


# Verbs whose subject makes an agreement ("Ghani signed a decree", "they reached a deal").
MAKING_VERBS = frozenset("sign conclude reach strike seal issue negotiate ink finalize finalise "
                         "adopt agree announce broker complete win place award secure".split())

# Abbreviations NER takes for organisations that name no actor: time zones and currency codes.
TIME_ZONES = frozenset("utc gmt est edt cst cdt mst mdt pst pdt akst hst cet cest eet eest wet west "
                       "bst ist jst kst hkt sgt aest aedt awst msk".split())
CURRENCY_CODES = frozenset("usd eur gbp jpy chf cny rmb hkd aud cad nzd sgd inr krw rub brl zar "
                           "sek nok dkk mxn".split())
# Nouns that make the name before them a market index ("the Hang Seng index", "Nasdaq composite").
INDEX_NOUNS = frozenset("index indices indexes average composite".split())
# Stock indices papers name by themselves ("the FTSE fell"): a figure that moves, never an actor.
MARKET_INDICES = frozenset({"ftse", "ftse 100", "ftse 250", "hang seng", "nikkei", "nikkei 225", "dax",
                            "cac", "cac 40", "dow", "dow jones", "dow jones industrial average",
                            "s&p 500", "standard & poor 500", "nasdaq composite", "sensex", "kospi",
                            "topix", "stoxx", "euro stoxx", "euro stoxx 50", "ibex", "ibex 35",
                            "ftse mib", "aex", "smi", "asx 200", "tsx", "bovespa",
                            "shanghai composite"})
# First names and the short forms people go by ("Tom Enders" is "Thomas Enders").
NICKNAMES = {
    "tom": "thomas", "tommy": "thomas", "mike": "michael", "mick": "michael", "bill": "william",
    "will": "william", "billy": "william", "bob": "robert", "rob": "robert", "bobby": "robert",
    "jim": "james", "jimmy": "james", "joe": "joseph", "dick": "richard", "rick": "richard",
    "rich": "richard", "dave": "david", "steve": "stephen", "chris": "christopher", "tony": "anthony",
    "dan": "daniel", "danny": "daniel", "ed": "edward", "ted": "edward", "eddie": "edward",
    "andy": "andrew", "alex": "alexander", "nick": "nicholas", "ben": "benjamin", "sam": "samuel",
    "matt": "matthew", "pat": "patrick", "pete": "peter", "larry": "lawrence", "jerry": "gerald",
    "greg": "gregory", "jeff": "jeffrey", "ken": "kenneth", "ron": "ronald", "don": "donald",
    "fred": "frederick", "hank": "henry", "harry": "henry", "jack": "john", "johnny": "john",
    "charlie": "charles", "chuck": "charles", "liz": "elizabeth", "beth": "elizabeth",
    "kate": "katherine", "kathy": "katherine", "sue": "susan", "jenny": "jennifer", "meg": "margaret",
    "peggy": "margaret", "maggie": "margaret", "vicky": "victoria", "nate": "nathan", "phil": "philip",
    "tim": "timothy", "vince": "vincent", "walt": "walter", "wally": "walter", "zach": "zachary",
}
# Word classes NER tags NORP that describe a belief or a side, not a party that acts: a
# singular adjective of religion or politics ("a Muslim cleric", "Republican senators").
BELIEF_WORDS = frozenset("christian muslim islamic islamist jewish hindu buddhist sikh catholic "
                         "protestant orthodox evangelical sunni shia shiite shi'ite secular "
                         "republican democrat democratic conservative liberal socialist communist "
                         "marxist leftist rightist nationalist populist centrist libertarian "
                         "progressive green jihadist zionist".split())

# Last words that make a name an occasion, not an actor ("Worldwide Developers Conference").
OCCASION_NOUNS = frozenset("conference convention expo exhibition summit forum festival fair show "
                           "games olympics championship championships cup awards keynote".split())
# Last words that make a name a building or a site: a place, whatever NER guessed.
VENUE_NOUNS = frozenset("center centre hall arena stadium theatre theater hotel airport museum "
                        "plaza square palace park".split())
# Portfolios that name an office in a title ("Commerce Secretary", "Trade and Industry Minister",
# "National Security Adviser"): capitalised there as part of the title, not a body that acts.
PORTFOLIO_WORDS = frozenset("commerce treasury trade industry defense defence state justice energy "
                            "agriculture interior transport transportation health education "
                            "finance financial foreign home housing environment security national "
                            "homeland veterans affairs economy economic international development culture "
                            "science technology communications information immigration tourism planning "
                            "budget public works legal marketing sales operations corporate deputy under "
                            "vice senior acting assistant executive chief general".split())
# Nouns for people who work for an organisation: "a Thai Airways tug operator" names the airline
# as the side of someone in the story, as "a Taliban spokesman" does.
WORKER_NOUNS = frozenset("employee worker staff staffer pilot crew crewman mechanic technician operator "
                         "engineer driver controller inspector investigator agent soldier guard trader "
                         "banker dealer salesman executive strategist".split())
# Adjectives of a continent or a region: no one body acts for "European" or "Asian" (unlike a
# country's demonym, which stands for the country).
REGION_ADJECTIVES = frozenset("european asian african scandinavian nordic baltic balkan caribbean "
                              "mediterranean mideast western eastern".split())
# Lower-case words that may stand inside a name ("Bank of America", "Ludwig van Beethoven"):
# any other lower-case word inside a tagged name means NER ran two names and a verb together.
NAME_PARTICLES = frozenset("of and for the de du da das dos del della di la le les van von der den "
                           "ter bin ibn bint al el y e on in at upon".split())
