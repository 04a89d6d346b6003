"""Views: what each command shows, as blocks (``blocks.View``), independent of the output format.

Every view says over how many cards its figures were computed, and shows what is not
known as not known: a note, a count of its own, or ``?`` — never as zero or "none".
"""
