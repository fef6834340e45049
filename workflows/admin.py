from .admin_lists import register_lists
from .models import AuditEntry, AuditHead, Deadline, LiveEvent, StreamCursor

register_lists(AuditEntry, AuditHead, Deadline, LiveEvent, StreamCursor)
