"""The verifier (rag/verify.py) on sentences a capable model writes about the seeds: what carries
a claim (names, numbers, dates, polarity, who said or did it) is checked, rewording is not
punished, and every removal says in words what was wrong. The real embedding model is used."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from collections import defaultdict

import pytest

from newsrag.index.embed import query_embedder
from newsrag.settings import Settings
from rag import wordnet
from rag.verify import (
    Source, WordMeanings, claimed_speakers, numbers_in, polarity_problems, split_claims, verify,
    wording_support,
)

FAIZABAD = Source("The latest city to fall was Faizabad, the capital of Badakhshan province, which "
                  "the Taliban took control of on Wednesday.", "Ninth provincial capital falls to "
                  "Taliban as thousands flee northern Afghanistan", "Press TV", "2021-08-11")
AZIMI = Source("Meanwhile, Balkh governor Mohammad Farhad Azimi has said the Afghan National "
               "Security and Defense Forces (ANDSF) have pushed back a Taliban offensive on "
               "Mazar-i-Sharif.", None, "Press TV", "2021-08-11")
FAMILIES = Source("Gulam Bahauddin Jailani, head of the national disaster authority, told Reuters "
                  "fighting is going on in 25 of 34 provinces and 60,000 families had been "
                  "displaced over the past two months, with most seeking refuge in Kabul.", None,
                  "The Kootneeti (AFP report)", "2021-08-11")
BORDERS = Source("Following the development, Russia said the Taliban militants have taken control "
                 "of much of Afghanistan's borders with Tajikistan and Uzbekistan, stressing that "
                 "it would continue holding joint drills with its Central Asian allies.")
ENEMY = Source("“The enemy left behind vehicles, weapons and equipment,” Taliban’s spokesman "
               "Zabihullah Mujahid tweeted, while pledging to continue military advances.")
DENIED = Source("Spokesmen for the opposition to the Taliban, the Northern Alliance, are denying "
                "the city has fallen and say fighting is continuing.")
# A report that names the group in its headline and calls it "militants" in the passage.
HEADLINE = "Taliban make rapid advances, overrun three northern Afghan cities in one day"
TALOQAN = Source("The latest city to fall was Taloqan, the capital of the northern province of "
                 "Takhar, which was overrun by the marauding militants Sunday afternoon.",
                 HEADLINE, "Press TV", "2021-08-08")
KUNDUZ = Source("Within hours of the deadly ambush, the militant group controlled the city center "
                "of Kunduz while government forces were pushed back to the nearby airport.",
                HEADLINE, "Press TV", "2021-08-08")


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return query_embedder()


@pytest.mark.parametrize(("source", "claim"), [
    (AZIMI, "The governor of Balkh province was Mohammad Farhad Azimi."),
    (FAIZABAD, "The most recent city captured was Faizabad."),
    (FAMILIES, "Some 60,000 families had been forced from their homes over the past two months."),
    (FAMILIES, "Sixty thousand families were displaced, most of them fleeing to Kabul."),
    (FAIZABAD, "According to Press TV, the Taliban seized Faizabad on Wednesday, 11 August 2021."),
    (FAIZABAD, "Yes, Faizabad fell to the Taliban."),
    (FAIZABAD, "Faizabad was the latest city to be taken by the Taliban."),
    (AZIMI, "Azimi said Afghan forces had repelled a Taliban offensive on Mazar-i-Sharif."),
    (BORDERS, "Russia said the Taliban controlled much of Afghanistan's borders with Tajikistan "
              "and Uzbekistan."),
    (ENEMY, "Zabihullah Mujahid tweeted that the enemy had left behind vehicles and weapons."),
    # A synonym that is a number word of the passage ("single": "one").
    (Source("The minister asked families to heat only one room in their houses over the winter."),
     "The minister urged families to heat a single room of their houses."),
    # "tweeted" says where it was said.
    (ENEMY, "Zabihullah Mujahid said on Twitter that the enemy had left behind vehicles."),
    (DENIED, "The Northern Alliance denied that the city had fallen."),
    (Source("Approximately 1,000 British soldiers were killed or injured. The remaining 500 "
            "British troops, led by George Washington, retreated to Virginia."),
     "About 1,000 British soldiers were killed or wounded, while the remaining 500, led by "
     "Washington, fell back to Virginia."),
    # Hedges and degree words are glue, like the adverbs in -ly the passage may use instead.
    (Source("By the end of the embargo in March 1974, the price of oil had risen from US$3 per "
            "barrel to nearly $12 globally; US prices were significantly higher.",
            "1973 oil crisis"),
     "By the time the embargo ended in March 1974, the global oil price had climbed from $3 to "
     "almost $12 a barrel, with US prices higher still."),
    (TALOQAN, "Taloqan was overrun by the Taliban on Sunday afternoon."),
    # The next sentence says who "Russia" was.
    (Source("Following the development, Russia said the Taliban militants have taken control of "
            "much of Afghanistan's borders with Tajikistan and Uzbekistan. The remarks were made "
            "by Russian Defense Minister Sergei Shoigu on Wednesday, saying the drills would "
            "continue."),
     "Russian Defence Minister Sergei Shoigu said the Taliban had taken control of much of "
     "Afghanistan's borders with Tajikistan and Uzbekistan."),
    # A verb after "and" has its subject further back.
    (Source("Norman adventurers founded the Kingdom of Sicily under Roger II after conquering "
            "southern Italy on the Saracens and Byzantines."),
     "Norman adventurers conquered southern Italy and founded the Kingdom of Sicily."),
    # Two years in one phrase: each keeps what is said next to it.
    (Source("By 1985, the average American vehicle moved 17.4 miles per gallon, compared to "
            "13.5 in 1970."),
     "The average American vehicle went from 13.5 miles per gallon in 1970 to 17.4 by 1985."),
    (KUNDUZ, "Within hours, the Taliban controlled the centre of Kunduz."),
    # "the city" of a report whose headline names the city.
    (Source("Should the capture of the city be confirmed, the opposition would be left in "
            "complete disarray.",
            "Taliban say they have taken the northern city of Mazar-e-Sharif"),
     "Should the capture of Mazar-e-Sharif be confirmed, the opposition would be in disarray."),
    # A participle before its agent's "by" is passive, with no "was" before it.
    (Source("He said the Taliban hoped the capture of the city would make the world recognise "
            "its government, so far recognised only by Pakistan, the United Arab Emirates and "
            "Saudi Arabia."),
     "Pakistan, the United Arab Emirates and Saudi Arabia had recognised the Taliban government."),
    # "national" of a report whose headline names the country.
    (Source(FAMILIES.text, "Ninth provincial capital falls to Taliban as thousands flee northern "
            "Afghanistan", "Press TV", "2021-08-11"),
     "Afghanistan's disaster authority said 60,000 families had been displaced."),
    # A share given another way, a century by its hundreds, "U.S." without its dots, a company
    # by its initials, a participle opening the sentence, and a paragraph's outlet.
    (Source("The American Automobile Association reported that in the last week of February "
            "1974, 20% of American gasoline stations had no fuel."),
     "In the final week of February 1974, one in five US gas stations had run dry, the American "
     "Automobile Association reported."),
    (Source("Roughly 500,000 Huguenots had fled France by the early 18th century."),
     "Roughly 500,000 Huguenots had fled France by the early 1700s."),
    (Source("Around 1700, it is estimated that nearly 25% of the Amsterdam population was "
            "Huguenot."),
     "By about 1700, Huguenots are estimated to have made up almost a quarter of Amsterdam's "
     "inhabitants."),
    (Source("In 2004, declassified documents revealed that the U.S. briefly considered military "
            "action to forcibly seize Middle Eastern oilfields in late 1973."),
     "Documents declassified in 2004 showed the US briefly considered seizing Middle Eastern "
     "oilfields by force in late 1973."),
    (Source("The DECnet protocols were designed entirely by Digital Equipment Corporation."),
     "Yes, the DECnet protocols were designed entirely by DEC itself."),
    (Source("THE TALIBAN Islamic militia army appeared last night to have captured "
            "Mazar-e-Sharif, the only major city outside its control in Afghanistan."),
     "The Taliban seemed to have taken Mazar-e-Sharif last night."),
    # Every people of a name before its noun: "French North American colonies" are French.
    (Source("At the start of the war, the French North American colonies had a population of "
            "roughly 60,000 European settlers, compared with 2 million in the British North "
            "American colonies."),
     "The French colonies had roughly 60,000 European settlers, against some 2 million in the "
     "British colonies."),
    # Who proclaimed it stands before the bracket, and "OAPEC" for the words it stands for.
    (Source("The 1973 oil crisis began in October 1973 when the members of the Organization of "
            "Arab Petroleum Exporting Countries (OAPEC, consisting of the Arab members of OPEC "
            "plus Egypt and Syria) proclaimed an oil embargo."),
     "OAPEC proclaimed an oil embargo in October 1973."),
    # A word of a name is no verb: "the Presiding Officer" presides over nothing here.
    (Source("Speeches to the chamber are normally delivered in English, but members may use "
            "Scots, Gaelic, or any other language with the agreement of the Presiding Officer."),
     "Yes, members may use Gaelic with the Presiding Officer's agreement, although speeches are "
     "normally delivered in English."),
    # "have been bombarding" is active: its doer is before it, as the passive claim's "by" gives.
    (Source("Since Friday Taliban aircraft have been bombarding Mazar-e- Sharif, Afghanistan's "
            "second largest city, causing heavy casualties among the defenders."),
     "Afghanistan's second largest city, Mazar-e-Sharif, has been bombarded by Taliban aircraft "
     "since Friday, with heavy casualties among its defenders."),
    (Source("Price controls exacerbated the crisis in the US.", "1973 oil crisis", "Wikipedia"),
     "Price controls made the 1973 oil crisis worse in the United States."),
    (Source("Ariq Böke was hampered by inadequate supplies and surrendered in 1264."),
     "Hindered by a shortage of supplies, Ariq Böke gave up in 1264."),
    (Source("In the course of the Hundred Years' War, the Norman aristocracy often identified "
            "themselves as English.", "Normans", "Wikipedia"),
     "Wikipedia's article on the Normans says that during the Hundred Years' War the Norman "
     "aristocracy often identified themselves as English."),
])
def test_rewording_that_keeps_the_facts_is_kept(embedder, source: Source, claim: str) -> None:  # type: ignore[no-untyped-def]
    checked = verify(f"{claim} [1]", {1: source}, embedder).claims[0]
    assert checked.supported, checked.problems


@pytest.mark.parametrize(("source", "claim", "reason"), [
    # Both figures are in the passage, each for what the other counts.
    (Source("Approximately 1,000 British soldiers were killed or injured. The remaining 500 "
            "British troops, led by George Washington, retreated to Virginia."),
     "About 500 British soldiers were killed or wounded, while the remaining 1,000, led by "
     "Washington, fell back to Virginia.", "the cited passage gives 1,000 for that, not 500"),
    # A negation reaches up to the next one: refusing to promise is not promising.
    (Source("Shoigu said the drills continue even though the Taliban have promised not to cross "
            "the border."),
     "Shoigu said the Taliban had refused to promise that they would not cross the border.",
     "the cited passage does not say \"not promise\""),
    (FAIZABAD, "The latest city to fall was Kunduz, the capital of Badakhshan.",
     "the cited passage names Faizabad, not Kunduz"),
    (BORDERS, "Russia said the Taliban had taken control of Afghanistan's borders with Pakistan "
              "and Uzbekistan.", "the cited passage names Tajikistan, not Pakistan"),
    (FAMILIES, "Some 6,000 families had been displaced over the past two months.",
     "the cited passage does not give 6,000"),
    (FAMILIES, "Some 60,000 families had been displaced over the past two weeks.",
     "the cited passage says two months, not two weeks"),
    (FAIZABAD, "The Taliban seized Faizabad on Tuesday.",
     "the cited passage says Wednesday, not Tuesday"),
    # A habit on a weekday: "on Wednesdays" is not "on Thursdays".
    (Source("The first item of business on Wednesdays is usually Time for Reflection."),
     "On Thursdays, business usually opens with Time for Reflection.",
     "the cited passage says Wednesday, not Thursday"),
    (FAIZABAD, "The Taliban seized Faizabad on 12 August 2021.",
     "the cited passage does not give the date 12 August"),
    (FAIZABAD, "No, Faizabad did not fall to the Taliban.",
     "the cited passage does not say \"not fall\""),
    (FAIZABAD, "The Taliban failed to take Faizabad.", "the cited passage does not say \"not take\""),
    (DENIED, "The Northern Alliance confirmed that the city had fallen.",
     "the cited passage says \"not city\""),
    (AZIMI, "Governor Azimi said the Taliban had captured Mazar-i-Sharif.",
     "the cited passage says \"pushed back\", not \"captured\""),
    (AZIMI, "The Taliban said Afghan forces had pushed back their offensive.",
     "the cited passage attributes it to Mohammad Farhad Azimi, not Taliban"),
    # Whom a speaker talks about is not who spoke.
    (Source("A Taliban spokesman in Pakistan claimed that the leaders of the Northern Alliance "
            "had fled with their troops."),
     "A Northern Alliance spokesman claimed that the Taliban's leaders had fled.",
     "the cited passage attributes it to Taliban, not Northern Alliance"),
    (ENEMY, "According to Mujahid, the Taliban had left behind vehicles and weapons.",
     "the cited passage does not say \"Taliban left\""),
    (FAIZABAD, "Faizabad fell to the Taliban after a long siege.",
     "the cited passage does not say \"siege\""),
    # The headline's group stands for "the militant group" only where the passage has it.
    (KUNDUZ, "Government forces controlled the centre of Kunduz while the Taliban were pushed "
             "back to the airport.", "the cited passage does not name Taliban"),
    (TALOQAN, "The Taliban said Taloqan was overrun on Sunday.",
     "the cited passage names Takhar, not Taliban"),
    # A name is reported as a reader names it, not in the possessive it stands in.
    (FAIZABAD, "Kunduz's provincial capital fell to the Taliban.",
     "the cited passage names Faizabad, not Kunduz"),
    # Of two quotes cited together, the one the claim reports says who spoke.
    (Source("“The Taliban have focused their attention on Balkh province to take control,” "
            "Azimi said. Sultan Musavi, the police chief of Nahr-e-Shahi said, “We managed to "
            "recapture this area while facing strong resistance and with the help of air "
            "support.”"),
     "Azimi said his forces had recaptured the area with the help of air support despite "
     "strong resistance.", "the cited passage attributes it to Musavi, not Azimi"),
    # Who the claim puts after a preposition is who the passage puts there.
    (Source("They purchased from John Pell, Lord of Pelham Manor, a tract of land consisting of "
            "six thousand one hundred acres with the help of Jacob Leisler."),
     "They bought six thousand one hundred acres from Jacob Leisler with the help of "
     "John Pell.", "the cited passage says \"from John Pell\", not \"from Jacob Leisler\""),
    # What the passage negates, in another form of the word; a state that ended; a name turned
    # into its opposite.
    (Source("In the visual arts, the Normans did not have the rich and distinctive traditions "
            "of the cultures they conquered."),
     "In the visual arts, the Normans had richer traditions than the cultures they conquered.",
     "the cited passage says \"not rich\""),
    (Source("The Edict reaffirmed Catholicism as the state religion of France."),
     "Under the Edict, Catholicism ceased to be the state religion of France.",
     "the cited passage does not say \"not state\""),
    (Source("The insurgents took northern provinces which have traditionally been the bastion "
            "of anti-Taliban resistance."),
     "The insurgents took northern provinces that had long been Taliban strongholds.",
     "the cited passage says anti-Taliban, not Taliban"),
    # A name with an accented capital is a name; a stretch of time in seconds is not one in
    # minutes; a year the passage gives to another event.
    (Source("The dynasty was established by Kublai Khan, yet he placed his grandfather Genghis "
            "Khan on the imperial records as the official founder of the dynasty as Taizu."),
     "Kublai placed his uncle Ögedei on the imperial records as the official founder.",
     "the cited passage names Genghis Khan, not Ögedei"),
    (Source("Guo Shoujing helped reform the calendar to 365.2425 days, which was only 26 "
            "seconds off the modern Gregorian calendar's measurement."),
     "Guo Shoujing's calendar was 26 minutes off the modern Gregorian measurement.",
     "the cited passage says 26 seconds, not 26 minutes"),
    (Source("Baran's concept was first presented to the Air Force in the summer of 1961 as "
            "briefing B-265, later published as RAND report P-2626 in 1962, and finally in "
            "report RM 3420 in 1964."),
     "Baran first presented his concept to the Air Force in the summer of 1964.",
     "the cited passage gives 1961 for that, not 1964"),
    (Source("Oil prices increased sharply after the embargo."),
     "Oil prices decreased sharply after the embargo.",
     "the cited passage says \"increased\", not \"decreased\""),
    # For or against; a captive's fate.
    (Source("The senator opposed the bill from the start."),
     "The senator championed the bill from the start.",
     "the cited passage says \"opposed\", not \"championed\""),
    (Source("The union was reluctant to accept the offer."),
     "The union was eager to accept the offer.",
     "the cited passage says \"reluctant\", not \"eager\""),
    (Source("The rebels executed the prisoners at dawn."),
     "The rebels spared the prisoners at dawn.",
     "the cited passage says \"executed\", not \"spared\""),
    # An opposite only WordNet knows.
    (Source("The minister said the vote was legal."), "The minister said the vote was illegal.",
     "the cited passage says \"legal\", not \"illegal\""),
    # Opposites whose stems are not the words as written ("surrend", "alli").
    (Source("The garrison resisted for three days."), "The garrison surrendered after three days.",
     "the cited passage says \"resisted\", not \"surrendered\""),
    (Source("The two tribes had long been enemies."), "The two tribes had long been allies.",
     "the cited passage says \"enemies\", not \"allies\""),
    # A people or a place paired otherwise than the passage pairs it.
    (Source("Hundreds of French soldiers were stranded and surrendered to the numerically "
            "inferior Spanish forces led by Pedro Menendez."),
     "After the hurricane, hundreds of stranded Spanish soldiers surrendered to a smaller "
     "French force.", "the cited passage says French soldiers, not Spanish soldiers"),
    (Source("Political geographers such as Friedrich Ratzel of Germany and Halford Mackinder of "
            "Britain also supported imperialism."),
     "Political geographers such as Halford Mackinder of Germany and Friedrich Ratzel of "
     "Britain also supported imperialism.",
     "the cited passage says Halford Mackinder of Britain, not Halford Mackinder of Germany"),
    (Source("Huguenot numbers peaked near an estimated two million by 1562, about one-eighth "
            "the number of French Catholics."),
     "Huguenot numbers peaked at an estimated two million by 1562, roughly one-quarter the "
     "number of French Catholics.", "the cited passage does not give one-quarter"),
    # Another agent by "by", named after the role both give ("Spanish architect ...").
    (Source("The Scottish Parliament building was designed by Spanish architect Enric Miralles "
            "in partnership with local Edinburgh Architecture firm RMJM which was led by Design "
            "Principal Tony Kettle."),
     "The Scottish Parliament building was designed by Spanish architect Tony Kettle in "
     "partnership with the local Edinburgh firm RMJM.",
     "the cited passage says it was done by Enric Miralles, not Tony Kettle"),
    # Success where the passage says it came to nothing.
    (Source("In 1107, the Normans under the command of Bohemond landed in Valona and besieged "
            "Dyrrachium using the most sophisticated military equipment of the time, but to no "
            "avail."),
     "In 1107 the Normans under Bohemond landed in Valona and successfully besieged Dyrrachium.",
     "the cited passage says \"to no avail\", not \"successfully\""),
    # Much of what the passage says there was little of.
    (Source("Bogged down by disputes with William Johnson, Shirley's plan had little support."),
     "Despite disputes with William Johnson, Shirley's plan enjoyed broad support.",
     "the cited passage says \"little support\", not \"broad support\""),
    # Who was accused: the patient of a verb of saying.
    (Source("Dostum has been a celebrated anti-Taliban lynchpin in the north, fighting the group "
            "in the 1990s, when he was accused by human rights groups of massacring thousands of "
            "Taliban prisoners of war."),
     "In the 1990s, human rights groups accused the Taliban of massacring thousands of Dostum's "
     "fighters taken as prisoners of war.",
     "the cited passage says it was done to Dostum, not Taliban"),
    # What the passage only says appeared so, stated as certain.
    (Source("THE TALIBAN Islamic militia army appeared last night to have captured "
            "Mazar-e-Sharif, the only major city outside its control in Afghanistan."),
     "The Taliban Islamic militia army captured Mazar-e-Sharif last night, taking the only "
     "major city in Afghanistan that had been outside its control.",
     "the cited passage hedges it: \"appeared last night to have captured\""),
    # A title's year names its topic, and dates nothing else.
    (Source("On August 15, 1971, the United States unilaterally pulled out of the Bretton Woods "
            "Accord.", "1973 oil crisis", "Wikipedia"),
     "The United States unilaterally pulled out of the Bretton Woods Accord on August 15, 1973.",
     "the cited passage does not give the year 1973"),
    # A share or a century given another way is still checked.
    (Source("20% of American gasoline stations had no fuel."),
     "One in four American gas stations had no fuel.", "the cited passage gives 20, not four"),
    (Source("Roughly 500,000 Huguenots had fled France by the early 18th century."),
     "Roughly 500,000 Huguenots had fled France by the early 1600s.",
     "the cited passage does not give the year 1600"),
])
def test_a_wrong_claim_is_removed_with_its_reason(embedder, source: Source, claim: str,  # type: ignore[no-untyped-def]
                                                  reason: str) -> None:
    checked = verify(f"{claim} [1]", {1: source}, embedder).claims[0]
    assert not checked.supported
    assert checked.reason == reason, checked.problems


def test_sentences_read_by_the_int8_encoder_are_decided_the_same(embedder) -> None:  # type: ignore[no-untyped-def]
    """The LLM path reads claims and passages with the int8 encoder (3.5x faster) and words with
    the float one: its meaning floor sees the same sentences within a hair of the float model."""
    from newsrag.index.embed import int8_embedder

    answer = ("The latest city to fall was Faizabad [1]. The latest city to fall was Kunduz [1]. "
              "Azimi said Afghan forces had repelled a Taliban offensive on Mazar-i-Sharif [2]. "
              "Some 6,000 families had been displaced over the past two months [3].")
    passages = {1: FAIZABAD, 2: AZIMI, 3: FAMILIES}
    by_float = verify(answer, passages, embedder).claims
    by_int8 = verify(answer, passages, embedder, int8_embedder()).claims
    assert [c.supported for c in by_int8] == [c.supported for c in by_float] == [
        True, False, True, False]
    assert [c.problems for c in by_int8] == [c.problems for c in by_float]
    # Measured 0.013 at most; the floor it is held against is 0.35.
    assert max(abs(a.meaning - b.meaning) for a, b in zip(by_int8, by_float)) < 0.03


def test_every_sentence_needs_a_citation_to_a_passage(embedder) -> None:  # type: ignore[no-untyped-def]
    checked = verify("Faizabad fell [1]. Kunduz fell [7]. Kabul is next.", {1: FAIZABAD}, embedder)
    assert [c.reason for c in checked.claims] == [
        "", "it cites [7], which is not among the passages", "it cites no passage"]
    assert [c.text for c in checked.kept] == ["Faizabad fell."]


def test_markers_after_two_sentences_cite_both() -> None:
    claims = split_claims("Faizabad fell. It is in Badakhshan [1][2]. Kabul?")
    assert [(c.text, c.cited) for c in claims] == [
        ("Faizabad fell.", [1, 2]), ("It is in Badakhshan.", [1, 2]), ("Kabul?", [])]


@pytest.mark.parametrize(("sentence", "speakers"), [
    ("Balkh governor Mohammad Farhad Azimi has said the forces pushed back.",
     ["Mohammad Farhad Azimi"]),
    ("Farhad Azimi, who said the forces pushed back, was in Mazar.", ["Farhad Azimi"]),
    # A place before a comma is not who tweeted: the journalist named earlier is.
    ("Journalist Bilal Sarwary described soldiers fleeing Mazar, then tweeted that it fell.", []),
    # A possessive says whose the speaker is.
    ("Afghanistan's disaster chief said 60,000 families had been displaced.", []),
    # An appositive names the speaker twice, and a name that opens the sentence keeps its first
    # word.
    ("Fawad Aman, Deputy Spokesperson of Ministry of National Defense, also said it.",
     ["Fawad Aman", "Deputy Spokesperson of Ministry of National Defense"]),
    ("Sultan Musavi, the police chief of Nahr-e-Shahi said, “We managed to recapture it.”",
     ["Musavi", "Nahr-e-Shahi"]),
    ("A consultant for International Crisis Group, was quoted as saying by AFP.",
     ["International Crisis Group"]),
    # A spokesman speaks for the body named before him, not the place named after him.
    ("A Taliban spokesman in Pakistan claimed that the Alliance's leaders had fled.",
     ["Taliban"]),
    ("David McLetchie, the Conservative leader, insisted the party's support had held firm.",
     ["McLetchie"]),
    # "told Reuters" names who listened.
    ("A council member told Reuters the Taliban had besieged Faizabad.", []),
])
def test_who_a_sentence_says_spoke(sentence: str, speakers: list[str]) -> None:
    assert claimed_speakers(sentence) == speakers


def test_a_synonym_only_wordnet_knows_is_kept(embedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """"reaped" for "harvested" and "ample" for "plentiful": the embedding model does not see
    either pair as the same word (cosine 0.12 and 0.32); WordNet does."""
    passage = {1: Source("Farmers harvested a plentiful crop.")}
    assert verify("Farmers reaped an ample crop. [1]", passage, embedder).claims[0].supported
    assert wording_support("Farmers reaped an ample crop.", passage[1].text,
                           WordMeanings(embedder))[1] == []
    monkeypatch.setattr(wordnet, "synonyms", lambda word: frozenset())
    assert "reaped" in wording_support("Farmers reaped an ample crop.", passage[1].text,
                                       WordMeanings(embedder))[1]


def test_a_country_named_by_its_adjective_is_named(embedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """"the Saudi and Kuwaiti governments" names Saudi Arabia and Kuwait (WordNet's pertainyms);
    a country the passage has no adjective for is still not named."""
    passage = {1: Source("On November 7, 1973, the Saudi and Kuwaiti governments declared Japan a "
                         "\"nonfriendly\" country.")}
    claim = "Saudi Arabia and Kuwait declared Japan a nonfriendly country on November 7, 1973. [1]"
    assert verify(claim, passage, embedder).claims[0].supported
    swapped = verify(claim.replace("Kuwait", "Qatar"), passage, embedder).claims[0]
    assert swapped.reason.endswith("not Qatar")
    monkeypatch.setattr(wordnet, "pertainyms", lambda word: frozenset())
    assert verify(claim, passage, embedder).claims[0].reason.endswith("does not name Arabia")


def test_an_adverb_in_ly_is_not_its_adjective_s_opposite(embedder) -> None:  # type: ignore[no-untyped-def]
    words = WordMeanings(embedder)
    claim = "The group showed little interest in talks."
    assert polarity_problems(claim, "The group was largely uninterested in talks.", words) == []
    assert polarity_problems(claim, "The group showed large interest in talks.", words) == [
        "the cited passage says \"large\", not \"little\""]


def test_wordnet_is_laid_out_from_the_wheel_byte_for_byte(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The wheel splits the noun data in two; joined again, synsets are found by byte offset all
    the way to its end ("autumn" is among the last nouns, time words), and a second use of the
    folder takes it as it is."""
    source = wordnet.shipped_files()
    assert source is not None
    folder = wordnet._laid_out(tmp_path)
    assert folder is not None and wordnet._laid_out(tmp_path) == folder
    halves = sum((source / half).stat().st_size for half in ("data.noun1", "data.noun2"))
    assert (folder / "data.noun").stat().st_size == halves + 1  # the line break between them
    laid_out = wordnet._Database(folder)
    assert any("fall" in laid_out.synset(pos, offset).names
               for pos, offset in laid_out.synsets("autumn"))
    assert "decrease" in laid_out.related("increase", "!")


def test_synonyms_and_opposites_are_what_nltks_reader_finds() -> None:
    """rag.wordnet reads the database files itself (no nltk import on a question's path); for
    lemmas of every part of speech, their inflections and the irregular verbs, it finds the
    synonyms, opposites and pertainyms that nltk's reader finds, word for word."""
    nltk_read = wordnet.reader()
    folder = wordnet._laid_out(Settings.from_env().model_cache)
    assert nltk_read is not None and folder is not None

    def synonyms(word: str) -> frozenset[str]:
        return frozenset(part for synset in nltk_read.synsets(word.lower())
                         for lemma in synset.lemmas()
                         for part in lemma.name().lower().split("_")) - {word.lower()}

    def antonyms(word: str) -> frozenset[str]:
        return frozenset(a.name().lower() for synset in nltk_read.synsets(word.lower())
                         for lemma in synset.lemmas() for a in lemma.antonyms()
                         if "_" not in a.name())

    def pertainyms(word: str) -> frozenset[str]:
        senses = nltk_read.synsets(word.lower(), pos="a") + nltk_read.synsets(word.lower(), pos="s")
        return frozenset(p.name().replace("_", " ").lower() for synset in senses
                         for lemma in synset.lemmas() for p in lemma.pertainyms()
                         if p.name()[:1].isupper())

    words = {"fled", "fell", "rose", "forsook", "cities", "Saudi", "Kuwaiti", "Increase", "men"}
    for part in ("noun", "verb", "adj", "adv"):
        lemmas = re.findall(r"^([^ \n]+) ", (folder / f"index.{part}").read_text("utf-8"), re.M)
        words.update(lemmas[::400])
    words |= {w + ending for w in sorted(words)[::3] for ending in ("s", "ed", "ing", "er")}
    irregular = (folder / "verb.exc").read_text("utf-8").splitlines()
    words |= {line.split()[0] for line in irregular[::200]}
    assert len(words) > 1_000
    found = {"synonyms": 0, "antonyms": 0, "pertainyms": 0}
    for word in sorted(words):
        for ours, theirs in ((wordnet.synonyms, synonyms), (wordnet.antonyms, antonyms),
                             (wordnet.pertainyms, pertainyms)):
            assert ours(word) == theirs(word), (ours.__name__, word)
            found[ours.__name__] += bool(ours(word))
    assert min(found.values()) > 0, found  # each relation was really compared on some words


def test_a_negated_question_is_answered_without_importing_nltk(seeded_home) -> None:  # type: ignore[no-untyped-def]
    """A negated question's answer reads WordNet (what its negation reaches, by synonym), in a
    new process as `rag ask` does, without nltk's reader: importing nltk (and scipy with it) had
    added four seconds and 190 MB to such a question."""
    script = ("import sys\n"
              "from rag.pipeline import answer\n"
              "from rag import wordnet\n"
              "answer('Which city did not put up any resistance?', answerer='offline')\n"
              "assert wordnet.synonyms.cache_info().currsize, 'WordNet was not read'\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk')[:3])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "RAG_HOME": str(seeded_home)}, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout


def test_the_lemma_index_is_read_as_nltk_reads_it(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """rag.wordnet reads the index files itself, faster than nltk's reader does; what it reads
    is what nltk's own method reads, lemma for lemma (satellite adjectives included)."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    folder = wordnet._laid_out(tmp_path)
    assert folder is not None
    # nltk opens corpus files only under its data path (as rag.wordnet.reader arranges)
    monkeypatch.setattr(nltk.data, "path", [*nltk.data.path, str(folder.parent.parent)])

    class Plain(WordNetCorpusReader):  # type: ignore[misc]
        def map_wn(self, version: str = "wordnet") -> None:
            return None

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nltk_read = Plain(str(folder), None)
    ours: dict[str, dict[str, list[int]]] = defaultdict(dict)
    wordnet.read_lemma_index(folder, ours, nltk_read.satellite_offsets)
    assert ours == nltk_read._lemma_pos_offset_map
    assert len(ours) > 140_000 and ours["fall"]["v"] and ours["good"]["s"]


def test_irregular_verb_forms_are_read_as_their_lemma() -> None:
    """The wheel has no morphology lists; the verb list made from its inflection table maps
    "fled" to "flee", so WordNet finds its senses: synonyms and opposites of past forms."""
    source = wordnet.shipped_files()
    assert source is not None
    listed = dict(line.split(" ", 1) for line in wordnet.verb_exceptions(source).splitlines())
    assert listed["fled"] == "flee" and listed["forsook"] == "forsake" and "isn't" not in listed
    assert "flee" in wordnet.synonyms("fled")
    assert "abandon" in wordnet.synonyms("forsook")
    assert "fall" in wordnet.antonyms("rose")


def test_a_cache_wordnet_cannot_be_laid_out_in_leaves_the_checks_running(
        embedder, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("RAG_MODEL_CACHE", str(blocked / "cache"))
    monkeypatch.setattr(wordnet, "_reader", None)
    monkeypatch.setattr(wordnet, "_database", None)
    wordnet.synonyms.cache_clear()
    try:
        assert wordnet.reader() is None and wordnet.database() is None
        assert wordnet.synonyms("harvest") == frozenset()
        checked = verify("Faizabad was the latest city to be taken by the Taliban. [1]",
                         {1: FAIZABAD}, embedder).claims[0]
        assert checked.supported, checked.problems
    finally:
        wordnet.synonyms.cache_clear()


@pytest.mark.parametrize("text, value", [
    ("about one-eighth the number", 1 / 8), ("about an eighth of the number", 1 / 8),
    ("two-thirds of the seats", 2 / 3), ("a third city fell", 3.0),
    ("the twenty-first century", 21.0), ("twenty-one soldiers", 21.0),
    ("roughly one-quarter the number", 1 / 4), ("a quarter of the seats", 1 / 4),
    ("three quarters of them", 3 / 4), ("an eighth as many people", 1 / 8),
    ("in 1073–74, 8,000 men", 8000.0),
])
def test_fractions_are_read_as_fractions(text: str, value: float) -> None:
    assert [v for _, v in numbers_in(text)] == [pytest.approx(value)]


def test_a_quarter_that_is_no_fraction_is_no_figure() -> None:
    assert numbers_in("the French quarter") == numbers_in("in the first quarter") == []


ZARANJ = Source("The Taliban first seized Zaranj in the southwestern province of Nimroz on the "
                "border with Iran, and followed it up by taking Sheberghan in the northern "
                "province of Jawzjan the next day.")


@pytest.mark.parametrize("claim, kept", [
    ("The Taliban took Zaranj first, and Sheberghan in Jawzjan a day later.", True),
    ("The Taliban took Zaranj first, and Sheberghan in Jawzjan a week later.", False),
    ("The Taliban took Zaranj first, and Sheberghan in Jawzjan two days later.", False),
])
def test_a_day_later_is_the_next_day_and_nothing_longer(embedder, claim: str, kept: bool) -> None:  # type: ignore[no-untyped-def]
    assert verify(f"{claim} [1]", {1: ZARANJ}, embedder).claims[0].supported is kept


BEDS = Source("There are 300 beds in the field hospital.")


@pytest.mark.parametrize("claim, kept", [
    # How the claim relates what the passage names, in a verb that is never a noun: a short
    # claim's one unmatched word, which had been enough to remove it.
    ("The field hospital contains 300 beds.", True),
    # A thing the passage does not mention is not excused however short the claim.
    ("The field hospital has 300 military beds.", False),
    ("The field hospital has 300 beds for soldiers.", False),
])
def test_a_short_claim_may_reword_the_relation_in_a_verb(embedder, claim: str, kept: bool) -> None:  # type: ignore[no-untyped-def]
    checked = verify(f"{claim} [1]", {1: BEDS}, embedder).claims[0]
    assert checked.supported is kept, checked.problems


CABLE = Source("A cable sent by United States Ambassador Ross Wilson revealed Khalilzad had told "
               "him that the talks in Doha had stalled.")


@pytest.mark.parametrize("claim, kept", [
    # Who told is the subject of "told", not the ambassador whose cable revealed it (whose
    # "United States" is no verb of saying either).
    ("Ross Wilson told Khalilzad that the talks in Doha had stalled.", False),
    ("Khalilzad told Ross Wilson that the talks in Doha had stalled.", True),
])
def test_the_speaker_is_the_subject_of_the_verb_of_saying(embedder, claim: str, kept: bool) -> None:  # type: ignore[no-untyped-def]
    checked = verify(f"{claim} [1]", {1: CABLE}, embedder).claims[0]
    assert checked.supported is kept, checked.problems
    if not kept:
        assert checked.reason == "the cited passage attributes it to Khalilzad, not Wilson"


RECOGNISED = Source("Its government has so far been recognised only by Pakistan, the United Arab "
                    "Emirates and Saudi Arabia.")


@pytest.mark.parametrize("claim, kept", [
    # A count of the names a passage lists is what the list says, though it gives no figure.
    ("Only three countries, Pakistan, the United Arab Emirates and Saudi Arabia, have "
     "recognised its government.", True),
    ("Only four countries, Pakistan, the United Arab Emirates and Saudi Arabia among them, have "
     "recognised its government.", False),
])
def test_a_count_of_the_names_listed_is_given(embedder, claim: str, kept: bool) -> None:  # type: ignore[no-untyped-def]
    checked = verify(f"{claim} [1]", {1: RECOGNISED}, embedder).claims[0]
    assert checked.supported is kept, checked.problems


VOICES = Source("King Aldric died three days after a feast with Edwin Hale. He was reportedly "
                "killed with poison by Osric Vane, and Edwin Hale then took the throne.")


@pytest.mark.parametrize("claim, reason", [
    # Who did it to whom, said in the other voice, with the victim a pronoun of the passage.
    ("King Aldric is said to have poisoned Osric Vane.",
     "the cited passage says Osric Vane did it to Aldric, not the other way round"),
    # Another agent given by "by", for a verb the passage words otherwise ("killed with poison").
    ("Aldric was reportedly poisoned by Edwin Hale.",
     "the cited passage says it was done by Osric Vane, not Edwin Hale"),
    # To whom, when the claim's verb is active and the passage's passive.
    ("The guards poisoned Edwin Hale after the feast.",
     "the cited passage says it was done to Aldric, not Edwin Hale"),
    ("Aldric was reportedly poisoned by Osric Vane.", None),
    ("Osric Vane poisoned King Aldric, and Edwin Hale then took the throne.", None),
])
def test_who_did_it_is_compared_across_voices(embedder, claim: str, reason: str | None) -> None:  # type: ignore[no-untyped-def]
    """The argument check compares the names beside a verb only where the claim and the passage
    use one voice; a swap across voices had been kept (two of the dev claims about who did what
    to whom)."""
    checked = verify(f"{claim} [1]", {1: VOICES}, embedder).claims[0]
    assert checked.supported == (reason is None), checked.problems
    assert checked.reason == (reason or ""), checked.problems


STOPPED = Source("Roussel de Bailleul tried to carve out an independent state in Asia Minor with "
                 "support from the local population, but he was stopped by the Byzantine general "
                 "Alexius Komnenos.")


@pytest.mark.parametrize("claim, reason", [
    # The claim's doer is the one it was done to, by another: half a swap, past an aside.
    ("Roussel de Bailleul, backed by the local population, stopped the Byzantine general "
     "Alexius Komnenos from carving out a state in Asia Minor.",
     "the cited passage says Alexius Komnenos did it to Roussel de Bailleul, not the other way "
     "round"),
    ("Roussel de Bailleul was stopped by the Byzantine general Alexius Komnenos.", None),
    # What two do to each other may be told from either side.
    ("Roussel de Bailleul met Alexius Komnenos in Asia Minor.", None),
])
def test_the_doer_is_not_the_one_it_was_done_to(embedder, claim: str, reason: str | None) -> None:  # type: ignore[no-untyped-def]
    source = STOPPED if "met" not in claim else Source(
        "In Asia Minor, Roussel de Bailleul was met by Alexius Komnenos.")
    checked = verify(f"{claim} [1]", {1: source}, embedder).claims[0]
    assert checked.supported == (reason is None), checked.problems
    assert checked.reason == (reason or ""), checked.problems


@pytest.mark.parametrize("source, claim, reason", [
    # Crossed doers: the passage has the other one do it, and each names the other's doer.
    (Source("The fortress was built by Osric Vane, and King Aldric later gave it to his son."),
     "King Aldric built the fortress, and Osric Vane later gave it to his son.",
     "the cited passage says King Aldric did it, not Osric Vane"),
    # Crossed sufferers: each names the one the other says it was done to.
    (Source("Osric Vane has long fought the Kell Brigade, and in 1990 he was accused by rights "
            "groups of burning Brigade villages."),
     "Osric Vane has long fought the Kell Brigade, and in 1990 the Brigade was accused by "
     "rights groups of burning his villages.",
     "the cited passage says it was done to Osric Vane, not Brigade"),
    # A name after a preposition is not who did what follows it.
    (Source("In Arden, Osric Vane founded two new villages: Dorrin and Kell."),
     "Osric Vane in Arden founded the villages of Dorrin and Kell.", None),
    # A body is the one it is "of": not any council.
    (Source("The bridge, which was funded by the Council of the Isles, carries the road to "
            "Kell."),
     "The bridge was funded by the Kell Council.",
     "the cited passage says it was done by Council of the Isles, not Kell Council"),
    (Source("The bridge, which was funded by the Council of the Isles, carries the road to "
            "Kell."),
     "The bridge to Kell was funded by the Council of the Isles.", None),
    # A description the passage gives another name.
    (Source("The rebels now threaten the province's largest town, Dorrin, having taken Ashby "
            "and Kell to its south."),
     "The rebels are now threatening Ashby, the province's largest town.",
     "the cited passage says that of Dorrin, not Ashby"),
    (Source("The rebels now threaten the province's largest town, Dorrin, having taken Ashby "
            "and Kell to its south."),
     "The rebels are now threatening Dorrin, the province's largest town.", None),
    # A stretch before the day of writing, told from it.
    (Source("Rebels appeared last night to have taken the port.", "Port falls", "The Courier",
            "2001-03-04"),
     "On 4 March 2001, The Courier reported that rebels seemed to have taken the port the "
     "previous week.", "the cited passage says \"last night\", not \"the previous week\""),
    (Source("Rebels appeared last night to have taken the port.", "Port falls", "The Courier",
            "2001-03-04"),
     "On 4 March 2001, The Courier reported that rebels seemed to have taken the port the night "
     "before.", None),
    # The headline's name where the passage says "it".
    (Source("It captured the town twice last year but was forced to withdraw both times.",
            "Dorrin falls to Northern Front as thousands flee the town", "The Courier",
            "2001-03-04"),
     "The Northern Front captured the town twice last year but had to withdraw both times.",
     None),
    # A denial in the passive denies its subject.
    (Source("It was the council that rejected the plan for a new bridge, not the mayor."),
     "The plan for a new bridge was rejected by the council, not by the mayor.", None),
    # Opposites WordNet does not pair.
    (Source("The new minister sharply increased spending on village schools."),
     "The new minister cut spending on village schools.",
     "the cited passage says \"increased\", not \"cut\""),
    (Source("The league said it would continue the season despite the storms."),
     "The league said it would suspend the season because of the storms.",
     "the cited passage says \"continue\", not \"suspend\""),
    # What an outlet reported includes its headline; a claim that does not say who reported it
    # has only the passage.
    (Source("The latest town to fall was Dorrin, on the river.",
            "Fifth town falls to Northern Front as thousands flee", "The Courier", "2001-03-04"),
     "The Courier reported that a fifth town had fallen to the Northern Front, Dorrin being the "
     "latest.", None),
    (Source("The latest town to fall was Dorrin, on the river.",
            "Fifth town falls to Northern Front as thousands flee", "The Courier", "2001-03-04"),
     "A fifth town had fallen to the Northern Front, Dorrin being the latest.",
     "the cited passage does not name Northern Front"),
    # An initialism's dots end no clause: what comes after "funded by the U.S." is its name.
    (Source("The network was funded by the U.S. National Science Foundation and opened in 1981."),
     "The network was funded by the US National Science Foundation.", None),
    # What ends may be the subject of "ended", or its object.
    (Source("The Wars of Kell finally ended with the signing of the Treaty of Arden in 1420."),
     "The Treaty of Arden, signed in 1420, ended the Wars of Kell.", None),
    # "No -" answers the question, as "No," does; it denies nothing of the sentence after it.
    (Source("In 1420, the Duke of Arden founded the port of Kell."),
     "No - it was the Duke of Arden who founded the port of Kell, in 1420.", None),
    # Times told otherwise: "overnight" is "last night", "days later" is "a few days later", and
    # "today's" is the present one.
    (Source("The rebels attacked the port last night and took it a few days later, said the "
            "current governor.", "Port falls", "The Courier", "2001-03-04"),
     "According to today's governor, the rebels attacked the port overnight and took it days "
     "later.", None),
    # "Came to nothing" is "to no avail": no denial of what follows.
    (Source("In 1107 the duke besieged the city with the finest engines of the time, but to no "
            "avail."),
     "The duke's 1107 siege of the city came to nothing despite the finest engines of the time.",
     None),
    # A common noun opening a sentence is no name.
    (Source("The failures at sea, with other failures on land, led to the fall of Osric Vane."),
     "Setbacks at sea, together with other failures on land, brought down Osric Vane.", None),
    # The claim's "by" names the one the passage has it done to.
    (Source("Osric Vane's men have long outnumbered the Kell Brigade."),
     "Osric Vane's men have long been outnumbered by the Kell Brigade.",
     "the cited passage says it was done to Kell Brigade, not by them"),
    # What the passage denies, in another form of its verb.
    (Source("In these first ventures, the Normans failed to make any headway into Wales."),
     "In these first ventures, the Normans made quick headway into Wales.",
     "the cited passage says \"not make\""),
    # A word the passage has only with "un-".
    (Source("The settlers considered the land unused by its few inhabitants."),
     "The settlers saw that the land was used by its few inhabitants.",
     "the cited passage says \"unused\", not \"used\""),
    # A name's word is no adjective of nationality ("Fort Caroline" names no Charles).
    (Source("The Spanish settlers built their town near Fort Caroline."),
     "The Spanish settlers built their town near Charlesfort.",
     "the cited passage names Fort Caroline, not Charlesfort"),
    (Source("After the revolt, the king curbed the power of his advisers."),
     "After the revolt, the king expanded the power of his advisers.",
     "the cited passage says \"curbed\", not \"expanded\""),
    # A bound is no denial: "no fewer than four" is "at least four".
    (Source("The rebels have taken at least four towns since Monday."),
     "The rebels had taken no fewer than four towns since Monday.", None),
    # An order of magnitude the passage gives otherwise.
    (Source("The floods have driven hundreds of families from their homes."),
     "The floods have driven thousands of families from their homes.",
     "the cited passage says hundreds, not thousands"),
])
def test_what_the_sixth_and_seventh_writers_claims_showed(  # type: ignore[no-untyped-def]
        embedder, source: Source, claim: str, reason: str | None) -> None:
    """Ways wrong claims of evals/claims/sixth_writer_dev.yaml and seventh_writer_dev.yaml got
    through, each with claims of its own: doers that cross, a description moved to another name,
    a relative time changed, opposites WordNet does not list, an order of magnitude changed; and
    the right claims beside them are kept, with some it removed (a headline's name for "it", a
    denial told in the passive, a bound read as a denial)."""
    checked = verify(f"{claim} [1]", {1: source}, embedder).claims[0]
    assert checked.supported == (reason is None), checked.problems
    assert checked.reason == (reason or ""), checked.problems
