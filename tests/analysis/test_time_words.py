"""Words that only say when: times of day, dates, weekdays, months and parts of the day, in Dutch
(with Flemish forms), English and French; numbers that are no time (112, 2026) stay."""

from __future__ import annotations

from newsroom.analysis.time_words import is_time_term, is_time_word


def test_times_of_day_and_dates_are_time_words() -> None:
    for word in ("14u", "14u30", "14h", "14h30", "14:05", "9.30u", "20min", "5u", "17/11", "17-11-2026",
                 "2026-11-17", "17/11/26"):
        assert is_time_word(word), word


def test_parts_of_the_day_weekdays_and_months_in_three_languages() -> None:
    for word in ("minuten", "uur", "vanmiddag", "voormiddag", "namiddag", "gisteravond", "morgens", "nov",
                 "okt", "Dinsdag", "weekend", "tonight", "noon", "December", "après-midi", "minuit",
                 "janvier", "août"):
        assert is_time_word(word), word


def test_numbers_names_and_subjects_are_no_time_words() -> None:
    for word in ("112", "2026", "47", "Jan", "storm", "Stationsstraat", "wachten", "bus", "uurwerk",
                 "Midi", "journée", "soirée"):    # "Gare du Midi", "journée portes ouvertes": no times
        assert not is_time_word(word), word
    assert is_time_term("dinsdag 14u") and is_time_term("17/11 vanavond")
    assert not is_time_term("uur wachten") and not is_time_term("bus 47")


def test_two_time_words_written_as_one_are_a_time_word() -> None:
    """Dutch glues a weekday and a part of the day ("zaterdagochtend"): a name held it ("Zaterdagochtend
    Weerd") while "zaterdag" and "ochtend" alone were cut."""
    for word in ("zaterdagochtend", "Zondagavond", "maandagmorgen", "vrijdagnacht", "woensdagmiddag"):
        assert is_time_word(word), word
    for word in ("nachtwinkel", "dagjes", "middagmaal", "jaarmarkt", "weekblad", "avondmarkt"):
        assert not is_time_word(word), word
