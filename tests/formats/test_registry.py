"""One registry of formats: each format module is reachable from FORMATS, and each entry renders."""

import pkgutil

import gapcli.exports
import gapcli.formats
from gapcli.exports.document import EXPORTS
from gapcli.formats import DATA_ONLY, FORMATS, formatter
from gapcli.views.blocks import Column, Grid, View

FORMAT_HELPERS = {"cells"}  # cell text shared by the formats, not a format
# the data export writers (`data export`), not exports of a view: they have their own command
DATA_EXPORTS = {"records", "database", "datasette"}


def test_every_format_module_is_registered():
    """Output formats (--format) and export formats (--export FILE.suffix) each have one registry."""
    formats = {info.name for info in pkgutil.iter_modules(gapcli.formats.__path__)}
    assert formats - FORMAT_HELPERS == {entry.partition(":")[0] for entry in FORMATS.values()}
    exports = {info.name for info in pkgutil.iter_modules(gapcli.exports.__path__)}
    assert exports - DATA_EXPORTS == {entry.partition(":")[0] for entry in EXPORTS.values()}


def test_every_format_renders_a_view():
    view = View({"a": 1}, [{"a": 1}], [Grid([Column("A", "number")], [[1]])], ["a"])
    for fmt in FORMATS:
        assert "1" in formatter(fmt)(view), fmt
    assert set(DATA_ONLY) <= set(FORMATS)


def test_every_cli_format_choice_is_a_registered_format(run, catalog):
    """--format takes each registered format, and prints what that format's function makes of the view."""
    from gapcli import api
    from gapcli.views.cards import card_view

    expected = card_view(api.card("ct", 2021, catalog=catalog))
    for fmt in FORMATS:
        result = run("show", "ct@2021", "--format", fmt)
        assert result.exit_code == 0 and result.stdout == formatter(fmt)(expected), fmt
    refused = run("show", "ct", "--format", "xml")
    assert refused.exit_code == 2 and f"expected one of {', '.join(FORMATS)}; got 'xml'" in refused.stderr
