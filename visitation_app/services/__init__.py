"""Use cases shared by the windows and the command line: one function per thing a chair does."""
