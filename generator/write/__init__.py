"""Write: rendered pages merged with what a human wrote, written only where their bytes change,
with backlinks, and hand-edit conflicts set aside."""
