"""Goal lists → phrases: the card's own words, or a known phrase its words name; nothing else.

Hand-built known phrases for the logic; the catalog's (framework and bundled cards) for the
trial's Vermont lists, whose right reading is written out here from the card's sentences.
"""

import pytest

from gapcli.errors import ParseError
from gapcli.importer.batch import known_from
from gapcli.importer.goalphrases import KnownPhrases, read_highlights


def goals(body: str, known: KnownPhrases, issue: int = 6) -> tuple[str, ...]:
    met, gaps, _ = read_highlights(f"Gaps remain in areas related to {body}.", known, issue, "card.txt", 1)
    assert met == ()
    return gaps


TRAINING = KnownPhrases({6: ["training for law enforcement", "training for prosecutors", "prevention education"]})


def test_a_shared_head_goes_only_where_it_makes_a_known_phrase():
    assert goals("training for law enforcement, prosecutors, and school personnel", TRAINING) == (
        "training for law enforcement",
        "training for prosecutors",
        "school personnel",  # "training for school personnel" is not known: the card's words, to check
    )


def test_an_item_with_a_head_of_its_own_keeps_it():
    known = KnownPhrases({2: ["screening through child welfare", "expanded non-criminalization"]})
    body = "screening through child welfare, expanded non-criminalization, and child abuse definitions"
    assert goals(body, known, 2) == (
        "screening through child welfare",
        "expanded non-criminalization",
        "child abuse definitions",
    )


def test_as_well_as_ends_the_list_the_head_is_shared_in():
    body = "training for law enforcement and prosecutors as well as prevention education"
    assert goals(body, TRAINING) == ("training for law enforcement", "training for prosecutors", "prevention education")


def test_x_and_y_is_split_only_where_both_halves_are_known():
    known = KnownPhrases({5: ["hearsay exceptions", "victim supports", "restitution and civil remedies"]})
    assert goals("hearsay exceptions and victim supports", known, 5) == ("hearsay exceptions", "victim supports")
    assert goals("hearsay exceptions and jury instructions", known, 5) == ("hearsay exceptions and jury instructions",)
    assert goals("restitution and civil remedies", known, 5) == ("restitution and civil remedies",)  # known whole


def test_a_comma_inside_a_known_phrase_does_not_split_it():
    known = KnownPhrases({5: ["alternatives to live, in-court testimony", "privileged communications"]})
    body = "alternatives to live, in-court testimony and privileged communications"
    assert goals(body, known, 5) == ("alternatives to live, in-court testimony", "privileged communications")


def test_a_known_phrase_is_found_without_the_hyphen_plain_pdftotext_drops():
    known = KnownPhrases({2: ["non-criminalization for prostitution offenses"]})
    assert goals("noncriminalization for prostitution offenses", known, 2) == (
        "non-criminalization for prostitution offenses",
    )


def test_phrases_are_known_per_issue_area():
    assert goals("law enforcement, prosecutors", TRAINING, issue=3) == ("law enforcement", "prosecutors")


@pytest.mark.parametrize(
    "issue, body, expected",
    [
        (
            2,
            "screening through child welfare and the juvenile justice system, expanded non-criminalization, "
            "juvenile court jurisdiction, child abuse definitions, and non-familial trafficking cases",
            (
                "screening through child welfare",
                "screening through the juvenile justice system",
                "expanded non-criminalization",
                "juvenile court jurisdiction",
                "child abuse definitions",
                "non-familial trafficking cases",
            ),
        ),
        (
            6,
            "training for law enforcement, prosecutors, and school personnel as well as prevention education in schools",
            (
                "training for law enforcement",
                "training for prosecutors",
                "training for school personnel",
                "prevention education in schools",
            ),
        ),
        (5, "hearsay exceptions and victim supports", ("hearsay exceptions", "victim supports")),
        (
            3,
            "services through a non-punitive system and extended foster care services",
            ("services through a non-punitive system", "extended foster care services"),
        ),
        (
            5,
            "alternatives to live, in-court testimony and privileged communications",
            ("alternatives to live, in-court testimony", "privileged communications"),
        ),
    ],
)
def test_the_trial_vermont_lists_with_the_catalogs_known_phrases(catalog, issue, body, expected):
    assert goals(body, known_from(catalog)(catalog.framework(2021)), issue) == expected


def test_a_list_head_joined_to_a_symbol_is_refused_not_guessed():
    """Found by the mutation test: "defenses. ¡Gaps remain in areas related to ..." stored "defenses. ¡"."""
    text = "Policy goals accomplished in areas related to decoy defenses. ¡Gaps remain in areas related to financial penalties."
    with pytest.raises(ParseError, match=r"issue area 1: a goal list's head is joined to '¡Gaps remain '"):
        read_highlights(text, KnownPhrases({}), 1, "card.txt", 3)
    met, gaps, _ = read_highlights(text.replace("¡", ""), KnownPhrases({}), 1, "card.txt", 3)
    assert (met, gaps) == (("decoy defenses",), ("financial penalties",))


def test_a_comma_after_a_dangling_word_keeps_the_card_s_spacing():
    """Found by the mutation test: "education in , schools" was stored as "education in, schools"."""
    assert goals("training for prosecutors and prevention education in , schools", KnownPhrases({})) == (
        "training for prosecutors and prevention education in , schools",
    )
