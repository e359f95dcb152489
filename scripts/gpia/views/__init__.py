"""Views: HTML and Markdown fragments for pages, computed from the model. No mkdocs here."""
