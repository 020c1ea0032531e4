"""django-import-export resources: the files the offices import."""
