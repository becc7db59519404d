"""What the tray shows, kept apart from the widgets that show it."""
