"""The weights of the sentiment rules: how much each rule of the pass (``sentiment_pass``) and each
signal of a town's post (``sentiment_posts``) counts. Tuned on the development sets of
``benchmarks/sentiment.py``; change them there, with its figures before and after."""

LACK_WINDOW = 2  # "niets bijzonders", "manque d'originalité"
NEGATION_WINDOW = 3  # tokens after a negator that it may reach ("niet zo'n goed")
NEGATED_POSITIVE = -0.9  # "niet goed": clearly negative
NEGATED_NEGATIVE = -0.5  # "niet slecht": mildly positive
LACK = -0.25  # "Niemand die reageert", "Politie deed niks"
NEGATIVE_WEIGHT = 1.4  # negative evidence counts more (positivity bias of lexicons and of language)
EXCESS = -0.5  # "te duur"
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
CONCESSION = 0.5
IRREALIS = 0.3  # "het zou mooi zijn als…": wished, not asserted
REGRET = -0.4  # "j'aurais aimé…", "il aurait fallu…": an unfulfilled wish
EXCLAIM_STEP = 0.15  # per "!" (at most three) on the sentence's terms
QUESTION_PRAISE = 0.5  # praise inside a question counts half ("Is het zwembad weer open?")
INDIGNATION = -0.3  # "??" or "?!"
CAPS = 1.3
EXCLAMATIVE = 1.3
QUOTED = 0.3  # a quoted title or citation ("« Les Misérables »") is not the writer's own verdict
SARCASM_MAX_WORDS = 3
SARCASM_AFTER = -0.25  # the sentence before must be a complaint
SARCASM_MAX_TEXT = 40
POST_MAX_WORDS = 120  # longer texts (articles, long reviews) are weighed on their words alone

# --- a town's posts (sentiment_posts) ------------------------------------------------------------
SARCASTIC_PRAISE_MAX_TEXT = 30  # words
SARCASTIC_PRAISE_MAX_TERMS = 2  # more praise than this is meant
SARCASTIC_COMPLAINT_SHARE = 0.35  # the complaint must weigh at least this share of the praise
MIN_EVENT_COMPOUND = 8  # "woningbrand", "stroompanne"
REPORT = 0.5  # a post without the writer's own voice (a headline, a press line) weighs its words less
REPORT_NEGATIVE = 0.65  # ... and its criticism a little less
REPORT_VERDICT = 0.85  # ... unless one of them is a strong verdict (weighted value)
REPORT_EVENT = 0.0  # ... and a word that only names a bad event ("brand", "gewond") is news, not anger
QUESTION_COMPLAINT = -0.7  # "Wanneer gaat iemand eindelijk die put maken?"
RECURRENCE = -0.45  # "Weeral geen plaats", "al drie weken", "zoveelste keer"
HINDSIGHT = -0.45  # "Dat hadden ze jaren geleden moeten doen"
HINDSIGHT_REACH = 8  # tokens from "hadden" to its "moeten"
WEAK_PRAISE = 0.3  # "een nieuw zwembad": hardly praise
RECURRENCE_PRAISE = 1.0  # ... in a post whose complaint weighs at least this share of its praise
BARE_NEGATION = -0.3  # "Bus gewoon niet gekomen", "De gemeente luistert niet": a lack, in a resident's voice
COMPLAINT_EVIDENCE = -0.25  # what sarcasm needs to be read as sarcasm
VERDICT_WORDS = 2  # "Fijn.", "Zonde.": a sentence of a word or two with a sentiment word
SCARE_QUOTES = 0.3  # the complaint that one word in quotes carries ('een "tijdelijke" omleiding')
SARCASM_WORDED = 0.6  # ... when the complaint is only in words
