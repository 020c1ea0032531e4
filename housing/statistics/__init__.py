"""Figures of the measures' work for oversight (Arts. 5, 6, 35–38): the CCB, each responsible unit within its own
groups, the Joint Meeting and discipline inspection read them; nothing here writes (docs/decisions/0036)."""
