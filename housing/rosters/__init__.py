"""R-9–11, R-16.2, R-16.8: employers (申请人（用人单位）) submit their talents' applications as a roster; the talent
unit responsible for the employer's group accepts or returns it (docs/decisions/0033-employer-rosters.md)."""
