"""Layout stages: from composed views to placed content (slides, handout pages), in pure Python."""
