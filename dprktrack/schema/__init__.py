"""The claims file's schema: the pydantic models, the value rules and what derives from them."""
