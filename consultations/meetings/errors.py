from workflows.errors import WorkflowError


class RateLimited(WorkflowError):
    """Too many actions of one kind from one person in one meeting (429)."""

    status = 429
    code = "rate_limited"
