"""Read: source documents into `Source`s, and the pages of the wiki as a human left them."""
