"""A view of every command on the bundled data, for the renderer tests."""

from gapcli import api
from gapcli.render import views, views_across, views_plan


def every_view(catalog, ct_record):
    fw = catalog.framework(2021)
    return {
        "show": views.card_view(ct_record),
        "states": views.states_view(api.states(2021, catalog), 2021),
        "states (every edition)": views.states_view(api.states(None, catalog), None),
        "diff": views_across.diff_view(api.diff("ct", "fl", catalog)),
        "rank": views.rank_view(api.rank(catalog=catalog)),
        "gaps": views.gaps_view(api.gaps(catalog=catalog), "Unmet policy goals, 2021"),
        "gaps --state": views.state_gaps_view(api.state_gaps("ct", catalog=catalog), "Connecticut", 2021),
        "stats": views_across.stats_view(api.stats(catalog=catalog)),
        "history": views_across.history_view(api.history("tn", catalog)),
        "map": views_across.map_view(api.tiles(catalog=catalog)[0], fw, "overall grade"),
        "plan": views_plan.plan_view(api.plan("ct", catalog=catalog)),
    }
