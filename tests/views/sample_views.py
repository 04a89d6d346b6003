"""A view of every command on the bundled data, for the renderer tests."""

from gapcli import api
from gapcli.views import across as views_across
from gapcli.views import cards as views
from gapcli.views import goals, rank
from gapcli.views import history as views_history
from gapcli.views import plan as views_plan


def every_view(catalog, ct_record):
    fw = catalog.framework(2021)
    return {
        "show": views.card_view(ct_record),
        "states": views.states_view(api.states(2021, catalog=catalog), 2021, catalog.frameworks()),
        "states (every edition)": views.states_view(api.states(None, catalog=catalog), None, catalog.frameworks()),
        "states (PIC)": views.states_view(api.states(2014, catalog=catalog), 2014, catalog.frameworks()),
        "rank (PIC, a section)": rank.rank_view(api.rank(2019, by=5, catalog=catalog)),
        "diff": views_across.diff_view(api.diff("ct", "fl", catalog=catalog)),
        "rank": rank.rank_view(api.rank(catalog=catalog)),
        "gaps": goals.gaps_view(api.gaps(catalog=catalog), "Unmet policy goals, 2021"),
        "gaps --state": goals.state_gaps_view(api.state_gaps("ct", catalog=catalog), "Connecticut", 2021),
        "stats": views_across.stats_view(api.stats(catalog=catalog)),
        "history": views_history.history_view(api.history("tn", catalog=catalog)),
        "history (PIC and later)": views_history.history_view(api.history("ks", catalog=catalog)),
        "show (PIC)": views.card_view(api.card("la", 2014, catalog=catalog)),
        "diff (PIC)": views_across.diff_view(api.diff("la@2014", "nc@2018", catalog=catalog)),
        "stats (PIC)": views_across.stats_view(api.stats(2012, catalog=catalog)),
        "plan (PIC)": views_plan.plan_view(api.plan("ks", 2015, catalog=catalog)),
        "map (PIC)": views_across.map_view(api.tiles(2019, catalog=catalog), catalog.framework(2019), "overall grade"),
        "map": views_across.map_view(api.tiles(catalog=catalog), fw, "overall grade"),
        "plan": views_plan.plan_view(api.plan("ct", catalog=catalog)),
    }
