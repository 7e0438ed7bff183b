"""Words glued together by scraping: "visitRussiaearly" -> "visit Russia early".

Scrapers drop the space where a link or a tag ended ("withPresident Vladimir Putina trip",
"onFacebookandTwitter", "Thursday,said"). A token is repaired only when it looks glued: its
letters are not a word of ``wordsegment``'s unigram table (about 333,000 words with Google
web counts) nor a caller's name, and ``wordsegment`` splits it into pieces that are each a
frequent word or a known name. Everything else is left exactly as it was, because splitting
a real word ("Tencent" -> "Ten cent", "Covid" -> "Co vid") does more harm than leaving glue.

Rules, in the order they are applied to one whitespace-delimited token:

1. A comma between two letters gets a space after it ("counterpart,China’s"); commas between
   digits ("1,000") and tokens that look like URLs, handles or hashtags are left alone.
2. Surrounding punctuation and a possessive ('s, ’s) are set aside and put back afterwards.
   The rest must be 5 to 64 ASCII letters, not all capitals and without two capitals in a
   row (acronyms: "OpenAI", "JPMorgan"); digits, hyphens, @, # and / rule a token out.
3. A token whose lowercase form is in the unigram table or wordsegment's list of 178,000
   English words, or is a known name, is kept.
4. The segmenter runs on the lowercase token and its split points are mapped back to the
   original characters, so case is kept ("PresidentXi" -> "President Xi").
5. A capitalised piece that is a Hanyu Pinyin syllable absorbs the lowercase pinyin pieces
   after it: Chinese given names are written as one word, and the segmenter cuts unknown
   ones into syllables ("Guanzhong" -> guan|zhong stays "Guanzhong"; "Jinpingwill" ->
   "Jinping will" even when Jinping is not a known name).
6. Every piece must be a word, else the token is kept whole: a known name or pinyin name;
   "a" or "I"; a two-letter function word; a three-letter function word or one counted at
   least ``MIN_COUNT_SHORT`` times; a longer word counted at least ``MIN_COUNT`` times; any
   word of the table where a capital follows a lowercase letter ("withBremmer"); or one
   rare capitalised word of six letters or more among common words ("Twitterthat").
   A split after a prefix ("anti|western") or before a suffix ("Party|gate") is refused.

Examples
--------
>>> repair("Chinese PresidentXi Jinpingwill visitRussiaearly", names=["Xi Jinping"])
'Chinese President Xi Jinping will visit Russia early'
>>> repair("Follow us onFacebookandTwitter.")
'Follow us on Facebook and Twitter.'
>>> repair("Guanzhong said TikToks and BlackRock cost 1,000 dollars")
'Guanzhong said TikToks and BlackRock cost 1,000 dollars'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import polars as pl
import wordsegment

# wordsegment's table totals ~1.02e12 words. 1e6 (about one in a million words) keeps the
# vocabulary of news prose and drops the rare strings the segmenter reaches for when it has
# to cover an unknown name: "uleb" (Kuleba), "sapp" (WhatsApp), "skov" (Peskov), "tik".
MIN_COUNT = 1e6
# Three-letter pieces need 1e8 (about the 1,000 most common words): unknown names are cut
# into three-letter chunks of 1e7-5e7 ("Ten|cent", "Rosa|tom", "Vol|odin", "Don|bas"),
# while the short words that meet a glue point are common ("the", "and", "war", "use").
MIN_COUNT_SHORT = 1e8
# Known names get a count like "with" so the segmenter prefers them to their pieces:
# without it, "putina" is put|in|a; 1e8 is the least that fixes it, 1e9 leaves a margin.
NAME_COUNT = 1e9
LONG_LETTERS = 6
MIN_LETTERS = 5
MAX_LETTERS = 64


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Two- and three-letter pieces are accepted from this closed class (or, for three letters,
# from counts above MIN_COUNT_SHORT): the table's other two-letter entries are abbreviations
# and codes ("st", "re", "co", "ny", "ak") that the segmenter uses to cover names.
FUNCTION_WORDS = _words(
    """
    am an as at be by do go he if in is it me my no of on or so to up us we
    ago all and any are but can did few for had has her him his how its may new nor not now
    off one our out own per she the too two via was who why yet you
    """
)
# Prefixes and suffixes: a split after a prefix (unless a function word follows, as in
# "overthe") or before a suffix breaks a compound or derived word the tables do not know
# ("antiwestern", "overbrutal", "Partygate", "wokeness"); it is not glue.
PREFIXES = _words(
    "anti aqua auto be bio counter cyber eco electro geo hydro hyper inter macro mega micro mini "
    "mono multi neo neuro non omni out over photo poly post pre pro pseudo psycho quasi retro "
    "semi sino sub super tele thermo trans ultra under"
)
SUFFIXES = _words(
    "able gate hood ible isation ism isms ist ists ization ize ized ise ised less like ment ness "
    "ology phobia ship wards ward wise"
)
# Hanyu Pinyin syllables without tones, by initial (ü written as u or v).
PINYIN = _words(
    """
    a ai an ang ao e ei en eng er o ou
    ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
    pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
    fa fan fang fei fen feng fo fou fu
    da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
    ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
    na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun
    nuo nv nue nve
    la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan
    lun luo lv lue lve
    ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
    ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
    ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
    ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
    xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
    zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
    zhun zhuo
    cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun
    chuo
    sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun
    shuo
    ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
    za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
    ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
    sa sai san sang sao se sen seng si song sou su suan sui sun suo
    ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
    wa wai wan wang wei wen weng wo wu
    """
)

# The same character classes serve Python's re and polars' Rust regex: no lookaround, and
# only [ ] \ ^ - escaped inside a class.
_LEAD = "\"'“”‘’«»(\\[{*_"
_TRAIL = "\"'“”‘’«»)\\]}.,;:!?*_…"
_POSSESSIVE = "['’]s"
_TOKEN = re.compile(
    rf"(?P<lead>[{_LEAD}]*)(?P<core>[A-Za-z]+)(?P<possessive>(?:{_POSSESSIVE})?)"
    rf"(?P<trail>[{_TRAIL}]*)"
)
_CORE_PATTERN = rf"^[{_LEAD}]*([A-Za-z]+)(?:{_POSSESSIVE})?[{_TRAIL}]*$"
_GLUED_COMMA_PATTERN = r"[A-Za-z],[A-Za-z]"
_GLUED_COMMA = re.compile(r"(?<=[A-Za-z]),(?=[A-Za-z])")
_LINK_LIKE = re.compile(r"[/@#]|www\.", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z]{2}")
# Unicode White_Space spelled out, so Python and polars cut tokens at the same places.
_SPACE = " \t\n\r\f\v\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WORD_PATTERN = f"[^{_SPACE}]+"
_WORD = re.compile(_WORD_PATTERN)
# Only whole tokens with five letters in a row or a comma between letters can change; asking
# polars for just those halves the time of taking every token.
_CANDIDATE_PATTERN = f"[^{_SPACE}]*(?:[A-Za-z]{{{MIN_LETTERS}}}|[A-Za-z],[A-Za-z])[^{_SPACE}]*"
_WORDS_AND_SPACES = f"[^{_SPACE}]+|[{_SPACE}]+"


@cache
def _base_segmenter() -> wordsegment.Segmenter:
    # Reading ~333k unigrams and ~258k bigrams takes about half a second: once per process.
    segmenter = wordsegment.Segmenter()
    segmenter.load()
    return segmenter


@cache
def _base_vocabulary() -> frozenset[str]:
    # The unigram table plus wordsegment's 178k-word list, which adds ~99k real words the
    # web counts lack ("micromanaged", "firestorms", "endemically"): never split those.
    segmenter = _base_segmenter()
    return frozenset(segmenter.unigrams) | frozenset(segmenter.words)


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The lowercase ASCII words of ``names``, each at least two letters long.

    Examples
    --------
    >>> sorted(name_words(["Xi Jinping", "Mr. Xi", "O'Brien", "Путин"]))
    ['brien', 'jinping', 'mr', 'xi']
    """
    if isinstance(names, str):
        msg = f"names must be an iterable of names, not the string {names!r}"
        raise TypeError(msg)
    return frozenset(
        word.lower() for name in names for word in re.findall(r"[A-Za-z]+", name) if len(word) > 1
    )


@dataclass(frozen=True)
class Repairer:
    """Repairs glued tokens using wordsegment's table plus a set of known names.

    Build it with :meth:`from_names`. It remembers the segmentation of every token that
    gets as far as the segmenter, so each distinct candidate is judged once.

    Examples
    --------
    >>> repairer = Repairer.from_names(["Vladimir Putin"])
    >>> repairer.repair_token("Putinalready")
    'Putin already'
    >>> repairer.repair_token("Kuleba,")
    'Kuleba,'
    """

    names: frozenset[str]
    segmenter: wordsegment.Segmenter = field(repr=False, compare=False)
    _splits: dict[str, tuple[str, ...] | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def from_names(cls, names: Iterable[str] = ()) -> Repairer:
        """A repairer that knows ``names`` (people, places, brands: any word to keep)."""
        words = name_words(names)
        base = _base_segmenter()
        segmenter = wordsegment.Segmenter()
        # Unigrams are copied (a few ms) so the shared table and wordsegment's globals stay
        # untouched; the big bigram table is only read, so it is shared.
        segmenter.unigrams = dict(base.unigrams)
        segmenter.bigrams = base.bigrams
        segmenter.total = base.total
        segmenter.limit = base.limit
        for word in words:
            segmenter.unigrams[word] = max(segmenter.unigrams.get(word, 0.0), NAME_COUNT)
        return cls(names=words, segmenter=segmenter)

    def count(self, word: str) -> float:
        """The unigram count of a lowercase ``word`` (0 when unknown)."""
        return self.segmenter.unigrams.get(word, 0.0)

    def repair_token(self, token: str) -> str:
        """``token`` (no whitespace) with glued words and commas spaced, or unchanged."""
        if _GLUED_COMMA.search(token) and not _LINK_LIKE.search(token):
            return ", ".join(self.repair_token(part) for part in _GLUED_COMMA.split(token))
        match = _TOKEN.fullmatch(token)
        if match is None:
            return token
        pieces = self.split(match["core"])
        if pieces is None:
            return token
        return match["lead"] + " ".join(pieces) + match["possessive"] + match["trail"]

    def repair(self, text: str) -> str:
        """``text`` with every glued token repaired; whitespace is kept as it was."""
        return _WORD.sub(lambda match: self.repair_token(match.group()), text)

    def split(self, word: str) -> list[str] | None:
        """The pieces of a glued ``word`` in its own case, or None if it should stay whole.

        Examples
        --------
        >>> Repairer.from_names().split("closertensions")
        ['closer', 'tensions']
        >>> Repairer.from_names().split("Jiangtao") is None
        True
        """
        if not (MIN_LETTERS <= len(word) <= MAX_LETTERS) or not word.isascii():
            return None
        if not word.isalpha() or _ACRONYM.search(word):
            return None
        lower = word.lower()
        if lower in _base_vocabulary() or lower in self.names:
            return None
        if word not in self._splits:
            self._splits[word] = self._split(word) if self._coverable(word) else None
        pieces = self._splits[word]
        return None if pieces is None else list(pieces)

    def _split(self, word: str) -> tuple[str, ...] | None:
        pieces, runs = _join_pinyin_runs(_in_case(word, self.segmenter.segment(word.lower())))
        if len(pieces) < 2 or not self._all_valid(pieces, runs, word):
            return None
        return tuple(pieces)

    def _coverable(self, word: str) -> bool:
        # A cheap test (~10 us) before the segmenter (~300 us): can pieces that might pass
        # ``_kind`` spell the word at all? Most unknown names and typos cannot ("Kuleba").
        lower, size = word.lower(), len(word)
        reachable = [True] + [False] * size
        for start in range(size):
            if not reachable[start]:
                continue
            camel = start > 0 and word[start - 1].islower() and word[start].isupper()
            for end in range(start + 1, min(size, start + self.segmenter.limit) + 1):
                if not reachable[end] and self._might_pass(lower[start:end], camel=camel):
                    reachable[end] = True
        return reachable[size]

    def _might_pass(self, piece: str, *, camel: bool) -> bool:
        if piece in self.names or piece in FUNCTION_WORDS or piece in PINYIN:
            return True
        if len(piece) == 1:
            return piece in ("a", "i")
        count = self.count(piece)
        if camel or len(piece) >= LONG_LETTERS:
            return count > 0
        return count >= (MIN_COUNT_SHORT if len(piece) <= 3 else MIN_COUNT)

    def _all_valid(self, pieces: list[str], runs: set[int], word: str) -> bool:
        if pieces[-1].lower() in SUFFIXES:
            return False
        if pieces[0].lower() in PREFIXES and pieces[1].lower() not in FUNCTION_WORDS:
            return False
        kinds, start = [], 0
        for index, piece in enumerate(pieces):
            camel = start > 0 and word[start - 1].islower() and piece[0].isupper()
            kinds.append(self._kind(piece, camel=camel, run=index in runs))
            start += len(piece)
        if "invalid" in kinds:
            return False
        if "rare" not in kinds:
            return True
        # One rare long capitalised word ("Twitter" in "Twitterthat") is trusted only next
        # to common words of three letters or more: names end in "is", "as", "a"
        # ("Landsberg|is" would otherwise pass).
        others = [piece for piece, kind in zip(pieces, kinds, strict=True) if kind != "rare"]
        return kinds.count("rare") == 1 and all(
            len(piece) >= 3 and self.count(piece.lower()) >= MIN_COUNT for piece in others
        )

    def _kind(self, piece: str, *, camel: bool, run: bool) -> str:
        # "common": a known name, a pinyin name, a frequent word; "camel" and "rare": a word
        # only the context vouches for; "invalid": a fragment the segmenter made up.
        lower = piece.lower()
        if lower in self.names:
            return "common"
        if len(piece) == 1:
            # Only "a" and "I" are words; "i|Phones", "Mile|i" are not glue.
            return "common" if piece in ("a", "I") else "invalid"
        if run:
            # A capitalised run of two or more syllables is a Chinese given name; it must
            # not be one the segmenter would cut differently, or a second pass would.
            return "common" if self.split(piece) is None else "invalid"
        count = self.count(lower)
        if camel and count > 0:
            # A capital right after a lowercase letter ("PresidentXi", "withBremmer") is
            # itself evidence of a missing space: any known word will do.
            return "camel"
        if len(piece) <= 3:
            short_ok = lower in FUNCTION_WORDS or (len(piece) == 3 and count >= MIN_COUNT_SHORT)
            return "common" if short_ok else "invalid"
        if count >= MIN_COUNT:
            return "common"
        rare_name = piece[0].isupper() and len(piece) >= LONG_LETTERS and count > 0
        return "rare" if rare_name else "invalid"

    def changes(self, texts: pl.Series) -> pl.DataFrame:
        """Every distinct token of ``texts`` that repair changes: token, repaired, count."""
        tokens = (
            texts.str.extract_all(_CANDIDATE_PATTERN)
            .explode()
            .drop_nulls()
            .alias("token")
            .value_counts(name="count")
        )
        cores = tokens["token"].str.extract(_CORE_PATTERN, 1).str.to_lowercase()
        # The few distinct cores are looked up in the vocabulary's Python set: a polars copy
        # of the 511k words would cost 0.3 s per process to build and hash.
        distinct = cores.drop_nulls().unique()
        vocabulary = _base_vocabulary()
        in_vocabulary = [core in vocabulary for core in distinct.to_list()]
        known = distinct.filter(pl.Series(in_vocabulary, dtype=pl.Boolean))
        unknown = (cores.str.len_chars() >= MIN_LETTERS) & ~cores.is_in(known.implode())
        candidates = tokens.filter(tokens["token"].str.contains(_GLUED_COMMA_PATTERN) | unknown)
        repaired = [self.repair_token(token) for token in candidates["token"]]
        return (
            candidates.with_columns(repaired=pl.Series(repaired, dtype=pl.String))
            .filter(pl.col("token") != pl.col("repaired"))
            .select("token", "repaired", pl.col("count").cast(pl.UInt32))
            .sort(["count", "token"], descending=[True, False])
        )

    def repair_texts(self, texts: pl.Series) -> pl.Series:
        """``texts`` with glued tokens repaired, touching only the texts that have any."""
        changes = self.changes(texts)
        if changes.is_empty():
            return texts.clone()
        old = changes["token"]
        new = changes["repaired"]
        affected = texts.str.contains_any(old.implode()).fill_null(value=False)
        rows = affected.arg_true()
        # Whole whitespace-delimited tokens are looked up, so a repair never fires inside a
        # longer token; tokens and the whitespace between them cover every character, so
        # joining them rebuilds the text exactly.
        repaired = (
            texts.filter(affected)
            .str.extract_all(_WORDS_AND_SPACES)
            .list.eval(pl.element().replace(old, new))
            .list.join("")
        )
        return texts.clone().scatter(rows, repaired)


def _in_case(word: str, pieces: list[str]) -> list[str]:
    # The segmenter lowercases; the pieces have the word's letters, so lengths map back.
    result, start = [], 0
    for piece in pieces:
        result.append(word[start : start + len(piece)])
        start += len(piece)
    return result


def _join_pinyin_runs(pieces: list[str]) -> tuple[list[str], set[int]]:
    # Returns the pieces and the indices of joined runs (two or more syllables).
    joined: list[str] = []
    runs: set[int] = set()
    in_run = False
    for piece in pieces:
        syllable = piece.lower() in PINYIN
        if in_run and syllable and piece[0].islower():
            joined[-1] += piece
            runs.add(len(joined) - 1)
            continue
        joined.append(piece)
        in_run = syllable and piece[0].isupper()
    return joined, runs


@lru_cache(maxsize=8)
def _repairer(names: frozenset[str]) -> Repairer:
    return Repairer.from_names(names)


def repair(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with words glued together by scraping spaced apart.

    Parameters
    ----------
    text
        One article or sentence.
    names
        Known names (profile actors and aliases, brands): their words are never split and
        the segmenter prefers them, so "Putina" is "Putin a" rather than "put in a".

    Returns
    -------
    str
        The text with only glued tokens changed; whitespace is kept as it was.

    Examples
    --------
    >>> repair("talks withPresident Vladimir Putina trip", names=["Vladimir Putin"])
    'talks with President Vladimir Putin a trip'
    >>> repair("his counterpart,China’s minister, said on Thursday,said 1,000")
    'his counterpart, China’s minister, said on Thursday, said 1,000'
    """
    return _repairer(name_words(names)).repair(text)


def repair_texts(texts: pl.Series, *, names: Iterable[str] = ()) -> pl.Series:
    """A corpus with glued words spaced apart, as :func:`repair` does to each text.

    Candidate tokens are found with polars string expressions, each distinct one is judged
    once, and only the texts holding a repaired token are rebuilt.

    Parameters
    ----------
    texts
        String series (nulls stay null).
    names
        Known names, as for :func:`repair`.

    Returns
    -------
    pl.Series
        Same length, name and order as ``texts``.

    Examples
    --------
    >>> texts = pl.Series("text", ["the war thewar", None, "reported theFinancialTimes"])
    >>> repair_texts(texts).to_list()
    ['the war the war', None, 'reported the Financial Times']
    """
    return _repairer(name_words(names)).repair_texts(_strings(texts))


def glued_tokens(texts: pl.Series, *, names: Iterable[str] = ()) -> pl.DataFrame:
    """What :func:`repair_texts` changes: each distinct glued token, its repair and count.

    Parameters
    ----------
    texts
        String series.
    names
        Known names, as for :func:`repair`.

    Returns
    -------
    pl.DataFrame
        Columns ``token`` (as it stands in the text, punctuation included), ``repaired`` and
        ``count`` (occurrences in ``texts``), most frequent first.

    Examples
    --------
    >>> glued_tokens(pl.Series(["Follow onFacebookandTwitter.", "onFacebookandTwitter."]))
    shape: (1, 3)
    ┌───────────────────────┬──────────────────────────┬───────┐
    │ token                 ┆ repaired                 ┆ count │
    │ ---                   ┆ ---                      ┆ ---   │
    │ str                   ┆ str                      ┆ u32   │
    ╞═══════════════════════╪══════════════════════════╪═══════╡
    │ onFacebookandTwitter. ┆ on Facebook and Twitter. ┆ 2     │
    └───────────────────────┴──────────────────────────┴───────┘
    """
    return _repairer(name_words(names)).changes(_strings(texts))


def _strings(texts: pl.Series) -> pl.Series:
    if not isinstance(texts, pl.Series) or texts.dtype not in (pl.String, pl.Null):
        kind = texts.dtype if isinstance(texts, pl.Series) else type(texts).__name__
        msg = f"texts must be a polars String series, got {kind}"
        raise TypeError(msg)
    return texts.cast(pl.String)
