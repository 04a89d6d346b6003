"""Files for other programs and people: ``--export`` documents of a view (SVG, HTML, text) and ``data export``'s writers."""
