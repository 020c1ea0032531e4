"""R-13, R-22.1: the key-enterprise list of each year, kept by the Economic Services Bureau."""
