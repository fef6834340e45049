"""Every write of the consultation, one function per user action (see the modules)."""
