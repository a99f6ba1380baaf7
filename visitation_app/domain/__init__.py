"""The rules of a visitation meeting, in plain Python: no Qt, no SQL, no PDF."""
