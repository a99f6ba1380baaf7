"""visitation_app: plans, runs and documents visitation meetings, offline."""

__version__ = "0.1.0"
APP_NAME = "visitation_app"
APP_AUTHOR = "visitation_app"
