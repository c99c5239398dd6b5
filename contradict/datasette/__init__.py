"""What ``contradict serve`` adds to Datasette: metadata, templates, the finding page plugin."""
