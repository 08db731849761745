"""Questions that ask how much or how many: which sentences state such an amount."""

from __future__ import annotations

import pytest

from assistant.answer.amounts import asks_for_amount, states_amount


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Wie viele Mitglieder hat der Verband?", True),
        ("Wieviel zahlt jede Gemeinde?", True),
        ("Wie hoch ist die Umlage?", True),
        ("Welcher Betrag ist zu zahlen?", True),
        ("Wer vertritt den Zweckverband?", False),
        ("Wie wird ein Zweckverband gegründet?", False),
    ],
)
def test_questions_asking_for_an_amount_are_recognised(question: str, asks: bool) -> None:
    assert asks_for_amount(question) is asks


def test_a_number_with_a_measure_is_an_amount() -> None:
    question = "Wie viel zahlt jede Gemeinde?"
    assert states_amount("Die Stadt trägt 60 Prozent, die Gemeinden je 20 Prozent.", question)
    assert states_amount("Der Umsatz darf 17 500 Euro nicht übersteigen.", question)
    assert states_amount("Beschlüsse bedürfen einer Mehrheit von zwei Dritteln.", question)
    assert states_amount("Die Umlage bemisst sich nach dem Verhältnis der Einwohnerzahlen.", question)


def test_numbers_of_legal_references_and_plain_text_are_no_amount() -> None:
    question = "Wie viele Mitarbeiter hat der Verband?"
    assert not states_amount("## § 57 Bedienstete\n\n(1) Der Verband kann Beamte haben.", question)
    assert not states_amount("Nach Art. 28 Abs. 2 GG regeln Gemeinden ihre Angelegenheiten selbst.", question)
    assert not states_amount("Der Verband stellt die erforderlichen Dienstkräfte ein.", question)


def test_a_period_answers_only_a_question_about_time() -> None:
    text = "Die Vereinbarung kann frühestens nach fünf Jahren gekündigt werden."
    assert states_amount(text, "Wie viele Jahre muss die Vereinbarung mindestens laufen?")
    assert not states_amount(text, "Wie viel Fördergeld gibt es für die Zusammenarbeit?")


def test_a_question_bound_to_a_period_needs_a_figure_not_a_rule() -> None:
    rule = "Das Aufkommen wird im Verhältnis der Kapitalanteile verteilt."
    assert states_amount(rule, "Wie viel Gewerbesteuer erhält jede Gemeinde?")
    assert not states_amount(rule, "Wie viel Gewerbesteuer hat der Verband im letzten Jahr eingenommen?")
    # "im letzten Jahr" names a period; it does not ask how long something lasts
    assert not states_amount("Die Frist beträgt zwei Jahre.", "Wie viel hat der Verband im letzten Jahr eingenommen?")
