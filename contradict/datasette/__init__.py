"""What contradict adds to Datasette: metadata, templates and the finding page plugin.

This package is the plugin Datasette loads (entry point ``datasette``: ``contradict``), so its
``templates`` folder is on Datasette's template path; the hooks live in :mod:`.plugin`.
"""

from .plugin import (
    extra_css_urls,
    extra_template_vars,
    register_routes,
    render_cell,
    startup,
)

__all__ = ["extra_css_urls", "extra_template_vars", "register_routes", "render_cell", "startup"]
