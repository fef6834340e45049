"""REST API of the consultation (mounted at /api/v1/consultations/)."""
