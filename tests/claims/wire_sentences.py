"""Sentences from real news copy (2022-2024) with money and percent figures, for the figure
kind rules (issue 15): each with the kind of each of its money and percent figures in text
order, annotated by reading the sentence before the rules were run on it.

The outlet is the one credited in the copy (and the site the copy was read on, when another).
Typographic quotes and apostrophes are kept as published.
"""

WIRE_KINDS: list[tuple[str, tuple[str, ...]]] = [
    # Sputnik (UrduPoint), 7 Sep 2022
    (
        "Russia-China annual trade should reach $200 billion soon, Russian President Vladimir "
        "Putin said.",
        ("forecast",),
    ),
    ("It has already reached $140 billion and continues to grow.", ("actual",)),
    (
        "In the first half of the year it has grown by another 30%, and apparently, we will "
        'indeed soon reach $200 billion, as we wanted," Putin said during a meeting with Li '
        "Zhanshu, the chairman of the Standing Committee of the National People's Congress of "
        "China.",
        ("change", "forecast"),
    ),
    # Sputnik (Pakistan Point), 21 Mar 2023
    (
        "Russia-China trade can reach $200 billion already this year, Russian President Vladimir "
        "Putin said on Tuesday after his meeting with Chinese President Xi Jinping.",
        ("forecast",),
    ),
    (
        '"Our countries, through concerted efforts, maintain the high dynamics of mutual trade, '
        "which grew by 30% last year, set a new record of over $185 billion.",
        ("change", "actual"),
    ),
    (
        'And we are able to overcome the mark of $200 billion this year," Putin said.',
        ("forecast",),
    ),
    # Sputnik (UrduPoint), 22 Feb 2023
    (
        "There is every reason to believe that the volume of trade between Russia and China will "
        "reach $200 billion earlier than in 2024, Russian President Vladimir Putin said on "
        "Wednesday.",
        ("forecast",),
    ),
    ('"We set the goal of reaching $200 billion by 2024.', ("target",)),
    (
        "Last year, it was already $185 billion, there is every reason to believe that we will "
        'achieve our goals at the level of trade turnover, maybe even earlier than planned," '
        "Putin said at a meeting with Chinese Central Foreign Affairs Office Director Wang Yi in "
        "Moscow.",
        ("actual",),
    ),
    # Sputnik (UrduPoint), 10 Jul 2023
    (
        "Trade between Russia and China can exceed $200 billion in 2023, Russian upper house "
        "speaker Valentina Matvienko said on Monday.",
        ("forecast",),
    ),
    (
        '"There is every reason to believe that by the end of this year, we will cross the bar '
        'of $200 billion in mutual trade," Matvienko told reporters following meeting with '
        "Chinese President Xi Jinping in Beijing.",
        ("forecast",),
    ),
    # Sputnik Africa, 13 Oct 2023
    (
        "In February 2022, Chinese President Xi Jinping unveiled a new target to raise trade "
        "turnover between Russia and China by an annual $250Bln.",
        ("target",),
    ),
    (
        "China-Russia trade in January-September 2023 grew 29.5% to $176.4 billion, China's "
        "General Administration of Customs said.",
        ("change", "actual"),
    ),
    (
        "During the reporting period, China supplied goods to Russia worth $81.4 billion, an "
        "increase of 56.9 percent on the same period in 2022; deliveries from Russia to China "
        "increased by 12.7% to $94.9 billion.",
        ("actual", "change", "change", "actual"),
    ),
    # Sputnik, 13 Jul 2023
    (
        "Trade between Russia and China in January-June 2023 has increased by 40.6% year-on-year "
        "to $114.547 billion, the data of the Chinese General Administration of Customs showed on "
        "Thursday.",
        ("change", "actual"),
    ),
    (
        "In June, the bilateral trade amounted to $20.831 billion, with China having exported "
        "$11.28 billion in goods and imported $9.551 worth of goods from Russia.",
        ("actual", "actual", "actual"),
    ),
    # Indian Defence News (wire not named), Apr 2022
    (
        "Russia and China bilateral trade may hit $200 billion annually before the target year of "
        "2024 due to Western sanctions and the accelerated growth of economic cooperation between "
        "the countries, Russia's Consulate General in Harbin said on Thursday.",
        ("forecast",),
    ),
    (
        "At the same time, Chinese exports to Russia rose by 25.9%, reaching $16.4 billion, while "
        "Russian exports to China grew by 31% to $21.7 billion.",
        ("change", "actual", "change", "actual"),
    ),
    (
        "After negotiations, Kremlin spokesman Dmitry Peskov said that Chinese President Xi "
        "Jinping had set a new goal of bringing bilateral trade to $250 billion per year.",
        ("target",),
    ),
    # TASS, 20 Sep 2023
    (
        "There is reason to expect that the trade turnover between Russia and China will approach "
        "$200 bln, Russian President Vladimir Putin said at a meeting with China’s foreign "
        "minister and director of the Foreign Affairs Commission Office of the Chinese Communist "
        "Party Central Committee Wang Yi.",
        ("forecast",),
    ),
    # TASS, 21 Mar 2023
    (
        "Trade turnover between Russia and China reached a record figure in 2022 despite the "
        "consequences of the pandemic and sanctions pressure, this year it will exceed $200 "
        "billion, Russian President Vladimir Putin said speaking at the Russian-Chinese talks on "
        "Tuesday.",
        ("forecast",),
    ),
    (
        '"Despite the consequences of the pandemic and sanctions pressure, trade in 2022 reached '
        "a record high of $185 billion.",
        ("actual",),
    ),
    (
        "The Russian leader added that over the past year, the volume of mutual trade has grown "
        "by more than 30%.",
        ("change",),
    ),
    # TASS, 31 Jul 2024
    (
        "China and Russia are able to boost trade turnover to $250 bln this year, Deputy Director "
        "of the Institute for Russian, East European & Central Asian Studies at Renmin University "
        "of China Liu Xu told TASS.",
        ("forecast",),
    ),
    (
        "The Chinese leader Xi Jinping announced the intention to bring trade between the two "
        "countries to $250 bln in 2024 at a meeting with Russian President Vladimir Putin, Liu Xu "
        "noted.",
        ("target",),
    ),
    ('"This is a 4% increase.', ("change",)),
    (
        "Trade between the two countries increased by 29.3% in 2022 to $190 bln.",
        ("change", "actual"),
    ),
    ("In 2023, it hit a record level of $240.11 bln, having risen by 26.3%.", ("actual", "change")),
    # TASS, 19 Aug 2024
    (
        "The General Administration of Customs of the People's Republic of China said earlier "
        "that the volume of the Sino-Russian trade amounted to $136.67 billion in January-July, "
        "having increased by 1.6% in annual terms.",
        ("actual", "change"),
    ),
    (
        "In 2023, trade turnover between Russia and China reached record $240.11 bln, which is "
        "26.3% higher than in the previous year.",
        ("actual", "change"),
    ),
    # TASS, 11 Jan 2023 and 6 Sep 2023
    (
        "Mutual trade hits fresh all-time highs each time, the diplomat noted, adding that its "
        "2022 level is expected to exceed $180 bln.",
        ("forecast",),
    ),
    (
        "China expects the goal of $200 bln trade turnover with Russia to be reached earlier than "
        "planned, Chinese Ambassador to Russia Zhang Hanhui said.",
        ("target",),
    ),
    (
        'Trade turnover between China and Russia "reached $131.4 bln" year-to-date, "an '
        'increase by 36.5% compared with the same period last year," the diplomat added.',
        ("actual", "change"),
    ),
    # TASS, 14 Oct 2024
    (
        '"In accordance with the presidential decree we should have $55.2 bln of [food - TASS] '
        "exports by 2030.",
        ("target",),
    ),
    (
        "Growth of food exports in physical terms will be just 18% by 2030, she noted.",
        ("forecast",),
    ),
    # Reuters (via China Economic Review), 12 Jan 2024
    (
        "China’s 2023 two-way trade with Russia hit $240 billion, setting yet another new record, "
        "Chinese customs data showed on Friday, as the two countries pushed for closer economic "
        "ties even as the war in Ukraine continues on.",
        ("actual",),
    ),
    (
        "China-Russia dollar-denominated trade hit $240.1 billion in 2023, growing 26.3% from a "
        "year earlier, according to the data by China’s General Administration of Customs.",
        ("actual", "change"),
    ),
    (
        "Chinese shipments to Russia jumped 46.9% in 2023 from a year earlier, and soared 64.2% "
        "compared with 2021, before the Russia-Ukraine war, the customs data showed.",
        ("change", "change"),
    ),
    # Reuters, Feb 2023 (ECB Survey of Professional Forecasters)
    (
        "Euro zone inflation is set to decline to 2.1% in 2025, just a shade above the European "
        "Central Bank’s target, an ECB poll of economists forecast on Friday.",
        ("forecast",),
    ),
    (
        "Poll respondents put inflation at 5.9% this year and 2.7% the next, a slight increase "
        "from the previous survey round in October, the survey showed.",
        ("forecast", "forecast"),
    ),
    (
        "They then expected inflation to fall to 2.1% in 2025, which was not part of the survey "
        "in October, and stabilise there in the long term, the survey showed.",
        ("forecast",),
    ),
    # Reuters (via bdnews24), 5 Mar 2023
    (
        "China set a modest target for economic growth this year of around 5%, according to a "
        "government work report on Sunday, as the National People's Congress (NPC) kicked-off its "
        "annual parliamentary session.",
        ("target",),
    ),
    (
        "China's gross domestic product (GDP) grew by just 3% last year, one of its worst "
        "showings in decades, squeezed by three years of COVID-19 restrictions, crisis in its "
        "vast property sector, a crackdown on private enterprise and weakening demand for Chinese "
        "exports.",
        ("change",),
    ),
    (
        "This year's target around 5% was at the low end of expectations, as policy sources had "
        "recently told Reuters a range as high as 6% could be set.",
        ("target", "target"),
    ),
    # AP, 5 Mar 2023
    (
        "China’s government on Sunday set this year's economic growth target at “around 5%” as it "
        "tries to rebuild business activity following the end of anti-virus controls that kept "
        "millions of people at home.",
        ("target",),
    ),
    (
        "Last year's growth in the world's second-largest economy fell to 3%, the second-weakest "
        "level since at least the 1970s.",
        ("change",),
    ),
    # AP, 5 Mar 2024
    (
        "Chinese Premier Li Qiang has announced that China’s economic growth target for this year "
        "is around 5%, in line with last year’s performance despite forecasts for a slowdown.",
        ("target",),
    ),
    (
        "Last year, the economy grew at a 5.2% pace, but that was after a very slow 3% annual "
        "growth rate in 2022, when the country was enduring the worst disruptions from the "
        "COVID-19 pandemic.",
        ("change", "change"),
    ),
    # AP, 16 Jan 2024
    (
        "Official data released Wednesday showed that the Chinese economy grew 5.2% for 2023, "
        "surpassing the target of ‘about 5%’ that the government had set.",
        ("change", "target"),
    ),
    (
        "China’s economy for the October-December quarter grew at a quicker rate, allowing the "
        "Chinese government to hit its target of about 5% annual growth for 2023 even though "
        "trade data and the economic recovery remain uneven.",
        ("target",),
    ),
    (
        "The growth for 2023 is likely helped by 2022’s GDP of just 3% as China’s economy slowed "
        "due to COVID-19 and a nationwide lockdown.",
        ("change",),
    ),
    # AFP (via The Moscow Times), Jan 2024
    (
        "Trade between China and Russia reached a record $240 billion in 2023, official Chinese "
        "data showed on Friday.",
        ("actual",),
    ),
    (
        "China’s General Administration of Customs Data said two-way with Russia in 2023 grew by "
        "26.3% from the year earlier.",
        ("change",),
    ),
    (
        "Presidents Vladimir Putin and Xi Jinping had originally pledged to boost bilateral trade "
        "in 2023 to $200 billion, a target that Russia’s customs agency said had already been "
        "reached in the fall.",
        ("target",),
    ),
    # AFP (via UrduPoint), 12 Jan 2024
    (
        "China-Russia trade reached more than $240 billion, China Customs figures showed, "
        "overshooting a goal of $200 billion set by the neighbours in bilateral meetings last "
        "year.",
        ("actual", "target"),
    ),
    (
        "The trade figures represented a year-on-year increase of 26.3 percent, according to the "
        "data.",
        ("change",),
    ),
    (
        "Commerce with the United States was valued at $664 billion last year, down 11.6 percent "
        "year-on-year.",
        ("actual", "change"),
    ),
    # AFP (via Prothom Alo), 19 Mar 2023
    (
        "Since Western countries imposed sanctions on Moscow, bilateral trade between the two "
        "neighbours has reached a record $190 billion and the proportion of Russian foreign trade "
        "carried out in yuan has gone from 0.5 per cent to 16 per cent.",
        ("actual", "actual", "actual"),
    ),
    # Al Jazeera (via 1lurer.am), 17 Jan 2024
    (
        "China’s economy grew by 5.2 percent in 2023, hitting the government’s official target, "
        "but concerns about growth momentum remain amid a protracted property crisis, sluggish "
        "consumer and business confidence, and weak global growth.",
        ("change",),
    ),
    (
        "China’s National Bureau of Statistics said gross domestic product (GDP) in the world’s "
        "second-biggest economy also rose by 5.2 percent in the final three months of 2023, "
        "compared with the same period last year.",
        ("change",),
    ),
    (
        "In 2022, China’s economy grew by just 3 percent as a result of prolonged COVID-19 "
        "regulations linked to its zero-COVID policy.",
        ("change",),
    ),
    (
        "After lifting the measures at the end of 2022, Beijing set itself a growth target of "
        "“around five percent” for last year.",
        ("target",),
    ),
    # Xinhua (via People's Daily), 13 Jul 2023
    (
        "China's customs data showed Thursday that the country's total goods imports and exports "
        "expanded 2.1 percent year on year in yuan terms in the first half of 2023.",
        ("change",),
    ),
    (
        "The country saw goods imports and exports exceeding 20 trillion yuan (about 2.8 trillion "
        "U.S. dollars) for the first time in the January-June period, according to the General "
        "Administration of Customs.",
        ("actual", "actual"),
    ),
    (
        "Exports grew 3.7 percent year on year to 11.46 trillion yuan while imports edged down "
        "0.1 percent from a year earlier to 8.64 trillion yuan, the data showed.",
        ("change", "actual", "change", "actual"),
    ),
    # Xinhua (via People's Daily), 17 Jan 2024
    (
        "China's gross domestic product (GDP) posted a growth of 5.2 percent year on year in "
        "2023, higher than the annual target of around 5 percent, data from the National Bureau "
        "of Statistics (NBS) showed Wednesday.",
        ("change", "target"),
    ),
    (
        "The country's GDP reached a record of 126.06 trillion yuan (about 17.71 trillion U.S. "
        "dollars) in 2023, the NBS data showed.",
        ("actual", "actual"),
    ),
    # CNN, 24 May 2023
    (
        "Trade between Russia and China is expected to hit a new record level of $200 billion "
        "this year, according to Russian Prime Minister Mikhail Mishustin during his trip to "
        "China, as Moscow faces growing isolation from the West.",
        ("forecast",),
    ),
    (
        "Last year, bilateral trade jumped nearly 30% to a record $190 billion, mainly boosted by "
        "China buying Russian energy.",
        ("change", "actual"),
    ),
    (
        "This year, their trade continued to surge, up 41% in the first four months, according to "
        "Chinese customs figures.",
        ("change",),
    ),
    # CNN (via bm.ge), 2022
    (
        "The Russian economy is expected to shrink by 8 to 10% in 2022, according to new "
        "estimates from the Russian Central Bank.",
        ("forecast",),
    ),
    (
        "Earlier this month, the World Bank predicted that Russian GDP would contract by 11.2% in "
        "2022 while last week, the IMF forecast a contraction of around 8.5% this year.",
        ("forecast", "forecast"),
    ),
    (
        "The forecasts came as the Central Bank cut Russian interest rates from 17% to 14%.",
        ("actual", "actual"),
    ),
    (
        "Price increases are still expected to remain high though, the bank is now forecasting "
        "inflation of 18 to 23% in 2022, slowing down to 5-7% in 2023, CNN reports.",
        ("forecast", "forecast"),
    ),
    # Bloomberg (via The Kyiv Independent), 9 May 2022
    (
        "The country’s gross domestic product is expected to shrink by 12% as a result of the "
        "Western sanctions imposed due to Russia's aggression against Ukraine, according to an "
        "internal Finance Ministry forecast obtained by Bloomberg.",
        ("forecast",),
    ),
    # The Moscow Times (citing Vedomosti), Jul 2023
    (
        "Russia exported 10.5 million tons of crude oil to China in June, breaking the previous "
        "record of 9.71 million tons set in May and marking a 44% increase from last year.",
        ("change",),
    ),
    (
        "But while trade volumes were up, revenues slumped from $29 billion in January-June 2022 "
        "to $28 billion in the first half of this year.",
        ("actual", "actual"),
    ),
    (
        "The Russian government expects to ramp up energy deliveries to China by 40% in 2023.",
        ("forecast",),
    ),
    (
        "Russia’s trade with China jumped 30% last year to a record $191 billion, according to "
        "Chinese customs data.",
        ("change", "actual"),
    ),
    (
        "Chinese leader Xi Jinping and Russian President Vladimir Putin pledged to boost trade to "
        "$200 billion in 2023 as they hailed their “no limits” partnership.",
        ("target",),
    ),
    # The Moscow Times, 7 Aug 2024
    (
        "Russia’s two-way trade with China rose to $136.67 billion between January and July, a "
        "1.6% increase compared to last year, the Kommersant business daily reported Wednesday.",
        ("actual", "change"),
    ),
    # Business Insider, Sep 2023
    (
        "The neighbors have traded goods and services worth $155 billion in the first eight "
        "months of 2023, with that figure expected to hit to $200 billion by year-end, per "
        "Moscow's projections.",
        ("actual", "forecast"),
    ),
    (
        "Customs data published Thursday showed that Chinese imports from Russia jumped more than "
        "25% to a record $11.5 billion in August.",
        ("change", "actual"),
    ),
    # ForexLive, 23 May 2023
    (
        "And that figure is expected to increase further to $200 billion and above this year.",
        ("forecast",),
    ),
    # Vestnik Kavkaza, 24 May 2023 and 11 Jan 2023
    (
        "The bilateral trade turnover between Russia and China may exceed the benchmark of $200 "
        "billion this year, Russian Prime Minister Mikhail Mishustin said on Wednesday during "
        "talks with premier of the State Council of China Li Qiang.",
        ("forecast",),
    ),
    (
        "He added that 70% of transactions between Russia and China are already conducted in "
        "local currencies - the Russian ruble and the Chinese yuan.",
        ("actual",),
    ),
    (
        "The Chinese diplomat said annual bilateral trade was setting records year after year, "
        "and the turnover in 2022 is forecasted to exceed $180 billion.",
        ("forecast",),
    ),
    # Commersant (Georgia), Oct 2023
    (
        "Russian-Chinese trade turnover is rapidly increasing and this year could reach $215-220 "
        "bln, according to Russia’s Minister of Economic Development of Maxim Reshetnikov.",
        ("forecast",),
    ),
    ('"We will undoubtedly surpass the $200 bln mark this year.', ("forecast",)),
    ("Some estimates range from $215 to $220 bln.", ("forecast",)),
    (
        "Chinese exports increased by 56.9% to $81.43 bln, while Russian Federation imports "
        "increased by 12.7% to $94.98 bln.",
        ("change", "actual", "change", "actual"),
    ),
    # Firstpost, 15 Feb 2023
    (
        "In January, the International Monetary Fund (IMF) predicted that global consumer price "
        "hikes would decline to 6.6 per cent in 2023, against 6.5 per cent it predicted in last "
        "year in October.",
        ("forecast", "forecast"),
    ),
    (
        "World gross domestic product will likely grow an estimated 2.9 per cent in 2023, 0.2 "
        "percentage point more than forecast in October, IMF had said.",
        ("forecast",),
    ),
    # The Hindu, 11 Oct 2022
    (
        "The IMF said global GDP growth next year will slow to 2.7%, compared to a 2.9% forecast "
        "in July, as higher interest rates slow the U.S. economy, Europe struggles with spiking "
        "gas prices and China contends with continued COVID-19 lockdowns and a weakening property "
        "sector.",
        ("forecast", "forecast"),
    ),
    # Famagusta Gazette (citing TASS), 2023
    (
        "Russia's economy is expected to increase by about 2.8 percent in 2023 after shrinking 2 "
        "percent last year, Russia's Tass news agency reported Saturday, citing Finance Minister "
        "Anton Siluanov.",
        ("forecast", "change"),
    ),
    ("“We expect the economy to grow around 2.8 to 3 percent this year.", ("forecast",)),
    (
        "According to an earlier forecast by Bank of Russia, the country's GDP growth rate would "
        "hit 2.2 to 2.7 percent this year.",
        ("forecast",),
    ),
]

KNOWN_MISSES = {
    '"In accordance with the presidential decree we should have $55.2 bln of [food - TASS] '
    "exports by 2030.": "a decree's goal read as a forecast: 'should' is a forecast cue",
    "Poll respondents put inflation at 5.9% this year and 2.7% the next, a slight increase "
    "from the previous survey round in October, the survey showed.": "a poll's forecast with "
    "no forecast word in its clause ('put inflation at')",
    "This year's target around 5% was at the low end of expectations, as policy sources had "
    "recently told Reuters a range as high as 6% could be set.": "a possible target whose cue "
    "('could be set') comes after the figure",
}
"""The sentences whose kinds the rules still get wrong, and why."""
