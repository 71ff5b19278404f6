"""The project database: handovers to Thurrock First, their deliveries, and feedback."""
