from workflows.admin_lists import register_lists

from .models import Document, File, Print, Version

# What was published is evidence: read-only.
register_lists(Document, Version, File, Print)
