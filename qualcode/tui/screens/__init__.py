"""Screens and dialogs of the workbench; dialogs are ModalScreens that dismiss with their result."""
